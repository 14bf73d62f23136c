"""Running headers, page numbers and footnotes are recognised by repetition, position and size."""

from workplan.extract.roles import assign_roles
from workplan.extract.records import Box, CellRef, Line

HEIGHT = 842.0


def line(page, top, text, size=9.5, font="Body"):
    return Line(Box(page, 45.0, top, 500.0, top + size), text, size, False, font)


def test_headers_footers_and_footnotes_are_dropped_body_kept():
    lines = []
    for page in range(1, 6):
        lines += [
            line(page, 40, f"სამუშაო გეგმა 2031 – 2032 · ნაწილი {page}", 8.5),  # running header with a changing number
            line(page, 300, f"ტექსტი გვერდზე {page}"),
            line(page, 760, f"https://example.org/{'abcde'[page - 1]}%7Cb", 7.5),  # footnote in small print
            line(page, 800, str(page), 8.5),  # page number
        ]
    lines.append(line(3, 64, "გეგმა", 9.5))  # body text in the top band, a word of the header, one line lower
    lines.append(line(4, 40, "სამუშაო გეგმა 2031 – 2032", 8.5))  # the header split into pieces by OCR…
    lines.append(line(4, 40.5, "ნაწილი", 8.5))  # …each printed where the header is
    roles = assign_roles(tuple(lines), tuple((595.0, HEIGHT) for _ in range(5)))
    assert sorted(l.text for l in roles.body) == sorted([f"ტექსტი გვერდზე {p}" for p in range(1, 6)] + ["გეგმა"])
    assert set(roles.body_sizes.values()) == {9.5}
    assert {l.role for l in roles.set_aside} == {"running_header", "footnote", "page_number"}


def test_a_header_read_as_one_line_where_other_pages_print_its_parts_apart_is_a_header():
    """Left and right parts of a header are two lines where a page's columns cut them apart, one
    line where nothing does: both are the running header."""
    lines = []
    for page in range(1, 5):
        if page == 3:
            lines.append(line(page, 23, "UN Network on Migration სამუშაო გეგმა", 7.5))
        else:
            lines += [line(page, 23, "UN Network on Migration", 7.5), line(page, 23, "სამუშაო გეგმა", 7.5)]
        lines.append(line(page, 300, f"ტექსტი გვერდზე {page}"))
    roles = assign_roles(tuple(lines), tuple((595.0, HEIGHT) for _ in range(4)))
    assert sorted(l.text for l in roles.body) == [f"ტექსტი გვერდზე {p}" for p in range(1, 5)]


def test_a_short_piece_of_a_header_printed_apart_is_a_header_too():
    """`2021-2022`, the right part of a header, too short to be judged alone, read apart from its
    left part where a table's columns cut the page."""
    lines = []
    for page in range(1, 6):
        if page == 4:
            lines += [line(page, 31, "UN Network on Migration", 7.5), line(page, 31, "2021-2022", 7.5)]
        else:
            lines.append(line(page, 31, "UN Network on Migration 2021-2022", 7.5))
        lines.append(line(page, 300, f"ტექსტი გვერდზე {page}"))
    roles = assign_roles(tuple(lines), tuple((595.0, HEIGHT) for _ in range(5)))
    assert sorted(l.text for l in roles.body) == [f"ტექსტი გვერდზე {p}" for p in range(1, 6)]


def test_ocr_lines_lose_only_url_footnotes():
    ocr = [line(1, 300, "ტექსტი", 8.0, "ocr"), line(1, 320, "მოკლე", 6.5, "ocr"), line(1, 760, "www.example.org/x", 6.0, "ocr")]
    roles = assign_roles(tuple(ocr), ((595.0, HEIGHT),))
    assert [l.text for l in roles.body] == ["ტექსტი", "მოკლე"]


def roles_of(lines, pages=5):
    return {l.text: l.role for l in assign_roles(tuple(lines), tuple((595.0, HEIGHT) for _ in range(pages))).lines}


def page_of_body(page, start=100, rows=30):
    return [line(page, start + 14 * i, f"ტექსტის სტრიქონი ნომერი {page}-{i} რომელიც სხეულს ეკუთვნის") for i in range(rows)]


