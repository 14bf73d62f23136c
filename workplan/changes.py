"""Two editions' tables → what changed: activities added, removed, moved, reworded; deadline
shifts; organisations joining or leaving a role; priorities added or removed.

Activities are matched by text similarity, never by position. Years printed in the newer
edition are first moved back by the editions' distance, so a plan that simply moves one
year later (`2021 წლის კამპანია` → `2022 წლის კამპანია`, every deadline a year later)
shows as one shift of the whole edition, not as a change of every row.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import regex

from workplan.errors import InputError
from workplan.extract.settings import DEFAULT_SETTINGS, CompareSettings

if TYPE_CHECKING:
    import pandas as pd

YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

CHANGE_COLUMNS = ["change", "priority_id", "activity_id", "new_activity_id", "org_id", "role", "old_value", "new_value",
                  "old_start", "old_end", "new_start", "new_end", "detail"]


@dataclass(frozen=True)
class Edition:
    name: str
    priorities: pd.DataFrame
    activities: pd.DataFrame
    participants: pd.DataFrame


def first_year(edition: str) -> int:
    match = YEAR.search(edition)
    if not match:
        raise InputError(f"edition {edition!r} names no year")
    return int(match.group(1))


def shift_years(text: str, years: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group(1)) + years), text)


def normalise(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _missing(value) -> bool:
    """None, NaN, NaT or pandas' NA (without importing pandas: `--help` reads this module)."""
    return value is None or type(value).__name__ in ("NAType", "NaTType") or (isinstance(value, float) and value != value)


def _shift_date(value, years: int):
    value = _date(value)
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return date(value.year + years, value.month, 28)


def _date(value) -> date | None:
    if _missing(value):
        return None
    return value.date() if isinstance(value, datetime) else value


def _span(start: date | None, end: date | None) -> str:
    return f"{start.isoformat() if start else 'open'} … {end.isoformat() if end else 'open'}"


def match_activities(old: pd.DataFrame, new: pd.DataFrame, years: int, settings: CompareSettings) -> list[tuple[str, str, float]]:
    """(old activity_id, new activity_id, similarity) pairs, best first, each activity once."""
    old_texts = {row.activity_id: (row.priority_id, normalise(shift_years(row.text, years))) for row in old.itertuples()}
    new_texts = {row.activity_id: (row.priority_id, normalise(row.text)) for row in new.itertuples()}
    scored = []
    for old_id, (old_priority, old_text) in old_texts.items():
        for new_id, (new_priority, new_text) in new_texts.items():
            same_priority = old_priority == new_priority
            score = similarity(old_text, new_text)
            if score >= (settings.reworded_in_place if same_priority else settings.moved):
                # Prefer identical wording, then the same priority, then closeness.
                scored.append((score >= settings.same_text, same_priority, score, old_id, new_id))
    pairs, used_old, used_new = [], set(), set()
    for _, _, score, old_id, new_id in sorted(scored, reverse=True):
        if old_id in used_old or new_id in used_new:
            continue
        used_old.add(old_id)
        used_new.add(new_id)
        pairs.append((old_id, new_id, score))
    return pairs


def _text(value) -> str | None:
    return None if _missing(value) else str(value)


def _row(change: str, **values) -> dict:
    row = dict.fromkeys(CHANGE_COLUMNS)
    row.update(change=change, **values)
    return row


def _org_sets(participants: pd.DataFrame) -> dict[tuple[str, str | None, str], set[str]]:
    sets: dict[tuple[str, str | None, str], set[str]] = {}
    for row in participants.itertuples():
        activity = None if _missing(row.activity_id) else row.activity_id
        sets.setdefault((row.priority_id, activity, row.role), set()).add(row.org_id)
    return sets


