"""The edition key a document's tables are stored under: the pair of years in its title, or as given."""
from __future__ import annotations

import regex

from workplan.errors import InputError

YEAR_PAIR = regex.compile(r"((?:19|20)\d{2})\s*[-–—‑]\s*((?:19|20)\d{2})")
SINGLE_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
SAFE_EDITION = regex.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")


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
