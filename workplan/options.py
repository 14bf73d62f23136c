"""The reading options checked once, in the same words, for the command line and the Python API.

Each check takes the value as given (text on the command line, any object from Python) and
returns it typed, or raises ValueError with a one-line reason.
"""
from __future__ import annotations

import math

from workplan.extract.records import ENGINES, OCR_MODES


def choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def positive_int(value: object, name: str = "value") -> int:
    """A count: a whole number of at least 1 (`'12'` from the command line, `12` from Python)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{name}: {value!r} is not a whole number")
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a whole number") from None
    if number < 1:
        raise ValueError(f"{name}: {number} is not a positive number")
    return number


def positive_seconds(value: object, name: str = "value") -> float:
    """A time limit: a finite number of seconds above zero."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{name}: {value!r} is not a number of seconds")
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a number of seconds") from None
    if not 0 < seconds < math.inf:
        raise ValueError(f"{name}: {value} is not a finite number of seconds above zero")
    return seconds


def edition_name(value: object) -> str | None:
    """An edition name as given (None: from the document's title), safe as a partition name."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"edition: {value!r} is not text (an edition is named like '2021-2022')")
    from workplan.errors import InputError
    from workplan.edition_key import check_edition

    try:
        return check_edition(value)
    except InputError as exc:
        raise ValueError(f"edition: {exc}") from None


def settings_of(value: object):
    """`Settings` from what is given: None (the defaults), settings, a mapping of overrides,
    or the path of a settings file; SettingsError (a ValueError) naming the setting and why."""
    from os import PathLike

    from workplan.extract.settings import DEFAULT_SETTINGS, Settings, SettingsError, load_settings, settings_from

    if value is None:
        return DEFAULT_SETTINGS
    if isinstance(value, Settings):
        return value
    if isinstance(value, dict):
        return settings_from(value)
    if isinstance(value, (str, PathLike)):
        return load_settings(value)
    raise SettingsError(f"{type(value).__name__} is not settings, a mapping of them or a settings file")


def read_options(engine: object = "pdfplumber", ocr: object = "auto", password: object = "", max_pages: object = None,
                 time_limit: object = None, max_memory: object = None, vocabulary: object = None,
                 language: object = None, settings: object = None):
    """Checked `ReadOptions` (defaults where None is given); ValueError naming the first bad value."""
    from workplan.extract.memory import DEFAULT_MAX_MEMORY_MB
    from workplan.extract.pdf_lines import DEFAULT_MAX_PAGES, DEFAULT_TIME_LIMIT, ReadOptions
    from workplan.normalize.languages import LANGUAGES
    from workplan.normalize.vocabulary import as_vocabulary

    if not isinstance(password, str):
        raise ValueError(f"password: {type(password).__name__} is not text")
    return ReadOptions(
        choice("engine", engine, ENGINES), password, choice("ocr", ocr, OCR_MODES),
        DEFAULT_MAX_PAGES if max_pages is None else positive_int(max_pages, "max_pages"),
        DEFAULT_TIME_LIMIT if time_limit is None else positive_seconds(time_limit, "time_limit"),
        DEFAULT_MAX_MEMORY_MB if max_memory is None else positive_int(max_memory, "max_memory"),
        as_vocabulary(vocabulary),
        None if language is None else choice("language", language, LANGUAGES),
        settings_of(settings),
    )