def test_small_print_lists_and_deadlines_stay_in_the_body():
    # Organisation lists and deadlines set smaller than the body (kicker layouts) used to be
    # dropped as footnotes: small print alone is no evidence.
    lines = page_of_body(1) + [
        line(1, 560, "წევრები: ILO, IOM, გაეროს ბავშვთა ფონდი (UNICEF)", 8.0),
        line(1, 572, "• ვადა: 2021 წლის მე-2 კვარტალი", 8.0),
        line(1, 700, "ძირითადი პრიორიტეტი 2.2", 7.5),
    ]
    roles = roles_of(lines, pages=1)
    assert roles["წევრები: ILO, IOM, გაეროს ბავშვთა ფონდი (UNICEF)"] == "org_list"
    assert roles["• ვადა: 2021 წლის მე-2 კვარტალი"] == "deadline"
    assert roles["ძირითადი პრიორიტეტი 2.2"] == "priority_label"


def test_footnote_needs_a_reference_mark_under_the_body_or_a_url():
    lines = page_of_body(1) + [
        line(1, 540, "მცირე შრიფტით დაბეჭდილი შენიშვნა ტექსტის ბოლოს", 7.5),  # under the body, no mark
        line(1, 700, "1 იხილეთ ქსელის ანგარიში, 2021", 7.5),  # mark, under the body
        line(1, 712, "და მისი დანართები", 7.5),  # the footnote goes on
        line(1, 300, "www.migrationnetwork.un.org/ka", 7.5),  # a URL in small print, anywhere
    ]
    roles = roles_of(lines, pages=1)
    assert roles["მცირე შრიფტით დაბეჭდილი შენიშვნა ტექსტის ბოლოს"] == "body"
    assert roles["1 იხილეთ ქსელის ანგარიში, 2021"] == "footnote"
    assert roles["და მისი დანართები"] == "footnote"
    assert roles["www.migrationnetwork.un.org/ka"] == "footnote"


def test_a_number_in_the_bottom_band_is_a_page_number_only_where_page_numbers_are_printed():
    lines = []
    for page in range(1, 6):
        lines += page_of_body(page, rows=3) + [line(page, 800, str(page), 7.5)]
    lines.append(Line(Box(3, 45.0, 760.0, 60.0, 772.0), "7", 9.5, True, "Body"))  # a label's number wrapped low on the page
    roles = assign_roles(tuple(lines), tuple((595.0, HEIGHT) for _ in range(5))).lines
    assert [l.role for l in roles if l.text == "7"] == ["body"]
    assert {l.role for l in roles if l.box.top == 800} == {"page_number"}


def test_a_page_of_small_print_has_its_own_body_size_a_cover_takes_the_bodys():
    cover = [Line(Box(1, 45.0, 300.0, 500.0, 322.0), "სამუშაო გეგმა", 22.0, False, "Body")]
    annex = [Line(Box(4, 45.0, 100.0 + 9 * i, 500.0, 107.0 + 9 * i), f"დანართის სტრიქონი {i} მცირე შრიფტით დაბეჭდილი ტექსტი", 7.0, False, "Body")
             for i in range(40)]
    roles = assign_roles(tuple(cover + page_of_body(2) + page_of_body(3) + annex), tuple((595.0, HEIGHT) for _ in range(4)))
    assert roles.body_sizes == {1: 9.5, 2: 9.5, 3: 9.5, 4: 7.0}
    assert {l.role for l in roles.lines if l.page == 4} == {"body"}  # not headings, not footnotes
    assert [l.role for l in roles.lines if l.page == 1] == ["heading"]


def small_print_page(page, rows=80):
    return [line(page, 60 + 9 * i, f"დანართის სტრიქონი {page}-{i} მცირე შრიფტით დაბეჭდილი ტექსტი", 7.0) for i in range(rows)]


