"""The sample's tables compared whole with the reviewed golden files (`make golden` regenerates them)."""
import pytest

from workplan.golden import GOLDEN_DIR, TABLES, golden_csv


@pytest.mark.parametrize("name", TABLES)
def test_sample_table_matches_its_golden_file(sample_result, name):
    expected = (GOLDEN_DIR / f"{name}.csv").read_text(encoding="utf-8")
    got = golden_csv(sample_result.tables[name])
    assert got.splitlines() == expected.splitlines(), f"{name} differs from its golden file: run `make golden` and review the diff"
