"""Whatever PDF an analyst was sent: each failure is one clear line, and nothing half-made is written."""
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import SAMPLE_PDF
from support import CONTENT_TABLES, assert_same_tables
from workplan.extract.legacy_fonts import _data as legacy_data
from workplan.extract.pdf_lines import read_pdf
from pdf_factory import encrypted_copy, legacy_font_copy, scanned_copy, text_pdf, truncated_copy
from workplan.bench import repeated_pdf


def extract(*args, env=None):
    return subprocess.run([sys.executable, "-m", "workplan.cli", "extract", *map(str, args)],
                          capture_output=True, text=True, env=env)


def one_line_error(result, *words):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    # `workplan: …` for a document, `workplan extract: error: …` for an option refused before any is read.
    lines = [l for l in result.stderr.strip().splitlines() if l.startswith(("workplan:", "workplan extract: error:"))]
    assert len(lines) == 1, result.stderr
    assert all(w in lines[0] for w in words), lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def sample_lines():
    return read_pdf(SAMPLE_PDF).lines


def test_truncated_pdf(tmp_path):
    bad = truncated_copy(SAMPLE_PDF, tmp_path / "cut.pdf")
    one_line_error(extract(bad, "--out", tmp_path / "out"), str(bad), "truncated")
    assert not (tmp_path / "out" / "activities").exists()


def test_encrypted_pdf_needs_its_password(tmp_path):
    locked = encrypted_copy(SAMPLE_PDF, tmp_path / "locked.pdf", user="letmein")
    one_line_error(extract(locked, "--out", tmp_path / "out"), str(locked), "encrypted", "--password")
    one_line_error(extract(locked, "--out", tmp_path / "out", "--password", "wrong"), "password given is wrong")
    assert extract(locked, "--out", tmp_path / "out", "--password", "letmein").returncode == 0
    assert len(pd.read_parquet(tmp_path / "out" / "activities")) == 60


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_encrypted_pdf_with_empty_user_password_just_works(tmp_path, engine):
    owner_only = encrypted_copy(SAMPLE_PDF, tmp_path / "owner-only.pdf", user="")
    assert extract(owner_only, "--out", tmp_path / "out", "--engine", engine).returncode == 0
    assert len(pd.read_parquet(tmp_path / "out" / "activities")) == 60


def test_an_english_document_that_is_not_a_workplan(tmp_path):
    english = text_pdf(tmp_path / "report.pdf", [[(72, 100, 12, [("Helvetica", "Annual report 2020-2021")]),
                                                  (72, 120, 10, [("Helvetica", "Priorities and activities of the year.")])]],
                       title="Annual report 2020-2021")
    one_line_error(extract(english, "--out", tmp_path / "out"), str(english), "does not look like a workplan")


def test_an_english_document_read_as_georgian_is_refused_for_its_language(tmp_path):
    english = text_pdf(tmp_path / "report.pdf", [[(72, 100, 12, [("Helvetica", "Annual report 2020-2021")])]])
    done = extract(english, "--out", tmp_path / "out", "--language", "ka")
    assert done.returncode == 1 and "does not look like a workplan" in done.stderr


def test_georgian_document_that_is_not_a_workplan(tmp_path, sample_lines):
    narrative = [line for line in sample_lines if line.page <= 3]  # the introduction only
    letter = legacy_font_copy(narrative, tmp_path / "letter.pdf", legacy_data()[1])
    one_line_error(extract(letter, "--out", tmp_path / "out"), "does not look like a workplan")


def test_legacy_font_is_converted_with_a_warning(tmp_path, sample_lines, tables):
    legacy = legacy_font_copy(sample_lines, tmp_path / "legacy.pdf", legacy_data()[1])
    assert extract(legacy, "--out", tmp_path / "out").returncode == 0
    activities = pd.read_parquet(tmp_path / "out" / "activities")
    assert list(activities["text"]) == list(tables["activities"]["text"])
    assert list(activities["deadline_end"].astype(str)) == list(tables["activities"]["deadline_end"].astype(str))
    participants = pd.read_parquet(tmp_path / "out" / "participants")
    assert sorted(participants["org_id"]) == sorted(tables["participants"]["org_id"])
    warnings = pd.read_parquet(tmp_path / "out" / "warnings")
    legacy_rows = warnings[warnings["code"] == "legacy_font"]
    assert set(legacy_rows["page"]) == set(range(1, 27)) and legacy_rows["context"].eq("AcadNusx").any()


