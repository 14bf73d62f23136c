"""A scanned table lost its first column (the table layout scanned at 300 dpi, seed 7: its `№`
header and numbers read as text beside the table, every activity after it renumbered): its left
and right borders, their tops a pixel apart, had been merged into one rule running backwards."""
import numpy as np

from workplan.extract.ocr_image import rules_among


def test_two_rules_of_one_extent_far_apart_stay_two():
    """Their tops a pixel apart across the bucket the runs are sorted by: the left one's runs come
    after the right one's and must not extend it."""
    dark = np.zeros((1000, 600), dtype=bool)
    dark[600:900, 50:53] = True  # left border
    dark[599:900, 400:403] = True  # right border, a pixel higher
    verticals = sorted((x0, x1) for x0, top, x1, bottom in rules_among(dark, 300) if bottom - top > 100)
    assert verticals == [(50.0, 53.0), (400.0, 403.0)]
