"""Exports of a case: goAML STR XML, STIX 2.1 bundle, FollowTheMoney entities."""

from __future__ import annotations

import re

from lxml import etree

from interdict.cases import alerts
from interdict.cases.exports import case_ftm, case_goaml, case_stix
from interdict.cases.store import CaseStore
from tests.cases.conftest import case_of
from tests.cases.samples import QUERY, candidate, entity, payment_decision, taint_result

WALLET = "1PXHSRjjAyGbMQDHbaWhpA4EyWs8Cd9mAZ"




def test_stix_bundle_links_wallets_to_listed_subjects(store: CaseStore) -> None:
    listed = entity()
    listed["identifiers"].append(
        {"type": "crypto", "value": WALLET, "country": None, "currency": "XBT", "note": None}
    )
    case = case_of(store, alerts.from_candidate(candidate(), QUERY, listed))
    bundle = case_stix(case)
    by_type: dict[str, list[dict[str, object]]] = {}
    for obj in bundle["objects"]:
        by_type.setdefault(str(obj["type"]), []).append(obj)
        assert re.fullmatch(rf"{obj['type']}--[0-9a-f-]{{36}}", str(obj["id"]))
        assert obj["spec_version"] == "2.1"
    assert by_type["indicator"][0]["pattern"] == f"[x-crypto-wallet:address = '{WALLET}']"
    rel = by_type["relationship"][0]
    assert rel["source_ref"] == by_type["indicator"][0]["id"]
    assert rel["target_ref"] == by_type["threat-actor"][0]["id"]
    assert len(by_type["report"][0]["object_refs"]) == 3  # type: ignore[arg-type]


def test_goaml_and_ftm_for_a_held_payment(store: CaseStore) -> None:
    decision = payment_decision("MT103-77")
    decision["parties"] = [
        {"role": "ordering_customer", "name": "BANGLADESH BANK", "country": "BD"},
        {"role": "beneficiary", "name": "JUPITER TRADING", "country": "PH"},
    ]
    case = case_of(store, alerts.from_payment_decision(decision))
    report = etree.fromstring(case_goaml(case))
    tx = report.find("transaction")
    assert tx is not None and tx.findtext("internal_ref_number") == "MT103-77"
    assert tx.findtext("t_from/from_entity/name") == "BANGLADESH BANK"
    assert tx.findtext("t_to/to_entity/name") == "JUPITER TRADING"
    assert tx.findtext("amount_local") == "81000000.00"
    children = [c.tag for c in report]
    assert children.index("reason") < children.index("transaction") < children.index("report_indicators")
    entities = list(case_ftm(case))
    payment = next(e for e in entities if e["schema"] == "Payment")
    assert payment["properties"]["amount"] == ["81000000.00"]
    assert payment["properties"]["beneficiary"] and payment["properties"]["payer"]


def test_trace_case_exports_its_wallets(store: CaseStore) -> None:
    result = taint_result()
    case = case_of(store, alerts.from_trace_exit(result, result["exits"][0]))
    wallets = [e for e in case_ftm(case) if e["schema"] == "CryptoWallet"]
    assert {w["properties"]["publicKey"][0] for w in wallets} == {"1Exchange", "1BadTheftAddr"}
    party = etree.fromstring(case_goaml(case)).find("activity/report_parties/report_party/entity")
    assert party is not None and party.findtext("name") == "Example Exchange"
