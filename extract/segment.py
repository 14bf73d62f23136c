"""Body lines → narrative sections and priority blocks with activities, deadlines and organisation lists."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import Mapping

import regex

from workplan.normalize.text import fold_case, join_printed_lines, normalize_text
from workplan.extract import plausibility
from workplan.extract.classify import INFERRED, Typography, block_markers, genitives, join_text, without_sub_bullet
from workplan.extract.labels import read_label
from workplan.extract.markers import role_names
from workplan.extract.ocr_corrections import misread_item_number
from workplan.extract.records import (
    ActivityRecord, BlockMarker, Box, Code, DeadlineText, LabelMatch, Line, Notice, OrgList, PriorityRecord, Section, SegmentedDocument,
)
from workplan.extract.settings import DEFAULT_SETTINGS, Settings

ACTIVITY_ROLES = frozenset({"activity_lead", "activity_member"})
# Element kinds that open an activity.
ACTIVITY_OPENERS = frozenset({"number", "bullet", "paragraph"})


def normalize_line(text: str) -> str:
    return normalize_text(text)


CLAUSE_ENDS = (":", ";", ".")


def split_sub_items(text: str) -> tuple[str, tuple[str, ...]]:
    """An activity's printed lines → its text (sub-bullet marks dropped) and its sub-items: lines
    opening with a sub-bullet mark and a word, after a line that ends a clause (`კერძოდ:`, `…;`) or
    another sub-item, each with the lines that continue it. A dash opening a line inside running
    text (`(6` ⏎ `– 15 ივლისი)`) is no sub-bullet."""
    lines = text.split("\n")
    unmarked = [without_sub_bullet(line) for line in lines]
    opening: list[int] = []
    for i, line in enumerate(lines):
        if i > 0 and unmarked[i] is not None and (lines[i - 1].rstrip().endswith(CLAUSE_ENDS) or opening):
            opening.append(i)
    if not opening:
        return join_text(text), ()
    lead = join_text("\n".join(lines[:opening[0]]))
    items = tuple(join_printed_lines("\n".join([unmarked[start]] + lines[start + 1:end]))
                  for start, end in zip(opening, opening[1:] + [len(lines)]))
    return " ".join([lead, *items]).strip(), items


# ---------------------------------------------------------------- lines → regions

@dataclass
class _Region:
    heading: str
    box: Box
    lines: list[Line] = field(default_factory=list)
    kind: str | None = None  # priority kind; None for a narrative section
    number: str | None = None
    label: str = ""
    rest: str = ""  # text after the label on the label's own line
    inferred: bool = False  # a label the vocabulary lacks: its kind is read from the block
    style: tuple = ()  # how the label line is set: size, weight, inside a table or not


# Markers of content a heading never opens with (a number or a label-shaped phrase may: `2. შესავალი`).
CONTENT_LABELS = ("deadline", "objectives", "activities", "area", "role_")


def _opens_with_content_label(line: Line) -> bool:
    return line.marker is not None and line.marker.startswith(CONTENT_LABELS)


def match_priority_label(line: Line, style: Typography) -> LabelMatch | None:
    """The priority label classification read on the line, as this reading of the document takes
    it: none on a line whose block held nothing of a block's, and a label the vocabulary lacks
    only where it is set like the document's known labels."""
    label = line.label
    if label is None or _box_key(line.box) in style.rejected:
        return None
    if label.kind == INFERRED and _style(line) not in style.label_styles:
        return None
    return label


def _style(line: Line) -> tuple[float, bool]:
    return (round(line.size, 1), line.bold)


def _box_key(box: Box) -> tuple:
    return (box.page, round(box.x0, 1), round(box.top, 1))


def known_label_styles(lines: tuple[Line, ...]) -> frozenset[tuple[float, bool]]:
    """How the document sets its known priority labels (headings already joined): what an
    unknown one must look like."""
    return frozenset(_style(line) for line in lines if line.label is not None and line.label.kind != INFERRED)


