"""OFAC SDN advanced XML parser: the real 2025-11 list (bzip2 stream) and hand-written fixtures."""

from __future__ import annotations

import bz2
import threading
from pathlib import Path

import pytest

from interdict.core.entity import Entity, EntityKind, IdentifierType, NameQuality, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import ofac_advanced
from interdict.lists.parsed import ParsedList


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.list_id: e for e in parsed.entities}


def test_real_counts_and_header(ofac_sdn_parsed: ParsedList) -> None:
    parsed = ofac_sdn_parsed
    assert (parsed.list, parsed.format, parsed.published) == ("ofac_sdn", "ofac_advanced_xml", "2025-11-19")
    assert len(parsed.entities) == 18367
    assert len({e.list_id for e in parsed.entities}) == 18367
    kinds = [e.kind for e in parsed.entities]
    assert (
        kinds.count(EntityKind.PERSON),
        kinds.count(EntityKind.ORGANIZATION),
        kinds.count(EntityKind.VESSEL),
        kinds.count(EntityKind.AIRCRAFT),
    ) == (7303, 9359, 1370, 335)
    assert all(e.names[0].type is NameType.PRIMARY and e.programs and e.listed_on for e in parsed.entities)


def test_real_park_jin_hyok(ofac_sdn_parsed: ParsedList) -> None:
    park = _by_id(ofac_sdn_parsed)["24918"]  # the same id as ent_num 24918 in the legacy CSV
    assert park.primary_name == "Park Jin Hyok" and park.kind is EntityKind.PERSON
    aliases = {n.full for n in park.names[1:]}
    assert {"Pak Jin Hek", "Pak Jin Hyok", "Kim Hyon Woo", "Henny Watson"} <= aliases
    assert park.birth_dates == ("1984-08-15", "1984-10-18")
    assert "DPRK3" in park.programs and park.listed_on == "2018-09-06" and park.gender == "male"
    passport = next(i for i in park.identifiers if i.type is IdentifierType.PASSPORT)
    assert (passport.value, passport.country) == ("290333974", "kp")


def test_real_lazarus_group_weak_aliases_and_crypto(ofac_sdn_parsed: ParsedList) -> None:
    lazarus = _by_id(ofac_sdn_parsed)["27307"]
    assert lazarus.primary_name == "Lazarus Group" and "DPRK3" in lazarus.programs
    weak = {n.full for n in lazarus.names if n.quality is NameQuality.WEAK}
    assert {"Hidden Cobra", "Guardians of Peace", "APT-C-26"} <= weak
    eth = [i for i in lazarus.identifiers if i.type is IdentifierType.CRYPTO]
    assert eth and all(i.currency == "ETH" and i.value.startswith("0x") for i in eth)


def test_real_xbt_bic_and_vessel(ofac_sdn_parsed: ParsedList) -> None:
    entries = _by_id(ofac_sdn_parsed)
    yan = entries["25308"]
    xbt = {i.value for i in yan.identifiers if i.type is IdentifierType.CRYPTO and i.currency == "XBT"}
    assert "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h" in xbt and len(xbt) >= 6
    daesong = entries["12312"]
    assert daesong.primary_name == "KOREA DAESONG BANK"
    assert [(i.type, i.value) for i in daesong.identifiers] == [(IdentifierType.BIC, "KDBKKPPY")]
    imo = [
        e
        for e in ofac_sdn_parsed.entities
        if e.kind is EntityKind.VESSEL and any(i.type is IdentifierType.IMO for i in e.identifiers)
    ]
    assert len(imo) > 1000
    assert all(i.value.isdigit() for e in imo for i in e.identifiers if i.type is IdentifierType.IMO)
    crypto = [i for e in ofac_sdn_parsed.entities for i in e.identifiers if i.type is IdentifierType.CRYPTO]
    assert len(crypto) == 760 and {"XBT", "ETH", "USDT", "TRX", "XMR"} <= {i.currency for i in crypto}


def test_real_original_scripts_and_relations(ofac_sdn_parsed: ParsedList) -> None:
    names = [n for e in ofac_sdn_parsed.entities for n in e.names]
    scripts = {n.script for n in names}
    assert {"Hangul", "Cyrillic", "Arabic", "Han"} <= scripts
    myong = _by_id(ofac_sdn_parsed)["54762"]
    assert [n.full for n in myong.names if n.script == "Hangul"] == ["명 철민"]
    # Nationality locations carry the country as an untyped part ("Korea, North").
    assert myong.nationalities == ("kp",)
    assert sum(len(e.nationalities) for e in ofac_sdn_parsed.entities) > 6000
    related = sum(1 for e in ofac_sdn_parsed.entities for k, v in e.extra if "(ofac_sdn:" in v)
    assert related > 8000


