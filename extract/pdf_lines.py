"""PDF file → typed lines (page, bbox, font size, weight, text), from either text engine, with OCR
for pages without a usable text layer and conversion of legacy Georgian fonts."""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

import regex
import yaml

from workplan.extract.engines import Char, OpenedPdf, open_pdf
from workplan.extract.errors import ExtractError
from workplan.extract.layout import page_lines
from workplan.extract.legacy_fonts import convert_chars
from workplan.extract.memory import DEFAULT_MAX_MEMORY_MB, over_budget
from workplan.extract.page_tree import PdfOpenError, PdfPasswordError, page_tree, repaired_copy
from workplan.extract.records import Code, Engine, Line, Notice, OcrMode
from workplan.extract.settings import DEFAULT_SETTINGS, Settings, TextLayerSettings
from workplan.extract.tags import Passage, read_passages
from workplan.normalize.text import LETTER
from workplan.normalize.vocabulary import BUILTIN, Vocabulary, per_vocabulary

# Runs of Georgian letters (Asomtavruli, Mkhedruli, Mtavruli, Nuskhuri), spelt out: a set operation
# is slower. Runs of letters: counted by deleting whole runs, a match per word rather than per letter.
GEORGIAN_RUN = regex.compile(r"[\u10A0-\u10C5\u10C7\u10CD\u10D0-\u10FA\u10FC-\u10FF\u1C90-\u1CBA\u1CBD-\u1CBF\u2D00-\u2D25\u2D27\u2D2D]+")
LETTER_RUN = regex.compile(r"\p{L}+")
CID = regex.compile(r"\(cid:\d+\)")
# Glyphs without a usable Unicode value: pdfminer's `(cid:N)`, controls, the replacement character,
# private-use code points.
UNMAPPED = regex.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ue000-\uf8ff]")
DEFAULT_MAX_PAGES = 2000
DEFAULT_TIME_LIMIT = 900.0


@dataclass(frozen=True)
class ReadOptions:
    engine: Engine = "pdfplumber"
    password: str = ""
    ocr: OcrMode = "auto"
    max_pages: int = DEFAULT_MAX_PAGES
    time_limit: float = DEFAULT_TIME_LIMIT  # seconds for the whole document
    max_memory: int = DEFAULT_MAX_MEMORY_MB  # megabytes for one document (extract.memory)
    # The phrases the document is read with (built-in, or with a user's file merged over them):
    # it travels with the options so that each document of a batch keeps its own.
    vocabulary: Vocabulary = BUILTIN
    language: str | None = None  # the language pack to read with (`--language`); None: judged from the letters
    settings: Settings = DEFAULT_SETTINGS  # every stage's thresholds (`--settings FILE`)


@dataclass(frozen=True)
class PdfText:
    title: str | None
    pages: int
    page_sizes: tuple[tuple[float, float], ...]
    lines: tuple[Line, ...]
    notices: tuple[Notice, ...] = ()
    unread_letters: int = 0  # letters printed on pages the engine read only in part (see _pages_cut_short)
    # The document's tagged passages (extract.tags), a second witness of the reading; None: untagged.
    passages: tuple[Passage, ...] | None = None


@lru_cache(maxsize=1)
def bold_font_words() -> tuple[str, ...]:
    with open(Path(__file__).parent / "data" / "layout.yaml", encoding="utf-8") as handle:
        return tuple(yaml.safe_load(handle)["bold_font_words"])


def is_bold(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1].casefold()
    return any(word in name for word in bold_font_words())


def text_layer_problem(chars: tuple[Char, ...], settings: Settings = DEFAULT_SETTINGS) -> str | None:
    """Why a page's text layer cannot be used (its text is then read by OCR), or None when it can:
    judged on the page and per font, glyph by glyph (a record may hold a run of glyphs)."""
    text_of: dict[str, list[str]] = {}
    for c in chars:
        text_of.setdefault(c.font, []).append(c.text)
    glyphs, unmapped = {}, {}
    marks = list_marks()
    for font, texts in text_of.items():
        joined = "".join(texts)
        if marks and PRIVATE_USE.search(joined):
            joined = joined.translate(marks)  # a Symbol or Wingdings bullet is a list mark, not an unmapped glyph
        unmapped[font] = len(UNMAPPED.findall(joined)) if UNMAPPED.search(joined) else 0
        # Control characters (`\x0b`, `\x1c`…) count as unmapped glyphs though `str.split` drops them.
        glyphs[font] = max(_glyph_count(joined), unmapped[font])
    total, broken = sum(glyphs.values()), sum(unmapped.values())
    if not total:
        return "no text layer"
    if broken / total > settings.text_layer.broken_share:
        return f"broken text layer ({broken} of {total} characters unmapped)"
    for font, count in sorted(unmapped.items(), key=lambda item: -item[1]):
        if count >= settings.text_layer.broken_font_glyphs and count / glyphs[font] > settings.text_layer.broken_share:
            return f"the font {font} has no usable Unicode map ({count} of its {glyphs[font]} characters unmapped)"
    return None


