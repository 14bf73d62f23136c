"""Pages without a usable text layer → typed lines, by OCR with tesseract's Georgian model.

`kat+eng` keeps Latin acronyms that `kat` alone loses. Pages are rendered with pypdfium2
and read by the `tesseract` command (TSV output), one process per core.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from workplan.extract.roles import OCR_FONT
from workplan.extract.engines import pdfium_document
from workplan.extract.errors import ExtractError
from workplan.extract.records import Box, Line

DPI = 300
# Pixels of one rendered page at most: A4 at 300 dpi is 8.7 million; a larger page is rendered at a
# lower resolution instead of a larger bitmap (a 200-inch page would need 3.6 billion).
MAX_PIXELS = 40_000_000


def render_dpi(width_pt: float, height_pt: float, dpi: float = DPI, max_pixels: int = MAX_PIXELS) -> float:
    """The resolution at which a page fits the pixel budget (at most `dpi`)."""
    pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
    return dpi if pixels <= max_pixels else dpi * (max_pixels / pixels) ** 0.5
LANGUAGES = "kat+eng"
# An OCR line box spans ascenders to descenders: about this many times the font size.
LINE_HEIGHT_PER_POINT = 1.3
PDFIUM_LOCK = threading.Lock()
HOW_TO_ENABLE = "install tesseract with its Georgian model (apt-get install tesseract-ocr tesseract-ocr-kat)"


@lru_cache(maxsize=1)
def ocr_problem() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    binary = shutil.which("tesseract")
    if binary is None:
        return f"OCR is unavailable: {HOW_TO_ENABLE}"
    listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True).stdout.split()
    missing = [lang for lang in LANGUAGES.split("+") if lang not in listed]
    if missing:
        return f"OCR is unavailable: tesseract lacks {', '.join(missing)}; {HOW_TO_ENABLE}"
    return None


def _render(path: Path, page_number: int, password: str, target: Path) -> float:
    # PDFium is not thread-safe: pages are rendered one at a time, OCR runs in parallel.
    with PDFIUM_LOCK:
        return _render_alone(path, page_number, password, target)


def _render_alone(path: Path, page_number: int, password: str, target: Path) -> float:
    """Render the page within the pixel budget; its resolution in dots per inch."""
    pdf = pdfium_document(path, password)
    try:
        page = pdf[page_number - 1]
        left, bottom, right, top = page.get_mediabox()
        dpi = render_dpi(right - left, top - bottom)
        # The page as drawn, before its /Rotate (as the text engines read it): undo the turn.
        bitmap = page.render(scale=dpi / 72, grayscale=True, rotation=(360 - page.get_rotation()) % 360)
        bitmap.to_pil().save(target)
        return dpi
    finally:
        pdf.close()


def lines_from_tsv(tsv: str, page_number: int, dpi: float = DPI) -> list[Line]:
    """tesseract's word table (of an image at `dpi`) → lines in PDF points."""
    scale = 72 / dpi
    words: dict[tuple[str, str, str], list[dict]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            words.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    lines = []
    for group in words.values():
        group.sort(key=lambda w: int(w["left"]))
        x0 = min(int(w["left"]) for w in group) * scale
        top = min(int(w["top"]) for w in group) * scale
        x1 = max(int(w["left"]) + int(w["width"]) for w in group) * scale
        bottom = max(int(w["top"]) + int(w["height"]) for w in group) * scale
        size = round(2 * (bottom - top) / LINE_HEIGHT_PER_POINT) / 2
        text = " ".join(w["text"].strip() for w in group)
        lines.append(Line(Box(page_number, round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)), text, size, False, OCR_FONT))
    lines.sort(key=lambda l: (l.box.top, l.box.x0))
    return lines


def _ocr_page(path: Path, page_number: int, password: str) -> list[Line]:
    with tempfile.TemporaryDirectory(prefix="workplan-ocr-") as scratch:
        image = Path(scratch) / "page.png"
        dpi = _render(path, page_number, password, image)
        done = subprocess.run(
            ["tesseract", str(image), "stdout", "-l", LANGUAGES, "--dpi", str(round(dpi)), "tsv"],
            capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
        if done.returncode != 0:
            raise ExtractError(f"OCR failed on page {page_number}: {done.stderr.strip().splitlines()[-1:] or done.returncode}")
        return lines_from_tsv(done.stdout, page_number, dpi)


def ocr_pages(path: Path, pages: list[int], password: str = "", workers: int | None = None) -> dict[int, list[Line]]:
    problem = ocr_problem()
    if problem:
        raise ExtractError(problem)
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        results = pool.map(lambda n: (n, _ocr_page(path, n, password)), pages)
        return dict(results)
