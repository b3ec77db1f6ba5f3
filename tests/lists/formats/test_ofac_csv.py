"""OFAC legacy CSV set parser: the real 2021-07 set and hand-written cp1252 fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interdict.core.entity import Entity, EntityKind, IdentifierType, NameQuality, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import ofac_csv
from interdict.lists.formats.ofac_remarks import birth_dates, parse_remarks
from interdict.lists.parsed import ParsedList


@pytest.fixture(scope="module")
def csv_parsed(shared_data: Path) -> ParsedList:
    """The real 2021-07 CSV set, parsed once for this module."""
    return ofac_csv.parse(shared_data / "lists" / "ofac" / "sdn_csv_2021-07")


def _by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {e.list_id: e for e in parsed.entities}


def test_real_counts(csv_parsed: ParsedList) -> None:
    assert (csv_parsed.list, csv_parsed.format, csv_parsed.published) == ("ofac_sdn", "ofac_csv", None)
    assert len(csv_parsed.entities) == 8976
    kinds = [e.kind for e in csv_parsed.entities]
    assert (
        kinds.count(EntityKind.PERSON),
        kinds.count(EntityKind.ORGANIZATION),
        kinds.count(EntityKind.VESSEL),
        kinds.count(EntityKind.AIRCRAFT),
    ) == (4620, 3673, 406, 277)
    dprk = [e for e in csv_parsed.entities if any(p.startswith("DPRK") for p in e.programs)]
    assert len(dprk) == 414


def test_real_park_jin_hyok_and_lazarus(csv_parsed: ParsedList) -> None:
    entries = _by_id(csv_parsed)
    park = entries["24918"]
    assert park.primary_name == "PARK, Jin Hyok" and park.programs == ("DPRK3",)
    assert {"PAK, Jin Hek", "KIM, Hyon Woo", "HENNY, Watson"} <= {n.full for n in park.names}
    assert park.birth_dates == ("1984-08-15", "1984-10-18") and park.gender == "male"
    assert [(i.type, i.value, i.country) for i in park.identifiers] == [
        (IdentifierType.PASSPORT, "290333974", "kp")
    ]
    lazarus = entries["27307"]
    assert lazarus.primary_name == "LAZARUS GROUP"
    weak = {n.full for n in lazarus.names if n.quality is NameQuality.WEAK}
    assert {"HIDDEN COBRA", "GUARDIANS OF PEACE"} <= weak
    linked = [e for e in csv_parsed.entities if ("Linked To", "LAZARUS GROUP") in e.extra]
    assert len(linked) >= 2


def test_real_crypto_bic_vessel_and_comments(csv_parsed: ParsedList) -> None:
    entries = _by_id(csv_parsed)
    crypto = [i for e in csv_parsed.entities for i in e.identifiers if i.type is IdentifierType.CRYPTO]
    # Counted by hand with grep over sdn.csv + sdn_comments.csv (PROVENANCE counts rows, not addresses).
    assert sum(i.currency == "XBT" for i in crypto) == 65 and sum(i.currency == "ETH" for i in crypto) == 10
    assert [(i.type, i.value) for i in entries["12312"].identifiers] == [(IdentifierType.BIC, "KDBKKPPY")]
    bics = sum(1 for e in csv_parsed.entities if any(i.type is IdentifierType.BIC for i in e.identifiers))
    assert bics == 77
    artavil = entries["15036"]
    assert {(i.type, i.value) for i in artavil.identifiers} >= {
        (IdentifierType.IMO, "9187629"),
        (IdentifierType.CALL_SIGN, "T2EU4"),
    }
    assert ("Vess_flag", "Iran") in artavil.extra
    # sdn_comments.csv continues the Remarks of ent_num 28264 mid-word.
    assert entries["28264"].remarks is not None and "Phone Number 8613314257947" in entries["28264"].remarks


def test_fixture_quirks(test_data: Path) -> None:
    raw = (test_data / "lists" / "ofac_csv_small" / "sdn.csv").read_bytes()
    # The fixture keeps OFAC's quirks: CRLF, the final 0x1A, cp1252 bytes, "-0- " nulls.
    assert raw.endswith(b"\r\n\x1a") and b"JOS\xc9" in raw and b"-0- ," in raw
    parsed = ofac_csv.parse(test_data / "lists" / "ofac_csv_small")
    entries = _by_id(parsed)
    assert list(entries) == ["24918", "12312", "25308", "15036", "7001"]
    park = entries["24918"]
    assert park.programs == ("CYBER2", "DPRK3") and park.nationalities == ("kp",)
    assert park.identifiers[0].note == "Passport; expires 26 Nov 2020"
    assert ("Linked To", "CHOSUN EXPO") in park.extra and park.addresses == ()
    yan = entries["25308"]
    assert yan.birth_dates == ("1977",) and yan.names[1].full == "ZHOU, William"
    assert (IdentifierType.REGISTRATION, "7346 2556 0365") in {(i.type, i.value) for i in yan.identifiers}
    assert [i.currency for i in yan.identifiers if i.type is IdentifierType.CRYPTO] == ["XBT", "XBT"]
    assert entries["15036"].names[1].type is NameType.FORMER
    assert entries["7001"].primary_name == "JOSÉ GARCÍA, María"  # cp1252 decoded
    assert entries["7001"].birth_dates == ("1960", "1961", "1962")
    assert entries["12312"].addresses[0].country == "kp"
    assert ofac_csv.parse(test_data / "lists" / "ofac_csv_small" / "sdn.csv").entities == parsed.entities


def test_partial_folder_names_missing_file(shared_data: Path) -> None:
    folder = shared_data / "lists" / "ofac" / "partial_2025-12"
    with pytest.raises(ListFormatError, match=r"missing sdn\.csv") as info:
        ofac_csv.parse(folder)
    assert info.value.source.endswith("sdn.csv")


def _copy(test_data: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "set"
    shutil.copytree(test_data / "lists" / "ofac_csv_small", folder)
    return folder


def test_truncated_sdn_raises(test_data: Path, tmp_path: Path) -> None:
    folder = _copy(test_data, tmp_path)
    data = (folder / "sdn.csv").read_bytes()
    (folder / "sdn.csv").write_bytes(data[: len(data) * 6 // 10])
    with pytest.raises(ListFormatError, match="truncated") as info:
        ofac_csv.parse(folder)
    assert info.value.location == "line 3"


def test_bad_row_raises_with_line(test_data: Path, tmp_path: Path) -> None:
    folder = _copy(test_data, tmp_path)
    rows = (folder / "alt.csv").read_bytes().split(b"\r\n")
    rows[1] = b'24918,39348,"aka"'
    (folder / "alt.csv").write_bytes(b"\r\n".join(rows))
    with pytest.raises(ListFormatError, match="expected 5 comma-separated fields") as info:
        ofac_csv.parse(folder)
    assert info.value.location == "line 2" and info.value.source.endswith("alt.csv")


def test_wrong_file_is_rejected(test_data: Path, tmp_path: Path) -> None:
    folder = _copy(test_data, tmp_path)
    shutil.copy(test_data / "lists" / "un_small.xml", folder / "sdn.csv")
    with pytest.raises(ListFormatError, match="numeric ent_num"):
        ofac_csv.parse(folder)


def test_sniff(test_data: Path, shared_data: Path) -> None:
    folder = test_data / "lists" / "ofac_csv_small"
    assert ofac_csv.sniff(folder, b"")
    assert ofac_csv.sniff(folder / "sdn.csv", (folder / "sdn.csv").read_bytes()[:4096])
    assert not ofac_csv.sniff(test_data / "lists" / "un_small.xml", b"<?xml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Aug 1984", ["1984-08-15"]),
        ("circa 1951", ["1951"]),
        ("Sep 1938", ["1938-09"]),
        ("1951 to 1953", ["1951", "1952", "1953"]),
        ("1900 to 1990", ["1900", "1990"]),
        ("unknown", []),
    ],
)
def test_birth_dates(text: str, expected: list[str]) -> None:
    assert birth_dates(text) == expected


def test_remarks_items() -> None:
    facts = parse_remarks(
        "DOB 1960; alt. POB Kabul, Afghanistan; alt. nationality Iran; "
        "Diplomatic Passport D123 (Iran) issued 01 Jan 2010; Website www.x.ir; "
        "alt. Digital Currency Address - ETH 0xabc; n.k.a. 'NEW NAME'; Tribe Noorzai."
    )
    assert facts.birth_dates == ["1960"] and facts.birth_places == ["Kabul, Afghanistan"]
    assert facts.nationalities == ["ir"]
    assert [(i.type, i.value, i.country) for i in facts.identifiers] == [
        (IdentifierType.PASSPORT, "D123", "ir"),
        (IdentifierType.WEBSITE, "www.x.ir", None),
        (IdentifierType.CRYPTO, "0xabc", None),
    ]
    assert facts.names[0].type is NameType.NEW and facts.names[0].quality is NameQuality.WEAK


def test_ent_num_is_the_advanced_fixed_ref(csv_parsed: ParsedList, ofac_sdn_parsed: ParsedList) -> None:
    """The CSV ent_num and the advanced XML DistinctParty FixedRef are the same id for the same entry."""
    adv = _by_id(ofac_sdn_parsed)
    csv = _by_id(csv_parsed)
    common = adv.keys() & csv.keys()

    def norm(name: str) -> list[str]:
        return sorted(name.replace(",", " ").upper().split())

    same = [k for k in common if norm(adv[k].primary_name) == norm(csv[k].primary_name)]
    assert len(common) > 7000 and len(same) / len(common) > 0.98  # the rest were renamed since 2021
    assert {"24918", "27307", "12312"} <= set(same)


def test_side_files_of_another_date_are_rejected(test_data: Path, shared_data: Path, tmp_path: Path) -> None:
    """The 2025-12 alt.csv next to a 2021 sdn.csv: its new ent_nums cannot be joined."""
    folder = _copy(test_data, tmp_path)
    shutil.copy(shared_data / "lists" / "ofac" / "partial_2025-12" / "alt.csv", folder / "alt.csv")
    with pytest.raises(ListFormatError, match=r"is not in sdn\.csv") as info:
        ofac_csv.parse(folder)
    assert info.value.source.endswith("alt.csv") and info.value.location == "line 1"


def test_not_windows_1252_is_rejected(test_data: Path, tmp_path: Path) -> None:
    folder = _copy(test_data, tmp_path)
    (folder / "add.csv").write_bytes(b'24918,1,"a","b","c",-0- \r\n12312,2,"\x81",-0- ,-0- ,-0- \r\n\x1a')
    with pytest.raises(ListFormatError, match="Windows-1252") as info:
        ofac_csv.parse(folder)
    assert info.value.location == "line 2"
