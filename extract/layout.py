"""Characters and rulings of one page → text lines in reading order.

Ruled tables are found from the page's ruling lines (pdfplumber's table finder steps, run on the
rulings either engine reports) and read row by row, cell by cell, each line keeping its cell.
The remaining text is cut recursively at its widest empty strip (an XY cut): a vertical cut is a
gutter between text columns, read left column first; a horizontal cut separates blocks read top
to bottom. What cannot be cut further is grouped into lines as printed.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Iterable, Sequence

from workplan.extract.engines import Char, Rule, make_rule
from workplan.extract.records import Box, CellRef, Line
from workplan.extract.settings import DEFAULT_SETTINGS, Settings


# ---------------------------------------------------------------- tables from rulings

@dataclass(frozen=True)
class Grid:
    """A ruled table: its cells by row, left to right (None where a spanning cell covers); or a
    panel, a shaded or framed box around text (one cell, read as one block, not as a table)."""
    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[tuple[float, float, float, float] | None, ...], ...]
    panel: bool = False


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict:
    """An edge as pdfplumber's table finder takes it."""
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "rule"}


def _edges(rules: Iterable[Rule]) -> list[dict]:
    edges = []
    for r in rules:
        if r.x0 == r.x1 and r.top == r.bottom:
            continue
        if r.top == r.bottom:
            edges.append(_edge(r.x0, r.top, r.x1, r.top, "h"))
        elif r.x0 == r.x1:
            edges.append(_edge(r.x0, r.top, r.x0, r.bottom, "v"))
        else:  # a rectangle: its four sides
            edges += [_edge(r.x0, r.top, r.x1, r.top, "h"), _edge(r.x0, r.bottom, r.x1, r.bottom, "h"),
                      _edge(r.x0, r.top, r.x0, r.bottom, "v"), _edge(r.x1, r.top, r.x1, r.bottom, "v")]
    return edges


def _closing_edges(edges: list[dict], settings: Settings) -> list[dict]:
    """A table broken by a page end is drawn without the rule that would close it: where two or
    more vertical rules end level with no horizontal rule there, draw that rule across them."""
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    tolerance = settings.lines.snap_tolerance
    closing = []
    for end in ("top", "bottom"):
        groups: list[list[dict]] = []
        for edge in sorted(vertical, key=lambda e: e[end]):
            if groups and edge[end] - groups[-1][0][end] <= tolerance:
                groups[-1].append(edge)
            else:
                groups.append([edge])
        for group in groups:
            for table in _joined_by_rules(sorted(group, key=lambda e: e["x0"]), horizontal, tolerance):
                if len(table) < 2:
                    continue
                y = statistics.median(e[end] for e in table)
                x0, x1 = table[0]["x0"], table[-1]["x0"]
                covered = [h for h in horizontal if abs(h["top"] - y) <= tolerance and h["x0"] <= x0 + tolerance and h["x1"] >= x1 - tolerance]
                if not covered:
                    closing.append(_edge(x0, y, x1, y, "h"))
    return closing


def _joined_by_rules(vertical: list[dict], horizontal: list[dict], tolerance: float) -> list[list[dict]]:
    """Vertical rules, left to right, in runs where each neighbour pair is crossed by one horizontal
    rule: the rules of one table (two tables side by side, in two columns, stay apart)."""
    def crossed(a: dict, b: dict) -> bool:
        return any(h["x0"] <= a["x0"] + tolerance and h["x1"] >= b["x0"] - tolerance
                   and a["top"] - tolerance <= h["top"] <= a["bottom"] + tolerance
                   and b["top"] - tolerance <= h["top"] <= b["bottom"] + tolerance for h in horizontal)
    runs: list[list[dict]] = []
    for edge in vertical:
        if runs and crossed(runs[-1][-1], edge):
            runs[-1].append(edge)
        else:
            runs.append([edge])
    return runs


