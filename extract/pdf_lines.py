"""PDF file → typed lines (page, bbox, font size, weight, text) with pdfplumber."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import pdfplumber
import yaml

from extract.records import Box, Line

# Georgian glyphs sit close together; 1.5 pt keeps words apart without merging columns.
X_TOLERANCE = 1.5
Y_TOLERANCE = 3


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


def _page_lines(page, page_number: int) -> Iterator[Line]:
    for raw in page.extract_text_lines(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE, return_chars=True):
        chars = [c for c in raw["chars"] if c["text"].strip()]
        if not chars or not raw["text"].strip():
            continue
        fonts = Counter(c["fontname"] for c in chars)
        font = fonts.most_common(1)[0][0]
        yield Line(
            box=Box(page_number, raw["x0"], raw["top"], raw["x1"], raw["bottom"]),
            text=raw["text"],
            size=round(statistics.median(c["size"] for c in chars), 1),
            bold=is_bold(font),
            font=font,
        )


def read_pdf(path: Path, on_page: Callable[[int, int], None] | None = None) -> PdfText:
    """Every text line of every page, closing each page as soon as it is read."""
    lines: list[Line] = []
    sizes: list[tuple[float, float]] = []
    with pdfplumber.open(path) as pdf:
        title = (pdf.metadata or {}).get("Title")
        total = len(pdf.pages)
        for index, page in enumerate(pdf.pages, start=1):
            sizes.append((float(page.width), float(page.height)))
            lines.extend(_page_lines(page, index))
            page.close()
            if on_page:
                on_page(index, total)
    return PdfText(title if isinstance(title, str) else None, total, tuple(sizes), tuple(lines))
