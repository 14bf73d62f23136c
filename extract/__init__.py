"""Extraction: PDF → characters and rulings → lines in reading order → lines with roles → segmented workplan records."""
