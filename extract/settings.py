"""Every threshold of the stages, in one typed tree: a group of settings for each stage.

Distances are in points unless a name says `ratio`, `share`, `pixels` or `inches`; ratios relative
to a font size are relative to the size of the text they judge, never to one rendering's fonts.
Each setting's name is unique in the tree. A settings file (`--settings FILE`,
`from_pdf(settings=…)`; `workplan settings` prints every setting with its line of documentation)
overrides any of them, by group (`lines: {gutter_ratio: 1.2}`) or by name alone
(`gutter_ratio: 1.2`), checked as pdfplumber checks its `TableSettings`.
"""
from __future__ import annotations

import difflib
import inspect
import math
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping


@dataclass(frozen=True)
class TextLayerSettings:
    """Reading the text layer (extract.engines, extract.pdf_lines)."""
    # Strokes and rectangles thinner than this are lines (both engines report them as one rule).
    thin_rule: float = 2.0
    # A pdfium run is one record when its last glyph sits where the advances of the others put it,
    # within this distance (a gap that prints a space is `word_gap`): kerned or letter-spaced runs
    # are read glyph by glyph.
    run_tolerance: float = 0.25
    # A space pdfium generates stands for a printed one only where its gap is this share of the font size.
    generated_space_share: float = 0.2
    # Form XObjects nested deeper than this are not searched for rules.
    form_depth: int = 4
    # A page is read turned when more than this share of its glyphs runs in one other direction.
    turned_page_share: float = 0.6
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
    # pdfminer stops reading a page where its content stream turns to garbage; pdfium reads on. A
    # page where pdfminer finds fewer than this share of the letters pdfium finds lost text ...
    cut_short_share: float = 0.7
    # ... judged on pages with at least this many letters (covers and blanks are not).
    cut_short_min_letters: int = 200
    # The pages a document's first judgement (its language) is made on, when it has more.
    first_pages: int = 10


@dataclass(frozen=True)
class LinesSettings:
    """Characters into lines, lines into reading order and tables (extract.layout)."""
    # Glyphs whose baselines differ by at most this share of their size are on one line.
    baseline_tolerance_ratio: float = 0.3
    # A gap wider than this between two glyphs is a word break even without a space glyph.
    word_gap: float = 1.5
    # Line boxes reach from one font size above the baseline to this share of it below (descenders).
    descent_ratio: float = 0.2
    # Coordinates are reported to this many decimals.
    precision: int = 2
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
    # A row broken at both ends (a cell longer than a page) is drawn as this many vertical rules or more.
    open_row_rules: int = 3


@dataclass(frozen=True)
class FurnitureSettings:
    """Running headers, footers, footnotes, contents pages and page sizes (extract.roles)."""
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
    # A page holding at least this many contents entries is a table of contents.
    contents_min_entries: int = 3
    # Width and height changed by one factor, within this share: a page scaled as a whole.
    scale_tolerance: float = 0.01
    # Sizes within this share of each other are one size (rounding in exporters and engines).
    same_size_share: float = 0.05
    # The height assumed for a page whose size is not known (A4).
    unknown_page_height: float = 842.0
    # A sheet more than this many times as tall as everything printed on it is far larger than its page.
    sheet_to_frame: float = 4.0


@dataclass(frozen=True)
class HeadingSettings:
    """Headings and priority labels (extract.roles, extract.classify, extract.segment)."""
    # Larger than the page's body text by this ratio, a line stands out even without bold
    # (OCR line heights vary by a few percent).
    emphasis_ratio: float = 1.15
    # A section heading is printed this much larger than the body text.
    heading_ratio: float = 1.25
    # Consecutive emphasised lines of one style closer than this many line heights are one wrapped
    # heading; up to the wider gap they are joined only when together they form a priority label.
    heading_wrap_gap: float = 1.2
    heading_label_gap: float = 3.0


@dataclass(frozen=True)
class BlockSettings:
    """Paragraphs, labels and the shape of blocks (extract.segment, extract.labels, extract.plausibility)."""
    # A line starting this many font sizes left of the deadline above it begins a new paragraph.
    outdent_ratio: float = 0.5
    # A line printed this many times the usual line pitch below the line above it opens a paragraph.
    paragraph_gap_ratio: float = 1.2
    # An organisation list: at least this share of its items name registry organisations.
    org_list_share: float = 0.5
    # The longest deadline of the sample and the later editions prints 13 words (two periods and a
    # parenthesised continuation); a text twice as long is prose.
    max_deadline_words: int = 26
    # A name in a list is at most this many words; a single item ending like a sentence is prose.
    max_item_words: int = 12
    # A numbers column is headed by a few signs (`№`, `#`, `Nr.`), whatever they are.
    max_number_header: int = 4
    # A priority kind whose blocks mostly print deadlines: at least this share of them.
    siblings_with_deadlines: float = 0.5


