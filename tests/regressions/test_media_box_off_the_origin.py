"""Pages whose media box does not start at 0 0, their content drawn shifted with it (a viewer shows
the same page), were refused as `no priority blocks found` on the pdfplumber engine: pdfplumber adds
the box's left edge to a glyph's x and not to its y, and the page read as text off its left side."""
import pytest

from pdf_factory import redrawn_pages
from support import CONTENT_TABLES, SAMPLE_PDF, comparable


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("dx, dy", [(-400.0, -900.0), (200.0, 300.0)])
def test_a_page_drawn_off_the_origin_reads_as_the_page_at_it(engine, dx, dy, sample_result, tmp_path):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    shifted = redrawn_pages(SAMPLE_PDF, tmp_path / "shifted.pdf",
                            lambda box: ([box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy], dx, dy))
    result = process_pdf(shifted, options=ReadOptions(engine=engine))
    for table in CONTENT_TABLES + ["sections"]:
        expected, got = comparable(sample_result.tables[table]), comparable(result.tables[table])
        assert expected.equals(got), table
    assert result.tables["warnings"].num_rows == sample_result.tables["warnings"].num_rows
