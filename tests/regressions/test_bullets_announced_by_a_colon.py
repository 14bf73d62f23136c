"""An activity ending `…, კერძოდ:` (namely:) followed by the items it announces, printed with
Word's bullet (the glyph its deadlines carry, not a sub-bullet dash): each item was read as an
activity of its own, and the activities after it lost their deadlines. Bullets an activity
announces with a colon are its items."""
from support import DRIFT_GOLD, word_pdf


def test_bullets_after_a_colon_are_the_activity_s_items(tmp_path):
    from workplan.pipeline import process_pdf

    activities = process_pdf(word_pdf(DRIFT_GOLD, tmp_path)).tables["activities"].to_pandas()
    block = activities[activities["priority_id"] == "core-2.2"]
    third = block[block["number_printed"] == "3"].iloc[0]
    assert third["text"].startswith("შესაძლებლობების შექმნისა") and "ონლაინ კურსი" in third["text"]
    assert [item[:12] for item in third["sub_items"]] == ["ონლაინ კურსი", "რეგიონული სე"]
    assert block["number_printed"].tolist() == ["1", "2", "3", "4"]