def _touching_groups(rules: Sequence[Rule], tolerance: float) -> list[list[Rule]]:
    """Rules in groups that touch (within the tolerance): the rules of one table, or of one box.
    Tables side by side are found apart, so that snapping one's rules never moves the other's."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(rules)), key=lambda i: rules[i].x0)
    for position, i in enumerate(order):
        a = rules[i]
        for j in order[position + 1:]:
            b = rules[j]
            if b.x0 > a.x1 + tolerance:
                break
            if b.top <= a.bottom + tolerance and a.top <= b.bottom + tolerance:
                parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return list(groups.values())


def _open_rows(groups: list[list[Rule]], settings: Settings) -> list[list[Rule]]:
    """A table row longer than the page, broken at its top and at its bottom, is drawn as vertical
    rules alone, all from one height to another, none touching a horizontal rule: closed at both
    ends, they are one row of cells."""
    lone = [group[0] for group in groups if len(group) == 1 and group[0].x0 == group[0].x1 and group[0].bottom > group[0].top]
    tolerance = settings.lines.snap_tolerance
    rows: list[list[Rule]] = []
    for rule in sorted(lone, key=lambda r: (r.top, r.bottom)):
        for row in rows:
            if abs(row[0].top - rule.top) <= tolerance and abs(row[0].bottom - rule.bottom) <= tolerance:
                row.append(rule)
                break
        else:
            rows.append([rule])
    closed = []
    for row in rows:
        if len(row) >= settings.lines.open_row_rules:
            left, right = min(r.x0 for r in row), max(r.x0 for r in row)
            top, bottom = statistics.median(r.top for r in row), statistics.median(r.bottom for r in row)
            thin = settings.text_layer.thin_rule
            closed.append(row + [make_rule(left, top, right, top, thin), make_rule(left, bottom, right, bottom, thin)])
    return closed


def find_grids(rules: Sequence[Rule], settings: Settings = DEFAULT_SETTINGS) -> list[Grid]:
    """Tables of two or more cells formed by the rulings, top to bottom."""
    if len(rules) < 2:
        return []
    from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    grids = []
    groups = _touching_groups(rules, settings.lines.snap_tolerance)
    for group in groups + _open_rows(groups, settings):
        if len(group) < 2:
            continue
        edges = merge_edges(_edges(group), settings.lines.snap_tolerance, settings.lines.snap_tolerance,
                            settings.lines.join_tolerance, settings.lines.join_tolerance)
        edges += _closing_edges(edges, settings)
        tolerance = settings.lines.intersection_tolerance
        cells = intersections_to_cells(edges_to_intersections(edges, tolerance, tolerance))
        for cell_group in cells_to_tables(cells):
            table = Table(None, cell_group)
            grids.append(Grid(tuple(table.bbox), tuple(tuple(row.cells) for row in table.rows)))
    return sorted(grids, key=lambda g: (g.bbox[1], g.bbox[0]))


# ---------------------------------------------------------------- characters → lines

def _inked(chars: Iterable[Char]) -> list[Char]:
    return [c for c in chars if not c.text.isspace()]


def _cluster_rows(chars: Iterable[Char], settings: Settings) -> list[list[Char]]:
    rows: list[list[Char]] = []
    ratio = settings.lines.baseline_tolerance_ratio
    first: Char | None = None  # the first glyph of the current row
    # Compared at a hundredth of a point: two engines compute the same baseline with different
    # rounding noise, and a line height can put two baselines exactly the tolerance apart (then
    # they are two rows).
    for char in sorted(chars, key=lambda c: c.baseline):
        if first is not None and _same_row(char.baseline - first.baseline,
                                           ratio * (char.size if char.size > first.size else first.size)):
            rows[-1].append(char)
        else:
            rows.append([char])
            first = char
    return [sorted(row, key=lambda c: c.x0) for row in rows]


def _same_row(distance: float, tolerance: float) -> bool:
    """`distance < tolerance` compared at a hundredth of a point (rounding only when it can matter)."""
    if distance < tolerance - 0.02:
        return True
    if distance > tolerance + 0.02:
        return False
    return round(distance, 2) < round(tolerance, 2)


def _row_text(row: list[Char], settings: Settings) -> str:
    parts: list[str] = []
    previous: Char | None = None
    for char in row:
        if char.text.isspace() and char.x1 <= char.x0:
            continue  # a space known by its position only (pdfium): the gap it sits in speaks for it
        if (char.text.isspace() and previous is not None and char.x0 < previous.x1 - settings.lines.word_gap
                and char.x0 < previous.x0 + settings.lines.word_gap):
            # A space printed where the glyph before it begins (drawn before that glyph, sorted
            # after it by position): it parts nothing; a gap beside it still reads as one. A space
            # after a glyph's own advance is kept, however wide the font claims the glyph to be.
            continue
        if previous is not None and char.x0 - previous.x1 > settings.lines.word_gap and not (char.text.isspace() or previous.text.isspace()):
            parts.append(" ")
        parts.append(char.text)
        previous = char
    return "".join(parts)


def _extent(inked: list[Char]) -> tuple[float, float, float, float]:
    """Leftmost x0, rightmost x1, highest and lowest baseline of glyphs, in one pass (rows are
    many, their glyphs few: four passes cost more than one)."""
    first = inked[0]
    x0, x1, highest, lowest = first.x0, first.x1, first.baseline, first.baseline
    for c in inked:
        if c.x0 < x0:
            x0 = c.x0
        if c.x1 > x1:
            x1 = c.x1
        if c.baseline < highest:
            highest = c.baseline
        elif c.baseline > lowest:
            lowest = c.baseline
    return x0, x1, highest, lowest


def weighted_median(pairs: list[tuple[float, int]]) -> float:
    """The median of values each repeated `weight` times (as `statistics.median` of the expanded list)."""
    first = pairs[0][0]
    if all(value == first for value, _ in pairs):
        return first
    ordered = sorted(pairs)
    total = sum(weight for _, weight in ordered)
    low_index, high_index = (total - 1) // 2, total // 2
    low = high = None
    seen = 0
    for value, weight in ordered:
        seen += weight
        if low is None and seen > low_index:
            low = value
        if seen > high_index:
            high = value
            break
    return low if low_index == high_index else (low + high) / 2


def line_of_row(row: list[Char], page_number: int, bold_font, cell: CellRef | None = None,
                settings: Settings = DEFAULT_SETTINGS) -> Line | None:
    """The characters of one printed row, left to right → a line (None when nothing is inked)."""
    inked = _inked(row)
    if not inked:
        return None
    # Each glyph counts once, whether it came alone or in a run.
    fonts: dict[str, int] = {}
    for c in inked:
        fonts[c.font] = fonts.get(c.font, 0) + len(c.text)
    size = round(weighted_median([(c.size, len(c.text)) for c in inked]), 1)
    x0, x1, highest, lowest = _extent(inked)
    font = max(fonts, key=fonts.__getitem__)  # the first of the most used, as Counter.most_common
    p = settings.lines.precision
    box = Box(page_number, round(x0, p), round(highest - size, p), round(x1, p), round(lowest + settings.lines.descent_ratio * size, p))
    return Line(box=box, text=_row_text(row, settings).strip(), size=size, bold=bold_font(font),
                font=font.split("+", 1)[-1], cell=cell)


def lines_of(chars: Iterable[Char], page_number: int, bold_font, cell: CellRef | None = None,
             settings: Settings = DEFAULT_SETTINGS) -> list[Line]:
    """Characters of one block → its text lines, top to bottom."""
    rows = (line_of_row(row, page_number, bold_font, cell, settings) for row in _cluster_rows(chars, settings))
    return [line for line in rows if line is not None]


# ---------------------------------------------------------------- reading order

@dataclass
class _Item:
    """A piece of the page to order: a run of characters on one row, or a whole table."""
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    chars: list[Char]
    grid: Grid | None = None
    row: int = -1  # the printed row the run belongs to
    # Where the run's first and last glyphs are in the page's content stream (-1: unknown).
    first: int = -1
    last: int = -1


def _row_segments(row: list[Char], settings: Settings) -> list[_Item]:
    """One printed row cut where two glyphs are a gutter apart with nothing between them but a
    trailing space (one that hugs the glyph before it). Justified text stretches the gaps around
    its spaces; a column may end with a space, and a gutter follows it."""
    segments: list[list[Char]] = [[]]
    last_ink: Char | None = None
    spaces: list[Char] = []  # space glyphs since the last inked glyph
    for char in row:
        if char.text.isspace():
            spaces.append(char)
        else:
            if last_ink is not None:
                gutter = settings.lines.gutter_ratio * (char.size if char.size > last_ink.size else last_ink.size)
                if not spaces:
                    split = char.x0 - last_ink.x1 > gutter
                else:
                    trailing = spaces[0].x0 - last_ink.x1 <= settings.lines.word_gap
                    split = trailing and char.x0 - spaces[-1].x1 > gutter
                if split:
                    segments.append([])
            last_ink, spaces = char, []
        segments[-1].append(char)
    items = []
    for segment in segments:
        inked = _inked(segment)
        if not inked:
            continue
        x0, x1, highest, lowest = _extent(inked)
        size = max(c.size for c in inked)
        items.append(_Item(x0, highest - size, x1, lowest + settings.lines.descent_ratio * size, size, segment))
    return items


def _gaps(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Empty stretches between the union of the intervals."""
    gaps = []
    intervals = sorted(intervals)
    reach = intervals[0][1]
    for start, end in intervals[1:]:
        if start > reach:
            gaps.append((reach, start))
        if end > reach:
            reach = end
    return gaps


