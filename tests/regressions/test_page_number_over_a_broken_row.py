"""A matrix as Chromium writes it draws a row the page end broke with its rules running on into the
bottom margin, and the page number (`6`) lands between them: it was read as a word of the activity
in that cell (`… ეროვნული 6 განვითარების …`). A number printed apart below a cell's text, at the
height where the other pages print theirs, is the page number."""
import shutil

import pytest

from support import assert_renders_as_the_sample

MATRIX = dict(page="A4 landscape", body_font="DejaVu Sans Mono", head_font="DejaVu Sans Condensed", size="11pt",
              line_height="1.15", label="inline", label_size="7.5pt", activities="matrix", orgs="table", org_size="8pt",
              bullet="-", bold=True, justify=False, group_break=True, cell_labels=True, margins="2.5cm 3cm")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed (make test installs it)")
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_page_number_between_a_broken_rows_rules_is_no_word_of_its_cell(engine, sample_result, tmp_path):
    assert_renders_as_the_sample(MATRIX, "matrix broken by page ends (Chromium)", sample_result, tmp_path, engine=engine,
                                 producer="chromium")
