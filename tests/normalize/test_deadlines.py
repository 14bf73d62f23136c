"""The deadline grammar: every printed form of the sample, and every form the spec lists."""
import json
from datetime import date
from pathlib import Path

import pytest

from workplan.normalize.deadlines import activity_span, clean, parse_deadline, split_stacked

NORMS = json.loads((Path(__file__).parents[1] / "fixtures" / "deadline_norms_2021_2022.json").read_text(encoding="utf-8"))
SAMPLE_FORMS = {k: v for k, v in NORMS.items() if not k.startswith("_")}


def as_lists(parsed):
    return [
        [p.start and p.start.isoformat(), p.end and p.end.isoformat(), p.granularity, p.qualifier, p.note, p.year_inferred]
        for p in parsed.parts
    ]


@pytest.mark.parametrize("raw", sorted(SAMPLE_FORMS))
def test_every_form_printed_in_the_sample(raw):
    parsed = parse_deadline(raw, default_year=2021)
    assert as_lists(parsed) == SAMPLE_FORMS[raw]
    assert parsed.problems == ()


D = date
# (printed, default year, expected parts as (start, end, granularity, qualifier, note, year_inferred))
SPEC_FORMS = [
    ("2024", 2023, [(D(2024, 1, 1), D(2024, 12, 31), "year", None, None, False)]),
    ("2023 წლის პირველი ნახევარი", 2023, [(D(2023, 1, 1), D(2023, 6, 30), "half", None, None, False)]),
    ("2023 წლის მეორე ნახევარი", 2023, [(D(2023, 7, 1), D(2023, 12, 31), "half", None, None, False)]),
    ("H1 2021", 2021, [(D(2021, 1, 1), D(2021, 6, 30), "half", None, None, False)]),
    ("H2 2022", 2021, [(D(2022, 7, 1), D(2022, 12, 31), "half", None, None, False)]),
    ("Q2 2024", 2023, [(D(2024, 4, 1), D(2024, 6, 30), "quarter", None, None, False)]),
    ("II კვარტალი", 2023, [(D(2023, 4, 1), D(2023, 6, 30), "quarter", None, None, True)]),
    ("2023 წლის IV კვარტალი", 2023, [(D(2023, 10, 1), D(2023, 12, 31), "quarter", None, None, False)]),
    ("2021 წლის მესამე კვარტალი", 2021, [(D(2021, 7, 1), D(2021, 9, 30), "quarter", None, None, False)]),
    ("2021 წლის მეოთხე კვარტალი", 2021, [(D(2021, 10, 1), D(2021, 12, 31), "quarter", None, None, False)]),
    ("2021 წლის თებერვალი", 2021, [(D(2021, 2, 1), D(2021, 2, 28), "month", None, None, False)]),
    ("2024 წლის თებერვალი", 2024, [(D(2024, 2, 1), D(2024, 2, 29), "month", None, None, False)]),
    ("2021 წლის ივნისში", 2021, [(D(2021, 6, 1), D(2021, 6, 30), "month", None, None, False)]),
    ("2021 წლის 15 ივნისი", 2021, [(D(2021, 6, 15), D(2021, 6, 15), "day", None, None, False)]),
    ("2022 წლის მაისი - ივნისი", 2022, [(D(2022, 5, 1), D(2022, 6, 30), "month", None, None, False)]),
    ("2022 წლის სექტემბრისთვის", 2022, [(None, D(2022, 9, 30), "month", "by", None, False)]),
    ("2022 წლის სექტემბრამდე", 2022, [(None, D(2022, 8, 31), "month", "before", None, False)]),
    ("2023 წლის ბოლომდე", 2023, [(None, D(2023, 12, 31), "year", "by", None, False)]),
    ("2023 წლისთვის", 2023, [(None, D(2023, 12, 31), "year", "by", None, False)]),
    ("– Q2 2023", 2023, [(None, D(2023, 6, 30), "quarter", "by", None, False)]),
    ("მიმდინარე", 2023, [(None, None, None, "ongoing", None, False)]),
    ("2021—2022", 2021, [(D(2021, 1, 1), D(2022, 12, 31), "year", None, None, False)]),
    ("2021 წლის პირველი და 2022 წლის მეოთხე კვარტალი", 2021,
     [(D(2021, 1, 1), D(2021, 3, 31), "quarter", None, None, False), (D(2022, 10, 1), D(2022, 12, 31), "quarter", None, None, False)]),
    ("2021 წლის 1-ლი კვარტალი", 2021, [(D(2021, 1, 1), D(2021, 3, 31), "quarter", None, None, False)]),
    ("Q4 2021 – Q1 2022", 2021, [(D(2021, 10, 1), D(2022, 3, 31), "quarter", None, None, False)]),
    ("2021-22", 2021, [(D(2021, 1, 1), D(2022, 12, 31), "year", None, None, False)]),
    ("2099-01", 2099, [(D(2099, 1, 1), D(2101, 12, 31), "year", None, None, False)]),  # across a century
    ("2021/2022", 2021, [(D(2021, 1, 1), D(2022, 12, 31), "year", None, None, False)]),
]


