"""The tags of a tagged PDF are a second witness of the reading: where they agree, nothing is said
and `documents.witness_confirmed` says how much they confirmed; where printed lines are moved
against them (the content stream redrawn, the tags left as the producer wrote them), the reading
changes and a `reading_disputed` warning names the page where the text went wrong."""
import json
import random
from itertools import groupby

import pdfplumber
import pytest

from pdf_factory import moved_lines
from support import ENGLISH_GOLD, ENGLISH_NORMS, FIXTURES, SAMPLE_GOLD, SAMPLE_NORMS, score, warnings_of
from workplan.extract.records import ENGINES

TAGGED = sorted((FIXTURES / "producers").glob("chromium_*.pdf")) + sorted((FIXTURES / "english").glob("chromium_*.pdf"))
KICKER = FIXTURES / "producers" / "chromium_kicker.pdf"


def read(pdf, engine="pdfium"):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    return process_pdf(pdf, options=ReadOptions(engine=engine))


def disputed_pages(result) -> list[int]:
    return list(warnings_of(result, "reading_disputed")["page"])


def tagged_lines(pdf, page: int) -> list[tuple[float, int, str]]:
    """The page's printed lines that carry a marked-content id: (baseline from the top, id, text)."""
    with pdfplumber.open(pdf) as document:
        each = document.pages[page - 1]
        height = float(each.height)
        marked = sorted((c for c in each.chars if c.get("mcid") is not None),
                        key=lambda c: (round(height - c["matrix"][5], 1), c["x0"]))
        return [(baseline, chars[0]["mcid"], "".join(c["text"] for c in chars))
                for baseline, chars in ((b, list(cs)) for b, cs in groupby(marked, key=lambda c: round(height - c["matrix"][5], 1)))]


def lines_of(lines, text: str) -> list[float]:
    """The baselines of the passage holding the beginning of `text` (spaces aside)."""
    start = "".join(text.split())[:20]
    for _, group in groupby(lines, key=lambda line: line[1]):
        group = list(group)
        if start in "".join("".join(line[2] for line in group).split()):
            return [line[0] for line in group]
    raise AssertionError(f"no passage holds {start!r}")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", TAGGED, ids=[f"{p.parent.name}-{p.stem}" for p in TAGGED])
def test_a_tagged_rendering_read_right_is_confirmed_by_its_tags_in_silence(pdf, engine):
    result = read(pdf, engine)
    documents = result.tables["documents"].to_pylist()[0]
    assert documents["witness"] == "tags"
    assert documents["witness_confirmed"] >= 0.9
    assert not disputed_pages(result), warnings_of(result, "reading_disputed")["message"].tolist()


def test_an_untagged_document_has_no_witness(sample_result):
    documents = sample_result.tables["documents"].to_pylist()[0]
    assert documents["witness"] is None and documents["witness_confirmed"] is None


def _first_priority_lines(pdf):
    """The page where the gold's first priority is printed, its title's lines and its first
    activity's, from the tags of the rendering."""
    priority = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))["priorities"][0]
    with pdfplumber.open(pdf) as document:
        pages = len(document.pages)
    for page in range(1, pages + 1):
        lines = tagged_lines(pdf, page)
        try:
            return page, lines_of(lines, priority["title"]), lines_of(lines, priority["activities"][0]["text"])
        except AssertionError:
            continue
    raise AssertionError("the first priority is not printed")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", ["a title's line into an activity", "lines of two activities", "two lines of one activity"])
def test_lines_moved_against_their_tags_are_disputed_on_their_page(case, engine, tmp_path):
    page, title, activity = _first_priority_lines(KICKER)
    assert len(title) >= 2 and len(activity) >= 3
    second_activity = _second_activity_lines(KICKER, page)
    first, second = {"a title's line into an activity": (title[1], activity[1]),
                     "lines of two activities": (activity[2], second_activity[1]),
                     "two lines of one activity": (activity[1], activity[2])}[case]
    moved = moved_lines(KICKER, tmp_path / "moved.pdf", page, {first: second, second: first})
    original, result = read(KICKER, engine), read(moved, engine)
    assert score(result, SAMPLE_GOLD, SAMPLE_NORMS, tmp_path)["score"] < score(original, SAMPLE_GOLD, SAMPLE_NORMS, tmp_path)["score"]
    assert page in disputed_pages(result), warnings_of(result)[["code", "page", "message"]].to_string()
    assert set(disputed_pages(result)) == {page}


def _second_activity_lines(pdf, page):
    activity = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))["priorities"][0]["activities"][1]
    return lines_of(tagged_lines(pdf, page), activity["text"])


SWAPS = {"ka": (KICKER, SAMPLE_GOLD, SAMPLE_NORMS), "en": (FIXTURES / "english" / "chromium_table.pdf", ENGLISH_GOLD, ENGLISH_NORMS)}


@pytest.mark.parametrize("language", SWAPS)
def test_lines_swapped_at_random_never_lower_the_score_in_silence(language, tmp_path):
    """Two printed lines of three words or more, of two passages, swapped on a random page, for
    a few seeds: the score stays at 0.99 or above, or a warning names the page; and most swaps
    that changed the tables are named."""
    pdf, gold, norms = SWAPS[language]
    with pdfplumber.open(pdf) as document:
        pages = len(document.pages)
    changed = named = 0
    for seed in range(6):
        draw = random.Random(seed)
        page = draw.randrange(4, pages + 1)
        lines = [line for line in tagged_lines(pdf, page) if len(line[2].split()) >= 3]
        first, second = draw.sample(lines, 2)
        if first[1] == second[1] or first[2] == second[2]:
            continue
        result = read(moved_lines(pdf, tmp_path / f"swap{seed}.pdf", page, {first[0]: second[0], second[0]: first[0]}))
        reported = score(result, gold, norms, tmp_path)["score"]
        disputed = page in disputed_pages(result)
        assert reported >= 0.99 or disputed, f"seed {seed}, page {page}: {reported}, no warning names the page"
        changed += reported < 1.0
        named += reported < 1.0 and disputed
    assert changed >= 3 and named >= changed * 3 / 4, (changed, named)
