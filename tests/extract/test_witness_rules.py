"""The witness's rules on passages and values made by hand: agreement is silent, a passage read
into two values, out of order or resumed after another value is disputed on its page."""
from workplan.extract.records import Code
from workplan.extract.tags import Passage
from workplan.extract.witness import Value, check_against_tags, words


def value(what, text, page=1, labelled=False, block=0, set_aside=False):
    return Value(what, words(text), (page, page), labelled, set_aside, block)


TITLE = value("the title", "Core priority 1 Strengthening the network hub for every member state")
ACTIVITY = value("activity 1", "1 Organising a series of discussions with experts and member states", labelled=True)
LEAD = value("the lead list", "Lead agency IOM and UNDP together", labelled=True)
VALUES = [TITLE, ACTIVITY, LEAD]


def test_passages_read_as_their_values_are_confirmed_in_silence():
    passages = [Passage(1, "H2", "Core priority 1: Strengthening the network hub for every member state"),
                Passage(1, "P", "1. Organising a series of discussions with experts and member states")]
    agreement = check_against_tags(passages, VALUES)
    assert agreement.notices == ()
    assert agreement.share == 1.0


def test_a_cell_printing_an_activity_then_its_labelled_list_agrees():
    passages = [Passage(1, "TD", "1. Organising a series of discussions with experts and member states "
                                 "Lead agency: IOM and UNDP together")]
    assert check_against_tags(passages, VALUES).notices == ()


def test_a_title_line_read_into_an_activity_is_disputed_on_its_page():
    title = value("the title", "Core priority 1 Strengthening the network hub", page=3)
    activity = value("activity 1", "1 Organising a series for every member state of discussions with experts", page=3,
                     labelled=True)
    passages = [Passage(3, "H2", "Core priority 1: Strengthening the network hub for every member state")]
    agreement = check_against_tags(passages, [title, activity])
    assert [(n.code, n.page, n.data["read_in"]) for n in agreement.notices] == [(Code.READING_DISPUTED, 3, "activity 1")]
    assert agreement.share < 1.0


def test_words_read_out_of_their_order_are_disputed():
    activity = value("activity 1", "experts and member states 1 Organising a series of discussions with", labelled=True)
    passages = [Passage(2, "P", "1. Organising a series of discussions with experts and member states")]
    notices = check_against_tags(passages, [activity]).notices
    assert [(n.page, n.data["read_in"]) for n in notices] == [(2, "activity 1")]
    assert "out of their order" in notices[0].message


def test_a_value_resumed_after_another_on_its_page_is_disputed():
    passages = [Passage(1, "P", "1. Organising a series of discussions"),
                Passage(1, "P", "Lead agency: IOM and UNDP together"),
                Passage(1, "P", "with experts and member states")]
    notices = check_against_tags(passages, VALUES).notices
    assert [(n.page, n.data["read_in"], n.data["words_before_read_in"]) for n in notices] == [(1, "activity 1", "the lead list")]


def test_a_value_continued_on_the_next_page_is_no_dispute():
    activity = Value("activity 1", words("1 Organising a series of discussions with experts and member states"), (1, 2), True)
    lead = value("the lead list", "Lead agency IOM and UNDP together", labelled=True)
    passages = [Passage(1, "TD", "1. Organising a series of discussions"), Passage(1, "TD", "Lead agency: IOM and UNDP together"),
                Passage(2, "TD", "with experts and member states")]
    assert check_against_tags(passages, [activity, lead]).notices == ()


def test_of_two_identical_lists_the_one_after_the_activity_read_last_is_chosen():
    first, second = (value(f"activity {n}", f"{n} Holding event number {n} for the whole network", labelled=True) for n in (1, 2))
    lists = [value(f"the lead list of activity {n}", "Lead agency IOM and UNDP together", labelled=True) for n in (1, 2)]
    passages = [Passage(1, "P", "1. Holding event number 1 for the whole network"), Passage(1, "P", "Lead agency: IOM and UNDP together"),
                Passage(1, "P", "2. Holding event number 2 for the whole network"), Passage(1, "P", "Lead agency: IOM and UNDP together")]
    assert check_against_tags(passages, [first, lists[0], second, lists[1]]).notices == ()


def test_pages_read_by_ocr_are_not_held_against_tags():
    passages = [Passage(4, "H2", "Core priority 1: Strengthening the network hub for every member state")]
    agreement = check_against_tags(passages, [value("activity 1", "Core priority 1 Strengthening", page=4)], skip_pages=frozenset({4}))
    assert agreement.notices == () and agreement.share is None


def test_a_short_passage_places_nothing():
    passages = [Passage(1, "TD", "2021-2022")]
    agreement = check_against_tags(passages, VALUES)
    assert agreement.notices == () and agreement.words == 0


def test_furniture_inside_a_passage_is_no_dispute():
    header = value("the running header set aside on page 1", "Network workplan 2021 2022 priorities", set_aside=True)
    section = value("the section 'Introduction'", "Introduction The network was established to ensure effective support")
    passages = [Passage(1, "P", "Introduction The network was established Network workplan 2021 2022 priorities "
                                "to ensure effective support")]
    assert check_against_tags(passages, [section, header]).notices == ()
