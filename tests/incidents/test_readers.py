"""Incident files: the shared DPRK scenarios as the first real input, the CSV form, and bad input
named by file and place."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from interdict.incidents.actors import mentions
from interdict.incidents.readers import IncidentFormatError, read_incidents, read_incidents_text
from interdict.tracing.tags import TagIndex


def test_shared_scenarios_read(scenarios: Path) -> None:
    found = {i.id: i for i in read_incidents(scenarios)}
    assert list(found) == ["wannacry_2017", "ofac_tian_li_2020", "ronin_2022", "harmony_horizon_2022",
                           "atomic_wallet_2023", "alphapo_coinspaid_2023", "bybit_2025"]
    ronin = found["ronin_2022"]
    assert ronin.amount is not None and (ronin.amount.value, ronin.amount.unit) == (Decimal(173600), "ETH")
    assert [(a.value, a.unit) for a in ronin.amount_extra] == [(Decimal("25500000.0"), "USDC")]
    assert ronin.amount_usd is None  # "~$600-625M" is in the notes, not a sourced figure
    assert found["bybit_2025"].amount is not None
    assert str(found["bybit_2025"].amount.value) == "401346.77"  # exact, no float noise
    harmony = found["harmony_horizon_2022"]
    assert harmony.amount_usd == Decimal(100000000) and harmony.amount_usd_source
    assert [a.name for a in found["wannacry_2017"].actors] == ["Lazarus Group", "Park Jin Hyok"]
    assert [a.name for a in found["ofac_tian_li_2020"].actors] == ["Tian Yinyin", "Li Jiadong"]
    bybit = found["bybit_2025"]
    assert [(a.name, a.mention) for a in bybit.actors] == [("Lazarus Group", "TraderTraitor")]
    # the victim's cold wallet is listed among theft addresses in the file: it is not traced from
    assert "0x1db92e2eebc8e0c075a02bea49a2935bcd2dfcf4" not in bybit.theft_addresses()
    assert len(bybit.theft_addresses()) == 3
    assert found["wannacry_2017"].quarter == "2017Q2" and found["atomic_wallet_2023"].chain_key == "multi"


def test_scenario_theft_addresses_in_the_tags(scenarios: Path, scenario_tags: TagIndex) -> None:
    """Where the shared tags know a theft address, they say what the scenario says it is."""
    tagged = {}
    for inc in read_incidents(scenarios):
        for a in inc.theft_addresses():
            cats = {t.category for t in scenario_tags.lookup(a)}
            if cats:
                tagged[a] = (inc.id, cats)
    assert tagged == {
        "115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn": ("wannacry_2017", {"ransomware"}),
        "12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw": ("wannacry_2017", {"ransomware"}),
        "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94": ("wannacry_2017", {"ransomware"}),
        "0x098B716B8Aaf21512996dC57EB0615e2383E2f96": ("ronin_2022", {"sanctioned", "theft"}),
    }


def test_actor_mentions_longest_first() -> None:
    found = mentions("FBI: Lazarus Group / APT38 (quoted); also lazarus and Park  Jin Hyok")
    assert [(k.actor, k.mention) for k in found] == [("Lazarus Group", "Lazarus Group"),
                                                      ("Park Jin Hyok", "Park Jin Hyok")]
    assert mentions("Lazarusgroup is not a word here") == []


def test_csv_ledger(incident_data: Path) -> None:
    found = {i.id: i for i in read_incidents(incident_data / "hand_ledger.csv")}
    assert set(found) == {"h1", "h2", "h3", "h4", "h5"}
    h2 = found["h2"]
    assert [a.name for a in h2.actors] == ["Lazarus Group", "Andariel"]
    assert h2.actors[0].confidence == "high"
    assert h2.theft_addresses() == ["0xaaa1", "0xaaa2"]
    assert h2.amount_usd == Decimal(300) and h2.amount_usd_source == "advisory A"
    assert found["h4"].amount is None


def _write(tmp_path: Path, data: object, name: str = "bad.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


GOOD = {"id": "x1", "name": "X", "date": "2024-01-02", "chain": "BTC", "amount": 1, "unit": "BTC"}


@pytest.mark.parametrize(("data", "place", "words"), [
    ([GOOD, {**GOOD, "id": "x2", "date": "2024-13-01"}], "[1].date", "YYYY-MM-DD"),
    ([{**GOOD, "name": None}], "[0].name", "required"),
    ([{**GOOD, "amount": "lots"}], "[0].amount", "number"),
    ([{**GOOD, "amount": -3}], "[0].amount", "non-negative"),
    ([{**GOOD, "unit": None}], "[0].unit", "required when an amount"),
    ([{**GOOD, "theft_addresses": [{"address": "1abc"}, {"address": "1 bad"}]}],
     "[0].theft_addresses[1].address", "no spaces"),
    ([{**GOOD, "theft_addresses": "1abc"}], "[0].theft_addresses", "list"),
    ([{**GOOD, "id": "bad id!"}], "[0].id", "letters"),
    ([{**GOOD, "amount_extra": [{"amount": 2}]}], "[0].amount_extra[0].unit", "required"),
    ([GOOD, GOOD], "incident 2", "repeats incident 1"),
    ({"no": "list"}, None, "JSON list"),
])
def test_bad_json_names_file_and_place(tmp_path: Path, data: object, place: str | None,
                                       words: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(IncidentFormatError) as err:
        read_incidents(path)
    assert err.value.source == str(path)
    assert err.value.location == place
    assert words in err.value.detail


def test_bad_json_syntax_and_bad_csv(tmp_path: Path) -> None:
    with pytest.raises(IncidentFormatError, match=r"line 2, column \d+: not valid JSON"):
        read_incidents(_write(tmp_path, '[\n{"id": }]'))
    csv_text = "id,name,date,chain,amount,unit\nc1,One,2024-01-01,BTC,1,BTC\nc2,Two,2024-02-30,BTC,1,BTC\n"
    with pytest.raises(IncidentFormatError, match="line 3, column date: expected a date"):
        read_incidents(_write(tmp_path, csv_text, "bad.csv"))
    with pytest.raises(IncidentFormatError, match="line 1: missing column"):
        read_incidents(_write(tmp_path, "id,title\nc1,One\n", "cols.csv"))


# "Café" as Windows-1252 writes it: the byte 0xe9 is not UTF-8.
LATIN1_CSV = b"id,name,date,chain\r\nc1,One,2024-01-01,BTC\r\nc2,Caf\xe9 theft,2024-02-01,BTC\r\n"


@pytest.mark.parametrize(("raw", "line", "column"), [
    (LATIN1_CSV, "line 3", 7),
    (b'[\n  {"id": "x1", "name": "Caf\xe9", "date": "2024-01-02", "chain": "BTC"}\n]\n', "line 2", 28),
])
def test_a_byte_that_is_not_utf8_is_named_by_line_and_column(tmp_path: Path, raw: bytes, line: str,
                                                             column: int) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(raw)
    with pytest.raises(IncidentFormatError) as err:
        read_incidents(path)
    assert (err.value.source, err.value.location) == (str(path), line)
    assert f"0xe9 at column {column}" in err.value.detail
    assert "position" not in str(err.value)  # no byte offset into the file


@pytest.mark.parametrize("name", ["bom.json", "bom.csv"])
def test_a_utf8_byte_order_mark_is_read_past(tmp_path: Path, name: str) -> None:
    text = json.dumps([GOOD]) if name.endswith(".json") else "id,name,date,chain\nx1,X,2024-01-02,BTC\n"
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert [i.id for i in read_incidents(path)] == ["x1"]


def test_a_byte_order_mark_in_text_is_read_past() -> None:
    """The HTTP API hands the body over as text: a BOM there is dropped as in a file."""
    text = "\ufeffid,name,date,chain\nx1,X,2024-01-02,BTC\n"
    assert [i.id for i in read_incidents_text("body", text)] == ["x1"]
