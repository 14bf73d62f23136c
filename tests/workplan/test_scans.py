"""Scanned editions: pages of the sample made to look scanned (`fixtures/make_scan.py`: resolution,
skew, uneven light, blur, noise, JPEG) are read by OCR into the sample's tables.

A few pages are scanned in each document (the whole sample is scanned in `make bench`): the other
pages keep their text layer, so the score measures what OCR loses on the scanned ones.
"""
import subprocess
import sys

import pytest

from conftest import FIXTURES, SAMPLE_PDF
from support import SAMPLE_GOLD, SAMPLE_NORMS, score, warnings_of
from workplan.extract.ocr import ocr_problem

pytestmark = pytest.mark.skipif(ocr_problem() is not None, reason=str(ocr_problem()))

# Pages with priority labels, deadlines in quarters and organisation lists full of Latin acronyms.
SCANNED_PAGES = (9, 13, 17)
SETTINGS = {
    "300 dpi, turned +0.6°, JPEG 75": ["--dpi", "300", "--angle", "0.6", "--jpeg", "75"],
    "200 dpi, turned -1.1°, light falling off, JPEG 60": ["--dpi", "200", "--angle", "-1.1", "--illum", "0.15", "--jpeg", "60"],
    "250 dpi, turned +1.5°, blurred and noisy, JPEG 50": ["--dpi", "250", "--angle", "1.5", "--blur", "0.8", "--noise", "8",
                                                          "--jpeg", "50", "--seed", "7"],
}


def scan(tmp_path, arguments, pages=SCANNED_PAGES):
    target = tmp_path / "scan.pdf"
    subprocess.run([sys.executable, str(FIXTURES / "make_scan.py"), str(SAMPLE_PDF), str(target), *arguments,
                    "--pages", ",".join(map(str, pages))], check=True, capture_output=True)
    return target


@pytest.fixture(scope="module")
def text_layer_participants(sample_result):
    return _participants_on(sample_result, SCANNED_PAGES)


def _participants_on(result, pages):
    frame = result.tables["participants"].to_pandas()
    frame = frame[frame["page"].isin(pages)]
    return sorted(zip(frame["priority_id"], frame["activity_id"].fillna(""), frame["org_id"], frame["role"]))


@pytest.fixture(scope="module", params=list(SETTINGS), ids=list(SETTINGS))
def scanned(request, tmp_path_factory):
    from workplan.pipeline import process_pdf

    tmp_path = tmp_path_factory.mktemp("scan")
    return process_pdf(scan(tmp_path, SETTINGS[request.param])), tmp_path


def test_a_document_with_scanned_pages_reads_as_its_text_layer(scanned):
    result, tmp_path = scanned
    report = score(result, SAMPLE_GOLD, SAMPLE_NORMS, tmp_path)
    assert report["score"] >= 0.999, report.get("detail")


def test_no_registry_acronym_is_minted_anew_on_a_scanned_page(scanned, text_layer_participants):
    result, _ = scanned
    assert _participants_on(result, SCANNED_PAGES) == text_layer_participants
    organizations = result.tables["organizations"].to_pandas()
    assert organizations["known"].all(), organizations[~organizations["known"]]


def test_each_scanned_page_is_named_with_its_confidence_and_skew(scanned):
    result, _ = scanned
    ocr = warnings_of(result, "ocr")
    assert sorted(ocr["page"]) == list(SCANNED_PAGES)
    assert ocr["message"].str.contains(r"mean word confidence \d+%").all()
    assert ocr["message"].str.contains("levelled by").all()


def test_a_misread_acronym_is_marked_and_traced(scanned):
    result, _ = scanned
    participants = result.tables["participants"].to_pandas()
    corrected = participants[participants["match_method"] == "ocr_corrected"]
    traced = warnings_of(result)
    traced = traced[traced["code"].isin(["ocr_corrected", "organization"]) & traced["message"].str.contains("OCR")]
    # Every correction of a mention is in warnings on its page, and names what OCR read.
    assert not corrected.empty
    assert set(corrected["page"]) <= set(traced["page"])
    assert not participants[participants["page"].isin(SCANNED_PAGES) & (participants["match_method"] == "minted")].shape[0]


def test_a_scanned_table_layout_keeps_its_labels_and_item_numbers(tmp_path):
    """The table layout's pages with shaded label cells and `№` columns, scanned: each label is
    read (its cell read again alone where the page's reading garbled it), every priority keeps
    its id and every activity on those pages its number, as on the text layer."""
    from workplan.pipeline import process_pdf

    table = FIXTURES / "layouts" / "table.pdf"
    pages = (4, 5, 14)
    target = tmp_path / "table-scan.pdf"
    subprocess.run([sys.executable, str(FIXTURES / "make_scan.py"), str(table), str(target), "--dpi", "300", "--angle", "0.5",
                    "--jpeg", "75", "--seed", "3", "--pages", ",".join(map(str, pages))], check=True, capture_output=True)
    scanned, typeset = process_pdf(target), process_pdf(table)
    assert scanned.tables["priorities"]["priority_id"].to_pylist() == typeset.tables["priorities"]["priority_id"].to_pylist()

    def numbers(result):
        activities = result.tables["activities"].to_pandas()
        return activities[activities["page"].isin(pages)][["activity_id", "number_printed"]].values.tolist()

    assert numbers(scanned) == numbers(typeset)
    reread = warnings_of(scanned, "ocr_corrected")
    assert reread["message"].str.contains("shaded cell read again alone").any()
