"""The output tables in a SQL database with their declared keys enforced: `CREATE TABLE`
statements from the schemas (primary keys, foreign keys, NOT NULL), for DuckDB and SQLite, and
loaders that fill them from an output folder.

    import duckdb, workplan.sql
    con = duckdb.connect()
    workplan.sql.load_duckdb("outputs", con)      # every table, every edition, keys enforced
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from workplan.normalize.tables import SCHEMAS, foreign_keys, primary_key

Dialect = str  # "duckdb" | "sqlite"


def _sql_type(type_: pa.DataType, dialect: Dialect) -> str:
    if dialect == "sqlite":
        if pa.types.is_integer(type_) or pa.types.is_boolean(type_):
            return "INTEGER"
        if pa.types.is_floating(type_):
            return "REAL"
        return "TEXT"  # text, ISO dates, lists as JSON arrays
    if pa.types.is_list(type_):
        return _sql_type(type_.value_type, dialect) + "[]"
    if pa.types.is_boolean(type_):
        return "BOOLEAN"
    if pa.types.is_integer(type_):
        return {8: "TINYINT", 16: "SMALLINT", 32: "INTEGER", 64: "BIGINT"}[type_.bit_width]
    if pa.types.is_floating(type_):
        return "REAL" if type_.bit_width == 32 else "DOUBLE"
    if pa.types.is_date(type_):
        return "DATE"
    return "VARCHAR"


def table_order(names) -> list[str]:
    """The tables in an order where every table comes after those its foreign keys refer to."""
    names = [n for n in SCHEMAS if n in set(names)]
    ordered: list[str] = []
    while len(ordered) < len(names):
        for name in names:
            refs = {k["reference"]["resource"] for k in foreign_keys(SCHEMAS[name])} & set(names)
            if name not in ordered and refs <= set(ordered) | {name}:
                ordered.append(name)
    return ordered


def create_statement(name: str, dialect: Dialect, present=None) -> str:
    """`CREATE TABLE` for one output table; foreign keys only to tables in `present` (default: all)."""
    schema = SCHEMAS[name]
    present = set(SCHEMAS if present is None else present)
    lines = [f'"{f.name}" {_sql_type(f.type, dialect)}{"" if f.nullable else " NOT NULL"}' for f in schema]
    if primary_key(schema):
        lines.append(f"PRIMARY KEY ({', '.join(primary_key(schema))})")
    for key in foreign_keys(schema):
        target = key["reference"]["resource"]
        if target in present:
            lines.append(f"FOREIGN KEY ({', '.join(key['fields'])}) REFERENCES {target} ({', '.join(key['reference']['fields'])})")
    return f"CREATE TABLE {name} (\n  " + ",\n  ".join(lines) + "\n)"


def _tables_in(out_dir: Path) -> list[str]:
    return [name for name in SCHEMAS if any((out_dir / name).glob("edition=*/*.parquet"))]


def load_duckdb(out_dir, con) -> list[str]:
    """Create every table found under `out_dir` in a DuckDB connection, with its keys, and fill it
    from the Parquet partitions; returns the tables loaded."""
    out_dir = Path(out_dir)
    names = table_order(_tables_in(out_dir))
    for name in names:
        con.execute(create_statement(name, "duckdb", names))
        columns = ", ".join(f'"{f.name}"' for f in SCHEMAS[name])
        files = (out_dir / name).as_posix() + "/*/*.parquet"
        con.execute(f"INSERT INTO {name} SELECT {columns} FROM read_parquet('{files}', hive_partitioning = true)")
    return names


def _sqlite_value(value):
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def load_sqlite(out_dir, con) -> list[str]:
    """The same into a SQLite connection (foreign keys enforced: `PRAGMA foreign_keys = ON` is set);
    dates as ISO text, lists as JSON arrays."""
    from workplan.editions import read_tables

    out_dir = Path(out_dir)
    tables = read_tables(out_dir)
    names = table_order(tables)
    con.execute("PRAGMA foreign_keys = ON")
    for name in names:
        con.execute(create_statement(name, "sqlite", names))
        fields = [f.name for f in SCHEMAS[name]]
        placeholders = ", ".join("?" for _ in fields)
        rows = tables[name].select(fields).to_pylist()
        con.executemany(f"INSERT INTO {name} VALUES ({placeholders})", [[_sqlite_value(r[f]) for f in fields] for r in rows])
    con.commit()
    return names
