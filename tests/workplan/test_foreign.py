"""PDFs from other projects' test suites (tests/fixtures/foreign, sources and licences in
SOURCES.md): each is refused in one line with its true cause, on both engines; none ends in a
traceback, a signal, one of our own errors, or the time limit."""
import subprocess
import sys

import pytest

from conftest import FIXTURES

FOREIGN = sorted((FIXTURES / "foreign").rglob("*.pdf"))
# The causes a user may be told for a PDF that is no workplan.
CAUSES = ("neither Georgian nor English", "no text:", "needs a password", "no priority blocks", "truncated", "damaged", "no pages",
          "not a PDF", "decompression bomb", "--max-memory")
OUR_OWN_ERRORS = ("Traceback", "ZeroDivisionError", "TypeError", "AttributeError", "KeyError", "IndexError", "NameError",
                  "UnboundLocalError", "AssertionError", "RecursionError")


def test_the_corpus_is_shipped():
    assert len(FOREIGN) >= 30


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_every_foreign_pdf_is_refused_in_one_line_with_its_cause(tmp_path, engine):
    done = subprocess.run([sys.executable, "-m", "workplan", "extract", *map(str, FOREIGN), "--out", str(tmp_path / "out"),
                           "--engine", engine, "--jobs", "2", "--time-limit", "60"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 1  # refused, never a signal (a negative status)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    # Nothing but our own lines: the parsers' log lines reach the terminal only with --verbose.
    assert all(line.startswith("workplan: ") for line in lines), [l for l in lines if not l.startswith("workplan: ")][:5]
    assert not any(word in done.stderr for word in OUR_OWN_ERRORS), done.stderr[-2000:]
    for pdf in FOREIGN:
        said = [line for line in lines if line.startswith(f"workplan: {pdf}: ")]
        assert len(said) == 1, f"{pdf.name}: {said}"
        assert any(cause in said[0] for cause in CAUSES), said[0]


def test_a_long_document_in_no_language_read_here_is_refused_at_its_first_pages(tmp_path):
    from support import renderer

    from workplan.errors import InputError
    from workplan.extract.settings import DEFAULT_SETTINGS
    from workplan.pipeline import process_pdf

    renderer()  # skips, saying why, where WeasyPrint cannot run
    import weasyprint

    page = "<p>" + "Рабочий план сети по вопросам миграции на два года вперёд. " * 40 + "</p>"
    pages = 3 * DEFAULT_SETTINGS.text_layer.first_pages
    html = "".join(f"<section style='page-break-after: always'>{page}</section>" for _ in range(pages))
    pdf = tmp_path / "russian.pdf"
    weasyprint.HTML(string=f"<html lang='ru'><body>{html}</body></html>").write_pdf(pdf)
    read: list[int] = []
    with pytest.raises(InputError) as refused:
        process_pdf(pdf, on_page=lambda number, total: read.append(number))
    assert "neither Georgian nor English" in str(refused.value)
    assert max(read) == DEFAULT_SETTINGS.text_layer.first_pages  # its other pages were never read
