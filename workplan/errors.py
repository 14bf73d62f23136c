"""The one error type users see: a bad input, reported in one line without a traceback."""

from workplan.extract.errors import ExtractError


class InputError(ExtractError):
    """The input cannot be turned into tables; the message says why in one line."""
