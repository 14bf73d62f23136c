"""Word's numbered list set at 11 pt on a wide measure: the number `10.` is wider than the list's
hanging indent, and LibreOffice prints the item's first word right after its full stop
(`10.ცოდნის`, no gap to read a space from). The item was read as text of the item before it."""
import pdfplumber

from support import SAMPLE_GOLD, word_pdf


def test_a_number_touching_its_text_opens_an_item(tmp_path):
    from workplan.pipeline import process_pdf

    pdf = word_pdf(SAMPLE_GOLD, tmp_path, size=11.0, margin=1.5)
    with pdfplumber.open(pdf) as document:
        printed = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "10.ცოდნის" in printed, "the rendering no longer sets the number against its text"
    activities = process_pdf(pdf).tables["activities"].to_pandas()
    tenth = activities[(activities["priority_id"] == "twg-2") & (activities["number_printed"] == "10")]
    assert tenth["text"].str.startswith("ცოდნის").tolist() == [True]
    assert not activities["text"].str.contains("10.ცოდნის").any()
