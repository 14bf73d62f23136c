"""The command line: one-line errors, exit status, good inputs processed beside bad ones."""
import subprocess
import sys

from conftest import SAMPLE_PDF

from workplan.pipeline import check_edition, edition_from_title
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
