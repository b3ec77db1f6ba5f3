"""The legacy OFAC CSV packs most facts into Remarks as `Label value; Label value.` items: split them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interdict.core.entity import Identifier, Name, NameQuality, NameType
from interdict.lists.formats.ofac_common import (
    CRYPTO_PREFIX,
    REMARK_ID_LABELS,
    make_identifier,
    split_identifier_value,
)
from interdict.lists.normalize import country_code_cached, iso_date
from interdict.lists.script import detect_script

MAX_YEAR_SPAN = 20
_ALT = re.compile(r"^alt\.\s+", re.I)
_QUOTED_ALIAS = re.compile(r"^([afn])\.k\.a\.\s+'(.+)'$", re.I)
_ALIAS_TYPES = {"a": NameType.ALIAS, "f": NameType.FORMER, "n": NameType.NEW}
_CRYPTO = re.compile(r"^Digital Currency Address - (\S+)\s+(.+)$")
_RANGE = re.compile(r"^(.+?)\s+to\s+(.+)$")


@dataclass(slots=True)
class RemarkFacts:
    """What could be read out of one Remarks text."""

    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    gender: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)


def split_items(remarks: str) -> list[str]:
    """The `; `-separated items of a Remarks text, without the closing period."""
    text = remarks.strip()
    if text.endswith("."):
        text = text[:-1]
    return [item.strip() for item in text.split("; ") if item.strip()]


def parse_remarks(remarks: str | None) -> RemarkFacts:
    """Read DOB/POB/nationality/citizen/Gender/identifiers/aliases/links out of a Remarks text."""
    facts = RemarkFacts()
    for item in split_items(remarks or ""):
        _read_item(_ALT.sub("", item), facts)
    return facts


def _read_item(item: str, facts: RemarkFacts) -> None:
    head, _, rest = item.partition(" ")
    if head == "DOB":
        facts.birth_dates.extend(birth_dates(rest))
    elif head == "POB":
        facts.birth_places.append(rest.strip())
    elif head in ("nationality", "citizen"):
        if code := country_code_cached(rest):
            facts.nationalities.append(code)
    elif head == "Gender":
        facts.gender = rest.strip().lower() or None
    elif m := _QUOTED_ALIAS.match(item):
        name = m.group(2).strip()
        # Quoted a.k.a.s in Remarks are OFAC's weak aliases (the strong ones are in alt.csv).
        facts.names.append(
            Name(
                name,
                type=_ALIAS_TYPES[m.group(1).lower()],
                quality=NameQuality.WEAK,
                script=detect_script(name),
            )
        )
    elif item.startswith("Linked To: "):
        facts.extra.append(("Linked To", item[len("Linked To: ") :].strip()))
    elif m := _CRYPTO.match(item):
        ident = make_identifier(CRYPTO_PREFIX + m.group(1), m.group(2).strip())
        if ident:
            facts.identifiers.append(ident)
    else:
        _read_identifier(item, facts)


def _read_identifier(item: str, facts: RemarkFacts) -> None:
    for label in REMARK_ID_LABELS:
        if item.startswith(label + " ") and len(item) > len(label) + 1:
            value, country, rest = split_identifier_value(item[len(label) + 1 :])
            ident = make_identifier(label, value, country)
            if ident is not None:
                if rest:
                    ident = Identifier(
                        ident.type, ident.value, ident.country, ident.currency, f"{ident.note}; {rest}"
                    )
                facts.identifiers.append(ident)
                return
    label, sep, value = item.partition(": ")
    if sep and value:
        facts.extra.append((label.strip(), value.strip()))


def birth_dates(text: str) -> list[str]:
    """`15 Aug 1984`, `circa 1951`, `Sep 1938`, `1951`, or `1960 to 1962` as ISO dates (ranges by year)."""
    text = text.strip()
    if m := _RANGE.match(text):
        low, high = iso_date(m.group(1)), iso_date(m.group(2))
        if low and high and low[:4].isdigit() and high[:4].isdigit():
            y1, y2 = sorted((int(low[:4]), int(high[:4])))
            if y2 - y1 > MAX_YEAR_SPAN:
                return [str(y1), str(y2)]
            return [str(y) for y in range(y1, y2 + 1)]
        return [d for d in (low, high) if d]
    date = iso_date(text)
    return [date] if date else []
