"""Written tables: schemas, descriptions, partitions, CSV and reruns."""
import json

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from workplan.normalize.tables import SCHEMAS, description

CONTRACT_COLUMNS = {
    "documents": ["source_file", "sha256", "title", "language", "pages", "pipeline_version"],
    "priorities": ["priority_id", "kind", "number", "ordinal", "label", "title", "thematic_area", "gcm_objectives", "gcm_scope", "page_start", "page_end"],
    "activities": ["activity_id", "priority_id", "seq", "number_printed", "text", "deadline_raw", "deadline_start", "deadline_end", "is_ongoing", "page"],
    "deadlines": ["activity_id", "part", "raw", "start", "end", "granularity", "qualifier", "note", "year_inferred"],
    "organizations": ["org_id", "acronym", "name_en", "name_ka", "org_type", "known"],
    "participants": ["priority_id", "activity_id", "org_id", "role", "mention", "page"],
    "sections": ["section_id", "heading", "text", "page_start"],
    "warnings": ["code", "message", "page", "context"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_schema_has_the_contract_columns_in_order_and_every_field_described(name):
    schema = SCHEMAS[name]
    assert schema.names[0] == "edition"
    contract = CONTRACT_COLUMNS[name]
    assert [n for n in schema.names if n in contract] == contract
    assert all(description(f) for f in schema)


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_parquet_partition_holds_the_schema(sample_out, name):
    written = pq.read_schema(sample_out / name / "edition=2021-2022" / "part-0.parquet")
    expected = SCHEMAS[name]
    assert written.names == expected.names[1:]
    for field in written:
        assert field.type == expected.field(field.name).type
        assert description(field)
    dataset = ds.dataset(str(sample_out / name), format="parquet", partitioning="hive").to_table()
    assert set(dataset.column("edition").to_pylist()) <= {"2021-2022"}


def test_pandas_reads_every_edition_with_edition_column(sample_out):
    activities = pd.read_parquet(sample_out / "activities")
    assert len(activities) == 60
    assert set(activities["edition"].astype(str)) == {"2021-2022"}
    assert str(activities["deadline_start"].iloc[0]) == "2021-01-01"


def test_csv_has_edition_first_and_lists_as_json(sample_out):
    csv = pd.read_csv(sample_out / "csv" / "edition=2021-2022" / "priorities.csv", dtype=str)
    assert csv.columns[0] == "edition"
    row = csv.set_index("priority_id").loc["twg-1"]
    assert json.loads(row["gcm_objectives"]) == [13, 7, 10]


def test_rerun_replaces_only_its_own_edition(tmp_path, sample_result):
    from workplan.writer import write_edition

    write_edition(tmp_path, "2021-2022", sample_result.tables)
    other = {name: table.set_column(0, "edition", [["2030-2031"] * table.num_rows]) for name, table in sample_result.tables.items()}
    write_edition(tmp_path, "2030-2031", other)
    before = (tmp_path / "activities" / "edition=2030-2031" / "part-0.parquet").read_bytes()
    trimmed = dict(sample_result.tables, activities=sample_result.tables["activities"].slice(0, 5))
    write_edition(tmp_path, "2021-2022", trimmed)
    assert (tmp_path / "activities" / "edition=2030-2031" / "part-0.parquet").read_bytes() == before
    counts = pd.read_parquet(tmp_path / "activities")["edition"].astype(str).value_counts().to_dict()
    assert counts == {"2021-2022": 5, "2030-2031": 60}
    assert not list(tmp_path.rglob("*.tmp"))  # no temporaries left behind


def test_outputs_readme_is_generated_from_the_schemas():
    """outputs/README.md is what the schemas say today (rerun `python -m workplan.outputs_readme`)."""
    from conftest import ROOT
    from workplan.outputs_readme import render

    committed = (ROOT / "outputs" / "README.md").read_text(encoding="utf-8")
    assert committed == render()
    for name, schema in SCHEMAS.items():
        section = committed.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        assert [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")] == schema.names


def test_datapackage_fields_are_the_parquet_columns(sample_out):
    package = json.loads((sample_out / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        parquet = pq.read_schema(sample_out / resource["name"] / "edition=2021-2022" / "part-0.parquet")
        assert [f["name"] for f in resource["schema"]["fields"]] == ["edition", *parquet.names]
    keys = {r["name"]: r["schema"].get("primaryKey") for r in package["resources"]}
    assert keys["activities"] == ["edition", "activity_id"] and keys["deadlines"] == ["edition", "activity_id", "part"]
    references = {(r["name"], fk["reference"]["resource"]) for r in package["resources"] for fk in r["schema"].get("foreignKeys", [])}
    assert {("activities", "priorities"), ("deadlines", "activities"), ("participants", "organizations"),
            ("participants", "priorities")} <= references
    kinds = next(f for r in package["resources"] if r["name"] == "priorities" for f in r["schema"]["fields"] if f["name"] == "kind")
    assert kinds["constraints"]["enum"] == ["core_priority", "thematic_working_group", "thematic_priority"]
    assert package["licenses"] and package["sources"][0]["path"] == "workplan_2021_2022_ka.pdf"


def test_csv_opens_in_excel_and_reads_back_typed_with_the_datapackage(sample_out):
    path = sample_out / "csv" / "edition=2021-2022" / "priorities.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for UTF-8
    package = json.loads((sample_out / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: r["schema"]["fields"] for r in package["resources"]}
    strings = {f["name"]: "string" for f in fields["priorities"] if f["type"] == "string"}
    frame = pd.read_csv(path, dtype=strings)
    assert frame.columns[0] == "edition"
    assert "2.1" in set(frame["number"].dropna())
    assert frame["title"].str.contains("მიგრაცი").any()
