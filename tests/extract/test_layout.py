"""Reading order from characters and rulings: columns by their gutters, ruled tables cell by cell,
panels as blocks; the cuts follow the page's geometry, not one rendering's sizes."""
import pytest

from workplan.extract.engines import Char, Rule
from workplan.extract.engines import make_rule as make_rule_of
from workplan.extract.settings import DEFAULT_SETTINGS
from workplan.extract.layout import find_grids, page_lines


def make_rule(x0: float, top: float, x1: float, bottom: float) -> Rule:
    return make_rule_of(x0, top, x1, bottom, DEFAULT_SETTINGS.text_layer.thin_rule)


def chars(text, x, baseline, size=10.0, advance=5.0, space_gap=0.0):
    """A printed run: one glyph per character, `space_gap` points of justification around spaces."""
    result, position = [], x
    for ch in text:
        if ch == " ":
            position += space_gap
        result.append(Char(ch, position, position + advance, baseline, size, "Body"))
        position += advance
        if ch == " ":
            position += space_gap
    return result


def texts(lines):
    return [l.text for l in lines]


def read(glyphs, rules=()):
    return page_lines(glyphs, rules, 1, lambda font: False)


@pytest.mark.parametrize("size", [7.0, 10.0, 14.0])
def test_two_columns_are_read_one_after_the_other(size):
    step, left, right = size * 1.4, 50.0, 50.0 + 60 * size * 0.5 + 3 * size
    glyphs = []
    for row in range(6):
        glyphs += chars(f"მარცხენა სვეტი {row}", left, 100 + row * step, size, size * 0.5)
        glyphs += chars(f"მარჯვენა სვეტი {row}", right, 100 + row * step, size, size * 0.5)
    order = texts(read(glyphs))
    assert order == [f"მარცხენა სვეტი {r}" for r in range(6)] + [f"მარჯვენა სვეტი {r}" for r in range(6)]


def test_justified_gaps_around_spaces_are_no_gutter():
    glyphs = []
    for row in range(4):
        glyphs += chars("სიტყვა სიტყვა სიტყვა", 50, 100 + row * 14, space_gap=12.0 if row % 2 else 20.0)
    assert texts(read(glyphs)) == ["სიტყვა სიტყვა სიტყვა"] * 4


def placed_words(words, x, baseline, stretch, size=10.0, advance=5.0):
    """A row whose producer places each word itself: a space of natural width ends each word but
    the last, and the justification is an empty stretch after it, with no glyph in it."""
    glyphs, position = [], x
    for index, word in enumerate(words):
        last = index == len(words) - 1
        glyphs += chars(word if last else word + " ", position, baseline, size, advance)
        position += (len(word) + 1) * advance + stretch
    return glyphs


@pytest.mark.parametrize("stretches", [(20.0,), (14.0, 21.0), (18.0, 11.0, 25.0)])
def test_justified_rows_of_words_placed_one_by_one_are_no_columns(stretches):
    """Each row's gaps wider than a gutter, on one row or on rows whose gaps overlap: every row
    stays one line, in order."""
    rows = [["პირველი", "მეორე", "მესამე", "მეოთხე"], ["ხუთი", "ექვსი", "შვიდი", "რვა"], ["ცხრა", "ათი", "თერთმეტი", "ბოლო"]]
    glyphs = []
    for index, stretch in enumerate(stretches):
        glyphs += placed_words(rows[index], 50, 100 + index * 14, stretch)
    assert texts(read(glyphs)) == [" ".join(row) for row in rows[:len(stretches)]]


def test_columns_whose_rows_end_with_a_space_are_still_columns():
    glyphs = [g for row in range(3) for g in chars(f"მარცხენა სვეტი {row} ", 50, 100 + row * 14)]
    glyphs += [g for row in range(3) for g in chars(f"მარჯვენა სვეტი {row}", 200, 100 + row * 14)]
    assert texts(read(glyphs)) == [f"მარცხენა სვეტი {r}" for r in range(3)] + [f"მარჯვენა სვეტი {r}" for r in range(3)]


