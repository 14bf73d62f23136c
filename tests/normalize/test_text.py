"""Printed lines joined into one text: where a line break is a space and where it is none."""
from workplan.normalize.text import join_printed_lines


def test_a_break_after_a_words_hyphen_joins_without_a_space():
    assert join_printed_lines("კოვიდ-19-\nის") == "კოვიდ-19-ის"
    assert join_printed_lines("მე-\n3-მე-4 კვარტალში") == "მე-3-მე-4 კვარტალში"
    assert join_printed_lines("COVID-\n19 response") == "COVID-19 response"


def test_a_break_after_a_digits_hyphen_before_a_digit_keeps_its_space():
    # `2021-` ⏎ `2022` may be a range printed with a space or without: the break cannot tell.
    assert join_printed_lines("2021-\n2022") == "2021- 2022"


def test_any_other_break_is_one_space():
    assert join_printed_lines("ქალაქებისა და\n  სხვა") == "ქალაქებისა და სხვა"
    assert join_printed_lines("a –\nb") == "a – b"
