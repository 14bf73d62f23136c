"""Segmentation rules on printed lines, including forms the sample does not print."""
from dataclasses import replace

from support import BODY, BODY_SIZE, lines, segment_printed
from workplan.extract.records import Box, Line


def test_glued_deadline_and_co_leads_with_a_colon():
    doc = segment_printed(lines(
        ("თემატური პრიორიტეტი 3", 9.0, True), "ახალი სათაური", "აქტივობები:",
        "1. პირველი აქტივობა", "• ვადა: 2023 წლის მარტამდე სხვა წამყვანი ორგანიზაციები: IOM, ILO",
    ), BODY)
    priority = doc.priorities[0]
    assert (priority.kind, priority.number, priority.title) == ("thematic_priority", "3", "ახალი სათაური")
    assert [d.raw for d in priority.activities[0].deadlines] == ["2023 წლის მარტამდე"]
    assert [(o.role, o.text) for o in priority.org_lists] == [("co_lead", "IOM, ILO")]


def test_repeated_number_and_decimal_reference_are_told_apart():
    doc = segment_printed(lines(
        ("ძირითადი პრიორიტეტი 2.3", 9.0, True), "სათაური", "აქტივობები:",
        "3. 3. გამეორებული ნომერი", "4. 2.3. სამუშაო ჯგუფის მითითებები",
    ), BODY)
    activities = doc.priorities[0].activities
    assert [(a.number_printed, a.text) for a in activities] == [("3", "გამეორებული ნომერი"), ("4", "2.3. სამუშაო ჯგუფის მითითებები")]


def test_label_broken_over_two_lines_without_bold():
    doc = segment_printed(lines("ძირითადი", "პრიორიტეტი 7", "სათაური ორ", "სტრიქონზე", "აქტივობები:", "1. აქტივობა"), BODY)
    assert [(p.number, p.title) for p in doc.priorities] == [("7", "სათაური ორ სტრიქონზე")]


def test_working_group_title_wraps_until_the_activities():
    doc = segment_printed(lines("თემატური სამუშაო ჯგუფი: გრძელი სათაური რომელიც", "გრძელდება აქ", "აქტივობები:", "1. ა"), BODY)
    assert doc.priorities[0].title == "გრძელი სათაური რომელიც გრძელდება აქ"


def test_objectives_label_variants_and_glued_lists():
    doc = segment_printed(lines(
        "თემატური სამუშაო ჯგუფი: ჯგუფი", "აქტივობები:", "1. ა", "ვადა. 2024",
        "წევრები მონაცემების საკითხებში: IOM, UNICEF მიგრაციის კომპაქტის მიზანი: 4 და 5",
        "თემატური სფერო 3: უსაფრთხოება",
    ), BODY)
    priority = doc.priorities[0]
    assert priority.activities[0].deadlines[0].raw == "2024"  # OCR read the colon as a full stop
    assert [(o.role, o.label, o.text) for o in priority.org_lists] == [("member", "წევრები მონაცემების საკითხებში", "IOM, UNICEF")]
    assert priority.gcm_raw == "4 და 5"
    assert (priority.thematic_area, priority.thematic_area_text) == (3, "უსაფრთხოება")


def test_activity_roles_attach_to_their_activity_and_stray_ones_are_reported():
    doc = segment_printed(lines(
        ("თემატური პრიორიტეტი 1", 9.0, True), "სათაური",
        "• ქსელი და წევრი დაინტერესებული მხარეები: IOM", "აქტივობები:", "1. ა", "• ვადა: 2023",
        "• მიგრაციის ქსელი და წამყვანი დაინტერესებული მხარეები: WHO",
    ), BODY)
    priority = doc.priorities[0]
    assert [(o.role, o.text) for o in priority.activities[0].org_lists] == [("activity_lead", "WHO")]
    assert [o.role for o in priority.org_lists] == ["activity_member"]
    assert [n.code for n in doc.notices] == ["role_outside_activity"]


