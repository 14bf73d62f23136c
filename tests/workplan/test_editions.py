"""Two editions in one dataset; the diff between them reports exactly the listed changes."""
import json
from datetime import date
import subprocess
import sys

import pandas as pd
import pytest

from conftest import FIXTURES, SAMPLE_PDF
from workplan.extract.pdf_lines import ReadOptions
from workplan.batch import Job, run_jobs

PDFIUM = ReadOptions(engine="pdfium")

LATER = FIXTURES / "workplan_2022_2023_ka_synthetic.pdf"

# The rows of tests/fixtures/workplan_2022_2023_ka_synthetic.changes.md, as the diff names them.
EXPECTED_CHANGES = {
    ("deadline_changed", "core-1", "core-1/3", None, None),  # 2021-2022 → by September 2022
    ("organization_joined", "core-1", None, "WBG", "member"),  # მსოფლიო ბანკი joins
    ("activity_removed", "core-4", "core-4/4", None, None),  # activity 5 is now printed as 4
    ("activity_reworded", "core-5", "core-5/3", None, None),
    ("deadline_changed", "tp-1", "tp-1/1", None, None),  # February 2021 → second half of 2022
    ("organization_joined", "tp-2", "tp-2/2", "UNDP", "activity_lead"),
}


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    out = tmp_path_factory.mktemp("two")
    outcomes = list(run_jobs([Job(SAMPLE_PDF, out, options=PDFIUM), Job(LATER, out, options=PDFIUM)], workers=1))
    assert all(o.ok for o in outcomes)
    result = subprocess.run([sys.executable, "-m", "workplan.cli", "diff", str(out), "2021-2022", "2022-2023"],
                            capture_output=True, text=True, check=True)
    return out, result.stdout


def test_one_dataset_with_two_edition_partitions(two_editions):
    out, _ = two_editions
    activities = pd.read_parquet(out / "activities")
    assert activities["edition"].astype(str).value_counts().to_dict() == {"2021-2022": 60, "2022-2023": 59}


def test_diff_reports_exactly_the_listed_changes(two_editions):
    out, printed = two_editions
    changes = pd.read_parquet(out / "changes")
    content = changes[changes["change"] != "edition_shift"]
    got = {
        (r.change, r.priority_id, r.activity_id if isinstance(r.activity_id, str) else (r.new_activity_id if isinstance(r.new_activity_id, str) else None),
         r.org_id if isinstance(r.org_id, str) else None, r.role if isinstance(r.role, str) else None)
        for r in content.itertuples()
    }
    assert got == EXPECTED_CHANGES
    shift = changes[changes["change"] == "edition_shift"]
    assert len(shift) == 1 and "+1 year" in shift.iloc[0]["detail"]
    assert "6 change(s)" in printed and "WBG joins as member" in printed


def test_deadline_shift_shows_old_and_new_span(two_editions):
    out, _ = two_editions
    changes = pd.read_parquet(out / "changes").set_index("activity_id")
    shifted = changes.loc["tp-1/1"]
    assert (shifted["old_start"], shifted["old_end"]) == (date(2021, 2, 1), date(2021, 2, 28))
    assert (shifted["new_start"], shifted["new_end"]) == (date(2022, 7, 1), date(2022, 12, 31))
    opened = changes.loc["core-1/3"]
    assert opened["new_start"] is None and opened["new_end"] == date(2022, 9, 30)
    assert opened["old_value"] and opened["new_value"]  # the deadlines as printed


def test_datapackage_describes_every_written_table(two_editions):
    out, _ = two_editions
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert names == {"documents", "priorities", "activities", "deadlines", "organizations", "participants", "org_lists", "set_aside", "sections", "warnings", "changes", "activity_pairs"}
    for resource in package["resources"]:
        assert all(f["description"] for f in resource["schema"]["fields"])
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        assert all((out / p).exists() for p in paths)


def test_datapackage_validates_with_frictionless(two_editions):
    frictionless = pytest.importorskip("frictionless")
    out, _ = two_editions
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_rerunning_one_edition_keeps_the_other(two_editions, tmp_path):
    out, _ = two_editions
    before = (out / "activities" / "edition=2022-2023" / "part-0.parquet").read_bytes()
    assert all(o.ok for o in run_jobs([Job(SAMPLE_PDF, out, options=PDFIUM)], workers=1))
    assert (out / "activities" / "edition=2022-2023" / "part-0.parquet").read_bytes() == before
    assert (out / "csv" / "edition=2022-2023" / "changes.csv").exists()


def test_frictionless_finds_an_orphaned_row(two_editions, tmp_path):
    """The keys in datapackage.json are checked: an activity of a priority that does not exist fails."""
    import shutil

    frictionless = pytest.importorskip("frictionless")
    out, _ = two_editions
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    path = copy / "csv" / "edition=2021-2022" / "activities.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    orphan = lines[1].replace('"core-1/1","2021-2022/core-1/1","core-1"', '"core-99/1","2021-2022/core-99/1","core-99"', 1)
    assert orphan != lines[1]
    path.write_text("\n".join([*lines, orphan]) + "\n", encoding="utf-8-sig")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert any(error[0] == "foreign-key" and "core-99" in error[1] for error in report.flatten(["type", "note"]))


def test_an_unrelated_activity_replacing_another_is_a_removal_and_an_addition(two_editions):
    """Within one priority, an activity removed and a different one added are not a rewording."""
    import workplan

    out, _ = two_editions
    old = workplan.read(out, "2021-2022")
    new_tables = workplan.read(out, "2022-2023")
    activities = new_tables["activities"].copy()
    # core-2.1's first activity replaced by the text of an activity of another priority.
    replaced = activities.index[activities["activity_id"] == "core-2.1/1"][0]
    other = old["activities"].set_index("activity_id").loc["tp-4/1", "text"]
    activities.loc[replaced, "text"] = other
    arrow = {name: new_tables.arrow(name) for name in new_tables}
    import pyarrow as pa
    arrow["activities"] = pa.Table.from_pandas(activities, schema=new_tables.arrow("activities").schema, preserve_index=False)
    changes = workplan.diff(old, workplan.Tables(arrow))["changes"]
    about = changes[(changes["activity_id"] == "core-2.1/1") | (changes["new_activity_id"] == "core-2.1/1")]
    assert set(about["change"]) == {"activity_removed", "activity_added"}
