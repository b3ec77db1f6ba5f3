"""Map a parsed MT message onto the Payment model, per message type.

MT202 COV / MT205 COV: sequence B (the underlying customer credit transfer) starts at the first
:50a: field; every field from there on belongs to sequence B. Some real senders (see the shared
GoPlasmatic samples) put :72: and :33B: of sequence B after :70:, which this rule accepts.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from interdict.core.errors import MessageFormatError
from interdict.core.payment import FreeText, Party, Payment
from interdict.payments import mt_fields as f
from interdict.payments.accounts import bic_country
from interdict.payments.mt import MtField, MtMessage

_CUSTOMER_ROLES = {"50": "debtor", "59": "creditor"}
_AGENT_ROLES = {
    "51": "sending_institution",
    "52": "debtor_agent",
    "53": "sender_correspondent",
    "54": "receiver_correspondent",
    "55": "reimbursement_institution",
    "56": "intermediary",
    "57": "creditor_agent",
}
_INSTITUTION_TRANSFER = {"52": "debtor", "58": "creditor"}  # MT202/205 sequence A = pacs.009 Dbtr/Cdtr
_TEXT_TAGS = ("70", "72", "79", "77B", "77A", "76", "77T")


@dataclass(frozen=True, slots=True)
class _Spec:
    mandatory: tuple[str, ...]
    institution_transfer: bool = False  # MT2xx: 52a/58a are the debtor/creditor institutions


_SPECS: dict[str, _Spec] = {
    "103": _Spec(("20", "23B", "32A", "50", "59", "71A")),
    "202": _Spec(("20", "21", "32A", "58"), institution_transfer=True),
    "205": _Spec(("20", "21", "32A", "52", "58"), institution_transfer=True),
    "199": _Spec(("20", "79")),
    "299": _Spec(("20", "79")),
    "192": _Spec(("20", "21", "11S")),
    "292": _Spec(("20", "21", "11S")),
    "196": _Spec(("20", "21", "76")),
    "296": _Spec(("20", "21", "76")),
    "190": _Spec(("20", "21", "32")),
    "290": _Spec(("20", "21", "32")),
    "191": _Spec(("20", "21", "32")),
    "291": _Spec(("20", "21", "32")),
    "900": _Spec(("20", "21", "25", "32A")),
    "910": _Spec(("20", "21", "25", "32A")),
}


def to_payment(msg: MtMessage) -> Payment:
    """The Payment carried by one MT message; raises MessageFormatError for a missing or bad field."""
    spec = _SPECS.get(msg.mt_type)
    if spec is None:
        raise MessageFormatError(msg.source, "block 2", f.unsupported_type(msg.mt_type))
    flag = msg.header("119")
    seq_a, seq_b = _sequences(msg, spec)
    tags = {fl.tag[:2] for fl in seq_a} | {fl.tag for fl in seq_a}
    for need in spec.mandatory:
        if need not in tags:
            raise MessageFormatError(
                msg.source, f"field :{need}a:", f"mandatory field missing for MT{msg.mt_type}"
            )
    if flag == "COV" and not any(fl.tag.startswith("59") for fl in seq_b):
        raise MessageFormatError(
            msg.source, "sequence B", "MT COV without :59a: beneficiary customer in sequence B"
        )
    sender, receiver = _bics(msg)
    parties = [
        Party("sender", "block 1/2", bic=sender, is_institution=True, country=bic_country(sender or "")),
        Party("receiver", "block 2", bic=receiver, is_institution=True, country=bic_country(receiver or "")),
    ]
    parties += _parties(seq_a, msg.source, spec, "")
    parties += _parties(seq_b, msg.source, spec, "underlying_")
    return _build(msg, spec, seq_a, seq_b, parties, sender, receiver)


def _build(
    msg: MtMessage,
    spec: _Spec,
    seq_a: list[MtField],
    seq_b: list[MtField],
    parties: list[Party],
    sender: str | None,
    receiver: str | None,
) -> Payment:
    one = {fl.tag: fl.value for fl in seq_a}
    b = {fl.tag: fl.value for fl in seq_b}
    value_date = currency = amount = None
    if "32A" in one:
        value_date, currency, amount = f.parse_32a(one["32A"], msg.source)
    instructed = one.get("33B") or b.get("33B")
    i_ccy, i_amt = f.parse_ccy_amount(instructed, msg.source, "33B") if instructed else (None, None)
    rate = None
    if "36" in one:
        rate = f.parse_amount(one["36"], msg.source, "36")
    texts = [FreeText(fl.tag, fl.value) for fl in seq_a if fl.tag in _TEXT_TAGS]
    texts += [FreeText(f"B/{fl.tag}", fl.value) for fl in seq_b if fl.tag in _TEXT_TAGS]
    codes = [(fl.tag, fl.value) for fl in seq_a if fl.tag in ("23B", "23E", "26T", "71A", "13C")]
    for fl in [*seq_a, *seq_b]:
        if fl.tag in ("72", "79"):
            codes += [(fl.tag, c) for c in re.findall(r"^/(RETN|REJT)/", fl.value, re.MULTILINE)]
    kind = f"MT{msg.mt_type}" + (" COV" if msg.header("119") == "COV" else "")
    return Payment(
        message_id=message_identity(msg),
        format="mt",
        type=kind,
        source=msg.source,
        uetr=msg.header("121"),
        reference=one.get("20"),
        related_reference=one.get("21"),
        sender_bic=sender,
        receiver_bic=receiver,
        amount=amount,
        currency=currency,
        value_date=value_date,
        instructed_amount=i_amt,
        instructed_currency=i_ccy,
        exchange_rate=rate,
        charges=one.get("71A"),
        created_at=_sent_at(msg),
        validation_flag=msg.header("119"),
        parties=tuple(parties),
        texts=tuple(texts),
        codes=tuple(codes),
    )


def _sequences(msg: MtMessage, spec: _Spec) -> tuple[list[MtField], list[MtField]]:
    fields = list(msg.fields)
    if not spec.institution_transfer:
        return fields, []
    start = next((i for i, fl in enumerate(fields) if fl.tag.startswith("50")), len(fields))
    return fields[:start], fields[start:]


def _parties(fields: list[MtField], source: str, spec: _Spec, prefix: str) -> list[Party]:
    out = []
    for fl in fields:
        head = fl.tag[:2]
        label = f"B/{fl.tag}" if prefix else fl.tag
        if spec.institution_transfer and not prefix and head in _INSTITUTION_TRANSFER:
            role, institution = _INSTITUTION_TRANSFER[head], True
        elif head in _CUSTOMER_ROLES:
            role, institution = _CUSTOMER_ROLES[head], False
        elif head in _AGENT_ROLES or head == "58":
            role, institution = _AGENT_ROLES.get(head, "creditor"), True
        else:
            continue
        out.append(f.parse_party(fl.tag, fl.lines, prefix + role, source, institution, label))
    return out


def _bics(msg: MtMessage) -> tuple[str | None, str | None]:
    """Sender and receiver: input messages are sent by block 1's LT and go to block 2's address;
    output messages came from the MIR's LT (block 2) to block 1's LT."""
    own = msg.block1[3:11] + msg.block1[12:15]
    if msg.direction == "I":
        other = msg.block2[4:12] + msg.block2[13:16]
        return own, other
    mir_lt = msg.block2[14:26]
    return mir_lt[:8] + mir_lt[9:12], own


def _sent_at(msg: MtMessage) -> datetime | None:
    """For output messages, the input time and date of the MIR (sender's local time, as SWIFT gives)."""
    if msg.direction != "O":
        return None
    b2 = msg.block2
    try:  # by hand: strptime costs more than the rest of the header parsing
        yy, mo, dd, hh, mi = (int(b2[i : i + 2]) for i in (8, 10, 12, 4, 6))
        return datetime(1900 + yy if yy >= 80 else 2000 + yy, mo, dd, hh, mi)
    except ValueError as exc:
        raise MessageFormatError(
            msg.source, "block 2", "expected HHMM and YYMMDD input time and date"
        ) from exc


def message_identity(msg: MtMessage) -> str:
    """A content hash over what a resend keeps (types, parties, blocks 3 and 4), so a possible duplicate
    emission with new session numbers has the same identity and a modified message does not."""
    body = "\n".join(f":{fl.tag}:{fl.value}" for fl in msg.fields)
    head = msg.block2[:4] + "|".join(f"{t}={v}" for t, v in msg.block3 if t != "433")
    sender, receiver = _bics(msg)
    digest = hashlib.sha256(f"{sender}>{receiver}|{head}|{body}".encode()).hexdigest()
    return "mt-" + digest[:24]
