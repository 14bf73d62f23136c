"""One PDF → the contract's tables for its edition (extract → segment → normalise)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import pyarrow as pa
import regex

from workplan.extract.plausibility import organisation_lists_as_activities
from workplan.extract.roles import assign_roles
from workplan.extract.errors import ExtractError
from workplan.extract.pdf_lines import ReadOptions, read_pdf
from workplan.extract.records import Box, DeadlineText, Notice, PriorityRecord, SegmentedDocument
from workplan.extract.segment import segment
from workplan.normalize.deadlines import activity_span, parse_deadline, split_stacked
from workplan.normalize.objectives import parse_objectives
from workplan.normalize.ocr_confusions import fix_scanned_deadline
from workplan.normalize.organizations import OrganizationResolver, latin_words_of
from workplan.normalize.tables import to_table
from workplan.normalize.vocabulary import use_vocabulary
from workplan import __version__
from workplan.coverage import measure, words
from workplan.extract.markers import structure_words
from workplan.errors import InputError, printable

YEAR_PAIR = regex.compile(r"((?:19|20)\d{2})\s*[-–—‑]\s*((?:19|20)\d{2})")
SINGLE_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
LETTER = regex.compile(r"\p{L}")
GEORGIAN_LETTER = regex.compile(r"[\u10A0-\u10FF\u1C90-\u1CBF\u2D00-\u2D2F]")
SAFE_EDITION = regex.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")
# A Georgian workplan's letters are mostly Georgian (acronyms and URLs are the rest), or it prints
# this many pages of mostly Georgian text at least (a body followed by a longer annex in English).
GEORGIAN_SHARE = 0.5
MIN_GEORGIAN_PAGES = 3
# A page with this many letters, mostly not Georgian, in a Georgian document is worth a warning.
FOREIGN_PAGE_LETTERS = 300
ID_PREFIX = {"core_priority": "core", "thematic_working_group": "twg", "thematic_priority": "tp"}


@dataclass(frozen=True)
class EditionTables:
    edition: str
    tables: dict[str, pa.Table]


@dataclass(frozen=True)
class Language:
    letters: int
    share: float  # of the letters, Georgian
    georgian: bool
    notices: tuple[Notice, ...]  # pages of the document mostly in another language


def judge_language(lines) -> Language:
    """Whether the body text is Georgian: mostly, or on a few pages of mostly Georgian text (a
    Georgian body with a longer annex in English is still a Georgian workplan). The pages of a
    Georgian document mostly in another language are named: they are read as they are."""
    by_page: dict[int, list[int]] = {}
    for line in lines:
        counts = by_page.setdefault(line.page, [0, 0])
        counts[0] += len(LETTER.findall(line.text))
        counts[1] += len(GEORGIAN_LETTER.findall(line.text))
    letters = sum(total for total, _ in by_page.values())
    share = sum(georgian for _, georgian in by_page.values()) / letters if letters else 0.0
    georgian_pages = sum(1 for total, georgian in by_page.values() if total and georgian >= GEORGIAN_SHARE * total)
    is_georgian = bool(letters) and (share >= GEORGIAN_SHARE or georgian_pages >= MIN_GEORGIAN_PAGES)
    foreign = sorted(page for page, (total, georgian) in by_page.items()
                     if total >= FOREIGN_PAGE_LETTERS and georgian < GEORGIAN_SHARE * total)
    notices = ()
    if is_georgian and foreign:
        pages = page_ranges(foreign)
        notices = (Notice("foreign_language", f"{len(foreign)} pages mostly not in Georgian (pages {pages}): read as "
                          "they are; structure labels and organisation names there are known only in Georgian or by "
                          "acronym", foreign[0], pages),)
    return Language(letters, share, is_georgian, notices)


def page_ranges(pages: list[int]) -> str:
    """`3, 5–9, 12` for sorted page numbers."""
    ranges: list[list[int]] = []
    for page in pages:
        if ranges and page == ranges[-1][1] + 1:
            ranges[-1][1] = page
        else:
            ranges.append([page, page])
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in ranges)


def edition_from_title(title: str | None) -> str | None:
    """`მიგრაციის ქსელის სამუშაო გეგმა: 2021 – 2022` → `2021-2022`."""
    if not title:
        return None
    pair = YEAR_PAIR.search(title)
    if pair:
        return f"{pair.group(1)}-{pair.group(2)}"
    single = SINGLE_YEAR.search(title)
    return single.group(1) if single else None


def check_edition(edition: str) -> str:
    if not SAFE_EDITION.match(edition) or ".." in edition:
        raise InputError(f"edition {edition!r} is not a safe partition name (letters, digits, '.', '_', '-')")
    return edition


def _bbox(box: Box) -> dict:
    return {"x0": box.x0, "top": box.top, "x1": box.x1, "bottom": box.bottom}


def follows(previous: str, number: str) -> bool:
    """Whether a dotted number comes next after another (`2.1` → `2.2`, `2.1` → `3`, `2` → `2.1`)."""
    before, after = [int(p) for p in previous.split(".")], [int(p) for p in number.split(".")]
    if after == before + [1]:
        return True
    depth = len(after)
    return depth <= len(before) and after[:-1] == before[:depth - 1] and after[-1] == before[depth - 1] + 1


def _ocr_number(priority: PriorityRecord, previous: str | None, scanned: set[int], notices: list[Notice]) -> str | None:
    """A priority number OCR read without its point (`22` for `2.2`) taken with it where the sequence
    says so: it follows the number before only with the point."""
    number = priority.number
    if not number or not previous or priority.box.page not in scanned or not regex.fullmatch(r"\d{2,}", number):
        return number
    if not regex.fullmatch(r"\d+(?:\.\d+)*", previous):
        return number
    dotted = f"{number[:-1]}.{number[-1]}"
    if follows(previous, dotted) and not follows(previous, number):
        notices.append(Notice("ocr_corrected", f"{priority.label} {number}: read by OCR without its point; numbered "
                              f"{dotted}, which follows {previous}", priority.box.page, priority.title[:120]))
        return dotted
    return number


def _priority_ids(priorities: tuple[PriorityRecord, ...], notices: list[Notice],
                  scanned: set[int]) -> list[tuple[str, int, str | None]]:
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
            notices.append(Notice("missing_number", f"{priority.label} printed without a number: numbered {ordinal} by its position",
                                  priority.box.page, priority.title[:120]))
        priority_id = f"{ID_PREFIX[priority.kind]}-{key}"
        if priority_id in seen:
            notices.append(Notice("duplicate_priority", f"{priority.label} {number} printed twice: the second is numbered by its position",
                                  priority.box.page, priority.title[:120]))
            priority_id = f"{ID_PREFIX[priority.kind]}-{key}-{ordinal}"
        seen.add(priority_id)
        result.append((priority_id, ordinal, number))
    return result


READ_AS = regex.compile(r"read as (?:an? )?([\w ]+)")


def collapse_inferences(notices: list[Notice]) -> list[Notice]:
    """One warning per label read the same way: the first page it was printed on, and how often."""
    first: dict[tuple, int] = {}
    counts: dict[tuple, list[int]] = {}
    kept: list[Notice] = []
    for notice in notices:
        if notice.code != "inferred_label":
            kept.append(notice)
            continue
        reading = READ_AS.search(notice.message)
        key = (notice.context, reading.group(1) if reading else notice.message)
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
    found = words(text)
    return bool(found) and all(w in label_words for w in found)


def warning_row(notice: Notice) -> dict:
    return {"code": notice.code, "message": notice.message, "page": notice.page, "context": notice.context}


def build_tables(doc: SegmentedDocument, edition: str, default_year: int, documents_row: dict,
                 last_year: int | None = None) -> dict[str, pa.Table]:
    notices = list(doc.notices)
    resolver = OrganizationResolver()
    notices += organisation_lists_as_activities(doc.priorities, resolver.known_share)
    for priority in doc.priorities:
        for org_list in priority.org_lists + tuple(o for a in priority.activities for o in a.org_lists):
            for problem in resolver.learn(org_list.text):
                notices.append(Notice("organization", problem, org_list.box.page, org_list.text[:200]))

    # Pages read by OCR, and the Latin words OCR read again there (extract.ocr): their mentions'
    # resolution is marked `ocr_corrected`.
    scanned_pages = {n.page for n in notices if n.code == "ocr"}
    reread = {(n.page, word) for n in notices if n.code == "ocr_corrected" and n.context for word in latin_words_of(n.context)}
    priorities, activities, deadlines, participants, list_rows = [], [], [], [], []
    label_words = structure_words() | {w for n in notices if n.code == "inferred_label" for w in words(n.context)}
    referenced: dict[str, None] = {}
    for priority, (priority_id, ordinal, number) in zip(doc.priorities, _priority_ids(doc.priorities, notices, scanned_pages)):
        objectives = parse_objectives(priority.gcm_raw)
        if objectives.problem:
            notices.append(Notice("gcm_objectives", objectives.problem, priority.page_end, priority.gcm_raw))
        priorities.append({
            "priority_id": priority_id, "kind": priority.kind, "number": number, "ordinal": ordinal,
            "label": priority.label, "title": priority.title, "thematic_area": priority.thematic_area,
            "gcm_objectives": list(objectives.numbers), "gcm_scope": objectives.scope,
            "gcm_objectives_raw": priority.gcm_raw, "thematic_area_text": priority.thematic_area_text,
            "page_start": priority.box.page, "page_end": priority.page_end, **_bbox(priority.box),
        })

        def add_participants(org_lists, activity_id):
            seen = set()
            for org_list in org_lists:
                before = len(participants)
                list_id = len(list_rows) + 1  # the number to_table gives this list's row
                resolution = resolver.resolve(org_list.text, scanned=org_list.box.page in scanned_pages)
                for problem in resolution.problems:
                    notices.append(Notice("organization", problem, org_list.box.page, org_list.text[:200]))
                for mention in resolution.mentions:
                    if mention.method == "minted" and _label_words_only(mention.text, label_words):
                        notices.append(Notice("organization", f"{mention.text!r} became an organisation ({mention.org_id}) but "
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
                        "page": org_list.box.page, "page_end": org_list.page_end, **_bbox(org_list.box),
                    })
                list_rows.append({
                    "priority_id": priority_id, "activity_id": activity_id, "role": org_list.role, "label": org_list.label,
                    "text": org_list.text, "mentions": len(participants) - before, "page": org_list.box.page,
                    "page_end": org_list.page_end, **_bbox(org_list.box),
                })

        add_participants(priority.org_lists, None)
        for seq, activity in enumerate(priority.activities, start=1):
            activity_id = f"{priority_id}/{seq}"
            parts = []
            printed_deadlines = [DeadlineText(raw, printed.box) for printed in activity.deadlines
                                 for raw in (split_stacked(list(printed.stacked_lines), default_year) if printed.stacked_lines else [printed.raw])]
            for index, printed in enumerate(printed_deadlines):
                if printed.box.page in scanned_pages and (fixed := fix_scanned_deadline(printed.raw)) != printed.raw:
                    notices.append(Notice("ocr_corrected", f"{activity_id}: deadline read by OCR as {printed.raw!r}, "
                                          f"taken as {fixed!r}", printed.box.page, printed.raw))
                    printed = printed_deadlines[index] = DeadlineText(fixed, printed.box)
                parsed = parse_deadline(printed.raw, default_year, last_year)
                for problem in parsed.problems:
                    notices.append(Notice("deadline", f"{activity_id}: {problem}", printed.box.page, printed.raw))
                for part in parsed.parts:
                    parts.append(part)
                    deadlines.append({
                        "activity_id": activity_id, "part": len(parts), "raw": printed.raw, "start": part.start,
                        "end": part.end, "granularity": part.granularity, "qualifier": part.qualifier, "note": part.note,
                        "year_inferred": part.year_inferred, "page": printed.box.page, **_bbox(printed.box),
                    })
            start, end = activity_span(parts)
            activities.append({
                "activity_id": activity_id, "activity_key": f"{edition}/{activity_id}", "priority_id": priority_id, "seq": seq, "number_printed": activity.number_printed,
                "text": activity.text, "sub_items": list(activity.sub_items), "deadline_raw": " | ".join(d.raw for d in printed_deadlines) or None,
                "deadline_start": start, "deadline_end": end, "is_ongoing": any(p.qualifier == "ongoing" for p in parts),
                "page": activity.box.page, **_bbox(activity.box),
            })
            add_participants(activity.org_lists, activity_id)

    organizations = []
    for org_id in referenced:
        org = resolver.organization(org_id)
        organizations.append({"org_id": org.org_id, "acronym": org.acronym, "name_en": org.name_en, "name_ka": org.name_ka,
                              "org_type": org.org_type, "known": org.known})
    sections = [{"section_id": i, "heading": s.heading, "text": s.text, "page_start": s.page_start,
                 **(_bbox(s.box) if s.box else {})} for i, s in enumerate(doc.sections, start=1)]
    warnings = [warning_row(n) for n in collapse_inferences(notices)]
    rows = {
        "documents": [documents_row], "priorities": priorities, "activities": activities, "deadlines": deadlines,
        "organizations": organizations, "participants": participants, "org_lists": list_rows, "sections": sections,
        "warnings": warnings,
    }
    return {name: to_table(name, edition, table_rows) for name, table_rows in rows.items()}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def process_pdf(path: Path, edition: str | None = None, on_page: Callable[[int, int], None] | None = None,
                options: ReadOptions | None = None) -> EditionTables:
    """Read one PDF with the vocabulary of its options in force throughout."""
    with use_vocabulary(options.vocabulary if options else None):
        return _process_pdf(path, edition, on_page, options)


def _process_pdf(path: Path, edition: str | None, on_page: Callable[[int, int], None] | None,
                 options: ReadOptions | None) -> EditionTables:
    try:
        pdf = read_pdf(path, on_page, options)
    except ExtractError as exc:
        raise InputError(str(exc)) from exc
    roles = assign_roles(pdf.lines, pdf.page_sizes)
    # The document is judged in the order that names the true cause: its language, then whether it
    # is a workplan, then its edition (a foreign PDF is never sent to look for --edition).
    language = judge_language(roles.body)
    if not language.letters:
        raise InputError("no text: the pages carry no letters to read (nor did OCR find any): not a workplan")
    if not language.georgian:
        raise InputError(f"the text is not Georgian ({language.share:.0%} of {language.letters} letters): not a Georgian workplan")
    doc = segment(roles.body, roles.body_sizes)
    doc = replace(doc, notices=pdf.notices + roles.notices + language.notices + doc.notices)
    if not doc.priorities:
        raise InputError("no priority blocks found: this does not look like a workplan")
    # The title in the metadata, else the first printed line naming a pair of years (cover, running header).
    printed_title = next((l.text for l in pdf.lines if YEAR_PAIR.search(l.text)), None)
    title = pdf.title or printed_title
    edition = edition or edition_from_title(title) or edition_from_title(printed_title)
    if not edition:
        raise InputError("no edition years in the document's title: pass --edition")
    edition = check_edition(edition)
    first_year = SINGLE_YEAR.search(edition) or SINGLE_YEAR.search(title or "")
    if first_year is None:
        raise InputError(f"edition {edition!r} names no year to place deadlines printed without one")
    documents_row = {
        "source_file": printable(path.name), "sha256": sha256_of(path), "title": " ".join((title or "").split()) or None,
        "language": "ka", "pages": pdf.pages, "pipeline_version": __version__,
    }
    years = [int(y) for y in SINGLE_YEAR.findall(edition)]
    tables = build_tables(doc, edition, int(first_year.group(1)), documents_row, max(years, default=None))
    tables["set_aside"] = to_table("set_aside", edition, [
        {"page": line.page, "role": line.role, "evidence": line.evidence, "text": line.text, **_bbox(line.box)}
        for line in roles.set_aside])
    # Labels read from their content were consumed by segmentation, as the known ones are.
    inferred_labels = [n.context for n in doc.notices if n.code == "inferred_label" and n.context]
    # What OCR read where its correction was stored (`C4` of a deadline stored as `Q4`) was read too.
    warned = tables["warnings"]
    ocr_readings = [context for code, context in zip(warned["code"].to_pylist(), warned["context"].to_pylist())
                    if code == "ocr_corrected" and context]
    coverage = measure(roles.body, roles.set_aside, tables, inferred_labels + ocr_readings, pdf.unread_letters)
    tables["documents"] = to_table("documents", edition, [{
        **documents_row, "chars_printed": coverage.chars_printed, "chars_set_aside": coverage.chars_set_aside,
        "coverage": round(coverage.share, 6)}])
    if coverage.notices:
        rows = tables["warnings"].drop(["edition"]).to_pylist()
        rows += [warning_row(n) for n in coverage.notices]
        tables["warnings"] = to_table("warnings", edition, rows)
    return EditionTables(edition, tables)
