"""The structural phrases of a workplan (data file `markers_<language>.yaml`) compiled into regexes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from workplan.extract.records import LIST_ROLES
from workplan.normalize.vocabulary import active, per_vocabulary

DATA_DIR = Path(__file__).parent / "data"
# Optional bullet and indentation that may open a line before a label.
NOT_AFTER_LETTER = r"(?<![\p{L}\d])"
# A label-shaped phrase: one to six words (letters, inner hyphens) before a colon.
# A line break may fall inside one (a narrow table cell); segmentation accepts that only within a cell.
LABEL_WORDS = r"\p{L}[\p{L}\-]*+(?:(?>[ \t]*\n[ \t]*|[ \t]+)\p{L}[\p{L}\-]*+){0,5}"
# How items are numbered: `1.` (perhaps printed twice, `1. 1.`), `1)`, `(1)`, `ა)`, `a)`, `i.`,
# `iv)`; a number whose text starts at once after its full stop (`10.ცოდნის`: a number wider than
# its list's hanging indent leaves no gap). `num` holds the printed number as the table keeps it:
# digits alone after a full stop, with the parenthesis otherwise.
NUMBERING = (r"(?P<num>\d{1,2})\.(?=\s|\p{L})(?:[ \t]+(?P=num)\.(?=\s))?"
             r"|(?P<num_paren>\d{1,2}\)|\(\d{1,2}\)|[\u10D0-\u10F0a-z]\)|\((?:[\u10D0-\u10F0a-z]|[ivx]{1,4})\)|[ivx]{1,4}[.)])(?=\s)")


def phrase_pattern(phrase: str) -> str:
    """A phrase whose words may be separated by any whitespace, line breaks included."""
    return r"\s+".join(regex.escape(word) for word in phrase.split())


def alternatives(phrases: list[str]) -> str:
    # Longest first, so that `მიგრაციის ქსელი და …` wins over `ქსელი და …`.
    return "(?:" + "|".join(phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class PriorityLabel:
    kind: str
    pattern: regex.Pattern


@dataclass(frozen=True)
class Markers:
    priority_labels: tuple[PriorityLabel, ...]
    structure: regex.Pattern  # every marker: the first that matches where the text is searched
    anywhere: regex.Pattern  # the markers that may stand inside a line
    line_start: regex.Pattern  # those that open a line (matched at line starts only: see `candidates`)
    list_conjunctions: tuple[str, ...]


def _priority_label(entry: dict) -> PriorityLabel:
    head = r"^\s*(?P<label>" + phrase_pattern(entry["phrase"]) + ")"
    if entry.get("number"):
        tail = r"\s+(?P<number>\d+(?:\.\d+)*)\.?\s*(?::\s*(?P<rest>.*))?$"
    else:
        tail = r"(?:\s+(?P<number>\d+(?:\.\d+)*))?\s*[:–—-]\s*(?P<rest>.*)$"
    return PriorityLabel(entry["kind"], regex.compile(head + tail, regex.DOTALL | case_flags()))


def _role_pattern(index: int, entry: dict) -> str:
    LINE_OPENING = line_opening()
    name = f"role_{index}"
    words = alternatives(entry["phrases"])
    if entry.get("anywhere"):
        colon = r"\s*:?" if entry.get("colon") == "optional" else r"\s*:"
        return rf"(?P<{name}>(?:{LINE_OPENING})?{NOT_AFTER_LETTER}{words}{colon})"
    qualifiers = int(entry.get("qualifier_words", 0))
    return rf"(?P<{name}>{LINE_OPENING}{words}(?:[ \t]+[^\s:]+){{0,{qualifiers}}}[ \t]*:)"


@lru_cache(maxsize=8)
def _builtin(language: str) -> dict:
    """The glyphs of every language (`marks.yaml`) and the phrases of one (`markers_<language>.yaml`)."""
    data = {}
    for name in ("marks.yaml", f"markers_{language}.yaml"):
        with open(DATA_DIR / name, encoding="utf-8") as handle:
            data.update(yaml.safe_load(handle))
    return data


@per_vocabulary
def case_flags() -> int:
    """Regex flags of the language in force: a cased language's labels match whatever their case."""
    from workplan.normalize.languages import pack

    return regex.IGNORECASE if pack(active().language).cased else 0


