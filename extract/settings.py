"""Every layout threshold of the reading stages, in one typed place.

Distances are in points unless a name says `ratio` or `share`; ratios relative to a font size are
relative to the size of the text they judge, never to one rendering's fonts. A settings file
(`--settings FILE`, `from_pdf(settings=…)`; `workplan settings` prints every setting with its
line of documentation) overrides any of them, checked as pdfplumber checks its `TableSettings`.
"""
from __future__ import annotations

import difflib
import inspect
import math
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping


@dataclass(frozen=True)
class LayoutSettings:
    # --- characters → lines (extract.layout)
    # Glyphs whose baselines differ by at most this share of their size are on one line.
    baseline_tolerance_ratio: float = 0.3
    # A gap wider than this between two glyphs is a word break even without a space glyph.
    word_gap: float = 1.5
    # Line boxes reach from one font size above the baseline to this share of it below (descenders).
    descent_ratio: float = 0.2
    # Coordinates are reported to this many decimals.
    precision: int = 2

    # --- reading order (extract.layout)
    # An empty vertical strip at least this many font sizes wide, with no space glyph in it,
    # separates two text columns (or two cells of a table drawn without rules).
    gutter_ratio: float = 0.9
    # ... and each side of it must be at least this share of the region's width: the gap after a
    # hanging list number is not a gutter.
    column_min_share: float = 0.15
    # A column's rows start at one x, within this distance: text after a justified gap starts
    # wherever the stretched spaces of its row put it.
    column_edge_tolerance: float = 1.0
    # A table drawn without rules ends where a gap wider than this many font sizes opens.
    aligned_row_gap_ratio: float = 1.5
    # Ruling lines closer than this are one line (pdfplumber's table finder defaults); tables on
    # two pages whose columns start this close are one table continued.
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 1.0

    # --- text layer (extract.pdf_lines)
    # A page whose printed characters are mostly unmapped glyphs has a broken text layer.
    broken_share: float = 0.3
    # A font counts as broken when this share of its glyphs is unmapped, and it prints at least
    # `broken_font_glyphs` of them on the page (a heading font without ToUnicode is few glyphs).
    broken_font_glyphs: int = 4
    # A page with this many letters and fewer than `georgian_share` of them Georgian, in a Georgian
    # document, reads as a wrong ToUnicode map (or a page in another language: OCR reads it the same).
    judged_letters: int = 200
    georgian_share: float = 0.1
    # Text drawn rotated or mirrored: a page where this share of glyphs is not upright is reported.
    turned_share: float = 0.3

    # --- furniture (extract.roles)
    # Running headers and footers live in the outer tenth of the page height.
    margin_band: float = 0.10
    # A margin line repeated on at least this share of pages is a running header or footer.
    repeat_share: float = 0.5
    # ... or on that share of a stretch of pages it runs through, on this many pages at least, with
    # gaps of at most this many pages (chapter openings without a header).
    min_running_stretch: int = 5
    running_gap: int = 3
    # A piece of a running header must be this long, this similar and printed within this many
    # points of the header's usual position to be recognised as one (OCR splits and misreads).
    min_running_piece: int = 4
    running_similarity: float = 0.85
    running_position_tolerance: float = 3.0
    # ... or, for a line read by OCR (placed by its words' boxes), within this share of its size.
    ocr_position_tolerance_ratio: float = 0.75
    # A page with less than this share of its text at the document's body size has a body size of
    # its own (an annex in small print, a page scaled as a whole).
    foreign_page_share: float = 0.1
    own_body_min_chars: int = 300
    # Footnotes: printed below the page's body text, smaller than it by at least this ratio.
    footnote_size_ratio: float = 0.92

    # --- headings (extract.roles, extract.segment)
    # Larger than the page's body text by this ratio, a line stands out even without bold
    # (OCR line heights vary by a few percent).
    emphasis_ratio: float = 1.15
    # A section heading is printed this much larger than the body text.
    heading_ratio: float = 1.25
    # Consecutive emphasised lines of one style closer than this many line heights are one wrapped
    # heading; up to the wider gap they are joined only when together they form a priority label.
    heading_wrap_gap: float = 1.2
    heading_label_gap: float = 3.0
    # Lines read by OCR are set in one size when their estimated sizes are this close (tesseract's
    # word boxes vary with the letters a line holds); a text layer's sizes must be equal.
    ocr_same_size: float = 0.1
    # Two lines tesseract read side by side on one baseline are one justified line when the gap
    # between them is at most this many times the usual word gap of each (a column's gutter is far
    # wider than its lines' word gaps).
    ocr_justified_gap_ratio: float = 1.5

    # --- paragraphs (extract.segment)
    # A line starting this many font sizes left of the deadline above it begins a new paragraph.
    outdent_ratio: float = 0.5
    # A line printed this many times the usual line pitch below the line above it opens a paragraph.
    paragraph_gap_ratio: float = 1.2

    # --- the tags' witness (extract.witness)
    # A tagged passage of fewer words says too little to place; a run of fewer of its words found
    # elsewhere is no evidence of a misreading (short phrases recur).
    witness_min_words: int = 3
    # A passage is compared with at most this many of the values that share its rarest words.
    witness_candidates: int = 40


