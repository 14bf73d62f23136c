"""Which language a document's body is in, judged from its letters page by page."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from workplan.extract.records import Code, Line, Notice

LETTER = regex.compile(r"\p{L}")
GEORGIAN_LETTER = regex.compile(r"[\u10A0-\u10FF\u1C90-\u1CBF\u2D00-\u2D2F]")
# A Georgian workplan's letters are mostly Georgian (acronyms and URLs are the rest), or it prints
# this many pages of mostly Georgian text at least (a body followed by a longer annex in English).
GEORGIAN_SHARE = 0.5
MIN_GEORGIAN_PAGES = 3
# A page with this many letters, mostly not Georgian, in a Georgian document is worth a warning.
FOREIGN_PAGE_LETTERS = 300


@dataclass(frozen=True)
class Language:
    letters: int
    share: float  # of the letters, Georgian
    georgian: bool
    notices: tuple[Notice, ...]  # pages of the document mostly in another language


def judge_language(lines: tuple[Line, ...]) -> Language:
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
        notices = (Notice(Code.FOREIGN_LANGUAGE, f"{len(foreign)} pages mostly not in Georgian (pages {pages}): read as "
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
