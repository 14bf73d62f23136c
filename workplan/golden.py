"""Golden files of the sample: the main tables as CSV, compared whole by the tests and
regenerated with `make golden` (review the diff before committing)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "workplan_2021_2022_ka.pdf"
GOLDEN_DIR = ROOT / "tests" / "fixtures" / "golden"
TABLES = ("priorities", "activities", "deadlines", "participants", "org_lists", "organizations", "warnings")
# Geometry is left out: it is checked separately and would make every layout tweak a golden change.
GEOMETRY = ("x0", "top", "x1", "bottom")


def golden_frame(table) -> pd.DataFrame:
    frame = table.to_pandas()
    frame = frame.drop(columns=[c for c in GEOMETRY if c in frame.columns])
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
            frame[column] = frame[column].map(lambda v: "[" + ", ".join(str(x) for x in list(v)) + "]")
    return frame.astype(object).where(frame.notna(), "").astype(str)


def golden_csv(table) -> str:
    return golden_frame(table).to_csv(index=False, lineterminator="\n")


def main() -> int:
    from workplan.pipeline import process_pdf

    result = process_pdf(SAMPLE)
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        (GOLDEN_DIR / f"{name}.csv").write_text(golden_csv(result.tables[name]), encoding="utf-8")
        print(f"wrote {GOLDEN_DIR.relative_to(ROOT) / (name + '.csv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
