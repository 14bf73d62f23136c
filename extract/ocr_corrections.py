"""What OCR commonly misreads on a page, put right: each corrector is named for the confusion it
corrects, reads the look-alikes it knows from data (`normalize/data/ocr_confusions.yaml`) or the
phrases the page may print (extract.ocr_words), and records every change as a `Correction`, which
the page's reading reports as an `ocr_corrected` warning naming the page, the reading and the reason.

Only the words of pages read by OCR pass through here (extract.ocr); a text layer never does.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import regex

from workplan.extract.classify import opens_content_label
from workplan.extract.ocr_words import ExpectedWords, Word, by_line
from workplan.extract.settings import OcrSettings
from workplan.normalize.ocr_confusions import confusable_digits, georgian_ending, is_speck

BULLET = "•"
EDGE_PUNCTUATION = regex.compile(r"^\W+|\W+$")
NUMBER_WITH_COMMA = regex.compile(r"^\d{1,2},$")
# A number opening a line with its full stop left out or read as a colon or semicolon.
BARE_NUMBER = regex.compile(r"^(?P<digits>\d{1,2})[:;]?$")
# A label word and its number read as one word (`პრიორიტეტი1`), perhaps with a speck read as a
# letter between them (`პრიორიტეტინ6`).
GLUED_NUMBER = regex.compile(r"^(?P<letters>\p{L}{4,})(?P<number>\d{1,2}(?:\.\d{1,2})*\.?)$")


@dataclass(frozen=True)
class Correction:
    """A word OCR first read otherwise, the reading kept, and why."""
    read: str
    kept: str
    confidence: float
    reason: str


# One line's words (left to right), what the page may print, the OCR settings → the line put right
# and the changes made.
LineCorrector = Callable[[list[Word], ExpectedWords, OcrSettings], tuple[list[Word], list[Correction]]]


def latin_case_ending(word: Word) -> tuple[Word, Correction | None]:
    """An acronym's Georgian case ending read in the Latin letters its glyphs resemble (`RCTF-ob` for
    `RCTF-ის`): the two models of a mixed page each read half of such a word."""
    ending = georgian_ending(word.text)
    if ending == word.text:
        return word, None
    return replace(word, text=ending), Correction(word.text, ending, word.confidence, "a case ending read in Latin look-alikes")


def trailing_specks(line: list[Word]) -> tuple[list[Word], int]:
    """Specks of dust or noise after a line's last word, read as glyphs (`.`, `'`, `|`): dropped, and
    counted (the page's `ocr` warning says how many)."""
    line, dropped = list(line), 0
    while len(line) > 1 and is_speck(line[-1].text):
        line.pop()
        dropped += 1
    return line, dropped


def _reads_as_bullet(text: str, next_word: str, rest: str) -> bool:
    if is_speck(text):
        return True
    if len(text) <= 2 and not regex.search(r"[.)]", text) and opens_content_label(rest):
        return True
    if len(text) == 1 and regex.match(r"[A-Za-z]", text) and regex.match(r"\W*\p{Georgian}", next_word):
        return True
    return len(text) <= 2 and any(is_speck(c) for c in text) and not regex.search(r"[\d.)]", text)


def misread_bullet(line: list[Word], expected: ExpectedWords, settings: OcrSettings) -> tuple[list[Word], list[Correction]]:
    """A line's first word that is a bullet OCR read as signs (`«`, `©`, `?ჟ`, `m` for `▪`): specks, a
    speck and a letter, one Latin letter before a Georgian word, or any sign or two before a label
    of content, whole or broken at the line's end (`7"` before `წამყვანი ორგანიზაცია:`, `me` before
    `ქსელი და წევრი დაინტერესებული` ⏎ `მხარეები:`: a deadline or a list is never numbered); never
    numbering (`1.`, `ა)`)."""
    first = line[0]
    if len(line) < 2 or first.text == BULLET or not _reads_as_bullet(first.text, line[1].text, " ".join(w.text for w in line[1:])):
        return line, []
    return [replace(first, text=BULLET), *line[1:]], [Correction(first.text, BULLET, first.confidence, "a bullet read as signs")]


def comma_for_full_stop(line: list[Word], expected: ExpectedWords, settings: OcrSettings) -> tuple[list[Word], list[Correction]]:
    """An item number's full stop read as a comma (`8,` opening an item): put back."""
    first = line[0]
    if len(line) < 2 or not NUMBER_WITH_COMMA.match(first.text) or not regex.match(r"\p{L}", line[1].text):
        return line, []
    kept = first.text[:-1] + "."
    return [replace(first, text=kept), *line[1:]], [Correction(first.text, kept, first.confidence, "an item number's full stop read as a comma")]


