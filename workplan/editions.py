"""Read tables back from an output folder: each edition's Parquet partition, checked as it is read."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from workplan.errors import InputError
from workplan.normalize.tables import SCHEMAS

PART_FILE = "part-0.parquet"


def editions_in(out_dir: Path) -> list[str]:
    folder = out_dir / "activities"
    return sorted(p.name.split("=", 1)[1] for p in folder.glob("edition=*") if p.is_dir()) if folder.is_dir() else []


def read_partition(out_dir: Path, name: str, edition: str) -> pa.Table | None:
    """One table of one edition with `edition` as its first column; None when the edition has no
    such table. Files other than the partition's own (strays, temporaries) are ignored; a damaged
    one is an InputError naming it."""
    import pyarrow.parquet as pq

    path = out_dir / name / f"edition={edition}" / PART_FILE
    if not path.exists():
        return None
    schema = SCHEMAS[name]
    try:
        table = pq.read_table(path)
        missing = [f.name for f in schema if f.name != "edition" and f.name not in table.column_names]
        if missing:
            raise InputError(f"{path}: no column {', '.join(missing)} (written by another version of workplan? "
                             f"extract the edition again)")
        table = table.select([f.name for f in schema if f.name != "edition"]).cast(schema.remove(0))
    except InputError:
        raise
    except (OSError, pa.ArrowException, KeyError, ValueError) as exc:
        raise InputError(f"{path}: unreadable table ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from None
    return table.add_column(0, schema.field("edition"), pa.array([edition] * table.num_rows, pa.string()))


def read_tables(out_dir: Path, edition: str | None = None) -> dict[str, pa.Table]:
    """Every table of every edition under `out_dir`, or of one edition."""
    if not out_dir.is_dir():
        raise InputError(f"{out_dir}: no such folder")
    available = editions_in(out_dir)
    if not available:
        raise InputError(f"{out_dir}: no workplan tables here (run `workplan extract … --out {out_dir}`)")
    if edition is not None and edition not in available:
        raise InputError(f"{out_dir}: no edition {edition!r} (editions: {', '.join(available)})")
    tables = {}
    for name in SCHEMAS:
        parts = [part for one in ([edition] if edition else available) if (part := read_partition(out_dir, name, one)) is not None]
        if parts:
            tables[name] = pa.concat_tables(parts)
    return tables