@dataclass(frozen=True)
class OcrSettings:
    """Reading scanned pages with tesseract (extract.ocr, extract.ocr_words)."""
    # Pages are rendered for OCR at this resolution (dots per inch) ...
    dpi: int = 300
    # ... unless that takes more pixels than this: A4 at 300 dpi is 8.7 million; a larger page is
    # rendered at a lower resolution instead (a 200-inch page would need 3.6 billion).
    max_pixels: int = 40_000_000
    # An OCR line box spans ascenders to descenders: about this many times the font size.
    line_height_per_point: float = 1.3
    # A word box reaching into a word of the line above or below by more than this share of the
    # shorter's height took in its neighbour's ink: it does not measure its line's size.
    line_overlap: float = 0.1
    # Words of one line whose heights differ by at most this ratio are set in one height.
    full_height_spread: float = 1.08
    # Lines read by OCR are set in one size when their estimated sizes are this close (tesseract's
    # word boxes vary with the letters a line holds); a text layer's sizes must be equal.
    ocr_same_size: float = 0.1
    # Two lines tesseract read side by side on one baseline are one justified line when the gap
    # between them is at most this many times the usual word gap of each (a column's gutter is far
    # wider than its lines' word gaps).
    ocr_justified_gap_ratio: float = 1.5
    # Space around a word's crop read again alone, and between crops in the strip, in multiples of
    # the word's height.
    crop_margin_ratio: float = 0.35
    strip_gap_ratio: float = 1.0
    # Pixels of page kept around a shaded cell read again alone (its border stays outside the words).
    fill_margin_pixels: int = 10
    # A Georgian second reading replaces a Latin first one only when at least this much more confident
    # (tesseract's confidences of two models are close on a clear word; a clear gain means a guess).
    second_reading_gain: float = 5.0
    # A second reading is kept only where its letters, at the line's size, would be at least this
    # share of the word box's height (a bullet's box is shorter than any word's).
    reading_fit: float = 0.8
    # A ruled table's cell holds ink when this share of its inside (this many pixels in from its
    # rules) is dark.
    cell_ink_share: float = 0.003
    cell_inset_pixels: int = 4
    # A text hangs before a line's first word within this many of the line's heights (an item number
    # left of its paragraph). Ink no word covers there, clear of other ink by `line_start_clearance`
    # heights on its left and at least `line_start_min_height` tall, is text the page's reading left
    # out: it is read again alone.
    line_start_reach: float = 3.0
    line_start_clearance: float = 0.5
    line_start_min_height: float = 0.5
    # Pixels around a table's rule set aside with it there: a rule's drawn width runs past its box.
    rule_margin_pixels: int = 2
    # A number hangs left of its item's text when the next line starts this many of the line's
    # heights from where the text after the number does, at most (and further from the number).
    hanging_tolerance: float = 0.5
    # A word OCR misread in a label is put right only when it is at least this long (a short word
    # is one letter from too many others).
    min_corrected_length: int = 5


