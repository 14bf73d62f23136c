"""Normalisation: deadlines to dates, organisation mentions to registry ids, rows to typed tables."""
