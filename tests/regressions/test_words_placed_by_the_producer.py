"""Chromium's Skia/PDF places each word of a justified row itself: a space of natural width, then
the stretch as empty page. Those stretches, lined up over a few rows, are no column gutter: the
sample as Chromium writes it reads as the sample on both engines (fixtures/producers, from
`render_layouts.py --engine chromium`)."""
import pytest

from support import FIXTURES, SAMPLE_GOLD, SAMPLE_NORMS, score

PRODUCED = sorted((FIXTURES / "producers").glob("chromium_*.pdf"))


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("pdf", PRODUCED, ids=[p.stem for p in PRODUCED])
def test_justified_words_placed_one_by_one_read_as_the_sample(pdf, engine, tmp_path):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    report = score(process_pdf(pdf, options=ReadOptions(engine=engine)), SAMPLE_GOLD, SAMPLE_NORMS, tmp_path)
    assert report["score"] >= 0.99, report
