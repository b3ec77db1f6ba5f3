"""`interdict payments reconcile`: sent traffic (MT103 and pacs.008 as rendered for the network)
against the sender's own records, the way the 2016 Bangladesh Bank theft would have shown the
morning after (messages sent, their local records deleted)."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from interdict.cli import app
from interdict.cli._common import console
from synthetic.payments import TrafficGenerator, Transfer, mt_batch, render_pacs008

runner = CliRunner()
HEADER = ["uetr", "reference", "type", "value_date", "amount", "currency", "beneficiary"]


def _row(t: Transfer, kind: str) -> list[str]:
    return [
        t.uetr,
        t.reference,
        kind,
        t.sent_at.date().isoformat(),
        f"{t.amount:.2f}",
        t.currency,
        t.creditor.name,
    ]


@pytest.fixture()
def traffic(tmp_path: Path) -> tuple[Path, list[Transfer], list[list[str]]]:
    """A day of 24 MT103s (one RJE file) and 6 pacs.008 (one file each), and their records."""
    transfers = TrafficGenerator(seed=11).transfers(30, date(2026, 2, 4), 1)
    sent = tmp_path / "sent"
    sent.mkdir()
    (sent / "mt103.fin").write_text(mt_batch(transfers[:24]), encoding="ascii")
    for k, t in enumerate(transfers[24:]):
        (sent / f"pacs008_{k}.xml").write_text(render_pacs008(t), encoding="utf-8")
    rows = [_row(t, "MT103") for t in transfers[:24]] + [_row(t, "pacs.008") for t in transfers[24:]]
    return sent, transfers, rows


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["payments", "reconcile", *args])
    return result.exit_code, result.stdout, result.stderr


def test_clean_day_reports_nothing(
    traffic: tuple[Path, list[Transfer], list[list[str]]], tmp_path: Path
) -> None:
    sent, _, rows = traffic
    code, out, _ = _run(str(sent), "--local", str(_csv(tmp_path / "r.csv", rows)), "--json")
    report = json.loads(out)
    assert code == 0
    assert report == {
        "sent": 30,
        "local": 30,
        "missing_locally": [],
        "missing_sent": [],
        "mismatched": [],
        "unreadable": [],
    }


def test_deleted_records_altered_amounts_and_a_record_never_sent(
    traffic: tuple[Path, list[Transfer], list[list[str]]], tmp_path: Path
) -> None:
    sent, _, rows = traffic
    deleted = [rows.pop(3), rows.pop(25)]  # the malware removed two sent messages' records
    rows[0][4] = str(Decimal(rows[0][4]) * 10)  # the record shows another amount
    rows[1][6] = "SHALIKA FANDATION"  # another beneficiary
    rows[2][3] = "2026-02-05"  # another value date
    rows[4][5] = "EUR" if rows[4][5] != "EUR" else "USD"
    ghost = ["", "NEVERSENT0001", "MT103", "2026-02-04", "20000000.00", "USD", "JUPITER TRADING"]
    rows.append(ghost)
    code, out, _ = _run(str(sent), "--local", str(_csv(tmp_path / "r.csv", rows)), "--json")
    report = json.loads(out)
    assert code == 1
    assert (report["sent"], report["local"]) == (30, 29)
    assert sorted(m["uetr"] for m in report["missing_locally"]) == sorted(r[0] for r in deleted)
    gone = next(m for m in report["missing_locally"] if m["uetr"] == deleted[1][0])
    assert gone["type"] == "pacs.008.001.08" and gone["source"].endswith(".xml")
    assert Decimal(gone["amount"]) == Decimal(deleted[1][4])
    assert gone["beneficiary"] == deleted[1][6] and gone["reference"] == deleted[1][1]
    assert [m["reference"] for m in report["missing_sent"]] == ["NEVERSENT0001"]
    assert report["missing_sent"][0]["line"] == 30
    fields = {m["uetr"]: [f["field"] for f in m["fields"]] for m in report["mismatched"]}
    assert fields == {
        rows[0][0]: ["amount"],
        rows[1][0]: ["beneficiary"],
        rows[2][0]: ["value_date"],
        rows[4][0]: ["currency"],
    }
    amount = next(m for m in report["mismatched"] if m["uetr"] == rows[0][0])["fields"][0]
    assert Decimal(amount["local"]) == 10 * Decimal(amount["sent"])


def test_matches_by_reference_when_the_record_has_no_uetr(
    traffic: tuple[Path, list[Transfer], list[list[str]]], tmp_path: Path
) -> None:
    sent, _, rows = traffic
    no_uetr = [r[1:] for r in rows]
    path = _csv(tmp_path / "r.csv", no_uetr, HEADER[1:])
    code, out, _ = _run(str(sent), "--local", str(path), "--json")
    assert code == 0, out
    sent_uetr = rows[5][0]
    rows[5][0] = "11111111-2222-4333-8444-555555555555"  # same reference, another UETR
    code, out, _ = _run(str(sent), "--local", str(_csv(tmp_path / "r2.csv", rows)), "--json")
    report = json.loads(out)
    assert code == 1
    assert report["missing_locally"] == [] and report["missing_sent"] == []
    [changed] = report["mismatched"]
    assert changed["fields"] == [{"field": "uetr", "sent": sent_uetr, "local": rows[5][0]}]


def test_amounts_and_names_are_normalised(
    traffic: tuple[Path, list[Transfer], list[list[str]]], tmp_path: Path
) -> None:
    sent, _, rows = traffic
    for r in rows:
        whole, cents = r[4].split(".")
        r[4] = f"{int(whole):,}.{cents}0"  # "1,234.500"
        r[6] = r[6].lower().replace(" ", "  ")
        r[5] = r[5].lower()
    rows[0][6] = rows[0][6].replace("limited", "ltd")
    code, out, _ = _run(str(sent), "--local", str(_csv(tmp_path / "r.csv", rows)), "--json")
    assert code == 0, out


def test_column_mapping_and_amount_usd(tmp_path: Path) -> None:
    usd = TrafficGenerator(seed=4).transfers(6, date(2026, 2, 4), 1)  # 2 of 6 in USD
    sent = tmp_path / "s.fin"
    sent.write_text(mt_batch(usd), encoding="ascii")
    header = ["Msg Ref", "Kind", "Date", "USD", "Payee", "Note"]
    rows = [
        [t.reference, "103", t.sent_at.strftime("%Y%m%d"), f"{t.amount}", t.creditor.name, "x"] for t in usd
    ]
    path = _csv(tmp_path / "r.csv", rows, header)
    maps = [
        "--map",
        "Msg Ref=reference",
        "--map",
        "Kind=type",
        "--map",
        "Date=value_date",
        "--map",
        "USD=amount_usd",
        "--map",
        "Payee=beneficiary",
    ]
    code, out, _ = _run(str(sent), "--local", str(path), "--json", *maps)
    report = json.loads(out)
    non_usd = {t.reference for t in usd if t.currency != "USD"}
    assert {m["reference"] for m in report["mismatched"]} == non_usd
    assert all([f["field"] for f in m["fields"]] == ["currency"] for m in report["mismatched"])
    assert code == 1 and 0 < len(non_usd) < len(usd)  # both kinds present


@pytest.mark.parametrize(
    ("header", "row", "where"),
    [
        (HEADER, ["", "R1", "MT103", "2026-02-04", "12.5.0", "USD", "X"], "line 2 column amount"),
        (
            HEADER,
            ["", "", "MT103", "2026-02-04", "12.50", "USD", "X"],
            "line 2: expected a uetr or a reference",
        ),
        (HEADER, ["", "R1", "MT103", "04/02/2026", "12.50", "USD", "X"], "line 2 column value_date"),
        (HEADER, ["", "R1", "MT103", "2026-02-04", "12.50", "US", "X"], "line 2 column currency"),
        (HEADER, ["", "R1", "MT103", "2026-02-04", "12.50", "USD"], "line 2: expected 7 cells, found 6"),
        (HEADER[:4] + HEADER[5:], ["", "R1", "MT103", "2026-02-04", "USD", "X"], "missing column(s) amount"),
    ],
)
def test_bad_records_are_input_errors_naming_file_and_line(
    tmp_path: Path, header: list[str], row: list[str], where: str
) -> None:
    sent = tmp_path / "s.fin"
    sent.write_text(mt_batch(TrafficGenerator(seed=3).transfers(1, date(2026, 2, 4), 1)), encoding="ascii")
    path = _csv(tmp_path / "bad.csv", [row], header)
    code, out, err = _run(str(sent), "--local", str(path), "--json")
    assert code == 2 and out == ""
    assert "bad.csv" in err and where in " ".join(err.split())


def test_a_bad_row_late_in_the_file_is_not_skipped(
    traffic: tuple[Path, list[Transfer], list[list[str]]], tmp_path: Path
) -> None:
    sent, _, rows = traffic
    rows[20][4] = "twelve"
    code, _, err = _run(str(sent), "--local", str(_csv(tmp_path / "r.csv", rows)))
    assert code == 2 and "line 22" in err


def test_unreadable_sent_message_is_reported_not_skipped(
    traffic: tuple[Path, list[Transfer], list[list[str]]], tmp_path: Path
) -> None:
    sent, _, rows = traffic
    (sent / "broken.fin").write_text(
        "{1:F01BANKDEFFAXXX0000000000}{2:I103BANKGB2LXXXXN}{4:\r\n:20:X\r\n", encoding="ascii"
    )
    code, out, _ = _run(str(sent), "--local", str(_csv(tmp_path / "r.csv", rows)), "--json")
    report = json.loads(out)
    assert code == 1
    assert [u["source"].endswith("broken.fin#1") for u in report["unreadable"]] == [True]
    assert "block 4" in report["unreadable"][0]["errors"][0]


def test_table_output_names_the_findings(
    traffic: tuple[Path, list[Transfer], list[list[str]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rich fixes a width from COLUMNS when the console is made; undo restores `_width` to unset
    monkeypatch.setattr(console, "_width", 300)
    sent, _, rows = traffic
    gone = rows.pop(0)
    args = ["payments", "reconcile", str(sent), "--local", str(_csv(tmp_path / "r.csv", rows))]
    result = runner.invoke(app, args)
    code, out = result.exit_code, result.stdout
    assert code == 1
    assert "Sent but missing from the local records" in out and gone[1] in out


def test_findings_become_alerts_and_cases(
    traffic: tuple[Path, list[Transfer], list[list[str]]], tmp_path: Path, interdict_home: Path
) -> None:
    from interdict.cases.store import CaseStore
    from interdict.cases.tables import Alert, Case

    sent, _, rows = traffic
    rows.pop(0)
    rows[0][4] = "1.00"
    rows.append(["", "NEVERSENT0001", "MT103", "2026-02-04", "5.00", "USD", "NOBODY"])
    path = _csv(tmp_path / "r.csv", rows)
    code, out, _ = _run(str(sent), "--local", str(path), "--json", "--alerts")
    assert code == 1
    assert len(json.loads(out)["cases"]) == 3
    code, out, _ = _run(str(sent), "--local", str(path), "--json", "--alerts")  # the same findings again
    store = CaseStore()
    try:
        with store.read() as s:
            found = s.execute(select(Alert)).scalars().all()
            cases = s.execute(select(Case)).scalars().all()
            summaries = sorted(a.summary for a in found)
    finally:
        store.close()
    assert len(found) == 3 and len(cases) == 3  # a second run adds no duplicate alert
    assert any("sent but missing from the local records" in s for s in summaries)
    assert any("amount sent" in s and "recorded 1" in s for s in summaries)
    assert any("NEVERSENT0001" in s and "no sent message" in s for s in summaries)


OTHERS = Path(__file__).resolve().parents[1] / "data" / "payments" / "others"
REAL_SENT = [
    OTHERS / "moov-iso20022" / "gistfile1.xml",  # pain.001, three transactions
    OTHERS / "prowide-iso20022" / "pacs.008.001.07.xml",
    OTHERS / "prowide-iso20022" / "pacs.009.001.07.xml",
    OTHERS / "prowide-core-tests" / "MT202ParserTest_027.fin",
]
# Written from the files by hand: a corporate's records keep its EndToEndId, a bank's the MT :20: or
# InstrId; an institution transfer's beneficiary is a BIC, 8 or 11 characters.
REAL_RECORDS = [
    ["ABC/4562/2009-09-08", "pain.001", "2009-09-29", "10,000,000", "JPY", "DEF ELECTRONICS"],
    ["ABC/ABC-13679/2009-09-15", "pain.001", "2009-09-29", "500000.00", "EUR", "GHI Semiconductors"],
    ["ABC/987-AC/2009-09-27", "pain.001", "20090929", "1000000", "USD", "ABC Corporation"],
    ["23423423", "pacs.008", "2018-07-31", "5000", "USD", "Mike Smith"],
    ["ASDFASDF", "pacs.009", "2018-04-30", "22423", "USD", "HDSBKHPP"],
    ["X2XC05060308", "MT202", "2006-03-08", "12345,67", "EUR", "FOOBARYYXXX"],
]


def test_real_sample_messages_reconcile_by_reference(tmp_path: Path) -> None:
    path = _csv(tmp_path / "r.csv", REAL_RECORDS, HEADER[1:])
    code, out, err = _run(*map(str, REAL_SENT), "--local", str(path), "--json")
    assert code == 0, out + err
    assert json.loads(out)["sent"] == 6
    changed = [r[:] for r in REAL_RECORDS]
    changed[4][5] = "HDSBKHPQ"  # another bank
    changed[5][3] = "12345,76"
    code, out, _ = _run(
        *map(str, REAL_SENT), "--local", str(_csv(tmp_path / "c.csv", changed, HEADER[1:])), "--json"
    )
    report = json.loads(out)
    assert code == 1
    assert {m["reference"]: [f["field"] for f in m["fields"]] for m in report["mismatched"]} == {
        "ASDFASDF": ["beneficiary"],
        "X2XC05060308": ["amount"],
    }


def test_quoted_line_break_and_broken_quoting(tmp_path: Path) -> None:
    sent = tmp_path / "s.fin"
    t = TrafficGenerator(seed=3).transfers(1, date(2026, 2, 4), 1)[0]
    sent.write_text(mt_batch([t]), encoding="ascii")
    name = t.creditor.name.split(" ", 1)
    row = _row(t, "MT103")
    row[6] = name[0] + "\n" + name[1] if len(name) == 2 else name[0]  # one cell over two lines
    path = _csv(tmp_path / "r.csv", [row])
    code, out, err = _run(str(sent), "--local", str(path), "--json")
    assert code == 0, out + err
    path.write_text(path.read_text() + 'x,"unterminated\0,MT103\n')  # line 4
    code, _, err = _run(str(sent), "--local", str(path), "--json")
    assert code == 2 and "r.csv at line 4: unreadable CSV" in " ".join(err.split())