def test_a_short_page_continues_the_body_around_it_when_small_print_carries_most_text():
    """Four body pages, the third with two lines only, then an annex of small print with more text
    than the body: the short page's lines are body text at the body's size, not headings."""
    short = [line(3, 100, "2. მოკლე აქტივობა გვერდის ბოლოს"), line(3, 114, "ვადა: 2022 წლის ბოლო")]
    lines = page_of_body(1) + page_of_body(2) + short + page_of_body(4) + [l for p in (5, 6, 7) for l in small_print_page(p)]
    roles = assign_roles(tuple(lines), tuple((595.0, HEIGHT) for _ in range(7)))
    assert roles.body_sizes == {1: 9.5, 2: 9.5, 3: 9.5, 4: 9.5, 5: 7.0, 6: 7.0, 7: 7.0}
    assert {l.role for l in roles.lines if l.page == 3} == {"activity", "deadline"}  # not headings


def test_a_header_on_every_page_of_the_body_is_furniture_when_an_annex_without_it_is_longer():
    header = "UN Network on Migration · სამუშაო გეგმა 2031 – 2032"
    lines = [l for p in range(1, 7) for l in page_of_body(p) + [line(p, 30, header, 8.5), line(p, 810, str(p), 8.5)]]
    lines += [l for p in range(7, 20) for l in small_print_page(p)]
    lines += [line(3, 812, "შენიშვნა ბოლოში", 8.5), line(9, 812, "შენიშვნა ბოლოში", 8.5)]  # twice, pages apart: no furniture
    roles = assign_roles(tuple(lines), tuple((595.0, HEIGHT) for _ in range(19))).lines
    assert {l.role for l in roles if l.text == header} == {"running_header"}
    assert {l.role for l in roles if l.box.top == 810} == {"page_number"}
    assert {l.role for l in roles if l.text == "შენიშვნა ბოლოში"} == {"body"}


def test_georgian_capitals_are_read_as_their_letters():
    lines = page_of_body(1) + [line(1, 540, "ძირითადი პრიორიტეტი 3".upper(), 9.5)]
    assert roles_of(lines, pages=1)["ᲫᲘᲠᲘᲗᲐᲓᲘ ᲞᲠᲘᲝᲠᲘᲢᲔᲢᲘ 3"] == "priority_label"


def cell_line(page, table, row, column, text, columns=3, starts=(70, 100, 430), top=None):
    top = top if top is not None else 100.0 + 30 * row
    return Line(Box(page, float(starts[column]) + 2, top, float(starts[column]) + 60, top + 10), text, 10.0, False, "Body",
                CellRef(table, row, column, columns, starts))


def test_a_header_row_names_its_columns_and_a_continued_table_inherits_them():
    lines = [
        cell_line(1, 0, 0, 0, "№"), cell_line(1, 0, 0, 1, "აქტივობა"), cell_line(1, 0, 0, 2, "ვადა"),
        cell_line(1, 0, 1, 0, "1."), cell_line(1, 0, 1, 1, "პირველი აქტივობა"), cell_line(1, 0, 1, 2, "2021"),
        # next page: the table goes on without its header; its first row ends the row broken by the page
        cell_line(2, 0, 0, 1, "აქტივობის დასასრული", top=60.0), cell_line(2, 0, 0, 2, "წლის ბოლომდე", top=60.0),
        cell_line(2, 0, 1, 0, "2.", top=80.0), cell_line(2, 0, 1, 1, "მეორე", top=80.0), cell_line(2, 0, 1, 2, "2022", top=80.0),
    ]
    roles = assign_roles(tuple(lines), ((595.0, HEIGHT), (595.0, HEIGHT)))
    by_text = {l.text: l for l in roles.lines}
    assert {by_text[t].role for t in ("№", "აქტივობა", "ვადა")} == {"table_header"}
    assert by_text["2021"].role == by_text["2022"].role == "deadline"
    assert by_text["2022"].cell.kind == "deadline" and by_text["2."].cell.kind == "number"
    assert by_text["აქტივობის დასასრული"].cell.continues and not by_text["მეორე"].cell.continues
    # The broken row is stitched: each cell's rest follows its beginning.
    order = [l.text for l in roles.body]
    assert order.index("აქტივობის დასასრული") == order.index("პირველი აქტივობა") + 1
    assert order.index("წლის ბოლომდე") == order.index("2021") + 1


