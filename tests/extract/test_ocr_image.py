"""Scanned page images made ready for tesseract: the skew measured from text lines, light evened."""
import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from conftest import SAMPLE_PDF
from workplan.extract.ocr import Word
from workplan.extract.ocr_image import even_light, prepare, skew_angle


@pytest.fixture(scope="module")
def page_image():
    pdf = pdfium.PdfDocument(str(SAMPLE_PDF))
    try:
        return pdf[8].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()


@pytest.mark.parametrize("turn", [-2.3, -1.1, 0.6, 1.7])
def test_the_skew_is_measured_from_the_text_lines(page_image, turn):
    turned = page_image.rotate(turn, resample=Image.BICUBIC, fillcolor=255)
    assert skew_angle(turned) == pytest.approx(-turn, abs=0.15)


def test_a_level_page_is_left_as_it_is(page_image):
    assert abs(skew_angle(page_image)) < 0.15
    ready = prepare(page_image)
    assert ready.image.size == page_image.size and ready.skew == 0.0 and ready.sheet is None


def test_light_falling_off_toward_a_corner_is_evened(page_image):
    pixels = np.asarray(page_image, dtype=np.float32)
    height, width = pixels.shape
    rows, columns = np.mgrid[0:height, 0:width].astype(np.float32)
    darkened = Image.fromarray((pixels * (1 - 0.3 * (0.3 * columns / width + 0.7 * rows / height))).astype(np.uint8))
    evened = np.asarray(even_light(darkened), dtype=np.float32)
    paper = evened > 128
    top, bottom = evened[: height // 5][paper[: height // 5]], evened[-height // 5:][paper[-height // 5:]]
    before_top = np.asarray(darkened, dtype=np.float32)[: height // 5][paper[: height // 5]]
    before_bottom = np.asarray(darkened, dtype=np.float32)[-height // 5:][paper[-height // 5:]]
    assert before_top.mean() - before_bottom.mean() > 40  # the fall-off is real
    assert abs(top.mean() - bottom.mean()) < 8  # and gone


def test_ocr_words_are_read_in_columns_and_justified_gaps_are_word_spaces():
    from workplan.extract.ocr import lines_from_words

    words = []
    for row in range(8):
        top = 300 + row * 60
        # Left column, justified: a wide gap inside one tesseract line is a word space.
        words += [Word(f"მარცხნივ{row}", 95.0, 250, top, 500, 45, ("1", "1", str(row))),
                  Word("სიტყვა", 95.0, 1100, top, 300, 45, ("1", "1", str(row)))]
        # Right column: another block, past a gutter.
        words += [Word(f"მარჯვნივ{row}", 90.0, 1550, top, 450, 45, ("2", "1", str(row))),
                  Word("ბოლო", 90.0, 2050, top, 250, 45, ("2", "1", str(row)))]
    lines = lines_from_words(words, page_number=1, dpi=300)
    texts = [line.text for line in lines]
    assert texts == [f"მარცხნივ{r} სიტყვა" for r in range(8)] + [f"მარჯვნივ{r} ბოლო" for r in range(8)]
    assert {line.confidence for line in lines} == {95.0, 90.0}


def test_table_rules_are_found_on_a_page_image_and_text_is_not_a_rule(page_image):
    from PIL import ImageDraw

    from workplan.extract.ocr_image import ruling_lines

    assert ruling_lines(page_image, 150) == []  # the sample's page: text, no rules
    table = Image.new("L", (1200, 900), 250)
    draw = ImageDraw.Draw(table)
    for y in (100, 300, 500):
        draw.line((100, y, 1100, y), fill=170, width=2)  # light grey rules, as tables print them
    for x in (100, 400, 1100):
        draw.line((x, 100, x, 500), fill=170, width=2)
    rules = ruling_lines(table, 150)
    horizontal = sorted(round(top) for x0, top, x1, bottom in rules if x1 - x0 > 500)
    vertical = sorted(round(x0) for x0, top, x1, bottom in rules if bottom - top > 300)
    assert horizontal == [100, 300, 500] and vertical == [100, 400, 1100]


def test_light_text_on_a_dark_fill_is_turned_dark_on_light(page_image):
    from PIL import ImageDraw

    from workplan.extract.ocr_image import lighten_dark_fills, ruling_lines

    assert lighten_dark_fills(page_image)[1] == []  # bold glyphs are not fills
    page = page_image.copy()
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 100, 400, 200), fill=50)
    draw.text((120, 140), "label", fill=255)
    lightened, boxes = lighten_dark_fills(page)
    assert boxes == [(100, 100, 401, 201)]  # the fill's own extent, to the pixel
    assert np.asarray(lightened)[100:201, 100:401].mean() > 235  # its ground is paper now, not grey
    assert ruling_lines(lightened, 150) == []  # and no stack of rules


def test_words_whose_boxes_touch_stay_apart():
    from workplan.extract.ocr import lines_from_words

    words = [Word("თემატური", 96.0, 192, 2873, 187, 44, ("3", "23", "1")), Word("სფერო", 96.0, 393, 2874, 127, 43, ("3", "23", "1")),
             Word("2", 96.0, 519, 2869, 20, 52, ("3", "23", "1")), Word("-", 96.0, 566, 2891, 13, 5, ("3", "23", "1"))]
    assert [line.text for line in lines_from_words(words, 1, 300)] == ["თემატური სფერო 2 -"]


def test_dark_ground_enclosed_by_a_fills_light_letters_is_not_turned_twice(page_image):
    """Light strokes can wall off a patch of a fill's ground (inside a bold letter's loop): it is
    part of the fill already turned, not a second fill to turn back dark."""
    from PIL import ImageDraw

    from workplan.extract.ocr_image import lighten_dark_fills

    page = page_image.copy()
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 100, 500, 300), fill=50)
    draw.rectangle((240, 160, 360, 250), outline=255, width=18)  # a light loop enclosing dark ground
    lightened, boxes = lighten_dark_fills(page)
    assert boxes == [(100, 100, 501, 301)]
    assert np.asarray(lightened)[185:225, 265:335].mean() > 200  # the enclosed ground is light too


