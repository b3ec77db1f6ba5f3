"""A case as a goAML suspicious-transaction report (STR), following the UNODC goAML XML schema's structure.

Element names and order follow the goAML 4.x `report` schema: the reporting entity, the report
code, the reporting person, reason and action, then `transaction` elements (payments) or an
`activity` with `report_parties` (screening and trace subjects), then `report_indicators`. Values an
FIU assigns (entity id, indicator codes) come from the caller.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lxml import etree

from interdict.cases.exports.common import crypto_addresses, final_decision, listed_entities, payments
from interdict.core.entity import Entity, EntityKind


def _sub(parent: etree._Element, tag: str, text: object | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = str(text)
    return el


def _when(value: str | None) -> str:
    """goAML dates are xs:dateTime without zone: `YYYY-MM-DDT00:00:00`."""
    if not value:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    if len(value) == 4:
        value += "-01-01"
    elif len(value) == 7:
        value += "-01"
    return value[:10] + "T00:00:00"


def case_goaml(
    case: dict[str, Any],
    *,
    rentity_id: str = "0",
    reporter: str = "Interdict",
    currency: str = "USD",
    indicators: tuple[str, ...] = ("SANC",),
) -> bytes:
    """The STR for one case, as UTF-8 XML bytes."""
    report = etree.Element("report")
    _sub(report, "rentity_id", rentity_id)
    _sub(report, "submission_code", "E")
    _sub(report, "report_code", "STR")
    _sub(report, "entity_reference", f"INTERDICT-CASE-{case['id']}")
    _sub(report, "submission_date", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"))
    _sub(report, "currency_code_local", currency)
    person = _sub(report, "reporting_person")
    first, _, last = reporter.partition(" ")
    _sub(person, "first_name", first)
    _sub(person, "last_name", last or first)
    decision = final_decision(case)
    _sub(report, "reason", _reason(case, decision))
    _sub(
        report,
        "action",
        f"case {case['state']}" + (f", outcome {case['outcome']}" if case["outcome"] else ""),
    )
    pays = payments(case)
    if pays:
        for number, pay in enumerate(pays, 1):
            _transaction(report, pay, number)
    else:
        _activity(report, case)
    inds = _sub(report, "report_indicators")
    for code in indicators:
        _sub(inds, "indicator", code)
    return bytes(etree.tostring(report, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _reason(case: dict[str, Any], decision: dict[str, Any] | None) -> str:
    lines = [f"Case {case['id']}: {case['title']}"]
    lines += [f"- {a['summary']}" for a in case["alerts"]]
    if decision:
        lines.append(
            f"Decision by {decision['actor']} at {decision['at']}: {decision['value']} - {decision['text']}"
        )
    return "\n".join(lines)


def _transaction(report: etree._Element, pay: dict[str, Any], number: int) -> None:
    tx = _sub(report, "transaction")
    _sub(tx, "transactionnumber", pay.get("uetr") or pay.get("message_id") or number)
    _sub(tx, "internal_ref_number", pay.get("message_id"))
    _sub(
        tx,
        "transaction_description",
        f"{pay.get('type', 'payment')} held: "
        + "; ".join(str(r.get("text", r)) if isinstance(r, dict) else str(r) for r in pay.get("reasons", [])),
    )
    _sub(tx, "date_transaction", _when(pay.get("value_date") or pay.get("created")))
    _sub(tx, "transmode_code", "K")  # goAML lookup: wire transfer
    _sub(tx, "amount_local", pay.get("amount") or "0")
    parties = pay.get("parties") or []
    payer = next(
        (p for p in parties if "ordering" in str(p.get("role", "")) or "debtor" in str(p.get("role", ""))),
        None,
    )
    payee = next(
        (p for p in parties if "benef" in str(p.get("role", "")) or "creditor" in str(p.get("role", ""))),
        None,
    )
    side = _sub(tx, "t_from")
    _sub(side, "from_funds_code", "K")
    _party_entity(side, "from_entity", payer)
    _sub(side, "from_country", (payer or {}).get("country") or "UNK")
    side = _sub(tx, "t_to")
    _sub(side, "to_funds_code", "K")
    _party_entity(side, "to_entity", payee)
    _sub(side, "to_country", (payee or {}).get("country") or "UNK")


def _party_entity(parent: etree._Element, tag: str, party: dict[str, Any] | None) -> None:
    el = _sub(parent, tag)
    _sub(el, "name", (party or {}).get("name") or "unknown")


def _activity(report: etree._Element, case: dict[str, Any]) -> None:
    activity = _sub(report, "activity")
    parties = _sub(activity, "report_parties")
    for entity in listed_entities(case):
        party = _sub(parties, "report_party")
        _subject(party, entity)
        _sub(party, "significance", "10")
        _sub(
            party,
            "reason",
            f"listed on {entity.list} ({entity.list_id}), programmes {', '.join(entity.programs)}",
        )
    for wallet in crypto_addresses(case):
        if wallet["role"] == "listed":
            continue
        party = _sub(parties, "report_party")
        entity_el = _sub(party, "entity")
        _sub(entity_el, "name", wallet["label"])
        _sub(entity_el, "comments", f"crypto address {wallet['address']} ({wallet['role']})")
        _sub(party, "significance", "8")
        _sub(party, "reason", f"tainted funds: {wallet['source']}")


def _subject(parent: etree._Element, entity: Entity) -> None:
    if entity.kind == EntityKind.PERSON:
        person = _sub(parent, "person")
        _sub(person, "gender", {"male": "M", "female": "F"}.get(entity.gender or "", "U"))
        names = entity.primary_name.split()
        _sub(person, "first_name", " ".join(names[:-1]) or entity.primary_name)
        _sub(person, "last_name", names[-1] if names else entity.primary_name)
        if entity.birth_dates:
            _sub(person, "birthdate", _when(entity.birth_dates[0]))
        if entity.birth_places:
            _sub(person, "birth_place", entity.birth_places[0])
        for n, country in enumerate(entity.nationalities[:3], 1):
            _sub(person, f"nationality{n}", country.upper())
        for ident in entity.identifiers:
            if str(ident.type) in ("passport", "national_id"):
                doc = _sub(person, "identification")
                _sub(doc, "type", "A" if str(ident.type) == "passport" else "B")
                _sub(doc, "number", ident.value)
                _sub(doc, "issuing_country", (ident.country or "UNK").upper())
        _sub(person, "comments", "; ".join(n.full for n in entity.names[1:]))
    else:
        org = _sub(parent, "entity")
        _sub(org, "name", entity.primary_name)
        if entity.nationalities:
            _sub(org, "incorporation_country_code", entity.nationalities[0].upper())
        _sub(org, "comments", "; ".join(n.full for n in entity.names[1:]))
