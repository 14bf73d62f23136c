"""The command line: one-line errors, exit status, good inputs processed beside bad ones."""
import os
import subprocess
import sys

from conftest import SAMPLE_PDF

from workplan.edition_key import check_edition, edition_from_title
from workplan.errors import InputError

import pytest


def run(*args):
    return subprocess.run([sys.executable, "-m", "workplan.cli", *map(str, args)], capture_output=True, text=True)


def test_bad_inputs_are_one_line_errors_and_good_ones_still_run(tmp_path):
    missing = tmp_path / "missing.pdf"
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf at all")
    result = run("extract", missing, empty, fake, SAMPLE_PDF, "--out", tmp_path / "out")
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert any(str(missing) in e and "no such file" in e for e in errors)
    assert any(str(empty) in e and "empty" in e for e in errors)
    assert any(str(fake) in e and "not a PDF" in e for e in errors)
    assert (tmp_path / "out" / "activities" / "edition=2021-2022" / "part-0.parquet").exists()


def test_nothing_produced_exits_non_zero_and_writes_nothing(tmp_path):
    result = run("extract", tmp_path / "nope.pdf", "--out", tmp_path / "out")
    assert result.returncode == 1
    assert not (tmp_path / "out" / "activities").exists()


@pytest.mark.parametrize("title,edition", [
    ("მიგრაციის ქსელის სამუშაო გეგმა: 2021 – 2022", "2021-2022"),
    ("Network Workplan 2023-2024", "2023-2024"),
    ("Workplan 2025", "2025"),
    ("no years here", None),
])
def test_edition_from_title(title, edition):
    assert edition_from_title(title) == edition


@pytest.mark.parametrize("hostile", ["../../x", "a/b", "x\ny", "..", ".hidden", ""])
def test_hostile_edition_names_are_refused(hostile):
    with pytest.raises(InputError):
        check_edition(hostile)


def test_two_documents_claiming_one_edition_are_reported(tmp_path):
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(SAMPLE_PDF.read_bytes())
    result = run("extract", SAMPLE_PDF, copy, "--out", tmp_path / "out", "--jobs", "2")
    assert result.returncode == 1
    assert "edition 2021-2022 was also written from" in result.stderr


@pytest.mark.parametrize("option, value", [("--jobs", "0"), ("--jobs", "-2"), ("--max-pages", "0"),
                                           ("--time-limit", "inf"), ("--time-limit", "-1"), ("--time-limit", "nan")])
def test_bad_option_values_are_refused_in_one_line(tmp_path, capsys, option, value):
    from workplan.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "missing.pdf", "--out", str(tmp_path / "out"), option, value])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("workplan extract: error: argument") and option in error


def test_an_output_folder_that_is_a_file_is_named_before_any_pdf_is_read(tmp_path, capsys):
    from workplan.cli import main

    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    assert main(["extract", str(SAMPLE_PDF), "--out", str(blocker)]) == 2
    assert capsys.readouterr().err.strip() == f"workplan: error: --out {blocker}: is a file, not a folder"


