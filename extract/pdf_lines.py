"""PDF file → typed lines (page, bbox, font size, weight, text), from either text engine, with OCR
for pages without a usable text layer and conversion of legacy Georgian fonts."""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Literal

import regex
import yaml

from workplan.extract.engines import Char, Engine, open_pdf, page_count
from workplan.extract.errors import ExtractError
from workplan.extract.layout import page_lines
from workplan.extract.legacy_fonts import convert_chars
from workplan.extract.records import Line, Notice
from workplan.extract.settings import DEFAULT_LAYOUT, LayoutSettings

OcrMode = Literal["auto", "never", "force"]
UNMAPPED = regex.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
DEFAULT_MAX_PAGES = 2000
DEFAULT_TIME_LIMIT = 900.0


@dataclass(frozen=True)
class ReadOptions:
    engine: Engine = "pdfplumber"
    password: str = ""
    ocr: OcrMode = "auto"
    max_pages: int = DEFAULT_MAX_PAGES
    time_limit: float = DEFAULT_TIME_LIMIT  # seconds for the whole document


@dataclass(frozen=True)
class PdfText:
    title: str | None
    pages: int
    page_sizes: tuple[tuple[float, float], ...]
    lines: tuple[Line, ...]
    notices: tuple[Notice, ...] = ()


@lru_cache(maxsize=1)
def bold_font_words() -> tuple[str, ...]:
    with open(Path(__file__).parent / "data" / "layout.yaml", encoding="utf-8") as handle:
        return tuple(yaml.safe_load(handle)["bold_font_words"])


def is_bold(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1].casefold()
    return any(word in name for word in bold_font_words())


def text_layer_problem(chars: tuple[Char, ...], settings: LayoutSettings = DEFAULT_LAYOUT) -> str | None:
    """Why a page's text layer cannot be used, or None when it can."""
    inked = [c.text for c in chars if not c.text.isspace()]
    if not inked:
        return "no text layer"
    unmapped = len(UNMAPPED.findall("".join(inked)))
    if unmapped / len(inked) > settings.broken_share:
        return f"broken text layer ({unmapped} of {len(inked)} characters unmapped)"
    return None


class _Budget:
    def __init__(self, seconds: float):
        self.seconds, self.started = seconds, time.monotonic()

    def check(self, where: str) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed > self.seconds:
            raise ExtractError(f"gave up after {elapsed:.0f} s at {where}: over the time limit of {self.seconds:g} s (--time-limit)")


def read_pdf(path: Path, on_page: Callable[[int, int], None] | None = None, options: ReadOptions | None = None) -> PdfText:
    """Every text line of every page; pages are read one at a time and released."""
    options = options or ReadOptions()
    budget = _Budget(options.time_limit)
    total = page_count(path, options.password)
    if total > options.max_pages:
        raise ExtractError(f"{total} pages, more than the limit of {options.max_pages} (--max-pages)")
    opened = open_pdf(path, options.engine, options.password)
    lines: dict[int, list[Line]] = {}
    sizes: list[tuple[float, float]] = []
    notices: list[Notice] = []
    needs_ocr: dict[int, str] = {}
    for page in opened.page_iter:
        budget.check(f"page {page.number}")
        sizes.append((page.width, page.height))
        chars, converted = convert_chars(page.chars)
        for font, count in converted.items():
            notices.append(Notice("legacy_font", f"{count} characters in the legacy font {font} converted to Unicode Georgian",
                                  page.number, font))
        problem = text_layer_problem(chars)
        if options.ocr == "force" or problem:
            needs_ocr[page.number] = problem or "OCR forced"
        else:
            lines[page.number] = page_lines(chars, page.rules, page.number, is_bold)
        if on_page:
            on_page(page.number, opened.pages)
    if needs_ocr:
        lines.update(_ocr(path, needs_ocr, options, notices, has_text=any(lines.values())))
    budget.check("the end of reading")
    ordered = tuple(line for number in sorted(lines) for line in lines[number])
    return PdfText(opened.title, opened.pages, tuple(sizes), ordered, tuple(notices))


def _ocr(path: Path, needs_ocr: dict[int, str], options: ReadOptions, notices: list[Notice], has_text: bool) -> dict[int, list[Line]]:
    from workplan.extract.ocr import LANGUAGES, ocr_pages, ocr_problem

    pages = sorted(needs_ocr)
    first = pages[0]
    if options.ocr == "never":
        if not has_text:
            raise ExtractError(f"{needs_ocr[first]} on any page (a scanned document?): rerun with --ocr auto")
        for number in pages:
            notices.append(Notice("no_text_layer", f"{needs_ocr[number]}; page skipped (--ocr never)", number, needs_ocr[number]))
        return {}
    problem = ocr_problem()
    if problem:
        raise ExtractError(f"page {first}: {needs_ocr[first]} and {problem}; or rerun with --ocr never to skip such pages")
    for number in pages:
        notices.append(Notice("ocr", f"{needs_ocr[number]}: text read by OCR ({LANGUAGES})", number, needs_ocr[number]))
    return ocr_pages(path, pages, options.password)