@per_vocabulary
def _data() -> dict:
    """The built-in phrases with those of the vocabulary in force (normalize.vocabulary)."""
    vocabulary = active()
    data = dict(_builtin(vocabulary.language))
    if not vocabulary.key:
        return data
    extra = vocabulary.label_phrases
    data["deadline_label"] = data["deadline_label"] + extra("deadline")
    data["activities_label"] = data["activities_label"] + extra("activities")
    data["objectives_label"] = data["objectives_label"] + extra("objectives")
    data["thematic_area_label"] = data["thematic_area_label"] + extra("thematic_area")
    data["table_columns"] = {**data["table_columns"], "deadline": data["table_columns"]["deadline"] + extra("deadline"),
                             "activity": data["table_columns"]["activity"] + extra("activities")}
    # A user's role labels go first: a longer phrase of theirs wins over a built-in one inside it.
    data["role_labels"] = [{"role": role, "phrases": extra(role), "qualifier_words": data["user_label_qualifier_words"]}
                           for role in LIST_ROLES if extra(role)] + data["role_labels"]
    groups = [entry for kind, words in vocabulary.groups.items() for phrase in words
              for entry in ({"kind": kind, "phrase": phrase, "number": True}, {"kind": kind, "phrase": phrase, "colon": True})]
    data["priority_labels"] = data["priority_labels"] + groups
    return data


def structure_phrases() -> dict:
    """The markers data (`markers_<language>.yaml`) with the vocabulary in force merged in, as read."""
    return _data()


def _class(chars: list[str]) -> str:
    return "[" + "".join(regex.escape(c) for c in chars) + "]"


@per_vocabulary
def bullets() -> tuple[str, ...]:
    """The glyphs that open a bulleted line."""
    return tuple(_data()["bullets"])


@per_vocabulary
def bullet_class() -> str:
    """A regex character class of the bullet glyphs."""
    return _class(list(bullets()))


@per_vocabulary
def sub_bullet_mark() -> regex.Pattern:
    """A sub-bullet mark opening a line inside an activity, with the space after it."""
    return regex.compile(rf"^[ \t]*{_class(_data()['sub_bullets'])}[ \t]+(?=\p{{L}})")


@per_vocabulary
def line_opening() -> str:
    """Indentation and an optional bullet or opener before a label."""
    data = _data()
    return rf"^[ \t]*(?:{_class(data['bullets'] + data['line_openers'])}[ \t]*)?"


@per_vocabulary
def markers() -> Markers:
    data = _data()
    roles = data["role_labels"]
    LINE_OPENING = line_opening()
    # Markers that may stand anywhere in a line (a label glued to the item before it) ...
    anywhere = [
        # OCR may read the colon after `ვადა` as a full stop or semicolon.
        rf"(?P<deadline>(?:{LINE_OPENING})?{NOT_AFTER_LETTER}{alternatives(data['deadline_label'])}\s*[:.;])",
        *(_role_pattern(i, entry) for i, entry in enumerate(roles) if entry.get("anywhere")),
        rf"(?P<objectives>{NOT_AFTER_LETTER}{alternatives(data['objectives_label'])}\s*:)",
    ]
    # ... and those that open a line, behind one `^`: elsewhere in a line they cost one failed test.
    line_start = [
        rf"(?P<activities>{LINE_OPENING}{alternatives(data['activities_label'])}\s*:)",
        rf"(?P<number>^[ \t]*(?:{NUMBERING}))",
        *(_role_pattern(i, entry) for i, entry in enumerate(roles) if not entry.get("anywhere")),
        rf"(?P<area>{LINE_OPENING}{alternatives(data['thematic_area_label'])}\s+(?P<area_n>\d+)\s*[-–:.]?)",
        # Any other label-shaped phrase: read from what follows it (extract.labels).
        rf"(?P<label>{LINE_OPENING}(?P<label_words>{LABEL_WORDS})[ \t]*:)",
        rf"(?P<bullet>^[ \t]*{bullet_class()}(?=\s))",
    ]
    flags = regex.MULTILINE | case_flags()
    structure = regex.compile("|".join(anywhere) + "|^(?:" + "|".join(line_start) + ")", flags)
    return Markers(
        priority_labels=tuple(_priority_label(e) for e in data["priority_labels"]),
        structure=structure,
        anywhere=regex.compile("|".join(anywhere), flags),
        line_start=regex.compile("|".join(line_start), flags),
        list_conjunctions=tuple(data["list_conjunctions"]),
    )


