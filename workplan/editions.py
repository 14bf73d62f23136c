"""Read one edition's tables back from an output folder."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

from workplan.diff import Edition
from workplan.errors import InputError


def editions_in(out_dir: Path) -> list[str]:
    folder = out_dir / "activities"
    return sorted(p.name.split("=", 1)[1] for p in folder.glob("edition=*")) if folder.exists() else []


def read_table(out_dir: Path, table: str, edition: str) -> pd.DataFrame:
    partition = out_dir / table / f"edition={edition}"
    if not partition.exists():
        raise InputError(f"no {table} for edition {edition!r} in {out_dir} (editions there: {', '.join(editions_in(out_dir)) or 'none'})")
    frame = ds.dataset(str(partition), format="parquet").to_table().to_pandas()
    frame.insert(0, "edition", edition)
    return frame


def load_edition(out_dir: Path, edition: str) -> Edition:
    return Edition(edition, *(read_table(out_dir, name, edition) for name in ("priorities", "activities", "participants")))
