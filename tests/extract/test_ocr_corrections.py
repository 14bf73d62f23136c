"""The OCR correctors (extract/ocr_corrections.py), each on the confusion it names and on the words it
must leave alone; every change recorded; a text layer never corrected."""
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from workplan.extract.ocr import fills_its_box, second_readings, unread_line_starts
from workplan.extract.ocr_corrections import (
    BULLET, LINE_CORRECTORS, comma_for_full_stop, corrected_words, dropped_label_colon, full_stop_left_out,
    label_and_number_glued, latin_case_ending, misread_bullet, one_letter_from_a_label, trailing_specks,
)
from workplan.extract.ocr_words import Word, expected_words
from workplan.extract.settings import DEFAULT_SETTINGS

FIXTURES = Path(__file__).parents[1] / "fixtures"

OCR = DEFAULT_SETTINGS.ocr
CONTENT_LABEL = ["მიგრაციის", "ქსელი", "და", "წამყვანი", "დაინტერესებული", "მხარეები:", "IOM"]


def _line(*texts, confidence=90.0, line="1"):
    return [Word(text, confidence, 10 + 120 * i, 100, 100, 30, ("1", "1", line)) for i, text in enumerate(texts)]


def _texts(words):
    return [w.text for w in words]


def _corrected(corrector, *texts):
    fixed, corrections = corrector(_line(*texts), expected_words(), OCR)
    assert len(corrections) == sum(a != b for a, b in zip(_texts(fixed), texts)) or len(fixed) != len(texts)
    return _texts(fixed), [(c.read, c.kept) for c in corrections]


def test_a_case_ending_read_in_latin_look_alikes_is_georgian_again():
    word, correction = latin_case_ending(_line("RCTF-ob")[0])
    assert (word.text, correction.read, correction.kept) == ("RCTF-ის", "RCTF-ob", "RCTF-ის")
    for kept in ("Bob", "IOM-ის", "COVID-19"):
        assert latin_case_ending(_line(kept)[0]) == (_line(kept)[0], None)


def test_specks_after_a_line_are_dropped_and_counted():
    line, dropped = trailing_specks(_line("ვადა:", "2021", "«", "'"))
    assert (_texts(line), dropped) == (["ვადა:", "2021"], 2)
    assert trailing_specks(_line("«")) == (_line("«"), 0)  # a line of one speck is left to the bullet test


def test_a_bullet_read_as_signs_is_a_bullet():
    for misread in ("?ჟ", "«", "m"):
        assert _corrected(misread_bullet, misread, "ვადა:", "2021") == ([BULLET, "ვადა:", "2021"], [(misread, BULLET)])
    # Any sign or two before a label of content: a deadline or an organisation list is never numbered.
    for misread in ('7"', "7", "ძ"):
        assert _corrected(misread_bullet, misread, *CONTENT_LABEL)[0][0] == BULLET, misread
    # Numbering, a number before prose, a Latin word before a Latin one: as read.
    for kept in (["1.", "ქსელი"], ["ა)", "მზადება"], ["7", "მიგრაციის", "ქსელი", "მუშაობს"], ["a", "UN"], [BULLET, "ვადა:"]):
        assert _corrected(misread_bullet, *kept) == (kept, [])


def test_an_item_numbers_full_stop_read_as_a_comma_is_put_back():
    assert _corrected(comma_for_full_stop, "8,", "ინფორმაციის") == (["8.", "ინფორმაციის"], [("8,", "8.")])
    assert _corrected(comma_for_full_stop, "8,", "9") == (["8,", "9"], [])  # a list of numbers


def _corrected_lines(corrector, *lines):
    fixed, corrections = corrector([_line(*texts, line=str(i)) for i, texts in enumerate(lines)], expected_words(), OCR)
    return [_texts(line) for line in fixed], [(c.read, c.kept) for c in corrections]


def test_a_label_word_one_letter_off_is_put_right_at_a_lines_opening_only():
    assert _corrected_lines(one_letter_from_a_label, ["თემატური", "პრითრიტეტი", "2"]) == (
        [["თემატური", "პრიორიტეტი", "2"]], [("პრითრიტეტი", "პრიორიტეტი")])
    assert _corrected_lines(one_letter_from_a_label, [BULLET, "წევრეში:", "IOM"]) == (
        [[BULLET, "წევრები:", "IOM"]], [("წევრეში:", "წევრები:")])
    # A letter left out, in the last word of a label the line before begins.
    assert _corrected_lines(one_letter_from_a_label, [BULLET, "ქსელი", "და", "წევრი", "დაინტერესებული"],
                            ["მხარეეი:", "UNHCR,", "UNICEF"]) == (
        [[BULLET, "ქსელი", "და", "წევრი", "დაინტერესებული"], ["მხარეები:", "UNHCR,", "UNICEF"]], [("მხარეეი:", "მხარეები:")])
    # Inside a sentence a word one letter from a label word is an inflection: kept, at a line's
    # opening too when the line before is prose that only ends with a label's first words.
    kept = ["ხელშეწყობა", "მიგრაციას", "წევრებს"]
    assert _corrected_lines(one_letter_from_a_label, kept) == ([kept], [])
    prose = [["გადაწყვეტილებას", "მიიღებენ", "წევრი", "დაინტერესებული"], ["მხარეებს", "შორის"]]
    assert _corrected_lines(one_letter_from_a_label, *prose) == (prose, [])


