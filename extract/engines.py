"""PDF text engines: each yields, per page, the same character records.

`pdfplumber` (pdfminer.six) is the reference; `pdfium` (pypdfium2, already a pdfplumber
dependency) reads the same characters many times faster. Both report the glyph origin
(baseline), so line geometry is computed identically from either.
"""
from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

import regex

from workplan.extract.errors import ExtractError
from workplan.extract.memory import DEFAULT_MAX_MEMORY_MB
from workplan.extract.pdfminer_adaptations import guard_reference_loops, read_embedded_cmaps
from workplan.extract.page_tree import PdfOpenError, PdfPasswordError, password_message
from workplan.extract.records import Engine
from workplan.extract.settings import DEFAULT_SETTINGS, TextLayerSettings


class Char(NamedTuple):
    """One printed glyph, or a run of glyphs set one after another in one font and size (the
    pdfium engine reads runs in bulk); a NamedTuple: tens of thousands are made per document."""
    text: str
    x0: float
    x1: float
    baseline: float  # distance of the glyph origin from the page top, in points
    size: float
    font: str
    upright: bool = True  # drawn upright and unmirrored (text matrix without rotation or flip)


class Rule(NamedTuple):
    """A ruling line or filled rectangle drawn on the page (top-based points); a stroke thinner
    than `thin` (text_layer.thin_rule) is collapsed onto its centre line, so both engines report
    the same geometry."""
    x0: float
    top: float
    x1: float
    bottom: float


def make_rule(x0: float, top: float, x1: float, bottom: float, thin: float) -> Rule:
    if x1 - x0 < thin:
        x0 = x1 = (x0 + x1) / 2
    if bottom - top < thin:
        top = bottom = (top + bottom) / 2
    return Rule(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))


@dataclass(frozen=True)
class PageChars:
    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...] = ()
    turned: int = 0  # degrees the page's text was drawn turned by, and read back upright from


@dataclass(frozen=True)
class OpenedPdf:
    title: str | None
    pages: int
    page_iter: Iterator[PageChars]
    close: Callable[[], None]  # for a document whose pages are never iterated


NOTDEF = "(cid:0)"  # pdfminer's text for CID 0, a composite font's .notdef glyph

# pdfplumber holds about 2 KB for each glyph of the page it reads (100,000 glyphs: 200 MB resident),
# our glyphs a little more; a page may take half the memory budget.
PLUMBER_BYTES_PER_GLYPH = 2_500


# A content stream's strings (what Tj and TJ show): literal `(…)` with its escapes, or hex `<…>`.
SHOWN_STRING = regex.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>", regex.DOTALL)


def _content(page_obj) -> list[bytes]:
    """The page's content streams, decoded (pdfminer keeps them: its interpreter reads them again)."""
    from pdfminer.pdftypes import resolve1

    streams = resolve1(page_obj.attrs.get("Contents"))
    streams = streams if isinstance(streams, list) else [streams]
    return [s.get_data() for s in map(resolve1, streams) if hasattr(s, "get_data")]