def test_fixture_everything(test_data: Path) -> None:
    parsed = ofac_advanced.parse(test_data / "lists" / "ofac_advanced_small.xml")
    park, vessel = parsed.entities
    assert [n.full for n in park.names] == ["Park Jin Hyok", "Pak Jin Hek", "박 진혁", "Jin Hyok"]
    assert park.names[2].script == "Hangul" and park.names[3].quality is NameQuality.WEAK
    assert park.birth_dates == ("1984-08-15", "1961", "1962")
    assert park.birth_places == ("Pyongyang, Korea, North",) and park.nationalities == ("kp",)
    assert park.addresses[0].full == "Potonggang District, Pyongyang, Korea, North"
    assert park.programs == ("DPRK3", "CYBER2") and park.listed_on == "2018-09-06"
    assert {(i.type, i.value, i.currency) for i in park.identifiers} == {
        (IdentifierType.PASSPORT, "290333974", None),
        (IdentifierType.CRYPTO, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", "XBT"),
    }
    assert vessel.kind is EntityKind.VESSEL and vessel.names[1].type is NameType.FORMER
    assert {(i.type, i.value) for i in vessel.identifiers} == {
        (IdentifierType.IMO, "9187629"),
        (IdentifierType.CALL_SIGN, "HMZF"),
    }
    assert ("Owned or Controlled By", "Park Jin Hyok (ofac_sdn:24918)") in vessel.extra
    assert ("VESSEL TYPE", "Tanker") in vessel.extra and vessel.remarks == "Test vessel."


def test_bz2_stream_equals_plain(test_data: Path, tmp_path: Path) -> None:
    plain = test_data / "lists" / "ofac_advanced_small.xml"
    packed = tmp_path / "sdn_advanced.xml.bz2"
    packed.write_bytes(bz2.compress(plain.read_bytes()))
    assert ofac_advanced.parse(packed).entities == ofac_advanced.parse(plain).entities
    assert ofac_advanced.sniff(packed, bz2.decompress(packed.read_bytes())[:4096])


def test_truncated_bz2_raises(test_data: Path, tmp_path: Path) -> None:
    data = bz2.compress((test_data / "lists" / "ofac_advanced_small.xml").read_bytes())
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(data[: len(data) * 6 // 10])
    with pytest.raises(ListFormatError, match="truncated") as info:
        ofac_advanced.parse(cut)
    assert info.value.source == str(cut)


def test_truncated_xml_raises_with_line(test_data: Path, tmp_path: Path) -> None:
    text = (test_data / "lists" / "ofac_advanced_small.xml").read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: text.index("<SanctionsEntries>")], encoding="utf-8")
    with pytest.raises(ListFormatError) as info:
        ofac_advanced.parse(cut)
    assert info.value.location and info.value.location.startswith("line ")


def test_dangling_reference_and_wrong_root(test_data: Path) -> None:
    with pytest.raises(ListFormatError, match="AliasType ID '1499'"):
        ofac_advanced.parse(test_data / "lists" / "ofac_advanced_dangling_ref.xml")
    with pytest.raises(ListFormatError, match="expected root element <Sanctions>"):
        ofac_advanced.parse(test_data / "lists" / "un_small.xml")


def test_sniff_rejects_classic_xml(test_data: Path) -> None:
    path = test_data / "lists" / "ofac_xml_small.xml"
    assert not ofac_advanced.sniff(path, path.read_bytes()[:4096])


def test_error_mid_stream_stops_the_read_ahead_thread(test_data: Path, tmp_path: Path) -> None:
    packed = tmp_path / "dangling.xml.bz2"
    packed.write_bytes(bz2.compress((test_data / "lists" / "ofac_advanced_dangling_ref.xml").read_bytes()))
    with pytest.raises(ListFormatError, match="AliasType ID '1499'") as info:
        ofac_advanced.parse(packed)
    assert info.value.location == "line 220"
    assert not [t for t in threading.enumerate() if t.name == "list-read-ahead"]


def test_sections_out_of_schema_order_raise(test_data: Path) -> None:
    with pytest.raises(ListFormatError, match="after <DistinctParties>") as info:
        ofac_advanced.parse(test_data / "lists" / "ofac_advanced_wrong_order.xml")
    assert info.value.location and info.value.location.startswith("line ")
