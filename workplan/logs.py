"""Where the libraries' own log records go."""
from __future__ import annotations

import logging


def quiet_libraries() -> None:
    """The parsers' own log records (pdfminer's `Metadata key … could not be parsed`) never reach
    the terminal: Python prints a record nobody handles on stderr, so the root logger is given a
    handler that drops them. The command line shows them with --verbose (cli.configure_logging)."""
    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())
