"""The language packs (`normalize/data/languages.yaml`): what each language a workplan may be printed
in needs besides its data files (`markers_<code>.yaml`, `deadlines_<code>.yaml`, `objectives_<code>.yaml`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from workplan.normalize.vocabulary import load_yaml


@dataclass(frozen=True)
class LanguagePack:
    code: str  # ISO 639-1, as `documents.language` holds it
    name: str
    script: str
    tesseract: str
    cased: bool
    whole_words: bool
    min_pages: int
    names: str  # the registry column of the language's names

    @cached_property
    def letter(self) -> regex.Pattern:
        return regex.compile(rf"\p{{Script={self.script}}}")


@lru_cache(maxsize=1)
def packs() -> dict[str, LanguagePack]:
    """Every language pack, in the order documents are tried against them."""
    return {code: LanguagePack(code, **entry) for code, entry in load_yaml("languages.yaml").items()}


def pack(code: str) -> LanguagePack:
    return packs()[code]


LANGUAGES = tuple(packs())
# The language an edition key does not name (`2021-2022`; `2021-2022-en` in English): the first pack's.
DEFAULT_LANGUAGE = LANGUAGES[0]