def test_latin_acronyms_in_other_fonts_are_never_converted(tmp_path):
    mixed = text_pdf(tmp_path / "mixed.pdf", [[(72, 100, 10, [("AcadNusx", "wevrebi: "), ("Helvetica", "IOM, UNHCR")])]])
    assert read_pdf(mixed).lines[0].text == "წევრები: IOM, UNHCR"


def test_page_budget_refuses_a_long_document_quickly(tmp_path):
    long_pdf = repeated_pdf(SAMPLE_PDF, 1000, tmp_path / "long.pdf")
    one_line_error(extract(long_pdf, "--out", tmp_path / "out", "--max-pages", "500"), "1000 pages", "--max-pages")


def test_time_budget_stops_a_slow_document(tmp_path):
    long_pdf = repeated_pdf(SAMPLE_PDF, 1000, tmp_path / "long.pdf")
    one_line_error(extract(long_pdf, "--out", tmp_path / "out", "--time-limit", "1"), "gave up", "--time-limit")
    assert not (tmp_path / "out" / "activities").exists()


@pytest.mark.parametrize("hostile", ["../../x", "a/b", "x\x1b[31my", ".."])
def test_hostile_edition_name_is_refused_and_nothing_escapes(tmp_path, hostile):
    out = tmp_path / "deep" / "out"
    one_line_error(extract(SAMPLE_PDF, "--out", out, "--edition", hostile), "not a safe partition name")
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_hostile_title_without_years_falls_back_to_the_printed_years(tmp_path, sample_lines):
    untitled = legacy_font_copy(sample_lines, tmp_path / "untitled.pdf", legacy_data()[1])
    import pikepdf

    with pikepdf.open(untitled, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Title"] = "../../../etc/passwd"
        pdf.save(untitled)
    # The running header still names the years, so the edition is read from it, safely.
    result = extract(untitled, "--out", tmp_path / "out")
    assert result.returncode == 0
    assert [p.name for p in (tmp_path / "out" / "activities").iterdir()] == ["edition=2021-2022"]


def test_scanned_pdf_without_ocr_says_how_to_enable_it(tmp_path):
    scanned = scanned_copy(SAMPLE_PDF, tmp_path / "scan.pdf", dpi=50)
    one_line_error(extract(scanned, "--out", tmp_path / "out", "--ocr", "never"), "no text layer", "--ocr auto")
    no_tesseract = dict(os.environ, PATH=os.path.dirname(sys.executable))
    one_line_error(extract(scanned, "--out", tmp_path / "out", env=no_tesseract), "tesseract-ocr-kat")


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("claimed", [20, 99])
def test_a_page_tree_whose_count_lies_is_read_whole_with_a_warning(tmp_path, engine, claimed):
    from pdf_factory import page_count_lie

    lying = page_count_lie(SAMPLE_PDF, tmp_path / "lying.pdf", claimed)
    result = extract(lying, "--out", tmp_path / "out", "--engine", engine)
    assert result.returncode == 0, result.stderr
    warnings = pd.read_parquet(tmp_path / "out" / "warnings")
    assert warnings["code"].tolist() == ["page_count"]
    assert f"declares {claimed} pages but holds 26" in warnings["message"].iloc[0]
    assert len(pd.read_parquet(tmp_path / "out" / "activities")) == 60


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_max_pages_counts_the_pages_reached_not_the_count_claimed(tmp_path, engine):
    from pdf_factory import page_count_lie

    lying = page_count_lie(SAMPLE_PDF, tmp_path / "lying.pdf", 20)
    one_line_error(extract(lying, "--out", tmp_path / "out", "--engine", engine, "--max-pages", 25), "26 pages", "--max-pages")


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_no_pages_says_so(tmp_path, engine):
    from pdf_factory import no_pages

    one_line_error(extract(no_pages(tmp_path / "empty.pdf"), "--out", tmp_path / "out", "--engine", engine), "no pages")


def test_a_damaged_cross_reference_table_is_repaired_with_a_warning(tmp_path):
    from pdf_factory import damaged_xref

    damaged = damaged_xref(SAMPLE_PDF, tmp_path / "damaged.pdf")
    result = extract(damaged, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    warnings = pd.read_parquet(tmp_path / "out" / "warnings")
    assert warnings["code"].tolist() == ["repaired"] and "repaired by qpdf" in warnings["message"].iloc[0]
    assert len(pd.read_parquet(tmp_path / "out" / "activities")) == 60


@pytest.mark.parametrize("command", ["extract", "review"])
def test_a_self_referencing_page_tree_ends_in_one_line(tmp_path, command):
    from pdf_factory import self_referencing

    broken = self_referencing(tmp_path / "loop.pdf")
    result = subprocess.run([sys.executable, "-m", "workplan.cli", command, str(broken), "--out", str(tmp_path / "out"),
                             "--time-limit", "20"], capture_output=True, text=True, timeout=60)
    said = one_line_error(result, "loop.pdf")
    assert "--time-limit" not in said and "gave up" not in said  # the loop ends it, not the time limit


def run_measured(*args):
    """The command line in a child process; its stderr, exit status and own peak RSS in MB."""
    if not os.path.exists("/proc/self/status"):
        pytest.skip("the peak resident size of a child is read from /proc")
    # VmHWM, not ru_maxrss: after exec, ru_maxrss still counts the forking test process.
    script = ("import sys\nfrom workplan.cli import main\ncode = main(sys.argv[1:])\n"
              "status = dict(l.split(':', 1) for l in open('/proc/self/status') if ':' in l)\n"
              "print(int(status['VmHWM'].split()[0]) // 1024)\nsys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, timeout=300)
    return done, int(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_decompression_bomb_is_refused_within_the_memory_budget(tmp_path, engine):
    from pdf_factory import decompression_bomb

    bomb = decompression_bomb(SAMPLE_PDF, tmp_path / "bomb.pdf", page=3, inflated_mb=600)
    assert bomb.stat().st_size < 5_000_000
    done, peak_mb = run_measured("extract", bomb, "--out", tmp_path / "out", "--engine", engine, "--max-memory", "512")
    one_line_error(done, "page 3", "decompression bomb", "512 MB", "--max-memory")
    assert peak_mb < 512
    assert not (tmp_path / "out" / "activities").exists()


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("inner", [None, "LZWDecode", "RunLengthDecode"])
def test_a_bomb_compressed_twice_is_refused_before_any_engine_decodes_it(tmp_path, engine, inner):
    # Flate inside Flate (or LZW, RunLength under Flate): tiny on disk; the pre-check follows the
    # whole filter chain.
    from pdf_factory import decompression_bomb

    bomb = decompression_bomb(SAMPLE_PDF, tmp_path / "bomb.pdf", page=3, inflated_mb=600, nested=True, inner=inner)
    assert bomb.stat().st_size < SAMPLE_PDF.stat().st_size + 600_000
    done, peak_mb = run_measured("extract", bomb, "--out", tmp_path / "out", "--engine", engine, "--max-memory", "512")
    assert done.returncode == 1  # a refusal, never a signal
    one_line_error(done, "page 3", "decompression bomb", "--max-memory")
    assert peak_mb < 512


def test_the_address_space_limit_turns_running_out_into_one_line(tmp_path):
    from workplan.extract.errors import ExtractError
    from workplan.extract.memory import memory_budget

    if not os.path.exists("/proc/self/status"):
        pytest.skip("the address space is limited only where /proc tells its size")
    with pytest.raises(ExtractError, match="over the memory budget of 300 MB"):
        with memory_budget(300):
            bytearray(600 << 20)
    bytearray(600 << 20)  # the limit is lifted afterwards


def test_a_huge_page_is_rendered_within_a_pixel_budget(tmp_path):
    from workplan.extract.ocr import render_dpi
    from workplan.extract.settings import DEFAULT_SETTINGS

    ocr = DEFAULT_SETTINGS.ocr
    dpi = render_dpi(200 * 72, 200 * 72, ocr.dpi, ocr.max_pixels)
    assert (200 * dpi) ** 2 <= ocr.max_pixels * 1.001 and dpi < 300
    assert render_dpi(595, 842, ocr.dpi, ocr.max_pixels) == 300  # A4 keeps its resolution
    from pdf_factory import huge_blank_page

    if not __import__("shutil").which("tesseract"):
        pytest.skip("tesseract is not installed")
    page = huge_blank_page(tmp_path / "huge.pdf", inches=200)
    done, peak_mb = run_measured("extract", page, "--out", tmp_path / "out", "--ocr", "force")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert peak_mb < 1024


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("matrix", ["-1 0 0 1 595 0", "1 0 0 -1 0 842"])
def test_a_page_drawn_mirrored_is_a_warning_naming_it(tmp_path, engine, matrix):
    from pdf_factory import turned_page

    turned = turned_page(SAMPLE_PDF, tmp_path / "turned.pdf", page=9, matrix=matrix)
    result = extract(turned, "--out", tmp_path / "out", "--engine", engine)
    assert "Traceback" not in result.stderr
    warnings = pd.read_parquet(tmp_path / "out" / "warnings") if result.returncode == 0 else None
    assert warnings is not None, result.stderr
    turned_rows = warnings[warnings["code"] == "turned_text"]
    assert turned_rows["page"].tolist() == [9]


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_pages_turned_by_rotate_are_read_upright(tmp_path, engine, tables):
    """/Rotate 90 on every page (or on one): the text is drawn upright and read as such."""
    import pikepdf

    for name, pages in (("all", None), ("one", {9})):
        with pikepdf.open(SAMPLE_PDF) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if pages is None or number in pages:
                    page.Rotate = 90
            pdf.save(tmp_path / f"{name}.pdf")
        result = extract(tmp_path / f"{name}.pdf", "--out", tmp_path / name, "--engine", engine)
        assert result.returncode == 0, result.stderr
        activities = pd.read_parquet(tmp_path / name / "activities")
        assert activities["text"].tolist() == tables["activities"]["text"].tolist()
        assert pd.read_parquet(tmp_path / name / "warnings").empty


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_pages_scaled_by_the_ctm_give_the_same_tables(tmp_path, engine, tables):
    """Every page drawn at 60% through the CTM: sizes are effective sizes, judged page by page."""
    from pdf_factory import scaled_pages

    scaled = scaled_pages(SAMPLE_PDF, tmp_path / "scaled.pdf", 0.6)
    result = extract(scaled, "--out", tmp_path / "out", "--engine", engine)
    assert result.returncode == 0, result.stderr
    activities = pd.read_parquet(tmp_path / "out" / "activities")
    assert activities["text"].tolist() == tables["activities"]["text"].tolist()
    assert activities["deadline_end"].astype(str).tolist() == tables["activities"]["deadline_end"].astype(str).tolist()


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_an_annex_of_small_print_leaves_the_body_alone(tmp_path, engine, tables):
    """Six narrative pages again at 7/10 of their size after the plan: the small print carries
    much of the text, and the plan's lines are still body text, not headings."""
    from pdf_factory import scaled_pages

    annexed = scaled_pages(SAMPLE_PDF, tmp_path / "annex.pdf", 0.7, pages=[2, 3, 4, 5, 6, 26], resize=False, append=True)
    result = extract(annexed, "--out", tmp_path / "out", "--engine", engine)
    assert result.returncode == 0, result.stderr
    activities = pd.read_parquet(tmp_path / "out" / "activities")
    assert activities["text"].tolist() == tables["activities"]["text"].tolist()
    assert pd.read_parquet(tmp_path / "out" / "priorities")["priority_id"].tolist() == tables["priorities"]["priority_id"].tolist()


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("before", [False, True], ids=["annex", "preface"])
def test_small_print_in_another_language_outnumbering_the_body_leaves_it_alone(tmp_path, engine, before, tables):
    """Thirty pages of seven-point English without the body's running header, after the plan or
    before it: they carry most of the text and most of the pages, yet the body is still Georgian,
    its header still furniture, its lines still body text (not headings); the pages are named."""
    from pdf_factory import with_annex

    annexed = with_annex(SAMPLE_PDF, tmp_path / "annexed.pdf", pages=30, before=before)
    result = extract(annexed, "--out", tmp_path / "out", "--engine", engine)
    assert result.returncode == 0, result.stderr
    activities = pd.read_parquet(tmp_path / "out" / "activities")
    assert activities["text"].tolist() == tables["activities"]["text"].tolist()
    assert activities["deadline_end"].astype(str).tolist() == tables["activities"]["deadline_end"].astype(str).tolist()
    assert pd.read_parquet(tmp_path / "out" / "priorities")["priority_id"].tolist() == tables["priorities"]["priority_id"].tolist()
    participants = pd.read_parquet(tmp_path / "out" / "participants")
    assert len(participants) == len(tables["participants"])
    warnings = pd.read_parquet(tmp_path / "out" / "warnings")
    annex_pages = "2–31" if before else "27–56"
    assert warnings["code"].tolist() == ["foreign_language"] and annex_pages in warnings["message"][0]


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("turn, matrix, landscape", [(90, "0 1 -1 0 842 0", True), (180, "-1 0 0 -1 595.3 842", False),
                                                      (270, "0 -1 1 0 0 595.3", True)])
def test_pages_drawn_through_a_turned_ctm_are_read_upright(tmp_path, engine, turn, matrix, landscape, tables):
    """Every page's content drawn turned, or one page's (a landscape media box for a quarter turn):
    the text is read in the frame where it stands upright, with the same tables, on both engines."""
    from pdf_factory import turned_page

    for page in (None, 9):
        turned = turned_page(SAMPLE_PDF, tmp_path / f"turned-{page}.pdf", page=page, matrix=matrix, landscape=landscape)
        result = extract(turned, "--out", tmp_path / f"out-{page}", "--engine", engine)
        assert result.returncode == 0, result.stderr
        activities = pd.read_parquet(tmp_path / f"out-{page}" / "activities")
        assert activities["text"].tolist() == tables["activities"]["text"].tolist()
        assert pd.read_parquet(tmp_path / f"out-{page}" / "warnings").empty


def test_a_document_without_years_that_is_no_workplan_is_named_for_that_not_its_edition(tmp_path):
    # The edition is judged last: a PDF that is no workplan is never sent to look for --edition.
    english = text_pdf(tmp_path / "manual.pdf", [[(72, 100, 12, [("Helvetica", "User manual")]),
                                                  (72, 120, 10, [("Helvetica", "Install the program and run it.")])]])
    line = one_line_error(extract(english, "--out", tmp_path / "out"), str(english), "does not look like a workplan")
    assert "--edition" not in line


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("damage", ["padding after the end marker", "no end marker"])
def test_what_viewers_read_is_read(tmp_path, engine, damage):
    data = SAMPLE_PDF.read_bytes()
    end = data.rfind(b"%%EOF")
    damaged = data + b"\0" * 4096 if damage == "padding after the end marker" else data[:end] + data[end + 5:]
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged)
    assert extract(path, "--out", tmp_path / "out", "--engine", engine).returncode == 0
    assert len(pd.read_parquet(tmp_path / "out" / "activities")) == 60


def test_control_characters_in_a_font_send_the_page_to_ocr_instead_of_failing():
    # A LaTeX font mapping its ligatures to control characters: they are unmapped glyphs, which
    # `str.split` would drop (a glyph count of 0 once divided by zero).
    from workplan.extract.engines import Char
    from workplan.extract.pdf_lines import text_layer_problem

    chars = tuple(Char(c, 0.0, 1.0, 10.0, 10.0, "Ligatures") for c in "\x0b\x0c\x1c\x1d\x1e\x1f")
    chars += tuple(Char(c, 0.0, 1.0, 10.0, 10.0, "Body") for c in "readable text on the page")
    assert "the font Ligatures has no usable Unicode map" in text_layer_problem(chars)


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("mix", ["Letter page boxes among A4", "pages scaled as a whole"])
def test_pages_of_mixed_sizes_change_nothing(tmp_path, sample_result, engine, mix):
    """A running header, a page number at its usual level on pages of another size; a header above
    a Letter page box (invisible in a viewer) is set aside, never read into a table."""
    import pikepdf
    from pdf_factory import scaled_pages

    path = tmp_path / "mixed.pdf"
    if mix == "pages scaled as a whole":
        scaled_pages(SAMPLE_PDF, path, 0.8, pages=[5, 9, 14, 20])
    else:
        with pikepdf.open(SAMPLE_PDF) as pdf:
            for index in (4, 8, 13, 19):
                pdf.pages[index].obj.MediaBox = pikepdf.Array([0, 0, 612, 792])
            pdf.save(path)
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf

    assert extract(path, "--out", tmp_path / "out", "--engine", engine).returncode == 0
    read = process_pdf(path, options=ReadOptions(engine=engine))
    assert_same_tables(sample_result, read, mix, CONTENT_TABLES + ["sections"])  # the same rows, not only as many
    texts = pd.read_parquet(tmp_path / "out" / "activities")["text"]
    assert not texts.str.contains("PRIORITIES").any()
    aside = pd.read_parquet(tmp_path / "out" / "set_aside")
    assert (aside["role"] == "page_number").sum() == 26
    if mix == "Letter page boxes among A4":
        assert (aside["role"] == "outside_page").sum() == 4


def test_an_engine_that_opens_a_document_as_fewer_pages_reads_the_repaired_copy(monkeypatch):
    # pdfminer may open a damaged cross-reference table as a document of 0 pages instead of failing.
    from dataclasses import replace

    from workplan.extract import pdf_lines
    from workplan.extract.pdf_lines import ReadOptions, read_pdf

    real_open = pdf_lines.open_pdf

    def losing_pages(path, engine, password, max_memory_mb, settings):
        opened = real_open(path, engine, password, max_memory_mb, settings)
        return replace(opened, pages=0) if Path(path) == SAMPLE_PDF else opened

    monkeypatch.setattr(pdf_lines, "open_pdf", losing_pages)
    text = read_pdf(SAMPLE_PDF, options=ReadOptions(engine="pdfplumber"))
    assert text.pages == 26
    assert any(n.code == "repaired" and "found 0 of the 26 pages" in n.message for n in text.notices)


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_content_stream_that_breaks_off_never_loses_text_in_silence(tmp_path, engine):
    # pdfminer stops reading page 12 at an unclosed `{`; pdfium reads on. On pdfplumber the page is
    # a warning and coverage falls below 100 %; on pdfium nothing is lost.
    from pdf_factory import content_breaking_off

    broken = content_breaking_off(SAMPLE_PDF, tmp_path / "broken.pdf", page=12)
    assert extract(broken, "--out", tmp_path / "out", "--engine", engine).returncode == 0
    warnings = pd.read_parquet(tmp_path / "out" / "warnings")
    coverage = pd.read_parquet(tmp_path / "out" / "documents")["coverage"].iloc[0]
    participants = len(pd.read_parquet(tmp_path / "out" / "participants"))
    if engine == "pdfplumber":
        cut = warnings[warnings["code"] == "page_cut_short"]
        assert cut["page"].tolist() == [12] and "--engine pdfium" in cut["message"].iloc[0]
        assert coverage < 0.99 and participants < 244
    else:
        assert participants == 244 and coverage == 1.0


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
@pytest.mark.parametrize("corrupt", [False, True], ids=["cut", "corrupt"])
def test_a_damaged_compressed_content_stream_is_named_on_both_engines(tmp_path, engine, corrupt):
    """Page 9's compressed content breaks off, or turns corrupt, half-way: no engine (nor OCR, which
    renders the same stream) can read what follows, so the page is named as damaged and the summary
    line says text was lost instead of a bare 100%."""
    from pdf_factory import damaged_flate

    damaged = damaged_flate(SAMPLE_PDF, tmp_path / "damaged.pdf", page=9, corrupt=corrupt)
    result = extract(damaged, "--out", tmp_path / "out", "--engine", engine)
    assert result.returncode == 0, result.stderr
    warnings = pd.read_parquet(tmp_path / "out" / "warnings")
    named = warnings[warnings["code"] == "damaged_stream"]
    assert named["page"].tolist() == [9]
    assert ("corrupt" if corrupt else "breaks off") in named["message"].iloc[0]
    assert "text lost on damaged page 9" in result.stderr and "of the text read in tables" in result.stderr


def test_a_parser_failure_is_said_in_the_users_words():
    import errno

    from workplan.batch import unexpected_failure

    with open(SAMPLE_PDF, "rb") as handle:
        said = unexpected_failure(ValueError(f"stream {handle}"), 2048)
    assert "BufferedReader" not in said and str(SAMPLE_PDF) in said
    said = unexpected_failure(OSError(errno.ENOMEM, "Cannot allocate memory"), 512)
    assert "512 MB" in said and "--max-memory" in said


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_an_object_that_refers_to_itself_ends_at_once(tmp_path, engine):
    # `7 0 obj 7 0 R endobj`: pdfminer followed the reference until the time limit ran out.
    loop = tmp_path / "loop.pdf"
    loop.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                     b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                     b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 7 0 R >> endobj\n"
                     b"4 0 obj << /Length 44 >> stream\nBT /F1 12 Tf 72 712 Td (Hello loop) Tj ET\nendstream endobj\n"
                     b"7 0 obj 7 0 R endobj\ntrailer << /Root 1 0 R /Size 8 >>\n%%EOF\n")
    result = extract(loop, "--out", tmp_path / "out", "--engine", engine, "--time-limit", "60")
    said = one_line_error(result, "loop.pdf", "does not look like a workplan")
    assert "--time-limit" not in said and "gave up" not in said  # the loop ends it, not the time limit
