"""The analyst's path end to end on two editions, as README shows it: extract, dates that behave
as dates, a join of the editions on the activity key, the tables in DuckDB and SQLite with their
keys enforced, frictionless, an Excel workbook; the API checking its arguments as the CLI does."""
import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

import workplan
from conftest import FIXTURES, SAMPLE_PDF

LATER = FIXTURES / "workplan_2022_2023_ka_synthetic.pdf"


@pytest.fixture(scope="module")
def analyst(tmp_path_factory):
    out = tmp_path_factory.mktemp("analyst")
    old = workplan.from_pdf(SAMPLE_PDF, engine="pdfium")
    new = workplan.from_pdf(LATER, engine="pdfium")
    old.write(out)
    new.write(out)
    workplan.diff(workplan.read(out, "2021-2022"), workplan.read(out, "2022-2023")).write(out)
    return out, old, new


def test_dates_integers_and_categories_behave_in_pandas(analyst):
    _, old, _ = analyst
    deadlines, priorities = old["deadlines"], old["priorities"]
    assert deadlines["start"].dt.year.dropna().astype(int).between(2021, 2022).all()
    assert (deadlines["start"] > pd.Timestamp("2021-06-30")).any()
    assert str(priorities["thematic_area"].dtype) == "Int8" and str(priorities["kind"].dtype) == "category"
    # The pandas-only recipe of the README gives the same dates and integers.
    out = analyst[0]
    recipe = pd.read_parquet(out / "deadlines", dtype_backend="numpy_nullable", to_pandas_kwargs={"date_as_object": False})
    assert recipe["start"].dtype == deadlines["start"].dtype and recipe["part"].dtype == deadlines["part"].dtype


def test_the_editions_join_on_the_activity_key(analyst):
    out, old, _ = analyst
    before, after = workplan.read(out, "2021-2022")["activities"], workplan.read(out, "2022-2023")["activities"]
    joined = before.merge(after, on="activity_key", suffixes=("_old", "_new"))
    # core-4/5 of 2021-2022 is printed as core-4/4 in 2022-2023: the key pairs the same text.
    row = joined[joined["activity_id_old"] == "core-4/5"].iloc[0]
    assert row["activity_id_new"] == "core-4/4" and row["text_old"] == row["text_new"]
    pairs = pd.read_parquet(out / "activity_pairs")
    assert set(pairs["status"]) >= {"unchanged", "reworded", "removed"}
    assert pairs["activity_key"].notna().all()


def test_the_tables_load_with_their_keys_enforced(analyst):
    duckdb = pytest.importorskip("duckdb")
    from workplan.sql import load_duckdb, load_sqlite

    out, _, _ = analyst
    con = duckdb.connect()
    loaded = load_duckdb(out, con)
    assert {"participants", "activity_pairs", "changes"} <= set(loaded)
    with pytest.raises(duckdb.ConstraintException):  # an orphan is refused: the keys are enforced
        con.execute("INSERT INTO deadlines (edition, activity_id, part) VALUES ('2021-2022', 'core-99/1', 1)")
    lite = sqlite3.connect(":memory:")
    load_sqlite(out, lite)
    assert lite.execute("SELECT count(*) FROM participants").fetchone()[0] == len(pd.read_parquet(out / "participants"))
    with pytest.raises(sqlite3.IntegrityError):
        lite.execute("INSERT INTO deadlines (edition, activity_id, part) VALUES ('2021-2022', 'core-99/1', 1)")


def test_frictionless_finds_the_package_valid(analyst):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(analyst[0] / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_an_excel_workbook_per_edition(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    done = subprocess.run([sys.executable, "-m", "workplan", "extract", str(SAMPLE_PDF), "--out", str(tmp_path),
                           "--engine", "pdfium", "--xlsx"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(tmp_path / "xlsx" / "workplan_2021-2022.xlsx")
    assert {"priorities", "activities", "deadlines", "participants"} <= set(book.sheetnames)
    deadlines = book["deadlines"]
    assert deadlines.freeze_panes == "A2"
    header = [c.value for c in deadlines[1]]
    assert deadlines.cell(2, header.index("start") + 1).is_date
    priorities = book["priorities"]
    numbers = [row[[c.value for c in priorities[1]].index("number")] for row in priorities.iter_rows(min_row=2, values_only=True)]
    assert "2.1" in numbers  # text, never the number 2.1
    titles = [row[[c.value for c in priorities[1]].index("title")] for row in priorities.iter_rows(min_row=2, values_only=True)]
    assert any("მიგრაციის" in t for t in titles)


@pytest.mark.parametrize("arguments, option, reason", [
    ({"engine": "nope"}, "--engine", "'nope' is not one of pdfplumber, pdfium"),
    ({"ocr": "bogus"}, "--ocr", "'bogus' is not one of auto, never, force"),
    ({"max_pages": 0}, "--max-pages", "0 is not a positive number"),
    ({"time_limit": float("inf")}, "--time-limit", "inf is not a finite number of seconds above zero"),
    ({"edition": 123}, None, "123 is not text"),
])
def test_the_api_checks_its_arguments_as_the_command_line_does(arguments, option, reason, tmp_path):
    with pytest.raises(ValueError) as error:
        workplan.from_pdf(SAMPLE_PDF, **arguments)
    assert reason in str(error.value)
    if option:
        value = str(next(iter(arguments.values())))
        done = subprocess.run([sys.executable, "-m", "workplan", "extract", str(SAMPLE_PDF), "--out", str(tmp_path), option, value],
                              capture_output=True, text=True)
        assert done.returncode == 2
        assert reason.split("'")[-1].strip() in done.stderr or reason in done.stderr
