"""Typed lines → the same lines, each with its role and the evidence for it.

Order of evidence: the document's Georgian structural markers first, then repetition and position
(running headers and footers, page numbers, footnotes under the body), then a table's header row
(what its columns hold), typography last and relative to the page's own body text. Furniture is
set aside with its role, never deleted: the review draws it and `documents` counts it.
"""
from __future__ import annotations

import bisect
import difflib
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import regex

from workplan.extract.classify import INFERRED, Typography, content_marker, key_cell_label, marks, reading_lines
from workplan.extract.labels import LabelReading, column_reading
from workplan.extract.markers import column_kind, markers
from workplan.extract.records import SET_ASIDE_ROLES, Code, LabelMatch, Line, LineRole, Notice
from workplan.extract.settings import DEFAULT_SETTINGS, Settings
from workplan.normalize.deadlines import reads_as_a_deadline
from workplan.normalize.text import fold_case, normalize_text

FURNITURE: frozenset[str] = frozenset(SET_ASIDE_ROLES)
# A contents entry: leaders (dots, ellipses, spaced dots) running to a page number at the line's end.
CONTENTS_ENTRY = regex.compile(r"(?:(?:\.\s?){4,}|…{2,}|(?:_\s?){4,})\s*\d{1,4}\s*$")

DIGITS = regex.compile(r"\d+")
URL_LIKE = regex.compile(r"https?://|www\.|%[0-9A-F]{2}|^\S{40,}$")
PAGE_NUMBER = regex.compile(r"^\W*(?:\d{1,4}|[ivxlc]{1,6})\W*$", regex.IGNORECASE)
# A footnote opens with its reference mark: a number, an asterisk or a superscript digit.
REFERENCE_MARK = regex.compile(r"^\s*(?:\d{1,3}|[*†‡]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)(?=\s|\p{L})")
# Structure-marker kinds (extract.markers) → the role of a line that opens with one.
MARKER_ROLES: dict[str, LineRole] = {
    "activities": "heading", "number": "activity", "bullet": "activity", "deadline": "deadline",
    "objectives": "objectives", "area": "thematic_area",
}
# What a table column holds (its header names it; `data/markers_ka.yaml`) → the role of its cells.
COLUMN_ROLES: dict[str, LineRole] = {"number": "activity", "activity": "activity", "deadline": "deadline", "responsible": "org_list"}
# The vocabulary's label whose phrases also name a table column of this kind (extract.markers).
COLUMN_VOCABULARY = {"deadline": "deadline", "activity": "activities"}


@dataclass(frozen=True)
class Roles:
    lines: tuple[Line, ...]  # every line, in reading order, with its role
    body_sizes: dict[int, float]  # page → size of its body text
    notices: tuple[Notice, ...] = ()  # what was inferred (column headers, key cells the vocabulary lacks)
    reading: tuple[Line, ...] = ()  # the body as segmentation reads it (extract.classify.reading_lines)

    @property
    def body(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.role not in FURNITURE)

    @property
    def set_aside(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.role in FURNITURE)


def _weighted_size(lines) -> float | None:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else None


def body_font_size(lines) -> float:
    """The size carrying the most text: the body font."""
    return _weighted_size(lines) or 0.0


# ---------------------------------------------------------------- repetition and position

def _shape(text: str) -> str:
    return DIGITS.sub("#", " ".join(text.split()))


def _text_frames(lines: tuple[Line, ...], heights: dict[int, float]) -> dict[float, tuple[float, float]]:
    """The printed frame of the sheets of each height: from the highest line's top to the lowest
    line's bottom over every page of that height (a short page's frame is its sheet's)."""
    by_height: dict[float, tuple[float, float]] = {}
    for line in lines:
        height = heights[line.page]
        top, bottom = by_height.get(height, (line.box.top, line.box.bottom))
        by_height[height] = (min(top, line.box.top), max(bottom, line.box.bottom))
    return by_height


