"""Sanctions lists: one module per official format, the versioned list store, diffs, subjects."""
