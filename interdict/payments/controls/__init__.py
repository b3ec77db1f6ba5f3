"""Behavioural payment controls learned from each sender's history."""
