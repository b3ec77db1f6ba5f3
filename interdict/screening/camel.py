"""Words written together with a capital at each start ("FridrichBuchenberg", "SiemensAG").

Moved out of `normalize` (which calls `split_camel` on a Latin name before reading its words)."""

from __future__ import annotations

import re

from interdict.screening import tables

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][A-Za-z])")  # "SiemensAG", not "GmbH"
_CAMEL_WORD = re.compile(r"[A-Za-z]*[a-z][A-Z][A-Za-z]+")


def split_camel(text: str) -> str:
    """The text with its camel-case words split where `_split_camel` says they are two words."""
    return _CAMEL_WORD.sub(_split_camel, text)


def _split_camel(match: re.Match[str]) -> str:
    """A capital inside a word starts a new one when the parts are words ("FridrichBuchenberg") or
    the last is a legal form in capitals ("SiemensAG"); "YuEsEm", "McDonald" stay whole, and so does
    a word in capitals with one small letter slipped in ("NATIcONAL": "NATIc" is written as no word)."""
    parts = _CAMEL.split(match.group(0))
    last = parts[-1]
    legal_end = last.isupper() and last.casefold() in tables.legal_forms()
    # Two parts only: "TrustComBank" is written as one word as often ("trustcombank").
    if len(parts) == 2 and parts[0][1:].islower() \
            and all(len(p) >= 3 for p in (parts[:-1] if legal_end else parts)):
        return " ".join(parts)
    return match.group(0)
