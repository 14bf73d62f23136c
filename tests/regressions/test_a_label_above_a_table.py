"""A deadline under a label the vocabulary lacks (`პერიოდი: 2026 და 2027`, a later edition's word),
printed as a bullet just above a table of organisation lists whose key cells carry no colon: the
label's text ran on into the table, read whole it was no deadline, and the deadline became an
organisation list (`2026`, `2027`) in silence. A label outside a table governs none of its cells."""
from support import DRIFT_GOLD, word_pdf


def test_a_label_s_text_ends_where_a_table_begins(tmp_path):
    from workplan.pipeline import process_pdf

    tables = process_pdf(word_pdf(DRIFT_GOLD, tmp_path)).tables
    deadlines = tables["deadlines"].to_pandas()
    assert deadlines[deadlines["activity_id"] == "core-2.1/3"]["raw"].tolist() == ["2026 და 2027"]
    participants = tables["participants"].to_pandas()
    assert not participants["mention"].str.contains(r"^\??20\d\d", regex=True).any()
    leads = participants[(participants["priority_id"] == "core-2.1") & (participants["role"] == "co_lead")]
    assert sorted(leads["org_id"]) == ["IOM", "UNDP"]
