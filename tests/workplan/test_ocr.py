"""A scanned copy of the sample (no text layer) is read by OCR: priorities and deadlines survive."""
import pytest
import regex

from conftest import SAMPLE_PDF
from workplan.extract.ocr import lines_from_tsv, ocr_problem
from pdf_factory import scanned_copy

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "5\t1\t1\t1\t1\t1\t300\t600\t120\t50\t91\tვადა:\n"
    "5\t1\t1\t1\t1\t2\t440\t600\t100\t50\t90\t2021\n"
    "5\t1\t1\t1\t2\t1\t300\t700\t100\t50\t90\tIOM\n"
)


def test_tesseract_words_become_lines_in_points():
    lines = lines_from_tsv(TSV, page_number=3)
    assert [l.text for l in lines] == ["ვადა: 2021", "IOM"]
    assert lines[0].box.page == 3 and lines[0].box.x0 == pytest.approx(72.0) and lines[0].box.top == pytest.approx(144.0)
    assert lines[0].confidence == pytest.approx(90.5)
    assert lines[0].font == "ocr"


@pytest.mark.skipif(ocr_problem() is not None, reason=str(ocr_problem()))
def test_scanned_sample_recovers_priorities_and_deadlines(tmp_path, tables):
    from workplan.pipeline import process_pdf

    scanned = scanned_copy(SAMPLE_PDF, tmp_path / "scan.pdf", dpi=300)
    result = process_pdf(scanned)
    assert result.edition == "2021-2022"
    priorities = result.tables["priorities"].to_pandas()
    assert list(priorities["priority_id"]) == list(tables["priorities"]["priority_id"])
    got = result.tables["activities"].to_pandas().set_index("activity_id")
    expected = tables["activities"].set_index("activity_id")
    correct = sum(
        activity_id in got.index
        and str(got.loc[activity_id, "deadline_start"]) == str(row["deadline_start"])
        and str(got.loc[activity_id, "deadline_end"]) == str(row["deadline_end"])
        for activity_id, row in expected.iterrows()
    )
    assert correct / len(expected) >= 0.95, f"{correct}/{len(expected)} activities with correct deadlines"
    warnings = result.tables["warnings"].to_pandas()
    assert set(warnings[warnings["code"] == "ocr"]["page"]) == set(range(1, 27))


@pytest.mark.skipif(ocr_problem() is not None, reason=str(ocr_problem()))
def test_a_scanned_page_turned_by_rotate_is_read_upright(tmp_path):
    import pikepdf

    from workplan.extract.ocr import ocr_pages

    scanned = scanned_copy(SAMPLE_PDF, tmp_path / "scan.pdf", dpi=200)
    with pikepdf.open(scanned) as pdf:
        pdf.pages[8].Rotate = 90
        pdf.save(tmp_path / "turned.pdf")
    upright = [line.text for line in ocr_pages(scanned, [9])[9].lines]
    turned = [line.text for line in ocr_pages(tmp_path / "turned.pdf", [9])[9].lines]
    assert len(upright) > 10 and turned == upright


@pytest.mark.skipif(ocr_problem() is not None, reason=str(ocr_problem()))
def test_a_shaded_label_cell_is_read_again_alone(tmp_path):
    """White bold text in a dark cell, which the page's reading got wrong (`30069605` for the label
    number): read again alone, the cell gives the label; a dark bar with no words stays wordless."""
    from PIL import Image, ImageDraw, ImageFont

    from workplan.extract.ocr import Word, fill_readings
    from workplan.extract.ocr_image import prepare

    page = Image.new("L", (1400, 900), 245)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("DejaVuSans-Bold.ttf", 40)
    draw.rectangle((100, 100, 560, 260), fill=70)
    draw.text((125, 125), "თემატური", font=font, fill=250)
    draw.text((125, 185), "პრიორიტეტი 5", font=font, fill=250)
    draw.rectangle((100, 600, 1200, 640), fill=40)  # a dark bar: nothing to read
    ready = prepare(page)
    prepared, fills = ready.image, ready.fills
    assert len(fills) == 2
    misread = [Word("თემატური", 96.0, 125, 130, 220, 45, ("1", "1", "1")), Word("30069605", 60.0, 125, 190, 330, 45, ("1", "1", "2"))]
    words, corrections = fill_readings(prepared, misread, fills, 300, tmp_path)
    assert " ".join(w.text for w in sorted(words, key=lambda w: (w.top // 40, w.left))) == "თემატური პრიორიტეტი 5"
    assert corrections[0].read == "თემატური 30069605" and "read again alone" in corrections[0].reason


@pytest.mark.skipif(ocr_problem() is not None, reason=str(ocr_problem()))
def test_the_time_limit_binds_ocr_and_names_it(tmp_path):
    from workplan.extract.errors import ExtractError
    from workplan.extract.pdf_lines import ReadOptions, read_pdf

    scanned = scanned_copy(SAMPLE_PDF, tmp_path / "scan.pdf", dpi=150)
    with pytest.raises(ExtractError) as refused:
        read_pdf(scanned, options=ReadOptions(time_limit=1.0))
    # Stopped while OCR read the pages (not at the end of reading, not by the alarm inside one page).
    assert regex.search(r"^gave up after \d+ s at page \d+ \(OCR\): over the time limit of 1 s", str(refused.value))


def test_a_scan_without_tesseract_names_the_page_the_cause_and_the_way_round(tmp_path, monkeypatch):
    import workplan.extract.ocr as ocr
    from workplan.extract.errors import ExtractError
    from workplan.extract.pdf_lines import read_pdf

    scanned = scanned_copy(SAMPLE_PDF, tmp_path / "scan.pdf", dpi=100)
    monkeypatch.setattr(ocr, "ocr_problem", lambda models=None: "tesseract is not installed (apt-get install tesseract-ocr)")
    with pytest.raises(ExtractError, match=r"^page 1: .* and tesseract is not installed .*; or rerun with --ocr never"):
        read_pdf(scanned)


@pytest.mark.skipif(ocr_problem() is not None, reason=str(ocr_problem()))
def test_a_ruled_cell_the_page_reading_left_empty_is_read_alone(tmp_path):
    """tesseract's page segmentation can leave out a narrow column of item numbers: a cell holding
    ink but no word is read again alone; a cell holding nothing stays empty."""
    from PIL import Image, ImageDraw, ImageFont

    from workplan.extract.ocr import Word, empty_cell_readings
    from workplan.extract.ocr_image import dark_pixels, ruling_lines

    page = Image.new("L", (1400, 700), 250)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("DejaVuSans.ttf", 36)
    for y in (100, 250, 400, 550):
        draw.line((100, y, 1300, y), fill=0, width=3)
    for x in (100, 250, 1300):
        draw.line((x, 100, x, 550), fill=0, width=3)
    words = []
    for row, (number, text) in enumerate((("1.", "first"), ("2.", "second"), (None, "third"))):
        top = 100 + 150 * row + 50
        if number:
            draw.text((130, top), number, font=font, fill=0)
        draw.text((280, top), text, font=font, fill=0)
        words.append(Word(text, 95.0, 280, top, 150, 40, ("1", str(row), "1")))  # the page's reading: the text column only
    read, corrections = empty_cell_readings(page, words, ruling_lines(page, 300), dark_pixels(page), 300, tmp_path)
    added = sorted((w for w in read if w not in words), key=lambda w: w.top)
    assert [w.text for w in added] == ["1.", "2."]
    assert all(130 <= w.left <= 250 for w in added)
    assert [c.kept for c in corrections] == ["1.", "2."] and all("left empty" in c.reason for c in corrections)
