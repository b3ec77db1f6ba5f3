"""A replayed attack in the manner of the February 2016 central-bank heist.

A central bank in Bangladesh normally pays a handful of institutions abroad during office hours.
On a Thursday night (the Bangladeshi weekend is Friday and Saturday) a burst of MT103s leaves for
new individual beneficiaries in the Philippines, through a bank the sender never used, whose
branch sits on "JUPITER STREET" (a listed vessel is called JUPITER); one beneficiary is a
misspelling of a known one ("SHALIKA FANDATION"). Every attack message must be held, for the
right reasons; the JUPITER false positive is then suppressed by an audited allow-list entry, and
the messages stay held on the behavioural controls alone; ordinary traffic is released.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from interdict.core.store import connect
from interdict.payments import store
from interdict.payments.controls.features import features
from interdict.payments.pipeline import PaymentPipeline
from interdict.payments.policy import Policy
from interdict.payments.reader import read_bytes
from interdict.payments.screen import PaymentScreener
from interdict.payments.storage import allow as allow_store
from interdict.screening import AllowEntry, ScreeningIndex

SENDER = "BBHOBDDHXXX"
KNOWN = [  # (name, account, bank BIC, country, individual?)
    ("SHALIKA FOUNDATION", "LK00112233", "CCEYLKLXXXX", "LK"),
    ("JAPAN EXAMPLE DEVELOPMENT AGENCY", "JP4455667788", "BOTKJPJTXXX", "JP"),
    ("WORLD EXAMPLE SUPPLIES INC", "US99887766", "CHASUS33XXX", "US"),
]


def mt103(
    ref: str, when: datetime, amount: str, name: str, account: str, bank: list[str], country: str
) -> str:
    """An MT103 output message from the central bank; `bank` is the 57a field (tag line first)."""
    b2 = f"O103{when:%H%M}{when:%y%m%d}BBHOBDDHAXXX0001{int(ref[-6:]):06d}{when:%y%m%d}{when:%H%M}N"
    lines = [
        f"{{1:F01FRNYUS33AXXX0000000000}}{{2:{b2}}}{{3:{{108:{ref}}}}}{{4:",
        f":20:{ref}",
        ":23B:CRED",
        f":32A:{when:%y%m%d}USD{amount}",
        ":50K:/000123456789",
        "BANGLADESH EXAMPLE CENTRAL BANK",
        "MOTIJHEEL",
        "DHAKA",
        "BD",
        ":52A:BBHOBDDH",
        *bank,
        f":59:/{account}",
        name,
        f"1 EXAMPLE ROAD {country}",
        country,
        ":70:/INV/PROJECT FINANCE",
        ":71A:OUR",
        "-}",
    ]
    return "\r\n".join(lines)


def history() -> str:
    out, t = [], datetime(2026, 8, 3, 10, 0)
    for n in range(45):
        name, acct, bic, country = KNOWN[n % 3]
        when = t + timedelta(days=2 * n, hours=n % 5)
        if when.weekday() in (4, 5):  # Friday, Saturday: no payments on the weekend
            when += timedelta(days=2)
        out.append(
            mt103(f"HIST{n:06d}", when, f"{250000 + 1000 * (n % 9)},00", name, acct, [f":57A:{bic}"], country)
        )
    return "\r\n$\r\n".join(out)


def attack() -> str:
    out, start = [], datetime(2026, 11, 26, 22, 30)  # Thursday night, Dhaka time
    rcbc = [":57D:EXAMPLE COMMERCIAL BANKING CORP", "JUPITER STREET BRANCH", "MAKATI CITY PH"]
    for n in range(12):
        name = "SHALIKA FANDATION" if n == 4 else f"MICHAEL CRUZ EXAMPLE{n}"
        out.append(
            mt103(
                f"ATCK{n:06d}",
                start + timedelta(minutes=4 * n),
                "20000000,00",
                name,
                f"108104{n:03d}",
                rcbc,
                "PH",
            )
        )
    return "\r\n$\r\n".join(out)


def test_replayed_heist_is_held_and_allow_list_is_audited(
    small_index: ScreeningIndex, tmp_path: Path
) -> None:
    policy = Policy()
    conn = connect(tmp_path / "bank.duckdb")
    store.ensure_schema(conn)
    learned = [
        features(i.payment, policy, datetime(2026, 11, 1))
        for i in read_bytes(history().encode(), "hist.fin")
        if i.payment
    ]
    assert len(learned) == 45 and store.add_history(conn, learned) == 45

    def run(text: str, source: str) -> list:  # type: ignore[type-arg]
        screener = PaymentScreener(
            small_index, policy.screening, allow_store.allow_list(conn, today=date(2026, 11, 27))
        )
        pipeline = PaymentPipeline(conn, screener, policy, now=datetime(2026, 11, 27))
        return [o.decision for o in pipeline.run(read_bytes(text.encode(), source))]

    decisions = run(attack(), "attack.fin")
    assert len(decisions) == 12 and all(d.decision == "hold" for d in decisions)
    for n, d in enumerate(decisions):
        fired = {r.detail.get("control") for r in d.reasons if r.kind == "control"}
        assert {
            "outside_hours",
            "new_beneficiary",
            "new_country",
            "new_corridor",
            "new_bank",
            "individual_from_institutional_account",
        } <= fired | ({"individual_from_institutional_account"} if n == 4 else set())
        assert any(r.kind == "sanctions" and "JUPITER" in r.message and "57D" in r.message for r in d.reasons)
        if n >= 10:  # the 11th payment within the hour breaks the velocity limit of 10
            assert "velocity" in fired
    misspelled = decisions[4]
    assert any(
        "'SHALIKA FANDATION' is a close misspelling of known beneficiary 'SHALIKA FOUNDATION'" in r.message
        for r in misspelled.reasons
    )

    # The analyst reviews the JUPITER hit: the branch street, not the listed vessel. Suppress that hit.
    allow_store.add_allow(
        conn,
        AllowEntry(
            "JUPITER STREET BRANCH",
            "test:JUP",
            "street of the beneficiary bank branch",
            "analyst.rahman",
            "2027-02-28",
        ),
    )
    replay = attack().replace("ATCK", "ATCR")  # the attackers retry with new references
    retried = run(replay, "retry.fin")
    assert all(d.decision == "hold" for d in retried)
    for d in retried:
        assert not any(r.kind == "sanctions" and r.action == "hold" for r in d.reasons)
        assert any(
            r.kind == "suppressed" and "analyst.rahman" in r.message and "2027-02-28" in r.message
            for r in d.reasons
        )
    assert [(row[1], row[3]) for row in allow_store.audit_log(conn)] == [("add", "analyst.rahman")]

    # Ordinary traffic is not disturbed: a known beneficiary on a Monday morning is released.
    normal = mt103(
        "NORM000001", datetime(2026, 11, 30, 10, 15), "252000,00", *KNOWN[2][:2], [":57A:CHASUS33XXX"], "US"
    )
    [ok] = run(normal, "normal.fin")
    assert ok.decision == "release", ok.reasons
