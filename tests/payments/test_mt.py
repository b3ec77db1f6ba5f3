"""SWIFT MT parsing: real shared samples, every party option, batches, and precise errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from interdict.payments.mt import split_messages
from interdict.payments.reader import ReadItem, read_bytes

pytestmark = pytest.mark.shared

# Shared samples that are not valid FIN, and why (see docs/payments.md, "Known quirks").
KNOWN_BAD = {
    "prowide_MT103-out-ack_11.fin": "after block 4: expected '{n:' opening a block, found '{",
    "ballerina_MT103_finMessage_pacs008_test_pmtTpInf.fin": "expected '{n:' opening a block, found '}'",
    "ballerina_MT202_fin1.fin": "block 1: basic header 'ABCDLKLXXXXX0000000000' is not F01",
    "ballerina_MT202_finMessage_00911_mt202_A_B.fin": "field :53A:: expected a BIC",
    "goplasmatic_mt192_norm.fin": "field :11S: line 3: expected at most 10 characters",
    "goplasmatic_mt196_norm.fin": "field :11R: line 8: expected at most 10 characters",
}


def _read(path: Path) -> list[ReadItem]:
    return list(read_bytes(path.read_bytes(), path.name))


def test_every_shared_mt_sample_parses_or_gives_a_precise_error(shared_data: Path) -> None:
    files = sorted((shared_data / "payments" / "mt").glob("*.fin"))
    assert len(files) == 81
    bad: dict[str, str] = {}
    for f in files:
        items = _read(f)
        assert len(items) == 1, f.name  # one message per file; ACKs are attached, not counted
        if items[0].errors:
            bad[f.name] = str(items[0].errors[0])
        else:
            assert items[0].payment is not None
    assert set(bad) == set(KNOWN_BAD)
    for name, expected in KNOWN_BAD.items():
        assert expected in bad[name]
        assert bad[name].startswith(f"{name}#1 at ")  # names the message


def test_mt103_fields_and_parties(shared_data: Path) -> None:
    p = _read(shared_data / "payments" / "mt" / "goplasmatic_mt103_stp.fin")[0].payment
    assert p is not None and p.type == "MT103"
    assert p.uetr == "180f1e65-90e0-44d5-a49a-92b55eb3025f"
    assert (p.amount, p.currency, str(p.value_date)) == (Decimal("1500000.00"), "USD", "2024-12-31")
    assert (p.instructed_amount, p.instructed_currency, p.exchange_rate) == (
        Decimal("1375000.00"),
        "EUR",
        Decimal("1.0909"),
    )
    assert p.sender_bic == "CHASUS33XXX" and p.receiver_bic == "DEUTDEFFXXX"
    roles = {x.role: x for x in p.parties}
    assert roles["debtor"].name == "GLOBAL TECH CORPORATION"
    assert roles["creditor"].bic == "DEUTDEFF" and roles["creditor"].account
    assert roles["creditor"].account.iban_valid is True
    assert {"sender_correspondent", "receiver_correspondent", "debtor_agent", "creditor_agent"} <= set(roles)
    assert [t.source for t in p.texts] == ["70", "72", "77B"]
    assert ("71A", "SHA") in p.codes


def test_output_message_time_and_ack(shared_data: Path) -> None:
    item = _read(shared_data / "payments" / "mt" / "prowide_MT103-bulk-with-ack_01.fin")[0]
    assert item.payment is not None
    assert str(item.payment.created_at) == "2017-04-25 16:12:00"  # MIR input time, sender local
    assert item.payment.sender_bic == "BBBBUS33XXX"
    chunks = list(
        split_messages((shared_data / "payments/mt/prowide_MT103-bulk-with-ack_01.fin").read_text(), "x")
    )
    assert chunks[0].message is not None and chunks[0].message.ack is not None


def test_mt202_cov_sequence_b_in_non_standard_order(shared_data: Path) -> None:
    p = _read(shared_data / "payments" / "mt" / "goplasmatic_mt202_cov.fin")[0].payment
    assert p is not None and p.type == "MT202 COV"
    roles = {x.role: x for x in p.parties}
    assert roles["creditor"].bic == "HSBCSGSG"  # 58A, sequence A
    assert roles["underlying_debtor"].name == "ACME CORPORATION"
    assert roles["underlying_creditor"].name == "SINGAPORE TECH PTE LTD"
    assert p.beneficiary is roles["underlying_creditor"]
    assert {t.source for t in p.texts} == {"B/70", "B/72"}
    assert p.instructed_amount == Decimal("1000000.00")  # :33B: last, in sequence B


def test_every_party_option(payments_data: Path) -> None:
    p = _read(payments_data / "mt103_all_options.fin")[0].payment
    assert p is not None
    r = {x.role: x for x in p.parties}
    debtor = r["debtor"]  # 50F
    assert (debtor.name, debtor.country, debtor.birth_date, debtor.is_institution) == (
        "MUSTERMANN, HANS",
        "DE",
        "19700101",
        False,
    )
    assert debtor.account and debtor.account.scheme == "iban" and debtor.account.iban_valid
    assert r["debtor_agent"].name == "ORDERING BANK AG"  # 52D
    assert r["sender_correspondent"].account and r["sender_correspondent"].account.scheme == "clearing"  # 53B
    assert r["receiver_correspondent"].bic == "CHASUS33"  # 54A
    assert r["intermediary"].account and r["intermediary"].account.value == "//FW021000018"  # 56C
    assert r["creditor_agent"].address and r["creditor_agent"].address.lines == ("MAKATI",)  # 57B
    cred = r["creditor"]  # 59F
    assert cred.name == "JUAN DELA CRUZ" and cred.country == "PH"
    assert cred.address and "5 JUPITER STREET" in cred.address.lines
    assert dict(p.codes)["26T"] == "K90" and p.exchange_rate == Decimal("0.9145")


def test_many_messages_per_file_with_and_without_separators(payments_data: Path) -> None:
    items = _read(payments_data / "batch_three.fin")
    assert [i.raw_type for i in items] == ["MT103", "MT202", "MT199"]
    assert [i.source for i in items] == ["batch_three.fin#1", "batch_three.fin#2", "batch_three.fin#3"]
    assert all(not i.errors for i in items)
    assert items[2].payment and items[2].payment.texts[0].source == "79"
    assert len({i.message_id for i in items}) == 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("broken_missing_59.fin", "#1 at field :59a:: mandatory field missing for MT103"),
        (
            "broken_charset.fin",
            "#1 at field :50K: line 5: character '&' is outside the SWIFT X character set",
        ),
        ("broken_long_line.fin", "#1 at field :50K: line 5: expected at most 35 characters, found 54"),
        ("broken_unknown_type.fin", "#1 at block 2: unsupported message type MT998"),
        ("broken_unterminated.fin", "#1 at block 4: expected the text block to end with a line '-}'"),
        ("broken_encoding.fin", "at byte 109: wrong encoding"),
        ("broken_amount.fin", "#1 at field :32A:: expected an amount like 1234,56, found '10.50'"),
    ],
)
def test_broken_messages_give_precise_errors(payments_data: Path, name: str, expected: str) -> None:
    items = _read(payments_data / name)
    assert len(items) == 1
    assert items[0].payment is None
    assert str(items[0].errors[0]).startswith(name) and expected in str(items[0].errors[0])
    assert items[0].message_id  # still has an identity, so it is held and stored, never dropped


def test_one_broken_message_does_not_hide_the_next(payments_data: Path) -> None:
    good = (payments_data / "batch_three.fin").read_bytes()
    bad = (payments_data / "broken_charset.fin").read_bytes()
    items = list(read_bytes(bad + good, "mixed.fin"))
    assert len(items) == 4
    assert items[0].errors and not any(i.errors for i in items[1:])
