"""What OCR misreads on a scanned page, as data (`data/ocr_confusions.yaml`): Latin capitals it
reads for one another, and specks it reads as glyphs at the edge of a line or a mention."""
from __future__ import annotations

from functools import lru_cache

import regex

from workplan.normalize.vocabulary import load_yaml


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml("ocr_confusions.yaml")


@lru_cache(maxsize=1)
def _confusions() -> tuple[regex.Pattern, dict[str, str], frozenset[str], regex.Pattern]:
    data = _data()
    shape = {member: str(group[0]) for group in data["groups"] for member in map(str, group)}
    members = sorted(shape, key=len, reverse=True)
    specks = "".join(data["edge_specks"])
    edges = regex.compile(rf"^[{regex.escape(specks)}\s]+|[\s{regex.escape(specks)}]+$")
    return regex.compile("|".join(map(regex.escape, members))), shape, frozenset(specks), edges


def ocr_shape(acronym: str) -> str:
    """An acronym with the letters OCR confuses taken as one (`ICM`, `I0M` and `IOM` alike)."""
    pattern, shape, _, _ = _confusions()
    return pattern.sub(lambda m: shape[m.group()], regex.sub(r"[\s\-./]", "", acronym).upper())


@lru_cache(maxsize=1)
def _deadline_fixes() -> tuple[tuple[regex.Pattern, str], ...]:
    return tuple((regex.compile(fix["pattern"]), fix["replace"]) for fix in _data()["deadline_fixes"])


def fix_scanned_deadline(raw: str) -> str:
    """A deadline read by OCR with the misreadings the grammar cannot read put right (`C)3` → `Q3`)."""
    for pattern, replacement in _deadline_fixes():
        raw = pattern.sub(replacement, raw)
    return raw


@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, str]:
    return dict(_data()["ending_lookalikes"])


ACRONYM_WITH_ENDING = regex.compile(r"^(?P<acronym>\W*[A-Z][A-Z0-9&]+)-(?P<ending>[A-Za-z]+)(?P<tail>\W*)$")


def georgian_ending(word: str) -> str:
    """An acronym's case ending read in Latin look-alikes put back in Georgian (`RCTF-ob` → `RCTF-ის`);
    any other word as it is."""
    match = ACRONYM_WITH_ENDING.match(word)
    lookalikes = _lookalikes() if match else {}
    if not match or not all(c in lookalikes for c in match["ending"]):
        return word
    return f"{match['acronym']}-{''.join(lookalikes[c] for c in match['ending'])}{match['tail']}"


@lru_cache(maxsize=1)
def _digit_confusions() -> dict[str, frozenset[str]]:
    return {str(k): frozenset(str(d) for d in v) for k, v in _data()["digit_confusions"].items()}


def confusable_digits(read: str, meant: str) -> bool:
    """Whether OCR may have read the number `meant` as `read`: the same length, one digit apart,
    that digit a look-alike the data lists (`8` for `3`)."""
    if len(read) != len(meant) or read == meant:
        return False
    apart = [(r, m) for r, m in zip(read, meant) if r != m]
    return len(apart) == 1 and apart[0][1] in _digit_confusions().get(apart[0][0], frozenset())


def trim_specks(text: str) -> str:
    """The text without the specks OCR left at its edges (`ICM «` → `ICM`)."""
    return _confusions()[3].sub("", text)


def is_speck(token: str) -> bool:
    """A token made only of specks OCR reads from a bullet or a spot of dirt (`«`, `?"`)."""
    return bool(token) and all(c in _confusions()[2] for c in token)
