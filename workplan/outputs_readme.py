"""`outputs/README.md`, generated from the pyarrow schemas (as `datapackage.json` is), so the docs
and the files can never disagree.

    python -m workplan.outputs_readme          # rewrite outputs/README.md
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

from workplan.normalize.tables import SCHEMAS, allowed_values, description, foreign_keys, primary_key

TARGET = Path(__file__).resolve().parents[1] / "outputs" / "README.md"

INTRODUCTION = """\
# outputs/

Written by `make extract` (`workplan extract … --out outputs`); only this file is kept in git. It is
generated from the table schemas (`python -m workplan.outputs_readme`), as `datapackage.json` is.

    outputs/<table>/edition=<E>/part-0.parquet   one Hive partition per edition (typed)
    outputs/csv/edition=<E>/<table>.csv          the same columns, edition first; lists as JSON arrays
    outputs/datapackage.json                     Frictionless descriptor of the CSVs: types, allowed values, keys
    outputs/xlsx/workplan_<E>.xlsx               with `--xlsx`: one workbook per edition, a sheet per table

## Reading the tables

    import workplan
    tables = workplan.read("outputs")            # DataFrames by table name, typed, edition first
    tables["activities"]                         # dates datetime64, integers nullable, fixed value sets categories

With pandas alone, `pd.read_parquet("outputs/activities", dtype_backend="numpy_nullable",
to_pandas_kwargs={"date_as_object": False})` gives the same dates and integers (`edition` comes from the
folder name, as a category: `.astype(str)`). With DuckDB, `read_parquet('outputs/activities/*/*.parquet',
hive_partitioning = true)`; `workplan.sql.load_duckdb` and `load_sqlite` create every table with its
primary and foreign keys enforced. `activities.activity_key` joins the editions: the same activity
carries the same key however it is renumbered (`workplan diff` hands it on; `activity_pairs` shows how).

The CSVs are UTF-8 with a byte-order mark, so Excel shows the Georgian text; pandas, DuckDB and
frictionless read them as UTF-8 (Python's `csv`: `encoding="utf-8-sig"`). A CSV does not carry types:
`number` (`"2.1"`) would read back as a float. Take the types from `datapackage.json`:

    import json, pandas as pd
    fields = {r["name"]: r["schema"]["fields"] for r in json.load(open("outputs/datapackage.json"))["resources"]}
    strings = {f["name"]: "string" for f in fields["priorities"] if f["type"] == "string"}
    pd.read_csv("outputs/csv/edition=2021-2022/priorities.csv", dtype=strings)

`frictionless validate outputs/datapackage.json` checks types, allowed values and every key: a row
whose priority, activity or organisation does not exist is an error.

Nothing is dropped without a trace: every printed line is either read into a table or kept in
`set_aside` with its role and the evidence for it. `documents.coverage` is the share of the other
letters and digits whose words reached a table; each line that fell short is a `warnings` row
(`unassigned_text`) with its page and text, and a set-aside line that reads like a deadline or an
organisation list is a `set_aside_content` warning.

Boxes (`x0`, `top`, `x1`, `bottom`) are in PDF points from the page's top-left corner, on the page
named by the row's `page` (or `page_start`).
"""


def type_name(type_: pa.DataType) -> str:
    if pa.types.is_list(type_):
        return f"list<{type_name(type_.value_type)}>"
    return {"string": "string", "date32[day]": "date", "bool": "boolean", "float": "float32", "double": "float64"}.get(str(type_), str(type_))


def table_section(name: str, schema: pa.Schema) -> str:
    lines = [f"## `{name}`", "", description(schema), ""]
    key = primary_key(schema)
    if key:
        lines.append(f"Key: {', '.join(f'`{column}`' for column in key)}.")
    for reference in foreign_keys(schema):
        columns = ", ".join(f"`{column}`" for column in reference["fields"] if column != "edition")
        lines.append(f"References `{reference['reference']['resource']}`" + (f" by {columns}" if columns else " by `edition`") + ".")
    if key or foreign_keys(schema):
        lines.append("")
    lines += ["| column | type | required | description |", "|---|---|---|---|"]
    for field in schema:
        text = description(field).replace("|", "\\|")
        values = allowed_values(field)
        if values:
            text += " One of " + ", ".join(f"`{value}`" for value in values) + "."
        lines.append(f"| `{field.name}` | {type_name(field.type)} | {'yes' if not field.nullable else ''} | {text} |")
    return "\n".join(lines) + "\n"


def render() -> str:
    return INTRODUCTION + "\n" + "\n".join(table_section(name, schema) for name, schema in SCHEMAS.items())


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
