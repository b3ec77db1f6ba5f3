"""OFAC entries that cite a UN reference number in their remarks link to the UN entry."""

from __future__ import annotations

import shutil
from pathlib import Path

from interdict.lists.formats import ofac_advanced, ofac_csv, ofac_xml, un
from interdict.lists.formats.ofac_common import un_references
from interdict.lists.parsed import ParsedList
from interdict.lists.subjects import link_subjects


def test_un_reference_numbers_in_text() -> None:
    text = "UN Ref KPi.033; alt. QDe.004. Named in UNSCR 1483; ref ABi.0331, x.KPi.066, TAi.155b"
    assert un_references(text, None, "also KPi.033") == ("un:KPi.033", "un:QDe.004")
    assert un_references("Secondary sanctions risk: North Korea Sanctions Regulations") == ()


def test_advanced_remarks_cite_the_un_and_link(test_data: Path, tmp_path: Path) -> None:
    source = (test_data / "lists" / "ofac_advanced_small.xml").read_text("utf-8")
    party = '<DistinctParty FixedRef="24918">\n      <Comment />'
    assert party in source
    path = tmp_path / "sdn_advanced.xml"
    path.write_text(source.replace(party, party.replace("<Comment />", "<Comment>UN Ref KPi.033</Comment>")))
    park = next(e for e in ofac_advanced.parse(path).entities if e.list_id == "24918")
    assert park.references == ("un:KPi.033",)
    subjects = link_subjects([park, *un.parse(test_data / "lists" / "un_small.xml").entities])
    assert subjects.members["ofac_sdn:24918"] == subjects.members["un:KPi.033"] == "un:KPi.033"
    assert [(link.evidence, link.value) for link in subjects.links] == [("reference", "un:KPi.033")]


def test_csv_and_classic_xml_remarks_cite_the_un(test_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(test_data / "lists" / "ofac_csv_small", folder)
    sdn = folder / "sdn.csv"
    data = sdn.read_bytes()  # bytes, so that the CRLF line ends and the final 0x1A stay as OFAC writes them
    assert b"Linked To: CHOSUN EXPO." in data
    sdn.write_bytes(data.replace(b"Linked To: CHOSUN EXPO.", b"Linked To: CHOSUN EXPO; UN Ref KPi.033."))
    by_id = {e.list_id: e for e in ofac_csv.parse(folder).entities}
    assert by_id["24918"].references == ("un:KPi.033",)
    assert by_id["12312"].references == ()
    source = (test_data / "lists" / "ofac_xml_small.xml").read_text("utf-8")
    path = tmp_path / "consolidated.xml"
    remarks = "<uid>15268</uid><remarks>UN Ref KPe.001</remarks>"
    path.write_text(source.replace("<uid>15268</uid>", remarks, 1))
    bank = next(e for e in ofac_xml.parse(path).entities if e.list_id == "15268")
    assert bank.references == ("un:KPe.001",)


def test_real_ofac_advanced_list_cites_no_un_reference(ofac_sdn_parsed: ParsedList) -> None:
    # Measured: the 2025-11 SDN advanced XML has 507 entries with remarks and 33k feature and
    # measure facts, and none of them cites a UN reference number: the link stays dormant on it.
    with_remarks = [e for e in ofac_sdn_parsed.entities if e.remarks]
    assert len(with_remarks) == 507
    assert [r for e in ofac_sdn_parsed.entities for r in e.references] == []