def _vertical_cut(items: list[_Item], settings: Settings) -> float | None:
    """The x of the widest gutter: empty from top to bottom of two or more rows, wide enough, with
    text of a real column's width on either side."""
    if all(i.grid is None for i in items) and max(i.top for i in items) < min(i.bottom for i in items):
        return None  # one printed row: read left to right (a justified gap is no gutter)
    gaps = _gaps([(i.x0, i.x1) for i in items])
    if not gaps:
        return None
    left, right = min(i.x0 for i in items), max(i.x1 for i in items)
    width = right - left
    size = statistics.median([i.size for i in items if i.grid is None] or [max(i.size for i in items)])
    best: tuple[float, float] | None = None
    ruled = {round(edge, 1) for i in items if i.grid is not None for edge in (i.x0, i.x1)}
    for start, end in gaps:
        # Beside a table or a panel, its own rule is the gutter: any gap will do.
        if end - start < settings.lines.gutter_ratio * size and not ({round(start, 1), round(end, 1)} & ruled):
            continue
        if min(start - left, right - end) < settings.lines.column_min_share * width:
            continue
        if _between_words(items, start, end, settings):
            continue
        if best is None or end - start > best[1] - best[0]:
            best = (start, end)
    return None if best is None else (best[0] + best[1]) / 2


