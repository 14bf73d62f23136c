"""`datapackage.json` (Frictionless Table Schema) for an output folder, from the pyarrow schemas."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

# UTF-8 with a byte-order mark: Excel then opens the CSVs with Georgian intact; pandas, DuckDB,
# Python's csv (utf-8-sig) and frictionless read it as plain UTF-8.
CSV_ENCODING = "utf-8-sig"

from workplan.normalize.tables import SCHEMAS, allowed_values, description, foreign_keys, primary_key

# The tables restate the source documents; their terms of use are the publisher's.
LICENSE = {"name": "UN-terms-of-use", "path": "https://www.un.org/en/about-us/terms-of-use",
           "title": "United Nations terms of use (those of the source documents)"}


def frictionless_type(type_: pa.DataType) -> str:
    if pa.types.is_boolean(type_):
        return "boolean"
    if pa.types.is_integer(type_):
        return "integer"
    if pa.types.is_floating(type_):
        return "number"
    if pa.types.is_date(type_):
        return "date"
    if pa.types.is_list(type_):
        return "array"  # written to CSV as a JSON array
    return "string"


def _frictionless_key(key: dict, nullable: set[str]) -> dict:
    """A foreign key as frictionless checks it. A link that may be null (`activity_id` of a
    priority-level list) is declared on its nullable columns alone: frictionless skips a null
    reference only when every field of it is null, and `edition` never is. (SQL and the Parquet
    metadata keep the whole key.)"""
    fields = key["fields"]
    if not any(f in nullable for f in fields):
        return key
    kept = [i for i, f in enumerate(fields) if f != "edition"]
    return {"fields": [fields[i] for i in kept],
            "reference": {"resource": key["reference"]["resource"], "fields": [key["reference"]["fields"][i] for i in kept]}}


def table_schema(schema: pa.Schema, resources: set[str]) -> dict:
    """Frictionless Table Schema: types, required fields, allowed values, keys (foreign keys only
    to tables present in the package)."""
    fields = []
    for field in schema:
        entry = {"name": field.name, "type": frictionless_type(field.type), "description": description(field)}
        constraints = {}
        if not field.nullable:
            constraints["required"] = True
        if allowed_values(field):
            constraints["enum"] = allowed_values(field)
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
    result = {"fields": fields, "missingValues": [""]}
    if primary_key(schema):
        result["primaryKey"] = primary_key(schema)
    nullable = {f.name for f in schema if f.nullable}
    keys = [_frictionless_key(key, nullable) for key in foreign_keys(schema) if key["reference"]["resource"] in resources]
    if keys:
        result["foreignKeys"] = keys
    return result


def _csv_paths(out_dir: Path, name: str, pending: dict[str, Path]) -> dict[str, Path]:
    """Relative path → file to read, for each edition's CSV of a table (files about to be written
    included: `pending` maps their final relative path to the staged file)."""
    found = {p.relative_to(out_dir).as_posix(): p for p in (out_dir / "csv").glob(f"edition=*/{name}.csv")}
    found.update({relative: staged for relative, staged in pending.items() if relative.endswith(f"/{name}.csv")})
    return dict(sorted(found.items()))


def _sources(out_dir: Path, pending: dict[str, Path]) -> list[dict]:
    """One entry per edition's source document, from the documents tables."""
    import csv

    sources = []
    for path in _csv_paths(out_dir, "documents", pending).values():
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                sources.append({"title": row.get("title") or row.get("source_file") or "", "path": row.get("source_file") or "",
                                "description": f"edition {row.get('edition')}, sha256 {row.get('sha256')}"})
    return sources


def build_datapackage(out_dir: Path, pending: dict[str, Path] | None = None) -> dict:
    pending = pending or {}
    paths_of = {name: list(_csv_paths(out_dir, name, pending)) for name in SCHEMAS}
    present = {name for name, paths in paths_of.items() if paths}
    resources = []
    for name, schema in SCHEMAS.items():
        paths = paths_of[name]
        if not paths:
            continue
        resources.append({
            "name": name, "path": paths if len(paths) > 1 else paths[0], "profile": "tabular-data-resource",
            "format": "csv", "encoding": CSV_ENCODING, "description": description(schema),
            "schema": table_schema(schema, present),
        })
    return {"name": "workplan", "title": "UN Network on Migration workplan tables", "profile": "tabular-data-package",
            "licenses": [LICENSE], "sources": _sources(out_dir, pending), "resources": resources}


def write_datapackage(out_dir: Path, target: Path, pending: dict[str, Path] | None = None) -> Path:
    """Write the package describing `out_dir` (with the `pending` files in place) to `target`."""
    with open(target, "w", encoding="utf-8") as stream:
        json.dump(build_datapackage(out_dir, pending), stream, ensure_ascii=False, indent=1)
    return target
