"""Judging each page's text layer: broken fonts, wrong Unicode maps, turned text."""

from workplan.extract.engines import Char
from workplan.extract.pdf_lines import not_georgian_pages, text_layer_problem, turned_text

GEORGIAN_LINE = "მიგრაციის ქსელის სამუშაო გეგმა " * 20


def chars(text, font="Body", upright=True):
    return tuple(Char(c, i * 5.0, i * 5.0 + 4, 100.0, 10.0, font, upright) for i, c in enumerate(text))


def test_a_sound_page_passes():
    assert text_layer_problem(chars(GEORGIAN_LINE)) is None


def test_a_heading_font_without_unicode_is_found_although_it_is_a_small_share():
    page = chars(GEORGIAN_LINE) + tuple(Char("(cid:%d)" % i, 0, 4, 50, 16, "Heading") for i in range(8))
    assert len(page) > 60 * 8  # the broken font is about 1.5% of the glyphs
    problem = text_layer_problem(page)
    assert problem and "Heading" in problem and "8 of its 8" in problem


def test_private_use_code_points_count_as_unmapped():
    page = chars(GEORGIAN_LINE[:200]) + chars("\ue001\ue002\ue003\ue004\ue005" * 3, font="Title")
    assert "Title" in text_layer_problem(page)


def test_pages_that_are_not_georgian_in_a_georgian_document():
    counts = {1: (900, 1000), 2: (950, 1000), 3: (3, 800), 4: (0, 40)}
    assert list(not_georgian_pages(counts)) == [3]  # page 4 has too few letters to judge
    assert not_georgian_pages({1: (0, 1000), 2: (5, 900)}) == {}  # a document in another language


def test_turned_text_is_reported():
    assert turned_text(chars(GEORGIAN_LINE, upright=False)) and turned_text(chars(GEORGIAN_LINE)) is None
