"""Visual review: one PNG per page with boxes drawn, and an index linking warnings to pages."""
from conftest import SAMPLE_PDF
from workplan.review import boxes_by_page, render


def test_review_writes_every_page_and_an_index(tmp_path, sample_result):
    index = render(SAMPLE_PDF, sample_result, tmp_path)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 26
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    text = index.read_text(encoding="utf-8")
    assert 'href="page-012.png"' in text and "edition 2021-2022" in text


def test_every_detected_row_gets_a_box_on_its_page(sample_result):
    boxes = boxes_by_page(sample_result)
    activities = sample_result.tables["activities"].to_pandas()
    for row in activities.itertuples():
        assert ((row.x0, row.top, row.x1, row.bottom) in [b for b, _, _ in boxes[row.page]])
    colours = {colour for page in boxes.values() for _, colour, _ in page}
    assert len(colours) == 6  # sections, priorities, activities, deadlines, lists, set aside


def test_boxes_carry_role_and_parsed_value(sample_result):
    labels = [label for page in boxes_by_page(sample_result).values() for _, _, label in page]
    # A deadline shows its parsed span, a list its role and registry ids, a set-aside line its reason.
    assert "core-2.1/1.1 2021-04-01..2021-06-30" in labels
    assert any(label.startswith("lead: IOM") for label in labels)
    assert any(label.startswith("page_number (a number alone in the page margin") for label in labels)
    assert any(label.startswith("running_header (repeated in the top margin") for label in labels)


def test_sections_objectives_and_continued_lists_are_labelled(sample_result):
    pages = boxes_by_page(sample_result)
    labels = [label for page in pages.values() for _, _, label in page]
    assert sum(label.startswith("section ") for label in labels) == sample_result.tables["sections"].num_rows
    priorities = sample_result.tables["priorities"].to_pylist()
    listed = next(p for p in priorities if p["gcm_scope"] == "listed")
    assert any(label.startswith(f"{listed['priority_id']} ") and "GCM " + ",".join(map(str, listed["gcm_objectives"])) in label
               for label in labels)
    continued = [row for row in sample_result.tables["org_lists"].to_pylist() if row["page_end"] > row["page"]]
    assert continued
    for row in continued:
        assert any(label.startswith(f"continued from page {row['page']}: {row['role']}") for _, _, label in pages[row["page_end"]])


def test_a_page_turned_by_rotate_is_drawn_as_the_tables_measure_it(tmp_path, sample_result):
    """Boxes are in the page's own coordinates (before /Rotate): the image is drawn the same way."""
    import pikepdf
    from PIL import Image

    turned = tmp_path / "turned.pdf"
    with pikepdf.open(SAMPLE_PDF) as pdf:
        pdf.pages[8].Rotate = 90
        pdf.save(turned)
    render(turned, sample_result, tmp_path / "review")
    with Image.open(tmp_path / "review" / "page-009.png") as image, Image.open(tmp_path / "review" / "page-008.png") as upright:
        assert image.size == upright.size and image.size[0] < image.size[1]  # portrait, as the text was set


def test_labels_are_readable_and_never_cover_each_other():
    from PIL import Image, ImageDraw

    from workplan.review import LABEL_PIXELS, _draw_label, _overlaps

    draw = ImageDraw.Draw(Image.new("RGBA", (600, 400)))
    placed = []
    for _ in range(5):  # five boxes at one corner: five labels, one under the other
        _draw_label(draw, 50.0, 100.0, (31, 119, 180), "core-1/1 2021-01-01..2022-12-31", placed, (600, 400))
    assert LABEL_PIXELS >= 12 and all(spot[3] - spot[1] >= LABEL_PIXELS for spot in placed)
    assert not any(_overlaps(a, b) for i, a in enumerate(placed) for b in placed[i + 1:])


def test_review_takes_several_pdfs(tmp_path):
    import subprocess
    import sys

    from conftest import FIXTURES

    later = FIXTURES / "workplan_2022_2023_ka_synthetic.pdf"
    done = subprocess.run([sys.executable, "-m", "workplan", "review", str(SAMPLE_PDF), str(later), "--out", str(tmp_path),
                           "--engine", "pdfium", "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / SAMPLE_PDF.stem / "index.html").exists() and (tmp_path / later.stem / "index.html").exists()
