"""The sample's pages drawn in a corner of sheets 200 inches square lost a priority on both engines:
the outer tenth of such a sheet (20 inches) held every line of the page, and a priority label repeated
at one height on several pages was set aside as a running header. The margin band is measured from
the printed frame when the sheet is far larger than what is printed on it."""
import pytest

from support import CONTENT_TABLES, SAMPLE_PDF, comparable

SHEET = 200 * 72.0


def _on_large_sheets(source, target, corner: str) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            height = float(page.MediaBox[3])
            page.MediaBox = pikepdf.Array([0, 0, SHEET, SHEET])
            if corner == "upper left":
                page.contents_add(pikepdf.Stream(pdf, f"q 1 0 0 1 0 {SHEET - height} cm\n".encode()), prepend=True)
                page.contents_add(pikepdf.Stream(pdf, b"\nQ\n"))
        pdf.save(target)


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("corner", ["upper left", "lower left"])
def test_pages_in_a_corner_of_a_large_sheet_read_as_the_pages(engine, corner, sample_result, tmp_path):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    sheets = tmp_path / "sheets.pdf"
    _on_large_sheets(SAMPLE_PDF, sheets, corner)
    result = process_pdf(sheets, options=ReadOptions(engine=engine))
    for table in CONTENT_TABLES + ["sections"]:
        expected, got = comparable(sample_result.tables[table]), comparable(result.tables[table])
        merged = expected.merge(got, how="outer", indicator=True)
        assert merged[merged["_merge"] != "both"].empty, table