def _one_edit_apart(read: str, right: str) -> bool:
    """Whether a word differs from another by one letter substituted, left out or added."""
    if len(read) == len(right):
        return sum(a != b for a, b in zip(read, right)) == 1
    short, long = sorted((read, right), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _one_letter_off(read: tuple[str, ...], right: tuple[str, ...], min_length: int) -> bool:
    """Whether words read are a phrase's words but for one letter of one word at least `min_length` long."""
    differing = [(a, b) for a, b in zip(read, right) if a != b]
    return (len(read) == len(right) and len(differing) == 1 and len(differing[0][0]) >= min_length
            and _one_edit_apart(*differing[0]))


def one_letter_from_a_label(lines: list[list[Word]], expected: ExpectedWords, settings: OcrSettings) -> tuple[list[list[Word]], list[Correction]]:
    """A structure phrase misread by one letter substituted, left out or added, in one word at least
    `min_corrected_length` long (`თემატური პრითრიტეტი` for `თემატური პრიორიტეტი`), when one phrase
    alone is that near: opening a line, or ending on a line's opening words the label the line
    before holds alone (`• ქსელი და წევრი დაინტერესებული` ⏎ `მხარეეი:` for `მხარეები:`). Only
    words that open a label are compared: a word inside a sentence keeps its inflection."""
    fixed, corrections = [list(line) for line in lines], []
    for index, line in enumerate(fixed):
        start = 1 if line[0].text == BULLET else 0
        texts = [EDGE_PUNCTUATION.sub("", w.text) for w in line[start:]]
        before = fixed[index - 1] if index else []
        begun_line = tuple(EDGE_PUNCTUATION.sub("", w.text) for w in before[1 if before and before[0].text == BULLET else 0:])
        candidates, exact = set(), False
        for phrase in expected.phrases:
            for taken in range(1, len(phrase) + 1):
                if phrase[:-taken] and phrase[:-taken] != begun_line:
                    continue
                lead, tail = tuple(texts[:taken]), phrase[-taken:]
                exact = exact or lead == tail
                if _one_letter_off(lead, tail, settings.min_corrected_length):
                    candidates.add(tail)
        if exact or len(candidates) != 1:
            continue
        right = candidates.pop()
        for i, read, word_right in zip(range(start, len(line)), texts, right):
            if read != word_right:
                word = line[i]
                line[i] = replace(word, text=word.text.replace(read, word_right))
                corrections.append(Correction(word.text, line[i].text, word.confidence, f"one letter from the label `{' '.join(right)}`"))
    return fixed, corrections


def label_and_number_glued(line: list[Word], expected: ExpectedWords, settings: OcrSettings) -> tuple[list[Word], list[Correction]]:
    """The last word of a numbered label and its number read as one word (`პრიორიტეტი1`): split in
    two, each with its share of the box, so that the label reads as printed."""
    split, corrections = [], []
    for word in line:
        glued = GLUED_NUMBER.match(word.text)
        letters = glued.group("letters") if glued else ""
        label = letters if letters in expected.numbered else letters[:-1] if letters[:-1] in expected.numbered else None
        if label is None:
            split.append(word)
            continue
        number = glued.group("number")
        label_width, number_width = (round(word.width * len(part) / len(word.text)) for part in (label, number))
        split += [replace(word, text=label, width=label_width),
                  replace(word, text=number, left=word.left + word.width - number_width, width=number_width)]
        corrections.append(Correction(word.text, f"{label} {number}", word.confidence, f"the label word `{label}` and its number read as one word"))
    return split, corrections


def _label_words_taken(texts: list[str], previous: list[str], phrase: tuple[str, ...]) -> int | None:
    """How many of a line's opening words end the label `phrase`, whole on the line or begun at the
    end of the line before; None when the line does not end it."""
    for taken in range(1, len(phrase) + 1):
        begun = phrase[:-taken]
        if tuple(texts[:taken]) == phrase[-taken:] and (not begun or tuple(previous[-len(begun):]) == begun):
            return taken
    return None


def dropped_label_colon(lines: list[list[Word]], expected: ExpectedWords, settings: OcrSettings) -> tuple[list[list[Word]], list[Correction]]:
    """A role label's colon OCR left out (`დაინტერესებული მხარეები WHO` for `… მხარეები: WHO`): the
    label's words whole, opening a line or broken over two, then a word a registry name opens with.
    A label's words met in prose are followed by a verb, never by an organisation's name."""
    fixed, corrections = [list(line) for line in lines], []
    for index, line in enumerate(fixed):
        start = 1 if line[0].text == BULLET else 0
        texts = [EDGE_PUNCTUATION.sub("", w.text) for w in line[start:]]
        previous = [EDGE_PUNCTUATION.sub("", w.text) for w in fixed[index - 1]] if index else []
        for phrase in expected.role_labels:
            taken = _label_words_taken(texts, previous, phrase)
            label_end = line[start + taken - 1] if taken else None
            if (label_end is None or label_end.text.endswith(":") or len(texts) <= taken
                    or texts[taken].casefold() not in expected.name_openers):
                continue
            line[start + taken - 1] = replace(label_end, text=label_end.text + ":")
            corrections.append(Correction(label_end.text, label_end.text + ":", label_end.confidence,
                                          f"the colon after the label `{' '.join(phrase)}`"))
            break
    return fixed, corrections


def full_stop_left_out(lines: list[list[Word]], expected: ExpectedWords, settings: OcrSettings) -> tuple[list[list[Word]], list[Correction]]:
    """An item number whose full stop OCR left out or read as a colon (`3 სპეციალური`, `2: ქსელის` for
    `3. სპეციალური`, `2. ქსელის`), known by the geometry of a numbered item: the number hangs left
    of its text — the line below starts right of the number, no further than the text after it (a
    justified first line stretches the space after the number), nothing stands below the number and
    nothing just before it. A number inside prose or after a label's word never hangs so. tesseract
    may read the number as a line of its own: words, not lines."""
    words = [w for line in lines for w in line]
    numbers = {}
    for number in (w for w in words if BARE_NUMBER.match(w.text)):
        row = [w for w in words if w is not number and abs(w.top + w.height - number.top - number.height) <= number.height / 2]
        after = [w for w in row if w.left > number.left]
        if not after:
            continue
        text = min(after, key=lambda w: w.left)  # a digit is shorter than a line: the text's height is the line's
        height, tolerance = text.height, settings.hanging_tolerance * text.height
        if text.left - (number.left + number.width) > settings.line_start_reach * height or not regex.match(r"\p{L}", text.text):
            continue
        if any(number.left - settings.line_start_reach * height < w.left + w.width <= number.left for w in row):
            continue  # a word before it: the number of a label (`სფერო 5:`), not an item's
        below = [w for w in words if number.top + height / 2 < w.top <= number.top + 2 * height]
        starts = [w.left for w in below if number.left - tolerance <= w.left <= text.left + tolerance]
        if starts and min(starts) > number.left + tolerance:
            numbers[id(number)] = replace(number, text=BARE_NUMBER.match(number.text).group("digits") + ".")
    fixed, corrections = [], []
    for line in lines:
        fixed.append([numbers.get(id(w), w) for w in line])
        corrections += [Correction(w.text, numbers[id(w)].text, w.confidence, "an item number's full stop left out or misread")
                        for w in line if id(w) in numbers]
    return fixed, corrections


# Correctors that read a page's lines together, in tesseract's order (a label broken over two).
PageCorrector = Callable[[list[list[Word]], ExpectedWords, OcrSettings], tuple[list[list[Word]], list[Correction]]]
PAGE_CORRECTORS: tuple[PageCorrector, ...] = (one_letter_from_a_label, dropped_label_colon, full_stop_left_out)

# In the order they run on each line: a line's opening mark first (the label correctors read past a
# bullet), then its label's words.
LINE_CORRECTORS: tuple[LineCorrector, ...] = (
    misread_bullet, comma_for_full_stop, label_and_number_glued,
)


def corrected_words(words: list[Word], expected: ExpectedWords, settings: OcrSettings,
                    correctors: tuple[LineCorrector, ...] = LINE_CORRECTORS,
                    page_correctors: tuple[PageCorrector, ...] = PAGE_CORRECTORS) -> tuple[list[Word], int, list[Correction]]:
    """A page's words with every corrector applied (case endings word by word, then each line's
    specks dropped and its correctors run in order, then those reading lines together); the specks
    dropped, and the changes made."""
    corrections, endings = [], []
    for word in words:
        word, correction = latin_case_ending(word)
        endings.append(word)
        corrections += [correction] if correction else []
    lines, specks = [], 0
    for line in by_line(endings):
        line, dropped = trailing_specks(line)
        specks += dropped
        for corrector in correctors:
            line, made = corrector(line, expected, settings)
            corrections += made
        lines.append(line)
    for page_corrector in page_correctors:
        lines, made = page_corrector(lines, expected, settings)
        corrections += made
    return [word for line in lines for word in line], specks, corrections


def misread_item_number(cell_text: str, read: str | None, following: str) -> str | None:
    """What OCR read in a cell of a column of item numbers, when it is not the number printed: a
    digit's look-alike of `following`, the number the rows above lead to (`8.` for `3.`), or a sign
    or two where no number reads (`L.`, `is` for `1.`). None where the cell reads as a number (or as
    none at all). Segmentation asks only of cells read by OCR."""
    if read is not None:
        return read if read.isdigit() and confusable_digits(read, following) else None
    signs = regex.match(r"\s*(\S{1,2}?)\.?\s*$", cell_text)
    return signs.group(0).strip() if signs else None
