"""pdfminer's adaptations apply to the pdfplumber engine's own documents: another pdfplumber user in
the same process reads as upstream pdfplumber reads."""
import json

import pdfplumber

from support import SAMPLE_GOLD, renderer
from workplan.extract.engines import open_pdf
from workplan.extract.pdfminer_adaptations import embedded_code2cid


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def test_an_embedded_cmap_is_read_by_our_documents_only(tmp_path):
    from pdfminer.pdffont import PDFCIDFont
    from pdfminer.pdfinterp import PDFResourceManager

    # A bullet at a private-use code point the body font lacks: WeasyPrint then encodes the font
    # through a CMap embedded under a name of its own (`/WP-Encod-0`).
    render = renderer()
    pdf = tmp_path / "embedded-cmap.pdf"
    render.render(json.loads(SAMPLE_GOLD.read_text(encoding="utf-8")),
                  {**render.BASE, "body_font": "DejaVu Serif", "bullet": "\uF0B7"}, pdf)
    opened = open_pdf(pdf, "pdfplumber")
    ours = sum(_letters("".join(c.text for c in page.chars)) for page in opened.page_iter)
    with pdfplumber.open(pdf) as theirs:
        assert type(theirs.rsrcmgr) is PDFResourceManager
        upstream = sum(_letters(page.extract_text() or "") for page in theirs.pages)
    assert PDFCIDFont.get_cmap_from_spec.__module__ == "pdfminer.pdffont"  # not replaced process-wide
    assert upstream < 0.9 * ours  # upstream loses the font's glyphs; ours reads them


def test_an_embedded_cmaps_codes_and_ranges():
    data = b"2 begincidchar <0003> 7 <0004> 9 endcidchar 1 begincidrange <0010> <0012> 20 endcidrange"
    assert embedded_code2cid(data) == {b"\x00\x03": 7, b"\x00\x04": 9, b"\x00\x10": 20, b"\x00\x11": 21, b"\x00\x12": 22}
