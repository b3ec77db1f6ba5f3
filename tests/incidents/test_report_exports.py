"""The report page (self-contained, charts inline) and the STIX 2.1 / FollowTheMoney exports,
checked for structure the way the case exports are (tests/cases/test_exports.py), plus every
reference resolving inside the bundle."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from followthemoney import model
from lxml import etree
from lxml import html as lxml_html

from interdict.cases.exports.stix import _id
from tests.incidents.conftest import run

SAMPLE = Path(__file__).resolve().parents[2] / "interdict" / "data" / "lists" / "ofac_sdn_sample.xml"
# STIX 2.1 required properties (spec section 4) and the relationships the spec defines between them
REQUIRED = {
    "identity": {"name"}, "threat-actor": {"name"}, "campaign": {"name"},
    "indicator": {"pattern", "pattern_type", "valid_from"},
    "relationship": {"relationship_type", "source_ref", "target_ref"},
    "report": {"name", "published", "object_refs"},
}
ALLOWED = {("indicator", "indicates", "campaign"), ("campaign", "attributed-to", "threat-actor")}


def _ledger(home: Path, test_data: Path, incident_data: Path, scenarios: Path) -> None:
    assert run("lists", "load", str(SAMPLE))[0] == 0
    for path in (test_data / "tracing" / "hand_utxo", test_data / "tracing" / "hand_tags.yaml"):
        assert run("trace", "load", str(path))[0] == 0
    for path in (incident_data / "hand_ledger.csv", scenarios):
        assert run("incidents", "load", str(path))[0] == 0
    assert run("incidents", "trace", "h1", "--policy", "poison")[0] == 0


def test_report_page(interdict_home: Path, test_data: Path, incident_data: Path, scenarios: Path,
                     tmp_path: Path) -> None:
    _ledger(interdict_home, test_data, incident_data, scenarios)
    out = tmp_path / "report.html"
    code, _, err = run("incidents", "report", "--out", str(out))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page)
    assert len(doc.xpath("//svg")) == 2  # both charts inline
    assert not doc.xpath("//script | //link | //*[@src]")  # nothing fetched from anywhere
    svg_text = " ".join(doc.xpath("//svg//text()"))
    assert "Lazarus Group" in svg_text and "exchange" in svg_text and "2025Q1" in svg_text
    incidents = doc.xpath("//table[@class='inc']//tr[td]")
    assert len(incidents) == 12  # 5 hand-made + 7 scenarios
    assert doc.xpath("//a[@href='https://www.dojupdate.com/2018/09/north-korean-regime-backed-programmer-"
                     "charged-in-conspiracy-to-conduct-multiple-cyberattacks-and-intrusions/']")
    by_actor = {r.xpath("td[1]/text()")[0]: [c.text_content() for c in r.xpath("td")]
                for r in doc.xpath("//h2[.='By actor']/following-sibling::table[1]//tr[td]")}
    assert by_actor["Andariel"][1:4] == ["1", "5 ETH", "300 (1 of 1)"]
    assert by_actor["total"][1] == "12"
    # only part of the ledger: dates
    code, _, _ = run("incidents", "report", "--out", str(out), "--from", "2024-01-01",
                     "--svg-dir", str(tmp_path / "charts"))
    assert code == 0
    for name in ("stolen-per-quarter", "where-funds-went"):  # the charts also as SVG files
        assert etree.parse(str(tmp_path / "charts" / f"{name}.svg")).getroot().tag.endswith("svg")
    later = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    assert len(later.xpath("//table[@class='inc']//tr[td]")) == 3


def _bundle() -> dict[str, Any]:
    code, out, err = run("incidents", "export", "--format", "stix")
    assert code == 0, err
    return dict(json.loads(out))


def test_stix_bundle_structure(interdict_home: Path, test_data: Path, incident_data: Path,
                               scenarios: Path) -> None:
    _ledger(interdict_home, test_data, incident_data, scenarios)
    bundle = _bundle()
    assert bundle["type"] == "bundle" and re.fullmatch(r"bundle--[0-9a-f-]{36}", bundle["id"])
    by_id = {o["id"]: o for o in bundle["objects"]}
    assert len(by_id) == len(bundle["objects"])  # ids unique
    for obj in bundle["objects"]:
        assert re.fullmatch(rf"{obj['type']}--[0-9a-f-]{{36}}", obj["id"])
        assert obj["spec_version"] == "2.1"
        assert REQUIRED[obj["type"]] <= set(obj), obj["type"]
        for key, value in obj.items():
            refs = value if key.endswith("_refs") else [value] if key.endswith("_ref") else []
            assert all(r in by_id for r in refs), (obj["id"], key)
        if obj["type"] == "relationship":
            source, target = by_id[obj["source_ref"]], by_id[obj["target_ref"]]
            kinds = (source["type"], obj["relationship_type"], target["type"])
            assert kinds in ALLOWED
    types = [o["type"] for o in bundle["objects"]]
    assert types.count("campaign") == 12
    # the listed Lazarus Group is the same threat actor a case export writes for that entry
    actors = {o["name"]: o for o in bundle["objects"] if o["type"] == "threat-actor"}
    lazarus = next(o for n, o in actors.items() if n.upper() == "LAZARUS GROUP")
    list_id = lazarus["description"].split("(")[1].split(")")[0]  # "Listed on ofac_sdn (27307); ..."
    assert lazarus["id"] == _id("threat-actor", f"ofac_sdn:{list_id}")
    wannacry = _id("campaign", "wannacry_2017")
    attributed = {by_id[o["target_ref"]]["name"].upper() for o in bundle["objects"]
                  if o["type"] == "relationship" and o["source_ref"] == wannacry}
    assert attributed == {"LAZARUS GROUP", "PARK, JIN HYOK"}  # as the list writes the names
    indicator = by_id[_id("indicator", "115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn")]
    assert indicator["pattern"] == "[x-crypto-wallet:address = '115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn']"
    assert any(o["type"] == "relationship" and o["source_ref"] == indicator["id"]
               and o["target_ref"] == wannacry for o in bundle["objects"])
    report = next(o for o in bundle["objects"] if o["type"] == "report")
    assert set(report["object_refs"]) == set(by_id) - {report["id"], _id("identity", "Interdict")}


def test_ftm_entities(interdict_home: Path, test_data: Path, incident_data: Path, scenarios: Path) -> None:
    _ledger(interdict_home, test_data, incident_data, scenarios)
    code, out, err = run("incidents", "export", "--format", "ftm")
    assert code == 0, err
    entities = [json.loads(line) for line in out.splitlines()]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)  # raises on an unknown schema or property
        assert proxy.schema.name == data["schema"]
    events = {e["id"]: e for e in entities if e["schema"] == "Event"}
    assert len(events) == 12
    for event in events.values():
        assert set(event["properties"].get("involved", [])) <= ids
    wannacry = events["interdict-incident-wannacry_2017"]["properties"]
    listed = {e["id"]: e for e in entities if e["id"] in wannacry["involved"]}
    assert {e["schema"] for e in listed.values()} == {"Organization", "Person"}
    assert all(e["id"].startswith("ofac-sdn-") for e in listed.values())  # the list exporter's ids
    wallet = next(e for e in entities if e["schema"] == "CryptoWallet"
                  and e["properties"]["publicKey"] == ["12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw"])
    assert wallet["properties"]["holder"][0] in listed
    keys = [k.lower() if k.lower().startswith("0x") else k for e in entities if e["schema"] == "CryptoWallet"
            for k in e["properties"]["publicKey"]]
    assert len(keys) == len(set(keys))  # a wallet both listed and named by an incident is written once
    # ...as the list gives it, with the incident's role added
    assert any(e["schema"] == "CryptoWallet" and e["id"].startswith("ofac-sdn-")
               and any(" address of incident " in s for s in e["properties"].get("summary", []))
               for e in entities)
    code, _, err = run("incidents", "export", "--format", "pdf")
    assert code == 2 and "stix, ftm" in err


def test_the_quarter_axis_keeps_quiet_quarters() -> None:
    """A year without incidents shows as empty bars, not as two distant quarters drawn side by side."""
    from interdict.incidents.charts import quarter_range

    assert quarter_range({"2017Q2", "2018Q1"}) == ["2017Q2", "2017Q3", "2017Q4", "2018Q1"]
    assert quarter_range({"2020Q4"}) == ["2020Q4"]
    assert quarter_range({"2021Q1", "undated"}) == ["2021Q1", "undated"]
    assert quarter_range(set()) == []
