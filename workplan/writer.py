"""Edition tables → Parquet (Hive partition per edition) and CSV, replaced atomically per edition."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

PART_FILE = "part-0.parquet"


def _csv_ready(table: pa.Table) -> pa.Table:
    """List columns become JSON arrays, as the contract asks of CSV."""
    for index, field in enumerate(table.schema):
        if pa.types.is_list(field.type):
            values = [None if v is None else json.dumps(v, ensure_ascii=False, default=_json_default)
                      for v in table.column(index).to_pylist()]
            table = table.set_column(index, pa.field(field.name, pa.string(), metadata=field.metadata), pa.array(values, pa.string()))
    return table


def _json_default(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_edition(out_dir: Path, edition: str, tables: dict[str, pa.Table]) -> list[Path]:
    """Write every table of one edition; other editions' partitions are never touched.

    Everything is first written into a staging folder inside `out_dir`, then each
    partition folder is swapped in with a rename, so a crash leaves either the old
    partition or the new one, never half a table.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        staged: list[tuple[Path, Path]] = []
        for name, table in tables.items():
            partition = staging / name / f"edition={edition}"
            partition.mkdir(parents=True)
            pq.write_table(table.drop_columns(["edition"]), partition / PART_FILE)
            staged.append((partition, out_dir / name / f"edition={edition}"))
        csv_partition = staging / "csv" / f"edition={edition}"
        csv_partition.mkdir(parents=True)
        for name, table in tables.items():
            pacsv.write_csv(_csv_ready(table), csv_partition / f"{name}.csv")
        staged.append((csv_partition, out_dir / "csv" / f"edition={edition}"))
        for source, _ in staged:
            for file in source.iterdir():
                with open(file, "rb") as handle:
                    os.fsync(handle.fileno())
        for source, target in staged:
            target.parent.mkdir(parents=True, exist_ok=True)
            retired = target.parent / f".retired-{target.name}-{os.getpid()}"
            if target.exists():
                os.rename(target, retired)
            os.rename(source, target)
            _fsync_dir(target.parent)
            if retired.exists():
                shutil.rmtree(retired)
        return [target for _, target in staged]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
