"""Labels the vocabulary lacks, read from what follows them; numbering in its printed forms."""
import pytest

from support import BODY, lines, segment_printed
from workplan.extract.labels import column_reading, key_cell_reading, read_label, role_from_morphology


@pytest.mark.parametrize("label, role", [
    ("თანახელმძღვანელები", "co_lead"),            # co- + lead stem
    ("თანათავმჯდომარეები", "co_lead"),            # co- + chair
    ("თანაკოორდინატორი ორგანიზაციები", "co_lead"),
    ("სხვა ხელმძღვანელი ორგანიზაციები", "co_lead"),  # other + lead
    ("კოორდინატორი ორგანიზაცია", "lead"),
    ("პარტნიორები", "member"),
    ("მონაწილე ორგანიზაციები", "member"),
    ("დამკვირვებლის სტატუსით", "observer"),
    ("წევრი დაინტერესებული მხარეები", "activity_member"),
    ("ქსელის შემადგენლობა", None),                 # no role stem: the list keeps role `other`
])
def test_the_role_of_a_list_label_comes_from_its_stems(label, role):
    assert role_from_morphology(label)[0] == role


def test_content_decides_what_an_unknown_label_is():
    assert read_label("როდის", "2024 წლის მე-2 კვარტალი", numbered_next=False).kind == "deadline"
    assert read_label("ამოცანები", "", numbered_next=True).kind == "activities"
    reading = read_label("თანაკოორდინატორები", "IOM, UNHCR, UNICEF", numbered_next=False)
    assert (reading.kind, reading.role) == ("org_list", "co_lead")
    # Registry organisations under a label no stem places: a list all the same, role `other`.
    reading = read_label("ქსელის შემადგენლობა", "IOM, ILO, UNDP, გაეროს ბავშვთა ფონდი (UNICEF)", numbered_next=False)
    assert (reading.kind, reading.role) == ("org_list", "other")
    # Prose after a colon is no label: its words stay in the text.
    assert read_label("კერძოდ", "ონლაინ კურსი და რეგიონული სემინარები ქვეყნებში.", numbered_next=False) is None


def test_a_key_cell_and_a_column_header_are_read_from_their_cells():
    assert key_cell_reading("ხელმძღვანელი ორგანიზაცია", "მიგრაციის საერთაშორისო ორგანიზაცია (IOM)").role == "lead"
    assert key_cell_reading("ხელმძღვანელი ორგანიზაცია", "2024 წლის მე-2 კვარტალი") is None
    assert column_reading("განრიგი", ["2024 წლის მარტი", "განრიგი: 2025", "2024-2025"])[0] == "deadline"
    assert column_reading("შენიშვნა", ["ტექსტი აქ", "სხვა ტექსტი"]) is None


def test_a_block_with_unknown_labels_reads_as_one_with_known_ones():
    doc = segment_printed(lines(
        ("ძირითადი პრიორიტეტი 1", 9.0, True), "სათაური", "დაგეგმილი სამუშაოები:",
        "ა) პირველი აქტივობა", "• როდის: 2024 წლის გაზაფხული",
        "ბ) მეორე აქტივობა", "• შესრულების ვადა: 15.09.2024",
        "ხელმძღვანელი ორგანიზაცია: IOM", "თანაკოორდინატორები: ILO, UNDP",
    ), BODY)
    priority = doc.priorities[0]
    assert priority.title == "სათაური"
    assert [(a.number_printed, a.text, [d.raw for d in a.deadlines]) for a in priority.activities] == [
        ("ა)", "პირველი აქტივობა", ["2024 წლის გაზაფხული"]), ("ბ)", "მეორე აქტივობა", ["15.09.2024"])]
    assert [(o.role, o.label, o.text) for o in priority.org_lists] == [
        ("lead", "ხელმძღვანელი ორგანიზაცია", "IOM"), ("co_lead", "თანაკოორდინატორები", "ILO, UNDP")]
    inferred = [n for n in doc.notices if n.code == "inferred_label"]
    assert {n.context for n in inferred} == {
        "დაგეგმილი სამუშაოები", "როდის", "შესრულების ვადა", "ხელმძღვანელი ორგანიზაცია", "თანაკოორდინატორები"}


