"""Small value normalisers every list parser shares: countries, dates, empty values, hashes."""

from __future__ import annotations

import functools
import hashlib
import re
from datetime import datetime
from pathlib import Path

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DAY_MON_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")
_MON_YEAR = re.compile(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")
_YEAR = re.compile(r"^(?:circa\s+|c\.\s*|approximately\s+)?(\d{4})$", re.I)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 (lower case) for a country name or code, via FollowTheMoney's registry."""
    if not text or not text.strip():
        return None
    # Imported here: FollowTheMoney builds its whole model on import (~1 s), which a screen that
    # never looks a country up (and `interdict --help`) should not pay.
    from followthemoney.types import registry

    code = registry.country.clean(text.strip())
    return str(code) if code else None


def clean(text: str | None) -> str | None:
    """Strip a value and turn blanks (and OFAC's `-0-` null marker) into None."""
    if text is None:
        return None
    value = " ".join(text.split())
    if not value or value == "-0-":
        return None
    return value


def iso_date(text: str | None, *, day_first_slashes: bool = False) -> str | None:
    """A list's date text as ISO 8601, keeping only the precision it has ("1984-08-15", "1951").

    Understands ISO, `15 Aug 1984`, `Aug 1984`, `circa 1951`, `1951`, and `MM/DD/YYYY` (OFAC) or
    `DD/MM/YYYY` (EU/UK, with `day_first_slashes`). Returns None for anything else.
    """
    value = clean(text)
    if value is None:
        return None
    if m := _ISO.match(value):
        return "-".join(p for p in m.groups() if p)
    if m := _DAY_MON_YEAR.match(value):
        month = _MONTHS.get(m.group(2).lower())
        if month:
            return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    if m := _MON_YEAR.match(value):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            return f"{m.group(2)}-{month:02d}"
    if m := _YEAR.match(value):
        return m.group(1)
    if m := _SLASHED.match(value):
        a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
        day, month = (a, b) if day_first_slashes else (b, a)
        try:
            return datetime(int(year), month, day).date().isoformat()
        except ValueError:
            return None
    return None


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes as stored, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@functools.lru_cache(maxsize=8192)
def country_code_cached(text: str | None) -> str | None:
    """`country_code` memoised: list files repeat the same few hundred country spellings many times."""
    return country_code(text)
