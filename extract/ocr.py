"""Pages without a usable text layer → typed lines, by OCR with tesseract's Georgian model.

Each page is rendered with pypdfium2, levelled and evenly lit (`extract.ocr_image`), and
read by the `tesseract` command with `kat+eng` (`kat` alone loses Latin acronyms), one process per
core. Two models reading one page disagree most on short Latin words: `IOM` comes back `ICM`, `WHO`
`VVLI0`, a Georgian word as Latin junk. Such words get a second reading: their crops, stacked in
one strip, are read again by each model alone, and a reading the registry knows (or a Georgian word
read clearly better) is kept.

Line boxes are in the levelled page's points (a skew of a degree moves them by a few points).
"""
from __future__ import annotations

import bisect
import os
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np
import regex
import yaml
from PIL import Image

from workplan.extract.engines import Char, make_rule, pdfium_document
from workplan.extract.layout import find_grids, page_lines
from workplan.extract.errors import ExtractError
from workplan.extract.ocr_image import dark_pixels, prepare, rules_among
from workplan.extract.ocr_corrections import EDGE_PUNCTUATION, Correction, corrected_words
from workplan.extract.ocr_words import ExpectedWords, Word, by_line, words_from_tsv
from workplan.extract.records import Line
from workplan.extract.settings import DEFAULT_SETTINGS, OcrSettings, Settings
from workplan.normalize.ocr_confusions import is_speck
from workplan.normalize.languages import pack, packs
from workplan.normalize.organizations import latin_words_of
from workplan.normalize.text import LETTER

DATA = Path(__file__).parent / "data"

# The font name OCR gives its words (the text layer names real fonts).
OCR_FONT = "ocr"
# The models a doubtful word is read again with, alone, when a page is read with both.
SECOND_READERS = ("eng", "kat")
# Seconds between checks of the time limit while pages are being read.
CHECK_EVERY = 0.5
PDFIUM_LOCK = threading.Lock()
HOW_TO_ENABLE = "install tesseract with its Georgian model (apt-get install tesseract-ocr tesseract-ocr-kat)"
# A word with Latin letters, alone or mixed with Georgian ones other than as an acronym with a case
# ending (`IOM-ის`): the two models' disagreements happen there.
LATIN_LETTER = regex.compile(r"[A-Za-z]")
GEORGIAN_WORD = regex.compile(r"^\W*\p{Georgian}+\W*$")
URL_PIECE = regex.compile(r"[%=&@]|https?:|www\.")  # a URL's pieces are neither names nor Georgian words
# Digits before a colon: no number the grammar prints takes a label's colon, but a Georgian label
# word read as digits does (its letters have digit-like shapes: `ვ` as `3`, `ო` as `0`).
DIGITS_AS_LABEL = regex.compile(r"^\d{2,}:$")
CASE_ENDING = regex.compile(r"^[^\p{Georgian}]+-\p{Georgian}+\W*$")
OPENING_PUNCTUATION = regex.compile(r"^[(\[{\"'‘“«]*")
CLOSING_PUNCTUATION = regex.compile(r"[)\]},.;:!?\"'’”»]*$")


def render_dpi(width_pt: float, height_pt: float, dpi: float, max_pixels: int) -> float:
    """The resolution at which a page fits the pixel budget (at most `dpi`)."""
    pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
    return dpi if pixels <= max_pixels else dpi * (max_pixels / pixels) ** 0.5


def ocr_models(language: str | None = None) -> str:
    """tesseract's models for a document (`kat+eng`): its language pack's when the language is
    forced, else every pack's, in the packs' order (the language is judged from what they read)."""
    chosen = [pack(language)] if language else list(packs().values())
    return "+".join(dict.fromkeys(model for p in chosen for model in p.tesseract.split("+")))


# The models a document of unknown language is read with.
EVERY_PACKS_MODELS = ocr_models()


class OcrUnavailable(ExtractError):
    """tesseract, or one of its models, is missing: the message says which and how to install it."""