@dataclass(frozen=True)
class ImageSettings:
    """Preparing a page image for OCR: skew, light, the sheet in a photo, rules, fills (extract.ocr_image)."""
    # Skews searched, in degrees either way, and the step: a scanner turns a page by a degree or two.
    max_skew: float = 4.0
    skew_step: float = 0.1
    # The skew is measured on a copy this many pixels wide at most (fast; text lines stay distinct).
    skew_width_pixels: int = 900
    # Below this many degrees a page is not turned (resampling blurs glyphs more than it helps).
    min_skew: float = 0.15
    # Paper brightness is estimated on a copy reduced by this factor, where a max filter of this many
    # pixels is wider than any stroke: it leaves the paper and drops the ink.
    light_reduction: int = 8
    light_window_pixels: int = 7
    # A photographed sheet is brighter than the desk around it. Its outline is looked for on a copy
    # this many pixels wide ...
    sheet_width_pixels: int = 600
    # ... with gaps between its letters closed over this many pixels of that copy.
    sheet_closing_pixels: int = 9
    # A sheet covers at least this share of the photo; a quadrilateral whose corners all lie within
    # this share of the image's corners is the image itself (a scan, or a photo cropped to the sheet).
    min_sheet_share: float = 0.3
    frame_share: float = 0.01
    # The outline is simplified to corners within this share of its perimeter.
    outline_tolerance_share: float = 0.02
    # A photo shows ground around the sheet: its outer band (this share of each side) is darker than
    # the paper by this ratio.
    band_share: float = 0.02
    ground_ratio: float = 0.75
    # The paper's grey: this percentile of the photo's pixels (the brightest, whatever share the sheet covers).
    paper_percentile: float = 99
    # A ruling line is darker than the paper by this many grey levels (grey table rules are light) ...
    rule_contrast: int = 40
    # ... and runs on for at least this many inches: longer than any glyph's stroke.
    rule_min_inches: float = 0.25
    # Rows (or columns) of one drawn rule: a stroke a few pixels thick is found in each of them.
    rule_thickness_pixels: int = 6
    # Light text on a dark fill (a label in a shaded cell): blocks of this many pixels whose mean grey
    # is below `dark_fill` are a fill, turned dark-on-light before tesseract reads the page ...
    fill_block_pixels: int = 8
    dark_fill: int = 110
    # ... when at least this many blocks touch: smaller dark patches are ink (a bold glyph, a logo's stroke).
    min_fill_blocks: int = 12
    # A fill holds a line of text with room around it: one less tall is a blurred bold word (a photo).
    min_fill_inches: float = 0.12
    # A row or column of pixels belongs to a fill when this share of it is dark (light text crosses it).
    fill_line_share: float = 0.4
    # Inverted, a fill's ground is the grey most of its pixels have: this percentile of them.
    fill_ground_percentile: float = 75


@dataclass(frozen=True)
class LanguageSettings:
    """Judging a document's language (workplan.language, workplan.pipeline)."""
    # A document's letters are mostly in its language's script (acronyms and URLs are the rest).
    script_share: float = 0.5
    # A page with this many letters, mostly not in the document's script, is worth a warning.
    foreign_page_letters: int = 300
    # A document whose first pages print this many letters, none of them mostly in a language
    # pack's script, is refused there, before its other pages are read.
    early_refusal_letters: int = 2000


@dataclass(frozen=True)
class NormalizeSettings:
    """Organisations to the registry (normalize.organizations)."""
    # A misspelt acronym is accepted at one edit only when it is at least this long.
    acronym_typo_min_length: int = 4
    # Similarity of stemmed names needed to accept a misspelt name (one best candidate only).
    name_similarity: float = 0.9
    # A printed `Name (ACR)` whose name is less similar than this to every name the registry gives
    # the acronym's holder (in the same script) names another organisation that shares the acronym.
    same_holder_similarity: float = 0.5


@dataclass(frozen=True)
class WitnessSettings:
    """The tags' witness (extract.witness)."""
    # A tagged passage of fewer words says too little to place; a run of fewer of its words found
    # elsewhere is no evidence of a misreading (short phrases recur).
    witness_min_words: int = 3
    # A passage is compared with at most this many of the values that share its rarest words.
    witness_candidates: int = 40


@dataclass(frozen=True)
class CompareSettings:
    """Matching two editions' activities and two languages' (workplan.changes, workplan.alignment)."""
    # Similarity of normalised texts (0..1) at or above which two activities are worded the same.
    same_text: float = 0.98
    # Within one priority, the best remaining pair at or above this is a rewording; below it, one
    # activity removed and another added (a real rewording scores about 0.7, two different
    # activities of one priority about 0.3).
    reworded_in_place: float = 0.6
    # Across priorities, a pair must be this close to count as one activity moved.
    moved: float = 0.85
    # An aligned pair of languages must agree on more than this share of its evidence.
    pair_agreement: float = 0.4


