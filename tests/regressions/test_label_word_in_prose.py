"""A priority label's words opening a paragraph of prose (`თემატური სამუშაო ჯგუფი — …` in the
introduction) opened an empty working group, and every working group after it was numbered one
further. A known word is evidence, not proof: the line is text, with an `unsupported_label` warning."""
import copy
import json

import pytest

from support import SAMPLE_GOLD, assert_same_tables, renderer, warnings_of

PROSE = ("თემატური სამუშაო ჯგუფი — ქსელის მუშაობის ძირითადი ფორმაა, რომელშიც წევრი ორგანიზაციები ერთად "
         "ამზადებენ რეკომენდაციებს.")


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_label_phrase_opening_a_paragraph_opens_no_block(engine, sample_result, tmp_path):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    render = renderer()
    gold = copy.deepcopy(json.loads(SAMPLE_GOLD.read_text(encoding="utf-8")))
    gold["sections"][0]["blocks"].append({"type": "paragraph", "text": PROSE})
    pdf = tmp_path / "prose.pdf"
    render.render(gold, render.BASE, pdf)
    result = process_pdf(pdf, options=ReadOptions(engine=engine))
    assert_same_tables(sample_result, result, "prose opening with a label phrase")
    rejected = warnings_of(result, "unsupported_label")
    assert rejected["context"].str.startswith("თემატური სამუშაო ჯგუფი").tolist() == [True]
    assert rejected["page"].tolist() == [1]
    assert PROSE.split()[3] in " ".join(result.tables["sections"].column("text").to_pylist())
