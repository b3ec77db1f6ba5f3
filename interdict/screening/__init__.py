"""Screening: normalisation, scripts and romanizations, the candidate index, scoring, explanation.

Public API::

    index = build_index(entities, subjects)        # or load_index(conn) from the list store
    screen(index, Query("Pak Jin Hyok"))            # -> list[Candidate], best first
    screen_detailed(index, query, allow=...)        # + allow-list suppressions
    screen_text(index, "5 Jupiter Street")          # listed names inside free text
    screen_identifier(index, "KDBKKPPY")            # exact identifier match
    screen_many(index, queries, workers=2)          # batch, both cores
"""

from __future__ import annotations

from interdict.screening.allowlist import AllowEntry, AllowList
from interdict.screening.batch import screen_many
from interdict.screening.engine import (
    ScreenResult,
    Suppressed,
    screen,
    screen_detailed,
    screen_identifier,
)
from interdict.screening.index import ScreeningIndex, build_index
from interdict.screening.loader import load_index
from interdict.screening.text import screen_text
from interdict.screening.threshold import DEFAULT_THRESHOLD

__all__ = [
    "DEFAULT_THRESHOLD",
    "AllowEntry",
    "AllowList",
    "ScreenResult",
    "ScreeningIndex",
    "Suppressed",
    "build_index",
    "load_index",
    "screen",
    "screen_detailed",
    "screen_identifier",
    "screen_many",
    "screen_text",
]
