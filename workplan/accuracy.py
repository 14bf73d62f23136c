"""The measured accuracy of every rendering at hand, on both engines, scored against its gold by
the shared scorer: the table `make bench` writes into docs/accuracy.md."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from workplan.extract.records import ENGINES
from workplan.snapshot import ROOT, SHARED, renderings

FIXTURES = ROOT / "tests" / "fixtures"
ACCURACY_PAGE = ROOT / "docs" / "accuracy.md"
REGISTRY = ROOT / "normalize" / "data" / "organizations.csv"
# Gold and deadline norms by edition: the fixture copy, else the shared one.
GOLDS = {
    "sample": ("workplan_ka_2021_2022.json", "deadline_norms_2021_2022.json"),
    "drift": ("workplan_ka_2026_2028_drift.json", "deadline_norms_2026_2028_drift.json"),
    "english": ("workplan_en_2021_2022.json", "deadline_norms_en_2021_2022.json"),
}


def gold_of(name: str) -> tuple[Path, Path] | None:
    """The gold and norms a rendering is scored against (None: no gold, such as a synthetic edition)."""
    if "synthetic" in name:
        return None
    edition = "english" if "/english/" in name else "drift" if "drift" in name else "sample"
    gold, norms = GOLDS[edition]
    found = [next((p for p in (FIXTURES / "gold" / gold, SHARED / "gold" / gold) if p.exists()), None),
             next((p for p in (FIXTURES / norms, SHARED / "eval" / norms) if p.exists()), None)]
    return (found[0], found[1]) if all(found) else None


def scorer_report(gold: Path, out: Path, norms: Path) -> dict:
    """The shared scorer's report (`score` and its parts) on the tables written in `out`."""
    report = subprocess.run([sys.executable, str(FIXTURES / "score.py"), str(gold), str(out), "--json", "--norms", str(norms),
                             "--registry", str(REGISTRY)], capture_output=True, text=True, check=True)
    return json.loads(report.stdout)


def score(pdf: Path, engine: str, gold: Path, norms: Path, scratch: Path, options: list[str] = ()) -> tuple[float, int]:
    """The scorer's score of one reading (`options`: more of the command line's), and how many
    warnings it gave (0.0, 0 when refused)."""
    out = scratch / f"{pdf.stem}-{engine}"
    done = subprocess.run([sys.executable, "-m", "workplan", "extract", str(pdf), "--out", str(out), "--engine", engine,
                           "--quiet", *options], capture_output=True)
    if done.returncode != 0:
        return 0.0, 0
    import pyarrow.dataset as ds

    warnings = ds.dataset(str(out / "warnings"), format="parquet", partitioning="hive").count_rows()
    return scorer_report(gold, out, norms)["score"], warnings


def accuracy_rows() -> list[tuple[str, dict[str, tuple[float, int]]]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="workplan-accuracy-") as scratch:
        for name, pdf in renderings().items():
            golds = gold_of(name)
            if golds is not None:
                rows.append((name, {engine: score(pdf, engine, *golds, Path(scratch)) for engine in ENGINES}))
                print(f"  {name}: " + ", ".join(f"{e} {s:.4f}" for e, (s, _) in rows[-1][1].items()), file=sys.stderr)
    return rows


def accuracy_page(rows: list[tuple[str, dict[str, tuple[float, int]]]]) -> str:
    lines = [
        "# Measured accuracy",
        "",
        "Every rendering at hand (`tests/fixtures`, `samples`, and `../shared/samples` when present) read on both",
        "engines and scored against its gold by `tests/fixtures/score.py` (1.0 = every priority, activity,",
        "deadline part and participant as the gold has it). Written by `make bench`; a score of 0 is a refusal.",
        "",
        "| rendering | " + " | ".join(f"{e} score (warnings)" for e in ENGINES) + " |",
        "|---|" + "---|" * len(ENGINES),
    ]
    for name, scores in rows:
        lines.append(f"| `{name}` | " + " | ".join(f"{scores[e][0]:.4f} ({scores[e][1]})" for e in ENGINES) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    page = accuracy_page(accuracy_rows())
    ACCURACY_PAGE.parent.mkdir(exist_ok=True)
    ACCURACY_PAGE.write_text(page, encoding="utf-8")
    print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
