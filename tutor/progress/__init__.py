"""Learner progress: a local SQLite store that never loses an answer (no UI imports)."""