def _in_margin(line: Line, page_height: float, frame: tuple[float, float], settings: Settings) -> bool:
    """Whether a line is in the outer band of its page: a share of the page's height from its edges,
    or of the printed frame from the frame's edges on a sheet far larger than what is printed on it
    (the pages of a document drawn in a corner of sheets 200 inches square)."""
    top, bottom = frame
    if (bottom - top) * settings.furniture.sheet_to_frame < page_height:
        band = (bottom - top) * settings.furniture.margin_band
        return line.box.top < top + band or line.box.bottom > bottom - band
    band = page_height * settings.furniture.margin_band
    return line.box.top < band or line.box.bottom > page_height - band


def _position_tolerance(line: Line, settings: Settings) -> float:
    """How far from where it repeats a margin line may be printed: OCR measures a line from its
    words' boxes, which move with the letters they hold (and a photographed sheet is flattened
    within a few pixels), so a line it read is allowed a share of its size."""
    tolerance = settings.furniture.running_position_tolerance
    return max(tolerance, settings.furniture.ocr_position_tolerance_ratio * line.size) if line.from_ocr else tolerance


def _is_running(shape: str, top: float, recurring: dict[str, float], settings: Settings, tolerance: float) -> bool:
    """A margin line that repeats a running header or footer where it is printed: whole, in part
    (OCR may split it into pieces), with a misread letter, or as pieces printed apart on other
    pages (left and right parts of a header, read as one line where nothing cut them apart)."""
    if shape in recurring and abs(top - recurring[shape]) <= tolerance:
        return True
    if len(shape) < settings.furniture.min_running_piece:
        return False
    level = [r for r, where in recurring.items() if abs(top - where) <= tolerance]
    if any(shape in r or difflib.SequenceMatcher(None, shape, r).ratio() >= settings.furniture.running_similarity for r in level):
        return True
    rest = shape
    for piece in sorted((r for r in level if len(r) >= settings.furniture.min_running_piece), key=len, reverse=True):
        rest = rest.replace(piece, " ")
    return not rest.strip()


def _level(line: Line, height: float, scale: float = 1.0) -> float:
    """Where a margin line stands, measured from the page edge it is near: its top in the upper half,
    minus its distance from the bottom edge in the lower half, undoing the page's scale. Pages of
    other sizes (A4 and Letter) or scaled as a whole print their headers and footers at one level."""
    if line.box.top < height / 2:
        return line.box.top / scale
    return -(height - line.box.bottom) / scale


def page_scales(page_sizes: tuple[tuple[float, float], ...], tolerance: float) -> dict[int, float]:
    """Each page's scale against the document's usual page: a page whose width and height both
    shrink or grow by one factor (within `tolerance`, a share) is that page scaled; any other
    size (Letter among A4) is 1."""
    if not page_sizes:
        return {}
    usual = statistics.mode(page_sizes)
    scales = {}
    for number, (width, height) in enumerate(page_sizes, start=1):
        across, down = width / usual[0], height / usual[1]
        scales[number] = across if abs(across - down) <= tolerance * down and abs(across - 1) > tolerance else 1.0
    return scales


def _repeated(on: set[int], pages: int, settings: Settings) -> bool:
    """A margin line printed on this set of pages is furniture: on a share of the document's pages,
    or on that share of a long stretch of pages it runs through (the body's header is not lost
    because an annex or a preface without it outnumbers the body's pages)."""
    if len(on) >= max(2, settings.furniture.repeat_share * pages):
        return True
    ordered = sorted(on)
    stretches, start = [], 0
    for position in range(1, len(ordered) + 1):
        if position == len(ordered) or ordered[position] - ordered[position - 1] > settings.furniture.running_gap:
            stretches.append(ordered[start:position])
            start = position
    return any(len(stretch) >= settings.furniture.min_running_stretch
               and len(stretch) >= settings.furniture.repeat_share * (stretch[-1] - stretch[0] + 1) for stretch in stretches)