def test_version_and_module_entry_point():
    import subprocess
    import sys

    from workplan import __version__

    done = subprocess.run([sys.executable, "-m", "workplan", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"workplan {__version__}"


def test_every_command_documents_its_exit_status_and_reading_options():
    for command in ([], ["extract"], ["review"], ["diff"]):
        shown = run(*command, "--help").stdout
        assert "exit status" in shown and "2  the command line is wrong" in shown, command
    review = run("review", "--help").stdout
    for option in ("--password", "--ocr", "--engine", "--time-limit", "--max-pages", "--debug", "--quiet", "--verbose"):
        assert option in review
    compare = run("diff", "--help").stdout
    assert "changes" in compare and "0.60" in compare


def test_review_takes_the_password_option(tmp_path):
    result = run("review", SAMPLE_PDF, "--out", tmp_path / "review", "--password", "", "--engine", "pdfium", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and (tmp_path / "review" / "index.html").exists()


def test_quiet_prints_only_errors_and_verbose_prints_warning_rows(tmp_path):
    quiet = run("extract", SAMPLE_PDF, tmp_path / "missing.pdf", "--out", tmp_path / "out", "--engine", "pdfium", "--quiet")
    assert quiet.returncode == 1
    assert quiet.stderr.strip().splitlines() == [f"workplan: {tmp_path / 'missing.pdf'}: no such file"]


def test_verbose_prints_each_warning_row(tmp_path, monkeypatch, capsys):
    import workplan.batch
    from workplan.batch import Outcome
    from workplan.cli import main

    warned = Outcome(SAMPLE_PDF, True, "edition 2021-2022: …", "2021-2022", ("page 7: deadline: core-1/2: unreadable",))
    monkeypatch.setattr(workplan.batch, "run_jobs", lambda *args, **kwargs: iter([warned]))
    assert main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path), "--verbose"]) == 0
    assert "page 7: deadline: core-1/2: unreadable" in capsys.readouterr().err
    assert main(["extract", str(SAMPLE_PDF), "--out", str(tmp_path)]) == 0
    assert "unreadable" not in capsys.readouterr().err


def test_awkward_file_names(tmp_path):
    dashed = tmp_path / "-plan.pdf"
    dashed.write_bytes(SAMPLE_PDF.read_bytes())
    result = subprocess.run([sys.executable, "-m", "workplan.cli", "extract", "--out", str(tmp_path / "out"),
                             "--engine", "pdfium", "--", "-plan.pdf"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    broken = tmp_path / "two\nlines.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    result = run("extract", broken, "--out", tmp_path / "out2")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "two\\nlines.pdf" in result.stderr


def test_the_time_limit_without_signals(monkeypatch):
    """Where SIGALRM does not exist (Windows), a watchdog thread stops a page that never ends."""
    import signal

    from workplan.batch import hard_time_limit
    from workplan.extract.errors import ExtractError

    monkeypatch.delattr(signal, "setitimer")
    with pytest.raises(ExtractError, match="time limit"):
        with hard_time_limit(0.2):
            while True:
                pass


def test_a_file_name_that_is_not_utf8_is_read_and_recorded(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    folder = os.fsencode(tmp_path)
    name = folder + b"/plan\xff.pdf"
    with open(name, "wb") as handle:
        handle.write(SAMPLE_PDF.read_bytes())
    result = subprocess.run([sys.executable, "-m", "workplan.cli", "extract", os.fsdecode(name), "--out", str(tmp_path / "out"),
                             "--engine", "pdfium"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "plan\\xff.pdf → edition 2021-2022" in result.stderr
    import pandas as pd
    assert pd.read_parquet(tmp_path / "out" / "documents")["source_file"].tolist() == ["plan\\xff.pdf"]


def test_option_errors_are_one_line_with_a_hint_for_dashed_names(tmp_path):
    result = run("extract", "-plan.pdf", "--out", tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "goes after '--'" in result.stderr
    result = run("extract", "a.pdf", "--out", tmp_path, "--jobs", "-2")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "--jobs" in result.stderr


def test_library_log_records_reach_the_terminal_only_when_verbose(capsys):
    import logging

    from workplan.cli import configure_logging

    root_handlers = list(logging.getLogger().handlers)
    try:
        configure_logging(0)
        logging.getLogger("pdfplumber.pdf").warning('[WARNING] Metadata key "Kids" could not be parsed')
        assert "Kids" not in capsys.readouterr().err
        configure_logging(1)
        logging.getLogger("pdfplumber.pdf").warning('[WARNING] Metadata key "Kids" could not be parsed')
        assert 'pdfplumber.pdf: [WARNING] Metadata key "Kids"' in capsys.readouterr().err
    finally:
        logging.getLogger().handlers[:] = root_handlers
