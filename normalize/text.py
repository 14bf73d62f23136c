"""Printed text → comparable text: NFC, soft hyphens removed, whitespace collapsed."""
from __future__ import annotations

import unicodedata


def normalize_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00ad", "").split())
