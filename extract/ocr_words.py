"""The words tesseract read on a page (`Word`, by line), and the words a workplan may print, handed
to tesseract as user words: the registry's names and acronyms, the structure phrases
(`extract/data/markers_ka.yaml`), the deadline grammar's words and a user's vocabulary file. tesseract's language model then prefers them where the glyphs are unclear
(measured on scanned pages of the sample: word accuracy +0.5–1%, Latin acronyms up to +10%)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Iterable

import regex

from workplan.extract.markers import structure_phrases
from workplan.normalize.organizations import load_registry
from workplan.normalize.vocabulary import Vocabulary, active, load_yaml, per_vocabulary

WORD = regex.compile(r"\p{L}[\p{L}\d\-]*")
GEORGIAN = regex.compile(r"\p{Georgian}")


@dataclass(frozen=True)
class Word:
    """One word tesseract read: its text, confidence (0–100) and box in pixels; `line` groups it."""
    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[str, str, str] = ("", "", "")


def words_from_tsv(tsv: str) -> list[Word]:
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text:
            words.append(Word(text, float(row["conf"]), int(row["left"]), int(row["top"]), int(row["width"]),
                              int(row["height"]), (row["block_num"], row["par_num"], row["line_num"])))
    return words


def by_line(words: list[Word]) -> list[list[Word]]:
    """The words of each tesseract line, left to right."""
    lines: dict[tuple[str, str, str], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return [sorted(line, key=lambda w: w.left) for line in lines.values()]


def _strings(data: Any) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, (list, tuple)):
        for value in data:
            yield from _strings(value)


PHRASE_KEYS = ("priority_labels", "activities_label", "deadline_label", "role_labels", "objectives_label",
               "thematic_area_label")


@dataclass(frozen=True)
class ExpectedWords:
    """What a page may print: `words` for tesseract; `phrases`, the structure phrases (as words) a
    line may open with; `numbered`, the last words of priority labels a number follows; `role_labels`,
    the role labels of organisation lists (as words); `name_openers`, the first word of every
    registry name and acronym (casefolded), which an organisation list opens with."""
    words: tuple[str, ...] = ()
    phrases: frozenset[tuple[str, ...]] = frozenset()
    numbered: frozenset[str] = frozenset()
    role_labels: frozenset[tuple[str, ...]] = frozenset()
    name_openers: frozenset[str] = frozenset()


@per_vocabulary
def expected_words() -> ExpectedWords:
    """What the pages of the document being read may print (built-in and vocabulary phrases)."""
    markers, vocabulary = structure_phrases(), active()
    sources = [_strings({key: markers[key] for key in PHRASE_KEYS if key in markers}),
               _strings(vocabulary.labels), _strings(vocabulary.groups)]
    phrases = frozenset(tuple(text.split()) for source in sources for text in source if GEORGIAN.search(text))
    numbered = frozenset(entry["phrase"].split()[-1] for entry in markers["priority_labels"] if entry.get("number"))
    role_labels = frozenset(tuple(phrase.split()) for entry in markers["role_labels"] for phrase in entry["phrases"]
                            if entry.get("colon") != "optional")  # a label printed without one has none to lose
    name_openers = frozenset(surface.split()[0].casefold() for surface, _, _ in load_registry().names)
    return ExpectedWords(_user_words(markers, vocabulary), phrases, numbered, role_labels, name_openers)


def _user_words(markers: dict, vocabulary: Vocabulary) -> tuple[str, ...]:
    sources = [
        (surface for surface, _, _ in load_registry().names),
        _strings(markers), _strings(load_yaml(vocabulary.data_file("deadlines"))),
        _strings(vocabulary.labels), _strings(vocabulary.groups), _strings(vocabulary.deadlines),
        _strings(vocabulary.organizations),
    ]
    words = {word for source in sources for text in source for word in WORD.findall(text) if len(word) > 1}
    return tuple(sorted(words))
