"""Errors of the extraction stage; each message is one line naming the cause."""


class ExtractError(Exception):
    """The document cannot be read into lines."""