def diff_editions(old: Edition, new: Edition, settings: CompareSettings = DEFAULT_SETTINGS.compare) -> pd.DataFrame:
    import pandas as pd

    years = first_year(new.name) - first_year(old.name)
    rows: list[dict] = []

    old_priorities = set(old.priorities["priority_id"])
    new_priorities = set(new.priorities["priority_id"])
    titles = {**dict(zip(old.priorities["priority_id"], old.priorities["title"])), **dict(zip(new.priorities["priority_id"], new.priorities["title"]))}
    for priority_id in sorted(old_priorities - new_priorities):
        rows.append(_row("priority_removed", priority_id=priority_id, old_value=titles[priority_id]))
    for priority_id in sorted(new_priorities - old_priorities):
        rows.append(_row("priority_added", priority_id=priority_id, new_value=titles[priority_id]))

    pairs = match_activities(old.activities, new.activities, years, settings)
    old_rows = old.activities.set_index("activity_id")
    new_rows = new.activities.set_index("activity_id")
    matched_old = {p[0] for p in pairs}
    matched_new = {p[1] for p in pairs}
    shifted = 0
    for old_id, new_id, score in pairs:
        before, after = old_rows.loc[old_id], new_rows.loc[new_id]
        if before["priority_id"] != after["priority_id"]:
            rows.append(_row("activity_moved", priority_id=after["priority_id"], activity_id=old_id, new_activity_id=new_id,
                             old_value=before["priority_id"], new_value=after["priority_id"]))
        if score < settings.same_text:
            rows.append(_row("activity_reworded", priority_id=after["priority_id"], activity_id=old_id, new_activity_id=new_id,
                             old_value=before["text"], new_value=after["text"], detail=f"similarity {score:.2f}"))
        expected = (_shift_date(before["deadline_start"], years), _shift_date(before["deadline_end"], years), bool(before["is_ongoing"]))
        got = (_shift_date(after["deadline_start"], 0), _shift_date(after["deadline_end"], 0), bool(after["is_ongoing"]))
        if expected != got:
            ongoing = (bool(before["is_ongoing"]), bool(after["is_ongoing"]))
            rows.append(_row("deadline_changed", priority_id=after["priority_id"], activity_id=old_id, new_activity_id=new_id,
                             old_value=_text(before["deadline_raw"]), new_value=_text(after["deadline_raw"]),
                             old_start=_date(before["deadline_start"]), old_end=_date(before["deadline_end"]),
                             new_start=_date(after["deadline_start"]), new_end=_date(after["deadline_end"]),
                             detail=None if ongoing[0] == ongoing[1] else ("no longer ongoing" if ongoing[0] else "now ongoing")))
        elif years and not (_missing(before["deadline_start"]) and _missing(before["deadline_end"])):
            shifted += 1
    for old_id in old_rows.index:
        if old_id not in matched_old:
            rows.append(_row("activity_removed", priority_id=old_rows.loc[old_id, "priority_id"], activity_id=old_id,
                             old_value=old_rows.loc[old_id, "text"]))
    for new_id in new_rows.index:
        if new_id not in matched_new:
            rows.append(_row("activity_added", priority_id=new_rows.loc[new_id, "priority_id"], new_activity_id=new_id,
                             new_value=new_rows.loc[new_id, "text"]))

    # Organisations per role: priority-level lists by priority, activity lists by matched activity.
    to_new = {old_id: new_id for old_id, new_id, _ in pairs}
    old_sets = {}
    for (priority_id, activity_id, role), orgs in _org_sets(old.participants).items():
        if activity_id is not None and activity_id not in to_new:
            continue  # the activity itself was removed
        key = (new_rows.loc[to_new[activity_id], "priority_id"] if activity_id else priority_id,
               to_new.get(activity_id) if activity_id else None, role)
        old_sets[key] = orgs
    new_sets = {key: orgs for key, orgs in _org_sets(new.participants).items() if key[1] is None or key[1] in matched_new}
    for key in sorted(set(old_sets) | set(new_sets), key=lambda k: (k[0], k[1] or "", k[2])):
        priority_id, activity_id, role = key
        before, after = old_sets.get(key, set()), new_sets.get(key, set())
        for org_id in sorted(after - before):
            rows.append(_row("organization_joined", priority_id=priority_id, new_activity_id=activity_id, org_id=org_id, role=role))
        for org_id in sorted(before - after):
            rows.append(_row("organization_left", priority_id=priority_id, new_activity_id=activity_id, org_id=org_id, role=role))

    if shifted:
        rows.append(_row("edition_shift", old_value=old.name, new_value=new.name,
                         detail=f"{shifted} deadlines and the years in the text move {years:+d} year(s), unchanged otherwise"))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def pair_rows(old: Edition, new: Edition, settings: CompareSettings = DEFAULT_SETTINGS.compare) -> list[dict]:
    """Every activity of either edition once: paired (unchanged, reworded, moved, or both) with
    the key of the older activity, or added (a key of its own) or removed."""
    years = first_year(new.name) - first_year(old.name)
    pairs = match_activities(old.activities, new.activities, years, settings)
    old_rows = old.activities.set_index("activity_id")
    new_rows = new.activities.set_index("activity_id")
    rows = []
    for old_id, new_id, score in pairs:
        moved = old_rows.loc[old_id, "priority_id"] != new_rows.loc[new_id, "priority_id"]
        reworded = score < settings.same_text
        status = ("moved_" if moved else "") + ("reworded" if reworded else "") if moved or reworded else "unchanged"
        rows.append({"old_activity_id": old_id, "activity_id": new_id, "activity_key": str(old_rows.loc[old_id, "activity_key"]),
                     "similarity": round(score, 4), "status": status.rstrip("_") if status != "moved_" else "moved"})
    paired_old, paired_new = {p[0] for p in pairs}, {p[1] for p in pairs}
    rows += [{"old_activity_id": None, "activity_id": new_id, "activity_key": str(new_rows.loc[new_id, "activity_key"]),
              "similarity": None, "status": "added"} for new_id in new_rows.index if new_id not in paired_new]
    rows += [{"old_activity_id": old_id, "activity_id": None, "activity_key": str(old_rows.loc[old_id, "activity_key"]),
              "similarity": None, "status": "removed"} for old_id in old_rows.index if old_id not in paired_old]
    return rows