DEFAULT_LAYOUT = LayoutSettings()


class SettingsError(ValueError):
    """A settings file or mapping that cannot be used: one line naming the setting and why."""


def settings_from(overrides: Mapping[str, Any], base: LayoutSettings = DEFAULT_LAYOUT) -> LayoutSettings:
    """`base` with `overrides` (setting name → value) applied, each checked: a known name, a number
    of the setting's type, finite and not negative, a share at most 1."""
    known = {f.name: f for f in fields(LayoutSettings)}
    checked = {}
    for name, value in overrides.items():
        if name not in known:
            near = difflib.get_close_matches(str(name), known, n=1)
            raise SettingsError(f"unknown setting {name!r}" + (f" (did you mean {near[0]!r}?)" if near else
                                                               " (`workplan settings` lists them)"))
        whole = known[name].type in (int, "int")
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            raise SettingsError(f"{name}: {value!r} is not {'a whole number' if whole else 'a number'}")
        if not math.isfinite(value) or value < 0:
            raise SettingsError(f"{name}: {value!r} is not a finite number of at least 0")
        if name.endswith("share") and value > 1:
            raise SettingsError(f"{name}: {value!r} is a share of a whole: at most 1")
        checked[name] = int(value) if whole else float(value)
    return replace(base, **checked)


def load_settings(path: Path) -> LayoutSettings:
    """The settings of a YAML file of `name: value` lines; SettingsError naming the file and the cause."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path}: cannot be read as YAML ({type(exc).__name__})") from None
    if data is None:
        return DEFAULT_LAYOUT
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: not a mapping of setting names to values")
    try:
        return settings_from(data)
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}") from None


@lru_cache(maxsize=1)
def documentation() -> dict[str, str]:
    """Each setting's documentation: the comment lines above it in this file (a comment shared by
    settings declared together belongs to the first)."""
    docs, comment = {}, []
    for line in inspect.getsource(LayoutSettings).splitlines():
        text = line.strip()
        if text.startswith("# ---"):
            comment = []
        elif text.startswith("#"):
            comment.append(text.lstrip("# "))
        elif ":" in text and not text.startswith(("class", "@")):
            docs[text.split(":")[0]] = " ".join(comment)
            comment = []
    return docs


def settings_yaml(settings: LayoutSettings = DEFAULT_LAYOUT) -> str:
    """Every setting with its value and documentation, as a file `--settings` reads."""
    out = ["# Layout settings (workplan extract --settings FILE): edit the values, delete the lines you keep."]
    docs = documentation()
    for f in fields(LayoutSettings):
        if docs.get(f.name):
            out.append(f"# {docs[f.name]}")
        out.append(f"{f.name}: {getattr(settings, f.name)!r}")
    return "\n".join(out) + "\n"
