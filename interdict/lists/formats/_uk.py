"""Value conventions shared by the two UK publications (FCDO UK Sanctions List XML, OFSI CSV)."""

from __future__ import annotations

import re

from interdict.core.entity import EntityKind, NameQuality, NameType
from interdict.lists.normalize import clean, iso_date

LIST = "uk"

KINDS = {"individual": EntityKind.PERSON, "entity": EntityKind.ORGANIZATION, "ship": EntityKind.VESSEL}

# ISO 639-1 codes for the languages the UK names in NonLatinScriptLanguage.
LANGUAGES = {
    "arabic": "ar", "belarusian": "be", "bulgarian": "bg", "chinese": "zh", "greek": "el",
    "hebrew": "he", "korean": "ko", "persian": "fa", "russian": "ru", "serbian": "sr",
    "turkish": "tr", "ukrainian": "uk", "bosnian": "bs",
}

_MASKED = re.compile(r"^(dd|00|\d{1,2})/(mm|00|\d{1,2})/(\d{4})$", re.I)
UN_REF = re.compile(r"\bUN\s*Ref\)?\s*:?\s*([A-Z]{2}[ie]\.\d{3})\b", re.I)
UK_REF = re.compile(r"\(UK Sanctions List Ref\)\s*:\s*([A-Z]{2,4}\d{3,5})")


def uk_date(text: str | None) -> str | None:
    """A UK date (dd/mm/yyyy, with unknown parts masked as `dd`/`mm` or `00`) as partial ISO 8601."""
    value = clean(text)
    if value is None:
        return None
    m = _MASKED.match(value)
    if not m:
        return iso_date(value, day_first_slashes=True)
    day, month, year = m.groups()
    if not month.isdigit() or int(month) == 0:
        return year
    if not day.isdigit() or int(day) == 0:
        return f"{year}-{int(month):02d}"
    return iso_date(value, day_first_slashes=True)


def name_role(name_type: str | None, strength: str | None) -> tuple[NameType, NameQuality]:
    """Map a UK NameType / Alias Type and alias strength to Interdict's name type and quality."""
    kind = (name_type or "").strip().lower()
    if kind == "primary name":
        role = NameType.PRIMARY
    elif kind in ("fka", "f.k.a.", "former name"):
        role = NameType.FORMER
    else:  # "Primary name variation", "Alias", "AKA" (and the list's odd casings, e.g. "ALias")
        role = NameType.ALIAS
    weak = "low" in (strength or "").lower()
    return role, NameQuality.WEAK if weak else NameQuality.STRONG


def imo_digits(text: str) -> str:
    """An IMO number without its "IMO" prefix or spaces."""
    return re.sub(r"^IMO\s*", "", text.strip(), flags=re.I).replace(" ", "")
