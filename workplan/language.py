"""Which language a document's body is in, judged from its letters page by page, among the language
packs (`normalize/languages.py`)."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from workplan.extract.records import Code, Line, Notice
from workplan.extract.settings import DEFAULT_SETTINGS, LanguageSettings
from workplan.normalize.languages import packs
from workplan.normalize.text import LETTER



@dataclass(frozen=True)
class Language:
    letters: int
    code: str | None  # the pack the text is in; None: none of them
    share: float  # of the letters, in the script of `code` (of the first pack's when None)


def _letters_by_page(lines: tuple[Line, ...], letter: regex.Pattern) -> dict[int, int]:
    """Letters per page, counted by deletion (a run at a time: no string per letter)."""
    texts: dict[int, list[str]] = {}
    for line in lines:
        texts.setdefault(line.page, []).append(line.text)
    runs = regex.compile(f"(?:{letter.pattern})+")
    counts = {}
    for page, page_texts in texts.items():
        text = "".join(page_texts)
        counts[page] = len(text) - len(runs.sub("", text))
    return counts


def judge_language(lines: tuple[Line, ...], forced: str | None = None,
                   settings: LanguageSettings = DEFAULT_SETTINGS.language) -> Language:
    """The pack whose script most letters are in, or that prints `min_pages` pages mostly in its
    script (a Georgian body with a longer annex in English is still a Georgian workplan); `forced`
    (`--language`) decides instead."""
    totals = _letters_by_page(lines, LETTER)
    letters = sum(totals.values())
    first_share = None
    for candidate in packs().values():
        counts = _letters_by_page(lines, candidate.letter)
        share = sum(counts.values()) / letters if letters else 0.0
        first_share = share if first_share is None else first_share
        own_pages = sum(1 for page, count in counts.items() if totals[page] and count >= settings.script_share * totals[page])
        if forced == candidate.code or (forced is None and letters and (
                share >= settings.script_share or (candidate.min_pages and own_pages >= candidate.min_pages))):
            return Language(letters, candidate.code, share)
    return Language(letters, None, first_share or 0.0)


def foreign_pages(lines: tuple[Line, ...], code: str, settings: LanguageSettings = DEFAULT_SETTINGS.language) -> tuple[Notice, ...]:
    """The pages of the body mostly in another script than the document's language: read as they
    are, and named in one warning."""
    language = packs()[code]
    totals, own = _letters_by_page(lines, LETTER), _letters_by_page(lines, language.letter)
    foreign = sorted(page for page, total in totals.items() if total >= settings.foreign_page_letters
                     and own[page] < settings.script_share * total)
    if not foreign:
        return ()
    pages = page_ranges(foreign)
    return (Notice(Code.FOREIGN_LANGUAGE, f"{len(foreign)} pages mostly not in {language.name} (pages {pages}): read as "
                   f"they are; structure labels and organisation names there are known only in {language.name} or by "
                   "acronym", foreign[0], pages),)


def page_ranges(pages: list[int]) -> str:
    """`3, 5–9, 12` for sorted page numbers."""
    ranges: list[list[int]] = []
    for page in pages:
        if ranges and page == ranges[-1][1] + 1:
            ranges[-1][1] = page
        else:
            ranges.append([page, page])
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in ranges)
