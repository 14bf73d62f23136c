"""Nothing lost, measured: every word of the body reaches a table or is counted as set aside."""
from workplan.extract.classify import content_marker
from workplan.extract.records import Box, Line
from workplan.coverage import measure


def line(page, text, role="body", evidence=""):
    """A line as classification leaves it: a set-aside one marked with the content it holds."""
    reads_as = content_marker(text) if role != "body" else None
    return Line(Box(page, 45.0, 100.0, 500.0, 110.0), text, 9.5, False, "Body", role=role, evidence=evidence,
                reads_as=reads_as)


def test_the_sample_and_its_layouts_lose_nothing(sample_result):
    documents = sample_result.tables["documents"].to_pylist()[0]
    assert documents["coverage"] == 1.0
    assert 0 < documents["chars_set_aside"] < documents["chars_printed"]
    assert "unassigned_text" not in sample_result.tables["warnings"].column("code").to_pylist()


def test_a_line_whose_words_reach_no_table_is_a_warning_with_its_page():
    rows = {"activities": [{"number_printed": "1", "text": "დისკუსიების სერიის ორგანიზება"}]}
    body = [line(3, "1. დისკუსიების სერიის ორგანიზება"), line(4, "დაკარგული სტრიქონი")]
    coverage = measure(body, [], rows)
    assert [(n.code, n.page, n.context) for n in coverage.notices] == [("unassigned_text", 4, "დაკარგული სტრიქონი")]
    lost = len("დაკარგული") + len("სტრიქონი")
    assert coverage.share == 1 - lost / sum(len(w) for w in "1 დისკუსიების სერიის ორგანიზება დაკარგული სტრიქონი".split())


def test_a_deadline_set_aside_as_furniture_is_reported():
    aside = [line(5, "• ვადა: 2021 წლის მე-2 კვარტალი", "footnote", "small print under the body text"),
             line(5, "12", "page_number", "a number alone in the page margin")]
    coverage = measure([], aside, {})
    assert [(n.code, n.page) for n in coverage.notices] == [("set_aside_content", 5)]
    assert "set aside as footnote" in coverage.notices[0].message
    assert coverage.chars_set_aside == coverage.chars_printed == len("ვადა2021წლისმე2კვარტალი") + 2
