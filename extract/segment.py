"""Body lines → narrative sections and priority blocks with activities, deadlines and organisation lists."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from normalize.text import normalize_text
from extract.markers import bullet_class, line_opening, markers, role_names
from extract.records import (
    ActivityRecord, Box, DeadlineText, Line, Notice, OrgList, PriorityRecord, Section, SegmentedDocument,
)

# Larger by this much, a line stands out even without bold (OCR line heights vary by a few percent).
EMPHASIS_SIZE_RATIO = 1.15
# A heading is printed this much larger than the body text.
HEADING_SIZE_RATIO = 1.25
# Consecutive emphasised lines of one style closer than this many line heights are one wrapped
# heading; up to the wider gap they are joined only when together they form a priority label.
HEADING_WRAP_GAP = 1.2
HEADING_LABEL_GAP = 3.0
ACTIVITY_ROLES = frozenset({"activity_lead", "activity_member"})
# `კოვიდ-19-` at a line end continues with `ის` on the next: no space between.
HYPHEN_BREAK = regex.compile(r"(?<=[\p{L}\d])-\n(?=\p{L})")
LEADING_BULLET = regex.compile(rf"^(?:\s|{bullet_class()})+")


def normalize_line(text: str) -> str:
    return normalize_text(text)


def join_text(text: str) -> str:
    """Printed lines of one element → one string."""
    text = HYPHEN_BREAK.sub("-", text)
    return LEADING_BULLET.sub("", " ".join(text.split()))


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


def _is_heading(line: Line, body_size: float) -> bool:
    return line.size >= body_size * HEADING_SIZE_RATIO


def _is_emphasised(line: Line, body_size: float) -> bool:
    return line.bold or line.size >= body_size * EMPHASIS_SIZE_RATIO


def _continues_heading(previous: Line, line: Line, body_size: float) -> bool:
    gap = line.box.top - previous.box.bottom
    if not 0 <= gap < HEADING_LABEL_GAP * max(line.size, previous.size):
        return False
    # A priority label broken over two lines (`ძირითადი` / `პრიორიტეტი 1`), whatever its typography.
    joined = Line(previous.box, previous.text + " " + line.text, line.size, line.bold, line.font)
    if match_priority_label(previous, body_size) is None and match_priority_label(joined, body_size) is not None:
        return True
    # A heading wrapped over lines of one emphasised style.
    same_style = (previous.size, previous.bold) == (line.size, line.bold) and _is_emphasised(line, body_size)
    return same_style and gap < HEADING_WRAP_GAP * line.size


def merge_heading_lines(lines: list[Line], body_size: float) -> list[Line]:
    """Join a heading broken over several lines (`ძირითადი` / `პრიორიტეტი 1`) into one line."""
    merged: list[Line] = []
    for line in lines:
        previous = merged[-1] if merged else None
        if previous is not None and previous.page == line.page and _continues_heading(previous, line, body_size):
            box = Box(line.page, min(previous.box.x0, line.box.x0), previous.box.top, max(previous.box.x1, line.box.x1), line.box.bottom)
            merged[-1] = Line(box, previous.text + " " + line.text, line.size, line.bold, line.font)
        else:
            merged.append(line)
    return merged


def match_priority_label(line: Line, body_size: float) -> tuple[str, regex.Match] | None:
    text = normalize_line(line.text)
    for label in markers().priority_labels:
        match = label.pattern.match(text)
        if not match:
            continue
        # A numbered label inside running prose is not a heading: it must stand alone or be emphasised.
        if "number" in match.groupdict() and match.group("rest") is None and not _is_emphasised(line, body_size):
            if len(text) > len(match.group(0).strip()) + 2:
                continue
        return label.kind, match
    return None


def split_regions(lines: list[Line], body_size: float) -> tuple[list[_Region], list[Section]]:
    regions: list[_Region] = []
    orphan_headings: list[Section] = []
    for line in merge_heading_lines(lines, body_size):
        label = match_priority_label(line, body_size)
        if label is not None:
            kind, match = label
            groups = match.groupdict()
            regions.append(_Region(
                heading=normalize_line(line.text), box=line.box, kind=kind, number=groups.get("number"),
                label=normalize_line(match.group("label")), rest=(groups.get("rest") or "").strip(),
            ))
        elif _is_heading(line, body_size):
            current = regions[-1] if regions else None
            # A section title printed between a priority label and its title (`ძირითადი პრიორიტეტი 1`,
            # then `ძირითადი პრიორიტეტები`) does not end the block.
            if current is not None and current.kind and not current.lines and not current.rest:
                orphan_headings.append(Section(normalize_line(line.text), "", line.page))
                continue
            regions.append(_Region(heading=normalize_line(line.text), box=line.box))
        else:
            if not regions:
                regions.append(_Region(heading="", box=line.box))
            regions[-1].lines.append(line)
    return regions, orphan_headings


# ---------------------------------------------------------------- block text → elements

@dataclass
class _BlockText:
    text: str
    starts: list[int]
    boxes: list[Box]

    @classmethod
    def of(cls, region: _Region) -> "_BlockText":
        pieces: list[tuple[str, Box]] = []
        if region.rest:
            pieces.append((region.rest, region.box))
        pieces += [(normalize_line(l.text), l.box) for l in region.lines]
        starts, offset = [], 0
        for text, _ in pieces:
            starts.append(offset)
            offset += len(text) + 1
        return cls("\n".join(t for t, _ in pieces), starts, [b for _, b in pieces])

    def box(self, start: int, end: int) -> Box:
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(first, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        box = self.boxes[first]
        for other in self.boxes[first + 1:last + 1]:
            box = box.union(other)
        return box


@dataclass(frozen=True)
class _Element:
    kind: str
    match: regex.Match | None
    content: str
    box: Box


def _kind_of(match: regex.Match) -> str:
    # Each alternative of the structure pattern is one named group enclosing any others: it closes last.
    return match.lastgroup


def elements_of(block: _BlockText) -> tuple[str, list[_Element]]:
    """The text before the first marker (the title), and each marker with the text it governs."""
    matches = list(markers().structure.finditer(block.text))
    head_end = matches[0].start() if matches else len(block.text)
    elements = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(block.text)
        elements.append(_Element(_kind_of(match), match, join_text(block.text[match.end():end]), block.box(match.start(), end)))
    return join_text(block.text[:head_end]), elements


# ---------------------------------------------------------------- elements → records

@dataclass
class _Activity:
    number: str | None
    text: str
    box: Box
    deadlines: list[DeadlineText] = field(default_factory=list)
    org_lists: list[OrgList] = field(default_factory=list)

    def freeze(self) -> ActivityRecord:
        return ActivityRecord(self.number, self.text, self.box, tuple(self.deadlines), tuple(self.org_lists))


def build_priority(region: _Region, notices: list[Notice]) -> PriorityRecord:
    block = _BlockText.of(region)
    title, elements = elements_of(block)
    activities: list[_Activity] = []
    org_lists: list[OrgList] = []
    gcm_raw = area = area_text = None
    roles = role_names()
    where = f"{region.label} {region.number or ''}".strip()
    for element in elements:
        kind, content, box = element.kind, element.content, element.box
        if kind == "activities":
            if content:
                activities.append(_Activity(None, content, box))
        elif kind == "number":
            activities.append(_Activity(element.match.group("num"), content, box))
        elif kind == "bullet":
            # A bullet that is not a deadline or a role is an activity printed without a number.
            if content:
                activities.append(_Activity(None, content, box))
        elif kind == "deadline":
            if activities:
                activities[-1].deadlines.append(DeadlineText(content, box))
            else:
                notices.append(Notice("deadline_outside_activity", f"{where}: a deadline printed before any activity", box.page, content))
        elif kind.startswith("role_"):
            role = roles[int(kind.split("_")[1])]
            label = regex.sub(line_opening(), "", normalize_line(element.match.group(0))).rstrip(":").strip()
            org_list = OrgList(role, label, content, box)
            if role in ACTIVITY_ROLES and activities:
                activities[-1].org_lists.append(org_list)
            else:
                if role in ACTIVITY_ROLES:
                    notices.append(Notice("role_outside_activity", f"{where}: an activity role printed before any activity", box.page, content))
                org_lists.append(org_list)
        elif kind == "objectives":
            gcm_raw = content
        elif kind == "area":
            area, area_text = int(element.match.group("area_n")), content
    if not title:
        notices.append(Notice("missing_title", f"{where}: no title printed", region.box.page, region.heading))
    if not activities:
        notices.append(Notice("no_activities", f"{where}: no activities found", region.box.page, title[:120]))
    page_end = max([region.box.page] + [l.page for l in region.lines])
    return PriorityRecord(
        kind=region.kind, number=region.number, label=region.label, title=title, box=region.box, page_end=page_end,
        activities=tuple(a.freeze() for a in activities), org_lists=tuple(org_lists),
        gcm_raw=gcm_raw, thematic_area=area, thematic_area_text=area_text,
    )


def build_section(region: _Region) -> Section:
    paragraphs = [normalize_line(l.text) for l in region.lines]
    return Section(region.heading, join_text("\n".join(paragraphs)), region.box.page)


def segment(lines: tuple[Line, ...], body_size: float) -> SegmentedDocument:
    notices: list[Notice] = []
    regions, orphan_headings = split_regions(list(lines), body_size)
    sections = list(orphan_headings)
    priorities = []
    for region in regions:
        if region.kind:
            priorities.append(build_priority(region, notices))
        else:
            sections.append(build_section(region))
    sections.sort(key=lambda s: s.page_start)
    return SegmentedDocument(tuple(sections), tuple(priorities), tuple(notices))