def _number_below_its_cell(lines: tuple[Line, ...], heights: dict[int, float]) -> set[int]:
    """Numbers alone in a table cell's lower half of the page, printed apart below the cell's text
    (more than two of their lines' heights): a page number drawn over a row the page end broke,
    whose rules run on into the margin. The repetition test then decides, as for any margin line."""
    found, last_in_cell = set(), {}
    for index, line in enumerate(lines):
        if line.cell is None:
            continue
        key = (line.page, line.cell.table, line.cell.row, line.cell.column)
        previous = last_in_cell.get(key)
        last_in_cell[key] = line
        if previous is None or line.box.top < heights[line.page] / 2 or not PAGE_NUMBER.match(line.text.strip()):
            continue
        if line.box.top - previous.box.bottom > 2 * (line.box.bottom - line.box.top):
            found.add(index)
    return found


def _furniture_by_repetition(lines: tuple[Line, ...], heights: dict[int, float], pages: int,
                             settings: Settings, scales: dict[int, float]) -> dict[int, tuple[LineRole, str]]:
    margin: dict[int, str] = {}
    shape_pages: dict[str, set[int]] = {}
    positions: dict[str, list[float]] = {}
    levels: dict[int, float] = {}
    above = _number_below_its_cell(lines, heights)
    frames = _text_frames(lines, heights)
    for index, line in enumerate(lines):
        height = heights[line.page]
        if (line.cell is None or index in above) and _in_margin(line, height, frames[height], settings):
            shape = margin[index] = _shape(line.text)
            shape_pages.setdefault(shape, set()).add(line.page)
            levels[index] = _level(line, height, scales.get(line.page, 1.0))
            positions.setdefault(shape, []).append(levels[index])
    recurring = {shape: statistics.median(positions[shape]) for shape, on in shape_pages.items()
                 if _repeated(on, pages, settings)}
    # Page numbers: numbers alone in the margin, printed at one height on many pages.
    numbers = {index: lines[index] for index in margin if PAGE_NUMBER.match(lines[index].text.strip())}
    found: dict[int, tuple[LineRole, str]] = {}
    pages_at: dict[float, set[int]] = {}  # pages with a number printed near this height (one set per height)
    for index, shape in margin.items():
        line = lines[index]
        level = levels[index]
        upper = level >= 0
        if index in numbers and level not in pages_at:
            pages_at[level] = {lines[n].page for n in numbers if abs(levels[n] - level) <= settings.furniture.running_position_tolerance}
        if index in numbers and _repeated(pages_at[level], pages, settings):
            found[index] = ("page_number", f"a number alone in the page margin, at this height on {len(pages_at[level])} pages")
        elif _is_running(shape, level, recurring, settings, _position_tolerance(line, settings)):  # a number may be a header's piece (`2021-2022`)
            found[index] = ("running_header" if upper else "running_footer",
                            f"repeated in the {'top' if upper else 'bottom'} margin of {len(shape_pages.get(shape, ())) or 'several'} pages")
    found.update(_running_in_pieces(lines, margin, found, recurring, heights, settings, scales))
    return found