def _between_words(items: list[_Item], start: float, end: float, settings: Settings) -> bool:
    """A gap between the words of justified rows, not a gutter between columns: on every row that
    has text on both sides, a space glyph ends the text before the gap, and the text after it
    either comes next in the content stream (a column is written after the column before it,
    not row by row across the page) or starts at a different x on each row (a column's rows
    share its left edge; stretched spaces fall wherever each row's words end)."""
    before: dict[int, _Item] = {}  # row → its last run before the gap
    after: dict[int, _Item] = {}  # row → its first run after it
    for item in items:
        if item.x1 <= start:
            side, nearer = before, item.row not in before or item.x1 > before[item.row].x1
        elif item.x0 >= end:
            side, nearer = after, item.row not in after or item.x0 < after[item.row].x0
        else:
            continue
        if item.grid is not None:
            return False  # beside a table or a panel: its side is the gutter
        if nearer:
            side[item.row] = item
    starts, written_on = [], True
    for row in before.keys() & after.keys():
        if not before[row].chars[-1].text.isspace():
            return False
        starts.append(after[row].x0)
        written_on = written_on and after[row].first == before[row].last + 1
    starts.sort()
    aligned = any(b - a <= settings.lines.column_edge_tolerance for a, b in zip(starts, starts[1:]))
    return bool(starts) and (written_on or not aligned)


def _beside_a_box(items: list[_Item], x: float) -> bool:
    """A box (a panel or table) on one side of a gutter holds, from its top to its bottom, all the
    text on the other side, and the box's side goes on above or below it: the box and the text
    beside it are one band of the page (a shaded label cell beside a title, then the list under
    both), read before what follows, not as two columns."""
    left = [i for i in items if i.x1 <= x]
    right = [i for i in items if i.x0 >= x]
    for side, other in ((left, right), (right, left)):
        if len(side) < 2:
            continue  # the box alone on its side: nothing of its side goes on after it
        top, bottom = min(i.top for i in other), max(i.bottom for i in other)
        if any(box.grid is not None and box.top <= top and bottom <= box.bottom for box in side):
            return True
    return False


