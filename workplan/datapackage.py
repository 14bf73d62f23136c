"""`datapackage.json` (Frictionless Table Schema) for an output folder, from the pyarrow schemas."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa

from workplan.normalize.tables import SCHEMAS, description


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


def table_schema(schema: pa.Schema) -> dict:
    fields = []
    for field in schema:
        entry = {"name": field.name, "type": frictionless_type(field.type), "description": description(field)}
        if not field.nullable:
            entry["constraints"] = {"required": True}
        fields.append(entry)
    return {"fields": fields, "missingValues": [""]}


def build_datapackage(out_dir: Path) -> dict:
    resources = []
    for name, schema in SCHEMAS.items():
        paths = sorted(p.relative_to(out_dir).as_posix() for p in (out_dir / "csv").glob(f"edition=*/{name}.csv"))
        if not paths:
            continue
        resources.append({
            "name": name, "path": paths if len(paths) > 1 else paths[0], "profile": "tabular-data-resource",
            "format": "csv", "encoding": "utf-8", "description": description(schema), "schema": table_schema(schema),
        })
    return {"name": "workplan", "title": "UN Network on Migration workplan tables", "profile": "tabular-data-package",
            "resources": resources}


def write_datapackage(out_dir: Path) -> Path:
    target = out_dir / "datapackage.json"
    handle, temporary = tempfile.mkstemp(prefix=".datapackage-", dir=out_dir)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(build_datapackage(out_dir), stream, ensure_ascii=False, indent=1)
    os.replace(temporary, target)
    return target
