"""A small Georgian language for spaCy: Georgian letter classes, case-ending splitting, stem norms.

spaCy ships no `ka`: its ALPHA classes omit Mkhedruli (U+10D0–10FF), Asomtavruli/Nuskhuri
(U+10A0–10CF) and Mtavruli (U+1C90–1CBF), so suffix and infix rules never fire on Georgian.
Registered under the `spacy_languages` entry point, so `spacy.blank("ka")` works.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.attrs import NORM
from spacy.lang.char_classes import ALPHA
from spacy.language import BaseDefaults, Language
from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES

from workplan.normalize.vocabulary import load_yaml

GEORGIAN = r"\u10A0-\u10FF\u1C90-\u1CBF\u2D00-\u2D2F"
LATIN_OR_DIGIT = r"A-Za-z0-9"

# `IOM-ის`, `UNHCR-თან`, `RCTF-ის`: a case ending hyphenated onto a Latin acronym is its own token.
INFIXES = TOKENIZER_INFIXES + [
    rf"(?<=[{LATIN_OR_DIGIT}])-(?=[{GEORGIAN}])",
    rf"(?<=[{GEORGIAN}{ALPHA}])[/](?=[{GEORGIAN}{ALPHA}])",
    rf"(?<=[{GEORGIAN}])[,;:](?=[{GEORGIAN}{ALPHA}])",
    # `პროგრამა(UN-Habitat)`: a parenthesis glued to the word before it.
    rf"(?<=[{GEORGIAN}{ALPHA}])\((?=[{GEORGIAN}{ALPHA}])",
]
# `ცენტრი/ საერთაშორისო`, `(Kaldor Centre/ ISIM)`: a slash before a space or line break is its own token.
SUFFIXES = TOKENIZER_SUFFIXES + [rf"(?<=[{GEORGIAN}])[\.,;:!?]", r"(?<=[{G}])\)".replace("{G}", GEORGIAN),
                                 rf"(?<=[{GEORGIAN}{ALPHA}])/"]
PREFIXES = TOKENIZER_PREFIXES + [r"\(", "„", "“", "/"]


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, ...], int, int]:
    data = load_yaml("georgian.yaml")
    return tuple(sorted(data["case_endings"], key=len, reverse=True)), int(data["min_stem"]), int(data["strip_rounds"])


def is_georgian(text: str) -> bool:
    return any("\u10A0" <= c <= "\u10FF" or "\u1C90" <= c <= "\u1CBF" for c in text)


def stem(word: str) -> str:
    """Casefolded word without its case ending; Latin words are only casefolded."""
    folded = word.casefold()
    if not is_georgian(folded):
        return folded
    endings, min_stem, rounds = _endings()
    # Truncated adjectives drop their vowel (`უმაღლესი` / `უმაღლეს`): strip until nothing
    # more comes off, so both forms meet at one stem.
    for _ in range(rounds):
        for ending in endings:
            if folded.endswith(ending) and len(folded) - len(ending) >= min_stem:
                folded = folded[: -len(ending)]
                break
        else:
            break
    return folded


class GeorgianDefaults(BaseDefaults):
    prefixes = PREFIXES
    suffixes = SUFFIXES
    infixes = INFIXES
    lex_attr_getters = {NORM: stem}




class Georgian(Language):
    lang = "ka"
    Defaults = GeorgianDefaults


@lru_cache(maxsize=1)
def blank_georgian() -> Language:
    """The tokenizer-only Georgian pipeline used for matching."""
    return Georgian()
