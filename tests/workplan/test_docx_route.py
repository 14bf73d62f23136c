"""An edition written in Word and converted by LibreOffice: Word's own numbered lists (numbers
Word counts, restarted for each priority), Word's bullets, organisation lists in a table whose rows
break across pages, or labels set as small headings above their titles. Each gold, in three
typesettings, scores at least 0.99 on both engines."""
import pytest

from support import (DRIFT_GOLD, DRIFT_NORMS, ENGLISH_GOLD, ENGLISH_NORMS, SAMPLE_GOLD, SAMPLE_NORMS, assert_same_tables,
                     score, warnings_of, word_pdf)

GOLDS = {"sample": (SAMPLE_GOLD, SAMPLE_NORMS), "drift": (DRIFT_GOLD, DRIFT_NORMS), "english": (ENGLISH_GOLD, ENGLISH_NORMS)}
# (body size in points, left and right margins in cm, how a priority's parts are set: render_docx.VARIANTS)
TYPESETTINGS = [(10.0, 2.2, "lists"), (11.0, 1.5, "lists"), (11.0, 1.6, "kicker")]


@pytest.mark.parametrize("name", sorted(GOLDS))
@pytest.mark.parametrize("size, margin, variant", TYPESETTINGS)
def test_a_word_edition_reads_as_its_gold(name, size, margin, variant, tmp_path):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    gold, norms = GOLDS[name]
    pdf = word_pdf(gold, tmp_path, size, margin, variant)
    for engine in ("pdfplumber", "pdfium"):
        result = process_pdf(pdf, options=ReadOptions(engine=engine))
        scratch = tmp_path / engine
        scratch.mkdir()
        report = score(result, gold, norms, scratch)
        assert report["score"] >= 0.99, f"{name} {variant} {size}pt {margin}cm on {engine}: {report['score']:.4f}"
        assert warnings_of(result, "ocr").empty, "a Word export has a text layer: no page is read by OCR"


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_organisation_cells_broken_by_a_page_end_stay_one_list(engine, sample_result, tmp_path):
    """Members cells that a page end breaks continue on the next page: every list as the sample
    prints it, no member lost, no half of a name minted."""
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    result = process_pdf(word_pdf(SAMPLE_GOLD, tmp_path, size=10.0, margin=2.0), options=ReadOptions(engine=engine))
    participants = result.tables["participants"].to_pandas()
    broken = participants[participants["page_end"] > participants["page"]]
    assert broken["list_id"].nunique() >= 3, "the rendering no longer breaks organisation cells across pages"
    assert_same_tables(sample_result, result, f"Word export on {engine}", tables=["participants", "organizations"])
    assert warnings_of(result, "organization").empty