def _running_in_pieces(lines: tuple[Line, ...], margin: dict[int, str], found: dict[int, tuple[LineRole, str]],
                       recurring: dict[str, float], heights: dict[int, float],
                       settings: Settings, scales: dict[int, float]) -> dict[int, tuple[LineRole, str]]:
    """The pieces of one margin line printed apart (a header's left part and its right part, too
    short alone to be judged: `2021-2022`), judged together, left to right."""
    levels: dict[int, list[list[int]]] = {}  # page → groups of margin lines at one height
    for index in sorted(margin, key=lambda i: (lines[i].page, lines[i].box.top)):
        groups = levels.setdefault(lines[index].page, [])
        if groups and abs(lines[groups[-1][0]].box.top - lines[index].box.top) <= settings.furniture.running_position_tolerance:
            groups[-1].append(index)
        else:
            groups.append([index])
    pieces: dict[int, tuple[LineRole, str]] = {}
    for groups in levels.values():
        for group in groups:
            if len(group) < 2 or all(i in found for i in group):
                continue
            ordered = sorted(group, key=lambda i: lines[i].box.x0)
            first = lines[ordered[0]]
            level = _level(first, heights[first.page], scales.get(first.page, 1.0))
            if _is_running(_shape(" ".join(lines[i].text for i in ordered)), level, recurring, settings, _position_tolerance(first, settings)):
                upper = level >= 0
                role = "running_header" if upper else "running_footer"
                pieces.update({i: (role, "a piece of a repeated margin line, printed apart") for i in group if i not in found})
    return pieces


def _page_body_sizes(lines: tuple[Line, ...], furniture: dict[int, tuple[LineRole, str]],
                     settings: Settings) -> dict[int, float]:
    """Each page's body size. A page with text enough to judge prints its body at the document's
    size (the size carrying most of its text) unless almost none of the page is printed at it, or
    unless the page prints most of its text larger than that: an annex or a preface in small print
    can carry most of a document's text, and the body around it is not made of headings for that.
    A page with a few words (a cover, the last lines of a chapter) continues the body of the
    nearest page that has text enough: before it, else after it. URLs are no body text."""
    by_page: dict[int, list[Line]] = {}
    for index, line in enumerate(lines):
        if index not in furniture and not URL_LIKE.search(line.text):
            by_page.setdefault(line.page, []).append(line)
    document = body_font_size([l for group in by_page.values() for l in group])
    same = settings.furniture.same_size_share
    judged: dict[int, float] = {}
    for page, group in sorted(by_page.items()):
        total = sum(len(l.text) for l in group)
        if total < settings.furniture.own_body_min_chars:
            continue
        own = _weighted_size(group) or document
        at_document_size = sum(len(l.text) for l in group if abs(l.size - document) <= same * document)
        foreign = at_document_size < settings.furniture.foreign_page_share * total
        judged[page] = own if foreign or own > document * (1 + same) else document
    if not judged:
        return {page: document for page in by_page}
    ordered = sorted(judged)
    sizes = {}
    for page in by_page:
        before = bisect.bisect_right(ordered, page)
        sizes[page] = judged[ordered[before - 1] if before else ordered[0]]
    return sizes


def _footnotes(lines: tuple[Line, ...], furniture: dict[int, tuple[LineRole, str]], body_sizes: dict[int, float],
               settings: Settings) -> dict[int, tuple[LineRole, str]]:
    """Small print that is a reference: a URL (wherever printed: OCR and inline references), or a
    line opening with a reference mark under the last line of body text, with the lines after it."""
    found: dict[int, tuple[LineRole, str]] = {}
    last_body: dict[int, float] = {}
    for index, line in enumerate(lines):
        if index not in furniture and line.size >= body_sizes.get(line.page, 0) * settings.furniture.footnote_size_ratio:
            last_body[line.page] = max(last_body.get(line.page, 0.0), line.box.bottom)
    in_foot: set[int] = set()  # pages whose footnote area has begun
    for index, line in enumerate(lines):
        if index in furniture or line.cell is not None:
            continue
        small = line.size < body_sizes.get(line.page, 0) * settings.furniture.footnote_size_ratio or line.from_ocr
        if not small:
            continue
        under_the_body = line.box.top >= last_body.get(line.page, 0.0)
        if URL_LIKE.search(line.text):
            found[index] = ("footnote", "a URL in small print")
            if under_the_body:
                in_foot.add(line.page)  # a URL broken over lines: OCR splits its pieces at % signs
        elif under_the_body and (line.page in in_foot or not line.from_ocr and REFERENCE_MARK.match(line.text)):
            in_foot.add(line.page)
            found[index] = ("footnote", "small print under the body text, after a reference mark or a URL")
    return found


