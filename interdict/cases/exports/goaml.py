"""A case as a goAML suspicious-transaction report (STR), valid against the UNODC goAML 5.0.1 schema.

Element names, order, lengths and code lists follow `goAMLSchema.xsd` 5.0.1: the reporting entity
(id, branch, reporting user, location: `goaml_settings`), the report code, reason and action, then a
`transaction` per held payment or an `activity` with `report_parties` (listed persons and entities,
wallets), then `report_indicators`. Codes the FIU defines (transmission mode, funds, indicators) come
from the settings; countries and currencies outside the schema's lists are left out or sent as `-`.
When the schema is at hand (`$INTERDICT_GOAML_SCHEMA`, or the shared data folder) every export is
validated against it before it leaves, and an invalid one is refused.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from lxml import etree

from interdict.cases.exports import goaml_settings
from interdict.cases.exports.common import crypto_addresses, final_decision, listed_entities, payments
from interdict.cases.exports.goaml_codes import COUNTRIES, CURRENCIES
from interdict.cases.exports.goaml_settings import GoamlSettings
from interdict.cases.exports.goaml_validate import validate
from interdict.core.entity import Entity, EntityKind

COMMENT_MAX = 8000


def _sub(
    parent: etree._Element, tag: str, text: object | None = None, limit: int | None = None
) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        value = str(text)
        el.text = value[:limit] if limit else value
    return el


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _when(value: str | None) -> str | None:
    """A goAML `sql_date` (`YYYY-MM-DDThh:mm:ss`, no zone, from 1753), or None if not a usable date."""
    if not value:
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}", text):
        text += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return None
    return f"{day.isoformat()}T00:00:00" if day.year >= 1753 else None


def _country(code: str | None) -> str | None:
    upper = (code or "").strip().upper()
    return upper if upper in COUNTRIES else None


def case_goaml(
    case: dict[str, Any],
    settings: GoamlSettings | None = None,
    *,
    reporter: str | None = None,
) -> bytes:
    """The STR for one case, as UTF-8 XML bytes (validated when the schema is at hand).

    `settings` default to `goaml_settings.load()`; `reporter` (the exporting user) names the
    reporting person when the settings give neither a user code nor a person.
    """
    cfg = settings or goaml_settings.load()
    report = etree.Element("report")
    _sub(report, "rentity_id", cfg.rentity_id)
    _sub(report, "rentity_branch", cfg.rentity_branch, 255)
    _sub(report, "submission_code", "E")
    _sub(report, "report_code", "STR")
    _sub(report, "entity_reference", f"INTERDICT-CASE-{case['id']}")
    _sub(report, "submission_date", _now())
    _sub(report, "currency_code_local", cfg.currency if cfg.currency in CURRENCIES else "-")
    _reporting(report, cfg, reporter)
    _location(report, cfg)
    _sub(report, "reason", _reason(case, final_decision(case)), COMMENT_MAX)
    action = f"case {case['state']}" + (f", outcome {case['outcome']}" if case["outcome"] else "")
    _sub(report, "action", action, COMMENT_MAX)
    pays = payments(case)
    if pays:
        for number, pay in enumerate(pays, 1):
            _transaction(report, pay, number, cfg)
    else:
        _activity(report, case)
    inds = _sub(report, "report_indicators")
    for code in cfg.indicators or ("-",):
        _sub(inds, "indicator", code)
    data = bytes(etree.tostring(report, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    validate(data, f"goAML export of case {case['id']}")
    return data


def _reporting(report: etree._Element, cfg: GoamlSettings, reporter: str | None) -> None:
    if cfg.reporting_user:
        _sub(report, "reporting_user_code", cfg.reporting_user)
        return
    person = _sub(report, "reporting_person")
    first, _, last = (cfg.reporting_person or reporter or "Interdict").strip().partition(" ")
    _sub(person, "first_name", first or "Interdict", 100)
    _sub(person, "last_name", last or first or "Interdict", 100)


def _location(report: etree._Element, cfg: GoamlSettings) -> None:
    loc = _sub(report, "location")
    _sub(loc, "address_type", "-")
    _sub(loc, "address", cfg.address or goaml_settings.PLACEHOLDER, 100)
    _sub(loc, "city", cfg.city or goaml_settings.PLACEHOLDER, 255)
    _sub(loc, "country_code", _country(cfg.country) or "-")


def _reason(case: dict[str, Any], decision: dict[str, Any] | None) -> str:
    lines = [f"Case {case['id']}: {case['title']}"]
    lines += [f"- {a['summary']}" for a in case["alerts"]]
    if decision:
        lines.append(
            f"Decision by {decision['actor']} at {decision['at']}: {decision['value']} - {decision['text']}"
        )
    return "\n".join(lines)


def _transaction(report: etree._Element, pay: dict[str, Any], number: int, cfg: GoamlSettings) -> None:
    tx = _sub(report, "transaction")
    _sub(tx, "transactionnumber", pay.get("uetr") or pay.get("message_id") or number, 100)
    if pay.get("message_id"):
        _sub(tx, "internal_ref_number", pay["message_id"], 100)
    _sub(tx, "transaction_location", "")
    reasons = "; ".join(
        str(r.get("text", r)) if isinstance(r, dict) else str(r) for r in pay.get("reasons", [])
    )
    currency = f" (amount in {pay['currency']})" if pay.get("currency") else ""
    _sub(
        tx, "transaction_description", f"{pay.get('type', 'payment')} held{currency}: {reasons}", COMMENT_MAX
    )
    _sub(tx, "date_transaction", _when(pay.get("value_date")) or _when(pay.get("created")) or _now())
    _sub(tx, "late_deposit", "false")
    _sub(tx, "transmode_code", cfg.transmode_code)
    _sub(tx, "amount_local", _amount(pay.get("amount")))
    parties = pay.get("parties") or []
    payer = _party(parties, ("ordering", "debtor"))
    payee = _party(parties, ("benef", "creditor"))
    for side, party in (("from", payer), ("to", payee)):
        el = _sub(tx, f"t_{side}")
        _sub(el, f"{side}_funds_code", cfg.funds_code)
        entity = _sub(el, f"{side}_entity")
        _sub(entity, "name", (party or {}).get("name") or "unknown", 255)
        _sub(el, f"{side}_country", _country((party or {}).get("country")) or "-")


def _amount(value: object) -> str:
    text = str(value or "0").strip().replace(",", ".")
    return text if re.fullmatch(r"-?\d{1,16}(\.\d+)?", text) else "0"


def _party(parties: list[dict[str, Any]], roles: tuple[str, ...]) -> dict[str, Any] | None:
    return next((p for p in parties if any(r in str(p.get("role", "")) for r in roles)), None)


def _activity(report: etree._Element, case: dict[str, Any]) -> None:
    activity = _sub(report, "activity")
    parties = _sub(activity, "report_parties")
    for entity in listed_entities(case):
        party = _sub(parties, "report_party")
        _subject(party, entity)
        _sub(party, "significance", "10")
        programmes = ", ".join(entity.programs) or "none given"
        _sub(
            party,
            "reason",
            f"listed on {entity.list} ({entity.list_id}), programmes {programmes}",
            COMMENT_MAX,
        )
    for wallet in crypto_addresses(case):
        if wallet["role"] == "listed":
            continue
        party = _sub(parties, "report_party")
        entity_el = _sub(party, "entity")
        _sub(entity_el, "name", wallet["label"] or wallet["address"], 255)
        _sub(entity_el, "comments", f"crypto address {wallet['address']} ({wallet['role']})", COMMENT_MAX)
        _sub(party, "significance", "8")
        _sub(party, "reason", f"tainted funds: {wallet['source']}", COMMENT_MAX)
    if len(parties) == 0:
        # The schema needs one party at least: the case's subject as the alerts name it.
        party = _sub(parties, "report_party")
        entity_el = _sub(party, "entity")
        names = [a["subject_name"] for a in case["alerts"] if a.get("subject_name")]
        _sub(entity_el, "name", (names[0] if names else case["title"]) or "unknown", 255)
        _sub(party, "reason", "subject of the case", COMMENT_MAX)


def _subject(parent: etree._Element, entity: Entity) -> None:
    if entity.kind == EntityKind.PERSON:
        _person(_sub(parent, "person"), entity)
        return
    org = _sub(parent, "entity")
    _sub(org, "name", entity.primary_name, 255)
    country = _country(entity.nationalities[0] if entity.nationalities else None)
    if country:
        _sub(org, "incorporation_country_code", country)
    _sub(org, "comments", "; ".join(n.full for n in entity.names[1:]), COMMENT_MAX)


def _person(person: etree._Element, entity: Entity) -> None:
    gender = {"male": "M", "female": "F"}.get(entity.gender or "")
    if gender:
        _sub(person, "gender", gender)
    names = entity.primary_name.split()
    _sub(person, "first_name", " ".join(names[:-1]) or entity.primary_name, 100)
    _sub(person, "last_name", names[-1] if names else entity.primary_name, 100)
    born = _when(entity.birth_dates[0]) if entity.birth_dates else None
    if born:
        _sub(person, "birthdate", born)
    if entity.birth_places:
        _sub(person, "birth_place", entity.birth_places[0], 255)
    passport = next((i for i in entity.identifiers if str(i.type) == "passport"), None)
    if passport:
        _sub(person, "passport_number", passport.value, 255)
        if _country(passport.country):
            _sub(person, "passport_country", _country(passport.country))
    national = next((i for i in entity.identifiers if str(i.type) == "national_id"), None)
    if national:
        _sub(person, "id_number", national.value, 255)
    countries = [c for c in (_country(n) for n in entity.nationalities) if c]
    for n, country in enumerate(dict.fromkeys(countries).keys(), 1):
        if n <= 3:
            _sub(person, f"nationality{n}", country)
    _sub(person, "comments", "; ".join(n.full for n in entity.names[1:]), COMMENT_MAX)
