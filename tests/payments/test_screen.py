"""Screening of every party, address, identifier, country and free text of a payment."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.payment import Account, FreeText, Party, Payment, PostalAddress
from interdict.payments.decisions import decide
from interdict.payments.policy import Policy, ScreeningPolicy
from interdict.payments.reader import read_bytes
from interdict.payments.screen import PaymentScreener
from interdict.screening import AllowEntry, AllowList, ScreeningIndex


def _payment(*parties: Party, texts: tuple[FreeText, ...] = ()) -> Payment:
    return Payment("m-1", "mt", "MT103", "test", parties=parties, texts=texts)


def test_listed_word_in_a_bank_street_address_is_found(
    small_index: ScreeningIndex, payments_data: Path
) -> None:
    [item] = read_bytes((payments_data / "pacs008_unstructured.xml").read_bytes(), "p.xml")
    assert item.payment is not None
    hits = PaymentScreener(small_index, ScreeningPolicy()).screen_payment(item.payment)
    jupiter = [h for h in hits if h.entity == "test:JUP"]
    assert jupiter and jupiter[0].kind == "text"
    assert jupiter[0].where.startswith("creditor_agent CdtTrfTxInf/CdtrAgt address")
    assert jupiter[0].value == "JUPITER STREET BRANCH" and jupiter[0].explanation["window"] == "jupiter"
    decision = decide("m", "pacs.008", "p.xml", item.payment, [], hits, [], Policy())
    assert decision.decision == "hold"
    assert any("matches listed JUPITER" in r.message for r in decision.reasons)


def test_allow_list_entry_suppresses_that_hit_only(small_index: ScreeningIndex, payments_data: Path) -> None:
    [item] = read_bytes((payments_data / "pacs008_unstructured.xml").read_bytes(), "p.xml")
    assert item.payment is not None
    entry = AllowEntry(
        "JUPITER STREET BRANCH",
        "test:JUP",
        "RCBC branch street name, not the vessel",
        "analyst.kim",
        "2027-06-30",
    )
    screener = PaymentScreener(small_index, ScreeningPolicy(), AllowList([entry]))
    hits = screener.screen_payment(item.payment)
    jupiter = [h for h in hits if h.entity == "test:JUP"]
    assert jupiter and all(h.suppressed_by == entry for h in jupiter)
    decision = decide("m", "pacs.008", "p.xml", item.payment, [], hits, [], Policy())
    assert decision.decision == "release"
    assert any(r.kind == "suppressed" and "analyst.kim" in r.message for r in decision.reasons)
    # The same entity in another text is still a hit: the entry is scoped to the query text.
    other = _payment(Party("creditor", "59", name="ACME", address=PostalAddress(lines=("JUPITER HOUSE 4",))))
    assert any(h.entity == "test:JUP" and h.suppressed_by is None for h in screener.screen_payment(other))


def test_expired_allow_entry_no_longer_suppresses(small_index: ScreeningIndex) -> None:
    from datetime import date

    entry = AllowEntry("JUPITER STREET 5", "test:JUP", "street", "analyst.kim", "2026-01-31")
    screener = PaymentScreener(small_index, ScreeningPolicy(), AllowList([entry], today=date(2026, 11, 24)))
    p = _payment(Party("creditor", "59", name="ACME", address=PostalAddress(lines=("JUPITER STREET 5",))))
    assert any(h.entity == "test:JUP" and h.suppressed_by is None for h in screener.screen_payment(p))


def test_listed_bic_and_embargoed_bic_country(small_index: ScreeningIndex) -> None:
    p = _payment(Party("creditor_agent", "57A", bic="KETBKPPYXXX", is_institution=True, country="KP"))
    hits = PaymentScreener(small_index, ScreeningPolicy()).screen_payment(p)
    kinds = {(h.kind, h.entity) for h in hits}
    assert ("identifier", "test:KETB") in kinds and ("embargo", "KP") in kinds
    decision = decide("m", "MT103", "t", p, [], hits, [], Policy())
    assert decision.decision == "reject"


def test_listed_person_name(small_index: ScreeningIndex) -> None:
    p = _payment(Party("creditor", "59", name="VIKTOR PETROVSKY EXAMPLE", account=Account("12345678")))
    hits = PaymentScreener(small_index, ScreeningPolicy()).screen_payment(p)
    assert [(h.kind, h.entity) for h in hits] == [("name", "test:VPE")]
    assert hits[0].score >= 0.85


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("UL. LENINA 5, SIMFEROPOL, CRIMEA", "UA-CRIMEA"),
        ("PR. MIRA 12, DONETSK", "UA-DNR"),
        ("LUGANSK PEOPLE'S REPUBLIC", "UA-LNR"),
        ("VALI ASR AVE, TEHRAN", "IR"),
    ],
)
def test_embargoed_regions_named_in_addresses(small_index: ScreeningIndex, address: str, code: str) -> None:
    p = _payment(Party("creditor", "59", name="ACME", address=PostalAddress(lines=(address,))))
    hits = PaymentScreener(small_index, ScreeningPolicy()).screen_payment(p)
    assert any(h.kind == "embargo_text" and h.entity == code for h in hits)
    assert decide("m", "MT103", "t", p, [], hits, [], Policy()).decision == "hold"


def test_embargo_list_is_configurable(small_index: ScreeningIndex) -> None:
    p = _payment(Party("creditor", "59", name="ACME", country="CU", address=PostalAddress(lines=("HAVANA",))))
    assert any(h.kind == "embargo" for h in PaymentScreener(small_index, ScreeningPolicy()).screen_payment(p))
    only_kp = PaymentScreener(small_index, ScreeningPolicy(embargo=["KP"]))
    assert not any(h.kind.startswith("embargo") for h in only_kp.screen_payment(p))


def test_free_text_and_structured_subdivision(small_index: ScreeningIndex) -> None:
    p = _payment(
        Party(
            "creditor",
            "Cdtr",
            name="ACME",
            address=PostalAddress(town="X", subdivision="UA-43", country="UA"),
        ),
        texts=(FreeText("70", "FREIGHT ON MV JUPITER"),),
    )
    hits = PaymentScreener(small_index, ScreeningPolicy()).screen_payment(p)
    assert any(h.kind == "text" and h.where == "70" and h.entity == "test:JUP" for h in hits)
    assert any(h.kind == "embargo" and h.entity == "UA-CRIMEA" for h in hits)


def test_clean_payment_has_no_hits(small_index: ScreeningIndex) -> None:
    p = _payment(
        Party("debtor", "50K", name="ALICE EXAMPLE", address=PostalAddress(lines=("1 MAIN STREET",))),
        Party("creditor", "59", name="BOB SAMPLE", account=Account("DE89370400440532013000", "iban")),
        texts=(FreeText("70", "/INV/123 CONSULTING"),),
    )
    assert PaymentScreener(small_index, ScreeningPolicy()).screen_payment(p) == []


def test_vessel_name_in_an_address_is_a_policy_choice(small_index: ScreeningIndex) -> None:
    p = _payment(
        Party("creditor_agent", "57D", name="A BANK", address=PostalAddress(lines=("JUPITER STREET 5",)))
    )
    hits = PaymentScreener(small_index, ScreeningPolicy()).screen_payment(p)
    assert [h.entity_kind for h in hits] == ["vessel"]
    assert decide("m", "MT103", "t", p, [], hits, [], Policy()).decision == "hold"  # the 2016 lesson
    relaxed = Policy(screening=ScreeningPolicy(vessel_in_address_action="info"))
    decision = decide("m", "MT103", "t", p, [], hits, [], relaxed)
    assert decision.decision == "release" and decision.reasons[0].action == "info"


def test_listed_identifier_inside_free_text_holds_but_does_not_reject(small_index: ScreeningIndex) -> None:
    p = _payment(Party("creditor", "59", name="ACME"), texts=(FreeText("72", "/ACC/ VIA KETBKPPY"),))
    hits = PaymentScreener(small_index, ScreeningPolicy()).screen_payment(p)
    assert [(h.kind, h.where, h.entity) for h in hits] == [("identifier", "72 text identifier", "test:KETB")]
    assert decide("m", "MT103", "t", p, [], hits, [], Policy()).decision == "hold"
