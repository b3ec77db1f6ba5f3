"""Issue 11 §1: ISO 20022 that cannot be validated is held; every text node is screened; the
package validates with its own XSDs when no schema folder is at hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.payments import iso20022
from interdict.payments.iso20022 import SUPPORTED, SchemaSet
from interdict.payments.reader import read_bytes
from tests.security.messages import ISO, out_of_order, pacs008

runner = CliRunner()
WATCHLIST = Path(__file__).resolve().parents[1] / "data" / "payments" / "watchlist.csv"
LISTED = "VIKTOR PETROVSKY EXAMPLE"  # PAY-0003 of the hand-written payments watchlist


def decide(tmp_path: Path, name: str, data: bytes) -> dict[str, Any]:
    """`interdict payments screen FILE --json` of one message, against the watchlist."""
    assert runner.invoke(app, ["lists", "load", str(WATCHLIST)]).exit_code == 0
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["payments", "screen", str(path), "--json"])
    [line] = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert result.exit_code == (0 if line["decision"] == "release" else 1)
    return dict(line)


def errors(decision: dict[str, Any]) -> list[str]:
    return [r["message"] for r in decision["reasons"] if r["kind"] == "error"]


def test_an_unknown_version_of_a_supported_message_is_held(interdict_home: Path, tmp_path: Path) -> None:
    d = decide(tmp_path, "v99.xml", pacs008("V99", namespace=f"{ISO}pacs.008.001.99"))
    assert d["decision"] == "hold"
    assert any(
        "no XSD for pacs.008.001.99: the message definition cannot be validated" in e for e in errors(d)
    )


def test_a_foreign_namespace_is_held(interdict_home: Path, tmp_path: Path) -> None:
    ns = "urn:example:bank:xsd:pacs.008.001.08"
    d = decide(tmp_path, "foreign.xml", pacs008("FOREIGN", namespace=ns))
    assert d["decision"] == "hold"
    assert any(f"namespace {ns} is not an ISO 20022 message definition" in e for e in errors(d))


def test_an_element_the_mapper_does_not_read_is_screened(interdict_home: Path, tmp_path: Path) -> None:
    # Cdtr/CtctDtls/Nm is valid pacs.008.001.08 (a contact name) and not one of the mapped fields.
    data = pacs008("CONTACT", creditor_tail=f"<CtctDtls><Nm>{LISTED}</Nm></CtctDtls>")
    d = decide(tmp_path, "contact.xml", data)
    assert errors(d) == []  # a valid message...
    hits = [r for r in d["reasons"] if r["kind"] == "sanctions"]
    assert d["decision"] != "release"  # ...held for the listed name in an unmapped element
    assert any(r["detail"]["where"].endswith("/Cdtr/CtctDtls/Nm") for r in hits), d["reasons"]


def test_a_second_name_of_the_creditor_is_screened(interdict_home: Path, tmp_path: Path) -> None:
    data = pacs008("TWO-NAMES", creditor_extra=f"\n          <Nm>{LISTED}</Nm>")
    d = decide(tmp_path, "two-names.xml", data)
    assert d["decision"] != "release"
    hits = [r for r in d["reasons"] if r["kind"] == "sanctions"]
    assert any(r["detail"]["where"].endswith("/Cdtr/Nm[2]") for r in hits), d["reasons"]


def test_the_package_validates_without_a_schema_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    # A user's machine: no shared data, no $INTERDICT_XSD_DIR; the shipped XSDs are used by default.
    from interdict.payments.iso20022 import PACKAGE_XSD, default_schemas

    monkeypatch.delenv("INTERDICT_XSD_DIR", raising=False)
    monkeypatch.setenv("INTERDICT_SHARED_DATA", "/nonexistent")
    monkeypatch.setattr(iso20022, "_DEFAULT", None)
    assert default_schemas().folders == [PACKAGE_XSD]
    shipped = {p.stem for p in PACKAGE_XSD.glob("*.xsd")}
    assert {s[:8] for s in shipped} >= {*SUPPORTED, "head.001"}
    # Elements out of the XSD's order (IntrBkSttlmDt before IntrBkSttlmAmt): readable, but invalid.
    data = out_of_order(pacs008("ORDER"))
    [item] = read_bytes(data, "order.xml")
    assert item.payment is not None
    assert any("XSD pacs.008.001.08" in str(e) and "IntrBkSttlmDt" in str(e) for e in item.errors)


def test_every_shipped_xsd_compiles() -> None:
    from interdict.payments.iso20022 import PACKAGE_XSD

    schemas = SchemaSet(None)
    for path in sorted(PACKAGE_XSD.glob("*.xsd")):
        assert schemas.get(path.stem) is not None, path.name


def test_text_in_the_wrapper_outside_the_document_is_screened(interdict_home: Path, tmp_path: Path) -> None:
    # The SWIFT envelope is not validated by any XSD of the message: its text is screened all the same.
    data = pacs008("WRAPPER").replace(
        b'<Envelope xmlns="urn:swift:xsd:envelope">',
        f'<Envelope xmlns="urn:swift:xsd:envelope">\n  <Note>{LISTED}</Note>'.encode(),
    )
    d = decide(tmp_path, "wrapper.xml", data)
    assert errors(d) == [] and d["decision"] != "release"
    hits = [r for r in d["reasons"] if r["kind"] == "sanctions"]
    assert any(r["detail"]["where"] == "/Envelope/Note" for r in hits), d["reasons"]


def test_an_unmapped_identifier_is_looked_up_exactly_not_as_a_name() -> None:
    from interdict.core.payment import FreeText, Payment
    from interdict.payments.policy import Policy
    from interdict.payments.screen import PaymentScreener
    from interdict.screening import build_index
    from tests.payments.conftest import small_entities

    screener = PaymentScreener(build_index(small_entities()), Policy().screening)
    texts = (
        FreeText("/Envelope/AppHdr/BizMsgIdr", "KETB7Q2X9"),  # a message id, not the bank KETB
        FreeText("/Envelope/Document/X/PmtId/InstrId", "JUPITER-2026-11"),  # the listed vessel's name
        FreeText("/Envelope/AppHdr/Rltd/BizMsgIdr", "KETBKPPY"),  # the listed bank's BIC
        FreeText("/Envelope/Document/X/Cdtr/CtctDtls/Nm", "KOREA EXAMPLE TRADE BANK"),
    )
    hits = screener.screen_payment(Payment("m", "iso20022", "pacs.008.001.08", "x.xml", texts=texts))
    found = {(h.where, h.kind) for h in hits}
    assert not any(w.startswith("/Envelope/AppHdr/BizMsgIdr") for w, _ in found), found
    assert any(w.startswith("/Envelope/AppHdr/Rltd/BizMsgIdr") and k == "identifier" for w, k in found)
    assert ("/Envelope/Document/X/Cdtr/CtctDtls/Nm", "text") in found
    assert ("/Envelope/Document/X/PmtId/InstrId", "text") in found


def test_unmapped_text_belongs_to_its_own_transaction(interdict_home: Path, tmp_path: Path) -> None:
    # Two transactions in one pacs.008: the listed contact name of the second holds only the second.
    one = pacs008("MULTI").decode()
    start, end = one.index("<CdtTrfTxInf>"), one.index("</CdtTrfTxInf>") + len("</CdtTrfTxInf>")
    second = (
        one[start:end]
        .replace("MULTI</InstrId>", "MULTI-2</InstrId>")
        .replace("E2E-MULTI", "E2E-MULTI-2")
        .replace(
            "</PstlAdr>\n        </Cdtr>",
            f"</PstlAdr><CtctDtls><Nm>{LISTED}</Nm></CtctDtls>\n        </Cdtr>",
        )
        .replace("1500.00", "2750.00")
    )
    data = (one[:end] + "\n      " + second + one[end:]).replace("<NbOfTxs>1<", "<NbOfTxs>2<").encode()
    assert runner.invoke(app, ["lists", "load", str(WATCHLIST)]).exit_code == 0
    path = tmp_path / "multi.xml"
    path.write_bytes(data)
    result = runner.invoke(app, ["payments", "screen", str(path), "--json"])
    first, last = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert errors(first) == [] and errors(last) == []
    assert first["decision"] == "release", first["reasons"]
    assert last["decision"] != "release"
    assert any(
        r["detail"].get("where", "").endswith("CdtTrfTxInf[2]/Cdtr/CtctDtls/Nm") for r in last["reasons"]
    )
