"""UK lists: the FCDO UK Sanctions List XML and the OFSI ConList.csv (hand-written fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.entity import EntityKind, IdentifierType, NameQuality, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import detect, uk_fcdo, uk_ofsi
from interdict.lists.formats._uk import uk_date


@pytest.fixture(scope="module")
def fcdo(test_data: Path) -> Path:
    return test_data / "lists" / "uk" / "UK-Sanctions-List.xml"


@pytest.fixture(scope="module")
def ofsi(test_data: Path) -> Path:
    return test_data / "lists" / "ofsi" / "ConList.csv"


def test_fcdo_designations(fcdo: Path) -> None:
    parsed = uk_fcdo.parse(fcdo)
    assert (parsed.list, parsed.format, parsed.published) == ("uk", "uk_fcdo_xml", "2026-11-20")
    by_id = {e.list_id: e for e in parsed.entities}
    assert set(by_id) == {"AFG0006", "DPR0001", "DPR0075"}
    akhund = by_id["AFG0006"]
    assert akhund.kind is EntityKind.PERSON and akhund.primary_name == "MOHAMMAD HASSAN AKHUND"
    assert akhund.birth_dates == ("1945", "1958-03-01")  # dd/mm/1945 is a year only
    assert akhund.nationalities == ("af",) and akhund.gender == "male"
    assert akhund.references == ("un:TAi.002",)
    passport = akhund.identifiers[0]
    assert passport.type is IdentifierType.PASSPORT and passport.value == "P04581926"
    assert akhund.names[-1].script == "Arabic" and akhund.names[-1].lang == "fa"
    assert ("OFSIGroupID", "7172") in akhund.extra


def test_fcdo_entity_and_ship(fcdo: Path) -> None:
    by_id = {e.list_id: e for e in uk_fcdo.parse(fcdo).entities}
    komid = by_id["DPR0001"]
    assert komid.references == ("un:KPe.001",) and komid.kind is EntityKind.ORGANIZATION
    weak = [n.full for n in komid.names if n.quality is NameQuality.WEAK]
    assert weak == ["Changgwang Sinyong Corporation"]
    assert any(n.script == "Hangul" and n.lang == "ko" for n in komid.names)
    assert komid.addresses[0].country == "kp"
    ship = by_id["DPR0075"]
    assert ship.kind is EntityKind.VESSEL and ship.listed_on == "2017-10-03"
    assert [(i.type, i.value) for i in ship.identifiers] == [(IdentifierType.IMO, "9562233")]


def test_ofsi_groups_rows_and_shares_ids_with_fcdo(ofsi: Path, fcdo: Path) -> None:
    parsed = uk_ofsi.parse(ofsi)
    assert (parsed.list, parsed.format, parsed.published) == ("uk", "uk_ofsi_csv", "2026-11-20")
    by_id = {e.list_id: e for e in parsed.entities}
    assert set(by_id) == {e.list_id for e in uk_fcdo.parse(fcdo).entities}
    komid = by_id["DPR0001"]
    assert komid.primary_name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert komid.names[0].type is NameType.PRIMARY
    assert {n.full for n in komid.names} >= {"KOMID", "조선광업개발무역회사"}
    assert komid.references == ("un:KPe.001",) and ("OFSI Group ID", "10930") in komid.extra
    akhund = by_id["AFG0006"]
    assert akhund.birth_dates == ("1945", "1958-03-01")
    assert akhund.programs == ("Afghanistan",) and akhund.listed_on == "2001-01-25"
    assert by_id["DPR0075"].identifiers[0].value == "9562233"


def test_registry_detects_both(fcdo: Path, ofsi: Path) -> None:
    assert detect(fcdo) is uk_fcdo
    assert detect(ofsi) is uk_ofsi


@pytest.mark.parametrize(
    ("text", "expected"),
    [("dd/mm/1945", "1945"), ("00/00/1956", "1956"), ("dd/05/1960", "1960-05"), ("28/06/1960", "1960-06-28"),
     ("", None)],
)
def test_uk_dates(text: str, expected: str | None) -> None:
    assert uk_date(text) == expected


def test_truncated_files_raise(test_data: Path) -> None:
    xml = test_data / "lists" / "uk" / "UK-Sanctions-List_truncated.xml"
    with pytest.raises(ListFormatError) as err:
        uk_fcdo.parse(xml)
    assert err.value.source == str(xml) and str(err.value.location).startswith("line ")
    csv_path = test_data / "lists" / "ofsi" / "ConList_truncated.csv"
    with pytest.raises(ListFormatError, match="truncated"):
        uk_ofsi.parse(csv_path)


def test_ofsi_bad_rows(ofsi: Path, tmp_path: Path) -> None:
    lines = ofsi.read_text(encoding="utf-8").splitlines(keepends=True)
    short = tmp_path / "short.csv"
    short.write_text("".join(lines[:3]) + "ONLY,TWO\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="36 columns, found 2") as err:
        uk_ofsi.parse(short)
    assert err.value.location == "row 4"
    no_banner = tmp_path / "no_banner.csv"
    no_banner.write_text("".join(lines[1:]), encoding="utf-8")
    with pytest.raises(ListFormatError, match="Last Updated"):
        uk_ofsi.parse(no_banner)


def test_fcdo_designation_without_unique_id(fcdo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(fcdo.read_text(encoding="utf-8").replace("<UniqueID>DPR0075</UniqueID>", ""), "utf-8")
    with pytest.raises(ListFormatError, match="UniqueID") as err:
        uk_fcdo.parse(broken)
    assert "Designation" in str(err.value.location)


def test_ofsi_reads_gzip(ofsi: Path, tmp_path: Path) -> None:
    import gzip

    packed = tmp_path / "ConList.csv.gz"
    packed.write_bytes(gzip.compress(ofsi.read_bytes()))
    assert detect(packed) is uk_ofsi
    assert [e.list_id for e in uk_ofsi.parse(packed).entities] == ["DPR0001", "AFG0006", "DPR0075"]
