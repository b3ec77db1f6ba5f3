"""The default screening threshold, and where it comes from.

PROVISIONAL: 0.80 until `benchmarks/threshold.py` has measured the engine on the labelled set
(`benchmarks/data/screening_labelled.jsonl`); the figures and the rule used to pick the value are
then written here and in docs/screening-evaluation.md.
"""

from __future__ import annotations

DEFAULT_THRESHOLD: float = 0.80
