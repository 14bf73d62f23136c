"""A structure read without a fault but implausible is a warning: coverage never looks perfect
while text sits in the wrong table."""
from support import BODY, lines, segment_printed
from workplan.extract.plausibility import number_value


def findings(doc):
    return [n.message for n in doc.notices if n.code == "implausible_structure"]


def test_an_activity_that_reads_as_a_deadline_is_reported():
    # A deadline printed as a bullet under a label nothing could read (no colon): it became an activity.
    doc = segment_printed(lines(
        ("ძირითადი პრიორიტეტი 1", 9.0, True), "სათაური", "აქტივობები:", "1. პირველი აქტივობა", "• 2024 წლის მარტი",
    ), BODY)
    assert any("reads as a deadline" in m for m in findings(doc))


def test_numbering_that_skips_or_restarts_is_reported():
    doc = segment_printed(lines(
        ("ძირითადი პრიორიტეტი 1", 9.0, True), "სათაური", "აქტივობები:",
        "1. პირველი", "2. მეორე", "4. მეოთხე", "1. ისევ პირველი",
    ), BODY)
    assert [m.split(": ")[1].split(" (")[0] for m in findings(doc)] == ["numbering skips", "numbering restarts"]


def test_a_block_without_deadlines_among_dated_siblings_is_reported():
    rows = []
    for n in range(1, 5):
        rows += [("ძირითადი პრიორიტეტი %d" % n, 9.0, True), "სათაური", "აქტივობები:", "1. აქტივობა"]
        rows += ["• ვადა: 2024"] if n != 3 else ["• როდის 2024"]
    assert any("ძირითადი პრიორიტეტი 3: no deadline" in m for m in findings(segment_printed(lines(*rows), BODY)))


def test_a_plain_block_raises_nothing():
    doc = segment_printed(lines(
        ("ძირითადი პრიორიტეტი 1", 9.0, True), "სათაური", "აქტივობები:", "1. პირველი", "• ვადა: 2024",
        "2. მეორე", "• ვადა: 2025", "წევრები: IOM, ILO",
    ), BODY)
    assert findings(doc) == []


def test_printed_numbers_in_every_style_have_a_value():
    assert [number_value(n) for n in ("3", "გ)", "(c)", "iv.", "x.", "12")] == [
        ("digit", 3), ("georgian", 3), ("latin", 3), ("roman", 4), ("roman", 10), ("digit", 12)]
