"""One Excel workbook per edition: a sheet per table, the header frozen, widths set, dates as
Excel dates, lists readable (`13; 7; 10`), Georgian intact; `number` stays text (`2.1`, `1`).
Written with openpyxl from the Arrow tables (pandas is not needed)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa

from workplan.normalize.tables import SCHEMAS

MAX_WIDTH = 60  # characters: longer texts wrap in the cell
DATE_FORMAT = "yyyy-mm-dd"


def _cell(value):
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def write_workbook(path: Path, tables: dict[str, pa.Table]) -> Path:
    """Write the tables of one edition to `path` (replaced whole, atomically)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name in [n for n in SCHEMAS if n in tables] + [n for n in tables if n not in SCHEMAS]:
        table = tables[name]
        sheet = book.create_sheet(name[:31])
        sheet.append(table.column_names)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(column) for column in table.column_names]
        dates = [i for i, f in enumerate(table.schema) if pa.types.is_date(f.type)]
        for row in table.to_pylist():
            values = [_cell(v) for v in row.values()]
            sheet.append(values)
            widths = [max(w, len(str(v)) if v is not None else 0) for w, v in zip(widths, values)]
        for index in dates:
            for cell in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell[0].number_format = DATE_FORMAT
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
            if width > MAX_WIDTH:
                for cell in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell[0].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staged = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        book.save(staged)
        os.replace(staged, path)
    finally:
        if os.path.exists(staged):
            os.unlink(staged)
    return path


def workbook_path(out_dir: Path, edition: str) -> Path:
    return Path(out_dir) / "xlsx" / f"workplan_{edition}.xlsx"
