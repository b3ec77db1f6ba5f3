"""Context features: date of birth and country raise or lower a name score; kind filters."""

from __future__ import annotations

from interdict.core.entity import Entity, EntityKind
from interdict.core.match import Adjustment
from interdict.lists.normalize import country_code

DOB_EXACT = 0.05
DOB_YEAR = 0.02
DOB_NEAR = -0.05  # a year off: lists often carry approximate years
DOB_CONFLICT = -0.25  # a birth date years apart: most likely another person of the same name
COUNTRY_MATCH = 0.03
COUNTRY_CONFLICT = -0.04
WEAK_ALIAS = -0.06


def kind_allowed(query_kind: EntityKind | None, entity: Entity) -> bool:
    """False when the query asks for a kind and the entity is known to be another one."""
    if query_kind is None or entity.kind == EntityKind.UNKNOWN:
        return True
    return entity.kind == query_kind


def _dob_delta(dob: str, dates: tuple[str, ...]) -> tuple[float, str]:
    best: tuple[float, str] | None = None
    for listed in dates:
        common = min(len(dob), len(listed))
        if dob[:common] == listed[:common]:
            delta = DOB_EXACT if common >= 10 else DOB_YEAR
            why = f"date of birth {dob} agrees with listed {listed}"
        elif dob[:4].isdigit() and listed[:4].isdigit() and abs(int(dob[:4]) - int(listed[:4])) <= 1:
            delta, why = DOB_NEAR, f"date of birth {dob} is within a year of listed {listed}"
        else:
            delta, why = DOB_CONFLICT, f"date of birth {dob} conflicts with listed {listed}"
        if best is None or delta > best[0]:
            best = (delta, why)
    return best if best else (0.0, "")


def entity_countries(entity: Entity) -> set[str]:
    """Every country an entry is tied to: nationality, addresses, document issuers."""
    found = {c.lower() for c in entity.nationalities}
    found.update(a.country.lower() for a in entity.addresses if a.country)
    found.update(i.country.lower() for i in entity.identifiers if i.country)
    return found


def adjustments(entity: Entity, dob: str | None, country: str | None, weak: bool) -> list[Adjustment]:
    """The score adjustments for one entity: alias quality, date of birth, country."""
    out: list[Adjustment] = []
    if weak:
        out.append(Adjustment("alias_quality", WEAK_ALIAS, "matched a weak / low-quality alias"))
    if dob and entity.birth_dates:
        delta, why = _dob_delta(dob.strip(), entity.birth_dates)
        if delta:
            out.append(Adjustment("dob", delta, why))
    if country:
        code = country_code(country) or country.strip().lower()
        listed = entity_countries(entity)
        if listed and code in listed:
            out.append(Adjustment("country", COUNTRY_MATCH, f"country {code} is listed"))
        elif listed:
            out.append(Adjustment("country", COUNTRY_CONFLICT,
                                  f"country {code} not among listed {sorted(listed)}"))
    return out
