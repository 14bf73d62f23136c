"""The one place where a line's text is matched against the grammar: the marker it opens with
(`ვადა:`, `1.`, a role label, a label-shaped phrase), the priority label it opens with (known to the
vocabulary, or only shaped like one), the content marker a set-aside line holds, and the headings
broken over lines, joined before they are matched; and the markers printed inside a block's joined
text, which may run over lines (`block_markers`). Roles (extract.roles), segmentation
(extract.segment) and coverage read these marks instead of matching the grammar themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Mapping

import regex

from workplan.extract.labels import LabelReading, key_cell_reading
from workplan.extract.markers import (
    bullet_class, candidates, label_morphology, label_phrases, line_opening, markers, printed_number, role_label_alone,
    structure_phrases, sub_bullet_mark,
)
from workplan.extract.records import BlockMarker, Box, LabelMatch, Line
from workplan.extract.settings import DEFAULT_SETTINGS, Settings
from workplan.normalize.text import fold_case, join_printed_lines, normalize_text
from workplan.normalize.vocabulary import per_vocabulary

INFERRED = "inferred"  # the kind of a priority label read from its shape, until its block tells
# Markers whose text set aside as furniture would be a deadline or a list lost.
CONTENT_MARKERS = ("deadline", "objectives", "role_")


@dataclass(frozen=True)
class Typography:
    """Typography judged against the body text of each page (extract.roles), never a fixed size."""
    body_sizes: Mapping[int, float]
    settings: Settings = DEFAULT_SETTINGS
    label_styles: frozenset[tuple[float, bool]] = frozenset()  # (size, bold) of the known priority labels
    rejected: frozenset[tuple] = frozenset()  # label lines whose block held nothing of a block's

    def body(self, line: Line) -> float:
        return self.body_sizes.get(line.page) or line.size

    def is_heading(self, line: Line) -> bool:
        return line.size >= self.body(line) * self.settings.headings.heading_ratio

    def is_emphasised(self, line: Line) -> bool:
        return line.bold or line.size >= self.body(line) * self.settings.headings.emphasis_ratio


# A priority-shaped label the vocabulary lacks: a word or three and a number (`ინიციატივა 1`,
# `ინიციატივა 2: …`), set like the document's known priority labels.
@per_vocabulary
def generic_priority_label() -> regex.Pattern:
    """The shape of such a label, in the letters of the language in force (`Workstream 1` in English)."""
    from workplan.normalize.languages import pack
    from workplan.normalize.vocabulary import active

    word = rf"\p{{Script={pack(active().language).script}}}+"
    return regex.compile(
        rf"^\s*(?P<label>{word}(?:\s+{word}){{0,2}})\s+(?P<number>\d{{1,2}}(?:\.\d{{1,2}})*)\.?"
        r"(?:\s*:\s*(?P<rest>.*)|\s+[–—-]\s+(?P<rest2>.*))?$", regex.DOTALL)


def opening_marker(text: str) -> str | None:
    """The kind of the structure marker a text opens with (`deadline`, `number`, `role_3`, `label`, …)."""
    match = markers().structure.match(fold_case(normalize_text(text)))
    return match.lastgroup if match is not None else None


@per_vocabulary
def _content_label_openings() -> frozenset[tuple[str, ...]]:
    """The first words (three or more: fewer open prose as often) of every label of content: role
    labels, deadline labels, GCM objectives labels, folded as lines are."""
    data = structure_phrases()
    phrases = [p for entry in data["role_labels"] for p in entry["phrases"]] + data["deadline_label"] + data["objectives_label"]
    words = [fold_case(normalize_text(p)).split() for p in phrases]
    return frozenset(tuple(w[:n]) for w in words for n in range(3, len(w) + 1))


def opens_content_label(text: str) -> bool:
    """Whether a text opens with a label of content (a deadline, an organisation list, GCM
    objectives), whole or broken at the line's end after three of its words or more
    (`მიგრაციის ქსელი და წამყვანი` ⏎ `დაინტერესებული მხარეები:`)."""
    if (opening_marker(text) or "").startswith(CONTENT_MARKERS):
        return True
    words = tuple(fold_case(normalize_text(text)).rstrip(":").split())
    return words in _content_label_openings()


def content_marker(text: str) -> str | None:
    """What a text holds that only content holds, anywhere in it: `deadline`, `objectives`, or
    `an organisation list` (a role label); None when nothing."""
    match = markers().structure.search(fold_case(normalize_text(text)))
    if match and match.lastgroup.startswith(CONTENT_MARKERS):
        return "an organisation list" if match.lastgroup.startswith("role_") else match.lastgroup
    return None


def known_label(line: Line, style: Typography) -> LabelMatch | None:
    """A priority label of the vocabulary opening the line. A numbered label inside running prose
    is no heading: it stands alone, before a colon, or emphasised."""
    text = normalize_text(line.text)
    folded = fold_case(text)  # labels set in Georgian capitals match as their letters
    for label in markers().priority_labels:
        match = label.pattern.match(folded)
        if not match:
            continue
        groups = match.groupdict()
        if "number" in groups and match.group("rest") is None and not style.is_emphasised(line):
            if len(text) > len(match.group(0).strip()) + 2:
                continue
        rest = text[match.start("rest"):match.end("rest")] if groups.get("rest") is not None else None
        return LabelMatch(label.kind, text[match.start("label"):match.end("label")], groups.get("number"), rest)
    return None


def _label_shape(text: str) -> LabelMatch | None:
    """A priority label the vocabulary lacks, known by its shape: words and a number, alone or
    before a colon and a title (segmentation takes it where it is set like the known labels)."""
    match = generic_priority_label().match(fold_case(text))
    if match is None:
        return None
    part = "rest" if match.group("rest") is not None else "rest2"
    rest = text[match.start(part):match.end(part)] if match.group(part) is not None else None
    return LabelMatch(INFERRED, text[match.start("label"):match.end("label")], match.group("number"), rest)


def marks(line: Line, style: Typography) -> tuple[str | None, LabelMatch | None]:
    """A body line's opening marker and its priority label (known, else its shape where it opens
    with no marker)."""
    marker = opening_marker(line.text)
    label = known_label(line, style)
    if label is None and marker is None:
        label = _label_shape(normalize_text(line.text))
    return marker, label


def marked(line: Line, style: Typography) -> Line:
    marker, label = marks(line, style)
    return replace(line, marker=marker, label=label)


# ---------------------------------------------------------------- headings broken over lines

def join_two_lines(first: str, second: str) -> str:
    """Two printed lines of one heading → one line, joined as printed lines are."""
    return join_printed_lines(first + "\n" + second)


def same_cell(a: Line, b: Line) -> bool:
    return a.cell is None and b.cell is None or (
        a.cell is not None and b.cell is not None and (a.page, a.cell.table, a.cell.row, a.cell.column) == (b.page, b.cell.table, b.cell.row, b.cell.column))


def _same_size(a: Line, b: Line, settings: Settings) -> bool:
    if not (a.from_ocr and b.from_ocr):
        return a.size == b.size
    return abs(a.size - b.size) <= settings.ocr.ocr_same_size * max(a.size, b.size)


@per_vocabulary
def _folded_label_phrases() -> tuple[str, ...]:
    return tuple(fold_case(normalize_text(phrase)) for phrase in label_phrases())


def _may_begin_label(text: str) -> bool:
    """Whether a line joined to the next could open with a priority label: its text is a start of
    a label phrase, or begins with one. A cheap necessary condition (its last characters left out:
    joining may recompose them), checked before joining every pair of lines."""
    head = fold_case(normalize_text(text))[:-2]
    return any(phrase.startswith(head) or head.startswith(phrase) for phrase in _folded_label_phrases())


def _is_label_phrase(text: str) -> bool:
    """The words of a priority label without its number: a label still being printed."""
    folded = fold_case(normalize_text(text)).rstrip(" :")
    return any(folded == fold_case(phrase) for phrase in label_phrases())


def _continues_heading(previous: Line, line: Line, style: Typography) -> bool:
    gap = line.box.top - previous.box.bottom
    # Boxes of tightly set lines overlap a little (line height below the box height).
    below = gap >= -0.5 * min(line.size, previous.size)
    if not same_cell(previous, line) or not below or gap >= style.settings.headings.heading_label_gap * max(line.size, previous.size):
        return False
    # `აქტივობები:` printed in the title's style opens the list; it does not continue the title.
    if line.marker is not None:
        return False
    # A priority label broken over lines (`ძირითადი` / `პრიორიტეტი 1`, or `ძირითადი` / `პრიორიტეტი` / `1`
    # in a narrow cell), whatever its typography.
    if _may_begin_label(previous.text):
        joined = replace(line, box=previous.box, text=join_two_lines(previous.text, line.text), cell=None, role="body",
                         evidence="", confidence=None)
        previous_known = previous.label is not None and previous.label.kind != INFERRED
        if not previous_known and (known_label(joined, style) is not None or _is_label_phrase(joined.text)):
            return True
    # A heading wrapped over lines of one emphasised style.
    same_style = _same_size(previous, line, style.settings) and previous.bold == line.bold and style.is_emphasised(line)
    return same_style and gap < style.settings.headings.heading_wrap_gap * line.size


def _lower(a: float | None, b: float | None) -> float | None:
    """The confidence of two lines joined: the lower one (None for a text layer)."""
    return b if a is None else a if b is None else min(a, b)


def reading_lines(lines: tuple[Line, ...], body_sizes: Mapping[int, float],
                  settings: Settings = DEFAULT_SETTINGS) -> tuple[Line, ...]:
    """Body lines, each already `marked` → the lines segmentation reads: a heading broken over
    several lines (`ძირითადი` / `პრიორიტეტი 1`) joined into one line, marked afresh."""
    style = Typography(body_sizes, settings)
    merged: list[Line] = []
    for line in lines:
        previous = merged[-1] if merged else None
        if previous is not None and previous.page == line.page and _continues_heading(previous, line, style):
            box = Box(line.page, min(previous.box.x0, line.box.x0), previous.box.top, max(previous.box.x1, line.box.x1), line.box.bottom)
            merged[-1] = marked(replace(line, box=box, text=join_two_lines(previous.text, line.text),
                                        confidence=_lower(previous.confidence, line.confidence)), style)
        else:
            merged.append(line)
    return tuple(merged)


def read_body(lines: tuple[Line, ...], body_sizes: Mapping[int, float],
              settings: Settings = DEFAULT_SETTINGS) -> tuple[Line, ...]:
    """Body lines not yet marked (printed lines of a test, say) → the lines segmentation reads."""
    style = Typography(body_sizes, settings)
    return reading_lines(tuple(marked(line, style) for line in lines), body_sizes, settings)


def genitives(words: list[str]) -> bool:
    """Whether every word is in the genitive (the language's `genitive_endings`): words that modify
    the label word after them (`შესრულების ვადა:`) and belong to the label."""
    endings = tuple(label_morphology()["genitive_endings"])
    return all(word.endswith(endings) for word in words)


def _known_inside(folded: str, match: regex.Match) -> list[regex.Match]:
    """A known marker printed after the first words of a label-shaped phrase: `• ქვე-აქტივობა
    ვადა:` is an item (its bullet) and its deadline, unless the words before the known label are
    genitives that modify it (`შესრულების ვადა:` is one label)."""
    inner = markers().structure.search(folded, match.start("label_words") + 1, match.end())
    if inner is None or inner.lastgroup == "label":
        return []
    before = folded[match.start("label_words"):inner.start()].split()
    if before and genitives(before):
        return []
    opening = markers().structure.match(folded, match.start(), match.start("label_words"))
    return ([opening] if opening is not None and opening.lastgroup == "bullet" else []) + [inner]


def block_markers(text: str, folded: str, one_label: Callable[[int, int, int], bool]) -> list[BlockMarker]:
    """Every marker printed in a block's joined text (`folded`: the same text case-folded), in
    order; of markers that overlap, the first. A label-shaped phrase counts only where
    `one_label(start, start of its words, end)` says it is one label (its lines' geometry decides:
    extract.segment), and a known marker after its first words is read as itself."""
    matches, covered = [], 0  # covered: where the last marker taken ends; one begun before it is inside it
    for match in candidates(folded):
        if match.start() < covered:
            continue
        if match.lastgroup == "label" and not one_label(match.start(), match.start("label_words"), match.end()):
            continue  # not one label: the next line is read afresh
        matches += (_known_inside(folded, match) or [match]) if match.lastgroup == "label" else [match]
        covered = match.end()
    found = []
    for match in matches:
        # Each alternative of the structure pattern is one named group enclosing any others: it closes last.
        kind = match.lastgroup
        number = printed_number(match) if kind == "number" else match.group("area_n") if kind == "area" else None
        label = ""
        if kind.startswith("role_") or kind == "label":
            label = regex.sub(line_opening(), "", normalize_text(text[match.start():match.end()])).rstrip(":").strip()
        found.append(BlockMarker(kind, match.start(), match.end(), number, label))
    return found


@per_vocabulary
def _leading_bullets() -> regex.Pattern:
    return regex.compile(rf"^(?:\s|{bullet_class()})+")


def join_text(text: str) -> str:
    """Printed lines of one element → one string, without the bullets and spaces it opens with."""
    return _leading_bullets().sub("", join_printed_lines(text))


def without_sub_bullet(line: str) -> str | None:
    """A line opening with a sub-bullet mark and a word, without the mark; None for any other line."""
    mark = sub_bullet_mark()
    return mark.sub("", line, count=1) if mark.match(line) else None


def key_cell_label(key: str, value: str, settings: Settings = DEFAULT_SETTINGS) -> LabelReading | None:
    """What a table's key cell (the first of a two-column row) holds, from its printed lines and
    those of the value cell beside it: a role label alone (its role, no evidence), or a label the
    vocabulary lacks that the value shows to be an organisation list (extract.labels); None for
    any other text."""
    role = role_label_alone(fold_case(key))
    if role is not None:
        return LabelReading("org_list", role, "")
    return key_cell_reading(join_text(key).rstrip(":").strip(), join_text(value), settings)
