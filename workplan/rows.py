"""A segmented document → the rows of the contract's tables: priorities numbered, deadlines read
by the grammar, organisations resolved to the registry, GCM objectives parsed."""
from __future__ import annotations

from dataclasses import replace

import regex

from workplan.extract.markers import structure_words
from workplan.extract.plausibility import organisation_lists_as_activities
from workplan.extract.records import Box, Code, DeadlineText, Notice, PriorityRecord, SegmentedDocument
from workplan.extract.settings import DEFAULT_SETTINGS, Settings
from workplan.normalize.deadlines import activity_span, parse_deadline, split_stacked
from workplan.normalize.objectives import parse_objectives
from workplan.normalize.ocr_confusions import fix_scanned_deadline
from workplan.normalize.organizations import OrganizationResolver, latin_words_of
from workplan.normalize.text import printed_words

ID_PREFIX = {"core_priority": "core", "thematic_working_group": "twg", "thematic_priority": "tp"}


def bbox(box: Box) -> dict:
    return {"x0": box.x0, "top": box.top, "x1": box.x1, "bottom": box.bottom}


def follows(previous: str, number: str) -> bool:
    """Whether a dotted number comes next after another (`2.1` → `2.2`, `2.1` → `3`, `2` → `2.1`)."""
    before, after = [int(p) for p in previous.split(".")], [int(p) for p in number.split(".")]
    if after == before + [1]:
        return True
    depth = len(after)
    return depth <= len(before) and after[:-1] == before[:depth - 1] and after[-1] == before[depth - 1] + 1


def _ocr_number(priority: PriorityRecord, previous: str | None, scanned: frozenset[int], notices: list[Notice]) -> str | None:
    """A priority number OCR read without its point (`22` for `2.2`) taken with it where the sequence
    says so: it follows the number before only with the point."""
    number = priority.number
    if not number or not previous or priority.box.page not in scanned or not regex.fullmatch(r"\d{2,}", number):
        return number
    if not regex.fullmatch(r"\d+(?:\.\d+)*", previous):
        return number
    dotted = f"{number[:-1]}.{number[-1]}"
    if follows(previous, dotted) and not follows(previous, number):
        notices.append(Notice(Code.OCR_CORRECTED, f"{priority.label} {number}: read by OCR without its point; numbered "
                              f"{dotted}, which follows {previous}", priority.box.page, priority.title[:120], {"consumed": number}))
        return dotted
    return number


def _priority_ids(priorities: tuple[PriorityRecord, ...], notices: list[Notice],
                  scanned: frozenset[int]) -> list[tuple[str, int, str | None]]:
    """Each priority's id, ordinal within its kind and number (`scanned`: the pages read by OCR)."""
    ordinals: dict[str, int] = {}
    previous: dict[str, str] = {}
    seen: set[str] = set()
    result = []
    for priority in priorities:
        ordinal = ordinals[priority.kind] = ordinals.get(priority.kind, 0) + 1
        number = _ocr_number(priority, previous.get(priority.kind), scanned, notices)
        if number:
            previous[priority.kind] = number
        key = ordinal if priority.kind == "thematic_working_group" or not number else number
        if priority.kind != "thematic_working_group" and not number:
            notices.append(Notice(Code.MISSING_NUMBER, f"{priority.label} printed without a number: numbered {ordinal} by its position",
                                  priority.box.page, priority.title[:120]))
        priority_id = f"{ID_PREFIX[priority.kind]}-{key}"
        if priority_id in seen:
            notices.append(Notice(Code.DUPLICATE_PRIORITY, f"{priority.label} {number} printed twice: the second is numbered by its position",
                                  priority.box.page, priority.title[:120]))
            priority_id = f"{ID_PREFIX[priority.kind]}-{key}-{ordinal}"
        seen.add(priority_id)
        result.append((priority_id, ordinal, number))
    return result


