"""Records passed between stages: frozen dataclasses, enum-like fields as Literal."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PriorityKind = Literal["core_priority", "thematic_working_group", "thematic_priority"]
Role = Literal["lead", "co_lead", "member", "observer", "activity_lead", "activity_member", "other"]


@dataclass(frozen=True, slots=True)
class Box:
    """Where a record was printed: page (1-based) and bbox in PDF points."""
    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: "Box") -> "Box":
        if other.page != self.page:
            return self
        return Box(self.page, min(self.x0, other.x0), min(self.top, other.top), max(self.x1, other.x1), max(self.bottom, other.bottom))

@dataclass(frozen=True, slots=True)
class CellRef:
    """Where in a ruled table a line was printed: the page's table, row and column (0-based), how
    many columns the table has, where each cell of the row begins (points, rounded) and, once
    roles are assigned, what the column holds."""
    table: int
    row: int
    column: int
    columns: int
    row_starts: tuple[int, ...] = ()
    kind: str | None = None  # what the column holds, from the table's header row (extract.roles)
    continues: bool = False  # the row continues the last row of the page before

@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of text with its layout; `cell` when printed inside a ruled table; its role
    (extract.roles) and the evidence for it once roles are assigned; OCR's confidence in it."""
    box: Box
    text: str
    size: float
    bold: bool
    font: str
    cell: CellRef | None = None
    role: str = "body"
    evidence: str = ""
    confidence: float | None = None  # OCR's mean word confidence (0–100); None for a text layer

    @property
    def page(self) -> int:
        return self.box.page

@dataclass(frozen=True)
class Notice:
    """Something the pipeline noticed and could not settle: becomes a `warnings` row."""
    code: str
    message: str
    page: int | None = None
    context: str | None = None

@dataclass(frozen=True)
class DeadlineText:
    raw: str
    box: Box
    # The printed lines of a table cell under `ვადა` printed without labels: it may stack several.
    stacked_lines: tuple[str, ...] = ()

@dataclass(frozen=True)
class OrgList:
    role: Role
    label: str
    text: str
    box: Box  # on the page where the list begins
    page_end: int  # page of its last line

@dataclass(frozen=True)
class ActivityRecord:
    number_printed: str | None
    text: str
    box: Box
    deadlines: tuple[DeadlineText, ...] = ()
    org_lists: tuple[OrgList, ...] = ()
    sub_items: tuple[str, ...] = ()  # texts printed after sub-bullet marks, also the end of `text`

@dataclass(frozen=True)
class PriorityRecord:
    kind: PriorityKind
    number: str | None
    label: str
    title: str
    box: Box
    page_end: int
    activities: tuple[ActivityRecord, ...] = ()
    org_lists: tuple[OrgList, ...] = ()
    gcm_raw: str | None = None
    thematic_area: int | None = None
    thematic_area_text: str | None = None

@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    page_start: int
    box: Box | None = None  # the heading (or the first line, for text before any heading)

@dataclass(frozen=True)
class SegmentedDocument:
    sections: tuple[Section, ...]
    priorities: tuple[PriorityRecord, ...]
    notices: tuple[Notice, ...] = field(default=())
