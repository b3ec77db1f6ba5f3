"""Attribution tags from the shared TagPacks and OFAC lists."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from interdict.core.errors import TransferFormatError
from interdict.tracing.sources.ofac import read_ofac_folder
from interdict.tracing.sources.tagpacks import read_tagpack
from interdict.tracing.tags import TagIndex

pytestmark = pytest.mark.shared
WANNACRY = [
    "115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn",
    "12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw",
    "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94",
]
RONIN = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"
TORNADO = "0x8589427373D6D84E98730D7795D8f6f8731FDA16"


def test_wannacry_addresses_tagged_ransomware(shared_tags: TagIndex) -> None:
    for a in WANNACRY:
        tags = shared_tags.lookup(a)
        assert {t.category for t in tags} == {"ransomware"}
        assert {t.source.split(" ")[0] for t in tags} == {"tagpack:ransomware", "tagpack:ransomwhere"}


def test_ronin_exploiter_is_lazarus_sanctioned_and_theft(shared_tags: TagIndex) -> None:
    tags = shared_tags.lookup(RONIN.lower())  # hex addresses match whatever their case
    cats = {t.category for t in tags}
    assert {"sanctioned", "theft"} <= cats
    assert any("Lazarus Group [DPRK3]" in t.label and t.confidence == 100 for t in tags)
    assert tags[0].confidence == 100  # most confident first


def test_tian_li_lazarus_pack_equals_ofac(tracing_data: Path) -> None:
    pack = {
        t.address
        for t in read_tagpack(tracing_data / "graphsense_tagpacks" / "packs" / "lazarus.yaml")
        if t.currency == "BTC"
    }
    with (tracing_data / "ofac_brave_intl_fork" / "sdn_digital_currency_addresses_by_party.csv").open() as fh:
        ofac = {
            r["address"]
            for r in csv.DictReader(fh)
            if r["sdn_name"].upper().startswith(("TIAN YINYIN", "LI JIADONG"))
        }
    assert len(ofac) == 20
    assert pack == ofac


def test_tornado_delisted_but_still_a_mixer(tracing_data: Path, shared_tags: TagIndex) -> None:
    new = read_ofac_folder(tracing_data / "ofac_brave_intl_fork")
    old = read_ofac_folder(tracing_data / "ofac_0xB10C")
    assert TORNADO not in {t.address for t in new}
    assert TORNADO in {t.address for t in old}
    assert any(t.category == "mixer" and t.is_exit for t in shared_tags.lookup(TORNADO))


def test_lookalike_is_not_a_match(shared_tags: TagIndex) -> None:
    lookalike = RONIN[:8] + "0" * 30 + RONIN[-4:]
    assert shared_tags.lookup(lookalike) == []


def test_bad_tagpack_reports_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\ntags:\n- label: no address\n")
    with pytest.raises(TransferFormatError, match=r"bad\.yaml at tags\[0\]"):
        read_tagpack(bad)
