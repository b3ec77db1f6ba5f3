"""The incident ledger: thefts, attribution (linked to the lists), traces, tallies, report, exports.

See docs/incidents.md; the use cases are `interdict.services.incidents`.
"""