def _label_stem(label: str) -> str:
    """`თემატური სამუშაო ჯგუფი` → `თემატური სამუშაო ჯგუფ`: the label's words with its last word's
    ending open, so that its plural (`ჯგუფები`) or any case form matches."""
    words = fold_case(normalize_line(label)).split()
    return " ".join(words[:-1] + [words[-1][:-1] if len(words[-1]) > 3 else words[-1]])


def _heading_of_blocks(lines: list[Line], label: str, settings: Settings) -> int:
    """How many of the last lines before a priority label are a heading over the blocks that
    follow (0 when none): a paragraph of its own, of one to three lines, that names their kind
    (`არსებული თემატური სამუშაო ჯგუფები (TWGs)` before `თემატური სამუშაო ჯგუფი:`), opens with no
    marker and ends without punctuation, even when nothing in its typography says so."""
    if not lines or lines[-1].cell is not None:
        return 0
    pitches = [b.box.top - a.box.top for a, b in zip(lines, lines[1:]) if a.page == b.page and b.box.top > a.box.top]
    usual = sorted(pitches)[len(pitches) // 2] if pitches else 0.0

    def apart(index: int) -> bool:  # the line at `index` opens a paragraph (or a page, a column, or follows a table)
        if index == 0 or lines[index - 1].page != lines[index].page or lines[index - 1].cell is not None:
            return True
        pitch = lines[index].box.top - lines[index - 1].box.top
        return pitch <= 0 or pitch > settings.blocks.paragraph_gap_ratio * usual

    for count in range(1, min(3, len(lines)) + 1):
        first = len(lines) - count
        if lines[first].cell is not None:
            return 0  # a heading is printed outside tables: the table's last cell is the block's
        if not apart(first):
            continue
        if any(apart(i) for i in range(first + 1, len(lines))):
            return 0
        text = fold_case(join_printed_lines("\n".join(normalize_line(l.text) for l in lines[first:])))
        if _label_stem(label) in text and lines[first].marker is None and text[-1:] not in ".,;:":
            return count
        return 0
    return 0


def split_regions(lines: tuple[Line, ...], style: Typography) -> tuple[list[_Region], list[Section]]:
    """Lines as classification reads them (headings joined) → priority regions and narrative ones."""
    regions: list[_Region] = []
    orphan_headings: list[Section] = []
    for line in lines:
        label = match_priority_label(line, style)
        if label is not None:
            current = regions[-1] if regions else None
            count = _heading_of_blocks(current.lines, label.label, style.settings) if current is not None else 0
            if count:
                heading = current.lines[-count:]
                del current.lines[-count:]
                text = join_printed_lines("\n".join(normalize_line(l.text) for l in heading))
                orphan_headings.append(Section(text, "", heading[0].page, heading[0].box))
            regions.append(_Region(
                heading=normalize_line(line.text), box=line.box, kind=label.kind, number=label.number,
                label=label.label, rest=(label.rest or "").strip(), inferred=label.kind == INFERRED,
                style=(*_style(line), line.cell is not None),
            ))
        elif style.is_heading(line) and line.cell is None and not _opens_with_content_label(line):
            # A line opening with a known content label (`წევრები:`, `ვადა:`) is content whatever its
            # size (an OCR line box swollen by one misread word); a numbered heading stays a heading.
            current = regions[-1] if regions else None
            if current is not None and current.kind and not current.lines and not current.rest:
                # Right after a label: a heading naming the blocks (`ძირითადი პრიორიტეტი 1`, then
                # `ძირითადი პრიორიტეტები`) is a group heading printed beside it, any other is
                # the block's title set large under a small label. Neither ends the block.
                if _label_stem(current.label) in fold_case(normalize_line(line.text)):
                    orphan_headings.append(Section(normalize_line(line.text), "", line.page, line.box))
                else:
                    current.lines.append(line)
                continue
            if current is not None and current.kind and _title_broken_before(current, line):
                current.lines.append(line)
                continue
            regions.append(_Region(heading=normalize_line(line.text), box=line.box))
        else:
            if not regions:
                regions.append(_Region(heading="", box=line.box))
            regions[-1].lines.append(line)
    _move_titles_begun_before_a_break(regions, style)
    return regions, orphan_headings


def _after_a_break(earlier: Box, later: Box) -> bool:
    """Whether text read later than other text starts a new page or column (it stands higher)."""
    return later.page != earlier.page or later.top < earlier.top


def _title_broken_before(region: _Region, line: Line) -> bool:
    """A heading that continues the block's title over a page or column end: the block holds only
    its title so far (beside its label, or on lines of its own), set in the heading's style, and
    the heading starts a new page or column."""
    if _label_stem(region.label) in fold_case(normalize_line(line.text)):
        return False
    if region.lines:
        if region.rest:
            return False
        last, styles = region.lines[-1].box, {(l.size, l.bold, l.cell is not None) for l in region.lines}
    elif region.rest:
        last, styles = region.box, {region.style}
    else:
        return False
    return _after_a_break(last, line.box) and styles == {(line.size, line.bold, line.cell is not None)}


def _move_titles_begun_before_a_break(regions: list[_Region], style: Typography) -> None:
    """A title printed beside its label (a label cell and a title cell) that a page or column end
    broke: its first lines close the page before the label, in the title's style. They are moved
    to the title, when the block before has text of another style above them (its own title is
    never taken)."""
    for previous, region in zip(regions, regions[1:]):
        if not region.kind or region.rest or not region.lines or not previous.lines:
            continue
        title = region.lines[0]
        if title.cell is not None or not (title.bold or title.size > style.body(title)):
            continue  # a title in the body's style: nothing tells its lines from the text before

        def begins_title(line: Line) -> bool:
            return line.cell is None and (line.size, line.bold) == (title.size, title.bold) and _after_a_break(line.box, region.box)

        run = 0
        while run < len(previous.lines) and begins_title(previous.lines[-1 - run]):
            run += 1
        if 0 < run < len(previous.lines):
            region.lines[:0] = previous.lines[-run:]
            del previous.lines[-run:]


# ---------------------------------------------------------------- block text → elements

@dataclass
class _BlockText:
    """A block's printed lines joined by line breaks, with where each line starts; `folded` is the
    same text with Georgian capitals folded (same length), which the grammar is matched against."""
    text: str
    folded: str
    starts: list[int]
    boxes: list[Box]
    lines: list[Line | None]  # None for the text after the label on the label's own line

    @classmethod
    def of(cls, region: _Region) -> "_BlockText":
        pieces: list[tuple[str, Box, Line | None]] = []
        if region.rest:
            pieces.append((region.rest, region.box, None))
        pieces += [(normalize_line(l.text), l.box, l) for l in region.lines]
        starts, offset = [], 0
        for text, _, _ in pieces:
            starts.append(offset)
            offset += len(text) + 1
        text = "\n".join(t for t, _, _ in pieces)
        return cls(text, fold_case(text), starts, [b for _, b, _ in pieces], [l for _, _, l in pieces])

    def end_of(self, index: int) -> int:
        return self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)

    def line_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def last_page(self, start: int, end: int) -> int:
        """Page of the last line of the text between two offsets (a list may run onto the next page)."""
        last = max(self.line_at(start), self.line_at(max(start, end - 1)))
        return max(box.page for box in self.boxes[self.line_at(start):last + 1])

    def box(self, start: int, end: int) -> Box:
        first = self.line_at(start)
        last = max(first, self.line_at(max(start, end - 1)))
        box = self.boxes[first]
        for other in self.boxes[first + 1:last + 1]:
            box = box.union(other)
        return box


