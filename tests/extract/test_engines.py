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
    """pdfium may read a run of words as one record: glyph by glyph, and run by run, the engines agree."""
    plumber = open_pdf(SAMPLE_PDF, "pdfplumber")
    pdfium = open_pdf(SAMPLE_PDF, "pdfium")
    assert plumber.pages == pdfium.pages == 26
    assert plumber.title == pdfium.title
    runs = 0
    for a, b in zip(plumber.page_iter, pdfium.page_iter):
        # Spaces differ by design: pdfium flags some printed spaces as its own and reports them without width.
        inked_a = [c for c in a.chars if not c.text.isspace()]
        glyphs_b = [(glyph, c) for c in b.chars for glyph in c.text if not glyph.isspace()]
        assert "".join(c.text for c in inked_a) == "".join(glyph for glyph, _ in glyphs_b)
        assert max(abs(x.baseline - y.baseline) for x, (_, y) in zip(inked_a, glyphs_b)) < 0.01
        assert {round(c.size, 2) for c in inked_a} == {round(c.size, 2) for _, c in glyphs_b}
        # A run spans exactly its glyphs: from the first one's left to the last one's right.
        at = 0
        for record in (c for c in b.chars if not c.text.isspace()):
            inked = len(record.text.replace(" ", ""))
            first, last = inked_a[at], inked_a[at + inked - 1]
            assert abs(record.x0 - first.x0) < GEOMETRY_TOLERANCE and abs(record.x1 - last.x1) < GEOMETRY_TOLERANCE, record
            runs += inked > 1
            at += inked
    assert runs > 1000  # most words were read in bulk


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


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_text_sized_through_the_text_matrix_has_its_effective_size(tmp_path, engine):
    """`/F1 1 Tf` under `11 0 0 11 x y Tm` prints at 11 points, as `/F1 11 Tf` does."""
    from pdf_factory import text_pdf

    lines = [[(72, 100, 11, [("Helvetica", "Migration network workplan")]), (72, 130, 16, [("Helvetica-Bold", "Heading")])]]
    plain = open_pdf(text_pdf(tmp_path / "plain.pdf", lines), engine)
    scaled = open_pdf(text_pdf(tmp_path / "scaled.pdf", lines, sized_by_matrix=True), engine)
    for a, b in zip(plain.page_iter, scaled.page_iter):
        assert [(c.text, round(c.size, 2), round(c.x0, 1), round(c.baseline, 1)) for c in a.chars] == \
               [(c.text, round(c.size, 2), round(c.x0, 1), round(c.baseline, 1)) for c in b.chars]
        assert {round(c.size) for c in b.chars if not c.text.isspace()} == {11, 16}
