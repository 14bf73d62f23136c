"""PDF text engines: each yields, per page, the same character records.

`pdfplumber` (pdfminer.six) is the reference; `pdfium` (pypdfium2, already a pdfplumber
dependency) reads the same characters many times faster. Both report the glyph origin
(baseline), so line geometry is computed identically from either.
"""
from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Literal, NamedTuple

from workplan.extract.page_tree import PdfOpenError, password_message

Engine = Literal["pdfplumber", "pdfium"]
ENGINES: tuple[Engine, ...] = ("pdfplumber", "pdfium")


class Char(NamedTuple):
    """One printed glyph (a NamedTuple: tens of thousands are made per document)."""
    text: str
    x0: float
    x1: float
    baseline: float  # distance of the glyph origin from the page top, in points
    size: float
    font: str
    upright: bool = True  # drawn upright and unmirrored (text matrix without rotation or flip)


class Rule(NamedTuple):
    """A ruling line or filled rectangle drawn on the page (top-based points); a stroke thinner
    than `THIN` is collapsed onto its centre line, so both engines report the same geometry."""
    x0: float
    top: float
    x1: float
    bottom: float


# Strokes and rectangles thinner than this (points) are lines.
THIN = 2.0


def make_rule(x0: float, top: float, x1: float, bottom: float) -> Rule:
    if x1 - x0 < THIN:
        x0 = x1 = (x0 + x1) / 2
    if bottom - top < THIN:
        top = bottom = (top + bottom) / 2
    return Rule(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))


@dataclass(frozen=True)
class PageChars:
    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class OpenedPdf:
    title: str | None
    pages: int
    page_iter: Iterator[PageChars]
    close: Callable[[], None]  # for a document whose pages are never iterated


