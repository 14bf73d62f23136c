"""Records passed between stages: frozen dataclasses, enum-like fields as Literal."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, Mapping, get_args

# Every value list of the product is declared here once, as a Literal; its tuple is derived from it.
PriorityKind = Literal["core_priority", "thematic_working_group", "thematic_priority"]
PRIORITY_KINDS: tuple[PriorityKind, ...] = get_args(PriorityKind)
# The roles a label gives the organisations listed under it; `other`: a label whose role could not be read.
ListRole = Literal["lead", "co_lead", "member", "observer", "activity_lead", "activity_member"]
LIST_ROLES: tuple[ListRole, ...] = get_args(ListRole)
Role = Literal[ListRole, "other"]
ROLES: tuple[Role, ...] = get_args(Role)
# What a line is: furniture set aside from the body, or a part of the body.
SetAsideRole = Literal["running_header", "running_footer", "page_number", "footnote", "table_header", "outside_page",
                       "table_of_contents"]
SET_ASIDE_ROLES: tuple[SetAsideRole, ...] = get_args(SetAsideRole)
BodyRole = Literal["priority_label", "activity", "deadline", "org_list", "objectives", "thematic_area", "heading", "body"]
LineRole = Literal[SetAsideRole, BodyRole]
# Where a line's text came from: the PDF's text layer, or OCR of the page's image.
Source = Literal["text_layer", "ocr"]
Engine = Literal["pdfplumber", "pdfium"]
ENGINES: tuple[Engine, ...] = get_args(Engine)
OcrMode = Literal["auto", "never", "force"]
OCR_MODES: tuple[OcrMode, ...] = get_args(OcrMode)
# A deadline's parts: the unit of the printed period, and how it bounds the work.
Granularity = Literal["day", "month", "quarter", "half", "year"]
GRANULARITIES: tuple[Granularity, ...] = get_args(Granularity)
Qualifier = Literal["by", "before", "continuation", "ongoing"]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
GcmScope = Literal["listed", "all", "cross_cutting", "none"]
GCM_SCOPES: tuple[GcmScope, ...] = get_args(GcmScope)


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
    # A key cell (`kind == "key"`): the role its label names, and how a label the vocabulary lacks
    # was read from the value cell beside it (empty for a known role label).
    key_role: str | None = None
    key_evidence: str = ""

@dataclass(frozen=True, slots=True)
class BlockMarker:
    """Where an element of a block begins (extract.classify, extract.segment): a marker printed in
    the block's text (its kind is the structure pattern's group: `deadline`, `number`, `role_3`,
    `label`, …), or one a table cell's column implies (`implied`). `end` is where the element's own
    text begins; `number` the activity or thematic area number it prints; `label` a label as
    printed; for a label the vocabulary lacks, the role it was read as, how (`inferred`, for its
    warning) and what (`reading`: a role, a kind)."""
    kind: str
    start: int
    end: int
    number: str | None = None
    label: str = ""
    implied: bool = False
    role: str | None = None
    inferred: str = ""
    reading: str = ""


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A priority label opening a line, its parts as printed (extract.classify): `kind` a priority
    kind, or `inferred` for a label only shaped like one, until its block tells."""
    kind: str
    label: str
    number: str | None
    rest: str | None

@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of text with its layout; `cell` when printed inside a ruled table; its role
    (extract.roles) and the evidence for it once roles are assigned; where its text came from, and
    OCR's confidence in it (None where it has no words of OCR's)."""
    box: Box
    text: str
    size: float
    bold: bool
    font: str
    cell: CellRef | None = None
    role: str = "body"
    evidence: str = ""
    confidence: float | None = None  # OCR's mean word confidence (0–100)
    source: Source = "text_layer"
    # Marks of classification (extract.classify), read by roles and segmentation:
    marker: str | None = None  # the kind of the structure marker the line opens with
    label: LabelMatch | None = None  # the priority label it opens with (known, or only its shape)
    reads_as: str | None = None  # set aside: the content its text holds (a deadline, a list), if any

    @property
    def page(self) -> int:
        return self.box.page

    @property
    def from_ocr(self) -> bool:
        return self.source == "ocr"

class Code(str, Enum):
    """What a `warnings` row is about: code reads this, never a message."""
    # --- the file and its text layer (extract.pdf_lines)
    DAMAGED_STREAM = "damaged_stream"  # a content stream is corrupt or breaks off: text after it is lost
    PAGE_COUNT = "page_count"  # the page tree's /Count disagrees with the pages it holds
    REPAIRED = "repaired"  # read from a copy qpdf repaired
    LEGACY_FONT = "legacy_font"  # a legacy Georgian font's Latin letters converted to Unicode
    TURNED_TEXT = "turned_text"  # text drawn rotated or mirrored
    TEXT_LAYER = "text_layer"  # a broken text layer read as printed (--ocr never)
    NO_TEXT_LAYER = "no_text_layer"  # a page without a usable text layer skipped (--ocr never)
    PAGE_CUT_SHORT = "page_cut_short"  # the engine read only part of a page's letters
    OCR = "ocr"  # a page read by OCR
    OCR_CORRECTED = "ocr_corrected"  # something OCR misread, put right
    FOREIGN_LANGUAGE = "foreign_language"  # pages mostly in another language than the document's
    # --- structure (extract.roles, extract.segment, extract.plausibility)
    INFERRED_LABEL = "inferred_label"  # a label the vocabulary lacks, read from its content
    UNSUPPORTED_LABEL = "unsupported_label"  # a known label whose content supports no block, read as text
    IMPLAUSIBLE_STRUCTURE = "implausible_structure"  # blocks whose shape says a label was misread
    MISSING_TITLE = "missing_title"
    NO_ACTIVITIES = "no_activities"
    DEADLINE_OUTSIDE_ACTIVITY = "deadline_outside_activity"
    ROLE_OUTSIDE_ACTIVITY = "role_outside_activity"
    MISSING_NUMBER = "missing_number"  # a priority printed without its number
    DUPLICATE_PRIORITY = "duplicate_priority"
    BLOCK_TEXT_IN_SECTION = "block_text_in_section"  # a block's deadlines or lists in a section: its label went unread
    READING_DISPUTED = "reading_disputed"  # the document's tags group or order printed words otherwise than they were read
    # --- normalisation (normalize)
    DEADLINE = "deadline"  # a deadline the grammar could not read whole
    GCM_OBJECTIVES = "gcm_objectives"
    ORGANIZATION = "organization"  # an organisation minted, or a list read with doubt
    # --- coverage (workplan.coverage)
    SET_ASIDE_CONTENT = "set_aside_content"  # furniture that reads as content
    UNASSIGNED_TEXT = "unassigned_text"  # printed words that reached no table


@dataclass(frozen=True)
class Notice:
    """Something the pipeline noticed and could not settle: becomes a `warnings` row. `data` holds
    what code needs of it (how an inferred label was read, say), so that no one parses `message`."""
    code: Code
    message: str
    page: int | None = None
    context: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict, hash=False)

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