def test_an_unnumbered_row_opening_a_page_with_its_own_deadline_is_an_activity_of_its_own():
    """Both rows dated in full: the page broke between two activities, not inside one."""
    lines = [
        cell_line(1, 0, 0, 0, "№"), cell_line(1, 0, 0, 1, "აქტივობა"), cell_line(1, 0, 0, 2, "ვადა"),
        cell_line(1, 0, 1, 0, "2."), cell_line(1, 0, 1, 1, "რეგიონული მიმოხილვები"),
        cell_line(1, 0, 1, 2, "ვადა: 2021 წლის პირველი - მე-2 კვარტალი"),
        cell_line(2, 0, 0, 1, "ფორუმისთვის მზადება", top=60.0), cell_line(2, 0, 0, 2, "ვადა: Q3 – Q4 2021", top=60.0),
    ]
    roles = assign_roles(tuple(lines), ((595.0, HEIGHT), (595.0, HEIGHT)))
    by_text = {l.text: l for l in roles.lines}
    assert not by_text["ფორუმისთვის მზადება"].cell.continues
    order = [l.text for l in roles.body]
    assert order.index("ფორუმისთვის მზადება") > order.index("ვადა: 2021 წლის პირველი - მე-2 კვარტალი")
    # The row before had no text: the page pushed its text over, with its second deadline.
    pushed = lines[:4] + [cell_line(1, 0, 1, 2, "ვადა: 2022 წლის პირველ და მე-2 კვარტალი")] + lines[6:]
    roles = assign_roles(tuple(pushed), ((595.0, HEIGHT), (595.0, HEIGHT)))
    assert {l.text: l for l in roles.lines}["ფორუმისთვის მზადება"].cell.continues


def test_a_row_whose_number_and_text_were_pushed_to_the_next_page_is_one_row():
    """The page end left a row's deadline and organisations behind and pushed its number and text
    over: the two parts are one activity, read number first, not a deadline for the row above."""
    starts, columns = (70, 100, 430, 520), 4
    lines = [
        cell_line(1, 0, 0, 0, "№", columns, starts), cell_line(1, 0, 0, 1, "აქტივობა", columns, starts),
        cell_line(1, 0, 0, 2, "ვადა", columns, starts), cell_line(1, 0, 0, 3, "პასუხისმგებელი", columns, starts),
        cell_line(1, 0, 1, 0, "1.", columns, starts), cell_line(1, 0, 1, 1, "პირველი", columns, starts),
        cell_line(1, 0, 1, 2, "2021", columns, starts), cell_line(1, 0, 1, 3, "IOM", columns, starts),
        cell_line(1, 0, 2, 2, "2022", columns, starts), cell_line(1, 0, 2, 3, "წევრები: ILO,", columns, starts),
        cell_line(2, 0, 0, 0, "2.", columns, starts, top=60.0), cell_line(2, 0, 0, 1, "მეორე", columns, starts, top=60.0),
        cell_line(2, 0, 0, 3, "UNDP", columns, starts, top=60.0),
    ]
    roles = assign_roles(tuple(lines), ((595.0, HEIGHT), (595.0, HEIGHT)))
    order = [l.text for l in roles.body]
    assert order[order.index("2."):] == ["2.", "მეორე", "2022", "წევრები: ILO,", "UNDP"]


def test_a_role_label_alone_in_a_key_cell_heads_an_organisation_list():
    starts = (70, 200)
    lines = [cell_line(1, 0, 0, 0, "სხვა წამყვანი", 2, starts), cell_line(1, 0, 0, 0, "ორგანიზაციები", 2, starts, top=112.0),
             cell_line(1, 0, 0, 1, "IOM, UNDP", 2, starts)]
    roles = assign_roles(tuple(lines), ((595.0, HEIGHT),)).lines
    assert [(l.role, l.cell.kind) for l in roles] == [("org_list", "key"), ("org_list", "key"), ("org_list", "value")]