def test_large_heading_ends_a_block_and_starts_a_section():
    doc = segment_printed(lines(
        ("თემატური პრიორიტეტი 1", 9.0, True), "სათაური", "აქტივობები:", "1. ა",
        ("დასკვნა", 15.0, True), "ტექსტი პირველი", "ტექსტი მეორე",
    ), BODY)
    assert len(doc.priorities[0].activities) == 1 and doc.priorities[0].activities[0].text == "ა"
    assert [(s.heading, s.text) for s in doc.sections] == [("დასკვნა", "ტექსტი პირველი ტექსტი მეორე")]


def test_numbered_label_inside_prose_is_not_a_block():
    doc = segment_printed(lines("ქსელი ასევე განიხილავს", "თემატური პრიორიტეტი 2 და მის შედეგებს, როგორც ეს ადრე ითქვა."), BODY)
    assert doc.priorities == ()


def test_word_bullets_and_numbered_working_group_labels():
    doc = segment_printed(lines(
        "თემატური სამუშაო ჯგუფი 2 – დაბრუნება", "აქტივობები:", "1. ა",
        "\uf0b7 ვადა: 2024", "\uf0b7 ქვე-აქტივობა ვადა: 2025", "● წევრები: IOM",
    ), BODY)
    priority = doc.priorities[0]
    assert (priority.kind, priority.number, priority.title) == ("thematic_working_group", "2", "დაბრუნება")
    assert [(a.number_printed, a.text, [d.raw for d in a.deadlines]) for a in priority.activities] == [
        ("1", "ა", ["2024"]), (None, "ქვე-აქტივობა", ["2025"])]
    assert [(o.role, o.label, o.text) for o in priority.org_lists] == [("member", "წევრები", "IOM")]


def test_label_broken_over_three_lines_in_a_narrow_cell():
    doc = segment_printed(lines("ძირითადი", "პრიორიტეტი", "1", "სათაური", "აქტივობები:", "1. აქტივობა"), BODY)
    assert [(p.kind, p.number, p.title) for p in doc.priorities] == [("core_priority", "1", "სათაური")]


def test_a_large_title_under_a_small_label_is_the_title_a_group_heading_is_not():
    doc = segment_printed(lines(("ძირითადი პრიორიტეტი 1", 7.5, False), ("დიდი სათაური", 14.0, True), "აქტივობები:", "1. ა",
                        ("თემატური პრიორიტეტი 2", 7.5, False), ("თემატური პრიორიტეტები", 15.0, True), "სათაური ორი",
                        "აქტივობები:", "1. ბ"), BODY)
    assert [p.title for p in doc.priorities] == ["დიდი სათაური", "სათაური ორი"]
    assert "თემატური პრიორიტეტები" in [s.heading for s in doc.sections]


def test_a_group_heading_set_as_plain_text_ends_the_block_before():
    printed = list(lines(("ძირითადი პრიორიტეტი 5", 9.5, False), "სათაური", "აქტივობები:", "1. აქტივობა", "• ვადა: 2021",
                         "არსებული თემატური სამუშაო ჯგუფები (TWGs)", "თემატური სამუშაო ჯგუფი: სათაური", "აქტივობები:", "1. ბ"))
    # A paragraph of its own: more space above it than between the lines of a paragraph.
    for index in range(5, len(printed)):
        box = printed[index].box
        printed[index] = replace(printed[index], box=replace(box, top=box.top + 12, bottom=box.bottom + 12))
    doc = segment_printed(tuple(printed), BODY)
    assert [len(p.activities) for p in doc.priorities] == [1, 1]
    assert "არსებული თემატური სამუშაო ჯგუფები (TWGs)" in [s.heading for s in doc.sections]


