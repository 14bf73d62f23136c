"""Digests of every table of every rendering at hand, on both engines: the guard that a refactor
changed no table (`make snapshot` writes them; `tests/workplan/test_tables_unchanged.py` compares).

A digest proves nothing about correctness (the gold and the scorer do): it only says that the
tables are the ones the code gave when the digests were written.

    python -m workplan.snapshot [--check]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from workplan.extract.records import ENGINES

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "fixtures" / "snapshots" / "tables.json"
SHARED = ROOT.parent / "shared"
# Varies with the release, not with the reading.
UNSTABLE_COLUMNS = ("pipeline_version",)


def renderings() -> dict[str, Path]:
    """Every text-layer or scanned workplan rendering the project and `../shared` hold, by a name
    relative to its root (`fixtures/layouts/kicker.pdf`, `shared/producers/chromium_matrix.pdf`)."""
    found, seen = {}, set()
    roots = {"fixtures": ROOT / "tests" / "fixtures", "samples": ROOT / "samples", "shared": SHARED / "samples"}
    for prefix, root in roots.items():
        for path in sorted(root.rglob("*.pdf")):
            content = hashlib.sha256(path.read_bytes()).digest()
            if "foreign" not in path.relative_to(root).parts and content not in seen:
                seen.add(content)  # the shared copy of a fixture is read once
                found[f"{prefix}/{path.relative_to(root).as_posix()}"] = path
    return found


def table_digest(table) -> str:
    import io

    import pyarrow.csv as pacsv

    table = table.drop([c for c in UNSTABLE_COLUMNS if c in table.column_names])
    for index, field in enumerate(table.schema):
        if str(field.type).startswith("list"):
            table = table.set_column(index, field.name, [[json.dumps(v, ensure_ascii=False, default=str)
                                                          for v in table.column(index).to_pylist()]])
    buffer = io.BytesIO()
    pacsv.write_csv(table, buffer)
    return hashlib.sha256(buffer.getvalue()).hexdigest()[:16]


def digests(path: Path, engine: str) -> dict[str, str]:
    """Each table's digest, or the one-line refusal of a document the pipeline does not read."""
    from workplan.errors import InputError
    from workplan.options import read_options
    from workplan.pipeline import process_pdf

    try:
        result = process_pdf(path, options=read_options(engine=engine))
    except InputError as exc:
        return {"refused": str(exc)}
    return {name: table_digest(table) for name, table in sorted(result.tables.items())}


def take(names: list[str] | None = None) -> dict[str, dict[str, str]]:
    found = renderings()
    result = {}
    for name in names or list(found):
        for engine in ENGINES:
            result[f"{name}|{engine}"] = digests(found[name], engine)
            print(f"  {name} ({engine})", file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored digests instead of writing them")
    args = parser.parse_args(argv)
    taken = take()
    if args.check:
        stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
        changed = sorted(key for key in taken if key in stored and stored[key] != taken[key])
        for key in changed:
            tables = sorted(t for t in set(stored[key]) | set(taken[key]) if stored[key].get(t) != taken[key].get(t))
            print(f"{key}: {', '.join(tables)} changed")
        return 1 if changed else 0
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(json.dumps(taken, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)} ({len(taken)} readings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
