"""Many documents: process pool and Dask give the same tables as one document at a time."""

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
