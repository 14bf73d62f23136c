"""The sample scored against its gold structure with the evaluation's own scorer.

`accuracy.gold_of` says which gold and norms a rendering is scored against (tests/fixtures/gold/,
else ../shared/gold/ beside the checkout); until one exists the test is skipped, saying so.
"""
import pytest

from conftest import SAMPLE_PDF
from workplan.accuracy import gold_of, scorer_report

GOLD = gold_of(str(SAMPLE_PDF))


@pytest.mark.skipif(GOLD is None, reason="no gold for the sample yet (add tests/fixtures/gold/)")
def test_sample_scores_one_against_its_gold(sample_out):
    gold, norms = GOLD
    assert "_ka_" in gold.name  # the Georgian gold, never the English one beside it
    report = scorer_report(gold, sample_out, norms)
    assert report["score"] == pytest.approx(1.0), report["detail"][:40]