def test_a_label_word_glued_to_its_number_is_split():
    """OCR reads `პრიორიტეტი 1` in a bold shaded cell as one word, sometimes with a speck read as a
    letter before the number; other words ending in digits are left alone."""
    line = ("1", "1", "1")
    for read, number in (("პრიორიტეტი1", "1"), ("პრიორიტეტინ6", "6"), ("პრიორიტეტი2.1", "2.1")):
        words = [Word("ძირითადი", 95.0, 100, 100, 200, 40, line), Word(read, 92.0, 320, 100, 300, 40, line)]
        fixed, corrections = label_and_number_glued(words, expected_words(), OCR)
        assert _texts(fixed) == ["ძირითადი", "პრიორიტეტი", number]
        assert fixed[1].left == 320 and fixed[2].left + fixed[2].width == 620  # the word's box shared out
        assert corrections[0].read == read
    assert _corrected(label_and_number_glued, "COVID19", "სამუშაო2") == (["COVID19", "სამუშაო2"], [])


def test_a_page_is_corrected_line_by_line_with_every_change_recorded():
    words = _line("?ჟ", "ვადა:", "2021", "«") + _line("RCTF-ob", "წევრები", line="2") + _line("8,", "ინფორმაციის", line="3")
    fixed, specks, corrections = corrected_words(words, expected_words(), OCR)
    assert _texts(fixed) == [BULLET, "ვადა:", "2021", "RCTF-ის", "წევრები", "8.", "ინფორმაციის"]
    assert specks == 1
    assert [(c.read, c.kept) for c in corrections] == [("RCTF-ob", "RCTF-ის"), ("?ჟ", BULLET), ("8,", "8.")]
    # With no correctors, only case endings and specks change.
    assert _texts(corrected_words(words, expected_words(), OCR, correctors=())[0]) == [
        "?ჟ", "ვადა:", "2021", "RCTF-ის", "წევრები", "8,", "ინფორმაციის"]
    assert len(LINE_CORRECTORS) == len(set(LINE_CORRECTORS))


def test_a_text_layer_is_never_corrected(sample_result):
    codes = set(sample_result.tables["warnings"].column("code").to_pylist())
    assert "ocr_corrected" not in codes and "ocr" not in codes


def test_an_item_number_misread_in_a_column_of_numbers_is_named():
    from workplan.extract.ocr_corrections import misread_item_number

    assert misread_item_number("8.", "8", "3") == "8"  # a look-alike of the number the rows lead to
    assert misread_item_number("L.", None, "1") == "L."  # signs where no number reads
    assert misread_item_number("4.", "4", "4") is None  # the number itself
    assert misread_item_number("7.", "7", "3") is None  # another number, not a look-alike: as printed
    assert misread_item_number("ტექსტი აქ", None, "2") is None  # text, not a number


def test_a_sign_before_a_label_of_content_broken_at_the_lines_end_is_a_bullet():
    # `მიგრაციის ქსელი და წამყვანი` ⏎ `დაინტერესებული მხარეები:` read by tesseract as one line each.
    for misread, rest in (("წ", ["მიგრაციის", "ქსელი", "და", "წამყვანი"]), ("me", ["ქსელი", "და", "წევრი", "დაინტერესებული"])):
        assert _corrected(misread_bullet, misread, *rest)[0][0] == BULLET, misread
    # Two words that open a label open prose as often: a number before them stays.
    assert _corrected(misread_bullet, "7", "მიგრაციის", "შესახებ", "ინფორმაცია")[0][0] == "7"


def _at(text, left, top, line, height=43):
    return Word(text, 90.0, left, top, 30 * len(text), height, ("1", "1", line))


