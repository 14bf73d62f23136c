"""The sample's content typeset other ways (small-print kickers, tables, a landscape matrix, two
columns, plain text) gives the sample's tables, on both engines.

Compared: every column but the page and the box. A line break next to a slash or a dash cannot
say whether a space was there (`ეუთოს/` ⏎ `დემოკრატიული`, `მე-2 -` ⏎ `მე-4`), so spaces around
slashes and dashes are not compared.
"""
import json
import subprocess
import sys

import pytest

from support import CONTENT_TABLES, FIXTURES, ROOT, comparable, differing_rows
from workplan.extract.records import ENGINES
from workplan.extract.pdf_lines import ReadOptions

LAYOUTS = sorted((FIXTURES / "layouts").glob("*.pdf"))

@pytest.fixture(scope="module", params=[(pdf, engine) for pdf in LAYOUTS for engine in ENGINES],
                ids=lambda p: f"{p[0].stem}-{p[1]}")
def layout_result(request):
    from workplan.pipeline import process_pdf

    pdf, engine = request.param
    return pdf.stem, process_pdf(pdf, options=ReadOptions(engine=engine))


def test_five_layouts_are_shipped():
    assert {p.stem for p in LAYOUTS} == {"kicker", "table", "matrix", "two-column", "plain"}


@pytest.mark.parametrize("name", CONTENT_TABLES)
def test_layout_gives_the_sample_tables(layout_result, sample_result, name):
    layout, result = layout_result
    assert list(comparable(result.tables[name]).columns) == list(comparable(sample_result.tables[name]).columns)
    differing = differing_rows(sample_result.tables[name], result.tables[name])
    assert differing.empty, f"{layout}: {name} differs\n{differing.head(10).to_string()[:3000]}"


def test_layout_raises_no_warning(layout_result):
    layout, result = layout_result
    warnings = result.tables["warnings"].to_pandas()
    assert warnings.empty, f"{layout}: {warnings[['code', 'page', 'message']].to_string()[:2000]}"


def test_layout_scores_against_the_gold(layout_result, tmp_path):
    from workplan.writer import write_edition

    _, result = layout_result
    write_edition(tmp_path, result.edition, result.tables)
    report = subprocess.run(
        [sys.executable, str(FIXTURES / "score.py"), str(FIXTURES / "gold" / "workplan_ka_2021_2022.json"), str(tmp_path),
         "--json", "--norms", str(FIXTURES / "deadline_norms_2021_2022.json"),
         "--registry", str(ROOT / "normalize" / "data" / "organizations.csv")],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(report.stdout)["score"] >= 0.99