@dataclass(frozen=True)
class _Element:
    kind: str
    content: str
    box: Box
    number: str | None = None
    label: str = ""
    lines: tuple[str, ...] = ()  # the printed lines, where a table cell implied the marker
    page_end: int = 0  # page of the element's last line (its box is on the first page)
    role: str | None = None
    inferred: str = ""
    sub_items: tuple[str, ...] = ()
    reading: str = ""


def _one_label_broken(block: _BlockText, start: int, words_start: int, end: int) -> bool:
    """Whether a label-shaped phrase (`start`..`end`, its words from `words_start`) is one label:
    printed on one line, or broken inside one table cell after words that modify its last line's
    (genitives: `განხორციელების` ⏎ `ვადა:`). A line ending in another word (`კვარტალი` ⏎
    `შესრულების ვადა:`) ends the text before the label."""
    first, last = block.line_at(start), block.line_at(max(start, end - 1))
    if first == last:
        return True
    lines = block.lines[first:last + 1]
    if not all(l is not None and l.cell is not None for l in lines) or len({_cell_key(l) for l in lines}) != 1:
        return False
    return genitives(block.folded[words_start:block.starts[last]].split())


def _printed_markers(block: _BlockText) -> list[BlockMarker]:
    return block_markers(block.text, block.folded, lambda *span: _one_label_broken(block, *span))