def collapse_inferences(notices: list[Notice]) -> list[Notice]:
    """One warning per label read the same way: the first page it was printed on, and how often."""
    first: dict[tuple, int] = {}
    counts: dict[tuple, list[int]] = {}
    kept: list[Notice] = []
    for notice in notices:
        if notice.code != "inferred_label":
            kept.append(notice)
            continue
        key = (notice.context, notice.data["reading"])
        if key not in first:
            first[key] = len(kept)
            kept.append(notice)
        counts.setdefault(key, []).append(notice.page or 0)
    for key, index in first.items():
        pages = counts[key]
        if len(pages) > 1:
            kept[index] = replace(kept[index], message=f"{kept[index].message} (printed {len(pages)} times, pages {min(pages)}–{max(pages)})")
    return kept


def _label_words_only(text: str, label_words: frozenset[str] | set[str]) -> bool:
    """Whether every word of a text is a word of the document's labels (`შესრულების`)."""
    found = printed_words(text)
    return bool(found) and all(w in label_words for w in found)


def warning_row(notice: Notice) -> dict:
    return {"code": notice.code.value, "message": notice.message, "page": notice.page, "context": notice.context}


def build_rows(doc: SegmentedDocument, edition: str, default_year: int, last_year: int | None = None,
               scanned_pages: frozenset[int] = frozenset(),
               settings: Settings = DEFAULT_SETTINGS) -> tuple[dict[str, list[dict]], list[Notice]]:
    """Each table's rows but `documents` and `warnings`, and the notices so far with what was
    noticed on the way; `scanned_pages`: the pages read by OCR, where what OCR commonly misreads is
    put right."""
    notices = list(doc.notices)
    resolver = OrganizationResolver(settings=settings.normalize)
    notices += organisation_lists_as_activities(doc.priorities, resolver.known_share, settings)
    for priority in doc.priorities:
        for org_list in priority.org_lists + tuple(o for a in priority.activities for o in a.org_lists):
            for problem in resolver.learn(org_list.text):
                notices.append(Notice(Code.ORGANIZATION, problem, org_list.box.page, org_list.text[:200]))

    # The Latin words OCR read again (extract.ocr): their mentions' resolution is marked `ocr_corrected`.
    reread = {(n.page, word) for n in notices if "reread" in n.data for word in latin_words_of(n.data["reread"])}
    priorities, activities, deadlines, participants, list_rows = [], [], [], [], []
    label_words = structure_words() | {w for n in notices if "label" in n.data for w in printed_words(n.data["label"])}
    referenced: dict[str, None] = {}
    for priority, (priority_id, ordinal, number) in zip(doc.priorities, _priority_ids(doc.priorities, notices, scanned_pages)):
        objectives = parse_objectives(priority.gcm_raw)
        if objectives.problem:
            notices.append(Notice(Code.GCM_OBJECTIVES, objectives.problem, priority.page_end, priority.gcm_raw))
        priorities.append({
            "priority_id": priority_id, "kind": priority.kind, "number": number, "ordinal": ordinal,
            "label": priority.label, "title": priority.title, "thematic_area": priority.thematic_area,
            "gcm_objectives": list(objectives.numbers), "gcm_scope": objectives.scope,
            "gcm_objectives_raw": priority.gcm_raw, "thematic_area_text": priority.thematic_area_text,
            "page_start": priority.box.page, "page_end": priority.page_end, **bbox(priority.box),
        })

        def add_participants(org_lists, activity_id):
            seen = set()
            for org_list in org_lists:
                before = len(participants)
                list_id = len(list_rows) + 1  # the number to_table gives this list's row
                resolution = resolver.resolve(org_list.text, scanned=org_list.box.page in scanned_pages)
                for problem in resolution.problems:
                    notices.append(Notice(Code.ORGANIZATION, problem, org_list.box.page, org_list.text[:200]))
                for mention in resolution.mentions:
                    if mention.method == "minted" and _label_words_only(mention.text, label_words):
                        notices.append(Notice(Code.ORGANIZATION, f"{mention.text!r} became an organisation ({mention.org_id}) but "
                                              "its words are those of a label: a label may be missing from the vocabulary",
                                              org_list.box.page, org_list.text[:200]))
                    key = (mention.org_id, org_list.role)
                    if key in seen:
                        continue  # printed twice in the same list
                    seen.add(key)
                    referenced[mention.org_id] = None
                    method = mention.method
                    if mention.known and any((org_list.box.page, w) in reread for w in latin_words_of(mention.text)):
                        method = "ocr_corrected"
                    participants.append({
                        "list_id": list_id, "priority_id": priority_id, "activity_id": activity_id, "org_id": mention.org_id,
                        "role": org_list.role, "mention": mention.text, "match_method": method,
                        "page": org_list.box.page, "page_end": org_list.page_end, **bbox(org_list.box),
                    })
                list_rows.append({
                    "priority_id": priority_id, "activity_id": activity_id, "role": org_list.role, "label": org_list.label,
                    "text": org_list.text, "mentions": len(participants) - before, "page": org_list.box.page,
                    "page_end": org_list.page_end, **bbox(org_list.box),
                })

        add_participants(priority.org_lists, None)
        for seq, activity in enumerate(priority.activities, start=1):
            activity_id = f"{priority_id}/{seq}"
            parts = []
            printed_deadlines = [DeadlineText(raw, printed.box) for printed in activity.deadlines
                                 for raw in (split_stacked(list(printed.stacked_lines), default_year) if printed.stacked_lines else [printed.raw])]
            for index, printed in enumerate(printed_deadlines):
                if printed.box.page in scanned_pages and (fixed := fix_scanned_deadline(printed.raw)) != printed.raw:
                    notices.append(Notice(Code.OCR_CORRECTED, f"{activity_id}: deadline read by OCR as {printed.raw!r}, "
                                          f"taken as {fixed!r}", printed.box.page, printed.raw, {"consumed": printed.raw}))
                    printed = printed_deadlines[index] = DeadlineText(fixed, printed.box)
                parsed = parse_deadline(printed.raw, default_year, last_year)
                for problem in parsed.problems:
                    notices.append(Notice(Code.DEADLINE, f"{activity_id}: {problem}", printed.box.page, printed.raw))
                for part in parsed.parts:
                    parts.append(part)
                    deadlines.append({
                        "activity_id": activity_id, "part": len(parts), "raw": printed.raw, "start": part.start,
                        "end": part.end, "granularity": part.granularity, "qualifier": part.qualifier, "note": part.note,
                        "year_inferred": part.year_inferred, "page": printed.box.page, **bbox(printed.box),
                    })
            start, end = activity_span(parts)
            activities.append({
                "activity_id": activity_id, "activity_key": f"{edition}/{activity_id}", "priority_id": priority_id, "seq": seq, "number_printed": activity.number_printed,
                "text": activity.text, "sub_items": list(activity.sub_items), "deadline_raw": " | ".join(d.raw for d in printed_deadlines) or None,
                "deadline_start": start, "deadline_end": end, "is_ongoing": any(p.qualifier == "ongoing" for p in parts),
                "page": activity.box.page, **bbox(activity.box),
            })
            add_participants(activity.org_lists, activity_id)

    organizations = []
    for org_id in referenced:
        org = resolver.organization(org_id)
        organizations.append({"org_id": org.org_id, "acronym": org.acronym, "name_en": org.name_en, "name_ka": org.name_ka,
                              "org_type": org.org_type, "known": org.known})
    sections = [{"section_id": i, "heading": s.heading, "text": s.text, "page_start": s.page_start,
                 **(bbox(s.box) if s.box else {})} for i, s in enumerate(doc.sections, start=1)]
    rows = {
        "priorities": priorities, "activities": activities, "deadlines": deadlines, "organizations": organizations,
        "participants": participants, "org_lists": list_rows, "sections": sections,
    }
    return rows, notices