def test_a_group_heading_right_under_a_table_leaves_the_last_cell_in_its_row():
    """A line printed after a table opens a paragraph, however little space is above it, and the
    table's last cell (a deadline) stays in its activity, never joins the heading."""
    from workplan.extract.records import CellRef

    def cell(column, kind, top, text):
        ref = CellRef(0, 1, column, 3, (45, 80, 400), kind)
        return Line(Box(1, (45.0, 80.0, 400.0)[column], top, 500.0, top + BODY_SIZE), text, BODY_SIZE, False, "Body", ref)

    head = lines(("ძირითადი პრიორიტეტი 5", 9.5, False), "სათაური", "აქტივობები:")
    row_top = head[-1].box.top + 16
    row = (cell(0, "number", row_top, "1."), cell(1, "activity", row_top, "აქტივობა"), cell(2, "deadline", row_top, "2021 - 2022"))
    after = lines("არსებული თემატური სამუშაო ჯგუფები (TWGs)", "თემატური სამუშაო ჯგუფი: სათაური", "აქტივობები:", "1. ბ",
                  start=row_top + 16)  # the table's own row pitch: nothing sets the heading apart but the table's end
    doc = segment_printed(head + row + after, BODY)
    first = doc.priorities[0].activities[0]
    assert [d.raw for d in first.deadlines] == ["2021 - 2022"]
    assert "არსებული თემატური სამუშაო ჯგუფები (TWGs)" in [s.heading for s in doc.sections]


def test_a_title_begun_at_the_page_end_before_its_label_cell_is_the_titles_beginning():
    """A label cell and a title cell broken by the page end: the title's first lines close the page
    before, beside an empty label cell; the label and the rest follow on the next page."""
    before = lines(("ძირითადი პრიორიტეტი 3", 9.5, True), "სათაური", "აქტივობები:", "1. აქტივობა ერთი",
                   ("კლიმატის ცვლილების შესახებ", 11.0, True), ("ჩარჩო კონვენციის", 11.0, True), page=1, start=600.0)
    after = lines(("თემატური პრიორიტეტი 4", 9.5, True), ("და მიგრაციის კომპაქტის", 11.0, True), "აქტივობები:", "1. ბ",
                  page=2, start=60.0)
    doc = segment_printed(before + after, BODY)
    assert [p.title for p in doc.priorities] == ["სათაური", "კლიმატის ცვლილების შესახებ ჩარჩო კონვენციის და მიგრაციის კომპაქტის"]
    assert doc.priorities[0].activities[0].text == "აქტივობა ერთი"
    # A block whose own title closes the page keeps it.
    alone = lines(("ძირითადი პრიორიტეტი 3", 9.5, True), ("სათაური ბოლოში", 11.0, True), page=1, start=600.0)
    doc = segment_printed(alone + after, BODY)
    assert doc.priorities[0].title == "სათაური ბოლოში"


def test_labels_in_georgian_capitals_match_and_keep_their_printed_form():
    label = "ძირითადი პრიორიტეტი 2.1".upper()  # Mtavruli, as `text-transform: uppercase` prints it
    doc = segment_printed(lines((label, 9.5, True), "სათაური", "აქტივობები:".upper(), "1. აქტივობა", "ვადა: 2021".upper()), BODY)
    priority = doc.priorities[0]
    assert (priority.kind, priority.number, priority.label) == ("core_priority", "2.1", "ᲫᲘᲠᲘᲗᲐᲓᲘ ᲞᲠᲘᲝᲠᲘᲢᲔᲢᲘ")
    assert [(a.text, [d.raw for d in a.deadlines]) for a in priority.activities] == [("აქტივობა", ["2021"])]