@pytest.mark.parametrize("raw,default_year,expected", SPEC_FORMS, ids=[f[0] for f in SPEC_FORMS])
def test_every_form_in_the_spec(raw, default_year, expected):
    parsed = parse_deadline(raw, default_year)
    got = [(p.start, p.end, p.granularity, p.qualifier, p.note, p.year_inferred) for p in parsed.parts]
    assert got == expected
    assert parsed.problems == ()


@pytest.mark.parametrize("raw", ["როცა შესაძლებელი იქნება", "2021 წლის 31 თებერვალი", "მე-7 კვარტალი 2021", "9999 წლის ბოლომდე", "",
                                 "15 2021", "2021-06"])
def test_unreadable_text_keeps_a_null_part_and_says_why(raw):
    parsed = parse_deadline(raw, 2021)
    assert parsed.raw == raw
    assert parsed.problems
    assert all(p.start is None and p.end is None for p in parsed.parts)
    assert len(parsed.parts) >= 1


def test_glued_year_and_dashes_are_cleaned():
    assert clean("2021წლის  პირველი – მე-2") == "2021 წლის პირველი - მე-2"


def test_activity_span_covers_all_parts_and_ignores_open_ends():
    parts = parse_deadline("– 2021 წლის მე-2 კვარტალი", 2021).parts + parse_deadline("2022 წლის პირველი კვარტალი", 2021).parts
    assert activity_span(list(parts)) == (D(2022, 1, 1), D(2022, 3, 31))
    assert activity_span([]) == (None, None)


def test_range_ending_before_it_starts_is_unreadable():
    # Found by fuzzing: a misread second period must not yield start > end.
    parsed = parse_deadline("2021 წლის 15 იანვარი - 7", 2021)
    assert [(p.start, p.end) for p in parsed.parts] == [(None, None)]
    assert "before it starts" in parsed.problems[0]


@pytest.mark.parametrize("lines, deadlines", [
    # Two deadlines stacked in a cell without labels, each whole on its lines.
    (["2022 წლის პირველი და მე-2 კვარტალი", "2021- 2022"], ["2022 წლის პირველი და მე-2 კვარტალი", "2021- 2022"]),
    # The same in a narrow cell: both wrap, the second opens on a line that is no period alone.
    (["2022 წლის პირველი და მე-2", "კვარტალი", "2021-", "2022"], ["2022 წლის პირველი და მე-2 კვარტალი", "2021- 2022"]),
    # One deadline wrapped over four lines stays one.
    (["2021 –", "2022 წლის", "პირველი", "კვარტალი"], ["2021 – 2022 წლის პირველი კვარტალი"]),
])
def test_stacked_deadlines_are_split_where_each_reads_as_a_period(lines, deadlines):
    assert split_stacked(lines, 2021) == deadlines


