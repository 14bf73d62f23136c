"""The one error type users see: a bad input, reported in one line without a traceback."""

from workplan.extract.errors import ExtractError


class InputError(ExtractError):
    """The input cannot be turned into tables; the message says why in one line."""


def printable(value) -> str:
    """A file name (or any text) as one line of valid UTF-8, whatever bytes it holds: undecodable
    bytes as `\\xff`, line breaks as `\\n`."""
    import os

    text = os.fsdecode(value) if isinstance(value, (bytes, os.PathLike)) else str(value)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no byte stood for
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text.replace("\n", "\\n").replace("\r", "\\r")