def _table_of_contents(lines: tuple[Line, ...], furniture: dict[int, tuple[LineRole, str]],
                       settings: Settings) -> dict[int, tuple[LineRole, str]]:
    """A Word or LibreOffice table of contents: entries with leaders to a page number, and the lines
    between them (an entry wrapped over two lines). Its entries repeat the labels and titles of the
    priorities: read as content, they would open blocks with no activities."""
    entries: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if index not in furniture and line.cell is None and CONTENTS_ENTRY.search(line.text):
            entries.setdefault(line.page, []).append(index)
    found: dict[int, tuple[LineRole, str]] = {}
    for page, indexes in entries.items():
        if len(indexes) < settings.furniture.contents_min_entries:
            continue
        top, bottom = lines[indexes[0]].box.top, lines[indexes[-1]].box.bottom
        for index, line in enumerate(lines):
            if line.page == page and index not in furniture and top <= line.box.top and line.box.bottom <= bottom:
                found[index] = ("table_of_contents", f"a table of contents: {len(indexes)} entries with leaders to a page number")
    return found


# ---------------------------------------------------------------- tables

@dataclass(frozen=True)
class _TableRoles:
    roles: dict[int, tuple[LineRole, str]]  # line index → role, evidence
    kinds: dict[int, str]  # line index → what its column holds
    keys: dict[int, LabelReading]  # line index of a key cell → what its label was read as
    continuing: frozenset[int]  # lines of a row that continues the last row of the page before
    notices: tuple[Notice, ...] = ()


