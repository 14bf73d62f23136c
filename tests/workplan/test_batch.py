"""Many documents: process pool and Dask give the same tables as one document at a time."""

import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT, SAMPLE_PDF
from workplan.batch import Job, run_jobs

LATER_EDITION = ROOT / "tests" / "fixtures" / "workplan_2022_2023_ka_synthetic.pdf"


def batch(tmp_path, name, **kwargs):
    out = tmp_path / name
    outcomes = list(run_jobs([Job(SAMPLE_PDF, out), Job(LATER_EDITION, out), Job(tmp_path / "missing.pdf", out)], **kwargs))
    return out, {o.pdf.name: o for o in outcomes}


def read(out):
    frame = pd.read_parquet(out / "activities")
    frame["edition"] = frame["edition"].astype(str)
    return frame.sort_values(["edition", "activity_id"]).reset_index(drop=True)


def test_process_pool_matches_serial(tmp_path):
    serial, _ = batch(tmp_path, "serial", workers=1)
    parallel, outcomes = batch(tmp_path, "parallel", workers=2)
    assert outcomes["missing.pdf"].ok is False and "no such file" in outcomes["missing.pdf"].message
    assert {o.edition for o in outcomes.values() if o.ok} == {"2021-2022", "2022-2023"}
    pd.testing.assert_frame_equal(read(serial), read(parallel))


def test_dask_local_cluster_matches_serial(tmp_path):
    pytest.importorskip("distributed")
    serial, _ = batch(tmp_path, "serial", workers=1)
    on_dask, outcomes = batch(tmp_path, "dask", workers=2, executor="dask")
    assert sum(o.ok for o in outcomes.values()) == 2
    pd.testing.assert_frame_equal(read(serial), read(on_dask))


def _run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_command_never_imports_pandas(tmp_path, jobs):
    """`workplan extract` writes its tables from lists: importing pandas would cost a fifth of a document."""
    code = (
        "import sys\n"
        "from workplan.cli import main\n"
        f"status = main(['extract', {str(SAMPLE_PDF)!r}, {str(LATER_EDITION)!r}, '--out', {str(tmp_path / 'out')!r}, "
        f"'--jobs', {jobs!r}, '--quiet', '--engine', 'pdfium'])\n"
        "print(status, 'pandas' in sys.modules)\n"
    )
    assert _run_python(code) == "0 False"
    assert len(pd.read_parquet(tmp_path / "out" / "activities")) > 0


def test_deferred_pandas_still_gives_dataframes():
    """After defer_pandas, pyarrow imports pandas when a DataFrame is asked for, and recognises Series again."""
    code = (
        "import pyarrow as pa\n"
        "from workplan.batch import defer_pandas\n"
        "defer_pandas()\n"
        "frame = pa.table({'a': [1, 2]}).to_pandas()\n"
        "import pandas as pd\n"
        "array = pa.array(pd.Series(['x', 'y'], dtype='category'))\n"
        "print(type(frame).__name__, frame['a'].tolist(), pa.types.is_dictionary(array.type))\n"
    )
    assert _run_python(code) == "DataFrame [1, 2] True"
