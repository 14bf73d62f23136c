"""A vocabulary is evidence, never a reader of its own: for every rendering with a gold, a vocabulary
file listing exactly the labels the edition prints gives tables at least as good as none."""
import json

import pytest
import yaml

from workplan.accuracy import gold_of, score
from workplan.snapshot import renderings


SCORED = {name: (pdf, golds) for name, pdf in renderings().items() if (golds := gold_of(name)) is not None}


def printed_labels(gold_path) -> dict:
    """The vocabulary file of an edition's own printed labels, in its language, taken from its gold."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    labels: dict[str, set[str]] = {}
    groups: dict[str, set[str]] = {}
    for key, role in (("deadline_label", "deadline"), ("activities_label", "activities")):
        if gold.get(key):
            labels.setdefault(role, set()).add(gold[key].rstrip(": "))
    for priority in gold["priorities"]:
        if priority.get("activities_label"):
            labels.setdefault("activities", set()).add(priority["activities_label"].rstrip(": "))
        words = priority["label"].rstrip(": ")
        if priority.get("number"):
            words = words[: words.rfind(priority["number"])].strip()
        groups.setdefault(priority["kind"], set()).add(words.rstrip(": "))
        for org_list in priority["orgs"] + [o for a in priority["activities"] for o in a.get("orgs", [])]:
            if org_list.get("label") and org_list["role"] != "other":
                labels.setdefault(org_list["role"], set()).add(org_list["label"].rstrip(": "))
    return {"language": gold.get("language", "ka"), "labels": {k: sorted(v) for k, v in labels.items()},
            "groups": {k: sorted(v) for k, v in groups.items()}}


@pytest.mark.parametrize("name", sorted(SCORED))
def test_a_vocabulary_of_the_printed_labels_never_lowers_the_score(name, tmp_path):
    pdf, (gold, norms) = SCORED[name]
    vocabulary = tmp_path / "labels.yaml"
    vocabulary.write_text(yaml.safe_dump(printed_labels(gold), allow_unicode=True), encoding="utf-8")
    without, _ = score(pdf, "pdfium", gold, norms, tmp_path / "without")
    with_file, _ = score(pdf, "pdfium", gold, norms, tmp_path / "with", ["--vocabulary", str(vocabulary)])
    assert without > 0, f"{name} was refused"
    assert with_file >= without, f"{name}: {without:.4f} without a vocabulary file, {with_file:.4f} with its printed labels"
