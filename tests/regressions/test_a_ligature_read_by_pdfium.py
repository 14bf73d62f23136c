"""pdfium reports each letter of a ligature glyph (`ﬁ` in `dignified`, `identification`) at the
glyph's one origin, each with its share of the box: read glyph by glyph, the letters after the
ligature had been set apart (`dignifi ed`). The English renderings, whose fonts set ligatures,
read the same on both engines."""
import pytest

from support import CONTENT_TABLES, FIXTURES, assert_same_tables

LIGATURED = [FIXTURES / "english" / "kicker.pdf", FIXTURES / "english" / "chromium_kicker.pdf"]


@pytest.mark.parametrize("pdf", LIGATURED, ids=[p.stem for p in LIGATURED])
def test_words_with_a_ligature_read_whole_on_pdfium(pdf):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    pdfium = process_pdf(pdf, options=ReadOptions(engine="pdfium"))
    texts = " ".join(pdfium.tables["activities"].column("text").to_pylist())
    assert "dignified" in texts and "dignifi ed" not in texts
    assert_same_tables(process_pdf(pdf, options=ReadOptions(engine="pdfplumber")), pdfium, pdf.stem, CONTENT_TABLES)
