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


def _letters_apart(words: list[str], phrase: tuple[str, ...]) -> int | None:
    """Letters substituted between a line's first words and a phrase of as many words (None: not
    alike in length)."""
    if len(words) != len(phrase) or any(len(w) != len(p) for w, p in zip(words, phrase)):
        return None
    return sum(a != b for w, p in zip(words, phrase) for a, b in zip(w, p))


def one_letter_from_a_label(line: list[Word], expected: ExpectedWords, settings: OcrSettings) -> tuple[list[Word], list[Correction]]:
    """A line opening with a structure phrase misread by one letter of a word at least
    `min_corrected_length` long (`თემატური პრითრიტეტი` for `თემატური პრიორიტეტი`), when one phrase
    alone is that near. Only a line's opening words are compared: a word inside a sentence keeps its
    inflection."""
    start = 1 if line[0].text == BULLET else 0
    texts = [EDGE_PUNCTUATION.sub("", w.text) for w in line[start:]]
    candidates = []
    for phrase in expected.phrases:
        lead = texts[:len(phrase)]
        if tuple(lead) == phrase:
            return line, []
        if _letters_apart(lead, phrase) == 1:
            differing = next(w for w, p in zip(lead, phrase) if w != p)
            if len(differing) >= settings.min_corrected_length:
                candidates.append(phrase)
    if len(candidates) != 1:
        return line, []
    line, corrections = list(line), []
    for i, read, right in zip(range(start, len(line)), texts, candidates[0]):
        if read != right:
            word = line[i]
            line[i] = replace(word, text=word.text.replace(read, right))
            corrections.append(Correction(word.text, line[i].text, word.confidence, f"one letter from the label `{' '.join(candidates[0])}`"))
    return line, corrections


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


# In the order they run on each line: a line's opening mark first (the label correctors read past a
# bullet), then its label's words.
LINE_CORRECTORS: tuple[LineCorrector, ...] = (
    misread_bullet, comma_for_full_stop, one_letter_from_a_label, label_and_number_glued,
)


def corrected_words(words: list[Word], expected: ExpectedWords, settings: OcrSettings,
                    correctors: tuple[LineCorrector, ...] = LINE_CORRECTORS) -> tuple[list[Word], int, list[Correction]]:
    """A page's words with every corrector applied (case endings word by word, then each line's
    specks dropped and its correctors run in order); the specks dropped, and the changes made."""
    corrections, endings = [], []
    for word in words:
        word, correction = latin_case_ending(word)
        endings.append(word)
        corrections += [correction] if correction else []
    fixed, specks = [], 0
    for line in by_line(endings):
        line, dropped = trailing_specks(line)
        specks += dropped
        for corrector in correctors:
            line, made = corrector(line, expected, settings)
            corrections += made
        fixed += line
    return fixed, specks, corrections


def misread_item_number(cell_text: str, read: str | None, following: str) -> str | None:
    """What OCR read in a cell of a column of item numbers, when it is not the number printed: a
    digit's look-alike of `following`, the number the rows above lead to (`8.` for `3.`), or a sign
    or two where no number reads (`L.`, `is` for `1.`). None where the cell reads as a number (or as
    none at all). Segmentation asks only of cells read by OCR."""
    if read is not None:
        return read if read.isdigit() and confusable_digits(read, following) else None
    signs = regex.match(r"\s*(\S{1,2}?)\.?\s*$", cell_text)
    return signs.group(0).strip() if signs else None
