"""On an English scan, OCR read a speck as a comma inside a working group's label (`Thematic Working,
Group: Alternatives to Immigration Detention`): the label went unread, the group's activities,
deadlines and lists became the text of the section above it, and every working group after it took
the id of the one before, with no warning. A section holding what only a block holds says so."""
from support import lines
from workplan.extract.roles import assign_roles
from workplan.extract.segment import segment


def _read(*rows):
    printed = lines(*rows)
    roles = assign_roles(printed, ((595.0, 842.0),))
    return segment(roles.reading, roles.body_sizes)


def test_a_section_holding_a_blocks_deadlines_and_lists_says_so(english):
    doc = _read(("Existing Thematic Working Groups (TWGs)", 14.0, True), "Thematic Working, Group: Alternatives to Detention",
                "Activities:", "1. Second learning event among Member States", "▪ Timeline: By July 2021",
                "Co-leads: IDC, UNHCR, UNICEF", "The group meets every quarter.")
    [warning] = [n for n in doc.notices if n.code == "block_text_in_section"]
    assert (warning.page, warning.context) == (1, "▪ Timeline: By July 2021")
    assert warning.data == {"section": "Existing Thematic Working Groups (TWGs)", "lines": 2}


def test_a_section_of_prose_says_nothing(english):
    doc = _read(("Overview", 14.0, True), "The Network has made significant progress over the past two years.",
                "1. Its establishment is complete.", "What is needed now is support at the country level.")
    assert not [n for n in doc.notices if n.code == "block_text_in_section"]
    assert [s.heading for s in doc.sections] == ["Overview"]
