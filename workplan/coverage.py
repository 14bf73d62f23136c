"""Body lines and the written tables → how much of the printed text reached a table, and which
lines fell short (each becomes a warning with its page and text).

Measured on words (letters and digits): every word of a body line must occur in a table's text
or be a word of the document's structural phrases (labels, column headers), which segmentation
consumes. Set-aside lines (running headers, page numbers, footnotes, table headers) are counted
apart, by role.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from workplan.extract.markers import structure_words
from workplan.extract.records import Code, Line, Notice
from workplan.normalize.text import printed_words

# The columns where printed text is stored, by table.
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "sections": ("heading", "text"),
    "priorities": ("label", "number", "title", "gcm_objectives_raw", "thematic_area_text"),
    "activities": ("number_printed", "text"),
    "deadlines": ("raw",),
    "org_lists": ("label", "text"),
}


@dataclass(frozen=True)
class Coverage:
    chars_printed: int
    chars_set_aside: int
    share: float  # of the body's letters and digits, the share in words that reached a table
    notices: tuple[Notice, ...]


def stored_words(rows: Mapping[str, list[dict]]) -> set[str]:
    """The words of the text stored in the tables' rows."""
    found: set[str] = set()
    for name, columns in TEXT_COLUMNS.items():
        for row in rows.get(name, ()):
            for column in columns:
                found.update(printed_words(row.get(column)))
    return found


def measure(body: Iterable[Line], set_aside: Iterable[Line], rows: Mapping[str, list[dict]],
            inferred_labels: Iterable[str] = (), unread_letters: int = 0) -> Coverage:
    """`inferred_labels`: texts read and consumed but not stored as printed: labels the vocabulary
    lacks that segmentation read, and what OCR read where a correction was stored;
    `unread_letters`: letters printed on pages the engine read only in part, which never reached a
    line (counted as printed and lost, so coverage cannot look whole)."""
    found = stored_words(rows) | structure_words() | {w for label in inferred_labels for w in printed_words(label)}
    notices = []
    aside = 0
    for line in set_aside:
        aside += sum(len(w) for w in printed_words(line.text))
        if line.reads_as:
            notices.append(Notice(Code.SET_ASIDE_CONTENT, f"a line that reads as {line.reads_as} was set aside as {line.role.replace('_', ' ')} "
                                  f"({line.evidence})", line.page, line.text))
    total = lost = 0
    for line in body:
        line_words = printed_words(line.text)
        missing = [w for w in line_words if w not in found]
        total += sum(len(w) for w in line_words)
        lost += sum(len(w) for w in missing)
        if missing:
            notices.append(Notice(Code.UNASSIGNED_TEXT, f"{len(missing)} of {len(line_words)} words of this line reached no table: "
                                  f"{' '.join(missing[:8])}", line.page, line.text))
    total, lost = total + unread_letters, lost + unread_letters
    return Coverage(total + aside, aside, 1.0 - lost / total if total else 1.0, tuple(notices))
