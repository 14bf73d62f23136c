"""Printed GCM objectives (`13, 7 და 10`, `ყველა`, `საერთო საკითხი`; `13, 7 and 10`, `all`) → numbers and scope."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from workplan.extract.records import GcmScope
from workplan.normalize.vocabulary import active, load_yaml

# The Global Compact for Migration has 23 objectives.
GCM_OBJECTIVES = range(1, 24)


@dataclass(frozen=True)
class Objectives:
    numbers: tuple[int, ...]
    scope: GcmScope
    problem: str | None = None


@lru_cache(maxsize=8)
def _scope_words_of(language: str) -> dict[str, list[str]]:
    return load_yaml(f"objectives_{language}.yaml")


def _scope_words() -> dict[str, list[str]]:
    return _scope_words_of(active().language)


def parse_objectives(raw: str | None) -> Objectives:
    if raw is None:
        return Objectives((), "none")
    text = " ".join(raw.split()).casefold()
    vocab = _scope_words()
    numbers = [int(n) for n in regex.findall(r"\d+", text)]
    if numbers:
        valid = tuple(dict.fromkeys(n for n in numbers if n in GCM_OBJECTIVES))
        bad = [n for n in numbers if n not in GCM_OBJECTIVES]
        return Objectives(valid, "listed", f"not a GCM objective: {bad}" if bad else None)
    if any(text.startswith(w.casefold()) for w in vocab["all"]):
        return Objectives((), "all")
    if any(text.startswith(w.casefold()) for w in vocab["cross_cutting"]):
        return Objectives((), "cross_cutting")
    return Objectives((), "none", f"objectives not read: {raw!r}")
