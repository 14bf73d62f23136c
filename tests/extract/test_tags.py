"""A tagged PDF's structure tree read as passages, page by page, on the Chromium renderings."""
from support import FIXTURES, SAMPLE_PDF
from workplan.extract.tags import PASSAGE_TYPES, read_passages

TABLE = FIXTURES / "english" / "chromium_table.pdf"


def test_a_tagged_document_reads_as_passages_of_paragraph_list_and_table_types():
    passages = read_passages(TABLE)
    assert passages and {p.tag for p in passages} <= PASSAGE_TYPES | {"NonStruct", "Table"}
    assert {"P", "H1", "TD"} <= {p.tag for p in passages}
    assert [p.page for p in passages] == sorted(p.page for p in passages)
    assert any(p.tag == "H1" and p.text == "Core Priorities" for p in passages)


def test_a_paragraph_broken_by_a_page_end_gives_each_page_its_own_words():
    # The paragraph ending `… to the smuggling of migrants; and` on page 2 goes on with `applying
    # gender …` on page 3: page 3's passage holds no word of page 2's part, nor of another element.
    passages = read_passages(TABLE)
    ending = next(p for p in passages if p.page == 3 and p.text.startswith("applying gender"))
    assert "smuggling" not in ending.text and "Creation of dedicated" not in ending.text


def test_an_untagged_document_gives_no_passages():
    assert read_passages(SAMPLE_PDF) is None
