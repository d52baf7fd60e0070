"""Teachers' tools: assignments, result files and class reports (no UI imports)."""
