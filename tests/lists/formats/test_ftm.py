"""FollowTheMoney JSON lines: import the OpenSanctions fixtures, export, and round-trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from followthemoney import model

from interdict.core.entity import Entity, EntityKind, IdentifierType
from interdict.core.errors import ListFormatError
from interdict.core.store import connect
from interdict.lists.formats import detect, eu, ftm, internal
from interdict.lists.parsed import ParsedList
from interdict.lists.store import ListStore


@pytest.fixture(scope="module")
def zala(shared_data: Path) -> ParsedList:
    return ftm.parse(shared_data / "lists/opensanctions/zala/entities.ftm.json")


def _write(entities: tuple[Entity, ...], path: Path) -> Path:
    path.write_text("".join(line + "\n" for line in ftm.export_lines(entities)), encoding="utf-8")
    return path


def _facts(entity: Entity) -> tuple[object, ...]:
    return (
        entity.list_id, entity.kind, [n.full for n in entity.names],
        sorted((i.type.value, i.value, i.country or "", i.currency or "") for i in entity.identifiers),
        entity.birth_dates, entity.nationalities, entity.programs, entity.listed_on, entity.references,
    )


def test_imports_targets_with_sanctions_and_documents(zala: ParsedList, shared_data: Path) -> None:
    # Mixed datasets: the collection is named by its folder, as OpenSanctions lays out its exports.
    assert (zala.list, zala.format, zala.published) == ("opensanctions_zala", "ftm_json", "2026-04-29")
    assert {e.list for e in zala.entities} == {"opensanctions_zala"}
    lines = (shared_data / "lists/opensanctions/zala/entities.ftm.json").read_text("utf-8").splitlines()
    targets = [json.loads(li) for li in lines]
    expected = {d["id"] for d in targets if d["schema"] in ("Person", "Company") and d.get("target")}
    assert {e.list_id for e in zala.entities} == expected
    cst = next(e for e in zala.entities if e.list_id == "NK-abdzbEBkqyT29GyREbiURZ")
    assert cst.kind is EntityKind.ORGANIZATION
    assert {"EU-UKR", "GB-RUS", "SECO-UKRAINE"} <= set(cst.programs)
    assert cst.listed_on == "2021-10-30" and len(cst.addresses) == 10
    assert ("dataset", "eu_fsf") in cst.extra or ("dataset", "us_ofac_sdn") in cst.extra
    lavrentii = next(e for e in zala.entities if e.list_id == "NK-hUAjuiA3vTKXF6v2X6MYnS")
    assert (IdentifierType.PASSPORT, "089132114") in {(i.type, i.value) for i in lavrentii.identifiers}


def test_round_trip_keeps_names_ids_identifiers(zala: ParsedList, tmp_path: Path) -> None:
    again = ftm.parse(_write(zala.entities, tmp_path / "export.ftm.json"))
    assert [_facts(e) for e in again.entities] == [_facts(e) for e in zala.entities]


def test_export_is_valid_ftm(test_data: Path, tmp_path: Path) -> None:
    parsed = eu.parse(test_data / "lists/eu/eu_fsf_sample.xml")
    exported = list(ftm.export_ftm(parsed.entities))
    for data in exported:
        proxy = model.get_proxy(data, cleaned=False)  # re-validates every value
        assert proxy.id and proxy.schema.name
    subjects = [d for d in exported if d["target"]]
    assert [d["id"] for d in subjects] == ["eu-EU.27.28", "eu-EU.2616.36", "eu-EU.4205.21", "eu-EU.4620.99"]
    ftb = next(d for d in subjects if d["id"] == "eu-EU.4205.21")
    assert ftb["properties"]["swiftBic"] == ["FTBDKPPY"] and ftb["properties"]["weakAlias"] == ["Mooyokbank"]
    sanctions = [d for d in exported if d["schema"] == "Sanction"]
    sanction = next(d for d in sanctions if d["properties"]["entity"] == [ftb["id"]])
    assert sanction["properties"]["unscId"] == ["KPe.047"]
    again = ftm.parse(_write(parsed.entities, tmp_path / "eu.ftm.json"))
    komid = next(e for e in again.entities if e.list_id == "eu-EU.2616.36")
    assert komid.references == ("un:KPe.001",) and komid.programs == ("PRK",)
    ri = next(e for e in again.entities if e.list_id == "eu-EU.4620.99")
    assert [(i.type, i.value, i.country) for i in ri.identifiers] == [
        (IdentifierType.PASSPORT, "PX0000001", "kp")]


def test_crypto_and_other_identifiers_survive(test_data: Path, tmp_path: Path) -> None:
    parsed = internal.parse(test_data / "lists/internal/watchlist.csv")
    again = ftm.parse(_write(parsed.entities, tmp_path / "internal.ftm.json"))
    by_id = {e.list_id: e for e in again.entities}
    hanseong = by_id["internal-INT-0002"]
    assert {(i.type, i.currency) for i in hanseong.identifiers} == {
        (IdentifierType.BIC, None), (IdentifierType.CRYPTO, "ETH")}
    assert [i.type for i in by_id["internal-INT-0003"].identifiers] == [IdentifierType.IMO]


def test_detects_ftm_not_internal(shared_data: Path) -> None:
    assert detect(shared_data / "lists/opensanctions/t1/entities.ftm.json") is ftm


def test_bad_lines_raise(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"id": "a", "schema": "Person", "properties": {}}\n{"id": "b", "sch', "utf-8")
    with pytest.raises(ListFormatError) as err:
        ftm.parse(bad_json)
    assert err.value.location == "line 2"
    bad_schema = tmp_path / "schema.json"
    bad_schema.write_text('{"id": "a", "schema": "Spaceship", "properties": {}}\n', "utf-8")
    with pytest.raises(ListFormatError, match="FollowTheMoney entity"):
        ftm.parse(bad_schema)


def test_two_exports_are_two_lists_in_the_store(zala: ParsedList, shared_data: Path) -> None:
    t1 = ftm.parse(shared_data / "lists/opensanctions/t1/entities.ftm.json")
    assert t1.list == "opensanctions_eu_fsf"  # every entity of t1 is in the one dataset eu_fsf
    store = ListStore(connect(":memory:"))
    store.load(zala)
    store.load(t1)
    versions = {(v.list, v.version, v.active, v.entities) for v in store.versions()}
    assert versions == {("opensanctions_zala", 1, True, len(zala.entities)),
                        ("opensanctions_eu_fsf", 1, True, len(t1.entities))}
    active = {e.list_id for e in store.active_entities()}
    assert active == {e.list_id for e in zala.entities} | {e.list_id for e in t1.entities}


def test_list_name_rule(tmp_path: Path) -> None:
    line = '{"id": "p1", "schema": "Person", "properties": {"name": ["A B"]}, "datasets": %s}\n'
    one = tmp_path / "us-ofac" / "entities.ftm.json"
    one.parent.mkdir()
    one.write_text(line % '["us_ofac_sdn"]' + line.replace("p1", "p2") % '["us_ofac_sdn"]', "utf-8")
    assert ftm.parse(one).list == "opensanctions_us_ofac_sdn"
    mixed = tmp_path / "Sanctions 2026.ftm.json"
    mixed.write_text(line % '["us_ofac_sdn"]' + line.replace("p1", "p2") % '["eu_fsf"]', "utf-8")
    assert ftm.parse(mixed).list == "opensanctions_sanctions_2026"
    # A round trip keeps the FtM ids of FtM-born entries whatever their list is called.
    assert [d["id"] for d in ftm.export_ftm(ftm.parse(mixed).entities) if d["target"]] == ["p1", "p2"]