@dataclass(frozen=True)
class Settings:
    """The tree: one group for each stage."""
    text_layer: TextLayerSettings = field(default_factory=TextLayerSettings)
    lines: LinesSettings = field(default_factory=LinesSettings)
    furniture: FurnitureSettings = field(default_factory=FurnitureSettings)
    headings: HeadingSettings = field(default_factory=HeadingSettings)
    blocks: BlockSettings = field(default_factory=BlockSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    image: ImageSettings = field(default_factory=ImageSettings)
    language: LanguageSettings = field(default_factory=LanguageSettings)
    normalize: NormalizeSettings = field(default_factory=NormalizeSettings)
    witness: WitnessSettings = field(default_factory=WitnessSettings)
    compare: CompareSettings = field(default_factory=CompareSettings)


DEFAULT_SETTINGS = Settings()


class SettingsError(ValueError):
    """A settings file or mapping that cannot be used: one line naming the setting and why."""


@lru_cache(maxsize=1)
def groups() -> dict[str, type]:
    """Each group's name in the tree and its class."""
    return {f.name: type(getattr(DEFAULT_SETTINGS, f.name)) for f in fields(Settings)}


@lru_cache(maxsize=1)
def _group_of() -> dict[str, str]:
    """Each setting's name → its group's."""
    return {f.name: group for group, cls in groups().items() for f in fields(cls)}


def _checked(name: str, spec, value: Any) -> int | float:
    whole = spec.type in (int, "int")
    if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
        raise SettingsError(f"{name}: {value!r} is not {'a whole number' if whole else 'a number'}")
    if not math.isfinite(value) or value < 0:
        raise SettingsError(f"{name}: {value!r} is not a finite number of at least 0")
    if name.endswith("share") and value > 1:
        raise SettingsError(f"{name}: {value!r} is a share of a whole: at most 1")
    return int(value) if whole else float(value)


def _unknown(name: str, group: str | None = None) -> SettingsError:
    if group is None:
        near = difflib.get_close_matches(name, [*_group_of(), *groups()], n=1)
        shown = name
    else:
        near = [f"{group}.{n}" for n in difflib.get_close_matches(name, [f.name for f in fields(groups()[group])], n=1)]
        shown = f"{group}.{name}"
    return SettingsError(f"unknown setting {shown!r}" + (f" (did you mean {near[0]!r}?)" if near else
                                                        " (`workplan settings` lists them)"))


def settings_from(overrides: Mapping[str, Any], base: Settings = DEFAULT_SETTINGS) -> Settings:
    """`base` with `overrides` applied: a group's name → a mapping of its settings, or a setting's
    name alone → its value. Each is checked: a known name, a number of the setting's type, finite
    and not negative, a share at most 1."""
    by_group: dict[str, dict[str, Any]] = {}
    for name, value in overrides.items():
        if name in groups():
            if not isinstance(value, Mapping):
                raise SettingsError(f"{name}: a group of settings, given {value!r} instead of a mapping of them")
            for inner, inner_value in value.items():
                if _group_of().get(inner) != name:
                    raise _unknown(str(inner), name) if inner not in _group_of() else SettingsError(
                        f"{inner} is a setting of {_group_of()[inner]!r}, not of {name!r}")
                by_group.setdefault(name, {})[inner] = inner_value
        elif name in _group_of():
            by_group.setdefault(_group_of()[name], {})[name] = value
        else:
            raise _unknown(str(name))
    changed = {}
    for group, values in by_group.items():
        current = getattr(base, group)
        specs = {f.name: f for f in fields(current)}
        changed[group] = replace(current, **{n: _checked(n, specs[n], v) for n, v in values.items()})
    return replace(base, **changed)


def load_settings(path: Path) -> Settings:
    """The settings of a YAML file (the form `workplan settings` prints); SettingsError naming the
    file and the cause."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path}: cannot be read as YAML ({type(exc).__name__})") from None
    if data is None:
        return DEFAULT_SETTINGS
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: not a mapping of setting names to values")
    try:
        return settings_from(data)
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}") from None


@lru_cache(maxsize=1)
def documentation() -> dict[str, str]:
    """Each setting's documentation: the comment lines above it in this file (settings declared
    together share the comment above the first); each group's, its docstring."""
    docs = {}
    for group, cls in groups().items():
        docs[group] = inspect.getdoc(cls) or ""
        comment: list[str] = []
        shared = ""
        for line in inspect.getsource(cls).splitlines()[1:]:
            text = line.strip()
            if text.startswith("#"):
                comment.append(text.lstrip("# "))
            elif ":" in text and not text.startswith(('"""', "@")):
                shared = docs[text.split(":")[0]] = " ".join(comment) or shared
                comment = []
    return docs


def settings_yaml(settings: Settings = DEFAULT_SETTINGS) -> str:
    """Every setting with its value and documentation, by group, as a file `--settings` reads."""
    out = ["# Settings (workplan extract --settings FILE): edit the values, delete the lines you keep."]
    docs = documentation()
    for group in groups():
        out += ["", f"# {docs[group]}", f"{group}:"]
        values = getattr(settings, group)
        for previous, f in zip([None, *fields(values)], fields(values)):
            if previous is None or docs[f.name] != docs[previous.name]:
                out.append(f"  # {docs[f.name]}")
            out.append(f"  {f.name}: {getattr(values, f.name)!r}")
    return "\n".join(out) + "\n"
