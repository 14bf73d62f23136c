"""Every rendering at hand gives the tables it gave when the digests were taken (`make snapshot`).

A guard against change, not a proof of correctness: the gold and the scorer judge correctness
(test_gold, test_layouts). A change meant to alter tables rewrites the digests in the same commit,
with a CHANGELOG line giving the scores before and after.
"""
import json

import pytest

from workplan.snapshot import SNAPSHOT, digests, renderings

STORED = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
AT_HAND = renderings()


@pytest.mark.parametrize("key", sorted(STORED))
def test_tables_are_those_of_the_snapshot(key):
    name, engine = key.split("|")
    if name not in AT_HAND:
        pytest.skip(f"{name} is not on this machine (../shared absent)")
    taken = digests(AT_HAND[name], engine)
    changed = sorted(t for t in set(STORED[key]) | set(taken) if STORED[key].get(t) != taken.get(t))
    assert not changed, f"{key}: tables {', '.join(changed)} differ from the snapshot"


def test_the_snapshot_covers_every_rendering_at_hand():
    stored = {key.split("|")[0] for key in STORED}
    assert set(AT_HAND) <= stored, f"renderings with no digests: {sorted(set(AT_HAND) - stored)}; run `make snapshot`"
