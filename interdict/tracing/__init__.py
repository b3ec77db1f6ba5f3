"""Tracing: transfer graphs per ledger, taint policies, heuristics, paths and reports."""
