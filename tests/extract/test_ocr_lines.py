"""tesseract's words → lines: a justified line tesseract split in two at its stretched spaces is one
line; the gutter between two justified columns is never a word space."""
from dataclasses import replace

from workplan.extract.ocr import Word, glyph_extents, lines_from_words, word_extent

HEIGHT = 54  # pixels at 300 dpi: a word spanning the tallest and the deepest letters, about 13 points
FULL = 0.84 + 0.24  # ems: the tallest Georgian letter's rise and the deepest's fall (glyph_extents.yaml)


def _box(text, left, top, width, line):
    """A word boxed as tesseract boxes it: from its tallest letter's top to its deepest's bottom,
    on a baseline 0.84 of `HEIGHT` below `top`."""
    above = max(glyph_extents()[c][0] for c in text)
    extent = word_extent(text)
    height = round(HEIGHT * extent / FULL)
    return Word(text, 95.0, left, top + round(HEIGHT * (0.84 - above) / FULL), width, height, line)


def _words(texts, left, top, gap, width=220, block="1", line="1"):
    """Words of one tesseract line, `gap` pixels apart."""
    words, x = [], left
    for text in texts:
        words.append(_box(text, x, top, width, (block, "1", line)))
        x += width + gap
    return words


def test_a_heading_tesseract_split_at_its_stretched_spaces_is_one_line():
    # A justified heading: every space stretched to 80 px; tesseract made two blocks of its first line.
    first = _words(["ძირითადი", "პრიორიტეტი"], 200, 1000, 80, block="1")
    second = _words(["2.1:", "გაეროს", "სისტემის", "გაძლიერება"], 200 + 2 * 300, 1000, 80, block="2")
    wrapped = _words(["განსახორციელებლად"], 200, 1070, 80, block="1", line="2")
    lines = lines_from_words(first + second + wrapped, 1, 300)
    assert [line.text for line in lines] == ["ძირითადი პრიორიტეტი 2.1: გაეროს სისტემის გაძლიერება", "განსახორციელებლად"]


def test_the_gutter_after_a_stretched_column_line_is_no_space():
    # Two justified columns, 120 px apart; the left column's lines all end at x = 1220, one of them
    # stretched wider than the gutter.
    rows = []
    for row in range(8):
        top = 600 + 70 * row
        gap = 560 if row == 0 else 80
        texts = ["მიგრაციის", "ფორუმის"] if row == 0 else ["ქსელის", "წევრები", "ერთად"]
        left = _words(texts, 100, top, gap, width=(1120 - gap * (len(texts) - 1)) // len(texts), block="1", line=str(row))
        right = _words(["ქსელი", "დაიწყებს", "სამუშაოს"], 1340, top, 400 if row == 0 else 80, width=200, block="2",
                       line=str(row))
        rows += left + right
    texts = [line.text for line in lines_from_words(rows, 1, 300)]
    assert "მიგრაციის ფორუმის" in texts
    assert not any("ფორუმის" in text and "ქსელი" in text for text in texts)


def test_a_word_box_reaching_into_the_next_line_does_not_size_its_line():
    # Ten lines of body text 70 px apart; in the fifth, two words' boxes took in ink of the line below
    # (20 px taller than their neighbour, down into the next line's words).
    rows = []
    for row in range(10):
        words = _words(["ადამიანის", "უფლებების", "საკითხებზე"], 100, 600 + 70 * row, 40, line=str(row))
        if row == 4:
            words[0] = Word(words[0].text, 95.0, words[0].left, words[0].top, words[0].width, words[0].height + 30, words[0].line)
            words[1] = Word(words[1].text, 95.0, words[1].left, words[1].top, words[1].width, words[1].height + 30, words[1].line)
        rows += words
    lines = lines_from_words(rows, 1, 300)
    assert len(lines) == 10
    assert {line.size for line in lines} == {lines[0].size}


def test_words_of_one_line_are_one_size_whatever_letters_they_hold():
    # `და` spans the x-height and a descender, `1.` the height of a digit, `ბზე` the whole height:
    # boxed as tesseract boxes them, they are one line of one size on one baseline.
    line = _words(["1.", "და", "ბზე", "თავი", "ორი"], 100, 600, 40, width=120)
    [read] = lines_from_words(line, 1, 300)
    assert read.text == "1. და ბზე თავი ორი"
    alone = [lines_from_words(_words([text], 100, 600, 40, width=120), 1, 300)[0] for text in ("და", "ბზე", "თავი")]
    assert {l.size for l in alone} == {read.size}
    # A word with digits is no measure of its line: OCR reads letters as digits of another height.
    # (`(Q3 –Q4)` read as `(03 –04)`: boxed to the depth of a `Q`'s tail.)
    words = [replace(w, height=w.height + 8) if w.text[0].isdigit() else w
             for w in _words(["03", "04", "და"], 100, 600, 40, width=120)]
    [digits] = lines_from_words(words, 1, 300)
    assert digits.size == read.size


def test_a_word_tesseract_split_off_a_justified_line_is_judged_by_the_lines_gaps():
    # `კოვიდ-19-ის ვაქცინების` ⏎ `თანაბარი`: one justified line, every space stretched to 120 px;
    # tesseract read its last word as a line of its own.
    line = _words(["ვაქცინების", "კომიტეტის"], 200, 1000, 120, block="1") + _words(["თანაბარი"], 200 + 2 * 340, 1000, 0, block="2")
    assert [l.text for l in lines_from_words(line, 1, 300)] == ["ვაქცინების კომიტეტის თანაბარი"]
    # Two justified columns 120 px apart, a word alone on one line of the right column: its gap to the
    # left column is a gutter, however stretched the left column's spaces.
    rows = []
    for row in range(8):
        top = 600 + 70 * row
        gap = 300 if row == 3 else 80
        rows += _words(["ქსელის", "წევრები", "ერთად"], 100, top, gap, width=(1120 - 2 * gap) // 3, block="1", line=str(row))
        rows += _words(["სამუშაოს"] if row == 3 else ["ქსელი", "დაიწყებს"], 1340, top, 80, width=200, block="2", line=str(row))
    texts = [line.text for line in lines_from_words(rows, 1, 300)]
    assert "სამუშაოს" in texts