def _line_of(words: list[tuple[str, int]]) -> list[Word]:
    """Words side by side on one tesseract line, each (text, box height in pixels), bottoms aligned."""
    return [Word(text, 95.0, 100 + 220 * i, 500 - height, 200, height, ("1", "1", "1")) for i, (text, height) in enumerate(words)]


def test_a_latin_lines_size_is_that_of_its_full_height_words():
    from workplan.extract.ocr import chars_from_words

    # At 300 dpi, 11-point type: x-height words 28 px, with ascenders 40, ascender to descender 47.
    line = _line_of([("on", 28), ("the", 40), ("are", 28), ("by", 47), ("of", 40), ("(IOM)", 47), ("as", 28)])
    assert {c.size for c in chars_from_words(line, 300)} == {8.5}  # 47 px / 1.3 at 72/300: not the median's 7.5
    # One word taller than every other (a speck joined to it) is not the line's size.
    speckled = _line_of([("on", 28), ("the", 40), ("are", 28), ("by", 47), ("of", 40), ("(IOM)", 47), ("as|", 80)])
    assert {c.size for c in chars_from_words(speckled, 300)} == {8.5}


def test_a_georgian_lines_size_is_measured_against_its_words_letters():
    from workplan.extract.ocr import chars_from_words

    # At 300 dpi, 9.5-point type: a word spanning an ascender and a descender (`ქსელის`) is boxed
    # 47 px, one with the x-height and a descender (`და`, `ჯგუფი`) or an ascender (`ორი`) 34 to 36.
    # Most words short: their median (36 px) is not the line's size, their letters tell it.
    line = _line_of([("და", 34), ("ჯგუფი", 35), ("თავი", 36), ("ქსელის", 47), ("ორი", 36)])
    full = _line_of([("სამუშაო", 47), ("ქსელის", 47), ("თემატური", 47)])
    assert {c.size for c in chars_from_words(line, 300)} == {c.size for c in chars_from_words(full, 300)} == {8.5}


def test_the_ocr_models_are_the_language_packs():
    from workplan.extract.ocr import ocr_models

    # A document of unknown language is read with every pack's models; a forced one with its own
    # (a Georgian page prints Latin acronyms: `kat+eng`).
    assert ocr_models() == "kat+eng"
    assert (ocr_models("ka"), ocr_models("en")) == ("kat+eng", "eng")


def _photographed(page: Image.Image, corners: list[tuple[float, float]], ground: int = 90) -> Image.Image:
    """The page laid on a darker ground as a phone sees it: its corners (top left, top right,
    bottom right, bottom left) at `corners` of a frame 8% larger than the page."""
    import cv2

    width, height = round(page.width * 1.08), round(page.height * 1.08)
    source = np.array([[0, 0], [page.width, 0], [page.width, page.height], [0, page.height]], dtype=np.float32)
    warped = cv2.warpPerspective(np.asarray(page), cv2.getPerspectiveTransform(source, np.array(corners, dtype=np.float32)),
                                 (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=ground)
    return Image.fromarray(warped)


def test_a_photographed_sheet_is_found_by_its_corners_and_seen_square_on(page_image):
    from workplan.extract.ocr_image import find_sheet, square_on

    w, h = page_image.size
    corners = [(60, 40), (w + 20, 70), (w + 45, h + 55), (35, h + 30)]  # seen a little from one side
    photo = _photographed(page_image, corners)
    found, photographed = find_sheet(photo)
    assert photographed
    assert np.abs(found - np.array(corners, dtype=np.float32)).max() < 0.01 * w
    flat = square_on(photo, found)
    assert flat.size == photo.size
    # The sheet's text lines are level again: the skew search finds nothing to turn.
    assert abs(skew_angle(flat)) < 0.15
    assert prepare(photo).sheet == "flattened"


def test_a_scan_is_no_photo_and_a_photo_without_a_sheet_says_so(page_image):
    from workplan.extract.ocr_image import find_sheet

    assert find_sheet(page_image) == (None, False)
    assert prepare(page_image).sheet is None
    w, h = page_image.size
    cropped = _photographed(page_image, [(-80, -80), (w * 1.08 + 80, -80), (w * 1.08 + 80, h * 1.08 + 80), (-80, h * 1.08 + 80)])
    assert find_sheet(cropped)[0] is None  # a photo cropped to the sheet: its frame is the sheet
    dark = Image.fromarray(np.full((h, w), 80, dtype=np.uint8))
    dark.paste(page_image.resize((w // 5, h // 5)), (w // 3, h // 3))
    assert find_sheet(dark) == (None, True)  # ground all round, but no sheet covering the photo
    assert prepare(dark).sheet == "not_found"


def test_bold_words_blurred_in_a_photo_are_no_dark_fills(page_image):
    from PIL import ImageFilter

    from workplan.extract.ocr_image import lighten_dark_fills

    blurred = page_image.resize((page_image.width * 2, page_image.height * 2), Image.BICUBIC).filter(ImageFilter.GaussianBlur(3))
    darker = Image.fromarray((np.asarray(blurred, dtype=np.float32) * 0.75).astype(np.uint8))
    assert lighten_dark_fills(darker, 300)[1] == []