def _cell_key(line: Line) -> tuple:
    return (line.page, line.cell.table, line.cell.row, line.cell.column)


def _cell_markers(block: _BlockText, printed: list[BlockMarker]) -> tuple[list[BlockMarker], set[int]]:
    """Markers a table's columns imply where none is printed: a cell under `ვადა` is a deadline, a
    cell under `№` an activity number, an activity cell in a row without a number an activity, a
    key cell whose label was read as a role (extract.roles) an organisation list. Returns them, and
    the printed markers they replace (a key cell's label is one label, whatever it contains)."""
    cells: dict[tuple, list[int]] = {}
    for index, line in enumerate(block.lines):
        if line is not None and line.cell is not None and line.cell.kind:
            cells.setdefault(_cell_key(line), []).append(index)
    numbered_rows = {key[:3] for key, indexes in cells.items() if block.lines[indexes[0]].cell.kind == "number"}
    implied, replaced = [], set()
    previous_number = 0  # the last item number read in a cell of this block
    for key, indexes in cells.items():
        kind = block.lines[indexes[0]].cell.kind
        start, end = block.starts[indexes[0]], block.end_of(indexes[-1])
        inside = [m for m in printed if start <= m.start < end]
        at_start = [m for m in inside if not block.folded[start:m.start].strip()]
        if block.lines[indexes[0]].cell.continues:
            # The rest of a row broken by the page end: its cells continue the row's cells (unless
            # a printed label runs on into the cell: `… დაინტერესებული` ⏎ `მხარეები:`).
            if not at_start and not any(m.start < start < m.end for m in printed):
                implied.append(BlockMarker("continue", start, start))
        elif kind == "deadline" and not any(m.kind == "deadline" for m in at_start):
            implied.append(BlockMarker("deadline", start, start, implied=True))
        elif kind == "number":
            printed_number = next((m for m in at_start if m.kind == "number"), None)
            digits = regex.match(r"\s*(\d{1,3})\.?\s*$", block.text[start:end])
            read = printed_number.number if printed_number is not None else digits.group(1) if digits else None
            following = str(previous_number + 1)
            shown = misread_item_number(block.text[start:end], read, following) if block.lines[indexes[0]].from_ocr else None
            if shown is None and read and read.isdigit():
                if printed_number is None:
                    implied.append(BlockMarker("number", start, end, number=read))
                previous_number = int(read)
            elif shown is not None:
                # The number the rows above lead to.
                if printed_number is not None:
                    replaced.add(id(printed_number))
                implied.append(BlockMarker("number", start, printed_number.end if printed_number is not None else end,
                                       number=following, label=shown,
                                       inferred=f"OCR read the item number as {shown!r} in a column of item numbers; "
                                                f"read as {following}, the number after the row above"))
                previous_number += 1
        elif kind == "activity" and key[:3] not in numbered_rows and not at_start:
            implied.append(BlockMarker("paragraph", start, start))
        elif kind == "key" and (cell := block.lines[indexes[0]].cell).key_role is not None:
            # What the key cell's label names was read once, with the table (extract.roles).
            label = join_text(block.text[start:end]).rstrip(":").strip()
            replaced.update(id(m) for m in inside)
            if not cell.key_evidence:
                implied.append(BlockMarker(f"role_{role_names().index(cell.key_role)}", start, end, label=label))
            else:
                implied.append(BlockMarker("orgs", start, end, label=label, role=cell.key_role,
                                           inferred=f"read as {cell.key_role}: {cell.key_evidence}", reading=cell.key_role))
    return implied, replaced


