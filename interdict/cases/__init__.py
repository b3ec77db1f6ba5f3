"""Cases: alerts, cases, reviews, four-eyes decisions, the hash-chained audit trail, exports."""
