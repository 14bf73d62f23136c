"""A write that fails at any point (a full disk, a read-only folder) leaves the output folder
exactly as it was, and says why in one line."""
import errno
import hashlib
import os

import pyarrow.parquet as pq
import pytest

import workplan.datapackage
import workplan.writer
from conftest import SAMPLE_PDF
from workplan.batch import Job, run_jobs
from workplan.extract.pdf_lines import ReadOptions
from workplan.writer import OutputError, write_edition


def snapshot(folder):
    """Every path under the folder with the hash of its bytes (folders as None)."""
    if not folder.exists():
        return None
    state = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            state[os.path.relpath(os.path.join(root, name), folder)] = None
        for name in files:
            path = os.path.join(root, name)
            state[os.path.relpath(path, folder)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    return state


class DiskFull:
    """Raise ENOSPC at the n-th write of the writer (Parquet, CSV, datapackage, fsync)."""

    def __init__(self, monkeypatch, at: int):
        self.calls, self.at = 0, at
        for module, name in ((workplan.writer.pq, "write_table"), (workplan.writer, "_write_csv"),
                             (workplan.writer, "_fsync"), (workplan.writer, "write_datapackage")):
            monkeypatch.setattr(module, name, self.wrap(getattr(module, name)))

    def wrap(self, function):
        def failing(*args, **kwargs):
            self.calls += 1
            if self.calls == self.at:
                raise OSError(errno.ENOSPC, "No space left on device")
            return function(*args, **kwargs)
        return failing


def writes_in_one_edition(sample_result, tmp_path, monkeypatch):
    counter = DiskFull(monkeypatch, at=0)
    write_edition(tmp_path / "count", sample_result.edition, sample_result.tables)
    monkeypatch.undo()
    return counter.calls


@pytest.mark.parametrize("existing", ["empty", "other edition"])
def test_a_full_disk_at_any_point_leaves_the_folder_as_it_was(sample_result, tmp_path, monkeypatch, existing):
    total = writes_in_one_edition(sample_result, tmp_path, monkeypatch)
    assert total > 20
    out = tmp_path / "out"
    if existing == "other edition":
        write_edition(out, "2020-2021", sample_result.tables)
    before = snapshot(out)
    for at in range(1, total + 1):
        DiskFull(monkeypatch, at)
        with pytest.raises(OutputError, match="the disk is full; nothing was written") as raised:
            write_edition(out, sample_result.edition, sample_result.tables)
        monkeypatch.undo()
        assert "\n" not in str(raised.value)
        assert snapshot(out) == before, f"failure at write {at} of {total} changed the folder"
    write_edition(out, sample_result.edition, sample_result.tables)  # with room, it writes
    assert pq.read_table(out / "activities" / "edition=2021-2022" / "part-0.parquet").num_rows == 60


def test_the_command_line_says_the_disk_is_full(tmp_path, monkeypatch):
    DiskFull(monkeypatch, at=5)
    outcomes = list(run_jobs([Job(SAMPLE_PDF, tmp_path / "out", options=ReadOptions(engine="pdfium"))], workers=1))
    assert not outcomes[0].ok
    assert outcomes[0].message == f"--out {tmp_path / 'out'}: the disk is full; nothing was written (the folder is as it was)"
    assert not (tmp_path / "out").exists()


def test_a_read_only_folder_is_named_as_such(sample_result, tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_edition(out, "2020-2021", sample_result.tables)
    before = snapshot(out)

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(workplan.writer.pq, "write_table", refuse)
    with pytest.raises(OutputError, match=r"--out .*: not writable \(Read-only file system\); nothing was written"):
        write_edition(out, sample_result.edition, sample_result.tables)
    assert snapshot(out) == before


def test_diff_reports_damaged_tables_in_one_line(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    outcomes = list(run_jobs([Job(SAMPLE_PDF, out, edition="2021-2022", options=ReadOptions(engine="pdfium")),
                              Job(SAMPLE_PDF, out, edition="2022-2023", options=ReadOptions(engine="pdfium"))], workers=1))
    assert all(o.ok for o in outcomes)
    (out / "activities" / "edition=2022-2023" / "notes.txt").write_text("a stray file")  # ignored
    diff = [sys.executable, "-m", "workplan", "diff", str(out), "2021-2022", "2022-2023"]
    assert subprocess.run(diff, capture_output=True, text=True).returncode == 0
    for damage in (b"", b"PAR1 cut short"):
        (out / "priorities" / "edition=2022-2023" / "part-0.parquet").write_bytes(damage)
        done = subprocess.run(diff, capture_output=True, text=True)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1 and "priorities/edition=2022-2023/part-0.parquet: unreadable table" in done.stderr