def _indent(line: Line, lines: list[Line | None]) -> float:
    """How far a line starts right of its column's left edge: the leftmost start among the lines
    of its page that share some of its width (a page break or a second column moves the edge)."""
    column = [l.box.x0 for l in lines if l is not None and l.page == line.page and l.box.x0 < line.box.x1 and line.box.x0 < l.box.x1]
    return line.box.x0 - min(column, default=line.box.x0)


def _outdented_markers(block: _BlockText, printed: list[BlockMarker], settings: Settings) -> list[BlockMarker]:
    """A line printed left of the deadline it follows begins a new paragraph: an activity printed
    without a number (`- ვადა: 2021` indented, then the next activity at the margin), also when a
    page break falls between them."""
    implied = []
    starts = sorted(m.start for m in printed)
    for marker in printed:
        if marker.kind != "deadline":
            continue
        first = block.line_at(marker.start)
        opening = block.lines[first]
        if opening is None or opening.cell is not None:
            continue
        following = [s for s in starts if s > marker.start]
        stop = block.line_at(following[0]) if following else len(block.lines)
        for index in range(first + 1, stop):
            line = block.lines[index]
            if line is None or line.cell is not None:
                break
            if _indent(line, block.lines) < _indent(opening, block.lines) - settings.blocks.outdent_ratio * opening.size:
                implied.append(BlockMarker("paragraph", block.starts[index], block.starts[index]))
                break
    return implied


NUMBERED = frozenset({"number", "bullet"})


def _cell_end(block: _BlockText, offset: int) -> int:
    """Where the table cell holding the offset ends; outside tables, where the next table begins
    (a label printed above a table governs none of its cells: they say what they hold)."""
    first = block.line_at(offset)
    line = block.lines[first]
    if line is None or line.cell is None:
        table = next((i for i in range(first + 1, len(block.lines))
                      if block.lines[i] is not None and block.lines[i].cell is not None), None)
        return len(block.text) if table is None else block.end_of(table - 1)
    last = first
    while last + 1 < len(block.lines) and block.lines[last + 1] is not None and block.lines[last + 1].cell is not None \
            and _cell_key(block.lines[last + 1]) == _cell_key(line):
        last += 1
    return block.end_of(last)


def read_labels(block: _BlockText, printed: list[BlockMarker], settings: Settings) -> list[BlockMarker]:
    """Labels the vocabulary lacks, read from what follows them (extract.labels): each becomes
    the marker its content shows, or is dropped (its words stay in the text they stand in)."""
    result: list[BlockMarker] = []
    for index, marker in enumerate(printed):
        if marker.kind != "label":
            result.append(marker)
            continue
        following = printed[index + 1] if index + 1 < len(printed) else None
        end = min(following.start if following else len(block.text), _cell_end(block, marker.start))
        reading = read_label(marker.label, join_text(block.text[marker.end:end]),
                             following is not None and following.kind in NUMBERED and not block.text[marker.end:following.start].strip(),
                             settings)
        if reading is None:
            continue
        kind = "orgs" if reading.kind == "org_list" else reading.kind
        result.append(BlockMarker(kind, marker.start, marker.end, None, marker.label, role=reading.role,
                              inferred=f"read as {reading.role or reading.kind}: {reading.evidence}",
                              reading=reading.role or reading.kind))
    return result


