"""Layout settings: every threshold overridable from a file or a mapping, checked in one line, and
in force in every stage that reads layout."""
import subprocess
import sys
from dataclasses import fields

import pytest

from support import CONTENT_TABLES, SAMPLE_PDF, comparable
from workplan.extract.settings import DEFAULT_LAYOUT, LayoutSettings, SettingsError, load_settings, settings_from, settings_yaml
from workplan.options import read_options


def test_the_printed_settings_file_holds_every_setting_and_reads_back_as_the_defaults(tmp_path):
    printed = settings_yaml()
    assert all(f"\n{f.name}: " in printed for f in fields(LayoutSettings))
    (tmp_path / "settings.yaml").write_text(printed, encoding="utf-8")
    assert load_settings(tmp_path / "settings.yaml") == DEFAULT_LAYOUT


@pytest.mark.parametrize("overrides, reason", [
    ({"gutter": 1.0}, "unknown setting 'gutter' (did you mean 'gutter_ratio'?)"),
    ({"gutter_ratio": "wide"}, "gutter_ratio: 'wide' is not a number"),
    ({"precision": 2.5}, "precision: 2.5 is not a whole number"),
    ({"repeat_share": 1.5}, "repeat_share: 1.5 is a share of a whole: at most 1"),
    ({"word_gap": float("nan")}, "word_gap: nan is not a finite number of at least 0"),
    ({"heading_ratio": True}, "heading_ratio: True is not a number"),
])
def test_a_bad_setting_is_named_with_its_reason(overrides, reason):
    with pytest.raises(SettingsError) as refused:
        settings_from(overrides)
    assert str(refused.value) == reason


def test_a_bad_settings_file_is_a_usage_error_in_one_line(tmp_path):
    (tmp_path / "settings.yaml").write_text("- gutter_ratio\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "workplan", "extract", str(SAMPLE_PDF), "--out", str(tmp_path / "out"),
                           "--settings", str(tmp_path / "settings.yaml")], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"workplan: error: --settings {tmp_path / 'settings.yaml'}: not a mapping of setting names to values"]
    assert not (tmp_path / "out").exists()


def test_a_setting_given_is_the_one_the_stages_read(sample_result):
    from workplan.pipeline import process_pdf

    # The defaults given explicitly read as no settings at all.
    same = process_pdf(SAMPLE_PDF, options=read_options(settings=settings_from({"heading_ratio": DEFAULT_LAYOUT.heading_ratio})))
    for table in CONTENT_TABLES + ["sections"]:
        assert comparable(same.tables[table]).equals(comparable(sample_result.tables[table])), table
    # Section headings are printed larger than the body, not 4 times as large: asked for that, they are body text.
    changed = process_pdf(SAMPLE_PDF, options=read_options(settings={"heading_ratio": 4.0}))
    assert changed.tables["sections"].num_rows < sample_result.tables["sections"].num_rows