PRIVATE_USE = regex.compile(r"[\ue000-\uf8ff]")


@per_vocabulary
def list_marks() -> dict[int, str]:
    """The private-use code points the vocabulary lists as bullets, each to be read as `•`."""
    from workplan.extract.markers import bullets

    return {ord(c): "•" for c in bullets() if PRIVATE_USE.match(c)}


def _glyph_count(text: str) -> int:
    """Printed glyphs: characters other than spaces, pdfminer's `(cid:N)` counting as one."""
    inked = len("".join(text.split()))
    return inked - sum(len(token) - 1 for token in CID.findall(text)) if "(cid:" in text else inked


def letter_counts(chars: tuple[Char, ...]) -> tuple[int, int]:
    """(Georgian letters, all letters) printed on a page (counted by deletion: no string per letter)."""
    text = "".join(c.text for c in chars)
    return len(text) - len(GEORGIAN_RUN.sub("", text)), len(text) - len(LETTER_RUN.sub("", text))


def not_georgian_pages(counts: dict[int, tuple[int, int]], settings: Settings = DEFAULT_SETTINGS) -> dict[int, str]:
    """In a document whose letters are mostly Georgian, the pages with many letters and almost
    none Georgian: a font whose Unicode map is wrong (Latin or private-use values for Georgian
    glyphs). A page in another language is read the same by OCR, so nothing is lost either way."""
    georgian, letters = (sum(values) for values in zip(*counts.values())) if counts else (0, 0)
    if not letters or georgian / letters < 0.5:
        return {}
    return {number: f"the text layer is not Georgian ({ka} of {total} letters): a wrong Unicode map?"
            for number, (ka, total) in counts.items()
            if total >= settings.text_layer.judged_letters and ka / total < settings.text_layer.georgian_share}


def turned_text(chars: tuple[Char, ...], settings: Settings = DEFAULT_SETTINGS) -> str | None:
    """Text drawn rotated or mirrored, which reading order cannot follow (OCR reads it no better)."""
    inked = sum(len(c.text) for c in chars if not c.text.isspace())
    turned = sum(len(c.text) for c in chars if not c.upright and not c.text.isspace())
    if inked and turned / inked > settings.text_layer.turned_share:
        return f"{turned} of {inked} characters are drawn rotated or mirrored: the page's lines may be out of order"
    return None


class _Budget:
    def __init__(self, seconds: float, max_memory_mb: int):
        self.seconds, self.started, self.max_memory_mb = seconds, time.monotonic(), max_memory_mb

    def check(self, where: str) -> None:
        over_budget(self.max_memory_mb, where)
        elapsed = time.monotonic() - self.started
        if elapsed > self.seconds:
            raise ExtractError(f"gave up after {elapsed:.0f} s at {where}: over the time limit of {self.seconds:g} s (--time-limit)")


def read_pdf(path: Path, on_page: Callable[[int, int], None] | None = None, options: ReadOptions | None = None,
             judge_first_pages: Callable[[tuple[Line, ...]], None] | None = None) -> PdfText:
    """Every text line of every page; pages are read one at a time and released. In a document of
    more than `text_layer.first_pages` pages, `judge_first_pages` is shown the lines of those first ones, and
    may raise to stop reading (a document in no language this tool reads is refused there).

    The page tree is walked first (qpdf): no pages, or more than --max-pages, is refused before
    any text is parsed, whatever `/Count` claims. A document whose `/Count` disagrees with its
    tree, or that the text engine cannot open (a damaged cross-reference table), is read from a
    copy qpdf repaired, with a warning."""
    options = options or ReadOptions()
    with tempfile.TemporaryDirectory(prefix="workplan-") as scratch:
        source, options, notices, opened = _readable_source(path, options, Path(scratch))
        text = _read_pages(source, on_page, options, opened, judge_first_pages)
        passages = _tagged_passages(source, options.password)
    return replace(text, notices=tuple(notices) + text.notices, passages=passages)


