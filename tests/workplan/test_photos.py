"""Phone photos: every page of the sample photographed (`fixtures/make_scan.py --photo`: the sheet
on a desk seen a little from one side, a shadow, warm light, colour JPEG) is found against the desk,
seen square on and read by OCR into the sample's tables, each page named in an `ocr` warning.

The photos here are drawn from seeds and a resolution kept apart from the ones the sheet finder
was tuned on (`make bench` photographs those)."""
import subprocess
import sys

import pytest

from conftest import FIXTURES, SAMPLE_PDF
from support import SAMPLE_GOLD, SAMPLE_NORMS, score, warnings_of
from workplan.extract.ocr import ocr_problem

pytestmark = pytest.mark.skipif(ocr_problem() is not None, reason=str(ocr_problem()))


@pytest.fixture(scope="module")
def photographed(tmp_path_factory):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    tmp_path = tmp_path_factory.mktemp("photo")
    photo = tmp_path / "photo.pdf"
    subprocess.run([sys.executable, str(FIXTURES / "make_scan.py"), str(SAMPLE_PDF), str(photo), "--photo", "0.03",
                    "--dpi", "180", "--seed", "29"], check=True, capture_output=True)
    return process_pdf(photo, options=ReadOptions(engine="pdfium")), tmp_path


def test_a_photographed_sample_reads_as_the_sample(photographed):
    result, tmp_path = photographed
    report = score(result, SAMPLE_GOLD, SAMPLE_NORMS, tmp_path)
    assert report["score"] >= 0.95, report.get("detail")


def test_each_photographed_page_is_named_and_seen_square_on(photographed):
    result, _ = photographed
    pages = result.tables["documents"].to_pylist()[0]["pages"]
    ocr = warnings_of(result, "ocr")
    assert sorted(ocr["page"]) == list(range(1, pages + 1))
    assert ocr["message"].str.contains("a photographed sheet seen square on").all()
