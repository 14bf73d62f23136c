"""The structure tree of a tagged PDF, read as passages: the printed words its producer grouped
into one paragraph, heading, list item or table cell, in the tree's order, page by page.

Word processors and browsers tag what they write (PDF/UA, "tagged PDF"): the tree is made from
the document's own paragraphs, independently of where the glyphs were placed. It is read with
pdfium whichever engine reads the text, so that it stays a second witness of the same page.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

# Structure types whose content is one passage of text (ISO 32000-1, 14.8.4: paragraph-like,
# list and table elements). Grouping types (Document, Sect, Div, Table, TR, L, NonStruct, Span …)
# hold passages; their own marked content belongs to the nearest passage above them, or is a
# passage of its own where there is none.
PASSAGE_TYPES = frozenset({"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Title", "Lbl", "LBody", "LI", "TH", "TD",
                           "Caption", "Note", "TOCI", "BlockQuote"})
# Elements nested deeper than this are read as part of the passage above them (a tree that loops).
MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class Passage:
    """One tagged passage on one page: its structure type and its text, its glyphs in the order
    the content stream draws them (pdfium's spaces and line breaks between words)."""
    page: int
    tag: str
    text: str


def read_passages(path: Path, password: str = "") -> tuple[Passage, ...] | None:
    """Every page's tagged passages, or None for a document without a structure tree."""
    import pypdfium2.raw as raw

    from workplan.extract.engines import pdfium_document

    pdf = pdfium_document(path, password)
    try:
        if not raw.FPDFCatalog_IsTagged(pdf.raw):
            return None
        passages: list[Passage] = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                passages += _page_passages(index + 1, page, textpage)
            finally:
                textpage.close()
                page.close()
        return tuple(passages)
    finally:
        pdf.close()


def _page_passages(number: int, page, textpage) -> list[Passage]:
    import pypdfium2.raw as raw

    texts = _text_by_mcid(textpage)
    if not texts:
        return []
    tree = raw.FPDF_StructTree_GetForPage(page.raw)
    if not tree:
        return []
    passages: list[tuple[str, list[int]]] = []
    try:
        for i in range(raw.FPDF_StructTree_CountChildren(tree)):
            _walk(raw.FPDF_StructTree_GetChildAtIndex(tree, i), None, passages, 0)
    finally:
        raw.FPDF_StructTree_Close(tree)
    out = []
    for tag, mcids in passages:
        text = " ".join(" ".join(texts[m].split()) for m in mcids if m in texts)
        if text:
            out.append(Passage(number, tag, text))
    return out


def _walk(element, passage: list[int] | None, passages: list[tuple[str, list[int]]], depth: int) -> None:
    import pypdfium2.raw as raw

    if not element:
        return
    tag = _type(element)
    if passage is None and (tag in PASSAGE_TYPES or depth >= MAX_DEPTH):
        passage = []
        passages.append((tag, passage))
    # The element's kids as pdfium loaded them for this page: marked content of other pages is
    # left out (the element's own /K lists every page's).
    own, children = [], []
    for i in range(max(0, raw.FPDF_StructElement_CountChildren(element))):
        child = raw.FPDF_StructElement_GetChildAtIndex(element, i)
        if child:
            children.append(child)
        else:
            mcid = raw.FPDF_StructElement_GetChildMarkedContentID(element, i)
            if mcid >= 0:
                own.append(mcid)
    if passage is not None:
        passage += own
    elif own:
        passages.append((tag, own))
    if depth < MAX_DEPTH:
        for child in children:
            _walk(child, passage, passages, depth + 1)


def _type(element) -> str:
    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer(128)
    length = raw.FPDF_StructElement_GetType(element, buffer, len(buffer))
    if length <= 2 or length > len(buffer):
        return ""
    return buffer.raw[:length - 2].decode("utf-16-le", "replace")


def _text_by_mcid(textpage) -> dict[int, str]:
    """The page's text, glyph by glyph, gathered by the marked-content id of the object drawing
    it; pdfium's generated spaces and line breaks go with the glyph before them."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage.raw)
    if count <= 0:
        return {}
    text = textpage.get_text_range(0, count)[:count]
    mcid_of: dict[int, int] = {}
    gathered: dict[int, list[str]] = {}
    current = -1
    for i, char in enumerate(text):
        obj = raw.FPDFText_GetTextObject(textpage.raw, i)
        if obj:
            key = ctypes.cast(obj, ctypes.c_void_p).value
            mcid = mcid_of.get(key)
            if mcid is None:
                mcid = mcid_of[key] = raw.FPDFPageObj_GetMarkedContentID(obj)
            current = mcid
        if current >= 0:
            gathered.setdefault(current, []).append(char)
    return {mcid: "".join(chars) for mcid, chars in gathered.items()}
