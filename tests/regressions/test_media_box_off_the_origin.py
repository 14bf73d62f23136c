"""Pages whose media box does not start at 0 0, their content drawn shifted with it (a viewer shows
the same page), were refused as `no priority blocks found` on the pdfplumber engine: pdfplumber adds
the box's left edge to a glyph's x and not to its y, and the page read as text off its left side."""
import pytest

from support import CONTENT_TABLES, SAMPLE_PDF, comparable


def _shifted(source, target, dx: float, dy: float) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            page.MediaBox = pikepdf.Array([x0 + dx, y0 + dy, x1 + dx, y1 + dy])
            page.contents_add(pikepdf.Stream(pdf, f"q 1 0 0 1 {dx} {dy} cm\n".encode()), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, b"\nQ\n"))
        pdf.save(target)


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("dx, dy", [(-400.0, -900.0), (200.0, 300.0)])
def test_a_page_drawn_off_the_origin_reads_as_the_page_at_it(engine, dx, dy, sample_result, tmp_path):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    shifted = tmp_path / "shifted.pdf"
    _shifted(SAMPLE_PDF, shifted, dx, dy)
    result = process_pdf(shifted, options=ReadOptions(engine=engine))
    for table in CONTENT_TABLES + ["sections"]:
        expected, got = comparable(sample_result.tables[table]), comparable(result.tables[table])
        assert expected.equals(got), table
    assert result.tables["warnings"].num_rows == sample_result.tables["warnings"].num_rows
