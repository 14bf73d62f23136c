"""The page tree as it really is (qpdf, through pikepdf): how many pages can be reached, whatever
`/Count` claims, and a repaired copy for a document a text engine cannot open or count.

pikepdf is used because qpdf rebuilds a damaged cross-reference table and a lying page tree far
more thoroughly than any reader written here could.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from workplan.extract.errors import ExtractError


class PdfOpenError(ExtractError):
    """The PDF cannot be opened: damaged, or encrypted without the right password."""


class PdfPasswordError(PdfOpenError):
    """The PDF is encrypted and the password is missing or wrong."""


@dataclass(frozen=True)
class PageTree:
    declared: int | None  # the root's /Count
    found: int  # pages reached by walking the tree
    damaged: dict[int, str] = field(default_factory=dict)  # page → what is wrong with its content streams


def password_message(password: str) -> str:
    return "encrypted PDF: the password given is wrong" if password else "encrypted PDF: it needs a password (--password)"


@contextmanager
def _open(path: Path, password: str):
    """The document in qpdf, read through a file object (qpdf takes no file name that is not UTF-8)."""
    with open(path, "rb") as stream, _open_stream(stream, password) as pdf:
        yield pdf


def _open_stream(stream, password: str):
    import pikepdf

    try:
        return pikepdf.open(stream, password=password)
    except pikepdf.PasswordError as exc:
        raise PdfPasswordError(password_message(password)) from exc
    except Exception as exc:  # qpdf could not recover it either
        raise PdfOpenError(f"damaged PDF ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from exc


def page_tree(path: Path, password: str = "", max_memory_mb: int | None = None) -> PageTree:
    """The page tree; with a memory budget, also refuse a page whose streams would inflate past it
    and find the pages whose streams are damaged."""
    with _open(path, password) as pdf:
        try:
            declared = int(pdf.Root.Pages.get("/Count"))
        except (AttributeError, TypeError, ValueError):
            declared = None
        try:
            found = len(pdf.pages)
        except Exception as exc:
            raise PdfOpenError(f"damaged PDF: its page tree cannot be read ({type(exc).__name__}: {exc})") from exc
        damaged = {}
        if max_memory_mb and found:
            from workplan.extract.memory import check_streams

            damaged = check_streams(pdf, max_memory_mb)
    return PageTree(declared, found, damaged)


def repaired_copy(path: Path, password: str, folder: Path) -> Path:
    """The document rewritten by qpdf: cross-reference table rebuilt, page tree and /Count made
    consistent, decrypted (the copy lives in a private temporary folder)."""
    target = folder / "repaired.pdf"
    with _open(path, password) as pdf:
        # Saved without touching its metadata: a damaged XMP stream would make qpdf refuse the copy,
        # and nothing read from the copy needs it.
        pdf.save(target, fix_metadata_version=False)
    return target