def elements_of(block: _BlockText, settings: Settings = DEFAULT_SETTINGS) -> tuple[str, list[_Element]]:
    """The text before the first marker (the title), and each marker with the text it governs."""
    printed = read_labels(block, _printed_markers(block), settings)
    implied, replaced = _cell_markers(block, printed)
    found = [m for m in printed if id(m) not in replaced] + implied
    found += _outdented_markers(block, found, settings)
    found.sort(key=lambda m: (m.start, m.end))
    head_end = found[0].start if found else len(block.text)
    elements: list[_Element] = []
    columns: list[str | None] = []  # the table column each element began in
    for index, marker in enumerate(found):
        end = found[index + 1].start if index + 1 < len(found) else len(block.text)
        sub_items: tuple[str, ...] = ()
        if marker.end > end:
            content = ""
        elif marker.kind in ACTIVITY_OPENERS or marker.kind == "activities":
            content, sub_items = split_sub_items(block.text[marker.end:end])
        else:
            content = join_text(block.text[marker.end:end])
        box = block.box(marker.start, max(end, marker.end))
        page_end = block.last_page(marker.start, max(end, marker.end))
        line = block.lines[block.line_at(marker.start)]
        column = line.cell.kind if line is not None and line.cell is not None else None
        # An activity's text begins at its number and runs on into the activity column.
        column = "activity" if column == "number" else column
        lines = tuple(block.text[marker.end:end].split("\n")) if marker.implied or marker.kind == "continue" else ()
        kind = marker.kind
        if kind == "continue":
            # The rest of a cell begun on the page before: appended to the element begun in the
            # same column since the row began, else the cell opens its column's element.
            row_start = max((i for i, e in enumerate(elements) if e.kind in ACTIVITY_OPENERS), default=-1)
            target = next((i for i in range(len(elements) - 1, row_start - 1, -1) if columns[i] == column), None)
            if target is not None:
                previous = elements[target]
                elements[target] = _Element(previous.kind, join_text(previous.content + " " + content), previous.box,
                                            previous.number, previous.label, previous.lines + lines if previous.lines else (),
                                            max(previous.page_end, page_end))
                continue
            kind = "deadline" if column == "deadline" else "paragraph"
        elements.append(_Element(kind, content, box, marker.number, marker.label, lines if kind == "deadline" else (), page_end,
                                 marker.role, marker.inferred, sub_items, marker.reading))
        columns.append(column)
    return join_text(block.text[:head_end]), elements


# ---------------------------------------------------------------- elements → records

@dataclass
class _Activity:
    number: str | None
    text: str
    box: Box
    deadlines: list[DeadlineText] = field(default_factory=list)
    org_lists: list[OrgList] = field(default_factory=list)
    sub_items: tuple[str, ...] = ()

    def freeze(self) -> ActivityRecord:
        return ActivityRecord(self.number, self.text, self.box, tuple(self.deadlines), tuple(self.org_lists), self.sub_items)


def _announces_items(activity: _Activity) -> bool:
    """Whether an activity's own text ends with a colon that announces a list (`…, კერძოდ:`), and
    nothing but that list's items has followed it yet."""
    if activity.deadlines or activity.org_lists:
        return False
    items = " ".join(activity.sub_items)
    lead = activity.text[:len(activity.text) - len(items)] if items else activity.text
    return lead.rstrip().endswith(":")


