"""The Python API analysts use: workplan.from_pdf / read / diff and Tables."""
from datetime import date

import pandas as pd
import pytest

import workplan
from conftest import FIXTURES, SAMPLE_PDF


@pytest.fixture(scope="module")
def extracted():
    return workplan.from_pdf(str(SAMPLE_PDF), engine="pdfium")  # a str path as well as a Path


def test_from_pdf_gives_typed_dataframes(extracted):
    assert extracted.editions == ["2021-2022"]
    activities = extracted["activities"]
    assert len(activities) == 60 and list(activities.columns[:2]) == ["edition", "activity_id"]
    assert str(activities["deadline_end"].dtype).startswith("datetime64")  # `.dt` works, Timestamps compare
    assert str(activities["seq"].dtype) == "Int32"
    assert extracted.arrow("priorities").num_rows == 17


def test_write_then_read_gives_the_same_tables(extracted, tmp_path):
    extracted.write(tmp_path / "out")
    again = workplan.read(tmp_path / "out")
    assert set(again) == set(extracted)
    for name in extracted:
        assert again.arrow(name).equals(extracted.arrow(name)), name


def test_diff_between_two_editions(extracted):
    later = workplan.from_pdf(FIXTURES / "workplan_2022_2023_ka_synthetic.pdf", engine="pdfium")
    changes = workplan.diff(extracted, later)["changes"]
    assert "organization_joined" in set(changes["change"])
    moved = changes[changes["change"] == "deadline_changed"].set_index("activity_id")
    assert moved.loc["tp-1/1", "new_start"] == pd.Timestamp(date(2022, 7, 1))


@pytest.mark.parametrize("make, message", [
    (lambda tmp: workplan.from_pdf(tmp / "missing.pdf"), "no such file"),
    (lambda tmp: workplan.read(tmp), "no workplan tables"),
])
def test_bad_inputs_raise_one_line_errors(tmp_path, make, message):
    with pytest.raises(workplan.WorkplanError, match=message) as raised:
        make(tmp_path)
    assert "\n" not in str(raised.value)


def test_read_names_a_damaged_partition(extracted, tmp_path):
    out = extracted.write(tmp_path / "out")
    (out / "deadlines" / "edition=2021-2022" / "part-0.parquet").write_bytes(b"PAR1 truncated")
    (out / "activities" / "edition=2021-2022" / "stray.txt").write_text("not a table")
    with pytest.raises(workplan.WorkplanError, match="deadlines.*unreadable table"):
        workplan.read(out)
