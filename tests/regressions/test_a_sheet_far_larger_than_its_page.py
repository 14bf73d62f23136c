"""The sample's pages drawn in a corner of sheets 200 inches square lost a priority on both engines:
the outer tenth of such a sheet (20 inches) held every line of the page, and a priority label repeated
at one height on several pages was set aside as a running header. The margin band is measured from
the printed frame when the sheet is far larger than what is printed on it."""
import pytest

from pdf_factory import redrawn_pages
from support import CONTENT_TABLES, SAMPLE_PDF, assert_same_tables

SHEET = 200 * 72.0


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("corner", ["upper left", "lower left"])
def test_pages_in_a_corner_of_a_large_sheet_read_as_the_pages(engine, corner, sample_result, tmp_path):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    # The page's content drawn from the sheet's lower left corner, or moved up into its upper left one.
    sheets = redrawn_pages(SAMPLE_PDF, tmp_path / "sheets.pdf",
                           lambda box: ([0, 0, SHEET, SHEET], 0, SHEET - box[3] if corner == "upper left" else 0))
    result = process_pdf(sheets, options=ReadOptions(engine=engine))
    assert_same_tables(sample_result, result, f"{corner} ({engine})", CONTENT_TABLES + ["sections"])