def build_priority(region: _Region, notices: list[Notice], settings: Settings = DEFAULT_SETTINGS) -> PriorityRecord:
    block = _BlockText.of(region)
    title, elements = elements_of(block, settings)
    activities: list[_Activity] = []
    org_lists: list[OrgList] = []
    gcm_raw = area = area_text = None
    roles = role_names()
    where = f"{region.label} {region.number or ''}".strip()
    for element in elements:
        kind, content, box = element.kind, element.content, element.box
        if element.inferred and kind == "number":
            notices.append(Notice(Code.OCR_CORRECTED, f"{where}: {element.inferred}", box.page, element.label,
                                  {"read": element.label}))
        elif element.inferred:
            notices.append(Notice(Code.INFERRED_LABEL, f"`{element.label}:` {element.inferred}; to make it known, list "
                                  f"`{element.label}` under `labels: {element.role or element.kind}:` in a vocabulary file",
                                  box.page, element.label, {"label": element.label, "reading": element.reading}))
        if kind == "orgs":
            kind = f"role_{role_names().index(element.role)}" if element.role in role_names() else "other_role"
        if kind == "activities":
            if content:
                activities.append(_Activity(None, content, box, sub_items=element.sub_items))
        elif kind == "number":
            activities.append(_Activity(element.number, content, box, sub_items=element.sub_items))
        elif kind == "bullet" and content and activities and _announces_items(activities[-1]):
            # Bullets after an activity that ends by announcing them (`…, კერძოდ:`) are its items.
            activities[-1].sub_items += (content,)
            activities[-1].text = f"{activities[-1].text} {content}"
            continue
        elif kind in ("bullet", "paragraph"):
            # A bullet that is not a deadline or a role is an activity printed without a number.
            if content:
                activities.append(_Activity(None, content, box, sub_items=element.sub_items))
        elif kind == "deadline":
            if activities:
                activities[-1].deadlines.append(DeadlineText(content, box, element.lines))
            else:
                notices.append(Notice(Code.DEADLINE_OUTSIDE_ACTIVITY, f"{where}: a deadline printed before any activity", box.page, content))
        elif kind.startswith("role_") or kind == "other_role":
            role = element.role or roles[int(kind.split("_")[1])]
            org_list = OrgList(role, element.label, content, box, max(box.page, element.page_end))
            if role in ACTIVITY_ROLES and activities:
                activities[-1].org_lists.append(org_list)
            else:
                if role in ACTIVITY_ROLES:
                    notices.append(Notice(Code.ROLE_OUTSIDE_ACTIVITY, f"{where}: an activity role printed before any activity", box.page, content))
                org_lists.append(org_list)
        elif kind == "objectives":
            gcm_raw = content
        elif kind == "area":
            area, area_text = int(element.number), content
    if not title:
        notices.append(Notice(Code.MISSING_TITLE, f"{where}: no title printed", region.box.page, region.heading))
    if not activities:
        notices.append(Notice(Code.NO_ACTIVITIES, f"{where}: no activities found", region.box.page, title[:120]))
    page_end = max([region.box.page] + [l.page for l in region.lines])
    return PriorityRecord(
        kind=region.kind, number=region.number, label=region.label, title=title, box=region.box, page_end=page_end,
        activities=tuple(a.freeze() for a in activities), org_lists=tuple(org_lists),
        gcm_raw=gcm_raw, thematic_area=area, thematic_area_text=area_text,
    )


# Roles (extract.roles) of what only a priority block holds: a narrative section holding them has
# taken in a block whose label went unread.
BLOCK_ROLES = frozenset({"deadline", "org_list", "objectives", "thematic_area"})


