"""Typed lines → body lines: drop running headers/footers, page numbers and small-print footnotes."""
from __future__ import annotations

import difflib
import statistics
from collections import Counter
from dataclasses import dataclass

import regex

from extract.records import Line

OCR_FONT = "ocr"  # the font name of lines read by OCR (extract.ocr)

# Running headers and footers live in the outer tenth of the page height.
MARGIN_BAND = 0.10
# A line repeated in the margin band on at least this share of pages is a running header/footer.
REPEAT_SHARE = 0.5
# Lines printed this much smaller than the body text are footnotes (URLs, references).
FOOTNOTE_SIZE_RATIO = 0.88

# A piece of a running header must be this long to be recognised as one.
MIN_RUNNING_PIECE = 4
RUNNING_SIMILARITY = 0.85
# ... and must be printed within this many points of the header's usual position.
RUNNING_POSITION_TOLERANCE = 3.0

DIGITS = regex.compile(r"\d+")
# OCR line heights are too noisy for the size rule: there, footnotes are recognised as URLs.
URL_LIKE = regex.compile(r"https?://|www\.|%[0-9A-F]{2}|^\S{40,}$")
PAGE_NUMBER = regex.compile(r"^\W*(?:\d{1,4}|[ivxlc]{1,6})\W*$", regex.IGNORECASE)


@dataclass(frozen=True)
class Cleaned:
    body: tuple[Line, ...]
    body_size: float
    dropped: tuple[Line, ...]


def body_font_size(lines: tuple[Line, ...] | list[Line]) -> float:
    """The size carrying the most text: the body font."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _in_margin(line: Line, page_height: float) -> bool:
    return line.box.top < page_height * MARGIN_BAND or line.box.bottom > page_height * (1 - MARGIN_BAND)


def _shape(text: str) -> str:
    return DIGITS.sub("#", " ".join(text.split()))


def _is_running(shape: str, top: float, recurring: dict[str, float]) -> bool:
    """A margin line that repeats a running header or footer: whole, or, printed where it is
    printed, in part (OCR may split it into pieces) or with a misread letter."""
    if shape in recurring:
        return True
    if len(shape) < MIN_RUNNING_PIECE:
        return False
    return any(
        abs(top - where) <= RUNNING_POSITION_TOLERANCE
        and (shape in r or difflib.SequenceMatcher(None, shape, r).ratio() >= RUNNING_SIMILARITY)
        for r, where in recurring.items()
    )


def clean_lines(lines: tuple[Line, ...], page_sizes: tuple[tuple[float, float], ...]) -> Cleaned:
    pages = max(1, len(page_sizes))
    height = {i + 1: size[1] for i, size in enumerate(page_sizes)}
    # Each margin line's shape, the pages it is printed on and where on them.
    margin: dict[int, str] = {}
    shape_pages: dict[str, set[int]] = {}
    positions: dict[str, list[float]] = {}
    for line in lines:
        if _in_margin(line, height.get(line.page, 842.0)):
            shape = margin[id(line)] = _shape(line.text)
            shape_pages.setdefault(shape, set()).add(line.page)
            positions.setdefault(shape, []).append(line.box.top)
    threshold = max(2, REPEAT_SHARE * pages)
    recurring = {shape: statistics.median(positions[shape]) for shape, on in shape_pages.items() if len(on) >= threshold}

    def running(line: Line) -> bool:
        shape = margin.get(id(line))
        return shape is not None and bool(_is_running(shape, line.box.top, recurring) or PAGE_NUMBER.match(line.text.strip()))

    kept = [line for line in lines if not running(line)]
    # Measured without the running headers, which can outweigh the text of short pages.
    body_size = body_font_size(kept)
    body = []
    for line in kept:
        if line.font == OCR_FONT:
            footnote = bool(URL_LIKE.search(line.text))
        else:
            footnote = line.size < body_size * FOOTNOTE_SIZE_RATIO
        if not footnote:
            body.append(line)
    kept_ids = {id(line) for line in body}
    return Cleaned(tuple(body), body_size, tuple(line for line in lines if id(line) not in kept_ids))
