"""The deadline grammar read with the English pack: every form the English edition of the sample
prints gives the parts its Georgian form gives, and the English forms docs/deadlines.md lists."""
import json
from datetime import date

import pytest

from support import ENGLISH_NORMS
from workplan.normalize.deadlines import parse_deadline

NORMS = json.loads(ENGLISH_NORMS.read_text(encoding="utf-8"))
ENGLISH_FORMS = {k: v for k, v in NORMS.items() if not k.startswith("_")}


def as_lists(parsed):
    return [[p.start and p.start.isoformat(), p.end and p.end.isoformat(), p.granularity, p.qualifier, p.note, p.year_inferred]
            for p in parsed.parts]


@pytest.mark.parametrize("raw", sorted(ENGLISH_FORMS))
def test_every_form_printed_in_the_english_edition(english, raw):
    parsed = parse_deadline(raw, default_year=2021)
    assert as_lists(parsed) == ENGLISH_FORMS[raw]
    assert parsed.problems == ()


D = date
# (printed, expected parts as (start, end, granularity, qualifier)), the edition 2021–2022
FORMS = [
    ("Q2 2021", [(D(2021, 4, 1), D(2021, 6, 30), "quarter", None)]),
    ("First half of 2021", [(D(2021, 1, 1), D(2021, 6, 30), "half", None)]),
    ("second half of 2022", [(D(2022, 7, 1), D(2022, 12, 31), "half", None)]),
    ("2nd quarter of 2021", [(D(2021, 4, 1), D(2021, 6, 30), "quarter", None)]),
    ("Ongoing", [(None, None, None, "ongoing")]),
    ("Throughout 2022", [(D(2022, 1, 1), D(2022, 12, 31), "year", None)]),
    ("From July 2021", [(D(2021, 7, 1), None, "month", None)]),
    ("From July 2021 to March 2022", [(D(2021, 7, 1), D(2022, 3, 31), "month", None)]),
    ("end of 2022", [(None, D(2022, 12, 31), "year", "by")]),
    ("By the end of Q3 2021", [(None, D(2021, 9, 30), "quarter", "by")]),
    ("Until June 2022", [(None, D(2022, 6, 30), "month", "by")]),
    ("Prior to July 2021", [(None, D(2021, 6, 30), "month", "before")]),
    ("Spring 2022", [(D(2022, 3, 1), D(2022, 5, 31), "month", None)]),
    ("Winter 2021", [(D(2021, 12, 1), D(2022, 2, 28), "month", None)]),
    ("15 June 2021", [(D(2021, 6, 15), D(2021, 6, 15), "day", None)]),
    ("June 15, 2021", [(D(2021, 6, 15), D(2021, 6, 15), "day", None)]),
    ("June 15, 2021 and July 2022", [(D(2021, 6, 15), D(2021, 6, 15), "day", None), (D(2022, 7, 1), D(2022, 7, 31), "month", None)]),
    ("Sept. 2021", [(D(2021, 9, 1), D(2021, 9, 30), "month", None)]),
    ("January and June 2022", [(D(2022, 1, 1), D(2022, 1, 31), "month", None), (D(2022, 6, 1), D(2022, 6, 30), "month", None)]),
    ("Annually", [(D(2021, 1, 1), D(2022, 12, 31), "year", None)]),
]


@pytest.mark.parametrize("raw, expected", FORMS, ids=[raw for raw, _ in FORMS])
def test_an_english_form_means_what_the_grammar_says(english, raw, expected):
    parsed = parse_deadline(raw, 2021, 2022)
    assert [(p.start, p.end, p.granularity, p.qualifier) for p in parsed.parts] == expected
    assert parsed.problems == ()


def test_a_word_that_only_begins_like_a_month_is_no_month(english):
    # English words are matched whole: `marks` is not March, `decade` not December.
    assert parse_deadline("marks 2021", 2021).problems and parse_deadline("decade 2021", 2021).problems


def test_english_words_mean_nothing_to_the_georgian_grammar():
    assert parse_deadline("By July 2021", 2021).problems  # Georgian in force: `By July` is not read