def _table_roles(lines: tuple[Line, ...], furniture: dict[int, tuple[LineRole, str]], settings: Settings) -> _TableRoles:
    """A header row that names every column (`№`, `აქტივობა`, `ვადა`, `პასუხისმგებელი`) is set
    aside and gives its columns' cells their role; a table continued on a later page without its
    header takes the last header printed over the same columns, and its first row, when it opens
    the page without a number, continues the row the page before ended with, unless both rows
    hold a deadline printed whole and a text of their own (then the page broke between two
    activities, the second printed without a number). A role label alone in the first column of
    a two-column table is the key of an organisation list."""
    tables: dict[tuple[int, int], dict[tuple[int, int], list[int]]] = {}
    first_on_page: dict[int, int] = {}
    for index, line in enumerate(lines):
        if index not in furniture:
            first_on_page.setdefault(line.page, index)
        if line.cell is not None:
            tables.setdefault((line.page, line.cell.table), {}).setdefault((line.cell.row, line.cell.column), []).append(index)
    found: dict[int, tuple[LineRole, str]] = {}
    kinds_of: dict[int, str] = {}
    keys: dict[int, LabelReading] = {}
    continuing: set[int] = set()
    notices: list[Notice] = []
    headers: list[tuple[tuple[int, ...], dict[int, str]]] = []  # (column starts, kind by column), latest last
    last_deadline: str | None = None  # the deadline cell of the last row read, when the row had one
    last_had_text = False  # whether that row had an activity text
    ordered = sorted(tables.items(), key=lambda item: min(min(ix) for ix in item[1].values()))
    texts = [{key: fold_case(" ".join(lines[i].text for i in indexes)) for key, indexes in cells.items()} for _, cells in ordered]
    starts = [lines[next(iter(cells.values()))[0]].cell.row_starts for _, cells in ordered]
    for ((page, _), cells), text in zip(ordered, texts):
        first_row = min(row for row, _ in cells)
        header = {column: column_kind(text[(row, column)]) for row, column in cells if row == first_row}
        sample = lines[next(iter(cells.values()))[0]].cell
        above = next((h for s, h in reversed(headers) if _same_columns(s, sample.row_starts, settings)), None)
        if header and not all(header.values()) and (any(header.values()) or above is not None):
            # Unknown column names read from the cells under them, in every table of these columns
            # (a header may close a page with its rows on the next, or be broken by the page end).
            same = [t for t, s in zip(texts, starts) if _same_columns(s, sample.row_starts, settings)]
            header = _infer_columns(header, text, first_row, same, page, notices, settings)
        if header and all(header.values()):
            columns = {column: kind for column, kind in header.items() if kind}
            if above is not None and len(columns) < len(sample.row_starts):
                columns = {**above, **columns}  # the rest of a header row broken by the page end
            headers.append((sample.row_starts, columns))
            for (row, column), indexes in cells.items():
                if row == first_row:
                    for i in indexes:
                        found[i] = ("table_header", f"header row of a table: column of {header[column]}")
            body_start = first_row + 1
        else:
            columns = next((h for starts, h in reversed(headers) if _same_columns(starts, sample.row_starts, settings)), {})
            body_start = first_row
            opens_page = min(min(ix) for ix in cells.values()) == first_on_page.get(page)
            # Both rows dated in full and with a text of their own: the page broke between two
            # activities, the second printed without a number, not inside one (a broken row's
            # second deadline, stacked in its cell, or its text pushed over come alone).
            dated_apart = (_dated(last_deadline) and _dated(text.get((first_row, _column_of(columns, "deadline"))))
                           and last_had_text and (first_row, _column_of(columns, "activity")) in cells)
            if columns and opens_page and (first_row, _column_of(columns, "number")) not in cells and not dated_apart:
                continuing.update(i for (row, _), ix in cells.items() if row == first_row for i in ix)
        last_row = max(row for row, _ in cells)
        if columns and last_row >= body_start:
            last_deadline = text.get((last_row, _column_of(columns, "deadline")))
            last_had_text = (last_row, _column_of(columns, "activity")) in cells
        for (row, column), indexes in cells.items():
            if row < body_start:
                continue
            kind = columns.get(column)
            if kind in COLUMN_ROLES:
                for i in indexes:
                    found[i] = (COLUMN_ROLES[kind], f"in the table column of {kind}")
                    kinds_of[i] = kind
            elif column == 0 and sample.columns == 2 and (reading := key_cell_label(
                    "\n".join(lines[i].text for i in indexes), "\n".join(lines[i].text for i in cells.get((row, 1), [])),
                    settings)) is not None:
                for i in indexes + cells.get((row, 1), []):
                    found[i] = ("org_list", "a role label in the key column of a two-column table")
                    kinds_of[i] = "key" if i in indexes else "value"
                keys.update((i, reading) for i in indexes)
    return _TableRoles(found, kinds_of, keys, frozenset(continuing), tuple(notices))


def _infer_columns(header: dict[int, str | None], text: dict[tuple[int, int], str], first_row: int,
                   same_columns: list[dict[tuple[int, int], str]], page: int, notices: list[Notice],
                   settings: Settings) -> dict[int, str | None]:
    """A header row naming some columns with known words and others with words the vocabulary
    lacks (`პერიოდი`): each unknown column is read from its cells (extract.labels), and the row is
    a header only when every column is then known."""
    inferred = dict(header)
    readings = {}
    for column, kind in header.items():
        if kind is None:
            cells = [value for table in same_columns for (row, col), value in sorted(table.items())
                     if col == column and value != text[(first_row, column)]]
            reading = column_reading(text[(first_row, column)], cells, settings)
            if reading is None:
                return header
            inferred[column], readings[column] = reading
    for column, evidence in readings.items():
        name = normalize_text(text[(first_row, column)])
        key = COLUMN_VOCABULARY.get(inferred[column])
        known = (f"To make it known, list `{name}` under `labels: {key}:` in a vocabulary file" if key
                 else "It is read from its cells in every edition: no vocabulary entry names such a column")
        notices.append(Notice(Code.INFERRED_LABEL, f"table column `{name}` read as a column of {inferred[column]}: {evidence}. "
                              f"{known}", page, name, {"label": name, "reading": f"column of {inferred[column]}"}))
    return inferred


