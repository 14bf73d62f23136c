"""Word exports: bullets printed in a `Symbol` or `Wingdings` font at private-use code points
(U+F0B7, U+F0A7, …), a tab after them. They are list marks, not a broken text layer: the sample's
content printed that way gives the sample's tables, with no page sent to OCR."""
import pytest

from support import assert_renders_as_the_sample, assert_same_tables, renderer


def symbol_font(target, code: int, family: str):
    """A font named like Word's bullet fonts whose only glyph (a bullet) sits at `code`."""
    subset = pytest.importorskip("fontTools.subset")
    from fontTools.ttLib import TTFont

    source = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    try:
        font = TTFont(source)
    except FileNotFoundError:
        pytest.skip("the DejaVu fonts are missing: make test installs them")
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[0x2022])
    subsetter.subset(font)
    glyph = font.getBestCmap()[0x2022]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap = {code: glyph}
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
    font.save(target)
    return target


@pytest.mark.parametrize("code, family, engine", [(0xF0B7, "Symbol", "pdfplumber"), (0xF0A7, "Wingdings", "pdfium"),
                                                  (0xF0D8, "Wingdings", "pdfplumber")])
def test_word_bullets_read_as_bullets_without_ocr(tmp_path, sample_result, code, family, engine):
    renderer()
    font = symbol_font(tmp_path / f"{family}.ttf", code, family)
    bullet = (f"<style>@font-face {{ font-family: '{family}'; src: url('{font.as_uri()}'); }}</style>"
              f"<span style=\"font-family: '{family}'\">{chr(code)}</span>\t")
    layout = dict(body_font="DejaVu Serif", size="11pt", bullet=bullet)
    result = assert_renders_as_the_sample(layout, f"{family} U+{code:04X}", sample_result, tmp_path, engine=engine)
    warnings = result.tables["warnings"].to_pandas()
    assert not (warnings["code"] == "ocr").any(), warnings.to_string()[:1000]


def contents_page(target, gold: dict, leader: str):
    """A table of contents as Word prints one: each section heading and priority label with its title,
    leaders to a page number (some entries wrapped over two lines)."""
    weasyprint = pytest.importorskip("weasyprint")
    entries = [(section["heading"], 1) for section in gold["sections"]]
    entries += [(f"{p['label']} {p.get('number') or ''}: {p['title'][:70 if i % 3 else 140]}", i + 3)
                for i, p in enumerate(gold["priorities"])]
    rows = "".join(f"<p style='margin:2px 0'>{text} {leader * 12} {page}</p>" for text, page in entries)
    weasyprint.HTML(string=f"<html><body style=\"font-family: 'DejaVu Sans'; font-size: 9pt\"><h2>სარჩევი</h2>{rows}"
                           "</body></html>").write_pdf(target)
    return target


@pytest.mark.parametrize("leader, engine", [(".....", "pdfplumber"), ("…", "pdfium"), (". . . ", "pdfplumber")])
def test_a_table_of_contents_is_set_aside_not_read_as_priorities(tmp_path, sample_result, leader, engine):
    import json

    import pikepdf

    from conftest import FIXTURES, SAMPLE_PDF
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    renderer()
    gold = json.loads((FIXTURES / "gold" / "workplan_ka_2021_2022.json").read_text(encoding="utf-8"))
    contents = contents_page(tmp_path / "contents.pdf", gold, leader)
    with pikepdf.open(SAMPLE_PDF) as pdf, pikepdf.open(contents) as toc:
        for offset, page in enumerate(toc.pages):
            pdf.pages.insert(1 + offset, page)
        pdf.save(tmp_path / "with-contents.pdf")
    result = process_pdf(tmp_path / "with-contents.pdf", options=ReadOptions(engine=engine))
    # `comparable` leaves the pages out: the contents pages move every page on by their number.
    assert_same_tables(sample_result, result, "with a table of contents", ["priorities", "activities", "participants", "deadlines"])
    aside = result.tables["set_aside"].to_pandas()
    contents_lines = aside[aside["role"] == "table_of_contents"]
    assert set(contents_lines["page"]) == {2} and len(contents_lines) >= len(gold["priorities"])


@pytest.mark.parametrize("indent, engine", [("0.63cm", "pdfplumber"), ("1.27cm", "pdfplumber"), ("1.27cm", "pdfium")])
def test_a_bullet_at_a_tab_stop_reads_as_the_sample(tmp_path, sample_result, indent, engine):
    # Word sets a bullet, then a tab to the hanging indent. The bullet's private-use code point has no
    # glyph in the body font: WeasyPrint then encodes the font through an embedded CMap of its own
    # (`/WP-Encod-0`), which the pdfplumber engine once lost whole (19% of the text in tables).
    bullet = f'<span style="display:inline-block;width:{indent}">\uF0B7</span>'
    result = assert_renders_as_the_sample(dict(body_font="DejaVu Serif", size="11pt", bullet=bullet), f"tab stop {indent}",
                                          sample_result, tmp_path, engine=engine)
    codes = set(result.tables["warnings"].to_pandas()["code"])
    assert not codes & {"ocr", "page_cut_short", "unassigned_text"}, codes
