"""Labels read from what follows them.

A label-shaped phrase (a few words and a colon, opening a line, a cell or a bullet) that the
vocabulary does not know is classified by its content: a deadline when the deadline grammar reads
the text after it whole, an organisation list when its items name registry organisations (the
role from the label's Georgian morphology: `თანა-` co-, stems for lead, member and observer), an
activity-list heading when numbered items follow it. The vocabulary is evidence, never a gate:
every such reading is reported with what was inferred and the vocabulary line that makes it known.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from workplan.extract.markers import NUMBERING, label_morphology
from workplan.extract.settings import DEFAULT_SETTINGS, NormalizeSettings, Settings
from workplan.normalize.deadlines import has_foreign_words, parse_deadline
from workplan.normalize.organizations import OrganizationResolver
from workplan.normalize.text import fold_case, normalize_text
from workplan.normalize.vocabulary import per_vocabulary

# Any year serves to test whether a text reads as a deadline: only problems are looked at.
PROBE_YEAR = 2000
WORD = regex.compile(r"\p{L}+")


@dataclass(frozen=True)
class LabelReading:
    """What an unknown label was read as: `deadline`, `activities`, `org_list` (with its role),
    and the evidence, for the warning row."""
    kind: str
    role: str | None
    evidence: str


def _words(label: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(fold_case(normalize_text(label)))]


def _starts(word: str, stems) -> str | None:
    return next((stem for stem in stems if word.startswith(stem)), None)


def role_from_morphology(label: str) -> tuple[str | None, str]:
    """The role a list label names, from its words' stems: `თანახელმძღვანელები` → co_lead
    (`თანა-` + a lead stem), `წევრი ორგანიზაციები` → member, `დამკვირვებელი …` → observer; a
    stakeholder word (`დაინტერესებული მხარეები`) makes a lead or member an activity's."""
    data = label_morphology()
    role = stem_found = None
    co = False
    words = _words(label)
    for word in words:
        for prefix in data["co_prefixes"]:
            if word.startswith(prefix) and len(word) > len(prefix):
                for candidate, stems in data["role_stems"].items():
                    stem = _starts(word[len(prefix):], stems)
                    if stem and role is None:
                        role, stem_found, co = candidate, f"`{prefix}-` (co-) + `{stem}` ({candidate})", True
        if role is None:
            for candidate, stems in data["role_stems"].items():
                stem = _starts(word, stems)
                if stem:
                    role, stem_found = candidate, f"`{stem}` ({candidate})"
                    break
    if role is None:
        return None, "no role stem in the label"
    if role == "lead" and not co and any(w in data["co_words"] for w in words):
        co, stem_found = True, f"`{next(w for w in words if w in data['co_words'])}` (other) + {stem_found}"
    if co and role == "lead":
        role = "co_lead"
    if role in ("lead", "member") and any(_starts(w, data["activity_words"]) for w in words):
        role, stem_found = f"activity_{role}", stem_found + " of stakeholders"
    return role, stem_found


def names_kind(label: str, kind: str) -> str | None:
    """The stem by which a label names a deadline (`deadline`) or an activity list (`activity`)."""
    stems = label_morphology()[f"{kind}_stems"]
    return next((stem for word in _words(label) if (stem := _starts(word, stems))), None)


