"""Reusable widgets: the question card and its answer inputs, the feedback panel."""
