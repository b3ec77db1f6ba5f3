"""UN Security Council Consolidated List parser: the real 2026-02-27 file and hand-written fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.entity import Entity, EntityKind, IdentifierType, NameQuality, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import un
from interdict.lists.parsed import ParsedList


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.list_id: e for e in parsed.entities}


def test_real_list_counts_and_header(un_parsed: ParsedList) -> None:
    assert un_parsed.list == "un" and un_parsed.format == "un_xml"
    assert un_parsed.published == "2026-02-27"
    assert len(un_parsed.entities) == 1003
    kinds = [e.kind for e in un_parsed.entities]
    assert kinds.count(EntityKind.PERSON) == 730 and kinds.count(EntityKind.ORGANIZATION) == 273
    dprk = [e for e in un_parsed.entities if e.list_id.startswith("KP")]
    assert len(dprk) == 155 and all(e.programs == ("DPRK",) for e in dprk)
    assert len(un_parsed.sha256) == 64


def test_real_komid_and_aliases(un_parsed: ParsedList) -> None:
    komid = _by_id(un_parsed)["KPe.001"]
    assert komid.primary_name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert komid.kind is EntityKind.ORGANIZATION
    aliases = {n.full for n in komid.names[1:]}
    assert {"CHANGGWANG SINYONG CORPORATION", "EXTERNAL TECHNOLOGY GENERAL CORPORATION", '"KOMID"'} <= aliases
    assert komid.listed_on == "2009-04-24"
    assert komid.addresses[0].city == "Pyongyang" and komid.addresses[0].country == "kp"
    assert komid.remarks is not None and komid.remarks.startswith("Primary arms dealer")


def test_real_individual_fields(un_parsed: ParsedList) -> None:
    entries = _by_id(un_parsed)
    ri = entries["KPi.033"]
    assert ri.primary_name == "RI WON HO" and ri.nationalities == ("kp",)
    assert ri.birth_dates == ("1964-07-17",)
    assert [(i.type, i.value) for i in ri.identifiers] == [(IdentifierType.PASSPORT, "381310014")]
    # BETWEEN 1967 and 1969 becomes every year of the range.
    assert entries["KPi.066"].birth_dates == ("1967", "1968", "1969")


def test_real_alias_quality_and_original_script(un_parsed: ParsedList) -> None:
    names = [n for e in un_parsed.entities for n in e.names]
    assert sum(n.quality is NameQuality.WEAK for n in names) > 500  # 615 "Low" aliases, some empty
    assert sum(n.type is NameType.FORMER for n in names) >= 15
    scripts = {n.script for n in names}
    assert {"Arabic", "Cyrillic"} <= scripts
    saddam = next(e for e in un_parsed.entities if any(n.full == "صدام حسين التكريتي" for n in e.names))
    assert saddam.list_id.startswith("IQi")


def test_real_document_types_normalised(un_parsed: ParsedList) -> None:
    docs = [i for e in un_parsed.entities for i in e.identifiers]
    french = [i for i in docs if i.note and "passeport" in i.note.lower()]
    assert french and all(i.type is IdentifierType.PASSPORT for i in french)
    assert sum(i.type is IdentifierType.NATIONAL_ID for i in docs) > 100


def test_fixture_everything(test_data: Path) -> None:
    parsed = un.parse(test_data / "lists" / "un_small.xml")
    entries = _by_id(parsed)
    assert list(entries) == ["KPi.033", "QDi.999", "KPe.001"]
    ri = entries["KPi.033"]
    assert [n.full for n in ri.names] == ["RI WON HO", "리원호", "Ri Won-ho", "Wonho"]
    assert ri.names[1].script == "Hangul" and ri.names[3].quality is NameQuality.WEAK
    assert ri.birth_dates == ("1964-07-17", "1965", "1966", "1967")
    assert ri.birth_places == ("Pyongyang, Democratic People's Republic of Korea",)
    assert {(i.type, i.value, i.country) for i in ri.identifiers} == {
        (IdentifierType.PASSPORT, "381310014", "kp"),
        (IdentifierType.PASSPORT, "654310175", None),
    }
    assert ri.addresses[0].country == "sy" and ri.extra[0] == ("dataid", "6908555")
    qd = entries["QDi.999"]
    assert qd.primary_name == "ABD AL-RAHMAN HAMID AL-SAIDI" and qd.names[1].script == "Arabic"
    assert qd.names[2].type is NameType.FORMER and qd.birth_dates == ("1970",)
    assert qd.identifiers[0].type is IdentifierType.NATIONAL_ID and qd.identifiers[0].country == "ye"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Passport", IdentifierType.PASSPORT),
        ("Numéro de passeport ", IdentifierType.PASSPORT),
        ("Número de pasaporte", IdentifierType.PASSPORT),
        ("National Identification\n      Number", IdentifierType.NATIONAL_ID),
        ("United States Social Security Number:", IdentifierType.TAX_ID),
        ("Ration card no.", IdentifierType.OTHER),
    ],
)
def test_document_type(text: str, kind: IdentifierType) -> None:
    assert un.document_type(text) is kind


def test_truncated_real_file_raises(shared_data: Path, tmp_path: Path) -> None:
    data = (shared_data / "lists" / "un" / "consolidated.xml").read_bytes()
    cut = tmp_path / "consolidated.xml"
    cut.write_bytes(data[: len(data) * 6 // 10])
    with pytest.raises(ListFormatError) as info:
        un.parse(cut)
    assert info.value.source == str(cut) and info.value.location and info.value.location.startswith("line ")
    assert "truncated" in str(info.value)


def test_missing_reference_and_wrong_root(test_data: Path) -> None:
    with pytest.raises(ListFormatError, match="REFERENCE_NUMBER") as info:
        un.parse(test_data / "lists" / "un_no_reference.xml")
    assert info.value.location == "line 65"
    with pytest.raises(ListFormatError, match="CONSOLIDATED_LIST"):
        un.parse(test_data / "lists" / "parsers_wrong_root.xml")


def test_sniff(test_data: Path) -> None:
    path = test_data / "lists" / "un_small.xml"
    assert un.sniff(path, path.read_bytes()[:4096])
    other = test_data / "lists" / "ofac_xml_small.xml"
    assert not un.sniff(other, other.read_bytes()[:4096])


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Passport; Tunisian passport number L 191609 issued on 28 Feb. 1996", "L 191609"),
        ("National Identification Number; 04643632 issued on 18 Jun. 1999", "04643632"),
        ("National Identification Number; Italian Fiscal Code: DAOMMD74T11Z352Z", "DAOMMD74T11Z352Z"),
        ("National Identification Number; SSN 156-92-9858 (United States of America)", "156-92-9858"),
        ("Passport; issued in 1993, under name Muhammad Jamal", None),
    ],
)
def test_number_in_text(text: str, number: str | None) -> None:
    assert un.number_in_text(text) == number


def test_real_numbers_written_in_the_note(un_parsed: ParsedList) -> None:
    """Documents without NUMBER whose number is in the text are kept (QDi.060 has three)."""
    values = {(i.type, i.value) for i in _by_id(un_parsed)["QDi.060"].identifiers}
    assert {(IdentifierType.PASSPORT, "L 191609"), (IdentifierType.NATIONAL_ID, "04643632")} <= values
    # 466 identity documents, and 21 SWIFT/BIC codes and IMO numbers stated in COMMENTS1 (issue 12).
    assert sum(len(e.identifiers) for e in un_parsed.entities) == 466 + 21
    assert sum(1 for e in un_parsed.entities for i in e.identifiers
               if i.note in ("SWIFT/BIC in comments", "IMO number in comments")) == 21