def candidates(text: str) -> list[regex.Match]:
    """Every marker that could begin somewhere in the text, in order: the in-line markers found by
    one scan, the line-opening ones tried at each line start only (the line-opening alternatives
    begin with any letter, so one scan with them tries every character). At one position an
    in-line marker comes first (`• ვადა:` is a deadline, not a bullet), as in `structure`.
    Overlaps are left to the caller, which takes the first and skips what it covers."""
    compiled = markers()
    found = [(m.start(), 0, m) for m in compiled.anywhere.finditer(text)]
    position = 0
    while position <= len(text):
        match = compiled.line_start.match(text, position)
        if match is not None:
            found.append((position, 1, match))
        position = text.find("\n", position)
        if position < 0:
            break
        position += 1
    return [m for _, _, m in sorted(found, key=lambda item: (item[0], item[1]))]


@per_vocabulary
def label_morphology() -> dict:
    """Stems that say what a label never seen before names (`label_morphology` in the data file)."""
    return _data()["label_morphology"]


def printed_number(match: regex.Match) -> str:
    """The number of a `number` marker as printed: `1` for `1.`, `ა)` for `ა)`."""
    return match.group("num") or match.group("num_paren")


@per_vocabulary
def role_names() -> tuple[str, ...]:
    """Role of each `role_<index>` group, in data-file order."""
    return tuple(entry["role"] for entry in _data()["role_labels"])


@per_vocabulary
def table_columns() -> dict[str, tuple[str, ...]]:
    """Column kind → the header texts that name it."""
    return {kind: tuple(names) for kind, names in _data()["table_columns"].items()}


@per_vocabulary
def _role_label_alone() -> regex.Pattern:
    """A role label printed alone in a table's key cell, its colon optional."""
    entries = _data()["role_labels"]
    groups = []
    for index, entry in enumerate(entries):
        qualifiers = int(entry.get("qualifier_words", 0))
        groups.append(rf"(?P<role_{index}>{alternatives(entry['phrases'])}(?:\s+[^\s:]+){{0,{qualifiers}}})")
    return regex.compile(rf"^\s*(?:{'|'.join(groups)})\s*:?\s*$", case_flags())


def role_label_alone(text: str) -> str | None:
    """The role named by a cell that holds only a role label (`სხვა წამყვანი ორგანიზაციები`), else None."""
    match = _role_label_alone().match(text)
    return role_names()[int(match.lastgroup.split("_")[1])] if match else None


@per_vocabulary
def structure_words() -> frozenset[str]:
    """Every word of the structural phrases (labels, column headers): printed to structure the
    document, they are consumed by segmentation rather than stored in a table."""
    data = _data()
    phrases = [entry["phrase"] for entry in data["priority_labels"]]
    phrases += data["activities_label"] + data["deadline_label"] + data["objectives_label"] + data["thematic_area_label"]
    phrases += [p for entry in data["role_labels"] for p in entry["phrases"]]
    phrases += [n for names in data["table_columns"].values() for n in names]
    return frozenset(word.casefold() for phrase in phrases for word in regex.findall(r"[\p{L}\p{N}]+", phrase))


@per_vocabulary
def label_phrases() -> tuple[str, ...]:
    """The priority label phrases (`ძირითადი პრიორიტეტი`), without numbers."""
    return tuple(entry["phrase"] for entry in _data()["priority_labels"])


@per_vocabulary
def column_kind(text: str) -> str | None:
    """What a table column holds, from its header (`№`, `აქტივობა`, `ვადა`, `პასუხისმგებელი`,
    whatever its case), else None."""
    from workplan.normalize.text import fold_case, normalize_text

    folded = fold_case(normalize_text(text)).casefold().strip(" :.")
    return next((kind for kind, names in table_columns().items() if folded in {fold_case(n).casefold() for n in names}), None)


def is_column_name(text: str) -> bool:
    return column_kind(text) is not None
