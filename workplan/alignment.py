"""Two language editions of one plan paired by evidence that survives translation, and what a
translation did not keep.

Priorities pair by their ids (`core-2.1`, `tp-3`: from kind and number, never from words). Within a
priority, activities are aligned in order (a sequence alignment, so an activity one edition skips
shifts no other) by what translation keeps: the printed number, the deadline span, the registry ids
named, and the acronyms and numbers inside the text. Text is never translated or compared.
"""
from __future__ import annotations

import pandas as pd
import regex

from workplan.changes import Edition as Side
from workplan.extract.settings import DEFAULT_SETTINGS, CompareSettings

# Kept through translation inside an activity's text: acronyms and numbers (`IMRF`, `GCM`, `2022`).
KEPT_TOKENS = regex.compile(r"\b(?:[A-Z][A-Z0-9-]{1,}|\d+(?:\.\d+)?)\b")


def _value(value):
    """A cell's value, None for a missing one (a list cell is never missing)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    return value


def _orgs(participants: pd.DataFrame, activity_id) -> frozenset[tuple[str, str]]:
    rows = participants[participants["activity_id"] == activity_id]
    return frozenset(zip(rows["org_id"], rows["role"].astype(str)))


def _evidence(a: pd.Series, b: pd.Series, side_a: Side, side_b: Side) -> dict[str, bool]:
    tokens_a, tokens_b = set(KEPT_TOKENS.findall(a["text"] or "")), set(KEPT_TOKENS.findall(b["text"] or ""))
    return {
        "number": _value(a["number_printed"]) == _value(b["number_printed"]),
        "deadline": (_value(a["deadline_start"]), _value(a["deadline_end"]), bool(a["is_ongoing"]))
        == (_value(b["deadline_start"]), _value(b["deadline_end"]), bool(b["is_ongoing"])),
        "organizations": _orgs(side_a.participants, a["activity_id"]) == _orgs(side_b.participants, b["activity_id"]),
        "acronyms and numbers": tokens_a == tokens_b,
    }


def _align(left: list, right: list, agreement, threshold: float) -> list[tuple[int | None, int | None]]:
    """Needleman–Wunsch over the two lists: a pair gains its agreement less `threshold`, a gap nothing."""
    n, m = len(left), len(right)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score[i][j] = max(score[i + 1][j + 1] + agreement(i, j) - threshold, score[i + 1][j], score[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n or j < m:
        if i < n and j < m and score[i][j] == score[i + 1][j + 1] + agreement(i, j) - threshold:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif i < n and (j == m or score[i][j] == score[i + 1][j]):
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    return pairs


def _difference(what: str, priority_id, activity_id, a_text, b_text, a_page, b_page) -> dict:
    return {"what": what, "priority_id": priority_id, "activity_id": activity_id, "a_text": _text(a_text),
            "b_text": _text(b_text), "a_page": _value(a_page), "b_page": _value(b_page)}


def _text(value) -> str | None:
    value = _value(value)
    if value is None:
        return None
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return ", ".join(str(v) for v in list(value))
    return str(value)


def _span(row: pd.Series) -> str:
    start, end = _value(row["deadline_start"]), _value(row["deadline_end"])
    text = f"{str(start)[:10] if start is not None else '…'} – {str(end)[:10] if end is not None else '…'}"
    return text + (" and ongoing" if bool(row["is_ongoing"]) else "")


def _objectives(row: pd.Series) -> tuple:
    numbers = _value(row["gcm_objectives"])
    return (str(row["gcm_scope"]), tuple(sorted(int(n) for n in (list(numbers) if numbers is not None else []))))


def align_sides(a: Side, b: Side, settings: CompareSettings = DEFAULT_SETTINGS.compare) -> tuple[list[dict], list[dict]]:
    """(activity_alignment rows, translation_differences rows) of two editions."""
    pairs: list[dict] = []
    differences: list[dict] = []
    priorities_a = a.priorities.set_index("priority_id", drop=False)
    priorities_b = b.priorities.set_index("priority_id", drop=False)
    for priority_id in list(dict.fromkeys([*priorities_a.index, *priorities_b.index])):
        pa_row = priorities_a.loc[priority_id] if priority_id in priorities_a.index else None
        pb_row = priorities_b.loc[priority_id] if priority_id in priorities_b.index else None
        if pa_row is None or pb_row is None:
            differences.append(_difference("priority", priority_id, None, pa_row["title"] if pa_row is not None else None,
                                           pb_row["title"] if pb_row is not None else None,
                                           pa_row["page_start"] if pa_row is not None else None,
                                           pb_row["page_start"] if pb_row is not None else None))
            continue
        if _objectives(pa_row) != _objectives(pb_row):
            differences.append(_difference("gcm_objectives", priority_id, None, pa_row["gcm_objectives_raw"],
                                           pb_row["gcm_objectives_raw"], pa_row["page_start"], pb_row["page_start"]))
        if _value(pa_row["thematic_area"]) != _value(pb_row["thematic_area"]):
            differences.append(_difference("thematic_area", priority_id, None, pa_row["thematic_area_text"],
                                           pb_row["thematic_area_text"], pa_row["page_start"], pb_row["page_start"]))
        differences += _organisation_differences(a, b, priority_id, None)
        acts_a = a.activities[a.activities["priority_id"] == priority_id].sort_values("seq").reset_index(drop=True)
        acts_b = b.activities[b.activities["priority_id"] == priority_id].sort_values("seq").reset_index(drop=True)
        evidence = {}

        def agreement(i: int, j: int) -> float:
            if (i, j) not in evidence:
                evidence[i, j] = _evidence(acts_a.loc[i], acts_b.loc[j], a, b)
            return sum(evidence[i, j].values()) / len(evidence[i, j])

        for i, j in _align(list(acts_a.index), list(acts_b.index), agreement, settings.pair_agreement):
            if i is None or j is None:
                row = acts_a.loc[i] if i is not None else acts_b.loc[j]
                differences.append(_difference("activity", priority_id, row["activity_id"],
                                               row["text"] if i is not None else None, row["text"] if j is not None else None,
                                               row["page"] if i is not None else None, row["page"] if j is not None else None))
                continue
            row_a, row_b = acts_a.loc[i], acts_b.loc[j]
            agreed = evidence[i, j]
            pairs.append({"a_edition": a.name, "a_activity_id": row_a["activity_id"], "b_activity_id": row_b["activity_id"],
                          "activity_key": row_a["activity_key"],
                          "evidence": ", ".join(name for name, kept in agreed.items() if kept) or "position",
                          "confidence": round(sum(agreed.values()) / len(agreed), 4)})
            if not agreed["number"]:
                differences.append(_difference("numbering", priority_id, row_a["activity_id"], row_a["number_printed"],
                                               row_b["number_printed"], row_a["page"], row_b["page"]))
            if not agreed["deadline"]:
                differences.append(_difference("deadline", priority_id, row_a["activity_id"], row_a["deadline_raw"] or _span(row_a),
                                               row_b["deadline_raw"] or _span(row_b), row_a["page"], row_b["page"]))
            differences += _organisation_differences(a, b, priority_id, (row_a["activity_id"], row_b["activity_id"]))
    return pairs, differences


def _organisation_differences(a: Side, b: Side, priority_id: str, activities) -> list[dict]:
    """Organisations one side names and the other does not (`organization`), or names in another
    role (`organization_role`): a priority's own lists, or one pair of activities'."""
    def roles(side: Side, activity_id) -> dict[str, tuple[set[str], list]]:
        rows = side.participants[side.participants["priority_id"] == priority_id]
        rows = rows[rows["activity_id"].isna()] if activity_id is None else rows[rows["activity_id"] == activity_id]
        found: dict[str, tuple[set[str], list]] = {}
        for _, row in rows.iterrows():
            entry = found.setdefault(row["org_id"], (set(), []))
            entry[0].add(str(row["role"]))
            entry[1].append(row)
        return found

    in_a = roles(a, activities[0] if activities else None)
    in_b = roles(b, activities[1] if activities else None)
    activity_id = activities[0] if activities else None
    rows = []
    for org_id in dict.fromkeys([*in_a, *in_b]):
        if org_id in in_a and org_id in in_b:
            if in_a[org_id][0] != in_b[org_id][0]:
                first_a, first_b = in_a[org_id][1][0], in_b[org_id][1][0]
                rows.append(_difference("organization_role", priority_id, activity_id,
                                        f"{first_a['mention']} ({', '.join(sorted(in_a[org_id][0]))})",
                                        f"{first_b['mention']} ({', '.join(sorted(in_b[org_id][0]))})", first_a["page"], first_b["page"]))
            continue
        first = (in_a.get(org_id) or in_b.get(org_id))[1][0]
        rows.append(_difference("organization", priority_id, activity_id, first["mention"] if org_id in in_a else None,
                                first["mention"] if org_id in in_b else None,
                                first["page"] if org_id in in_a else None, first["page"] if org_id in in_b else None))
    return rows