def reads_as_deadline(text: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Text the deadline grammar reads whole, with at least one period or an ongoing mark. A
    sentence is never one: a text of more words than a deadline prints is not parsed at all."""
    if not text.strip() or len(text.split()) > settings.blocks.max_deadline_words or has_foreign_words(text):
        return False
    parsed = parse_deadline(text, PROBE_YEAR, PROBE_YEAR)
    return not parsed.problems and any(p.start or p.end or p.qualifier == "ongoing" for p in parsed.parts)


@per_vocabulary
def _resolver(settings: NormalizeSettings) -> OrganizationResolver:
    return OrganizationResolver(settings=settings)


def organisation_share(text: str, settings: Settings = DEFAULT_SETTINGS) -> tuple[int, int]:
    """(items naming a registry organisation, items) of a printed list."""
    return _resolver(settings.normalize).known_share(text)


def read_label(label: str, content: str, numbered_next: bool,
               settings: Settings = DEFAULT_SETTINGS) -> LabelReading | None:
    """What an unknown label is, from what follows it (`content`: its text up to the next
    marker; `numbered_next`: numbered or bulleted items follow). None: not a label."""
    content = content.strip()
    deadline_stem = names_kind(label, "deadline")
    if content and reads_as_deadline(content, settings):
        why = f"the deadline grammar reads its text whole{f', and `{deadline_stem}` names a deadline' if deadline_stem else ''}"
        return LabelReading("deadline", None, why)
    activity_stem = names_kind(label, "activity")
    if not content and (numbered_next or activity_stem):
        why = "numbered items follow it" if numbered_next else ""
        why += (" and " if why else "") + (f"`{activity_stem}` names activities" if activity_stem else "")
        return LabelReading("activities", None, why)
    if not content:
        return None
    role, morphology = role_from_morphology(label)
    list_shaped = _list_shaped(content, settings.blocks.max_item_words)
    # Prose after a label no stem places is no list: the registry is not searched for it.
    if role is not None or list_shaped:
        known, items = organisation_share(content, settings)
        listed = items and known / items >= settings.blocks.org_list_share
        if role is not None and (listed or (known and not deadline_stem)):
            return LabelReading("org_list", role, f"{known} of {items} items name registry organisations; role from {morphology}")
        if role is not None and not deadline_stem and list_shaped:
            return LabelReading("org_list", role, f"a list of names ({items} items, {known} in the registry); role from {morphology}")
        if listed:
            return LabelReading("org_list", "other", f"{known} of {items} items name registry organisations; {morphology}")
    if deadline_stem:  # a deadline label whose text is unreadable (its warnings say why)
        return LabelReading("deadline", None, f"`{deadline_stem}` names a deadline (its text does not read as one)")
    return None


def _list_shaped(content: str, max_item_words: int) -> bool:
    """Short items (of at most `max_item_words`), not one sentence: names rather than prose."""
    items = [i for i in regex.split(r"[,;]", content) if i.strip()]
    short = bool(items) and all(len(i.split()) <= max_item_words for i in items)
    return short and (len(items) > 1 or not content.rstrip().endswith((".", "!", "?")))


ITEM_NUMBER_ALONE = regex.compile(rf"^\s*(?:{NUMBERING})\s*$")
LABEL_ALONE = regex.compile(r"^\s*\p{L}[\p{L}\-]*(?:\s+\p{L}[\p{L}\-]*){0,5}\s*:?\s*$")


def key_cell_reading(key: str, value: str, settings: Settings = DEFAULT_SETTINGS) -> LabelReading | None:
    """A key cell (the first of a two-column row) holding a label the vocabulary lacks, read
    from its value cell: an organisation list, or None."""
    if not LABEL_ALONE.match(fold_case(normalize_text(key))):
        return None
    reading = read_label(key.strip().rstrip(":"), value, numbered_next=False, settings=settings)
    return reading if reading is not None and reading.kind == "org_list" else None


def column_reading(header: str, cells: list[str], settings: Settings = DEFAULT_SETTINGS) -> tuple[str, str] | None:
    """What a table column under a header the vocabulary lacks holds, from its cells: item numbers
    when most are a number alone under a header of a few signs (`Nr.`, `№` misread by OCR),
    deadlines when most read whole as deadlines (after a label of their own), organisation lists
    when most name registry organisations. (kind, evidence), or None."""
    if not cells:
        return None
    numbered = sum(1 for c in cells if ITEM_NUMBER_ALONE.match(c + " "))
    if len(header.split()) == 1 and len(header.strip()) <= settings.blocks.max_number_header and numbered * 2 > len(cells):
        return "number", f"{numbered} of its {len(cells)} cells are item numbers alone"
    if not LABEL_ALONE.match(fold_case(normalize_text(header))):
        return None
    bodies = [LEADING_LABEL.sub("", fold_case(normalize_text(c))) for c in cells if c.strip()]
    dated = sum(reads_as_deadline(b, settings) for b in bodies)
    if bodies and dated * 2 > len(bodies):
        return "deadline", f"{dated} of its {len(bodies)} cells read whole as deadlines"
    listed = sum(1 for b in bodies if (share := organisation_share(b, settings))[1] and share[0] / share[1] >= settings.blocks.org_list_share)
    if bodies and listed * 2 > len(bodies):
        return "responsible", f"{listed} of its {len(bodies)} cells list registry organisations"
    return None


LEADING_LABEL = regex.compile(r"^\s*\p{L}[\p{L}\-]*(?:\s+\p{L}[\p{L}\-]*){0,3}\s*:\s*")