def test_a_role_labels_colon_left_out_before_an_organisation_is_put_back():
    expected = expected_words()
    broken = [[_at(BULLET, 300, 100, "1"), *_line("მიგრაციის", "ქსელი", "და", "წამყვანი", line="1")],
              _line("დაინტერესებული", "მხარეები", "WHO", "and", line="2")]
    fixed, corrections = dropped_label_colon(broken, expected, OCR)
    assert _texts(fixed[1])[:3] == ["დაინტერესებული", "მხარეები:", "WHO"]
    assert [(c.read, c.kept) for c in corrections] == [("მხარეები", "მხარეები:")]
    # The label's words before a verb are prose; a label printed with its colon is left as it is.
    prose = [_line("მიგრაციის", "ქსელი", "და", "წამყვანი", "დაინტერესებული", "მხარეები", "შეიმუშავებენ")]
    assert dropped_label_colon(prose, expected, OCR) == (prose, [])
    whole = [_line("წამყვანი", "დაინტერესებული", "მხარეები:", "IOM")]
    assert dropped_label_colon(whole, expected, OCR) == (whole, [])


def test_a_hanging_item_numbers_full_stop_left_out_or_read_as_a_colon_is_put_back():
    for read in ("3", "3:"):
        # `3` hangs: its line's text starts right of it (a justified first line stretches the
        # space), the line below starts right of the number, and nothing is below it.
        item = [[_at(read, 216, 1208, "1", height=30)], [_at("სპეციალური", 333, 1204, "2")], [_at("რომელზეც", 263, 1255, "3")]]
        fixed, corrections = full_stop_left_out(item, expected_words(), OCR)
        assert fixed[0][0].text == "3." and [(c.read, c.kept) for c in corrections] == [(read, "3.")]
    # A number the line below starts under is prose wrapped at it; a number after a word is a label's.
    wrapped = [[_at("3", 216, 1208, "1", height=30), _at("სპეციალური", 263, 1204, "1")], [_at("რომელზეც", 216, 1255, "2")]]
    assert full_stop_left_out(wrapped, expected_words(), OCR)[1] == []
    label = [[_at("სფერო", 40, 1204, "1"), _at("5:", 216, 1208, "1", height=30), _at("მიგრანტთა", 300, 1204, "1")],
             [_at("ჩართულობისა", 263, 1255, "2")]]
    assert full_stop_left_out(label, expected_words(), OCR)[1] == []


def test_ink_before_a_line_that_the_page_reading_left_out_is_read_alone(tmp_path):
    # `4.` hangs before a line whose first word tesseract read; the number itself it left out.
    image = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    draw.text((140, 100), "4.", fill=0, font=font)
    draw.text((220, 100), "text", fill=0, font=font)
    words = [Word("text", 90.0, 220, 100, 80, 45, ("1", "1", "1"))]
    dark = np.asarray(image) < 128
    found, corrections = unread_line_starts(image, words, [], dark, 300, tmp_path, "eng", OCR)
    assert [(c.read, c.kept) for c in corrections] == [("", "4.")]
    added = next(w for w in found if w.text == "4.")
    assert added.line == words[0].line and added.left < 220
    # A rule before the line is a table's border, not text: nothing to read.
    ruled = Image.new("L", (1200, 300), 255)
    ImageDraw.Draw(ruled).rectangle((150, 60, 153, 200), fill=0)
    rules = [(150.0, 60.0, 153.0, 200.0)]
    assert unread_line_starts(ruled, words, rules, np.asarray(ruled) < 128, 300, tmp_path, "eng", OCR) == (words, [])


def test_a_label_word_read_as_digits_before_its_colon_is_read_again(tmp_path):
    # A scanned line `■ ვადა: 2021` that the page's reading (kat+eng) read as `mw 3000: 2021`:
    # `ვადა`'s letters taken for digits. Read again alone, Georgian reads it clearly better.
    image = Image.open(FIXTURES / "ocr" / "label_read_as_digits.png")
    read = [Word("mw", 52.2, 40, 43, 20, 20, ("1", "1", "1")), Word("3000:", 84.8, 139, 39, 100, 33, ("1", "1", "1")),
            Word("2021", 93.2, 319, 34, 94, 30, ("1", "1", "1"))]
    fixed, corrections = second_readings(image, read, 300, tmp_path, models="kat+eng", settings=OCR)
    assert _texts(fixed)[1:] == ["ვადა:", "2021"]
    assert ("3000:", "ვადა:") in [(c.read, c.kept) for c in corrections]


def test_a_second_reading_must_fill_the_box_it_was_read_from():
    # A line of 40-pixel ems: a bullet boxed 20 pixels square is no `PSI` (capitals 0.73 em tall),
    # a box of capitals' height is; a reading of signs only is not judged.
    bullet = Word("mw", 56.0, 100, 110, 20, 20, ("1", "1", "1"))
    acronym = Word("P5I", 56.0, 100, 100, 90, 30, ("1", "1", "1"))
    assert not fills_its_box("PSI", bullet, 40.0, OCR)
    assert fills_its_box("PSI", acronym, 40.0, OCR)
    assert fills_its_box("■", bullet, 40.0, OCR)
