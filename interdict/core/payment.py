"""The payment: what the SWIFT MT and ISO 20022 parsers produce and screening and controls read.

Both formats map onto the same small, immutable types. Parties and agents share one `Party` type
(an agent is a party with `is_institution=True` and usually a BIC); `role` says which part it
plays, with the same names for MT tags and ISO elements (50a = Dbtr = "debtor", 57a = CdtrAgt =
"creditor_agent"). Parties of an underlying customer transfer (MT202 COV sequence B, pacs.009
UndrlygCstmrCdtTrf) carry the prefix "underlying_"; parties repeated from the original transaction
of a return (pacs.004 OrgnlTxRef / RtrChain) carry "original_". Country codes are ISO 3166-1
alpha-2 in upper case, as payment messages write them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

# Roles of customers (as opposed to financial institutions acting as agents).
CUSTOMER_ROLES = frozenset({"debtor", "creditor", "ultimate_debtor", "ultimate_creditor", "initiating_party"})


@dataclass(frozen=True, slots=True)
class Account:
    """An account as the message gives it; `iban_valid` is set when it looks like an IBAN."""

    value: str
    scheme: str = "other"  # "iban", "other", "clearing" (//FW..., /C/, /D/ prefixes)
    iban_valid: bool | None = None
    country: str | None = None  # from a valid IBAN


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """A postal address: unstructured lines and/or structured parts."""

    lines: tuple[str, ...] = ()
    street: str | None = None
    building: str | None = None
    postcode: str | None = None
    town: str | None = None
    subdivision: str | None = None
    country: str | None = None

    def text(self) -> str:
        """All the address as one line of text, for screening inside free text."""
        parts = [*self.lines, self.street, self.building, self.postcode, self.town, self.subdivision]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Party:
    """A customer or an agent (financial institution) of a payment."""

    role: str  # "debtor", "creditor", "creditor_agent", "intermediary", "sender", ...
    source: str  # where it came from: MT tag ("50K", "B/59F") or ISO path ("CdtTrfTxInf/Cdtr")
    name: str | None = None
    address: PostalAddress | None = None
    account: Account | None = None
    bic: str | None = None
    is_institution: bool | None = None  # None = the message does not say
    country: str | None = None  # of residence / address / BIC, best known
    birth_date: str | None = None
    birth_place: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()  # (scheme, value): ("LEI", ...), ("NIDN", ...)
    raw_lines: tuple[str, ...] = ()  # the field's lines as sent (MT), for free-text screening


@dataclass(frozen=True, slots=True)
class FreeText:
    """A free-text field: remittance information, sender-to-receiver information, narrative."""

    source: str  # "70", "72", "79", "RmtInf/Ustrd", "InstrForCdtrAgt/InstrInf", ...
    text: str


@dataclass(frozen=True, slots=True)
class Payment:
    """One payment message (or one transaction of a multi-transaction ISO 20022 message)."""

    message_id: str  # identity used to store the decision once (see `payments.identity`)
    format: str  # "mt" or "iso20022"
    type: str  # "MT103", "MT202COV", "pacs.008.001.08", ...
    source: str  # file name and position, for messages
    uetr: str | None = None
    reference: str | None = None  # MT :20: / ISO InstrId or MsgId
    end_to_end_id: str | None = None
    related_reference: str | None = None  # MT :21:
    sender_bic: str | None = None
    receiver_bic: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    value_date: date | None = None
    instructed_amount: Decimal | None = None
    instructed_currency: str | None = None
    exchange_rate: Decimal | None = None
    charges: str | None = None  # OUR / SHA / BEN (ISO DEBT / SHAR / CRED mapped to MT codes)
    created_at: datetime | None = None
    validation_flag: str | None = None  # MT {119:} STP / COV / REMIT; ISO BizSvc
    parties: tuple[Party, ...] = ()
    texts: tuple[FreeText, ...] = ()
    codes: tuple[tuple[str, str], ...] = field(default=())  # ("23B", "CRED"), ("RtrRsn", "AC04")

    def party(self, role: str) -> Party | None:
        """The first party playing `role`, if any."""
        for p in self.parties:
            if p.role == role:
                return p
        return None

    @property
    def beneficiary(self) -> Party | None:
        """The final beneficiary: underlying creditor of a cover, else the creditor."""
        return self.party("underlying_creditor") or self.party("creditor")

    @property
    def ordering_party(self) -> Party | None:
        """The originator: underlying debtor of a cover, else the debtor."""
        return self.party("underlying_debtor") or self.party("debtor")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (decimals and dates as strings, empty fields left out)."""
        out: dict[str, Any] = _jsonable(self)
        return out


def _jsonable(value: Any) -> Any:
    # Hand-rolled rather than dataclasses.asdict, which deep-copies every value (5x slower here).
    if hasattr(value, "__dataclass_fields__"):
        pairs = ((k, getattr(value, k)) for k in value.__dataclass_fields__)
        return {k: _jsonable(v) for k, v in pairs if v is not None and v != ()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value
