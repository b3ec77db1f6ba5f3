"""Real sample messages written by other projects (prowide-core, prowide-iso20022, moov-io/iso20022;
see tests/data/payments/others/PROVENANCE.md), read and screened end to end.

Each one either parses and is decided, or is held with a clear reason: an unsupported message type,
or the precise place where it is not valid FIN / ISO 20022. None crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.payments import mt_fields, mt_map
from interdict.payments.iso20022 import SchemaSet
from interdict.payments.reader import ReadItem, iter_files, read_bytes

OTHERS = Path(__file__).resolve().parents[1] / "data" / "payments" / "others"
WATCHLIST = Path(__file__).resolve().parents[1] / "data" / "payments" / "watchlist.csv"
runner = CliRunner()

# File -> "parsed" (every message or transaction mapped onto a payment, with the types named) or the
# reason it is held. "unsupported message type" is the reason for every type that is not a payment
# instruction Interdict maps; the rest are not valid messages and say where and why.
UNSUPPORTED = "unsupported message type"


def _iso(msgdef: str) -> str:
    return f"{msgdef} is not supported ({UNSUPPORTED})"


EXPECTED: dict[str, str] = {
    # prowide-core src/test/resources
    "prowide-core/MT101.fin": f"{UNSUPPORTED} MT101",
    "prowide-core/MT103-bulk-with-ack.rje": "parsed MT103 x3",
    "prowide-core/MT103-out-ack.rje": "parsed MT103 x12; held #11: after block 4: expected '{n:'",
    # Blocks are read before the type is looked at: a stray '}' or text after the message is a
    # broken message whatever its type.
    "prowide-core/MT305.fin": "at offset 363 after block 4: expected '{n:' opening a block, found '}'",
    "prowide-core/MT320.txt": "at offset 1271 after block 4: expected '{n:' opening a block, found '!",
    "prowide-core/MT360.fin": f"{UNSUPPORTED} MT360",
    "prowide-core/MT362.fin": f"{UNSUPPORTED} MT362",
    "prowide-core/SWIFTMT300_0000039099_0002.txt": f"{UNSUPPORTED} MT300",
    "prowide-core/sample_JPchar.txt": "wrong encoding: a FIN message is ASCII",
    # prowide-core src/test/java: messages written as Java strings
    "prowide-core-tests/AckMessageComparatorTest_253.fin": "parsed MT103 x1",
    "prowide-core-tests/GeneralAPITest_012.fin": "parsed MT202 x1",
    "prowide-core-tests/MT010Test_214.fin": f"{UNSUPPORTED} MT010",
    "prowide-core-tests/MT020Test_218.fin": f"{UNSUPPORTED} MT020",
    "prowide-core-tests/MT028Test_238.fin": f"{UNSUPPORTED} MT028",
    "prowide-core-tests/MT101Test_242.fin": f"{UNSUPPORTED} MT101",
    "prowide-core-tests/MT103ParserTest_014.fin": "parsed MT103 x1",
    "prowide-core-tests/MT103ParserTest_017.fin": "field :13C: line 2: expected at most 18 characters",
    "prowide-core-tests/MT103ParserTest_019.fin": "field :50K: line 6: character '}' is outside the SWIFT X",
    "prowide-core-tests/MT103ParserTest_021.fin": "parsed MT103 x1",
    "prowide-core-tests/MT202ParserTest_027.fin": "parsed MT202 x1",
    "prowide-core-tests/MT202ParserTest_031.fin": "parsed MT202 x1",
    "prowide-core-tests/MT535ParserTest_032.fin": f"{UNSUPPORTED} MT535",
    "prowide-core-tests/MT541ParserTest_033.fin": f"{UNSUPPORTED} MT541",
    "prowide-core-tests/MT543ParserTest_038.fin": f"{UNSUPPORTED} MT543",
    "prowide-core-tests/MT564ParserTest_045.fin": f"{UNSUPPORTED} MT564",
    "prowide-core-tests/MT940ParserTest_049.fin": f"{UNSUPPORTED} MT940",
    "prowide-core-tests/MT950ParserTest_050.fin": f"{UNSUPPORTED} MT950",
    "prowide-core-tests/MTn9nParserTest_051.fin": "parsed MT192 x1",
    "prowide-core-tests/MtSwiftMessageJsonSchemaTest_105.fin": "block 5: expected '}' closing the block",
    "prowide-core-tests/SwiftMessageJsonSchemaTest_129.fin": "parsed MT199 x1",
    "prowide-core-tests/SwiftMessageJsonSchemaTest_135.fin": f"{UNSUPPORTED} MT540",
    "prowide-core-tests/SwiftMessageJsonSchemaTest_137.fin": f"{UNSUPPORTED} MT767",
    "prowide-core-tests/SwiftMessageTest_143.fin": "MT COV without :59a: beneficiary customer",
    "prowide-core-tests/SwiftMessageUtilsTest_174.fin": f"{UNSUPPORTED} MT760",
    # moov-io/iso20022 test/testdata
    "moov-iso20022/200519_camt.054-Credit_P_CH2909000000250094239_1110092691_0_2019042421291293.xml": (
        "camt.054.001.04 is an account report, not a payment instruction (unsupported message type)"
    ),
    "moov-iso20022/International_payment_RUB_naujas_1.xml": "parsed pain.001.001.03 x1",
    "moov-iso20022/International_payment_USD_naujas_1.xml": "parsed pain.001.001.03 x1",
    "moov-iso20022/gistfile1.xml": "parsed pain.001.001.03 x3",
    "moov-iso20022/invalid_pain_v11.xml": "no ISO 20022 Document found (root namespace (none))",
    "moov-iso20022/pain002-epo_p_0_0_0_2018031510491259.xml": _iso("pain.002.001.03"),
    "moov-iso20022/pain008-musterfile.xml": _iso("pain.008.001.02"),
    "moov-iso20022/sepa_payment_naujas_1.xml": "parsed pain.001.001.03 x1",
    "moov-iso20022/valid_acmt_v03.xml": _iso("acmt.007.001.03"),
    "moov-iso20022/valid_auth_v02.xml": _iso("auth.018.001.02"),
    "moov-iso20022/valid_camt_v09.xml": _iso("camt.055.001.09"),
    "moov-iso20022/valid_pacs_v11.xml": _iso("pacs.002.001.11"),
    "moov-iso20022/valid_pain_v11.xml": _iso("pain.002.001.11"),
    "moov-iso20022/valid_reda_v01.xml": _iso("reda.066.001.01"),
    "moov-iso20022/valid_remt_v04.xml": _iso("remt.001.001.04"),
    # prowide/prowide-iso20022 iso20022-core/src/test/resources
    "prowide-iso20022/app_to_mqsq.xml": "no ISO 20022 Document found (root namespace urn:swift:xsd:saa",
    "prowide-iso20022/camt.003.001.04.xml": _iso("camt.003.001.04"),
    "prowide-iso20022/header-with-signature.xml": "no ISO 20022 Document found",
    "prowide-iso20022/issues_8_ABC_CANO.CA.ID.111111111-SplmtryData_simple.xml": _iso("seev.031.002.09"),
    "prowide-iso20022/mx_sample_bah.xml": "no ISO 20022 Document found",
    "prowide-iso20022/pacs.002-CDATA-nonamespace.xml": "no ISO 20022 Document found (root namespace (none))",
    "prowide-iso20022/pacs.002-CDATA-with-header.xml": _iso("pacs.002.001.03"),
    "prowide-iso20022/pacs.008.001.07.xml": "parsed pacs.008.001.07 x1",
    "prowide-iso20022/pacs.009.001.07.xml": "parsed pacs.009.001.07 x1",
    "prowide-iso20022/seev.031.002.09.xml": _iso("seev.031.002.09"),
}


def _files() -> list[Path]:
    return [p for p in iter_files([OTHERS]) if p.name != "PROVENANCE.md"]


def _outcome(items: list[ReadItem]) -> str:
    parsed = [i for i in items if i.payment is not None]
    held = [i for i in items if i.payment is None]
    if parsed and not held:
        kinds = sorted({i.raw_type for i in parsed})
        return f"parsed {', '.join(kinds)} x{len(parsed)}"
    if parsed:
        first = held[0]
        return f"parsed {parsed[0].raw_type} x{len(parsed)}; held {first.source.rsplit('#', 1)[-1]}"
    return str(held[0].errors[0])


@pytest.fixture(scope="module")
def read_all() -> dict[str, list[ReadItem]]:
    """Every sample file read once (without XSDs: the shapes, not the schemas, are tested here)."""
    schemas = SchemaSet(None)
    return {
        str(p.relative_to(OTHERS)): list(read_bytes(p.read_bytes(), str(p.relative_to(OTHERS)), schemas))
        for p in _files()
    }


def test_every_sample_is_listed_and_provenance_names_it(read_all: dict[str, list[ReadItem]]) -> None:
    assert set(read_all) == set(EXPECTED)
    provenance = (OTHERS / "PROVENANCE.md").read_text()
    for name in EXPECTED:
        assert Path(name).name in provenance, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_parses_or_is_held_with_a_clear_reason(
    name: str, read_all: dict[str, list[ReadItem]]
) -> None:
    items = read_all[name]
    assert items, name
    outcome = _outcome(items)
    expected = EXPECTED[name]
    if expected.startswith("parsed"):
        parsed_part, _, held_part = expected.partition("; held ")
        assert outcome.startswith(parsed_part), outcome
        if held_part:
            reason = next(str(i.errors[0]) for i in items if i.payment is None)
            assert held_part.split(": ", 1)[1] in reason and f"{held_part.split(':')[0]} at " in reason
        else:
            assert all(not i.errors for i in items), [str(e) for i in items for e in i.errors]
    else:
        assert expected in outcome, outcome
        assert outcome.startswith(Path(name).name) or outcome.startswith(name)  # names the input


def test_unsupported_types_are_named_before_any_field_rule(read_all: dict[str, list[ReadItem]]) -> None:
    """An MT541's :20C::SEME//... or a system message's block 4 is not a broken MT103 field: the hold
    says the type is unsupported, not that a field rule of another type failed."""
    for name, expected in EXPECTED.items():
        if expected.startswith(UNSUPPORTED) and name.endswith((".fin", ".txt")):
            reason = str(read_all[name][0].errors[0])
            assert "at block 2: unsupported message type MT" in reason, reason
            assert "field :" not in reason


def test_supported_mt_types_agree_with_the_mapping() -> None:
    assert set(mt_map._SPECS) == mt_fields.SUPPORTED_TYPES


def test_all_samples_screened_end_to_end(interdict_home: Path) -> None:
    """`payments screen` over the whole folder: exit 1 (some held), one decision per message, every
    parsed credit transfer decided, every unreadable message held with its reason."""
    assert runner.invoke(app, ["lists", "load", str(WATCHLIST)]).exit_code == 0
    result = runner.invoke(app, ["payments", "screen", str(OTHERS), "--json"])
    assert result.exit_code == 1, result.stderr
    decisions = [json.loads(line) for line in result.stdout.splitlines()]
    items = [i for p in _files() for i in read_bytes(p.read_bytes(), str(p), SchemaSet(None))]
    assert len(decisions) == len(items)
    # One process decides in input order; a message seen twice (the same test message in two Java
    # tests) is decided once and answered with the stored decision.
    for item, decision in zip(items, decisions, strict=True):
        assert decision["message_id"] == item.message_id
        if item.payment is None:
            assert decision["decision"] == "hold"
            assert any(str(item.errors[0]).split(" at ", 1)[1] in r["message"] for r in decision["reasons"])
        else:
            assert decision["decision"] in ("release", "hold", "reject")
    unsupported = [d for d in decisions if any(UNSUPPORTED in r["message"] for r in d["reasons"])]
    assert len(unsupported) == sum(UNSUPPORTED in v for v in EXPECTED.values())
