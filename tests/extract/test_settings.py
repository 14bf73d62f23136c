"""Settings: every threshold of every stage in one tree, overridable from a file or a mapping,
checked in one line, and in force in every stage that reads it."""
import subprocess
import sys
from dataclasses import fields

import pytest

from support import CONTENT_TABLES, SAMPLE_PDF, comparable
from workplan.extract.settings import DEFAULT_SETTINGS, SettingsError, groups, load_settings, settings_from, settings_yaml
from workplan.options import read_options


def test_the_printed_settings_file_holds_every_setting_and_reads_back_as_the_defaults(tmp_path):
    printed = settings_yaml()
    for group, cls in groups().items():
        assert f"\n{group}:\n" in printed
        assert all(f"\n  {f.name}: " in printed for f in fields(cls)), group
    (tmp_path / "settings.yaml").write_text(printed, encoding="utf-8")
    assert load_settings(tmp_path / "settings.yaml") == DEFAULT_SETTINGS


def test_every_setting_has_one_name_in_the_tree_and_a_line_of_documentation():
    from workplan.extract.settings import documentation

    names = [f.name for cls in groups().values() for f in fields(cls)]
    assert len(names) == len(set(names))
    assert all(documentation()[name] for name in names), [n for n in names if not documentation()[n]]


def test_a_setting_is_named_by_its_group_or_alone():
    by_group = settings_from({"lines": {"gutter_ratio": 1.2}, "ocr": {"dpi": 200}})
    alone = settings_from({"gutter_ratio": 1.2, "dpi": 200})
    assert by_group == alone
    assert by_group.lines.gutter_ratio == 1.2 and by_group.ocr.dpi == 200
    assert by_group.lines.word_gap == DEFAULT_SETTINGS.lines.word_gap


@pytest.mark.parametrize("overrides, reason", [
    ({"gutter": 1.0}, "unknown setting 'gutter' (did you mean 'gutter_ratio'?)"),
    ({"gutter_ratio": "wide"}, "gutter_ratio: 'wide' is not a number"),
    ({"precision": 2.5}, "precision: 2.5 is not a whole number"),
    ({"repeat_share": 1.5}, "repeat_share: 1.5 is a share of a whole: at most 1"),
    ({"word_gap": float("nan")}, "word_gap: nan is not a finite number of at least 0"),
    ({"heading_ratio": True}, "heading_ratio: True is not a number"),
    ({"ocr": {"gutter_ratio": 1.0}}, "gutter_ratio is a setting of 'lines', not of 'ocr'"),
    ({"ocr": 300}, "ocr: a group of settings, given 300 instead of a mapping of them"),
    ({"image": {"skew": 1.0}}, "unknown setting 'image.skew' (did you mean 'image.min_skew'?)"),
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
    same = process_pdf(SAMPLE_PDF, options=read_options(settings=settings_from({"heading_ratio": DEFAULT_SETTINGS.headings.heading_ratio})))
    for table in CONTENT_TABLES + ["sections"]:
        assert comparable(same.tables[table]).equals(comparable(sample_result.tables[table])), table
    # Section headings are printed larger than the body, not 4 times as large: asked for that, they are body text.
    changed = process_pdf(SAMPLE_PDF, options=read_options(settings={"heading_ratio": 4.0}))
    assert changed.tables["sections"].num_rows < sample_result.tables["sections"].num_rows


def test_the_settings_of_ocr_and_of_the_page_image_are_the_ones_read():
    from PIL import Image

    from workplan.extract.ocr import chars_from_words
    from workplan.extract.ocr_image import prepare
    from workplan.extract.ocr_words import Word

    line = [Word("ვადა", 95.0, 100, 100, 200, 52, ("1", "1", "1")), Word("2021", 95.0, 320, 100, 200, 52, ("1", "1", "1"))]
    usual = {c.size for c in chars_from_words(line, 300)}
    halved = {c.size for c in chars_from_words(line, 300, settings_from({"ocr": {"line_height_per_point": 2.6}}))}
    assert len(usual) == len(halved) == 1 and abs(2 * halved.pop() - usual.pop()) <= 0.5  # sizes rounded to half points
    # A page turned by a degree is levelled, unless the least skew levelled is asked to be larger.
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SAMPLE_PDF))
    turned = pdf[8].render(scale=150 / 72, grayscale=True).to_pil().convert("L").rotate(1.0, resample=Image.BICUBIC, fillcolor=255)
    pdf.close()
    assert abs(prepare(turned).skew) > 0.5
    assert prepare(turned, settings=settings_from({"min_skew": 2.0}).image).skew == 0
