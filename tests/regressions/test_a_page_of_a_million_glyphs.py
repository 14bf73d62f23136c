"""A page of one 1 MB line of text (a million glyphs) ended the process with SIGSEGV on the pdfplumber
engine and no message: pdfplumber holds about 2 KB a glyph, the address-space limit of the memory
budget was reached inside a C extension, which does not raise. The page is now measured before it is
read (its shown strings bound its glyphs) and refused in one line."""
import subprocess
import sys

import pytest


def test_a_page_of_more_glyphs_than_the_budget_holds_is_refused_in_one_line(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 9 Tf 20 400 Td (" + b"word " * 200_000 + b") Tj ET")
    pdf.save(tmp_path / "long-line.pdf")
    done = subprocess.run([sys.executable, "-m", "workplan", "extract", str(tmp_path / "long-line.pdf"), "--out",
                           str(tmp_path / "out"), "--quiet", "--engine", "pdfplumber"], capture_output=True, text=True)
    assert done.returncode == 1, done  # not -11 (SIGSEGV)
    assert "page 1: up to 1000000 glyphs on one page" in done.stderr
    assert "--max-memory" in done.stderr and len(done.stderr.strip().splitlines()) == 1
