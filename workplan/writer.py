"""Edition tables → Parquet (Hive partition per edition) and CSV, each file replaced atomically."""
from __future__ import annotations

import codecs
import errno
import json
import os
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from workplan.datapackage import write_datapackage
from workplan.errors import InputError

from workplan.editions import PART_FILE
TEMP_SUFFIX = ".tmp"


def _csv_ready(table: pa.Table) -> pa.Table:
    """List columns become JSON arrays, as the contract asks of CSV."""
    for index, field in enumerate(table.schema):
        if pa.types.is_list(field.type):
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in table.column(index).to_pylist()]
            table = table.set_column(index, pa.field(field.name, pa.string(), metadata=field.metadata), pa.array(values, pa.string()))
    return table


def _write_csv(table: pa.Table, path: Path) -> None:
    """UTF-8 with a byte-order mark (datapackage.CSV_ENCODING), so Excel shows Georgian."""
    with open(path, "wb") as handle:
        handle.write(codecs.BOM_UTF8)
        pacsv.write_csv(_csv_ready(table), handle)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    """A staged file on disk: a failure here is a failed write."""
    _sync(path)


def _sync_folder(folder: Path) -> None:
    """Make the renames durable, best effort: the files are already in place, so a folder that
    cannot be synced (some filesystems refuse) is not a failed write."""
    if os.name != "posix":
        return
    try:
        _sync(folder)
    except OSError:
        pass


def _clear_stale(folder: Path) -> None:
    """Temporary files left by a writer that was killed."""
    for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def write_edition(out_dir: Path, edition: str, tables: dict[str, pa.Table]) -> None:
    """Write the given tables of one edition; other editions and other tables are never touched.

    Every file (Parquet, CSV, the new `datapackage.json`) is first written in full as a hidden
    temporary file beside its target (readers skip names starting with a dot) and synced; only
    then are they renamed over their targets, each rename atomic, `datapackage.json` last. A
    failure while staging (a full disk, a read-only folder) leaves the output folder exactly as it
    was: temporaries and any folder this call created are removed. A crash leaves every file
    either as it was or as it is now, never half written.
    """
    created: list[Path] = []
    try:
        _make_folder(out_dir, created)
        with _output_lock(out_dir):
            _write_locked(out_dir, edition, tables, created)
    except BaseException as exc:
        for folder in reversed(created):
            try:
                folder.rmdir()  # only if empty: a folder some other writer filled meanwhile stays
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise OutputError(output_failure(out_dir, exc)) from exc
        raise


class OutputError(InputError):
    """The tables could not be written; the output folder is as it was."""


def output_failure(out_dir: Path, exc: OSError) -> str:
    """What went wrong with the output folder, in one line."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"--out {out_dir}: the disk is full; nothing was written (the folder is as it was)"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"--out {out_dir}: not writable ({exc.strerror}); nothing was written"
    return f"--out {out_dir}: cannot write ({exc.strerror or exc}); nothing was written"


def _make_folder(folder: Path, created: list[Path]) -> None:
    """mkdir -p, remembering each folder it made (outermost first)."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue
        created.append(path)


@contextmanager
def _output_lock(out_dir: Path):
    """One writer per output folder at a time: parallel jobs share `datapackage.json`. On POSIX
    the folder itself is locked, so no lock file is left behind."""
    if _lock_folder is not None:
        fd = os.open(out_dir, os.O_RDONLY)
        try:
            _lock_folder(fd)
            yield
        finally:
            os.close(fd)  # closing releases the lock
        return
    with open(out_dir / ".lock", "a+") as handle:
        _lock_file(handle)
        try:
            yield
        finally:
            _unlock_file(handle)


try:  # POSIX
    import fcntl

    def _lock_folder(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    _lock_file = _unlock_file = None
except ImportError:  # Windows: lock the first byte of a lock file (LK_LOCK retries for 10 s, then raises)
    import msvcrt

    _lock_folder = None

    def _lock_file(handle) -> None:
        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def _unlock_file(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def _write_locked(out_dir: Path, edition: str, tables: dict[str, pa.Table], created: list[Path]) -> None:
    staged: list[tuple[Path, Path]] = []
    csv_folder = out_dir / "csv" / f"edition={edition}"
    for folder in [csv_folder, *(out_dir / name / f"edition={edition}" for name in tables)]:
        _make_folder(folder, created)
        _clear_stale(folder)
    try:
        for name, table in tables.items():
            partition = out_dir / name / f"edition={edition}"
            parquet_target, csv_target = partition / PART_FILE, csv_folder / f"{name}.csv"
            parquet_temp = partition / f".{PART_FILE}.{os.getpid()}{TEMP_SUFFIX}"
            csv_temp = csv_folder / f".{name}.csv.{os.getpid()}{TEMP_SUFFIX}"
            staged += [(parquet_temp, parquet_target), (csv_temp, csv_target)]
            pq.write_table(table.drop_columns(["edition"]), parquet_temp)
            _write_csv(table, csv_temp)
            _fsync(parquet_temp)
            _fsync(csv_temp)
        # The package as it will be once the files are in place, staged like them.
        pending = {target.relative_to(out_dir).as_posix(): temporary for temporary, target in staged if target.suffix == ".csv"}
        package_temp = out_dir / f".datapackage.json.{os.getpid()}{TEMP_SUFFIX}"
        staged.append((package_temp, out_dir / "datapackage.json"))
        write_datapackage(out_dir, package_temp, pending)
        _fsync(package_temp)
        for temporary, target in staged:
            os.replace(temporary, target)
        for folder in {target.parent for _, target in staged}:
            _sync_folder(folder)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