def block_text_in_section(region: _Region) -> Notice | None:
    """The warning for a section that holds a block's deadlines, organisation lists, GCM objectives
    or thematic area (None when it holds none): its activities are in the section's text."""
    found = [line for line in region.lines if line.role in BLOCK_ROLES]
    if not found:
        return None
    heading = region.heading or "before the first heading"
    return Notice(Code.BLOCK_TEXT_IN_SECTION, f"section `{heading[:80]}` holds {len(found)} lines only a priority block "
                  "holds (deadlines, organisation lists, GCM objectives, thematic areas): the label of the block they "
                  "belong to was not read, and its text is in `sections`, not in `activities`", found[0].page,
                  normalize_line(found[0].text)[:120], {"section": region.heading, "lines": len(found)})


def build_section(region: _Region) -> Section:
    paragraphs = [normalize_line(l.text) for l in region.lines]
    return Section(region.heading, join_text("\n".join(paragraphs)), region.box.page, region.box)


def holds_a_block(priority: PriorityRecord) -> bool:
    """Whether a labelled block holds anything a priority block holds."""
    return bool(priority.activities or priority.org_lists or priority.gcm_raw or priority.thematic_area is not None)


def kind_from_block(priority: PriorityRecord) -> tuple[str, str]:
    """The kind of a block whose label the vocabulary lacks, from what it holds: a thematic area
    and the block's own organisation lists → a thematic working group; a thematic area and lists
    inside its activities → a thematic priority; no thematic area → a core priority."""
    own_lists = bool(priority.org_lists)
    activity_lists = any(a.org_lists for a in priority.activities)
    if priority.thematic_area is not None:
        if own_lists or not activity_lists:
            return "thematic_working_group", "a thematic area and organisation lists of the block's own"
        return "thematic_priority", "a thematic area and organisation lists inside its activities"
    return "core_priority", "no thematic area"


def segment(lines: tuple[Line, ...], body_sizes: Mapping[int, float], settings: Settings = DEFAULT_SETTINGS) -> SegmentedDocument:
    style = Typography(body_sizes, settings, label_styles=known_label_styles(lines))
    unsupported: list[Notice] = []  # labels whose blocks held nothing, read as text
    while True:
        notices: list[Notice] = []
        regions, orphan_headings = split_regions(lines, style)
        priorities, rejected = [], set()
        built = [(region, build_priority(region, notices, settings)) for region in regions if region.kind]
        # A known label is evidence, not proof: met in prose, it opens a block its content does not
        # support, and is set unlike the labels whose blocks hold something.
        supported = {region.style for region, priority in built if not region.inferred and holds_a_block(priority)}
        for region, priority in built:
            if not region.inferred and not holds_a_block(priority) and region.style not in supported:
                rejected.add(_box_key(region.box))
                unsupported.append(Notice(Code.UNSUPPORTED_LABEL, f"`{region.label}` opens no block here: nothing of a "
                                          "block follows it (no activities, organisation lists, GCM objectives or thematic "
                                          "area); read as text", region.box.page, region.heading))
                continue
            if region.inferred:
                if not priority.activities:
                    rejected.add(_box_key(region.box))
                    continue
                kind, why = kind_from_block(priority)
                priority = replace(priority, kind=kind)
                notices.append(Notice(Code.INFERRED_LABEL, f"`{region.label} {region.number}` read as a {kind.replace('_', ' ')} label: "
                                      f"set like the document's priority labels, numbered, over activities; {why}. To make it known, "
                                      f"list `{region.label}` under `groups: {kind}:` in a vocabulary file", region.box.page, region.heading,
                                      {"label": region.heading, "reading": f"{kind.replace('_', ' ')} label"}))
            priorities.append(priority)
        if not rejected:
            break
        style = replace(style, rejected=style.rejected | frozenset(rejected))
    notices += unsupported + plausibility.check(tuple(priorities), settings)
    sections = list(orphan_headings)
    sections += [build_section(region) for region in regions if not region.kind]
    notices += [n for n in (block_text_in_section(region) for region in regions if not region.kind) if n is not None]
    sections.sort(key=lambda s: s.page_start)
    return SegmentedDocument(tuple(sections), tuple(priorities), tuple(notices))
