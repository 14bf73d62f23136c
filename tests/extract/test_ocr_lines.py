"""tesseract's words → lines: a justified line tesseract split in two at its stretched spaces is one
line; the gutter between two justified columns is never a word space."""
from workplan.extract.ocr import Word, lines_from_words

HEIGHT = 50  # pixels at 300 dpi: about 12 points


def _words(texts, left, top, gap, width=220, block="1", line="1"):
    """Words of one tesseract line, `gap` pixels apart."""
    words, x = [], left
    for text in texts:
        words.append(Word(text, 95.0, x, top, width, HEIGHT, (block, "1", line)))
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
            words[0] = Word(words[0].text, 95.0, words[0].left, words[0].top, words[0].width, HEIGHT + 30, words[0].line)
            words[1] = Word(words[1].text, 95.0, words[1].left, words[1].top, words[1].width, HEIGHT + 30, words[1].line)
        rows += words
    lines = lines_from_words(rows, 1, 300)
    assert len(lines) == 10
    assert {line.size for line in lines} == {lines[0].size}
