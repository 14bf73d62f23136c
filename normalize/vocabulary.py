"""Load the editable data files (Georgian vocabulary, registries) shipped in `normalize/data`."""
from __future__ import annotations

import csv
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"


def load_yaml(name: str, data_dir: Path = DATA_DIR) -> dict:
    with open(data_dir / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_csv(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    with open(data_dir / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
