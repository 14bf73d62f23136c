"""Edition tables → Parquet (Hive partition per edition) and CSV, each file replaced atomically."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from workplan.datapackage import write_datapackage

from workplan.editions import PART_FILE
TEMP_SUFFIX = ".tmp"


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


def _clear_stale(folder: Path) -> None:
    """Temporary files left by a writer that was killed."""
    for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def write_edition(out_dir: Path, edition: str, tables: dict[str, pa.Table]) -> None:
    """Write the given tables of one edition; other editions and other tables are never touched.

    Each file is first written in full, as a hidden temporary file beside its target (readers
    skip names starting with a dot), and synced; only then are the files renamed over their
    targets, each rename atomic. A crash at any moment leaves every file either as it was or
    as it is now, never half written, and no table ever goes missing.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with _edition_lock(out_dir, edition):
        _write_locked(out_dir, edition, tables)


@contextmanager
def _edition_lock(out_dir: Path, edition: str):
    """One writer per edition at a time (parallel jobs may target the same folder)."""
    with open(out_dir / f".lock-{edition}", "a+") as handle:
        _lock(handle)
        try:
            yield
        finally:
            _unlock(handle)


try:  # POSIX
    import fcntl

    def _lock(handle) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX)

    def _unlock(handle) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)
except ImportError:  # Windows: lock the file's first byte (LK_LOCK retries for 10 s, then raises)
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def _write_locked(out_dir: Path, edition: str, tables: dict[str, pa.Table]) -> None:
    staged: list[tuple[Path, Path]] = []
    csv_folder = out_dir / "csv" / f"edition={edition}"
    for folder in [csv_folder, *(out_dir / name / f"edition={edition}" for name in tables)]:
        folder.mkdir(parents=True, exist_ok=True)
        _clear_stale(folder)
    try:
        for name, table in tables.items():
            partition = out_dir / name / f"edition={edition}"
            parquet_target, csv_target = partition / PART_FILE, csv_folder / f"{name}.csv"
            parquet_temp = partition / f".{PART_FILE}.{os.getpid()}{TEMP_SUFFIX}"
            csv_temp = csv_folder / f".{name}.csv.{os.getpid()}{TEMP_SUFFIX}"
            staged += [(parquet_temp, parquet_target), (csv_temp, csv_target)]
            pq.write_table(table.drop_columns(["edition"]), parquet_temp)
            pacsv.write_csv(_csv_ready(table), csv_temp)
            _fsync(parquet_temp)
            _fsync(csv_temp)
        for temporary, target in staged:
            os.replace(temporary, target)
            _fsync(target.parent)
        write_datapackage(out_dir)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