def test_a_stacked_deadline_never_opens_with_a_word_that_completes_the_line_before():
    # `2022` / `წლის პირველი და მე-2` / `კვარტალი` / … : `წლის` belongs to the year above it.
    assert split_stacked(["2022", "წლის პირველი და მე-2", "კვარტალი", "2021-", "2022"], 2021) == [
        "2022 წლის პირველი და მე-2 კვარტალი", "2021- 2022"]


# Forms later editions print (spec: "Forms later editions print"), each read by its meaning.
LATER_FORMS = [
    ("2024 წლის გაზაფხული", [(D(2024, 3, 1), D(2024, 5, 31), "month", None, None, False)]),
    ("2025 წლის ზაფხულში", [(D(2025, 6, 1), D(2025, 8, 31), "month", None, None, False)]),
    ("2024 წლის შემოდგომისთვის", [(None, D(2024, 11, 30), "month", "by", None, False)]),
    ("2024 წლის ზამთარი", [(D(2024, 12, 1), D(2025, 2, 28), "month", None, None, False)]),
    ("2024 წლის სექტემბრიდან", [(D(2024, 9, 1), None, "month", None, None, False)]),
    ("2025-დან", [(D(2025, 1, 1), None, "year", None, None, False)]),
    ("2024 წლის მარტიდან 2025 წლის თებერვლის ჩათვლით", [(D(2024, 3, 1), D(2025, 2, 28), "month", None, None, False)]),
    ("2024 წლის მე-3 კვარტლის ბოლომდე", [(None, D(2024, 9, 30), "quarter", "by", None, False)]),
    ("მუდმივად", [(None, None, None, "ongoing", None, False)]),
    ("2024 წლის მე-2 კვარტალი, შემდეგ მუდმივად",
     [(D(2024, 4, 1), D(2024, 6, 30), "quarter", None, None, False), (None, None, None, "ongoing", None, False)]),
    ("01.03.2025", [(D(2025, 3, 1), D(2025, 3, 1), "day", None, None, False)]),
    ("2024 წლის 1-ლი ნახევარი", [(D(2024, 1, 1), D(2024, 6, 30), "half", None, None, False)]),
    ("2024–2025 წწ.", [(D(2024, 1, 1), D(2025, 12, 31), "year", None, None, False)]),
    ("2024-2025 წლების განმავლობაში", [(D(2024, 1, 1), D(2025, 12, 31), "year", None, None, False)]),
    ("2024 წლის ივნისი და დეკემბერი",
     [(D(2024, 6, 1), D(2024, 6, 30), "month", None, None, False), (D(2024, 12, 1), D(2024, 12, 31), "month", None, None, False)]),
]


@pytest.mark.parametrize("raw,expected", LATER_FORMS, ids=[f[0] for f in LATER_FORMS])
def test_every_form_later_editions_print(raw, expected):
    parsed = parse_deadline(raw, 2024, 2026)
    got = [(p.start, p.end, p.granularity, p.qualifier, p.note, p.year_inferred) for p in parsed.parts]
    assert got == expected
    assert parsed.problems == ()


def test_annually_spans_the_editions_years():
    parsed = parse_deadline("ყოველწლიურად", 2024, 2026)
    assert [(p.start, p.end, p.granularity, p.year_inferred) for p in parsed.parts] == [(D(2024, 1, 1), D(2026, 12, 31), "year", True)]
    assert parsed.problems == ()


DRIFT_NORMS = json.loads((Path(__file__).parents[1] / "fixtures" / "deadline_norms_2026_2028_drift.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("raw", sorted(k for k in DRIFT_NORMS if not k.startswith("_")))
def test_every_form_printed_in_the_later_synthetic_edition(raw):
    parsed = parse_deadline(raw, default_year=2026, last_year=2028)
    assert as_lists(parsed) == DRIFT_NORMS[raw]
    assert parsed.problems == ()
