"""EU Financial Sanctions Files XML: hand-written fixtures in the published format."""

from __future__ import annotations

import bz2
from pathlib import Path

import pytest
from lxml import etree

from interdict.core.entity import EntityKind, IdentifierType, NameQuality, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import detect, eu, read_head


@pytest.fixture(scope="module")
def sample(test_data: Path) -> Path:
    return test_data / "lists" / "eu" / "eu_fsf_sample.xml"


def test_parses_every_entity_with_publication_date(sample: Path) -> None:
    parsed = eu.parse(sample)
    assert parsed.list == "eu" and parsed.format == "eu_xml"
    assert parsed.published == "2026-11-20"
    assert [e.list_id for e in parsed.entities] == ["EU.27.28", "EU.2616.36", "EU.4205.21", "EU.4620.99"]
    assert len(parsed.sha256) == 64


def test_person_fields(sample: Path) -> None:
    saddam = eu.parse(sample).entities[0]
    assert saddam.kind is EntityKind.PERSON
    assert saddam.primary_name == "Saddam Hussein Al-Tikriti"
    alias = saddam.names[1]
    assert (alias.full, alias.type, alias.quality) == ("Abu Ali", NameType.ALIAS, NameQuality.WEAK)
    assert saddam.birth_dates == ("1937-04-28",)
    assert saddam.birth_places == ("al-Awja, near Tikrit, IRAQ",)
    assert saddam.nationalities == ("iq",)
    assert saddam.programs == ("IRQ",)
    assert saddam.listed_on == "2003-07-08"
    assert saddam.gender == "male"
    assert saddam.remarks == "UNSC RESOLUTION 1483"
    assert ("logicalId", "13") in saddam.extra


def test_un_reference_language_and_script(sample: Path) -> None:
    komid = eu.parse(sample).entities[1]
    assert komid.kind is EntityKind.ORGANIZATION
    assert komid.references == ("un:KPe.001",)
    bulgarian = komid.names[2]
    assert bulgarian.script == "Cyrillic" and bulgarian.lang == "bg"
    assert komid.addresses[0].country == "kp" and komid.addresses[0].city == "Pyongyang"
    ri = eu.parse(sample).entities[3]
    assert ri.names[1].script == "Hangul" and ri.names[1].lang == "ko"
    assert ri.birth_dates == ("1967",)


def test_identifiers_and_low_quality_remark(sample: Path) -> None:
    ftb = eu.parse(sample).entities[2]
    assert [(i.type, i.value, i.country) for i in ftb.identifiers] == [(IdentifierType.BIC, "FTBDKPPY", "kp")]
    assert ftb.names[1].quality is NameQuality.WEAK  # strong="true" but the remark says low quality
    passport = eu.parse(sample).entities[3].identifiers[0]
    assert (passport.type, passport.value, passport.note) == (
        IdentifierType.PASSPORT, "PX0000001", "National passport")


def test_un_references_point_at_real_un_entries(sample: Path, shared_data: Path) -> None:
    un_refs = {
        el.text for el in etree.parse(str(shared_data / "lists/un/consolidated.xml")).iter("REFERENCE_NUMBER")
    }
    cited = {r.removeprefix("un:") for e in eu.parse(sample).entities for r in e.references}
    assert cited and cited <= un_refs


def test_registry_detects_eu_and_reads_bz2(sample: Path, tmp_path: Path) -> None:
    assert detect(sample) is eu
    packed = tmp_path / "eu.xml.bz2"
    packed.write_bytes(bz2.compress(sample.read_bytes()))
    assert eu.sniff(packed, read_head(packed))
    assert [e.list_id for e in eu.parse(packed).entities] == [e.list_id for e in eu.parse(sample).entities]


@pytest.mark.parametrize("name", ["eu_fsf_truncated.xml", "eu_fsf_malformed.xml"])
def test_broken_files_raise_with_line(test_data: Path, name: str) -> None:
    path = test_data / "lists" / "eu" / name
    with pytest.raises(ListFormatError) as err:
        eu.parse(path)
    assert err.value.source == str(path)
    assert err.value.location and err.value.location.startswith("line ")


def test_entity_without_names_or_ids_is_rejected(sample: Path, tmp_path: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    nameless = tmp_path / "nameless.xml"
    nameless.write_text(text.replace('wholeName="Mooyokbank"', 'wholeName=""').replace(
        'wholeName="Foreign Trade Bank (FTB)"', 'wholeName=""'), encoding="utf-8")
    with pytest.raises(ListFormatError, match="nameAlias") as err:
        eu.parse(nameless)
    assert "EU.4205.21" in str(err.value.location)
    duplicate = tmp_path / "duplicate.xml"
    duplicate.write_text(text.replace('"EU.2616.36"', '"EU.27.28"'), encoding="utf-8")
    with pytest.raises(ListFormatError, match="unique euReferenceNumber"):
        eu.parse(duplicate)


def test_wrong_root_is_rejected(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>", encoding="utf-8")
    assert not eu.sniff(other, read_head(other))
    with pytest.raises(ListFormatError, match="root element <export>"):
        eu.parse(other)


def test_entry_without_reference_number_uses_logical_id(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "no_ref.xml"
    path.write_text(sample.read_text(encoding="utf-8").replace(' euReferenceNumber="EU.27.28"', ""), "utf-8")
    first = eu.parse(path).entities[0]
    assert first.list_id == "logical:13" and first.primary_name == "Saddam Hussein Al-Tikriti"
