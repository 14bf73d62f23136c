"""What several test modules use: paths, printed lines for the rules, a renderer of golds in any
layout, comparing tables, scoring a reading against its gold. Test modules import this, never
each other."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_PDF = ROOT / "samples" / "workplan_2021_2022_ka.pdf"
SAMPLE_GOLD = FIXTURES / "gold" / "workplan_ka_2021_2022.json"
SAMPLE_NORMS = FIXTURES / "deadline_norms_2021_2022.json"
DRIFT_GOLD = FIXTURES / "gold" / "workplan_ka_2026_2028_drift.json"
DRIFT_NORMS = FIXTURES / "deadline_norms_2026_2028_drift.json"
ENGLISH_GOLD = FIXTURES / "gold" / "workplan_en_2021_2022.json"
ENGLISH_NORMS = FIXTURES / "deadline_norms_en_2021_2022.json"

# --- printed lines, for the rules of segmentation and labels

BODY_SIZE = 9.5
BODY = {1: BODY_SIZE, 2: BODY_SIZE}  # page → body size


def lines(*rows, page=1, start=60.0):
    """Rows of text (or (text, size, bold)) printed one under the other."""
    from workplan.extract.records import Box, Line

    result, top = [], start
    for row in rows:
        text, size, bold = (row, BODY_SIZE, False) if isinstance(row, str) else row
        result.append(Line(Box(page, 45.0, top, 500.0, top + size), text, size, bold, "Body"))
        top += size * 1.7
    return tuple(result)


def segment_printed(printed, body_sizes, settings=None):
    """Printed lines (not yet classified) through classification's marks and joined headings, then
    segmentation: what the pipeline's classify and segment stages do with a body."""
    from workplan.extract.classify import read_body
    from workplan.extract.segment import segment
    from workplan.extract.settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    return segment(read_body(tuple(printed), body_sizes, settings), body_sizes, settings)


# --- tables compared across renderings

CONTENT_TABLES = ["priorities", "activities", "deadlines", "participants", "organizations"]
PLACE = {"page", "page_start", "page_end", "x0", "top", "x1", "bottom"}
# A line break next to a slash or a dash cannot say whether a space was there.
SPACE_AROUND_SLASH_OR_DASH = r"\s*([/\-–])\s*"


def comparable(table):
    frame = table.to_pandas()
    frame = frame[[c for c in frame.columns if c not in PLACE]].astype(str)
    return frame.apply(lambda column: column.str.replace(SPACE_AROUND_SLASH_OR_DASH, r"\1", regex=True))


def differing_rows(expected, got):
    """The rows one table holds and the other lacks, compared as `comparable` (empty: the same rows)."""
    merged = comparable(expected).merge(comparable(got), how="outer", indicator=True)
    return merged[merged["_merge"] != "both"]


def assert_same_tables(expected, result, what: str, tables=CONTENT_TABLES) -> None:
    """Two readings (pipeline results) give the same rows in each of `tables`."""
    for table in tables:
        differing = differing_rows(expected.tables[table], result.tables[table])
        assert differing.empty, f"{what}: {table} differs\n{differing.head(8).to_string()[:2500]}"


def renderer():
    """`fixtures/render_layouts.py` loaded as a module (WeasyPrint), or the test skipped saying why."""
    if importlib.util.find_spec("weasyprint") is None:
        pytest.skip("WeasyPrint is not installed (pip install '.[dev]')")
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig is missing: WeasyPrint cannot find the DejaVu fonts")
    try:
        import weasyprint  # noqa: F401  (loads Pango)
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load Pango ({exc}): make test installs it with apt-get")
    spec = importlib.util.spec_from_file_location("render_layouts", FIXTURES / "render_layouts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_renders_as_the_sample(layout: dict, name: str, sample_result, tmp_path, engine: str = "pdfplumber",
                                 producer: str = "weasyprint"):
    """Render the sample's content in a layout (by WeasyPrint or Chromium); its tables must be the
    sample's. Returns the result."""
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    render = renderer()
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    pdf = tmp_path / "variant.pdf"
    render.render(gold, {**render.BASE, **layout}, pdf, engine=producer)
    result = process_pdf(pdf, options=ReadOptions(engine=engine))
    assert_same_tables(sample_result, result, f"{name} {layout}")
    return result


def word_pdf(gold_path: Path, tmp_path: Path, size: float = 10.0, margin: float = 2.2, variant: str = "lists") -> Path:
    """A gold written as a Word document (`fixtures/render_docx.py`) and converted to PDF by
    LibreOffice, or the test skipped saying what is missing."""
    if importlib.util.find_spec("docx") is None:
        pytest.skip("python-docx is not installed (pip install '.[dev]')")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is missing: make test installs it with apt-get")
    spec = importlib.util.spec_from_file_location("render_docx", FIXTURES / "render_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pdf = tmp_path / f"word-{variant}-{size}-{margin}.pdf"
    module.render(json.loads(gold_path.read_text(encoding="utf-8")), pdf, size=size, margin_cm=margin, variant=variant)
    return pdf


# --- scoring against a gold

def score(result, gold, norms, tmp_path) -> dict:
    """The shared scorer's report on one reading (its tables written under tmp_path)."""
    from workplan.accuracy import scorer_report
    from workplan.writer import write_edition

    out = tmp_path / "out"
    write_edition(out, result.edition, result.tables)
    return scorer_report(gold, out, norms)


def warnings_of(result, code=None):
    frame = result.tables["warnings"].to_pandas()
    return frame if code is None else frame[frame["code"] == code]