def _tagged_passages(path: Path, password: str) -> tuple[Passage, ...] | None:
    # The tags are evidence, never the reading: a structure tree pdfium cannot walk is no witness.
    try:
        return read_passages(path, password)
    except Exception:  # noqa: BLE001
        return None


def _readable_source(path: Path, options: ReadOptions, scratch: Path) -> tuple[Path, ReadOptions, list[Notice], OpenedPdf | None]:
    """The file to read (the document, or a copy qpdf repaired), the options to read it with, what
    was noticed on the way, and the document already opened when it could be."""
    tree = page_tree(path, options.password, options.max_memory)
    if tree.found == 0:
        raise ExtractError("no pages: the document's page tree holds none")
    if tree.found > options.max_pages:
        raise ExtractError(f"{tree.found} pages, more than the limit of {options.max_pages} (--max-pages)")
    notices = [Notice(Code.DAMAGED_STREAM, f"a content stream of this page is damaged ({what}): the text printed after the "
                                         "damage cannot be read by any engine or by OCR, and is missing from the tables",
                      number, what) for number, what in sorted(tree.damaged.items())]

    def repaired() -> tuple[Path, ReadOptions, list[Notice], None]:
        return repaired_copy(path, options.password, scratch), replace(options, password=""), notices, None

    if tree.declared != tree.found:
        notices.append(Notice(Code.PAGE_COUNT, f"the page tree declares {tree.declared} pages but holds {tree.found}: "
                                            f"all {tree.found} are read", None, f"/Count {tree.declared}"))
        if options.engine == "pdfium":  # pdfium trusts /Count
            return repaired()
    try:
        opened = open_pdf(path, options.engine, options.password, options.max_memory, options.settings.text_layer)
    except PdfPasswordError:
        raise
    except PdfOpenError as exc:
        notices.append(Notice(Code.REPAIRED, f"the {options.engine} engine could not open the file ({exc}); "
                                          f"read from a copy repaired by qpdf", None, str(exc)[:200]))
        return repaired()
    if opened.pages < tree.found:
        # pdfminer may open a file with a damaged cross-reference table as a document of fewer pages
        # (none at all) instead of failing: the page tree qpdf walked says how many there are.
        opened.close()
        notices.append(Notice(Code.REPAIRED, f"the {options.engine} engine found {opened.pages} of the {tree.found} pages; "
                                          f"read from a copy repaired by qpdf", None, f"{opened.pages} pages"))
        return repaired()
    return path, options, notices, opened


def _read_pages(path: Path, on_page: Callable[[int, int], None] | None, options: ReadOptions,
                opened: OpenedPdf | None, judge_first_pages: Callable[[tuple[Line, ...]], None] | None = None) -> PdfText:
    budget = _Budget(options.time_limit, options.max_memory)
    opened = opened or open_pdf(path, options.engine, options.password, options.max_memory, options.settings.text_layer)
    lines: dict[int, list[Line]] = {}
    sizes: list[tuple[float, float]] = []
    notices: list[Notice] = []
    needs_ocr: dict[int, str] = {}
    counts: dict[int, tuple[int, int]] = {}
    for page in opened.page_iter:
        budget.check(f"page {page.number}")
        sizes.append((page.width, page.height))
        chars, converted = convert_chars(page.chars)
        for font, count in converted.items():
            notices.append(Notice(Code.LEGACY_FONT, f"{count} characters in the legacy font {font} converted to Unicode Georgian",
                                  page.number, font))
        problem = text_layer_problem(chars, options.settings)
        turned = None if problem else turned_text(chars, options.settings)
        if turned:
            notices.append(Notice(Code.TURNED_TEXT, turned, page.number, "".join(c.text for c in chars[:80])))
        if options.ocr == "force" or problem:
            needs_ocr[page.number] = problem or "OCR forced"
        else:
            lines[page.number] = page_lines(chars, page.rules, page.number, is_bold, options.settings)
            counts[page.number] = letter_counts(chars)
        if on_page:
            on_page(page.number, opened.pages)
        if judge_first_pages is not None and page.number == options.settings.text_layer.first_pages < opened.pages:
            judge_first_pages(tuple(line for number in sorted(lines) for line in lines[number]))
    if options.engine == "pdfplumber":
        cut_short, unread = _pages_cut_short(path, options.password, counts, options.settings.text_layer)
        notices += cut_short
    else:
        unread = 0
    for number, problem in not_georgian_pages(counts, options.settings).items():
        if options.ocr == "never":
            notices.append(Notice(Code.TEXT_LAYER, f"{problem}; read as printed (--ocr never)", number, problem))
            continue
        del lines[number]
        needs_ocr[number] = problem
    if needs_ocr:
        lines.update(_ocr(path, needs_ocr, options, notices, has_text=any(lines.values()), check=budget.check))
    budget.check("the end of reading")
    ordered = tuple(line for number in sorted(lines) for line in lines[number])
    return PdfText(opened.title, opened.pages, tuple(sizes), ordered, tuple(notices), unread)


