"""Property test over typesetting: the gold's content rendered in random layouts (fonts, sizes,
label styles, tables, columns, page sizes) gives the sample's tables.

Renders with `fixtures/render_layouts.py` (WeasyPrint, and headless Chromium for Skia/PDF on seeds of
its own). The variants are drawn from fixed seeds, so a failure names a layout that can be rendered
again; `WORKPLAN_LAYOUT_SEEDS=1-40` (`WORKPLAN_CHROMIUM_SEEDS`) runs more.
Georgian capitals are left out of the draw: the DejaVu fonts have no Mtavruli glyphs, so such a
rendering prints no text at all (tests/normalize covers capitals on text).
"""
import os
import random
import shutil

import pytest

from support import assert_renders_as_the_sample

DEFAULT_SEEDS = "1-8"
CHROMIUM_SEEDS = "101-104"


def seeds(variable: str = "WORKPLAN_LAYOUT_SEEDS", default: str = DEFAULT_SEEDS) -> list[int]:
    spec = os.environ.get(variable, default)
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last or first) + 1))


def variant(seed: int) -> dict:
    """A layout of `render_layouts.BASE` keys drawn from one seed."""
    draw = random.Random(seed)
    activities = draw.choice(["list", "list", "table", "matrix"])
    return dict(
        page="A4 landscape" if activities == "matrix" else draw.choice(["A4", "A4 landscape", "Letter"]),
        body_font=draw.choice(["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"]),
        head_font=draw.choice(["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Condensed"]),
        size=f"{draw.choice([8.5, 9, 9.5, 10, 10.5, 11, 12])}pt", line_height=str(draw.choice([1.15, 1.3, 1.5])),
        label=draw.choice(["inline", "kicker", "cell", "heading"]), label_size=f"{draw.choice([7.5, 8, 9, 10])}pt",
        activities=activities, orgs=draw.choice(["para", "table"]), org_size=draw.choice(["inherit", "8pt", "9pt"]),
        columns=draw.choice([1, 1, 2]) if activities == "list" else 1, bullet=draw.choice(["•", "▪", "-", "–", ""]),
        bold=draw.choice([True, False]), justify=draw.choice([True, False]), group_break=draw.choice([True, False]),
        label_case="none", heading_case="none", cell_labels=draw.choice([True, False]),
        objectives=draw.choice(["para", "box"]), margins=draw.choice(["2cm 2.2cm", "1.5cm 1.5cm", "2.5cm 3cm"]),
    )


@pytest.mark.parametrize("seed", seeds())
def test_a_random_layout_gives_the_sample_tables(seed, sample_result, tmp_path):
    assert_renders_as_the_sample(variant(seed), f"seed {seed}", sample_result, tmp_path)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed (make test installs it)")
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("seed", seeds("WORKPLAN_CHROMIUM_SEEDS", CHROMIUM_SEEDS))
def test_a_random_layout_written_by_chromium_gives_the_sample_tables(seed, engine, sample_result, tmp_path):
    assert_renders_as_the_sample(variant(seed), f"seed {seed} (Chromium)", sample_result, tmp_path, engine=engine,
                                 producer="chromium")


# Layouts that once read wrongly, kept by name.
EDGE_LAYOUTS = {
    # The label in a shaded cell, taller than the title beside it (loose line height): the cell and
    # the title are one band, read before the list under them (not as two columns).
    "label cell taller than its title": dict(label="cell", line_height="1.7", activities="list", orgs="table",
                                             justify=False, bullet="◦"),
    # A matrix set tight: an unnumbered activity opens a page; a header's short right part (`2021-2022`).
    "matrix, unnumbered row at a page top": dict(page="A4 landscape", body_font="DejaVu Sans Mono", size="9pt",
                                                 line_height="1.0", label="heading", label_size="7pt", activities="matrix",
                                                 orgs="para", margins="3cm 2cm", header_left="", header_right="2021-2022",
                                                 footer="გვერდი {n}"),
    # A5 at 12 pt: a table cell longer than a page, deadlines stacked and wrapped in a narrow cell.
    "A5 table, cells longer than a page": dict(page="A5", size="12pt", line_height="1.15", label="heading",
                                                head_font="DejaVu Serif Condensed", label_size="7.5pt", activities="table",
                                                bold=False, cell_labels=False, header_left="UN Network on Migration",
                                                header_right="სამუშაო გეგმა", footer="- {n} -", bullet=""),
    # Two columns with label cells: titles broken by a column end, a header read whole or in two parts.
    "two columns, label cells": dict(page="Legal", body_font="DejaVu Sans Mono", head_font="DejaVu Serif", size="8pt",
                                     line_height="1.7", label="cell", label_size="9pt", activities="list", columns=2,
                                     bullet="–", justify=False, group_break=True, org_size="8pt",
                                     header_left="UN Network on Migration", header_right="სამუშაო გეგმა",
                                     footer="გვერდი {n}"),
}


@pytest.mark.parametrize("name", sorted(EDGE_LAYOUTS))
def test_an_edge_layout_gives_the_sample_tables(name, sample_result, tmp_path):
    assert_renders_as_the_sample(EDGE_LAYOUTS[name], name, sample_result, tmp_path)