def test_a_hanging_list_number_is_no_column():
    glyphs = []
    for row in range(3):
        glyphs += chars(f"{row + 1}.", 50, 100 + row * 28)
        glyphs += chars("აქტივობის ტექსტი, რომელიც გრძელდება", 80, 100 + row * 28)
        glyphs += chars("და მეორე სტრიქონზე გადადის", 80, 114 + row * 28)
    order = texts(read(glyphs))
    assert order[0] == "1. აქტივობის ტექსტი, რომელიც გრძელდება" and order[2].startswith("2.")


def test_a_ruled_table_is_read_row_by_row_cell_by_cell():
    xs, ys = (50.0, 80.0, 300.0, 400.0), (90.0, 110.0, 140.0, 170.0)
    rules = [make_rule(xs[0], y, xs[-1], y) for y in ys] + [make_rule(x, ys[0], x, ys[-1]) for x in xs]
    glyphs = chars("№", 55, 104) + chars("აქტივობა", 85, 104) + chars("ვადა", 305, 104)
    for row, y in enumerate((124, 154)):
        glyphs += chars(f"{row + 1}.", 55, y) + chars(f"ტექსტი {row + 1}", 85, y) + chars(f"202{row + 1}", 305, y)
    lines = read(glyphs, rules)
    assert texts(lines) == ["№", "აქტივობა", "ვადა", "1.", "ტექსტი 1", "2021", "2.", "ტექსტი 2", "2022"]
    assert [(l.cell.row, l.cell.column) for l in lines][3:6] == [(1, 0), (1, 1), (1, 2)]


def test_a_table_broken_by_the_page_end_is_closed():
    # The bottom rule of the last row is not drawn: the page ends inside it.
    xs, ys = (50.0, 200.0, 400.0), (90.0, 110.0)
    rules = [make_rule(xs[0], y, xs[-1], y) for y in ys] + [make_rule(x, ys[0], x, 160.0) for x in xs]
    grids = find_grids(rules)
    assert len(grids) == 1 and len(grids[0].rows) == 2 and grids[0].bbox[3] == 160.0


def test_a_row_longer_than_the_page_is_a_row_of_cells():
    # Broken at the page's top and bottom: vertical rules alone, from one height to another.
    xs = (69.0, 106.0, 272.0, 351.0)
    grids = find_grids([make_rule(x, 57.0, x, 539.0) for x in xs])
    assert len(grids) == 1 and len(grids[0].rows) == 1 and len(grids[0].rows[0]) == 3
    assert grids[0].bbox == (69.0, 57.0, 351.0, 539.0)
    # Two rules alone (a margin line and a bar) are no table.
    assert find_grids([make_rule(x, 57.0, x, 539.0) for x in xs[:2]]) == []


def test_a_shaded_label_cell_is_read_before_the_title_beside_it():
    panel = Rule(50.0, 90.0, 150.0, 130.0)  # a filled rectangle around the label
    glyphs = chars("ძირითადი", 55, 104) + chars("პრიორიტეტი 4", 55, 118) + chars("ერთიანი პოზიციის გამოხატვა", 154, 104)
    assert texts(read(glyphs, [panel])) == ["ძირითადი", "პრიორიტეტი 4", "ერთიანი პოზიციის გამოხატვა"]


def test_tables_side_by_side_are_found_apart():
    # Two tables in two columns whose bottom rules are 2.8 points apart: snapping one's rules to
    # the other's would leave neither closed.
    def table(x0, x1, top, bottom):
        return [make_rule(x0, top, x1, top), make_rule(x0, bottom, x1, bottom),
                make_rule(x0, top, x0, bottom), make_rule((x0 + x1) / 2, top, (x0 + x1) / 2, bottom), make_rule(x1, top, x1, bottom)]
    grids = find_grids(table(50.0, 300.0, 382.0, 425.5) + table(330.0, 600.0, 394.0, 428.3))
    assert [(round(g.bbox[0]), round(g.bbox[3], 1)) for g in grids] == [(50, 425.5), (330, 428.3)]


