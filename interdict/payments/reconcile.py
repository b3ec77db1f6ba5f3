"""Next-day reconciliation: the messages that went out against the sender's own records of them.

In February 2016 the malware in Bangladesh Bank deleted the sent messages from the bank's local
database and altered the printed confirmations, so the bank's records agreed with themselves while
the SWIFT traffic did not. Comparing the traffic as sent (FIN and ISO 20022 files) with the local
records catches that the morning after: a message sent but missing locally, a record with no message,
a pair whose amount, currency, value date or beneficiary differ.

Matching: by UETR where both sides carry one, else by reference (MT :20:; ISO InstrId, else MsgId,
and the EndToEndId), first come first paired; a reference pair whose UETRs differ is a mismatch on
`uetr`. A sent message that cannot be read is reported as `unreadable`, never skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from interdict.core.payment import Party, Payment
from interdict.payments.reader import ReadItem
from interdict.payments.records import LocalRecord

_LEGAL = {"LIMITED": "LTD", "COMPANY": "CO", "CORPORATION": "CORP", "INCORPORATED": "INC"}
# An MT name line holds 35 characters: a longer name in the records is truncated in the message.
_MT_LINE = 35


@dataclass(frozen=True, slots=True)
class SentMessage:
    """What reconciliation needs from one sent payment."""

    message_id: str
    uetr: str | None
    references: tuple[str, ...]  # first is the one reported
    type: str
    amount: Decimal | None
    currency: str | None
    value_date: str | None
    beneficiary: Party | None
    source: str

    @classmethod
    def of(cls, p: Payment) -> SentMessage:
        """The sent message's keys and compared facts."""
        refs = tuple(dict.fromkeys(r.strip() for r in (p.reference, p.end_to_end_id) if r and r.strip()))
        return cls(
            message_id=p.message_id,
            uetr=p.uetr.lower() if p.uetr else None,
            references=refs,
            type=p.type,
            amount=p.amount if p.amount is not None else p.instructed_amount,
            currency=p.currency or p.instructed_currency,
            value_date=p.value_date.isoformat() if p.value_date else None,
            beneficiary=p.beneficiary,
            source=p.source,
        )

    @property
    def beneficiary_text(self) -> str | None:
        """The beneficiary as reported: name, else BIC, else account."""
        b = self.beneficiary
        if b is None:
            return None
        return b.name or b.bic or (b.account.value if b.account else None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of a message sent but missing from the records."""
        return {
            "uetr": self.uetr,
            "reference": self.references[0] if self.references else None,
            "type": self.type,
            "amount": str(self.amount) if self.amount is not None else None,
            "currency": self.currency,
            "value_date": self.value_date,
            "beneficiary": self.beneficiary_text,
            "source": self.source,
            "message_id": self.message_id,
        }


@dataclass(slots=True)
class Reconciliation:
    """The findings: what is reported, and the counts on each side."""

    sent: int
    local: int
    missing_locally: list[SentMessage] = field(default_factory=list)
    missing_sent: list[LocalRecord] = field(default_factory=list)
    mismatched: list[tuple[SentMessage, LocalRecord, list[dict[str, Any]]]] = field(default_factory=list)
    unreadable: list[ReadItem] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Nothing to report."""
        return not (self.missing_locally or self.missing_sent or self.mismatched or self.unreadable)

    def to_dict(self) -> dict[str, Any]:
        """The `--json` object."""
        return {
            "sent": self.sent,
            "local": self.local,
            "missing_locally": [m.to_dict() for m in self.missing_locally],
            "missing_sent": [r.to_dict() for r in self.missing_sent],
            "mismatched": [
                {
                    "uetr": m.uetr or r.uetr,
                    "reference": m.references[0] if m.references else r.reference,
                    "fields": diffs,
                    "source": m.source,
                    "line": r.line,
                    "message_id": m.message_id,
                }
                for m, r, diffs in self.mismatched
            ],
            "unreadable": [
                {"source": i.source, "type": i.raw_type, "errors": [str(e) for e in i.errors]}
                for i in self.unreadable
            ],
        }


def reconcile(items: Iterable[ReadItem], records: list[LocalRecord]) -> Reconciliation:
    """Pair sent messages with records (UETR first, then reference) and report every difference."""
    sent: dict[str, SentMessage] = {}
    unreadable = []
    for item in items:
        if item.payment is None:
            unreadable.append(item)
        else:  # the same message read twice (a resend, a file in two folders) is one message
            sent.setdefault(item.payment.message_id, SentMessage.of(item.payment))
    messages = list(sent.values())
    pairs = _pair(messages, records)
    out = Reconciliation(sent=len(messages), local=len(records), unreadable=unreadable)
    paired_records = {id(r) for r in pairs.values()}
    for m in messages:
        rec = pairs.get(m.message_id)
        if rec is None:
            out.missing_locally.append(m)
        elif diffs := differences(m, rec):
            out.mismatched.append((m, rec, diffs))
    out.missing_sent = [r for r in records if id(r) not in paired_records]
    return out


def _pair(messages: list[SentMessage], records: list[LocalRecord]) -> dict[str, LocalRecord]:
    """message_id -> record: by UETR over every message first, then by reference among the rest."""
    pairs: dict[str, LocalRecord] = {}
    by_uetr: dict[str, list[LocalRecord]] = {}
    for r in records:
        if r.uetr:
            by_uetr.setdefault(r.uetr, []).append(r)
    for m in messages:
        found = by_uetr.get(m.uetr or "")
        if found:
            pairs[m.message_id] = found.pop(0)
    taken = {id(r) for r in pairs.values()}
    by_ref: dict[str, list[LocalRecord]] = {}
    for r in records:
        if r.reference and id(r) not in taken:
            by_ref.setdefault(r.reference, []).append(r)
    for m in messages:
        if m.message_id in pairs:
            continue
        for ref in m.references:
            # The record may carry another UETR: the pair is kept and the UETR reported as differing.
            found = by_ref.get(ref)
            if found:
                pairs[m.message_id] = found.pop(0)
                break
    return pairs


def differences(m: SentMessage, r: LocalRecord) -> list[dict[str, Any]]:
    """The compared facts that differ between a sent message and its record."""
    out: list[dict[str, Any]] = []

    def differ(name: str, sent: object, local: object) -> None:
        out.append({"field": name, "sent": sent, "local": local})

    if r.uetr and m.uetr and r.uetr != m.uetr:
        differ("uetr", m.uetr, r.uetr)
    if r.amount is not None and (m.amount is None or m.amount.compare(r.amount) != 0):
        differ("amount", _num(m.amount), _num(r.amount))
    if r.currency and r.currency != (m.currency or "").upper():
        differ("currency", m.currency, r.currency)
    if r.value_date and r.value_date.isoformat() != m.value_date:
        differ("value_date", m.value_date, r.value_date.isoformat())
    if r.beneficiary and not same_beneficiary(m.beneficiary, r.beneficiary):
        differ("beneficiary", m.beneficiary_text, r.beneficiary)
    return out


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def normalise_name(name: str | None) -> str:
    """Upper case letters and digits, single spaces, common legal forms abbreviated."""
    words = re.sub(r"[^0-9A-Z]+", " ", (name or "").upper()).split()
    return " ".join(_LEGAL.get(w, w) for w in words)


def same_beneficiary(party: Party | None, local: str) -> bool:
    """Whether the record's beneficiary (a name, BIC or account) is the message's beneficiary.

    Names compare normalised; a name longer than an MT line may be cut at 35 characters in the
    message (and may continue on the field's next line)."""
    if party is None:
        return False
    want = normalise_name(local)
    compact = want.replace(" ", "")
    if party.bic and compact in (party.bic, party.bic[:8], party.bic[:8] + "XXX"):
        return True
    if party.account and compact == re.sub(r"[^0-9A-Z]", "", party.account.value.upper()):
        return True
    names = [normalise_name(party.name)]
    if party.name and party.raw_lines:
        lines = [ln for ln in party.raw_lines if not ln.startswith("/")]
        if party.name in lines:
            at = lines.index(party.name)
            names.append(normalise_name(" ".join(lines[at : at + 2])))
    for name in names:
        if name and (want == name or (len(party.name or "") >= _MT_LINE - 2 and want.startswith(name))):
            return True
    return False
