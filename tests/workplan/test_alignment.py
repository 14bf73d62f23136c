"""A plan and its translation paired by what survives translation: the Georgian sample and its
English edition pair every activity with none reported; a Georgian edition with translation
errors of our own has each found, and nothing else."""
import copy
import json

import pytest

from support import FIXTURES, SAMPLE_GOLD, SAMPLE_PDF

ENGLISH_PDF = FIXTURES / "english" / "kicker.pdf"


@pytest.fixture(scope="module")
def english():
    import workplan

    return workplan.from_pdf(ENGLISH_PDF)


@pytest.fixture(scope="module")
def georgian():
    import workplan

    return workplan.from_pdf(SAMPLE_PDF)


def test_the_sample_and_its_english_edition_pair_every_activity_with_no_difference(georgian, english, tmp_path):
    import pandas as pd

    import workplan

    aligned = workplan.align(georgian, english)
    pairs = aligned["activity_alignment"]
    assert len(pairs) == 60 and (pairs["a_activity_id"] == pairs["b_activity_id"]).all()
    assert aligned["translation_differences"].empty
    aligned.write(tmp_path / "out")
    assert len(pd.read_parquet(tmp_path / "out" / "activity_alignment")) == 60


def _with_errors(gold: dict) -> tuple[dict, set, str, dict]:
    """The Georgian gold with one error of each kind a translator may make, and what must be found."""
    gold = copy.deepcopy(gold)
    by_id = {p["priority_id"]: p for p in gold["priorities"]}
    # A quarter changed: `2021 წლის მე-2 კვარტალი` → `… მე-3 …`.
    activity = by_id["core-2.2"]["activities"][0]
    activity["deadlines"] = [{"raw": activity["deadlines"][0]["raw"].replace("მე-2", "მე-3")}]
    # An organisation dropped from a list, another moved from co-leads to members.
    twg = by_id["twg-1"]
    co_leads = next(o for o in twg["orgs"] if o["role"] == "co_lead")
    members = next(o for o in twg["orgs"] if o["role"] == "member")
    moved = co_leads["mentions"].pop()  # UNICEF
    co_leads["raw"] = ", ".join(m["text"] for m in co_leads["mentions"])
    dropped = members["mentions"].pop(0)
    members["mentions"].append(moved)
    separator = "; " if ";" in members["raw"] else ", "
    members["raw"] = members["raw"].replace(dropped["text"], "", 1).lstrip(" ,;") + separator + moved["text"]
    # An objective dropped, an activity skipped (the ones after it renumbered).
    by_id["twg-1"]["gcm_objectives_raw"] = "13 და 7"
    by_id["twg-1"]["gcm_objectives"] = [13, 7]
    skipped = by_id["core-4"]["activities"].pop(2)
    for seq, act in enumerate(by_id["core-4"]["activities"], start=1):
        act["seq"], act["number_printed"] = seq, str(seq)
    expected = {("deadline", "core-2.2"), ("organization", "twg-1"), ("organization_role", "twg-1"),
                ("gcm_objectives", "twg-1"), ("activity", "core-4")}
    return gold, expected, dropped["id"], skipped


def test_every_translation_error_is_found_and_nothing_else(english, tmp_path):
    from support import renderer

    import workplan

    render = renderer()
    gold, expected, dropped, skipped = _with_errors(json.loads(SAMPLE_GOLD.read_text(encoding="utf-8")))
    pdf = tmp_path / "translated.pdf"
    render.render(gold, {**render.BASE, **render.LAYOUTS["kicker"]}, pdf)
    differences = workplan.align(workplan.from_pdf(pdf), english)["translation_differences"]
    found = set(zip(differences["what"].astype(str), differences["priority_id"]))
    assert found == expected, differences.to_string()
    activity = differences[differences["what"] == "activity"]
    assert len(activity) == 1 and activity["a_text"].isna().all()  # only the English edition prints it
