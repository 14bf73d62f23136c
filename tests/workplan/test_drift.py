"""Editions translated afresh: labels, group words and numbering reworded.

The shared next edition (`fixtures/editions`, its gold and norms) reads right with no vocabulary
file, each label it infers named in `warnings`; with a vocabulary file of its labels it gives the
same tables and infers nothing. The sample's content reworded with other words (rendered with
`fixtures/render_layouts.py`) reads right too, and labels reworded at random never lower the
score without a warning.
"""
import copy
import json
import random

import pytest

from support import (
    DRIFT_GOLD, DRIFT_NORMS, FIXTURES, SAMPLE_GOLD, SAMPLE_NORMS, assert_same_tables, renderer, score, warnings_of,
)

EDITIONS = FIXTURES / "editions"
DRIFT_VOCABULARY = FIXTURES / "vocabulary" / "drift_2026_2028.yaml"


def read(pdf, vocabulary=None):
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.normalize.vocabulary import as_vocabulary
    from workplan.pipeline import process_pdf

    return process_pdf(pdf, options=ReadOptions(engine="pdfium", vocabulary=as_vocabulary(vocabulary)))


@pytest.fixture(scope="module", params=["workplan_2026_2028_ka_drift", "workplan_2026_2028_ka_drift_kicker"])
def drift(request):
    pdf = EDITIONS / f"{request.param}.pdf"
    return read(pdf), read(pdf, DRIFT_VOCABULARY)


def _printed_labels(gold: dict) -> set[str]:
    """Every label the gold prints that the built-in vocabulary lacks."""
    labels = {gold["deadline_label"]}
    for priority in gold["priorities"]:
        labels.add(priority.get("activities_label") or "აქტივობები:")
        labels.update(o["label"] for o in priority.get("orgs", []))
        for activity in priority["activities"]:
            labels.update(d["label"] for d in activity.get("deadlines", []) if d.get("label"))
    builtin = {"აქტივობები:", "ვადა:", "წევრები:", "დამკვირვებლები:", "წამყვანი ორგანიზაცია:"}
    return {label.rstrip(":") for label in labels if label not in builtin}


def test_the_drift_edition_reads_right_without_a_vocabulary(drift, tmp_path):
    plain, _ = drift
    assert score(plain, DRIFT_GOLD, DRIFT_NORMS, tmp_path)["score"] >= 0.99


def test_each_inferred_label_is_named_in_warnings(drift):
    plain, _ = drift
    inferred = warnings_of(plain, "inferred_label")
    named = set(inferred["context"])
    gold = json.loads(DRIFT_GOLD.read_text(encoding="utf-8"))
    missing = {label for label in _printed_labels(gold) if not any(label in context for context in named)}
    assert not missing, f"labels read without a warning: {missing}"
    assert {"ინიციატივა 1", "ინიციატივა 2"} <= {c.split(":")[0] for c in named}
    assert all("vocabulary file" in message for message in inferred["message"])


def test_a_vocabulary_file_of_its_labels_gives_the_same_tables_and_infers_nothing(drift):
    plain, known = drift
    assert warnings_of(known, "inferred_label").empty
    assert_same_tables(plain, known, "with the vocabulary file")


def test_a_registry_acronym_printed_with_another_name_is_minted_with_a_warning(drift):
    plain, _ = drift
    participants = plain.tables["participants"].to_pandas()
    iss = participants[participants["mention"].str.contains(r"\(ISS\)")]
    # The registry's ISS is International Social Service; the edition also prints another ISS.
    registry_holder = iss["mention"].str.contains("სოციალური მომსახურება")
    assert (iss[registry_holder]["org_id"] == "ISS").all() and (iss[~registry_holder]["org_id"] != "ISS").all()
    assert (~registry_holder).any()
    assert warnings_of(plain, "organization")["message"].str.contains("acronym ISS is ISS's in the registry").any()


# ---------------------------------------------------------------- the sample reworded

