"""The sample workplan end to end: structure, deadlines, organisations, and the faults it prints."""
import json
import re
from collections import Counter

import pandas as pd

from conftest import FIXTURES, SAMPLE_TEXT
from workplan.normalize.organizations import load_registry

STRUCTURE = json.loads((FIXTURES / "sample_structure.json").read_text(encoding="utf-8"))
NORMS = {" ".join(k.split()): v for k, v in json.loads((FIXTURES / "deadline_norms_2021_2022.json").read_text(encoding="utf-8")).items()
         if not k.startswith("_")}


def test_edition_comes_from_the_title(sample_result):
    assert sample_result.edition == STRUCTURE["edition"]


def test_every_priority_block_in_order_with_its_printed_numbers(tables):
    priorities, activities = tables["priorities"], tables["activities"]
    assert list(priorities["priority_id"]) == [p["priority_id"] for p in STRUCTURE["priorities"]]
    assert list(priorities["kind"]) == [p["kind"] for p in STRUCTURE["priorities"]]
    for expected in STRUCTURE["priorities"]:
        rows = activities[activities["priority_id"] == expected["priority_id"]].sort_values("seq")
        printed = [None if pd.isna(n) else n for n in rows["number_printed"]]
        assert printed == expected["numbers"], expected["priority_id"]
        assert list(rows["seq"]) == list(range(1, len(rows) + 1))


def test_ordinals_count_within_each_kind(tables):
    for _, group in tables["priorities"].groupby("kind"):
        assert list(group["ordinal"]) == list(range(1, len(group) + 1))


def test_every_printed_deadline_is_kept(tables):
    printed = len(re.findall(r"ვადა\s*:", SAMPLE_TEXT.read_text(encoding="utf-8")))
    raws = [r for r in tables["activities"]["deadline_raw"].dropna() for r in r.split(" | ")]
    assert len(raws) == printed


def test_activity_spans_match_the_deadline_norms(tables):
    activities, deadlines = tables["activities"], tables["deadlines"]
    checked = 0
    for _, activity in activities.dropna(subset=["deadline_raw"]).iterrows():
        parts = [p for raw in activity["deadline_raw"].split(" | ") for p in NORMS[" ".join(raw.split())]]
        starts = [p[0] for p in parts if p[0]]
        ends = [p[1] for p in parts if p[1]]
        got = (activity["deadline_start"], activity["deadline_end"])
        assert tuple(d.isoformat() if d is not None else None for d in got) == (min(starts, default=None), max(ends, default=None))
        assert activity["is_ongoing"] == any(p[3] == "ongoing" for p in parts)
        own = deadlines[deadlines["activity_id"] == activity["activity_id"]]
        assert list(own["part"]) == list(range(1, len(parts) + 1))
        checked += 1
    assert checked == activities["deadline_raw"].notna().sum() > 50


def test_repeated_number_is_not_part_of_the_text(tables):
    first = tables["activities"].set_index("activity_id").loc["tp-2/1"]
    assert first["number_printed"] == "1"
    assert not first["text"].startswith("1.")


def test_subbullet_with_its_own_deadline_is_an_activity(tables):
    bullet = tables["activities"].set_index("activity_id").loc["core-3/3"]
    assert pd.isna(bullet["number_printed"])
    assert bullet["deadline_raw"] == "Q3 – Q4 2021; 2022 წლის პირველი-მე-2 კვარტალი"
    assert "ვადა" not in bullet["text"]


def test_deadline_glued_to_co_leads_row_is_split(tables):
    activity = tables["activities"].set_index("activity_id").loc["twg-1/5"]
    assert activity["deadline_raw"] == "2021 წლის ივლისამდე"
    participants = tables["participants"]
    co_leads = participants[(participants["priority_id"] == "twg-1") & (participants["role"] == "co_lead")]
    assert sorted(co_leads["org_id"]) == ["IDC", "UNHCR", "UNICEF"]


def test_objectives_glued_to_an_organisation_list_are_read(tables):
    priorities = tables["priorities"].set_index("priority_id")
    assert priorities.loc["tp-7", "gcm_scope"] == "all"
    assert priorities.loc["tp-2", "gcm_scope"] == "cross_cutting"
    assert list(priorities.loc["tp-5", "gcm_objectives"]) == [7, 9, 10, 11]
    participants = tables["participants"]
    tp7 = participants[(participants["priority_id"] == "tp-7") & (participants["role"] == "member")]
    assert sorted(tp7["org_id"]) == sorted(["UN-Women", "Gender-Hub", "WIMN", "IOM", "UNICEF"])
    assert tp7.set_index("org_id").loc["UNICEF", "mention"] == "UNICEF"
    tp2 = participants[(participants["activity_id"] == "tp-2/2") & (participants["role"] == "activity_member")]
    assert list(tp2["mention"]) == ["გაეროს ადამიანის უფლებათა უმაღლესი კომისრის ოფისი (OHCHR)"]


def test_a_list_printed_three_times_yields_each_organisation_once(tables):
    participants = tables["participants"]
    members = participants[(participants["priority_id"] == "twg-4") & (participants["role"] == "member")]
    assert members["org_id"].is_unique
    assert {"NRC", "PICUM", "SR-MIGRANTS", "Post-Deportation-Monitoring-Network"} <= set(members["org_id"])


def test_running_headers_page_numbers_and_footnote_urls_stay_out(tables):
    texts = list(tables["activities"]["text"]) + list(tables["sections"]["text"]) + list(tables["priorities"]["title"])
    joined = "\n".join(texts)
    assert "safelinks" not in joined and "https://" not in joined
    assert "სამუშაო გეგმა: 2021 – 2022 PRIORITIES" not in joined


def test_participants_resolve_to_registry_or_minted_ids(tables):
    registry = load_registry().organizations
    organizations = tables["organizations"].set_index("org_id")
    participants = tables["participants"]
    assert set(participants["org_id"]) == set(organizations.index)
    for org_id, row in organizations.iterrows():
        assert row["known"] == (org_id in registry)
        if not row["known"]:
            assert org_id.startswith("x-")
    duplicates = Counter(zip(participants["priority_id"], participants["activity_id"].fillna(""), participants["org_id"], participants["role"]))
    assert max(duplicates.values()) == 1


def test_activity_roles_belong_to_activities_and_block_roles_to_blocks(tables):
    participants = tables["participants"]
    activity_roles = participants["role"].isin(["activity_lead", "activity_member"])
    assert participants.loc[activity_roles, "activity_id"].notna().all()
    assert participants.loc[~activity_roles, "activity_id"].isna().all()
    leads = participants[(participants["activity_id"] == "tp-1/3") & (participants["role"] == "activity_lead")]
    assert sorted(leads["org_id"]) == ["UN-Habitat", "WHO"]


def test_provenance_boxes_lie_on_the_page(tables):
    for name in ("priorities", "activities", "deadlines", "participants"):
        table = tables[name]
        assert (table["x0"] >= 0).all() and (table["x1"] <= 600).all(), name
        assert (table["top"] < table["bottom"]).all(), name
