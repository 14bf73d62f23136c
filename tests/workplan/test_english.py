"""The English edition of the sample, in every layout, reads as its English gold on both engines,
in English (`documents.language`), under its own edition key beside the Georgian one."""
import pytest

from support import ENGLISH_GOLD as GOLD, ENGLISH_NORMS as NORMS, FIXTURES, SAMPLE_PDF, score
from workplan.extract.pdf_lines import ReadOptions
from workplan.extract.records import ENGINES

ENGLISH = FIXTURES / "english"
LAYOUTS = sorted(ENGLISH.glob("*.pdf"))


@pytest.fixture(scope="module", params=[(pdf, engine) for pdf in LAYOUTS for engine in ENGINES],
                ids=lambda p: f"{p[0].stem}-{p[1]}")
def english_result(request):
    from workplan.pipeline import process_pdf

    pdf, engine = request.param
    return process_pdf(pdf, options=ReadOptions(engine=engine))


def test_every_shared_layout_is_shipped_in_english_by_both_producers():
    shared = {"kicker", "table", "matrix", "two-column", "plain"}
    assert {p.stem for p in LAYOUTS if not p.stem.startswith("chromium_")} == shared
    assert {p.stem.removeprefix("chromium_") for p in LAYOUTS if p.stem.startswith("chromium_")} == shared


def test_an_english_rendering_scores_as_its_gold(english_result, tmp_path):
    report = score(english_result, GOLD, NORMS, tmp_path)
    assert report["score"] >= 0.99, report


def test_an_english_edition_is_english_and_says_so_in_its_key(english_result):
    documents = english_result.tables["documents"].to_pandas()
    assert documents["language"].tolist() == ["en"]
    assert english_result.edition == "2021-2022-en"
    # The ids do not depend on the language: the Georgian gold's.
    priorities = set(english_result.tables["priorities"].column("priority_id").to_pylist())
    assert {"core-2.1", "tp-3", "twg-4"} <= priorities


def test_both_language_editions_of_one_plan_live_in_one_folder(tmp_path):
    import pandas as pd

    from workplan.pipeline import process_pdf
    from workplan.writer import write_edition

    out = tmp_path / "out"
    for pdf in (SAMPLE_PDF, ENGLISH / "kicker.pdf"):
        result = process_pdf(pdf)
        write_edition(out, result.edition, result.tables)
    documents = pd.read_parquet(out / "documents")
    assert dict(zip(documents["edition"].astype(str), documents["language"])) == {"2021-2022": "ka", "2021-2022-en": "en"}
    activities = pd.read_parquet(out / "activities")
    assert activities.groupby(activities["edition"].astype(str)).size().to_dict() == {"2021-2022": 60, "2021-2022-en": 60}


def test_the_language_can_be_forced(tmp_path):
    from workplan.pipeline import process_pdf

    forced = process_pdf(ENGLISH / "plain.pdf", edition="2021-2022-en", options=ReadOptions(language="en"))
    assert forced.tables["documents"].column("language").to_pylist() == ["en"]
    assert forced.edition == "2021-2022-en"  # an edition given is kept as given


# Labels a new English edition may print that the English pack does not list: read from their content.
UNLISTED = {"Lead:": "Coordinator:", "Members:": "Participating organizations:", "Co-leads:": "Co-conveners:"}


def _relabelled(node):
    if isinstance(node, dict):
        return {key: UNLISTED.get(value, value) if key == "label" else _relabelled(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_relabelled(value) for value in node]
    return node


@pytest.mark.parametrize("layout", ["kicker", "table"])
def test_an_english_edition_with_labels_the_pack_lacks_reads_from_their_content(layout, tmp_path):
    import json

    from support import renderer
    from workplan.pipeline import process_pdf

    render = renderer()
    gold = _relabelled(json.loads(GOLD.read_text(encoding="utf-8")))
    pdf = tmp_path / f"{layout}.pdf"
    render.render(gold, {**render.BASE, **render.LAYOUTS[layout]}, pdf)
    result = process_pdf(pdf)
    assert score(result, GOLD, NORMS, tmp_path)["score"] >= 0.99
    inferred = result.tables["warnings"].to_pandas().query("code == 'inferred_label'")
    assert {label.rstrip(":") for label in UNLISTED.values()} <= set(inferred["context"].str.split(":").str[0])