OWN_WORDS = {
    "deadline_label": "განხორციელების ვადა:",
    "activities_label": "ამოცანები:",
    "lead": "კოორდინატორი ორგანიზაცია:",
    "co_lead": "თანაკოორდინატორები:",
    "member": "პარტნიორები:",
    "observer": "დამკვირვებლის სტატუსით:",
    "core_label": "მთავარი პრიორიტეტი",
    "numbering": ["ა)", "ბ)", "გ)", "დ)", "ე)", "ვ)", "ზ)", "თ)", "ი)"],
}


def reword(gold: dict, words: dict, numbered: set[str] = frozenset()) -> dict:
    """The gold with its labels printed in other words (the renderer prints a gold's own labels)."""
    gold = copy.deepcopy(gold)
    gold["deadline_label"] = words["deadline_label"]
    for priority in gold["priorities"]:
        priority["activities_label"] = words["activities_label"]
        if priority["kind"] == "core_priority" and words.get("core_label"):
            priority["label"] = f"{words['core_label']} {priority['number']}"
        for org_list in priority.get("orgs", []):
            qualifier = org_list["label"].rstrip(":").split()[1:] if org_list["label"].startswith("წევრები ") else []
            org_list["label"] = " ".join([words[org_list["role"]].rstrip(":")] + qualifier) + ":"
        if priority["priority_id"] in numbered:
            for activity, mark in zip(priority["activities"], words["numbering"]):
                activity["number_printed"] = mark
    return gold


@pytest.mark.parametrize("layout", ["kicker", "table"])
def test_the_sample_reworded_with_other_words_reads_right(layout, tmp_path):
    render = renderer()
    gold = reword(json.loads(SAMPLE_GOLD.read_text(encoding="utf-8")), OWN_WORDS, numbered={"core-3", "twg-2"})
    gold_path, pdf = tmp_path / "gold.json", tmp_path / "reworded.pdf"
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    render.render(gold, {**render.BASE, "label": layout if layout == "kicker" else "cell",
                           "activities": "table" if layout == "table" else "list"}, pdf)
    result = read(pdf)
    report = score(result, gold_path, SAMPLE_NORMS, tmp_path)
    assert report["score"] >= 0.97, report["detail"][:20]
    assert not warnings_of(result, "inferred_label").empty


# Label words a translator might choose: some the morphology knows, some it cannot place.
POOLS = {
    "deadline_label": ["ვადა:", "პერიოდი:", "შესრულების ვადა:", "თარიღი:", "როდის:", "გრაფიკი:"],
    "activities_label": ["აქტივობები:", "ღონისძიებები:", "ამოცანები:", "სამუშაოები:", "რა კეთდება:"],
    "lead": ["წამყვანი ორგანიზაცია:", "ხელმძღვანელი:", "კოორდინატორი:", "მთავარი შემსრულებელი:"],
    "co_lead": ["სხვა წამყვანი ორგანიზაციები:", "თანახელმძღვანელები:", "თანაკოორდინატორები:", "დამხმარე მხარე:"],
    "member": ["წევრები:", "პარტნიორები:", "მონაწილეები:", "შემადგენლობა:"],
    "observer": ["დამკვირვებლები:", "დამკვირვებელი ორგანიზაციები:", "მეთვალყურეები:"],
}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_labels_reworded_at_random_never_lower_the_score_in_silence(seed, tmp_path):
    render = renderer()
    draw = random.Random(seed)
    words = {key: draw.choice(pool) for key, pool in POOLS.items()}
    gold = reword(json.loads(SAMPLE_GOLD.read_text(encoding="utf-8")), words)
    gold_path, pdf = tmp_path / "gold.json", tmp_path / "reworded.pdf"
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    render.render(gold, {**render.BASE, "label": draw.choice(["kicker", "inline", "cell"]),
                           "activities": draw.choice(["list", "table"])}, pdf)
    result = read(pdf)
    report = score(result, gold_path, SAMPLE_NORMS, tmp_path)
    assert report["score"] >= 0.99 or not warnings_of(result).empty, f"{words}: {report['score']:.4f} without a warning"
