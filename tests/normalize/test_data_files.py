"""Integrity of the editable data files, for every language pack."""
from pathlib import Path

import pytest
import regex

from workplan.extract.markers import markers, role_names
from workplan.normalize.deadlines import vocabulary
from workplan.normalize.languages import LANGUAGES, pack
from workplan.normalize.vocabulary import DATA_DIR, Vocabulary, load_csv, use_vocabulary

ROLES = {"lead", "co_lead", "member", "observer", "activity_lead", "activity_member"}
EXTRACT_DATA = Path(__file__).parents[2] / "extract" / "data"


@pytest.fixture(params=LANGUAGES)
def language(request):
    with use_vocabulary(Vocabulary(language=request.param)):
        yield pack(request.param)


def test_every_pack_has_its_data_files(language):
    assert (EXTRACT_DATA / f"markers_{language.code}.yaml").exists()
    for name in (f"deadlines_{language.code}.yaml", f"objectives_{language.code}.yaml"):
        assert (DATA_DIR / name).exists(), name


def test_names_of_a_language_refer_to_registry_ids_once_each(language):
    path = DATA_DIR / f"organizations_{language.code}.csv"
    if not path.exists():
        pytest.skip(f"the {language.name} pack adds no names to the registry's")
    registry = {row["id"] for row in load_csv("organizations.csv")}
    names = [row["org_id"] for row in load_csv(path.name)]
    assert set(names) <= registry
    assert len(names) == len(set(names))


def test_registry_ids_are_unique_and_typed():
    rows = load_csv("organizations.csv")
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["type"] for r in rows)


def test_deadline_vocabulary_is_complete(language):
    vocab = vocabulary()
    stems = [stem for month in vocab.months for stem in month]
    assert len(vocab.months) == 12 and len(set(stems)) == len(stems)
    assert set(vocab.ordinal_words.values()) == {1, 2, 3, 4}
    assert all(regex.fullmatch(rf"\p{{Script={language.script}}}+", w) for w in stems)


def test_markers_cover_every_role_and_compile(language):
    assert set(role_names()) == ROLES
    assert {label.kind for label in markers().priority_labels} == {"core_priority", "thematic_working_group", "thematic_priority"}