def _column_of(columns: dict[int, str], kind: str) -> int | None:
    return next((column for column, held in columns.items() if held == kind), None)


def _dated(cell_text: str | None) -> bool:
    """A deadline cell holding one deadline printed whole (after its label, when it has one)."""
    if not cell_text:
        return False
    opening = markers().structure.match(cell_text)
    if opening is not None and opening.lastgroup in ("deadline", "label"):
        cell_text = cell_text[opening.end():]
    return reads_as_a_deadline(cell_text.strip())


def _same_columns(a: tuple[int, ...], b: tuple[int, ...], settings: Settings) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= settings.lines.snap_tolerance for x, y in zip(a, b))


# ---------------------------------------------------------------- grammar and typography

def _content_role(line: Line, marker: str | None, label: LabelMatch | None, body_size: float,
                  settings: Settings) -> tuple[LineRole, str]:
    """A body line's role, from the marks classification gave it, else from its typography."""
    if label is not None and label.kind != INFERRED:
        return "priority_label", f"opens with the label `{label.kind}`"
    if marker is not None:
        role = "org_list" if marker.startswith("role_") else MARKER_ROLES.get(marker, "body")
        return role, f"opens with a `{marker}` marker"
    if body_size and line.size >= body_size * settings.headings.heading_ratio:
        return "heading", f"printed {line.size / body_size:.2f}× the page's body size"
    return "body", ""


def _outside_the_page(lines: tuple[Line, ...], page_sizes: tuple[tuple[float, float], ...]) -> set[int]:
    """Lines drawn outside their page's box (their middle beyond an edge): a viewer clips them away."""
    outside = set()
    for index, line in enumerate(lines):
        if 0 < line.page <= len(page_sizes):
            width, height = page_sizes[line.page - 1]
            middle_x, middle_y = (line.box.x0 + line.box.x1) / 2, (line.box.top + line.box.bottom) / 2
            if not (0 <= middle_y <= height and 0 <= middle_x <= width):
                outside.add(index)
    return outside


def assign_roles(lines: tuple[Line, ...], page_sizes: tuple[tuple[float, float], ...],
                 settings: Settings = DEFAULT_SETTINGS) -> Roles:
    heights = defaultdict(lambda: settings.furniture.unknown_page_height, {i + 1: size[1] for i, size in enumerate(page_sizes)})
    outside = _outside_the_page(lines, page_sizes)
    if outside:
        # Judged without them (a header above a Letter page box is no margin line of that page),
        # then set aside with their reason.
        roles = assign_roles(tuple(line for index, line in enumerate(lines) if index not in outside), page_sizes, settings)
        evidence = "printed outside the page box (a viewer does not show it)"
        clipped = tuple(replace(lines[i], role="outside_page", evidence=evidence, reads_as=content_marker(lines[i].text))
                        for i in sorted(outside))
        return Roles(roles.lines + clipped, roles.body_sizes, roles.notices, roles.reading)
    furniture = _furniture_by_repetition(lines, heights, max(1, len(page_sizes)), settings,
                                         page_scales(page_sizes, settings.furniture.scale_tolerance))
    furniture.update(_table_of_contents(lines, furniture, settings))
    body_sizes = _page_body_sizes(lines, furniture, settings)
    furniture.update(_footnotes(lines, furniture, body_sizes, settings))
    table = _table_roles(lines, furniture, settings)
    style = Typography(body_sizes, settings)
    roled = []
    for index, line in enumerate(lines):
        cell = line.cell
        if index in table.kinds:
            key = table.keys.get(index)
            cell = replace(cell, kind=table.kinds[index], continues=index in table.continuing,
                           key_role=key.role if key else None, key_evidence=key.evidence if key else "")
        given = furniture.get(index) or table.roles.get(index)
        marker = label = reads_as = None
        if given is not None and given[0] in FURNITURE:
            reads_as = content_marker(line.text)
        else:
            marker, label = marks(line, style)
        role, evidence = given or _content_role(line, marker, label, body_sizes.get(line.page, 0.0), settings)
        # Built directly: dataclasses.replace costs three times as much, on every line of the document.
        roled.append(Line(line.box, line.text, line.size, line.bold, line.font, cell, role, evidence, line.confidence,
                          line.source, marker, label, reads_as))
    stitched = tuple(stitch_broken_rows(roled))
    body = tuple(line for line in stitched if line.role not in FURNITURE)
    return Roles(stitched, body_sizes, table.notices, reading_lines(body, body_sizes, settings))


