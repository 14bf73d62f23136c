"""Both text engines yield the same tables from the sample."""
import pytest

from conftest import SAMPLE_PDF
from workplan.extract.engines import open_pdf
from workplan.extract.pdf_lines import ReadOptions

GEOMETRY = ["x0", "top", "x1", "bottom"]
# pdfium measures a few Latin glyphs by their loose box, pdfminer by their advance width.
GEOMETRY_TOLERANCE = 0.6


@pytest.fixture(scope="module")
def pdfium_result():
    from workplan.pipeline import process_pdf

    return process_pdf(SAMPLE_PDF, options=ReadOptions(engine="pdfium"))


def test_engines_read_the_same_characters():
    plumber = open_pdf(SAMPLE_PDF, "pdfplumber")
    pdfium = open_pdf(SAMPLE_PDF, "pdfium")
    assert plumber.pages == pdfium.pages == 26
    assert plumber.title == pdfium.title
    for a, b in zip(plumber.page_iter, pdfium.page_iter):
        # Spaces differ by design: pdfium flags some printed spaces as its own and reports them without width.
        inked_a, inked_b = [c for c in a.chars if not c.text.isspace()], [c for c in b.chars if not c.text.isspace()]
        assert "".join(c.text for c in inked_a) == "".join(c.text for c in inked_b)
        assert max(abs(x.baseline - y.baseline) for x, y in zip(inked_a, inked_b)) < 0.01
        assert {round(c.size, 2) for c in inked_a} == {round(c.size, 2) for c in inked_b}


def test_engines_yield_identical_tables(sample_result, pdfium_result):
    assert pdfium_result.edition == sample_result.edition
    for name, table in sample_result.tables.items():
        reference = table.to_pandas()
        other = pdfium_result.tables[name].to_pandas()
        content = [c for c in reference.columns if c not in GEOMETRY]
        assert reference[content].equals(other[content]), name
        for column in GEOMETRY:
            if column in reference:
                assert (reference[column] - other[column]).abs().max() <= GEOMETRY_TOLERANCE, (name, column)
