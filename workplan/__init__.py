"""workplan: the PDF of a UN Network on Migration workplan → typed Parquet/CSV tables.

    tables = workplan.from_pdf("workplan.pdf")   # → workplan.Tables: DataFrames by table name
    tables.write("outputs")
    workplan.read("outputs", edition="2021-2022")
    workplan.diff(old_tables, new_tables)         # → the `changes` rows
"""
__version__ = "0.1.0"

from workplan.api import Tables, align, diff, from_pdf, read  # noqa: E402  (light: heavy modules load on first call)
from workplan.errors import InputError as WorkplanError  # noqa: E402

__all__ = ["Tables", "WorkplanError", "align", "diff", "from_pdf", "read", "__version__"]
