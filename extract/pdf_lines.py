"""PDF file → typed lines (page, bbox, font size, weight, text), from either text engine."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import yaml

from extract.engines import Char, Engine, open_pdf
from extract.records import Box, Line

# Glyphs whose baselines differ by at most this much (points) are on one line.
Y_TOLERANCE = 3.0
# A gap wider than this (points) between two glyphs is a word break even without a space glyph.
X_TOLERANCE = 1.5
# Line boxes: from one font size above the baseline to a fifth of it below (descenders).
DESCENT = 0.2
# Coordinates are reported to a hundredth of a point.
PRECISION = 2


@dataclass(frozen=True)
class PdfText:
    title: str | None
    pages: int
    page_sizes: tuple[tuple[float, float], ...]
    lines: tuple[Line, ...]


@lru_cache(maxsize=1)
def bold_font_words() -> tuple[str, ...]:
    with open(Path(__file__).parent / "data" / "layout.yaml", encoding="utf-8") as handle:
        return tuple(yaml.safe_load(handle)["bold_font_words"])


def is_bold(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1].casefold()
    return any(word in name for word in bold_font_words())


def _cluster_rows(chars: Iterable[Char]) -> list[list[Char]]:
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: c.baseline):
        if rows and char.baseline - rows[-1][0].baseline <= Y_TOLERANCE:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [sorted(row, key=lambda c: c.x0) for row in rows]


def _row_text(row: list[Char]) -> str:
    parts: list[str] = []
    previous: Char | None = None
    for char in row:
        if previous is not None and char.x0 - previous.x1 > X_TOLERANCE and not (char.text.isspace() or previous.text.isspace()):
            parts.append(" ")
        parts.append(char.text)
        previous = char
    return "".join(parts)


def group_lines(chars: tuple[Char, ...], page_number: int) -> list[Line]:
    """Characters of one page → its text lines, top to bottom."""
    lines = []
    for row in _cluster_rows(chars):
        text = _row_text(row)
        inked = [c for c in row if not c.text.isspace()]
        if not inked:
            continue
        size = round(statistics.median(c.size for c in inked), 1)
        font = Counter(c.font for c in inked).most_common(1)[0][0]
        baseline = max(c.baseline for c in inked)
        box = Box(
            page_number,
            round(min(c.x0 for c in inked), PRECISION),
            round(min(c.baseline for c in inked) - size, PRECISION),
            round(max(c.x1 for c in inked), PRECISION),
            round(baseline + DESCENT * size, PRECISION),
        )
        lines.append(Line(box=box, text=text.strip(), size=size, bold=is_bold(font), font=font.split("+", 1)[-1]))
    return lines


def read_pdf(path: Path, on_page: Callable[[int, int], None] | None = None, engine: Engine = "pdfplumber") -> PdfText:
    """Every text line of every page; pages are read one at a time and released."""
    opened = open_pdf(path, engine)
    lines: list[Line] = []
    sizes: list[tuple[float, float]] = []
    for page in opened.page_iter:
        sizes.append((page.width, page.height))
        lines.extend(group_lines(page.chars, page.number))
        if on_page:
            on_page(page.number, opened.pages)
    return PdfText(opened.title, opened.pages, tuple(sizes), tuple(lines))
