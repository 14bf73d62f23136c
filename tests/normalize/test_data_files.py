"""Integrity of the editable data files."""
import regex

from workplan.extract.markers import markers, role_names
from workplan.normalize.deadlines import vocabulary
from workplan.normalize.vocabulary import load_csv

ROLES = {"lead", "co_lead", "member", "observer", "activity_lead", "activity_member"}


def test_georgian_names_refer_to_registry_ids_once_each():
    registry = {row["id"] for row in load_csv("organizations.csv")}
    names = [row["org_id"] for row in load_csv("organizations_ka.csv")]
    assert set(names) <= registry
    assert len(names) == len(set(names))


def test_registry_ids_are_unique_and_typed():
    rows = load_csv("organizations.csv")
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["type"] for r in rows)


def test_deadline_vocabulary_is_complete():
    vocab = vocabulary()
    assert len(vocab.months) == 12 and len(set(vocab.months)) == 12
    assert set(vocab.ordinal_words.values()) == {1, 2, 3, 4}
    assert all(regex.fullmatch(r"\p{Georgian}+", w) for w in vocab.months)


def test_markers_cover_every_role_and_compile():
    assert set(role_names()) == ROLES
    assert {label.kind for label in markers().priority_labels} == {"core_priority", "thematic_working_group", "thematic_priority"}