def open_pdfplumber(path: Path, password: str = "") -> OpenedPdf:
    import logging

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    # pdfminer logs every font oddity; what matters reaches the user as a warning row instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    try:
        pdf = pdfplumber.open(path, password=password)
        pdf.pages  # noqa: B018  (parsing the page tree finds damaged files now, not midway)
    except PDFPasswordIncorrect as exc:
        raise PdfOpenError(password_message(password)) from exc
    except Exception as exc:
        raise PdfOpenError(f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    title = (pdf.metadata or {}).get("Title")

    def pages() -> Iterator[PageChars]:
        try:
            for number, page in enumerate(pdf.pages, start=1):
                height = float(page.height)
                chars = tuple(
                    Char(c["text"], float(c["x0"]), float(c["x1"]), height - float(c["matrix"][5]), float(c["size"]), c["fontname"],
                         _upright(c["matrix"]))
                    for c in page.chars
                )
                # Straight paths only (pdfplumber's lines and rects): curves are drawings, not rulings.
                rules = tuple(make_rule(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
                              for r in page.objects.get("rect", []) + page.objects.get("line", []))
                yield PageChars(number, float(page.width), height, chars, rules)
                page.close()  # frees pdfplumber's per-page caches: memory stays flat
        finally:
            pdf.close()

    return OpenedPdf(title if isinstance(title, str) else None, len(pdf.pages), pages(), pdf.close)


def pdfium_document(path: Path, password: str = ""):
    """A pypdfium2 document, or a PdfOpenError saying why it cannot be opened."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path), password=password or None)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).casefold():
            raise PdfOpenError(password_message(password)) from exc
        raise PdfOpenError(f"damaged PDF ({exc})") from exc


def open_pdfium(path: Path, password: str = "") -> OpenedPdf:
    import pypdfium2.raw as raw

    pdf = pdfium_document(path, password)
    title = pdf.get_metadata_dict().get("Title") or None

    def pages() -> Iterator[PageChars]:
        name = ctypes.create_string_buffer(256)
        flags, x, y, box = ctypes.c_int(), ctypes.c_double(), ctypes.c_double(), raw.FS_RECTF()
        flags_ref, x_ref, y_ref, box_ref = ctypes.byref(flags), ctypes.byref(x), ctypes.byref(y), ctypes.byref(box)
        matrix = raw.FS_MATRIX()
        matrix_ref = ctypes.byref(matrix)
        get_origin = raw.FPDFText_GetCharOrigin
        # The same entry point typed to return a plain address, so objects compare cheaply.
        get_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
            ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                handle = textpage.raw
                address = ctypes.cast(handle, ctypes.c_void_p)
                width, height = float(page.get_width()), float(page.get_height())
                count = raw.FPDFText_CountChars(handle)
                text = textpage.get_text_range(0, count) if count > 0 else ""
                chars = []
                font, size, text_object, upright = "", 0.0, None, True
                # A glyph's advance depends only on its font, size and character: measure it once.
                advances: dict[tuple[str, float, str], float] = {}
                for i, char in enumerate(text[:count]):
                    # pdfium adds line breaks of its own.
                    if char in "\r\n\x00":
                        continue
                    # pdfium reports a hyphen that ends a line as U+FFFE (or U+0002): it is printed.
                    char = LINE_END_HYPHENS.get(char, char)
                    # pdfium reports a printed space that a wide gap follows (justified text, a
                    # column's last word) as generated: such a space is kept, with no width, where
                    # it was printed; one ending a line is dropped.
                    if char.isspace() and raw.FPDFText_IsGenerated(handle, i) == 1:
                        if i + 1 < count and text[i + 1] not in "\r\n" and chars:
                            # Only where a space's worth of room was printed: pdfium also invents
                            # spaces inside kerned words (`Migració n`).
                            get_origin(handle, i + 1, x_ref, y_ref)
                            if x.value - chars[-1].x1 >= SPACE_SHARE * chars[-1].size:
                                get_origin(handle, i, x_ref, y_ref)
                                chars.append(Char(" ", x.value, x.value, height - y.value, size, font))
                        continue
                    current = get_text_object(address, i)
                    if current != text_object or current is None:
                        text_object = current
                        # The effective size: the font size scaled by the text matrix and the CTM
                        # (pdfplumber's size), not the nominal size of the font.
                        raw.FPDFText_GetMatrix(handle, i, matrix_ref)
                        size = raw.FPDFText_GetFontSize(handle, i) * math.hypot(matrix.c, matrix.d)
                        upright = _upright((matrix.a, matrix.b, matrix.c, matrix.d))
                        raw.FPDFText_GetFontInfo(handle, i, name, 256, flags_ref)
                        font = name.value.decode("utf-8", "replace")
                    get_origin(handle, i, x_ref, y_ref)
                    key = (font, size, char)
                    advance = advances.get(key)
                    if advance is None:
                        raw.FPDFText_GetLooseCharBox(handle, i, box_ref)
                        advance = advances[key] = box.right - x.value
                    chars.append(Char(char, x.value, x.value + advance, height - y.value, size, font, upright))
                textpage.close()
                rules = _pdfium_rules(page, height)
                page.close()
                yield PageChars(index + 1, width, height, tuple(chars), rules)
        finally:
            pdf.close()

    return OpenedPdf(title, len(pdf), pages(), pdf.close)


# A generated space stands for a printed one only where the gap it sits in is this share of the font size.
SPACE_SHARE = 0.2
LINE_END_HYPHENS = {"\ufffe": "-", "\x02": "-"}


def _pdfium_rules(page, height: float) -> tuple[Rule, ...]:
    """Bounds of the page's straight paths (no Bézier segment), like pdfplumber's lines and rects."""
    import pypdfium2.raw as raw

    rules = []
    for path in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=4):
        handle = path.raw
        segments = raw.FPDFPath_CountSegments(handle)
        if any(raw.FPDFPathSegment_GetType(raw.FPDFPath_GetPathSegment(handle, i)) == raw.FPDF_SEGMENT_BEZIERTO
               for i in range(segments)):
            continue
        left, bottom, right, top = path.get_bounds()
        rules.append(make_rule(left, height - top, right, height - bottom))
    return tuple(rules)


def _upright(matrix) -> bool:
    """A glyph matrix (a, b, c, d, …) without rotation, skew or mirroring."""
    a, b, c, d = (float(v) for v in matrix[:4])
    return a > 0 and d > 0 and abs(b) < 1e-3 * a and abs(c) < 1e-3 * d


def open_pdf(path: Path, engine: Engine = "pdfplumber", password: str = "") -> OpenedPdf:
    if engine == "pdfium":
        return open_pdfium(path, password)
    return open_pdfplumber(path, password)