def _horizontal_cut(items: list[_Item]) -> float | None:
    gaps = _gaps([(i.top, i.bottom) for i in items])
    if not gaps:
        return None
    start, end = max(gaps, key=lambda g: g[1] - g[0])
    return (start + end) / 2


def _xy_cut(items: list[_Item], settings: Settings) -> list[list[_Item]]:
    """Items → leaves in reading order: columns left to right, blocks top to bottom."""
    if len(items) <= 1:
        return [items]
    x = _vertical_cut(items, settings)
    # A box with the text beside it is one band: cut below it first, when the page allows.
    y = _horizontal_cut(items) if x is None or _beside_a_box(items, x) else None
    if y is None and x is not None:
        return _xy_cut([i for i in items if i.x1 <= x], settings) + _xy_cut([i for i in items if i.x0 >= x], settings)
    if y is not None:
        return _xy_cut([i for i in items if i.bottom <= y], settings) + _xy_cut([i for i in items if i.top >= y], settings)
    return [items]


def _inside(char: Char, bbox: tuple[float, float, float, float]) -> bool:
    middle_x = (char.x0 + char.x1) / 2
    middle_y = char.baseline - char.size / 3
    return bbox[0] <= middle_x <= bbox[2] and bbox[1] <= middle_y <= bbox[3]


def _grid_lines(grid: Grid, chars: list[Char], page_number: int, table_index: int, bold_font,
                settings: Settings) -> list[Line]:
    lines = []
    columns = max(len(row) for row in grid.rows)
    for row_index, row in enumerate(grid.rows):
        for column_index, cell in enumerate(row):
            if cell is None:
                continue
            inside = [c for c in chars if _inside(c, cell)]
            ref = CellRef(table_index, row_index, column_index, columns, tuple(round(c[0]) for c in row if c is not None))
            lines += lines_of(inside, page_number, bold_font, ref, settings)
    return lines


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def find_panels(rules: Sequence[Rule], grids: Sequence[Grid], chars: Sequence[Char]) -> list[Grid]:
    """Boxes drawn around text outside any table (a shaded label cell, a framed paragraph): each is
    read as one block. A box holding another rule, or most of the page's text (a page
    background), is no panel."""
    boxes = [r for r in rules if r.x1 > r.x0 and r.bottom > r.top]
    panels = []
    for box in boxes:
        bbox = (box.x0, box.top, box.x1, box.bottom)
        if any(_overlaps(bbox, g.bbox) for g in grids) or any(
                other is not box and bbox[0] <= other.x0 and other.x1 <= bbox[2] and bbox[1] <= other.top and other.bottom <= bbox[3]
                for other in rules):
            continue
        inside = sum(1 for c in chars if _inside(c, bbox))
        if 0 < inside <= len(chars) / 2 and not any(_overlaps(bbox, p.bbox) for p in panels):
            panels.append(Grid(bbox, ((bbox,),), panel=True))
    return panels


def _segment_text(segment: _Item) -> str:
    return "".join(c.text for c in segment.chars).strip()


def find_aligned_tables(segment_rows: list[list[_Item]], settings: Settings = DEFAULT_SETTINGS) -> list[tuple[Grid, list[int]]]:
    """Tables drawn without rules: a printed row whose every run is a different column name (`№`,
    `აქტივობა`, `ვადა`) is a header, its runs' left edges are the columns, and the rows under it belong to the
    table while each of their runs keeps within one column. A table row begins where the first
    column holds text, or after a wider gap than between the lines of a cell. Returns each table
    with the printed rows it took."""
    from workplan.extract.markers import is_column_name

    found = []
    index = 0
    while index < len(segment_rows):
        header = segment_rows[index]
        names = [_segment_text(s) for s in header]
        # Distinct names: the same name in every column (`აქტივობები:` atop two columns of text) is
        # a page set in parallel columns, not a table's header.
        if len(header) < 2 or not all(is_column_name(name) for name in names) or len(set(names)) < len(names):
            index += 1
            continue
        starts = [s.x0 for s in header]
        tolerance = settings.lines.snap_tolerance
        taken = [index]
        following = index + 1
        while following < len(segment_rows) and segment_rows[following]:
            row = segment_rows[following]
            previous = segment_rows[taken[-1]]
            gap = min(s.top for s in row) - max(s.bottom for s in previous)
            if row[0].x0 < starts[0] - tolerance or gap > settings.lines.aligned_row_gap_ratio * row[0].size:
                break
            if any(s.x0 < edge - tolerance < s.x1 - tolerance for s in row for edge in starts[1:]):
                break  # a run across a column edge: the text after the table
            taken.append(following)
            following += 1
        if len(taken) > 1:
            found.append((_aligned_grid(segment_rows, taken, starts, settings), taken))
            index = following
        else:
            index += 1
    return found


