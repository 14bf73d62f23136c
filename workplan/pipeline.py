"""One PDF → the contract's tables for its edition: the stages, in the order they run.

Each stage takes the document as the stages before it left it and fills in its own part; the
tables and warnings are rendered from the document at the end.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import pyarrow as pa

from workplan import __version__
from workplan.coverage import Coverage, measure
from workplan.edition_key import SINGLE_YEAR, YEAR_PAIR, check_edition, edition_from_title
from workplan.errors import InputError, printable
from workplan.extract.errors import ExtractError
from workplan.extract.pdf_lines import PdfText, ReadOptions, read_pdf
from workplan.extract.records import Line, Notice, SegmentedDocument
from workplan.extract.roles import Roles, assign_roles
from workplan.extract.segment import segment
from workplan.extract.settings import Settings
from workplan.extract.witness import Agreement, check_against_tags, values_read
from workplan.language import Language, foreign_pages, judge_language
from workplan.normalize.languages import DEFAULT_LANGUAGE, packs
from workplan.normalize.tables import to_table
from workplan.normalize.vocabulary import use_vocabulary
from workplan.rows import bbox, build_rows, collapse_inferences, warning_row


@dataclass(frozen=True)
class EditionTables:
    edition: str
    tables: dict[str, pa.Table]


@dataclass(frozen=True)
class Context:
    """What every stage reads and none changes: the options (vocabulary and layout settings
    included), and where to report each page read."""
    options: ReadOptions
    on_page: Callable[[int, int], None] | None = None

    @property
    def settings(self) -> Settings:
        return self.options.settings


@dataclass
class Document:
    """One PDF as it passes through the stages; each field is filled by the stage named beside it."""
    path: Path
    edition: str | None  # as asked (--edition); named by `name_edition` when not
    text: PdfText | None = None  # read_text: lines of the text layer, or OCR's
    language: Language | None = None  # judge_body_language: the pack every later stage reads with
    roles: Roles | None = None  # classify: every line's role, furniture set aside
    segmented: SegmentedDocument | None = None  # segment_blocks: sections, priorities, activities
    title: str | None = None  # name_edition
    years: tuple[int, int | None] = (0, None)  # name_edition: the first year of the edition, and its last
    rows: dict[str, list[dict]] = field(default_factory=dict)  # normalise
    notices: list[Notice] = field(default_factory=list)  # every stage's, in order
    coverage: Coverage | None = None  # measure_coverage
    agreement: Agreement | None = None  # hear_witness: what the document's tags confirm of the reading

    @property
    def scanned_pages(self) -> frozenset[int]:
        return frozenset(line.page for line in self.text.lines if line.from_ocr)


def read_text(doc: Document, context: Context) -> Document:
    def judge_first_pages(lines: tuple[Line, ...]) -> None:
        language = judge_language(lines, context.options.language, context.settings.language)
        if language.code is None and language.letters >= context.settings.language.early_refusal_letters:
            raise InputError(_in_no_language(language))

    try:
        doc.text = read_pdf(doc.path, context.on_page, context.options, judge_first_pages)
    except ExtractError as exc:
        raise InputError(str(exc)) from exc
    doc.notices += doc.text.notices
    return doc


def _in_no_language(language: Language) -> str:
    names = " nor ".join(p.name for p in packs().values())
    return (f"the text is neither {names} ({language.share:.0%} of {language.letters} letters "
            f"{next(iter(packs().values())).name}): not a workplan in a language this tool reads (--language forces one)")


def judge_body_language(doc: Document, context: Context) -> Document:
    """The document is judged in the order that names the true cause: its language, then whether
    it is a workplan, then its edition (a foreign PDF is never sent to look for --edition). The
    language decides the pack every later stage reads with."""
    language = doc.language = judge_language(doc.text.lines, context.options.language, context.settings.language)
    if not language.letters:
        raise InputError("no text: the pages carry no letters to read (nor did OCR find any): not a workplan")
    if language.code is None:
        raise InputError(_in_no_language(language))
    return doc


def classify(doc: Document, context: Context) -> Document:
    doc.roles = assign_roles(doc.text.lines, doc.text.page_sizes, context.settings)
    doc.notices += doc.roles.notices
    doc.notices += foreign_pages(doc.roles.body, doc.language.code, context.settings.language)
    return doc


def segment_blocks(doc: Document, context: Context) -> Document:
    doc.segmented = segment(doc.roles.reading, doc.roles.body_sizes, context.settings)
    if not doc.segmented.priorities:
        raise InputError("no priority blocks found: this does not look like a workplan")
    doc.notices += doc.segmented.notices
    return doc


def name_edition(doc: Document, context: Context) -> Document:
    # The title in the metadata, else the first printed line naming a pair of years (cover, running header).
    printed_title = next((l.text for l in doc.text.lines if YEAR_PAIR.search(l.text)), None)
    doc.title = doc.text.title or printed_title
    edition = doc.edition or edition_from_title(doc.title) or edition_from_title(printed_title)
    if not edition:
        raise InputError("no edition years in the document's title: pass --edition")
    if not doc.edition and doc.language.code != DEFAULT_LANGUAGE:
        # Both language editions of one plan live side by side: `2021-2022`, `2021-2022-en`.
        edition = f"{edition}-{doc.language.code}"
    doc.edition = check_edition(edition)
    first_year = SINGLE_YEAR.search(doc.edition) or SINGLE_YEAR.search(doc.title or "")
    if first_year is None:
        raise InputError(f"edition {doc.edition!r} names no year to place deadlines printed without one")
    years = [int(y) for y in SINGLE_YEAR.findall(doc.edition)]
    doc.years = (int(first_year.group(1)), max(years, default=None))
    return doc


def normalise(doc: Document, context: Context) -> Document:
    segmented = replace(doc.segmented, notices=tuple(doc.notices))
    doc.rows, doc.notices = build_rows(segmented, doc.edition, *doc.years, doc.scanned_pages, context.settings)
    return doc


def measure_coverage(doc: Document, context: Context) -> Document:
    # Labels read from their content were consumed by segmentation, as the known ones are; what
    # OCR read where its correction was stored (`C4` of a deadline stored as `Q4`) was read too.
    consumed = [n.data[key] for n in doc.notices for key in ("label", "consumed") if n.data.get(key)]
    doc.coverage = measure(doc.roles.body, doc.roles.set_aside, doc.rows, consumed, doc.text.unread_letters)
    return doc


def hear_witness(doc: Document, context: Context) -> Document:
    # A tagged document's own passages, held against the values the tables were built from.
    if doc.text.passages is not None:
        values = values_read(doc.segmented, doc.roles.set_aside)
        doc.agreement = check_against_tags(doc.text.passages, values, doc.scanned_pages, context.settings)
        doc.notices += doc.agreement.notices
    return doc


STAGES: tuple[Callable[[Document, Context], Document], ...] = (
    read_text, judge_body_language, classify, segment_blocks, name_edition, normalise, measure_coverage, hear_witness,
)


def render_tables(doc: Document) -> dict[str, pa.Table]:
    """The contract's tables, rendered from the document the stages left."""
    coverage = doc.coverage
    documents_row = {
        "source_file": printable(doc.path.name), "sha256": sha256_of(doc.path),
        "title": " ".join((doc.title or "").split()) or None, "language": doc.language.code, "pages": doc.text.pages,
        "pipeline_version": __version__, "chars_printed": coverage.chars_printed,
        "chars_set_aside": coverage.chars_set_aside, "coverage": round(coverage.share, 6),
        "witness": "tags" if doc.agreement else None,
        "witness_confirmed": round(doc.agreement.share, 6) if doc.agreement and doc.agreement.share is not None else None,
    }
    warnings = [warning_row(n) for n in collapse_inferences(doc.notices)] + [warning_row(n) for n in coverage.notices]
    set_aside = [{"page": line.page, "role": line.role, "evidence": line.evidence, "text": line.text, **bbox(line.box)}
                 for line in doc.roles.set_aside]
    rows = {"documents": [documents_row], **doc.rows, "warnings": warnings, "set_aside": set_aside}
    return {name: to_table(name, doc.edition, table_rows) for name, table_rows in rows.items()}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def process_pdf(path: Path, edition: str | None = None, on_page: Callable[[int, int], None] | None = None,
                options: ReadOptions | None = None) -> EditionTables:
    """Read one PDF through every stage, each with the vocabulary of its options in force in the
    document's language (the one asked for until the language is judged)."""
    context = Context(options or ReadOptions(), on_page=on_page)
    doc = Document(Path(path), edition)
    vocabulary = context.options.vocabulary
    for stage in STAGES:
        language = doc.language.code if doc.language else context.options.language or vocabulary.language
        with use_vocabulary(vocabulary.in_language(language)):
            doc = stage(doc, context)
    return EditionTables(doc.edition, render_tables(doc))