@lru_cache(maxsize=4)
def ocr_problem(models: str = EVERY_PACKS_MODELS) -> str | None:
    """Why OCR with `models` cannot run here, or None when it can."""
    binary = shutil.which("tesseract")
    if binary is None:
        return f"OCR is unavailable: {HOW_TO_ENABLE}"
    listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True).stdout.split()
    missing = [lang for lang in models.split("+") if lang not in listed]
    if missing:
        return f"OCR is unavailable: tesseract lacks {', '.join(missing)}; {HOW_TO_ENABLE}"
    return None


def _render(path: Path, page_number: int, password: str, settings: OcrSettings) -> tuple[Image.Image, float]:
    """The page as a greyscale image within the pixel budget, and its resolution in dots per inch."""
    # PDFium is not thread-safe: pages are rendered one at a time, OCR runs in parallel.
    with PDFIUM_LOCK:
        pdf = pdfium_document(path, password)
        try:
            page = pdf[page_number - 1]
            left, bottom, right, top = page.get_mediabox()
            dpi = render_dpi(right - left, top - bottom, settings.dpi, settings.max_pixels)
            # The page as drawn, before its /Rotate (as the text engines read it): undo the turn.
            bitmap = page.render(scale=dpi / 72, grayscale=True, rotation=(360 - page.get_rotation()) % 360)
            return bitmap.to_pil().convert("L"), dpi
        finally:
            pdf.close()


def _in_a_cased_script(words: list[Word]) -> bool:
    """Whether most of a line's letters are in a script with case (normalize/data/languages.yaml)."""
    text = "".join(w.text for w in words)
    letters = len(LETTER.findall(text))
    cased = sum(len(p.letter.findall(text)) for p in packs().values() if p.cased)
    return letters > 0 and cased > letters / 2


@lru_cache(maxsize=1)
def glyph_extents() -> dict[str, tuple[float, float]]:
    """Each character's rise above the baseline and fall below it, in ems (extract/data/glyph_extents.yaml)."""
    with open(DATA / "glyph_extents.yaml", encoding="utf-8") as handle:
        rows = yaml.safe_load(handle)["extents"]
    return {char: (above, below) for above, below, chars in rows for char in chars}


@lru_cache(maxsize=1)
def _full_extent() -> float:
    """The extent of a word spanning the tallest and the deepest letters."""
    letters = [extent for char, extent in glyph_extents().items() if char.isalpha()]
    return max(above for above, _ in letters) + max(below for _, below in letters)


def _reach(text: str) -> tuple[float, float] | None:
    """How far a word's ink rises above the baseline and falls below it, in ems, from the
    characters it holds; None for a word holding a character not listed, or no letter or digit."""
    extents = glyph_extents()
    found = [extents.get(char) for char in text]
    if not found or None in found or not any(char.isalnum() for char in text):
        return None
    return max(above for above, _ in found), max(below for _, below in found)


def word_extent(text: str) -> float | None:
    """How tall a word's ink is in ems (see `_reach`)."""
    reach = _reach(text)
    return None if reach is None else reach[0] + reach[1]


