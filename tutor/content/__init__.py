"""Lesson content as data: the models, the safe YAML reader, the articles and quote matching (no I/O beyond reading files, no UI)."""
