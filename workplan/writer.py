"""Edition tables → Parquet (Hive partition per edition) and CSV, each table replaced atomically."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from workplan.datapackage import write_datapackage

PART_FILE = "part-0.parquet"


def _csv_ready(table: pa.Table) -> pa.Table:
    """List columns become JSON arrays, as the contract asks of CSV."""
    for index, field in enumerate(table.schema):
        if pa.types.is_list(field.type):
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in table.column(index).to_pylist()]
            table = table.set_column(index, pa.field(field.name, pa.string(), metadata=field.metadata), pa.array(values, pa.string()))
    return table


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_edition(out_dir: Path, edition: str, tables: dict[str, pa.Table]) -> None:
    """Write the given tables of one edition; other editions and other tables are never touched.

    Everything is first written and synced in a staging folder inside `out_dir`; then each
    table's partition folder, and each CSV file, is swapped in with a rename. A crash leaves
    every table either as it was or as it is now, never half written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        swaps: list[tuple[Path, Path]] = []
        for name, table in tables.items():
            partition = staging / name / f"edition={edition}"
            partition.mkdir(parents=True)
            pq.write_table(table.drop_columns(["edition"]), partition / PART_FILE)
            csv_file = staging / f"{name}.csv"
            pacsv.write_csv(_csv_ready(table), csv_file)
            for written in (partition / PART_FILE, csv_file):
                _fsync(written)
            swaps.append((partition, out_dir / name / f"edition={edition}"))
            swaps.append((csv_file, out_dir / "csv" / f"edition={edition}" / f"{name}.csv"))
        for source, target in swaps:
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                retired = target.parent / f".retired-{target.name}-{os.getpid()}"
                if target.exists():
                    os.rename(target, retired)
                os.rename(source, target)
                shutil.rmtree(retired, ignore_errors=True)
            else:
                os.replace(source, target)
            _fsync(target.parent)
        write_datapackage(out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