def _too_many_glyphs(number: int, page_obj, max_memory_mb: int) -> str | None:
    """Why the pdfplumber engine must not read this page: more glyphs than the memory budget holds
    (a C extension that runs out of memory ends the process). A glyph takes a byte of a shown string
    at least, so the strings' bytes bound the glyphs; only a page of large content is measured."""
    allowed = max_memory_mb * (1 << 20) // 2 // PLUMBER_BYTES_PER_GLYPH
    content = _content(page_obj)
    if sum(map(len, content)) <= allowed:
        return None
    shown = sum(len(m) - 2 if m[:1] == b"(" else (len(m) - 2) // 2 for m in SHOWN_STRING.findall(b"".join(content)))
    if shown <= allowed:
        return None
    return (f"page {number}: up to {shown} glyphs on one page, more than the pdfplumber engine holds within the "
            f"memory budget of {max_memory_mb} MB (--max-memory raises it; --engine pdfium needs less)")


def open_pdfplumber(path: Path, password: str = "", max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
                    settings: TextLayerSettings = DEFAULT_SETTINGS.text_layer) -> OpenedPdf:
    import logging

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    # pdfminer logs every font oddity; what matters reaches the user as a warning row instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    guard_reference_loops()
    try:
        pdf = pdfplumber.open(path, password=password)
        read_embedded_cmaps(pdf)
        pdf.pages  # noqa: B018  (parsing the page tree finds damaged files now, not midway)
    except PDFPasswordIncorrect as exc:
        raise PdfPasswordError(password_message(password)) from exc
    except Exception as exc:
        raise PdfOpenError(f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    title = (pdf.metadata or {}).get("Title")

    def pages() -> Iterator[PageChars]:
        try:
            for number, page in enumerate(pdf.pages, start=1):
                # The page as drawn, before its /Rotate: text set upright on a page shown turned
                # (a landscape page) is read upright, as pdfium reads it.
                page.page_obj.rotate = 0
                too_many = _too_many_glyphs(number, page.page_obj, max_memory_mb)
                if too_many:
                    raise ExtractError(too_many)
                left, bottom, right, top = (float(v) for v in page.page_obj.mediabox)
                width, height = right - left, top - bottom
                # CID 0 is a composite font's .notdef glyph: a character the font lacks (often a
                # bullet), drawn as an empty box. It is read as U+FFFD, a list mark at a line's start.
                found = [c if c["text"] != NOTDEF else {**c, "text": "\ufffd"} for c in page.chars]
                # Nearly every glyph is set upright: the exact test is cheap, the general one runs on the rest.
                upright = [(m[1] == 0 and m[2] == 0 and m[0] > 0 and m[3] > 0) or _upright(m) for m in (c["matrix"] for c in found)]
                turn = 0 if all(upright) else dominant_turn(
                    ((0 if up else _turn_of(c["matrix"]), len(c["text"])) for c, up in zip(found, upright) if not c["text"].isspace()),
                    settings.turned_page_share)
                if turn:
                    chars = tuple(_turned_plumber_char(c, turn, width, height) for c in found)
                else:
                    # pdfplumber's x0 and x1 carry the media box's left edge (its y0, y1 and glyph
                    # matrix do not): page space starts at the box's corner, as pdfium's does.
                    chars = tuple(
                        Char(c["text"], float(c["x0"]) - left, float(c["x1"]) - left, height - float(c["matrix"][5]),
                             float(c["size"]), c["fontname"], up)
                        for c, up in zip(found, upright)
                    )
                # Straight paths only (pdfplumber's lines and rects): curves are drawings, not rulings.
                rules = tuple(turned_rule(make_rule(float(r["x0"]) - left, height - float(r["y1"]), float(r["x1"]) - left,
                                                    height - float(r["y0"]), settings.thin_rule), turn, width, height, settings.thin_rule)
                              for r in page.objects.get("rect", []) + page.objects.get("line", []))
                width, height = turned_size(turn, width, height)
                yield PageChars(number, width, height, chars, rules, turn)
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
            raise PdfPasswordError(password_message(password)) from exc
        raise PdfOpenError(f"damaged PDF ({exc})") from exc


def open_pdfium(path: Path, password: str = "", settings: TextLayerSettings = DEFAULT_SETTINGS.text_layer) -> OpenedPdf:
    pdf = pdfium_document(path, password)
    title = pdf.get_metadata_dict().get("Title") or None

    def pages() -> Iterator[PageChars]:
        reader = _PdfiumTextReader(settings)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                # Page space before /Rotate, from the media box's corner (as pdfminer measures).
                left, bottom, right, top = (float(v) for v in page.get_mediabox())
                width, height = right - left, top - bottom
                chars = reader.read(textpage, top, left)
                turn = dominant_turn(reader.turns.items(), settings.turned_page_share)
                if turn:
                    chars = reader.read_turned(textpage, top, left, turn, width, height)
                textpage.close()
                rules = tuple(turned_rule(rule, turn, width, height, settings.thin_rule) for rule in _pdfium_rules(page, top, settings, left))
                page.close()
                width, height = turned_size(turn, width, height)
                yield PageChars(index + 1, width, height, chars, rules, turn)
        finally:
            pdf.close()

    return OpenedPdf(title, len(pdf), pages(), pdf.close)


# Runs of printed words joined by single spaces (pdfium's text of a page), and the words of a run.
RUN = regex.compile(r"[^\s\x00]+(?: [^\s\x00]+)*")
WORD = regex.compile(r"[^\s\x00]+")

class _PdfiumTextReader:
    """A text page → character records, read in bulk: a run of words joined by single spaces in one
    text object, whose glyphs stand where their advances put them, becomes one record (its text,
    first origin, last advance), measured with two origin calls instead of one call per glyph and
    property. Runs that do not fit are read word by word, then glyph by glyph, as are the other
    spaces. Profiled on 260 pages: per-glyph calls and per-glyph records were four fifths of the
    pdfium path's time. A page whose text is drawn turned is read again, glyph by glyph, turned
    back (`read_turned`)."""

    def __init__(self, settings: TextLayerSettings):
        import pypdfium2.raw as raw

        self.run_tolerance, self.generated_space_share = settings.run_tolerance, settings.generated_space_share
        self.raw = raw
        address = lambda function: ctypes.cast(function, ctypes.c_void_p).value  # noqa: E731
        # The entry points typed with plain addresses: cheaper to call than the typed bindings.
        self.text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address(raw.FPDFText_GetTextObject))
        self.origin = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
            address(raw.FPDFText_GetCharOrigin))
        self.generated = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int)(address(raw.FPDFText_IsGenerated))
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.x_at, self.y_at = ctypes.addressof(self.x), ctypes.addressof(self.y)
        self.box, self.matrix = raw.FS_RECTF(), raw.FS_MATRIX()
        self.name, self.flags = ctypes.create_string_buffer(256), ctypes.c_int()
        self.turned: tuple[int, float, float] | None = None  # (turn, width, height) while reading a turned page
        self.last_origin: tuple | None = None  # (x, y, text object) of the last glyph read alone
        self.left = 0.0

    def read(self, textpage, top: float, left: float = 0.0) -> tuple[Char, ...]:
        """Records in points from the media box's top-left corner."""
        raw = self.raw
        self.left = left
        self.handle = textpage.raw
        self.address = ctypes.cast(self.handle, ctypes.c_void_p).value
        self.height = top
        count = raw.FPDFText_CountChars(self.handle)
        self.text = textpage.get_text_range(0, count)[:count] if count > 0 else ""
        self.count = len(self.text)
        self.chars: list[Char] = []
        self.last_origin = None
        self.font, self.size, self.current, self.upright, self.turn = "", 0.0, None, True, 0
        self.turns: Counter[int] = Counter()  # glyphs by the turn of their text matrix
        # A glyph's advance depends only on its font, size and character: measured once per page.
        self.advances: dict[tuple[str, float], dict[str, float]] = {}
        self.widths: dict[str, float] = {}  # the advances of the current font and size
        position = 0
        for run in RUN.finditer(self.text):
            start, end = run.span()
            self._between(position, start)
            if not self._run(start, end):
                self._words(start, end)
            position = end
        self._between(position, self.count)
        if left and not self.turned:  # turned glyphs are measured from the corner as they are read
            return tuple(c._replace(x0=c.x0 - left, x1=c.x1 - left) for c in self.chars)
        return tuple(self.chars)

    def _between(self, start: int, end: int) -> None:
        """The glyphs between runs: spaces and pdfium's own line breaks (skipped here, cheaply)."""
        text = self.text
        for i in range(start, end):
            if text[i] not in "\r\n\x00":
                self._glyph(i)

    def _style(self, i: int, current) -> None:
        """Font, effective size (font size × text matrix × CTM, as pdfplumber reports it) and
        orientation of the text object of glyph i."""
        raw = self.raw
        self.current = current
        raw.FPDFText_GetMatrix(self.handle, i, ctypes.byref(self.matrix))
        m = self.matrix
        self.size = raw.FPDFText_GetFontSize(self.handle, i) * math.hypot(m.c, m.d)
        self.upright = _upright((m.a, m.b, m.c, m.d))
        self.turn = _turn_of((m.a, m.b, m.c, m.d))
        raw.FPDFText_GetFontInfo(self.handle, i, self.name, 256, ctypes.byref(self.flags))
        self.font = self.name.value.decode("utf-8", "replace")
        self.widths = self.advances.setdefault((self.font, self.size), {})

    def _advance(self, i: int, char: str, x: float) -> float:
        advance = self.widths.get(char)
        if advance is None:
            self.raw.FPDFText_GetLooseCharBox(self.handle, i, ctypes.byref(self.box))
            advance = self.widths[char] = self.box.right - x
        return advance

    def _run(self, start: int, end: int) -> bool:
        """Glyphs start..end-1 as one record, when they fit; False to read them one by one."""
        address = self.address
        current = self.text_object(address, start)
        if self.turned or current is None or self.text_object(address, end - 1) != current:
            return False
        if current != self.current:
            self._style(start, current)
        text = self.text[start:end]
        at = text.find(" ")
        while at >= 0:
            if self.generated(address, start + at) == 1:
                return False  # a space pdfium inferred from a gap: the glyph-by-glyph path judges it
            at = text.find(" ", at + 1)
        if "\ufffe" in text or "\x02" in text:
            text = "".join(LINE_END_HYPHENS.get(c, c) for c in text)
        self.origin(address, start, self.x_at, self.y_at)
        first_x, first_y = self.x.value, self.y.value
        if end - start == 1:
            self.chars.append(Char(text, first_x, first_x + self._advance(start, text, first_x), self.height - first_y,
                                   self.size, self.font, self.upright))
            self.turns[self.turn] += 1
            return True
        self.origin(address, end - 1, self.x_at, self.y_at)
        last_x, last_y = self.x.value, self.y.value
        widths = self.widths
        try:
            expected = first_x + sum(map(widths.__getitem__, text[:-1]))
        except KeyError:  # a glyph first seen on this page: measure the new ones where they stand
            for offset, char in enumerate(text[:-1]):
                if char not in widths:
                    self.origin(self.address, start + offset, self.x_at, self.y_at)
                    self._advance(start + offset, char, self.x.value)
            expected = first_x + sum(map(widths.__getitem__, text[:-1]))
        if abs(last_y - first_y) > self.run_tolerance or abs(last_x - expected) > self.run_tolerance:
            return False
        self.chars.append(Char(text, first_x, last_x + self._advance(end - 1, text[-1], last_x), self.height - first_y,
                               self.size, self.font, self.upright))
        self.turns[self.turn] += len(text)
        return True

    def read_turned(self, textpage, top: float, left: float, turn: int, width: float, height: float) -> tuple[Char, ...]:
        """The page again, glyph by glyph, in the frame where its text (drawn turned) stands upright."""
        self.turned = (turn, width, height)
        try:
            return self.read(textpage, top, left)
        finally:
            self.turned = None

    def _turned_glyph(self, i: int, char: str, x: float, y: float) -> Char:
        turn, width, height = self.turned
        self.raw.FPDFText_GetLooseCharBox(self.handle, i, ctypes.byref(self.box))
        box = self.box
        advance = (box.top - box.bottom) if turn in (90, 270) else (box.right - box.left)
        new_x, baseline = turn_point(x - self.left, self.height - y, turn, width, height)
        m = self.matrix
        return Char(char, new_x, new_x + advance, baseline, self.size, self.font, self.turn == turn and _unmirrored((m.a, m.b, m.c, m.d)))

    def _words(self, start: int, end: int) -> None:
        """A run that did not fit as a whole: word by word, then glyph by glyph."""
        position = start
        for word in WORD.finditer(self.text, start, end):
            self._between(position, word.start())
            if not self._run(*word.span()):
                for i in range(*word.span()):
                    self._glyph(i)
            position = word.end()

    def _glyph(self, i: int) -> None:
        char = self.text[i]
        if char in "\r\n\x00":
            return  # pdfium adds line breaks of its own
        # pdfium reports a hyphen that ends a line as U+FFFE (or U+0002): it is printed.
        char = LINE_END_HYPHENS.get(char, char)
        chars = self.chars
        # pdfium reports a printed space that a wide gap follows (justified text, a column's last
        # word) as generated: such a space is kept, with no width, where it was printed; one ending
        # a line is dropped.
        if char.isspace() and self.generated(self.address, i) == 1:
            if self.turned:
                return  # on a turned page the gap itself speaks for a space
            if i + 1 < self.count and self.text[i + 1] not in "\r\n" and chars:
                # Only where a space's worth of room was printed: pdfium also invents spaces inside
                # kerned words (`Migració n`).
                self.origin(self.address, i + 1, self.x_at, self.y_at)
                if self.x.value - chars[-1].x1 >= self.generated_space_share * chars[-1].size:
                    self.origin(self.address, i, self.x_at, self.y_at)
                    chars.append(Char(" ", self.x.value, self.x.value, self.height - self.y.value, self.size, self.font))
            return
        current = self.text_object(self.address, i)
        if current != self.current or current is None:
            self._style(i, current)
        self.origin(self.address, i, self.x_at, self.y_at)
        x = self.x.value
        if self.turned:
            chars.append(self._turned_glyph(i, char, x, self.y.value))
            return
        if (x, self.y.value, current) == self.last_origin and not char.isspace():
            # pdfium reports each letter of a ligature glyph (`ﬁ`: `f`, `i`) at the glyph's one
            # origin, each with its share of the glyph's box: one record, to the glyph's end.
            self.raw.FPDFText_GetLooseCharBox(self.handle, i, ctypes.byref(self.box))
            chars[-1] = chars[-1]._replace(text=chars[-1].text + char, x1=max(chars[-1].x1, self.box.right))
            return
        self.last_origin = (x, self.y.value, current)
        chars.append(Char(char, x, x + self._advance(i, char, x), self.height - self.y.value, self.size, self.font, self.upright))
        if not char.isspace():
            self.turns[self.turn] += 1