@pytest.mark.parametrize("marks", [["1)", "2)"], ["(1)", "(2)"], ["a)", "b)"], ["i.", "ii."], ["ა)", "ბ)"]])
def test_numbering_in_its_printed_forms(marks):
    doc = segment_printed(lines(
        ("თემატური პრიორიტეტი 2", 9.0, True), "სათაური", "აქტივობები:",
        f"{marks[0]} პირველი", "• ვადა: 2024", f"{marks[1]} მეორე", "• ვადა: 2025",
    ), BODY)
    assert [(a.number_printed, a.text) for a in doc.priorities[0].activities] == [(marks[0], "პირველი"), (marks[1], "მეორე")]


def test_a_word_before_a_known_label_is_an_item_unless_it_modifies_the_label():
    doc = segment_printed(lines(
        ("თემატური პრიორიტეტი 2", 9.0, True), "სათაური", "აქტივობები:", "1. პირველი",
        "• ქვე-აქტივობა ვადა: 2025", "2. მეორე", "• შესრულების ვადა: 2026",
    ), BODY)
    activities = doc.priorities[0].activities
    assert [(a.text, [d.raw for d in a.deadlines]) for a in activities] == [
        ("პირველი", []), ("ქვე-აქტივობა", ["2025"]), ("მეორე", ["2026"])]


def test_an_unknown_numbered_label_set_like_the_known_ones_opens_a_block_of_the_kind_its_content_shows():
    doc = segment_printed(lines(
        ("ძირითადი პრიორიტეტი 1", 9.0, True), "სათაური", "აქტივობები:", "1. პირველი", "• ვადა: 2024",
        ("ინიციატივა 1", 9.0, True), "ახალი სათაური", "აქტივობები:", "1. მეორე", "• ვადა: 2025",
        "წევრები: IOM", "თემატური სფერო 2 - მიგრანტთა უფლებები",
    ), BODY)
    assert [(p.kind, p.label, p.number, p.title) for p in doc.priorities] == [
        ("core_priority", "ძირითადი პრიორიტეტი", "1", "სათაური"),
        ("thematic_working_group", "ინიციატივა", "1", "ახალი სათაური")]
    assert any(n.code == "inferred_label" and "ინიციატივა 1" in n.message for n in doc.notices)


def test_a_numbered_line_in_body_style_is_no_block_when_no_activities_follow():
    doc = segment_printed(lines(
        ("ძირითადი პრიორიტეტი 1", 9.0, True), "სათაური", "აქტივობები:", "1. პირველი", "• ვადა: 2024",
        ("ცხრილი 2", 9.0, True), "შენიშვნა ცხრილის შესახებ.",
    ), BODY)
    assert [p.label for p in doc.priorities] == ["ძირითადი პრიორიტეტი"]


def test_a_column_of_item_numbers_is_known_by_its_cells_whatever_its_few_signs():
    """`№` read by OCR as `Mი` or `Ne`, or a header the vocabulary lacks (`Nr.`): item numbers below."""
    for header in ("Mი", "Ne", "Nr."):
        assert column_reading(header, ["1.", "2.", "8.", "4)"])[0] == "number"
    assert column_reading("Mი", ["1.", "ტექსტი", "სხვა ტექსტი"]) is None  # mostly not numbers
    assert column_reading("ნომრები და შენიშვნები", ["1.", "2."]) is None  # a long header names something else


@pytest.mark.parametrize("label, role", [
    ("Co-coordinators", "co_lead"),    # co- + a lead stem
    ("Cochairs", "co_lead"),
    ("Other lead agencies", "co_lead"),
    ("Coordinating agency", "lead"),
    ("Partners", "member"),
    ("Participating organizations", "member"),
    ("Observer status", "observer"),
    ("Stakeholder members", "activity_member"),
    ("Composition of the network", None),
])
def test_the_role_of_an_english_list_label_comes_from_its_stems(english, label, role):
    assert role_from_morphology(label)[0] == role


def test_content_decides_what_an_unknown_english_label_is(english):
    assert read_label("When", "Q2 2024", numbered_next=False).kind == "deadline"
    assert read_label("Tasks", "", numbered_next=True).kind == "activities"
    reading = read_label("Co-conveners", "IOM, UNHCR, UNICEF", numbered_next=False)
    assert (reading.kind, reading.role) == ("org_list", "co_lead")
    assert read_label("In particular", "an online course and regional seminars in the countries.", numbered_next=False) is None
