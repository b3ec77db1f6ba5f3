"""OFAC classic XML (sdnList) parser: the real 2025-03 non-SDN consolidated list and fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.entity import EntityKind, IdentifierType, NameQuality, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import ofac_xml
from interdict.lists.parsed import ParsedList


@pytest.fixture(scope="module")
def cons_parsed(shared_data: Path) -> ParsedList:
    """The real OFAC consolidated (non-SDN) list, parsed once for this module."""
    return ofac_xml.parse(shared_data / "lists" / "ofac" / "consolidated.xml")


def test_real_consolidated(cons_parsed: ParsedList) -> None:
    assert (cons_parsed.list, cons_parsed.format, cons_parsed.published) == (
        "ofac_cons",
        "ofac_xml",
        "2025-03-28",
    )
    assert len(cons_parsed.entities) == 443
    kinds = [e.kind for e in cons_parsed.entities]
    assert kinds.count(EntityKind.ORGANIZATION) == 363 and kinds.count(EntityKind.PERSON) == 80
    programs = [p for e in cons_parsed.entities for p in e.programs]
    assert programs.count("UKRAINE-EO13662") == 286 and programs.count("NS-PLC") == 78
    haniya = next(e for e in cons_parsed.entities if e.list_id == "9639")
    assert haniya.primary_name == "HANIYA, Ismail Abdul Salah" and haniya.birth_dates == ("1962",)
    assert {"HANIYA, Ismail", "HANIYYA, Ismaeel"} <= {n.full for n in haniya.names}


def test_real_identifiers_vs_facts(cons_parsed: ParsedList) -> None:
    ids = [i for e in cons_parsed.entities for i in e.identifiers]
    assert sum(i.type is IdentifierType.BIC for i in ids) == 33
    assert sum(i.type is IdentifierType.LEI for i in ids) == 14
    # "Secondary sanctions risk:" and directive texts are facts, not identifiers.
    facts = [k for e in cons_parsed.entities for k, _ in e.extra]
    assert facts.count("Secondary sanctions risk") == 361
    assert not any(i.note and i.note.startswith("Secondary") for i in ids)


def test_fixture_consolidated(test_data: Path) -> None:
    parsed = ofac_xml.parse(test_data / "lists" / "ofac_xml_small.xml")
    assert parsed.list == "ofac_cons" and parsed.published == "2025-03-28"
    bank, person = parsed.entities
    assert bank.names[1].type is NameType.FORMER
    assert {(i.type, i.value, i.currency) for i in bank.identifiers} == {
        (IdentifierType.BIC, "CKLBCNBJ", None),
        (IdentifierType.CRYPTO, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96", "ETH"),
    }
    assert bank.addresses[0].postal_code == "100007" and bank.addresses[0].country == "cn"
    assert person.names[1].quality is NameQuality.WEAK and person.names[2].script == "Arabic"
    assert person.birth_dates == ("1962", "1963-01-08") and person.nationalities == ("eg",)
    assert [(i.type, i.value, i.country) for i in person.identifiers] == [
        (IdentifierType.PASSPORT, "A1234567", "eg")
    ]


def test_fixture_sdn_vessel_other_namespace(test_data: Path) -> None:
    parsed = ofac_xml.parse(test_data / "lists" / "ofac_xml_sdn_vessel.xml")
    assert parsed.list == "ofac_sdn" and parsed.published == "2021-07-06"
    (vessel,) = parsed.entities
    assert vessel.kind is EntityKind.VESSEL
    assert {(i.type, i.value) for i in vessel.identifiers} == {
        (IdentifierType.IMO, "9187629"),
        (IdentifierType.CALL_SIGN, "T2EU4"),
    }
    assert ("Vessel Flag", "Iran") in vessel.extra


def test_record_count_mismatch_raises(test_data: Path) -> None:
    with pytest.raises(ListFormatError, match="declares 3 records, file holds 2") as info:
        ofac_xml.parse(test_data / "lists" / "ofac_xml_bad_count.xml")
    assert info.value.location == "/sdnList/publshInformation/Record_Count"


def test_truncated_real_file_raises(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "lists" / "ofac" / "consolidated.xml").read_bytes()
    cut = tmp_path / "consolidated.xml"
    cut.write_bytes(data[: len(data) * 6 // 10])
    with pytest.raises(ListFormatError, match="truncated") as info:
        ofac_xml.parse(cut)
    assert info.value.location and info.value.location.startswith("line ")


def test_wrong_root_and_sniff(test_data: Path) -> None:
    with pytest.raises(ListFormatError, match="expected root element <sdnList>"):
        ofac_xml.parse(test_data / "lists" / "parsers_wrong_root.xml")
    small = test_data / "lists" / "ofac_xml_small.xml"
    assert ofac_xml.sniff(small, small.read_bytes()[:4096])
    adv = test_data / "lists" / "ofac_advanced_small.xml"
    assert not ofac_xml.sniff(adv, adv.read_bytes()[:4096])
