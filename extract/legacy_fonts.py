"""Georgian printed through a legacy AcadNusx-style font (Latin code points) → Unicode Georgian."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from workplan.extract.engines import Char

DATA_FILE = Path(__file__).parent / "data" / "legacy_fonts.yaml"


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[str, ...], dict[str, str]]:
    with open(DATA_FILE, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return tuple(f.casefold() for f in data["font_families"]), dict(data["keyboard"])


@lru_cache(maxsize=None)
def legacy_family(font: str) -> str | None:
    name = font.split("+", 1)[-1].casefold()
    return next((family for family in _data()[0] if family in name), None)


def convert_chars(chars: tuple[Char, ...]) -> tuple[tuple[Char, ...], dict[str, int]]:
    """Convert characters in legacy fonts; also return how many were converted per font."""
    keyboard = _data()[1]
    converted: dict[str, int] = {}
    result = []
    for char in chars:
        if legacy_family(char.font) and any(c in keyboard for c in char.text):  # a glyph or a run of them
            converted[char.font] = converted.get(char.font, 0) + sum(c in keyboard for c in char.text)
            char = char._replace(text="".join(keyboard.get(c, c) for c in char.text))
        result.append(char)
    return tuple(result), converted
