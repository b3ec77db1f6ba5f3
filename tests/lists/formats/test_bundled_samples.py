"""The sample lists shipped in interdict/data/lists parse with the real readers and stay faithful."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core import config
from interdict.core.entity import IdentifierType
from interdict.lists import formats

SAMPLES = config.bundled_data_dir() / "lists"


@pytest.mark.parametrize(
    ("name", "fmt", "count"),
    [("un_consolidated_sample.xml", "un_xml", 8), ("ofac_sdn_sample.xml", "ofac_xml", 6),
     ("eu_fsf_sample.xml", "eu_xml", 4), ("uk_sanctions_list_sample.xml", "uk_fcdo_xml", 4)],
)
def test_each_sample_parses(name: str, fmt: str, count: int) -> None:
    parsed = formats.parse_list(SAMPLES / name)
    assert parsed.format == fmt and len(parsed.entities) == count and parsed.published


def test_un_sample_equals_the_real_list(shared_data: Path) -> None:
    sample = formats.parse_list(SAMPLES / "un_consolidated_sample.xml")
    real = {e.list_id: e for e in formats.parse_list(shared_data / "lists/un/consolidated.xml").entities}
    for entity in sample.entities:
        assert entity == real[entity.list_id]


def test_ofac_sample_has_the_demo_identifiers() -> None:
    by_id = {e.list_id: e for e in formats.parse_list(SAMPLES / "ofac_sdn_sample.xml").entities}
    park = by_id["24918"]
    assert {"PAK, Jin Hek", "PAK, Jin Hyok"} <= {n.full for n in park.names}
    assert park.birth_dates[0] == "1984-08-15"
    idents = {(i.type, i.value) for e in by_id.values() for i in e.identifiers}
    assert (IdentifierType.BIC, "KDBKKPPY") in idents
    assert (IdentifierType.IMO, "7937317") in idents
    assert (IdentifierType.CRYPTO, "134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak") in idents


def test_eu_and_uk_samples_cite_un_entries_in_the_un_sample() -> None:
    un_ids = {e.list_id for e in formats.parse_list(SAMPLES / "un_consolidated_sample.xml").entities}
    for name in ("eu_fsf_sample.xml", "uk_sanctions_list_sample.xml"):
        entities = formats.parse_list(SAMPLES / name).entities
        cited = {r.removeprefix("un:") for e in entities for r in e.references}
        assert cited == {"KPe.001", "KPe.047"} and cited <= un_ids
