"""Printed text → comparable text: NFC, soft hyphens removed, ligatures as letters, whitespace
collapsed; Georgian capitals folded."""
from __future__ import annotations

import unicodedata

import regex

# `კოვიდ-19-` at a line end continues with `ის` on the next, `ეუთოს/` with `დემოკრატიული`, `მე-`
# with `3` (an ordinal), `COVID-` with `19`: no space between. A digit after a digit's hyphen
# (`2021-` ⏎ `2022`) may be a range printed either way, and keeps its space.
UNSPACED_BREAK = regex.compile(r"(?<=[\p{L}\d][-/])\n(?=\p{L})|(?<=\p{L}-)\n(?=\d)")


# Latin typographic ligatures (`ﬁ`, `ﬀ`, `ﬃ`: Word and LaTeX exports) as their letters.
LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
_HAS_LIGATURE = regex.compile(r"[\uFB00-\uFB06]")


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    if _HAS_LIGATURE.search(text):
        text = text.translate(LIGATURES)
    return " ".join(text.split())


# Mtavruli (U+1C90–1CBF, what upper-casing Georgian produces) → Mkhedruli (U+10D0–10FF), letter for
# letter: the folded text has the same length, so a match in it is a match in the printed text.
_MTAVRULI = {code: code - 0x1C90 + 0x10D0 for code in range(0x1C90, 0x1CC0) if unicodedata.category(chr(code)) == "Lu"}


_HAS_MTAVRULI = regex.compile(r"[\u1C90-\u1CBF]")


def fold_case(text: str) -> str:
    """Georgian capitals as their Mkhedruli letters, every other character unchanged."""
    # str.translate walks a dict per character: most lines hold no capitals at all.
    return text.translate(_MTAVRULI) if _HAS_MTAVRULI.search(text) else text


WORD = regex.compile(r"[\p{L}\p{N}]+")
# A letter of any script: what letters are counted by (a page's share of a language's, a text layer's).
LETTER = regex.compile(r"\p{L}")


def printed_words(text: str | None) -> list[str]:
    """The words (runs of letters and digits) of a text, normalised and case-folded: what is
    compared when text is looked for elsewhere (coverage, the tags' witness)."""
    return [w.casefold() for w in WORD.findall(fold_case(normalize_text(text or "")))]


def join_printed_lines(text: str) -> str:
    """Lines printed one under the other (joined by line breaks) → one line: a break after a
    hyphen or slash that ends a word joins without a space, any other break is a space."""
    return " ".join(UNSPACED_BREAK.sub("", text).split())