LINE_END_HYPHENS = {"\ufffe": "-", "\x02": "-"}


def _pdfium_rules(page, height: float, settings: TextLayerSettings, offset: float = 0.0) -> tuple[Rule, ...]:
    """Bounds of the page's straight paths (no Bézier segment), like pdfplumber's lines and rects."""
    import pypdfium2.raw as raw

    rules = []
    bounds = [ctypes.c_float() for _ in range(4)]
    for handle in _path_objects(raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw, 0, settings.form_depth):
        segments = raw.FPDFPath_CountSegments(handle)
        if any(raw.FPDFPathSegment_GetType(raw.FPDFPath_GetPathSegment(handle, i)) == raw.FPDF_SEGMENT_BEZIERTO
               for i in range(segments)):
            continue
        if not raw.FPDFPageObj_GetBounds(handle, *(ctypes.byref(b) for b in bounds)):
            continue
        left, bottom, right, top = (b.value for b in bounds)
        rules.append(make_rule(left - offset, height - top, right - offset, height - bottom, settings.thin_rule))
    return tuple(rules)


def _path_objects(raw, count, get, parent, level: int, depth: int) -> Iterator:
    """The path objects of a page or form, in drawing order, descending into forms (raw handles:
    wrapping every page object in a helper object cost more than reading it)."""
    for index in range(count(parent)):
        handle = get(parent, index)
        if not handle:
            continue
        kind = raw.FPDFPageObj_GetType(handle)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield handle
        elif kind == raw.FPDF_PAGEOBJ_FORM and level < depth - 1:
            yield from _path_objects(raw, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, handle, level + 1, depth)


