"""Checks that a structure read without a fault is plausible, so that coverage cannot look perfect
while text sits in the wrong table: an activity whose whole text reads as a deadline, an
organisation list or a label; a priority without deadlines among siblings that have them;
numbering that skips or restarts inside a block. Each finding is a warning, nothing is changed.
"""
from __future__ import annotations

import regex

from typing import Callable

from workplan.extract.labels import LABEL_ALONE, reads_as_deadline
from workplan.extract.settings import Settings
from workplan.extract.records import Code, Notice, PriorityRecord

GEORGIAN_ORDER = "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
NUMBER_VALUE = regex.compile(r"^\(?(?P<value>\d{1,3}|[\u10D0-\u10F0a-z]|[ivx]{1,4})[.)]?$")


def number_value(printed: str | None) -> tuple[str, int] | None:
    """A printed item number as (style, value): `3` → ("digit", 3), `გ)` → ("georgian", 3)."""
    match = NUMBER_VALUE.match(printed or "")
    if match is None:
        return None
    value = match.group("value")
    if value.isdigit():
        return "digit", int(value)
    if value in ROMAN and value not in ("v", "x") or value in ("v", "x") and printed.endswith("."):
        return "roman", ROMAN[value]
    if value in GEORGIAN_ORDER:
        return "georgian", GEORGIAN_ORDER.index(value) + 1
    return "latin", ord(value) - ord("a") + 1


def _where(priority: PriorityRecord) -> str:
    return f"{priority.label} {priority.number or ''}".strip()


def reads_as_organisation_list(text: str, share: Callable[[str], tuple[int, int]], max_item_words: int) -> bool:
    """Short items that all name registry organisations (`share`: the document's resolver)."""
    if not all(len(item.split()) <= max_item_words for item in regex.split(r"[,;]", text)):
        return False
    known, items = share(text)
    return items >= 2 and known == items


def suspicious_activities(priority: PriorityRecord, settings: Settings) -> list[Notice]:
    """Activities whose whole text reads as a deadline or a label."""
    notices = []
    for seq, activity in enumerate(priority.activities, start=1):
        text = activity.text.strip()
        reads_as = None
        if reads_as_deadline(text, settings):
            reads_as = "a deadline"
        elif LABEL_ALONE.match(text) and text.endswith(":"):
            reads_as = "a label"
        if reads_as:
            notices.append(Notice(Code.IMPLAUSIBLE_STRUCTURE, f"{_where(priority)}, activity {seq}: its whole text reads as {reads_as}; "
                                  "a label before it may be missing from the vocabulary", activity.box.page, text[:200]))
    return notices


def numbering_breaks(priority: PriorityRecord) -> list[Notice]:
    notices = []
    previous = None
    for activity in priority.activities:
        value = number_value(activity.number_printed)
        if value is not None and previous is not None and value[0] == previous[0] and value[1] != previous[1] + 1:
            what = "restarts" if value[1] <= previous[1] else "skips"
            notices.append(Notice(Code.IMPLAUSIBLE_STRUCTURE, f"{_where(priority)}: numbering {what} ({previous[2]} then "
                                  f"{activity.number_printed}): an item may be lost or read into another", activity.box.page,
                                  activity.text[:200]))
        if value is not None:
            previous = (*value, activity.number_printed)
    return notices


def priorities_without_deadlines(priorities: tuple[PriorityRecord, ...], settings: Settings) -> list[Notice]:
    notices = []
    for kind in {p.kind for p in priorities}:
        siblings = [p for p in priorities if p.kind == kind and p.activities]
        dated = [p for p in siblings if any(a.deadlines for a in p.activities)]
        if len(siblings) < 3 or len(dated) < settings.blocks.siblings_with_deadlines * len(siblings):
            continue
        for priority in siblings:
            if priority not in dated:
                notices.append(Notice(Code.IMPLAUSIBLE_STRUCTURE, f"{_where(priority)}: no deadline read in any of its "
                                      f"{len(priority.activities)} activities, while {len(dated)} of {len(siblings)} such blocks "
                                      "print them: a deadline label may be missing from the vocabulary", priority.box.page,
                                      priority.title[:200]))
    return notices


def check(priorities: tuple[PriorityRecord, ...], settings: Settings) -> list[Notice]:
    """Every plausibility finding of a segmented document but organisation lists read as
    activities (those need the document's resolver: `organisation_lists_as_activities`)."""
    notices = priorities_without_deadlines(priorities, settings)
    for priority in priorities:
        notices += suspicious_activities(priority, settings) + numbering_breaks(priority)
    return notices


def organisation_lists_as_activities(priorities, share: Callable[[str], tuple[int, int]], settings: Settings) -> list[Notice]:
    """Activities whose whole text is a list of registry organisations: a list label was missed."""
    notices = []
    for priority in priorities:
        for seq, activity in enumerate(priority.activities, start=1):
            if reads_as_organisation_list(activity.text.strip(), share, settings.blocks.max_item_words):
                notices.append(Notice(Code.IMPLAUSIBLE_STRUCTURE, f"{_where(priority)}, activity {seq}: its whole text reads as "
                                      "an organisation list; a label before it may be missing from the vocabulary",
                                      activity.box.page, activity.text[:200]))
    return notices