def test_an_item_number_ocr_read_as_a_letter_is_the_number_after_the_row_above():
    """`L.`, `8.` and `is` under `№` on a scanned page are items 1, 3 and 4 (letters, or a digit's
    look-alike where the sequence leads to it), each an ocr_corrected warning; on a text layer
    what is printed stands (no number is made up)."""
    from workplan.extract.records import CellRef

    def table(source):
        rows = []
        for row, number in enumerate(("L.", "2.", "8.", "is"), start=1):
            top = 140.0 + 30 * row
            activity = ("შეხვედრების მომზადება", "ანგარიშის შემუშავება", "სემინარების ორგანიზება", "კვლევის დასრულება")[row - 1]
            for column, kind, text in ((0, "number", number), (1, "activity", activity), (2, "deadline", "2021 - 2022")):
                ref = CellRef(0, row, column, 3, (45, 80, 400), kind)
                rows.append(Line(Box(1, (45.0, 80.0, 400.0)[column], top, 500.0, top + BODY_SIZE), text, BODY_SIZE, False, "Body",
                                 ref, source=source))
        return lines(("ძირითადი პრიორიტეტი 5", 9.5, False), "სათაური", "აქტივობები:") + tuple(rows)

    scanned = segment_printed(table("ocr"), BODY)
    assert [a.number_printed for a in scanned.priorities[0].activities] == ["1", "2", "3", "4"]
    assert [n.code for n in scanned.notices].count("ocr_corrected") == 3
    typeset = segment_printed(table("text_layer"), BODY)
    assert "ocr_corrected" not in [n.code for n in typeset.notices]
    assert [a.number_printed for a in typeset.priorities[0].activities if a.number_printed] == ["2", "8"]


def test_a_title_read_by_ocr_in_sizes_a_little_apart_is_one_title():
    """tesseract sizes a line by its letters' boxes: a working group's title wrapped over three
    lines reads 10.0, 10.0 and 10.5 points under its 10.5-point label. On a scanned page that is one
    style (the title continues), not three headings that leave the block without a title."""
    heading = [("თემატური სამუშაო ჯგუფი:", 10.5, False), ("კანონიერი გზების გაუმჯობესება", 10.0, False),
               ("დაუცველ მდგომარეობაში მყოფი", 10.0, False), ("მიგრანტებისთვის", 10.5, False)]
    body = ["აქტივობები:", "1. შეხვედრების მომზადება", "ვადა: 2021 წლის ივლისისთვის"]
    scanned = tuple(replace(line, source="ocr", confidence=90.0) for line in lines(*heading, *body))
    block = segment_printed(scanned, {1: 8.0}).priorities[0]
    assert block.title == "კანონიერი გზების გაუმჯობესება დაუცველ მდგომარეობაში მყოფი მიგრანტებისთვის"
    assert len(block.activities) == 1


def test_a_group_word_from_a_vocabulary_met_in_prose_opens_no_block():
    """A vocabulary's group word opening a line of prose after a block's activities is text of that
    block, with an `unsupported_label` warning; the blocks after it keep their numbers."""
    from workplan.normalize.vocabulary import Vocabulary, use_vocabulary

    printed = lines(
        ("ინიციატივა: მიგრაციის მონაცემები", 10.5, True), "აქტივობები:", "1. მონაცემთა შეგროვება",
        "• ვადა: 2021", "ინიციატივა - ასე ეწოდება ქსელის ერთობლივ სამუშაოს, რომელიც ქვემოთ არის აღწერილი",
        ("ინიციატივა: შრომითი მიგრაცია", 10.5, True), "აქტივობები:", "1. კვლევის ჩატარება", "• ვადა: 2022",
    )
    with use_vocabulary(Vocabulary("groups", "test", groups={"thematic_working_group": ("ინიციატივა",)})):
        doc = segment_printed(printed, BODY)
    assert [p.title for p in doc.priorities] == ["მიგრაციის მონაცემები", "შრომითი მიგრაცია"]
    assert [n.code for n in doc.notices if n.code == "unsupported_label"] == ["unsupported_label"]
    assert "ქვემოთ" in " ".join(a.text + " ".join(d.raw for d in a.deadlines) for a in doc.priorities[0].activities)