def _median_full_height(group: list[Word]) -> float:
    """A line's height as if each word spanned the tallest and deepest letters (its box over its
    letters' extent): in a script without case the words of one line differ in height by the
    letters they hold (`და` against `ბზე`), not by size. The median of its words of letters
    measured so, or of their boxes where it has none: a word with digits is no measure of its line
    (OCR reads letters as digits of another height: `03` for `Q3`)."""
    full = _full_extent()
    heights = sorted(w.height * full / extent for w in group
                     if not any(c.isdigit() for c in w.text) and (extent := word_extent(w.text)) is not None)
    return heights[len(heights) // 2] if heights else _median_height(group)


def line_height(words: list[Word], spread: float) -> float:
    """The height of a line's full-height words (ascender to descender), in pixels, in a script with
    case. Its short words' boxes span only the strokes they have (`on`, `the`, `by`: three heights),
    so the median word is no measure of the size; the tallest height more than one word shares is,
    and one word taller than all others (a speck joined to it, a misread bracket) is not. Heights
    within `spread` (a ratio) of each other are one height."""
    heights = sorted((w.height for w in words), reverse=True)
    if len(heights) < 3:
        return heights[len(heights) // 2]
    for index, height in enumerate(heights):
        shared = [h for h in heights[index:] if h >= height / spread]
        if len(shared) >= 2:
            return shared[len(shared) // 2]
    return heights[len(heights) // 2]


def _line_size_height(group: list[Word], settings: Settings) -> float:
    """The height, in pixels, a line's type size is measured by."""
    if _in_a_cased_script(group):
        return line_height(group, settings.ocr.full_height_spread)
    return _median_full_height(group)


def _word_gaps(group: list[Word]) -> list[int]:
    return sorted(b.left - (a.left + a.width) for a, b in zip(group, group[1:]))


def _one_justified_line(left: list[Word], right: list[Word], settings: Settings) -> bool:
    """Whether two lines tesseract read side by side on one baseline are one justified line split
    in two (a heading whose stretched spaces tesseract took for a gutter): the gap between them is no
    wider than the usual word gap of each (justification stretches every space of a line alike). A
    word alone is judged by the other's gaps; two words alone have no gap to judge by."""
    medians = [gaps[len(gaps) // 2] for gaps in (_word_gaps(left), _word_gaps(right)) if gaps]
    if not medians:
        return False
    between = right[0].left - (left[-1].left + left[-1].width)
    usual = min(medians)
    return 0 < between <= settings.ocr.ocr_justified_gap_ratio * usual


def _end(group: list[Word]) -> int:
    return group[-1].left + group[-1].width


def _median_bottom(group: list[Word]) -> float:
    """A line's baseline, in pixels: the median of its words' baselines, each its box's bottom less
    the depth of its deepest letter (`და` descends below the line, `1.` does not), or its bottom
    where its letters cannot be measured (one word boxed too tall does not move it)."""
    bottoms = []
    for word in group:
        reach = _reach(word.text)
        depth = 0.0 if reach is None else word.height * reach[1] / (reach[0] + reach[1])
        bottoms.append(word.top + word.height - depth)
    bottoms.sort()
    return bottoms[len(bottoms) // 2]


def _median_height(group: list[Word]) -> int:
    heights = sorted(w.height for w in group)
    return heights[len(heights) // 2]


def _joined_justified_lines(groups: list[list[Word]], dpi: float, settings: Settings) -> list[list[Word]]:
    """tesseract's lines, those that are one justified line joined (see `_one_justified_line`). A
    line ending where other lines of the page end (within `column_edge_tolerance`) ends at a
    column's edge: the gap after it is a gutter, however wide the column's stretched spaces."""
    tolerance = settings.lines.column_edge_tolerance * dpi / 72
    ends = sorted(_end(g) for g in groups)

    def at_an_edge(group: list[Word]) -> bool:
        end = _end(group)
        return bisect.bisect_right(ends, end + tolerance) - bisect.bisect_left(ends, end - tolerance) > 1

    # Each line with its baseline and height, measured again only when a line is joined to it.
    # Left to right, so that the part of a line on the left is met before the part it is joined to.
    measured = sorted(((_median_bottom(g), _line_size_height(g, settings), g) for g in groups), key=lambda m: (m[2][0].left, m[0]))
    joined: list[tuple[float, float, list[Word]]] = []
    for bottom, height, group in measured:
        for index, (other_bottom, other_height, other) in enumerate(joined):
            tall = max(other_height, height)
            same_row = abs(other_bottom - bottom) <= settings.lines.baseline_tolerance_ratio * tall
            same_size = abs(other_height - height) <= settings.ocr.ocr_same_size * 2 * tall
            if (same_row and same_size and other[-1].left < group[0].left and not at_an_edge(other)
                    and _one_justified_line(other, group, settings)):
                other.extend(group)
                joined[index] = (_median_bottom(other), _line_size_height(other, settings), other)
                break
        else:
            joined.append((bottom, height, list(group)))
    return [group for _, _, group in joined]


def reaching_into_other_lines(words: list[Word], overlap: float) -> set[int]:
    """The indexes of words whose boxes reach into a word of another tesseract line above or below
    (by more than `overlap` of the shorter's height): lines of set text never overlap, so such a
    box took in ink of its neighbour (touching strokes, a speck between them) and is no measure of
    its line's size or baseline."""
    order = sorted(range(len(words)), key=lambda i: words[i].top)
    tops = [words[i].top for i in order]
    reaching: set[int] = set()
    for i, word in enumerate(words):
        bottom = word.top + word.height
        for j in order[bisect.bisect_right(tops, word.top):bisect.bisect_left(tops, bottom)]:
            other = words[j]
            if other.line == word.line or other.left >= word.left + word.width or word.left >= other.left + other.width:
                continue
            if bottom - other.top > overlap * min(word.height, other.height):
                reaching.update((i, j))
    return reaching


def chars_from_words(words: list[Word], dpi: float, settings: Settings = DEFAULT_SETTINGS) -> list[Char]:
    """tesseract's words (of an image at `dpi`) as the glyph runs a text engine reports, in points:
    the words of one tesseract line share its baseline and size, so the reading-order stage
    (extract.layout: rows, columns, aligned tables) groups them as it groups a text layer's."""
    scale = 72 / dpi
    chars = []
    reaching = {id(words[i]) for i in reaching_into_other_lines(words, settings.ocr.line_overlap)}
    for group in _joined_justified_lines(by_line(words), dpi, settings):
        # The median word's height and bottom, of the words boxed apart from other lines: one word
        # boxed too tall (a misread bracket, a speck) would make the line a heading's size, or
        # split it in two.
        measured = [w for w in group if id(w) not in reaching] or group
        height = _line_size_height(measured, settings)
        size = round(2 * height * scale / settings.ocr.line_height_per_point) / 2
        baseline = round(_median_bottom(measured) * scale, 2)
        for previous, word in zip([None, *group], group):
            if previous is not None:
                # The space between two words tesseract read as one line: a word space however
                # wide (justified text), never a gutter between columns; and a space however narrow
                # (`სფერო` `2`, boxes touching).
                end, start = (previous.left + previous.width) * scale, word.left * scale
                # Placed before the next word even where the boxes overlap: rows are sorted by x0.
                chars.append(Char(" ", round(min(end, start - 0.01), 2), round(max(start, end + 0.1), 2), baseline, size, OCR_FONT))
            chars.append(Char(word.text, round(word.left * scale, 2), round((word.left + word.width) * scale, 2), baseline,
                              size, OCR_FONT))
    return chars


def lines_from_words(words: list[Word], page_number: int, dpi: float,
                     rulings: list[tuple[float, float, float, float]] = (),
                     settings: Settings = DEFAULT_SETTINGS) -> list[Line]:
    """tesseract's words → the page's lines in reading order, each with its words' mean confidence;
    `rulings`: the rules drawn on the page image (pixels), so that its tables are found."""
    scale = 72 / dpi
    rules = [make_rule(x0 * scale, top * scale, x1 * scale, bottom * scale, settings.text_layer.thin_rule)
             for x0, top, x1, bottom in rulings]
    lines = page_lines(chars_from_words(words, dpi, settings), rules, page_number, lambda font: False, settings)
    measured = []
    for line in lines:
        box = line.box
        inside = [w for w in words if box.x0 - 1 <= (w.left + w.width / 2) * scale <= box.x1 + 1
                  and box.top - 1 <= (w.top + w.height / 2) * scale <= box.bottom + 1]
        if not inside:
            measured.append(replace(line, source="ocr"))
            continue
        # The box spans the words as tesseract found them (the running header is known by where it is).
        top, bottom = min(w.top for w in inside) * scale, max(w.top + w.height for w in inside) * scale
        measured.append(replace(line, box=replace(box, top=round(top, 2), bottom=round(bottom, 2)),
                                confidence=round(sum(w.confidence for w in inside) / len(inside), 1), source="ocr"))
    return measured


def lines_from_tsv(tsv: str, page_number: int, dpi: float = DEFAULT_SETTINGS.ocr.dpi) -> list[Line]:
    return lines_from_words(words_from_tsv(tsv), page_number, dpi)


def _tesseract(image: Image.Image, languages: str, dpi: float, scratch: Path, psm: int | None = None) -> list[Word]:
    path = scratch / f"{languages.replace('+', '-')}-{psm}.png"
    image.save(path)
    command = ["tesseract", str(path), "stdout", "-l", languages, "--dpi", str(round(dpi))]
    if psm is not None:
        command += ["--psm", str(psm)]
    if (scratch / USER_WORDS).exists():
        command += ["--user-words", str(scratch / USER_WORDS)]
    done = subprocess.run(command + ["tsv"], capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    if done.returncode != 0:
        raise ExtractError(f"OCR failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}")
    return words_from_tsv(done.stdout)


def _strip(image: Image.Image, words: list[Word], settings: OcrSettings) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The words' crops stacked one under another on white; each crop's band of rows."""
    crops, bands, y = [], [], 0
    indent = max(w.height for w in words)
    for word in words:
        margin = round(word.height * settings.crop_margin_ratio)
        crop = image.crop((word.left - margin, word.top - margin, word.left + word.width + margin, word.top + word.height + margin))
        gap = round(word.height * settings.strip_gap_ratio)
        crops.append((crop, y + gap))
        bands.append((y + gap, y + gap + crop.height))
        y += gap + crop.height
    strip = Image.new("L", (max(c.width for c, _ in crops) + 2 * indent, y + bands[0][0]), 255)
    for crop, top in crops:
        strip.paste(crop, (indent, top))
    return strip, bands


def _readings_in_bands(words: list[Word], bands: list[tuple[int, int]]) -> list[tuple[str, float] | None]:
    found: list[list[Word]] = [[] for _ in bands]
    for word in words:
        if is_speck(word.text):
            continue  # the edge of a neighbouring glyph caught in the crop
        middle = word.top + word.height / 2
        for i, (top, bottom) in enumerate(bands):
            if top <= middle < bottom:
                found[i].append(word)
                break
    return [(" ".join(w.text for w in sorted(group, key=lambda w: w.left)),
             sum(w.confidence for w in group) / len(group)) if group else None for group in found]


def _read_alone(image: Image.Image, boxes: list[Word], models: str, dpi: float, scratch: Path,
                settings: OcrSettings) -> list[tuple[str, float] | None]:
    """What `models` read in each box's crop, the crops read together in one strip (one tesseract
    run for a page's doubtful boxes); None where nothing was read."""
    strip, bands = _strip(image, boxes, settings)
    return _readings_in_bands(_tesseract(strip, models, dpi, scratch, psm=6), bands)


def is_known(text: str, known: frozenset[str]) -> bool:
    """Every Latin word of the text is one the document may print (registry names and acronyms)."""
    runs = latin_words_of(text)
    return bool(runs) and all(run in known for run in runs)


def fill_readings(image: Image.Image, words: list[Word], fills: list[tuple[int, int, int, int]], dpi: float,
                  scratch: Path, models: str = EVERY_PACKS_MODELS,
                  settings: OcrSettings = DEFAULT_SETTINGS.ocr) -> tuple[list[Word], list[Correction]]:
    """Each shaded cell (a dark fill turned light: a priority label's box) read again alone, as
    one block: tesseract reads its bold text far better apart from the page around it (a label
    number read as `30069605` on the page reads `5` alone). The cell's words are replaced by the
    second reading when it is at least as confident."""
    corrections = []
    for number, (x0, top, x1, bottom) in enumerate(fills):
        inside = [w for w in words if x0 <= w.left + w.width / 2 <= x1 and top <= w.top + w.height / 2 <= bottom]
        if not inside:
            continue  # a dark bar or picture: nothing the page's reading found to read better
        margin = settings.fill_margin_pixels
        crop = image.crop((x0 - margin, top - margin, x1 + margin, bottom + margin))
        again = [replace(w, left=w.left + x0 - margin, top=w.top + top - margin, line=(f"fill-{number}", *w.line[1:]))
                 for w in _tesseract(crop, models, dpi, scratch, psm=6) if not is_speck(w.text)]
        if not again:
            continue
        mean = sum(w.confidence for w in again) / len(again)
        before = sum(w.confidence for w in inside) / len(inside)
        read, kept = " ".join(w.text for w in inside), " ".join(w.text for w in again)
        if mean < before or read == kept:
            continue
        words = [w for w in words if w not in inside] + again
        corrections.append(Correction(read, kept, round(before, 1), "its shaded cell read again alone"))
    return words, corrections


def empty_cell_readings(image: Image.Image, words: list[Word], rulings: list[tuple[float, float, float, float]],
                        ink: np.ndarray, dpi: float, scratch: Path, models: str = EVERY_PACKS_MODELS,
                        settings: Settings = DEFAULT_SETTINGS) -> tuple[list[Word], list[Correction]]:
    """Each cell of a ruled table that holds ink (`ink`: the image's dark pixels) but no word of
    the page's reading, read again alone: tesseract's page segmentation can leave out short text
    standing alone in a narrow cell (a column of item numbers). The cells are read in one strip;
    each reading found is added as the cell's words and recorded."""
    scale = 72 / dpi
    rules = [make_rule(x0 * scale, top * scale, x1 * scale, bottom * scale, settings.text_layer.thin_rule)
             for x0, top, x1, bottom in rulings]
    inset, ink_share = settings.ocr.cell_inset_pixels, settings.ocr.cell_ink_share
    empty: list[Word] = []
    for grid in find_grids(rules, settings):
        if grid.panel:
            continue
        for cell in (c for row in grid.rows for c in row if c is not None):
            x0, top, x1, bottom = (round(v / scale) for v in cell)
            if any(x0 <= w.left + w.width / 2 <= x1 and top <= w.top + w.height / 2 <= bottom for w in words):
                continue
            inside = ink[top + inset:bottom - inset, x0 + inset:x1 - inset]
            if not inside.size or inside.mean() < ink_share:
                continue
            rows, columns = np.nonzero(inside)
            empty.append(Word("", 0.0, x0 + inset + int(columns.min()), top + inset + int(rows.min()),
                              int(columns.max() - columns.min()) + 1, int(rows.max() - rows.min()) + 1,
                              ("cell", str(len(empty)), "1")))
    if not empty:
        return words, []
    readings = _read_alone(image, empty, models, dpi, scratch, settings.ocr)
    added, corrections = [], []
    for cell, reading in zip(empty, readings):
        if reading is None:
            continue
        text, confidence = reading
        added.append(replace(cell, text=text, confidence=confidence))
        corrections.append(Correction("", text, round(confidence, 1), "a table cell the page's reading left empty, read alone"))
    return words + added, corrections


def unread_line_starts(image: Image.Image, words: list[Word], rulings: list[tuple[float, float, float, float]],
                       ink: np.ndarray, dpi: float, scratch: Path, models: str = EVERY_PACKS_MODELS,
                       settings: OcrSettings = DEFAULT_SETTINGS.ocr) -> tuple[list[Word], list[Correction]]:
    """Ink just before a line's first word that no word covers, read again alone: tesseract's page
    segmentation can leave out a short text standing apart at a line's start (an item number
    hanging left of its paragraph, `4.` before a justified line). The ink must stand clear of
    anything further left (so a neighbouring column's unread end is never taken), be of text
    height, and not be a rule; each reading found joins the line and is recorded."""
    ink = ink.copy()
    for x0, top, x1, bottom in rulings:  # a table's border is ink no word covers, and no text
        margin = settings.rule_margin_pixels
        ink[max(int(top) - margin, 0):int(bottom) + margin + 1, max(int(x0) - margin, 0):int(x1) + margin + 1] = False
    found: list[tuple[Word, Word]] = []
    for line in by_line(words):
        first = line[0]
        height = first.height
        top, bottom = first.top, first.top + height
        left = max(0, first.left - round(settings.line_start_reach * height))
        for other in words:  # the region ends at the nearest word on the row before the line
            if other.left + other.width <= first.left and other.top < bottom and other.top + other.height > top:
                left = max(left, other.left + other.width + 1)
        right = first.left - 1
        if right - left < height:
            continue
        # Read from the clearance further left, so that ink at the region's edge is known to stand
        # clear of what lies beyond it, or to run on from it.
        clearance = round(settings.line_start_clearance * height)
        outer = max(0, left - clearance)
        region = ink[top:bottom, outer:right]
        columns = np.flatnonzero(region[:, left - outer:].any(axis=0)) + (left - outer)
        if not columns.size:
            continue
        inked = np.flatnonzero(region.any(axis=0))
        gaps = np.flatnonzero(np.diff(inked) > clearance)
        start = inked[gaps[-1] + 1] if gaps.size else inked[0]  # the ink run nearest the line
        if start < clearance:
            continue  # it runs on from further left: not a text standing apart
        rows = np.flatnonzero(region[:, start:].any(axis=1))
        if rows[-1] - rows[0] + 1 < settings.line_start_min_height * height:
            continue  # a speck
        box = Word("", 0.0, outer + int(start), top + int(rows[0]), int(columns[-1] - start) + 1,
                   int(rows[-1] - rows[0]) + 1, first.line)
        found.append((box, first))
    if not found:
        return words, []
    readings = _read_alone(image, [box for box, _ in found], models, dpi, scratch, settings)
    added, corrections = [], []
    for (box, first), reading in zip(found, readings):
        if reading is None:
            continue
        text, confidence = reading
        added.append(replace(box, text=text, confidence=confidence, top=first.top, height=first.height))
        corrections.append(Correction("", text, round(confidence, 1), "ink before a line the page's reading left out, read alone"))
    return words + added, corrections


def second_readings(image: Image.Image, words: list[Word], dpi: float, scratch: Path,
                    known: frozenset[str] = frozenset(), models: str = EVERY_PACKS_MODELS,
                    settings: OcrSettings = DEFAULT_SETTINGS.ocr) -> tuple[list[Word], list[Correction]]:
    """Words read in Latin letters, or as digits before a label's colon, on a page read with both
    models, read again by each alone. A reading the registry knows (when the first is unknown) is
    kept, else a Georgian one clearly more confident, where it fills the word's box; each change is
    recorded. A page read with one model has no such disagreement."""
    if not set(SECOND_READERS) <= set(models.split("+")):
        return words, []
    doubtful = [i for i, w in enumerate(words) if (LATIN_LETTER.search(w.text) or DIGITS_AS_LABEL.match(w.text))
                and not CASE_ENDING.match(w.text)
                and not URL_PIECE.search(w.text) and not is_known(w.text, known)]
    if not doubtful:
        return words, []
    alternatives = [_read_alone(image, [words[i] for i in doubtful], model, dpi, scratch, settings) for model in SECOND_READERS]
    # The size of each line a doubtful word stands on, in pixels per em.
    doubtful_lines = {words[i].line for i in doubtful}
    ems = {line[0].line: _median_full_height(line) / _full_extent()
           for line in by_line(words) if line[0].line in doubtful_lines}
    improved, corrections = list(words), []
    for k, i in enumerate(doubtful):
        first = words[i]
        readings = [r[k] for r in alternatives if r[k] and " " not in r[k][0].strip()
                    and fills_its_box(r[k][0].strip(), first, ems[first.line], settings)]
        recognised = [r for r in readings if is_known(r[0], known)]
        if recognised:
            (text, confidence), reason = recognised[0], "a second reading the registry knows"
        else:
            # A Georgian word the two models read as Latin junk (`Ed` for `და`): Georgian alone,
            # read clearly better. Latin readings are kept only where the registry knows them.
            georgian = [r for r in readings if GEORGIAN_WORD.match(r[0]) and r[1] >= first.confidence + settings.second_reading_gain]
            if not georgian:
                continue
            (text, confidence), reason = max(georgian, key=lambda r: r[1]), "a Georgian word read clearly better by kat alone"
        text = _keep_punctuation(first.text, text.strip())
        if text != first.text:
            improved[i] = replace(first, text=text, confidence=round(max(confidence, first.confidence), 1))
            corrections.append(Correction(first.text, text, first.confidence, reason))
    return improved, corrections


def fills_its_box(text: str, word: Word, em: float, settings: OcrSettings) -> bool:
    """Whether a reading's letters, at its line's size (`em`, pixels), would be about as tall as the
    word's box: a mark boxed smaller than any letter of the reading (a bullet, `mw`) is no word
    (`Psi`). A reading whose letters cannot be measured is not judged."""
    extent = word_extent(text)
    return extent is None or word.height >= settings.reading_fit * extent * em


def _keep_punctuation(first: str, second: str) -> str:
    """The second reading's letters with the first reading's punctuation around them: a crop read
    alone gains or loses a comma at its edge (`ILO` → `ILO.`)."""
    core = EDGE_PUNCTUATION.sub("", second)
    lead = OPENING_PUNCTUATION.match(first).group()
    tail = CLOSING_PUNCTUATION.search(first).group()
    return f"{lead}{core}{tail}" if core else first


USER_WORDS = "user-words.txt"


@dataclass(frozen=True)
class OcrPage:
    """A page read by OCR: its lines, the skew it was levelled by (degrees), the mean confidence of
    its words (0–100, None when no word was found), the words read again and changed, and the specks
    dropped at line ends."""
    lines: list[Line]
    skew: float
    confidence: float | None
    corrections: tuple[Correction, ...] = ()
    specks: int = 0
    sheet: str | None = None  # a photographed sheet: "flattened", or "not_found" (extract.ocr_image.Prepared)


def read_page_image(image: Image.Image, dpi: float, page_number: int, known: frozenset[str] = frozenset(),
                    expected: ExpectedWords = ExpectedWords(), models: str = EVERY_PACKS_MODELS,
                    settings: Settings = DEFAULT_SETTINGS) -> OcrPage:
    """The page's lines; `known`: the Latin words (casefolded) the document may print, which settle
    between two readings of a word; `expected`: words tesseract is told to prefer, and the label words
    a misread is put right to."""
    ready = prepare(image, dpi, settings.image)
    prepared, angle, fills = ready.image, ready.skew, ready.fills
    with tempfile.TemporaryDirectory(prefix="workplan-ocr-") as scratch:
        if expected.words:
            (Path(scratch) / USER_WORDS).write_text("\n".join(expected.words) + "\n", encoding="utf-8")
        # A dark fill bounds a cell as a text layer's filled rectangle does: its four sides are rules.
        dark = dark_pixels(prepared)
        rulings = rules_among(dark, dpi, settings.image) + [tuple(float(v) for v in box) for box in fills]
        words = _tesseract(prepared, models, dpi, Path(scratch))
        words, filled = fill_readings(prepared, words, fills, dpi, Path(scratch), models, settings.ocr)
        words, unread = empty_cell_readings(prepared, words, rulings, dark, dpi, Path(scratch), models, settings)
        words, starts = unread_line_starts(prepared, words, rulings, dark, dpi, Path(scratch), models, settings.ocr)
        words, corrections = second_readings(prepared, words, dpi, Path(scratch), known, models, settings.ocr)
    words, specks, fixed = corrected_words(words, expected, settings.ocr)
    confidence = round(sum(w.confidence for w in words) / len(words), 1) if words else None
    lines = lines_from_words(words, page_number, dpi, rulings, settings)
    return OcrPage(lines, angle, confidence, tuple(filled + unread + starts + corrections + fixed), specks, ready.sheet)


def _ocr_page(path: Path, page_number: int, password: str, known: frozenset[str], expected: ExpectedWords,
              models: str, settings: Settings) -> OcrPage:
    image, dpi = _render(path, page_number, password, settings.ocr)
    try:
        return read_page_image(image, dpi, page_number, known, expected, models, settings)
    except ExtractError as error:
        raise ExtractError(f"page {page_number}: {error}") from None


def ocr_pages(path: Path, pages: list[int], password: str = "", workers: int | None = None,
              known: frozenset[str] = frozenset(), expected: ExpectedWords = ExpectedWords(),
              models: str = EVERY_PACKS_MODELS, check: Callable[[str], None] | None = None,
              settings: Settings = DEFAULT_SETTINGS) -> dict[int, OcrPage]:
    """The pages read by OCR with `models`, in parallel (see
    read_page_image). `check(where)` runs before each page and raises to stop (the time limit): the
    pages not yet begun are then dropped, not read to the end."""
    problem = ocr_problem(models)
    if problem:
        raise OcrUnavailable(problem)

    def read(number: int) -> OcrPage:
        if check is not None:
            check(f"page {number} (OCR)")
        return _ocr_page(path, number, password, known, expected, models, settings)

    pool = ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1)
    try:
        futures = [pool.submit(read, number) for number in pages]
        read_pages = {}
        for number, future in zip(pages, futures):
            while number not in read_pages:
                try:
                    read_pages[number] = future.result(timeout=CHECK_EVERY)
                except TimeoutError:  # still reading: the limit is checked while waiting too
                    if check is not None:
                        check(f"page {number} (OCR)")
        return read_pages
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # pages begun finish; the others are dropped
