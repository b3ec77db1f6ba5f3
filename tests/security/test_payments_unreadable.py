"""Issue 11 §1: a message that cannot be read is held with its reason and the others are decided
(a DTD entity used to make the XSD validator raise and stop the whole batch)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from interdict.cli import app
from interdict.payments.iso20022 import SchemaSet, validate
from interdict.payments.reader import read_bytes
from tests.security.messages import pacs008

WATCHLIST = Path(__file__).resolve().parents[1] / "data" / "payments" / "watchlist.csv"
INTERNAL = '<!DOCTYPE Envelope [<!ENTITY x "VIKTOR PETROVSKY EXAMPLE">]>\n'
EXTERNAL = '<!DOCTYPE Envelope [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'


@pytest.mark.parametrize("doctype", [INTERNAL, EXTERNAL], ids=["internal", "external"])
def test_a_folder_with_one_dtd_entity_message_decides_the_others(
    interdict_home: Path, tmp_path: Path, doctype: str
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["lists", "load", str(WATCHLIST)]).exit_code == 0
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(1, 4):
        (folder / f"good-{n}.xml").write_bytes(pacs008(f"GOOD-{n}"))
    (folder / "entity.xml").write_bytes(pacs008("ENTITY", doctype=doctype, entity_name=True))

    result = runner.invoke(app, ["payments", "screen", str(folder), "--json"])
    lines = {Path(x["source"]).name: x for x in map(json.loads, result.stdout.splitlines())}
    assert result.exit_code == 1, result.output  # one held (not 2: not an input error)
    assert sorted(lines) == ["entity.xml", "good-1.xml", "good-2.xml", "good-3.xml"]
    assert all(lines[f"good-{n}.xml"]["decision"] == "release" for n in range(1, 4))
    bad = lines["entity.xml"]
    assert bad["decision"] == "hold"
    assert any("a DTD (<!DOCTYPE ...>) is not allowed" in r["message"] for r in bad["reasons"])


def test_a_validator_failure_is_an_error_not_an_exception() -> None:
    # Even where a DTD got past the reader, an entity the validator cannot handle is a held error.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(pacs008("RAW", doctype=INTERNAL, entity_name=True), parser)
    doc = next(root.iter("{*}Document"))
    xsd = Path(__file__).resolve().parents[2] / "interdict/payments/data/xsd"
    found = validate(doc, SchemaSet(xsd), "raw.xml")
    assert found and all(str(e).startswith("raw.xml") for e in found)


def test_the_reader_never_raises_on_content() -> None:
    # Bytes that start like XML but break lxml in unexpected ways still give one held item.
    items = list(read_bytes(b"<" + b"\x00" * 64, "nul.xml"))
    assert len(items) == 1 and items[0].payment is None and items[0].errors
