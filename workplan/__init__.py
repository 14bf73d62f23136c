"""workplan: the PDF of a UN Network on Migration workplan → typed Parquet/CSV tables."""
__version__ = "0.1.0"
