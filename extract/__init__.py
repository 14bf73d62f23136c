"""Extraction: PDF → typed lines → cleaned body lines → segmented workplan records."""