def _pages_cut_short(path: Path, password: str, counts: dict[int, tuple[int, int]],
                     settings: TextLayerSettings) -> tuple[list[Notice], int]:
    """Pages the pdfplumber engine read only in part: their letters counted again by pdfium (a
    bare text read, fast), each page that lost text a warning naming it; and the letters lost."""
    from workplan.extract.engines import PdfOpenError, pdfium_document

    try:
        document = pdfium_document(path, password)
    except PdfOpenError:
        return [], 0
    notices, unread = [], 0
    try:
        for number, (_, read) in counts.items():
            if number > len(document):
                continue
            page = document[number - 1]
            textpage = page.get_textpage()
            whole = len(LETTER.findall(textpage.get_text_range()))
            textpage.close()
            page.close()
            if whole >= settings.cut_short_min_letters and read < settings.cut_short_share * whole:
                unread += whole - read
                notices.append(Notice(Code.PAGE_CUT_SHORT, f"the pdfplumber engine read {read} of the {whole} letters pdfium reads on "
                                      "this page (its content stream breaks off): text is missing from the tables; "
                                      "--engine pdfium reads the page whole", number, f"{read} of {whole} letters"))
    finally:
        document.close()
    return notices, unread


def _ocr(path: Path, needs_ocr: dict[int, str], options: ReadOptions, notices: list[Notice], has_text: bool,
         check: Callable[[str], None]) -> dict[int, list[Line]]:
    from workplan.extract.ocr import OcrUnavailable, ocr_models, ocr_pages
    from workplan.extract.ocr_words import expected_words
    from workplan.normalize.organizations import latin_words

    pages = sorted(needs_ocr)
    first = pages[0]
    if options.ocr == "never":
        if not has_text:
            raise ExtractError(f"{needs_ocr[first]} on any page (a scanned document?): rerun with --ocr auto")
        for number in pages:
            notices.append(Notice(Code.NO_TEXT_LAYER, f"{needs_ocr[number]}; page skipped (--ocr never)", number, needs_ocr[number]))
        return {}
    models = ocr_models(options.language)
    try:
        read = ocr_pages(path, pages, options.password, known=latin_words(), expected=expected_words(), models=models,
                         check=check, settings=options.settings)
    except OcrUnavailable as problem:
        raise ExtractError(f"page {first}: {needs_ocr[first]} and {problem}; or rerun with --ocr never to skip such pages") from None
    for number in pages:
        notices.append(Notice(Code.OCR, f"{needs_ocr[number]}: text read by OCR ({models}){_ocr_detail(read[number])}",
                              number, needs_ocr[number]))
        notices += [Notice(Code.OCR_CORRECTED, (f"OCR read {c.read!r} (confidence {c.confidence:.0f}%); kept {c.kept!r}: {c.reason}"
                                                if c.read else f"OCR read {c.kept!r} (confidence {c.confidence:.0f}%) in {c.reason}"),
                           number, c.kept, {"consumed": c.kept, "reread": c.kept}) for c in read[number].corrections]
    return {number: page.lines for number, page in read.items()}


def _ocr_detail(page) -> str:
    """How a page read by OCR went: its words' mean confidence and the skew it was levelled by."""
    detail = "" if page.confidence is None else f", mean word confidence {page.confidence:.0f}%"
    if page.sheet == "flattened":
        detail += ", a photographed sheet seen square on"
    elif page.sheet == "not_found":
        detail += ", a photo in which no four-cornered sheet stands out from the ground: read as photographed"
    if page.skew:
        detail += f", levelled by {page.skew:+.1f}°"
    if page.specks:
        detail += f", {page.specks} specks dropped at line ends"
    return detail if page.lines else detail + ", no words found"