ROW_OPENING_KINDS = frozenset({"number", "activity"})


def _opens_a_row(lines: list[Line], indexes: list[int]) -> bool:
    return any(lines[i].cell.kind in ROW_OPENING_KINDS for i in indexes)


def stitch_broken_rows(lines: list[Line]) -> list[Line]:
    """A table row broken by a page or column end, read as one row: the last row before the break
    and the first row after it, when nothing but furniture stands between them and the tables
    have the same columns, are one row if the second continues the first (`continues`: it has no
    number of its own), if the two hold different columns (the break parted the cells: a
    deadline left behind, a key cell pushed over), or if only the second holds the cells that
    open an activity (its number and text pushed over, its deadline and organisations left
    behind). The row is read column by column, each cell's rest after its beginning, so a label
    split by the page end (`… დაინტერესებული` ⏎ `მხარეები:`) is one label again."""
    rows: dict[tuple[int, int, int], list[int]] = {}
    for index, line in enumerate(lines):
        if line.cell is not None:
            rows.setdefault((line.page, line.cell.table, line.cell.row), []).append(index)
    keys = list(rows)
    merged_into: dict[tuple, tuple] = {}
    for before, after in zip(keys, keys[1:]):
        # The next row opens the next page, or the next column (printed higher on the same page),
        # with nothing but furniture read in between.
        end, start = max(rows[before]), min(rows[after])
        top_before, top_after = lines[rows[before][0]].box.top, lines[start].box.top
        moved_on = after[0] == before[0] + 1 or (after[0] == before[0] and after[1] != before[1] and top_after < top_before)
        if not moved_on or any(lines[i].role not in FURNITURE for i in range(end + 1, start)):
            continue
        first, second = lines[rows[before][0]].cell, lines[rows[after][0]].cell
        if first.columns != second.columns:
            continue
        columns_before = {lines[i].cell.column for i in rows[before]}
        columns_after = {lines[i].cell.column for i in rows[after]}
        # The row before holds no cell that opens an activity (its number, its text) and the row
        # after does: the break pushed the opening cells over, and left the rest behind.
        opened_after = not _opens_a_row(lines, rows[before]) and _opens_a_row(lines, rows[after])
        if second.continues or columns_before.isdisjoint(columns_after) or opened_after:
            merged_into[after] = merged_into.get(before, before)
    if not merged_into:
        return lines
    groups: dict[tuple, list[int]] = {}
    for after, target in merged_into.items():
        groups.setdefault(target, list(rows[target])).extend(rows[after])
    moved = {i for after in merged_into for i in rows[after]} | {i for target in groups for i in rows[target]}
    stitched = []
    for index, line in enumerate(lines):
        if line.cell is not None and (line.page, line.cell.table, line.cell.row) in groups and index == rows[(line.page, line.cell.table, line.cell.row)][0]:
            group = groups[(line.page, line.cell.table, line.cell.row)]
            stitched += [lines[i] for i in sorted(group, key=lambda i: (lines[i].cell.column, lines[i].page, i))]
        elif index not in moved:
            stitched.append(line)
    return stitched