def _aligned_grid(segment_rows: list[list[_Item]], taken: list[int], starts: list[float], settings: Settings) -> Grid:
    """The cells of a table without rules: columns from the header's runs, rows from where the
    first column holds text or a wider gap opens."""
    tops = [min(s.top for s in segment_rows[i]) for i in taken]
    bottoms = [max(s.bottom for s in segment_rows[i]) for i in taken]
    pitch = sorted(b - a for a, b in zip(tops, tops[1:]))[len(tops[1:]) // 2] if len(tops) > 2 else 0.0
    groups: list[list[int]] = []
    for position, i in enumerate(taken):
        first_column = any(s.x0 < starts[1] - settings.lines.snap_tolerance for s in segment_rows[i])
        wide_gap = position > 0 and pitch and tops[position] - tops[position - 1] > settings.blocks.paragraph_gap_ratio * pitch
        if not groups or position == 1 or first_column or wide_gap:
            groups.append([position])
        else:
            groups[-1].append(position)
    right = max(s.x1 for i in taken for s in segment_rows[i]) + 1
    edges = [x - 1 for x in starts] + [right]
    rows = []
    for number, group in enumerate(groups):
        top = tops[group[0]] - 1 if number == 0 else (bottoms[groups[number - 1][-1]] + tops[group[0]]) / 2
        bottom = bottoms[group[-1]] + 1 if number == len(groups) - 1 else (bottoms[group[-1]] + tops[groups[number + 1][0]]) / 2
        rows.append(tuple((edges[c], top, edges[c + 1], bottom) for c in range(len(starts))))
    return Grid((edges[0], rows[0][0][1], right, rows[-1][0][3]), tuple(rows))


def page_lines(chars: Sequence[Char], rules: Sequence[Rule], page_number: int, bold_font,
               settings: Settings = DEFAULT_SETTINGS) -> list[Line]:
    """The text lines of one page in reading order."""
    grids = find_grids(rules, settings)
    grids += find_panels(rules, grids, chars)
    in_grid: list[list[Char]] = [[] for _ in grids]
    free: list[Char] = []
    for char in chars:
        for index, grid in enumerate(grids):
            if _inside(char, grid.bbox):
                in_grid[index].append(char)
                break
        else:
            free.append(char)
    segment_rows = [_row_segments(row, settings) for row in _cluster_rows(free, settings)]
    for grid, rows_taken in find_aligned_tables(segment_rows, settings):
        grids.append(grid)
        in_grid.append([c for index in rows_taken for segment in segment_rows[index] for c in segment.chars])
        for index in rows_taken:
            segment_rows[index] = []
    stream_order = {id(char): position for position, char in enumerate(free)}
    items = []
    for index, segments in enumerate(segment_rows):
        for segment in segments:
            segment.row = index
            segment.first, segment.last = stream_order[id(segment.chars[0])], stream_order[id(segment.chars[-1])]
            items.append(segment)
    for grid, grid_chars in zip(grids, in_grid):
        items.append(_Item(*grid.bbox, size=0.0, chars=grid_chars, grid=grid))
    if not items:
        return []
    lines: list[Line] = []
    for leaf in _xy_cut(items, settings):
        # The runs of one row left in one leaf are one line again (rows are already clustered).
        rows: dict[int, list[Char]] = {}
        for item in sorted((i for i in leaf if i.grid is None), key=lambda i: (i.row, i.x0)):
            rows.setdefault(item.row, []).extend(item.chars)
        lines += [line for row in rows.values() if (line := line_of_row(row, page_number, bold_font, None, settings))]
        for item in leaf:
            if item.grid is not None and item.grid.panel:
                lines += lines_of(item.chars, page_number, bold_font, None, settings)
            elif item.grid is not None:
                lines += _grid_lines(item.grid, item.chars, page_number, grids.index(item.grid), bold_font, settings)
    return lines
