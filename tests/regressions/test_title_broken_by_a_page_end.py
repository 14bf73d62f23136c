"""A working group's title set beside its label and broken by a page end (`Thematic Working Group:
Improving regular pathways` closing one page, `through bilateral labour migration agreements` opening
the next, as Chromium laid out the English edition in two columns) opened a section on the next page,
and the group was left with half its title and no activities."""
from support import lines, segment_printed

HEADING = 12.5


def test_a_title_broken_by_a_page_end_stays_the_blocks_title(english):
    first = lines(("Thematic Working Group:", HEADING, True), ("Improving regular pathways", HEADING, True), start=740.0)
    second = lines(("through bilateral labour", HEADING, True), ("migration agreements", HEADING, True),
                   ("Activities:", 9.5, True), "1. Finalization of the guidance", "▪ Timeline: Q2 2021",
                   "Co-leads: ILO, IOM", page=2)
    doc = segment_printed(first + second, {1: 9.5, 2: 9.5})
    [priority] = doc.priorities
    assert priority.title == "Improving regular pathways through bilateral labour migration agreements"
    assert [a.text for a in priority.activities] == ["Finalization of the guidance"]
    assert not doc.sections
    assert not [n for n in doc.notices if n.code == "no_activities"]


def test_a_heading_after_a_block_with_content_is_no_part_of_its_title(english):
    first = lines(("Thematic Working Group:", HEADING, True), ("Improving regular pathways", HEADING, True),
                  ("Activities:", 9.5, True), "1. Finalization of the guidance", "▪ Timeline: Q2 2021", start=680.0)
    second = lines(("New Thematic Priorities", HEADING, True), "The Network agreed on new priorities.", page=2)
    doc = segment_printed(first + second, {1: 9.5, 2: 9.5})
    assert doc.priorities[0].title == "Improving regular pathways"
    assert [s.heading for s in doc.sections] == ["New Thematic Priorities"]
