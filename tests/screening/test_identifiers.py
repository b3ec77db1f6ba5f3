"""Identifier normalisation per type, and recognising identifiers pasted as a query."""

from __future__ import annotations

from interdict.core.entity import Identifier, IdentifierType
from interdict.screening.identifiers import identifier_key, imo_valid, recognise


def keys(text: str) -> list[str]:
    return [k for k, _ in recognise(text)]


def test_crypto_keys_follow_each_chains_case_rule() -> None:
    bech = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"
    assert keys(bech.upper()) == [f"crypto:{bech}"]  # bech32 is case-insensitive
    evm = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"
    assert keys(evm) == [f"crypto:{evm.lower()}"]  # hex is case-insensitive
    b58 = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"
    assert keys(b58) == [f"crypto:{b58}"]
    assert keys(b58.lower()) != keys(b58)  # base58 is case-sensitive


def test_imo_needs_a_valid_check_digit() -> None:
    assert imo_valid("9163180")
    assert not imo_valid("9163181")
    assert keys("IMO 9163180") == keys("imo9163180") == keys("9163180") == ["imo:9163180"]
    assert keys("9163181") == ["doc:9163181"]  # not an IMO, maybe a document number


def test_bic_matches_on_its_first_eight_characters() -> None:
    assert keys("KDBKKPPY") == ["bic:KDBKKPPY"]
    assert keys("kdbk kp py xxx") == ["bic:KDBKKPPY"]
    assert identifier_key(Identifier(IdentifierType.BIC, "KDBKKPPYXXX")) == "bic:KDBKKPPY"


def test_documents_are_compacted_and_upper_cased() -> None:
    assert identifier_key(Identifier(IdentifierType.PASSPORT, "ab 12-34.56")) == "doc:AB123456"
    assert keys("AB123456") == ["doc:AB123456"]


def test_ordinary_names_are_not_identifiers() -> None:
    assert keys("Jupiter Street") == []
    assert keys("Pak Jin Hyok") == []
    assert recognise("") == []


def test_explicit_type_uses_that_types_rule() -> None:
    assert recognise("IMO 9163180", IdentifierType.IMO) == [("imo:9163180", IdentifierType.IMO)]
    assert recognise("x", IdentifierType.IMO) == []