def test_a_table_without_rules_is_read_row_by_row_from_its_header():
    # No rule drawn: the header row of column names says where the columns are.
    glyphs = chars("№", 50, 100) + chars("აქტივობა", 80, 100) + chars("ვადა", 320, 100)
    glyphs += chars("1.", 50, 116) + chars("პირველი აქტივობის", 80, 116) + chars("2021 წლის", 320, 116)
    glyphs += chars("ტექსტი", 80, 130) + chars("მე-2 კვარტალი", 320, 130)
    glyphs += chars("2.", 50, 146) + chars("მეორე აქტივობა", 80, 146) + chars("2022", 320, 146)
    glyphs += chars("ცხრილის შემდეგ სტრიქონი მთელ სიგანეზე, რომელიც სვეტებს კვეთს", 50, 170)
    lines = read(glyphs)
    assert texts(lines) == ["№", "აქტივობა", "ვადა", "1.", "პირველი აქტივობის", "ტექსტი", "2021 წლის", "მე-2 კვარტალი",
                            "2.", "მეორე აქტივობა", "2022", "ცხრილის შემდეგ სტრიქონი მთელ სიგანეზე, რომელიც სვეტებს კვეთს"]
    assert [(l.cell.row, l.cell.column) for l in lines[3:8]] == [(1, 0), (1, 1), (1, 1), (1, 2), (1, 2)]
    assert lines[-1].cell is None


def test_the_same_heading_atop_two_columns_is_no_table_header():
    """`აქტივობები:` over each of two columns of text: parallel columns, read one after the other."""
    glyphs = chars("აქტივობები:", 50, 100) + chars("აქტივობები:", 330, 100)
    for row in range(1, 6):
        glyphs += chars(f"მარცხენა სვეტის სტრიქონი {row}", 50, 100 + row * 14)
        glyphs += chars(f"მარჯვენა სვეტის სტრიქონი {row}", 330, 100 + row * 14)
    lines = read(glyphs)
    assert all(line.cell is None for line in lines)
    assert texts(lines) == (["აქტივობები:"] + [f"მარცხენა სვეტის სტრიქონი {r}" for r in range(1, 6)]
                            + ["აქტივობები:"] + [f"მარჯვენა სვეტის სტრიქონი {r}" for r in range(1, 6)])


def test_a_space_printed_over_the_glyph_after_it_parts_nothing():
    # pdfplumber sorts glyphs by position: a space drawn before `h` but placed over it sorts after it.
    glyphs = chars("1.", 34.0, 550.0, 7.0, 2.2)
    glyphs.append(Char(" ", 162.6, 164.8, 550.0, 7.0, "Body"))
    glyphs += chars("https://example.org", 161.9, 550.0, 7.0, 2.8)
    assert texts(read(glyphs)) == ["1. https://example.org"]


def test_a_space_after_a_glyph_that_claims_to_be_wider_than_its_advance_still_parts_words():
    # pdfium measures some subset fonts' glyphs wider than the step to the next glyph: the space
    # sits where the glyph's own advance ends, inside the claimed box, and still parts two words.
    glyphs = [Char("ტ", 682.3, 692.2, 368.0, 9.3, "Bold"), Char("რ", 687.7, 694.8, 368.0, 9.3, "Bold"),
              Char("ი", 694.8, 704.0, 368.0, 9.3, "Bold"), Char(" ", 699.1, 702.4, 368.0, 9.3, "Bold"),
              Char("დ", 702.1, 709.8, 368.0, 9.3, "Bold"), Char("ა", 708.9, 714.8, 368.0, 9.3, "Bold")]
    assert texts(read(glyphs)) == ["ტრი და"]