def _turn_of(matrix) -> int:
    """The quarter turn (0, 90, 180, 270 degrees counter-clockwise) nearest a glyph's direction."""
    a, b = float(matrix[0]), float(matrix[1])
    return round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90


def dominant_turn(turns, share: float) -> int:
    """The turn more than `share` of a page's glyphs share, when it is not 0 (pairs of turn and
    glyph count)."""
    counts: Counter[int] = Counter()
    for turn, count in turns:
        counts[turn] += count
    total = sum(counts.values())
    if not total:
        return 0
    turn, count = counts.most_common(1)[0]
    return turn if turn and count > share * total else 0


def turn_point(x: float, top: float, turn: int, width: float, height: float) -> tuple[float, float]:
    """A point of a page (from its top-left corner) in the frame where text drawn turned by `turn`
    stands upright: that frame is the page turned back by `turn`."""
    if turn == 90:
        return height - top, x
    if turn == 180:
        return width - x, height - top
    if turn == 270:
        return top, width - x
    return x, top


def turned_size(turn: int, width: float, height: float) -> tuple[float, float]:
    return (height, width) if turn in (90, 270) else (width, height)


def turned_rule(rule: Rule, turn: int, width: float, height: float, thin: float) -> Rule:
    if not turn:
        return rule
    corners = [turn_point(x, y, turn, width, height) for x in (rule.x0, rule.x1) for y in (rule.top, rule.bottom)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return make_rule(min(xs), min(ys), max(xs), max(ys), thin)


def _turned_plumber_char(c: dict, turn: int, width: float, height: float) -> Char:
    """A pdfplumber glyph of a turned page: its origin turned, its advance along its direction."""
    e, f = float(c["matrix"][4]), float(c["matrix"][5])
    x, baseline = turn_point(e, height - f, turn, width, height)
    # Along its line, a glyph's box is its advance; across it, its size (pdfminer's size is the box's
    # height on the page, which for a glyph turned a quarter is its advance).
    advance, size = float(c["x1"]) - float(c["x0"]), float(c["y1"]) - float(c["y0"])
    if turn in (90, 270):
        advance, size = size, advance
    return Char(c["text"], x, x + advance, baseline, size, c["fontname"], _turn_of(c["matrix"]) == turn and _unmirrored(c["matrix"]))


def _unmirrored(matrix) -> bool:
    """The glyph's up vector is its advance vector turned a quarter counter-clockwise."""
    a, b, c, d = (float(v) for v in matrix[:4])
    return a * d - b * c > 0


def _upright(matrix) -> bool:
    """A glyph matrix (a, b, c, d, …) without rotation, skew or mirroring."""
    a, b, c, d = (float(v) for v in matrix[:4])
    return a > 0 and d > 0 and abs(b) < 1e-3 * a and abs(c) < 1e-3 * d


def open_pdf(path: Path, engine: Engine = "pdfplumber", password: str = "",
             max_memory_mb: int = DEFAULT_MAX_MEMORY_MB, settings: TextLayerSettings = DEFAULT_SETTINGS.text_layer) -> OpenedPdf:
    if engine == "pdfium":
        return open_pdfium(path, password, settings)
    return open_pdfplumber(path, password, max_memory_mb, settings)
