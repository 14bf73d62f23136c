"""Word exports: bullets printed in a `Symbol` or `Wingdings` font at private-use code points
(U+F0B7, U+F0A7, …), a tab after them. They are list marks, not a broken text layer: the sample's
content printed that way gives the sample's tables, with no page sent to OCR."""
import pytest

from test_layout_variants import _renderer, assert_renders_as_the_sample


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
    _renderer()
    font = symbol_font(tmp_path / f"{family}.ttf", code, family)
    bullet = (f"<style>@font-face {{ font-family: '{family}'; src: url('{font.as_uri()}'); }}</style>"
              f"<span style=\"font-family: '{family}'\">{chr(code)}</span>\t")
    layout = dict(body_font="DejaVu Serif", size="11pt", bullet=bullet)
    result = assert_renders_as_the_sample(layout, f"{family} U+{code:04X}", sample_result, tmp_path, engine=engine)
    warnings = result.tables["warnings"].to_pandas()
    assert not (warnings["code"] == "ocr").any(), warnings.to_string()[:1000]
