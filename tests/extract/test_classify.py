"""Classification's marks: what a line opens with, the priority label it carries, the content a
set-aside line holds, and headings broken over lines joined before they are matched."""
from support import BODY, lines
from workplan.extract.classify import INFERRED, content_marker, key_cell_label, opening_marker, read_body, without_sub_bullet
from workplan.extract.roles import assign_roles


def test_a_line_is_known_by_the_marker_it_opens_with():
    assert opening_marker("• ვადა: 2021 წლის მე-2 კვარტალი") == "deadline"
    assert opening_marker("10.ცოდნის პლატფორმის მასალებით") == "number"
    assert opening_marker("მიგრაციის ქსელი მუშაობს") is None


def test_a_set_aside_line_holding_a_deadline_is_marked_with_it():
    assert content_marker("შენიშვნა, ვადა: 2021 წლის ივლისი") == "deadline"
    assert content_marker("12") is None
    # Drawn below the page's box: set aside as outside the page, and marked with what it holds.
    page = lines(*[f"სტრიქონი {i}" for i in range(30)]) + lines("ვადა: 2021 წლის ივლისი", start=900.0)
    roles = assign_roles(page, ((595.0, 842.0),))
    [outside] = roles.set_aside
    assert (outside.role, outside.reads_as) == ("outside_page", "deadline")
    assert all(l.reads_as is None for l in roles.body)


def test_a_label_broken_over_two_lines_is_joined_and_matched_once():
    [label, title, *_] = read_body(lines("ძირითადი", "პრიორიტეტი 7", "სათაური", "აქტივობები:", "1. აქტივობა"), BODY)
    assert label.text == "ძირითადი პრიორიტეტი 7"
    assert (label.label.kind, label.label.number) == ("core_priority", "7")
    assert title.label is None and title.marker is None


def test_a_label_the_vocabulary_lacks_is_marked_by_its_shape_only():
    [line] = read_body(lines(("ინიციატივა 2: ახალი სათაური", 11.0, True)), BODY)
    assert (line.label.kind, line.label.label, line.label.number, line.label.rest) == (INFERRED, "ინიციატივა", "2", "ახალი სათაური")


def test_a_key_cell_is_read_once_as_a_known_role_or_from_its_value():
    known = key_cell_label("სხვა წამყვანი\nორგანიზაციები:", "UNICEF")
    assert (known.role, known.evidence) == ("co_lead", "")
    unknown = key_cell_label("• ხელმძღვანელი ორგანიზაცია", "მიგრაციის საერთაშორისო\nორგანიზაცია (IOM)")
    assert unknown.role == "lead" and unknown.evidence
    assert key_cell_label("ხელმძღვანელი ორგანიზაცია", "2024 წლის მე-2 კვარტალი") is None


def test_a_sub_bullet_is_known_only_before_a_word():
    assert without_sub_bullet("– ტრენინგი პარტნიორებისთვის;") == "ტრენინგი პარტნიორებისთვის;"
    assert without_sub_bullet("– 15 ივლისი)") is None
    assert without_sub_bullet("ტრენინგი") is None
