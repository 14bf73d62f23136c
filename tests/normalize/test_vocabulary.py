"""A user's vocabulary file: checked with the key and line of any fault, merged over the built-in
phrases for one document, printed as a starting point by `workplan vocabulary`."""
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES
from workplan.normalize.vocabulary import BUILTIN, VocabularyError, load_vocabulary, use_vocabulary

EDITION = FIXTURES / "editions" / "workplan_2026_2028_ka_drift_kicker.pdf"


@pytest.mark.parametrize("text, fault", [
    ("labels:\n  deadlines: [ვადა]\n", "line 2: unknown key `labels: deadlines`"),
    ("words: []\n", "line 1: unknown key `words`"),
    ("labels:\n  lead: {a: b}\n", "line 2: `labels: lead` takes a list"),
    ("groups:\n  programme: [პროგრამა]\n", "line 2: unknown key `groups: programme`"),
    ("organizations:\n  NOPE: [სახელი]\n", "line 2: `organizations: NOPE` is not a registry id"),
    ("labels: [\n", "not valid YAML"),
])
def test_a_bad_file_is_one_line_naming_the_key_and_line(tmp_path, text, fault):
    path = tmp_path / "words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(path)
    assert fault in str(error.value) and str(path) in str(error.value) and "\n" not in str(error.value)


def test_the_printed_builtin_vocabulary_is_a_vocabulary_file(tmp_path):
    printed = subprocess.run([sys.executable, "-m", "workplan", "vocabulary"], capture_output=True, text=True, check=True).stdout
    data = yaml.safe_load(printed)
    assert {"labels", "groups", "deadlines", "organizations"} <= set(data)
    assert "ვადა" in data["labels"]["deadline"] and data["organizations"]["IOM"]
    path = tmp_path / "builtin.yaml"
    path.write_text(printed, encoding="utf-8")
    assert load_vocabulary(path).key


def test_the_command_line_refuses_a_bad_file_before_reading_a_pdf(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("labels:\n  deadlines: [ვადა]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "workplan", "extract", str(EDITION), "--out", str(tmp_path / "out"),
                           "--vocabulary", str(path)], capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "unknown key `labels: deadlines`" in done.stderr
    assert not (tmp_path / "out").exists()


def test_each_document_is_read_with_its_own_vocabulary(tmp_path):
    import workplan

    path = tmp_path / "words.yaml"
    path.write_text("labels:\n  deadline: [პერიოდი]\n  co_lead: [თანახელმძღვანელები]\n", encoding="utf-8")

    def inferred(tables):
        warnings = tables["warnings"]
        return set(warnings[warnings["code"] == "inferred_label"]["context"])

    with_file = inferred(workplan.from_pdf(EDITION, engine="pdfium", vocabulary=path))
    without = inferred(workplan.from_pdf(EDITION, engine="pdfium"))
    assert "პერიოდი" not in with_file and "თანახელმძღვანელები" not in with_file
    assert {"პერიოდი", "თანახელმძღვანელები"} <= without
    with use_vocabulary(load_vocabulary(path)) as vocabulary:
        assert vocabulary.labels["deadline"] == ("პერიოდი",)
    assert BUILTIN.key == ""


def test_a_vocabulary_file_counts_for_documents_in_its_own_language_only(tmp_path):
    path = tmp_path / "english.yaml"
    path.write_text("language: en\nlabels:\n  lead: [Coordinator]\ndeadlines:\n  by_words: [latest]\n", encoding="utf-8")
    english = load_vocabulary(path)
    assert english.words_language == "en" and english.label_phrases("lead") == ["Coordinator"]
    assert english.in_language("en").label_phrases("lead") == ["Coordinator"]
    assert english.in_language("ka").label_phrases("lead") == []  # a Georgian document is read without them
    path.write_text("language: fr\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(path)
    assert "`language` is one of: ka, en" in str(error.value)