def summary(changes: pd.DataFrame, old: str, new: str) -> str:
    """A readable account of the changes, one line each."""
    lines = [f"{old} → {new}: {len(changes[changes['change'] != 'edition_shift'])} change(s)"]
    for row in changes.itertuples():
        where = row.new_activity_id if isinstance(row.new_activity_id, str) else row.activity_id
        where = where if isinstance(where, str) else row.priority_id
        if row.change == "edition_shift":
            lines.append(f"  · {row.detail}")
        elif row.change in ("organization_joined", "organization_left"):
            verb = "joins" if row.change == "organization_joined" else "leaves"
            lines.append(f"  {where}: {row.org_id} {verb} as {row.role}")
        elif row.change == "deadline_changed":
            span = f"{_span(_date(row.old_start), _date(row.old_end))} → {_span(_date(row.new_start), _date(row.new_end))}"
            printed = f"{row.old_value} → {row.new_value}" + (f"; {row.detail}" if isinstance(row.detail, str) else "")
            lines.append(f"  {where}: deadline {span} ({printed})")
        elif row.change == "activity_reworded":
            lines.append(f"  {where}: reworded ({row.detail}): {row.new_value}")
        elif row.change == "activity_moved":
            lines.append(f"  {where}: moved from {row.old_value} to {row.new_value}")
        elif row.change == "activity_removed":
            lines.append(f"  {row.activity_id}: removed: {str(row.old_value)[:80]}")
        elif row.change == "activity_added":
            lines.append(f"  {where}: added: {str(row.new_value)[:80]}")
        else:
            lines.append(f"  {row.priority_id}: {row.change.replace('_', ' ')}")
    return "\n".join(lines)
