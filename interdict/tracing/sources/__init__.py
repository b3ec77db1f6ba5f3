"""Ledger and tag formats read into plain records: one module per format, and the recogniser."""
