"""Screening: normalisation, scripts and romanizations, the candidate index, scoring, explanation."""
