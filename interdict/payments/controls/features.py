"""What the controls look at in one payment: sender, beneficiary, bank, corridor, amount and time."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from interdict.core.payment import Party, Payment
from interdict.payments.event_time import event_time
from interdict.payments.policy import Policy, SenderSettings, country_calendar
from interdict.screening import tables

# Words that mark an organisation rather than a private individual (upper case, whole words): the
# legal forms of screening's table (`screening/data/legal_forms.tsv`), and these words of names of
# organisations that are not legal forms. AB, AS, OY, PTY and TBK are legal forms the table lacks;
# they stay here because adding them there would change how screening weighs names ("AS" is also
# the Arabic article in "AS SAYED").
_ORG_WORDS_NOT_IN_TABLE = frozenset(
    {
        *("AB", "AS", "OY", "PTY", "TBK"),
        *("BANK", "BANCO", "BANQUE", "TRUST", "FUND", "FOUNDATION", "ASSOCIATION", "INTERNATIONAL"),
        *("GROUP", "HOLDING", "HOLDINGS", "ENTERPRISES", "INDUSTRIES", "SERVICES", "TRADING"),
        *("ENGINEERING", "TECHNOLOGIES", "TECHNOLOGY", "SOLUTIONS", "UNIVERSITY", "MINISTRY"),
        *("AUTHORITY", "AGENCY", "GOVERNMENT", "CHAMBER"),
    }
)
# Legal forms of the table that are also common in persons' names (Pat, Sal, Ao, Prat) or an
# ordinary word (too): alone they do not make the beneficiary an organisation.
_NOT_ALONE = frozenset({"PAT", "PRAT", "SAL", "AO", "TOO"})


@functools.cache
def org_words() -> frozenset[str]:
    """Whole words (upper case) that mark a beneficiary's name as an organisation's."""
    legal = {w.upper() for w in tables.legal_forms()} - _NOT_ALONE
    return frozenset(legal | _ORG_WORDS_NOT_IN_TABLE)


@dataclass(frozen=True, slots=True)
class PaymentFeatures:
    """The facts of one payment that the behavioural controls compare with the sender's history."""

    message_id: str
    sender: str  # debtor account, else debtor name, else sender BIC
    ts: datetime  # UTC, naive
    local_ts: datetime  # in the sender's time zone, naive
    amount: float
    currency: str
    bene_name: str  # normalised
    bene_account: str
    bene_country: str
    debtor_country: str
    bank: str  # beneficiary bank: BIC8 of the creditor agent, else its name
    individual: bool | None  # beneficiary is a private individual (None = cannot tell)
    uetr: str = ""
    clock: str = ""  # where `ts` was read: "13C/SNDTIME", "block2", "CreDtTm", "wall" (event_time)

    @property
    def bene_key(self) -> str:
        """Beneficiary identity: normalised name and account."""
        return f"{self.bene_name}|{self.bene_account}"

    @property
    def corridor(self) -> str:
        """Debtor country > beneficiary country : currency."""
        return f"{self.debtor_country}>{self.bene_country}:{self.currency}"


def normalise_name(name: str | None) -> str:
    """Upper case, letters and digits only, single spaces."""
    return " ".join(re.sub(r"[^0-9A-Z]+", " ", (name or "").upper()).split())


def is_individual(party: Party | None) -> bool | None:
    """True for a private individual, False for an organisation, None when the payment does not say."""
    if party is None:
        return None
    if party.is_institution is not None:
        return not party.is_institution
    if party.birth_date:
        return True
    words = set(normalise_name(party.name).split())
    if not words:
        return None
    return not (words & org_words())


def sender_key(payment: Payment) -> str:
    """Whose history a payment belongs to: the debtor account, else debtor name, else sender BIC."""
    debtor = payment.ordering_party
    if debtor and debtor.account:
        return debtor.account.value
    if debtor and debtor.name:
        return normalise_name(debtor.name)
    return payment.sender_bic or "unknown"


def sender_zone(payment: Payment, settings: SenderSettings) -> tuple[ZoneInfo, tuple[str, ...]]:
    """The sender's time zone and weekend days: the policy, else the calendar of its country."""
    country = settings.country or _sender_country(payment)
    tz_name, weekend = country_calendar().get(country or "", ("UTC", ("sat", "sun")))
    return _zone(settings.timezone or tz_name), tuple(settings.weekend) if settings.weekend else weekend


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> ZoneInfo:
    # ZoneInfo keeps only a few zones strongly cached; traffic from many countries otherwise
    # re-reads the tz files for most payments (a third of the time spent on features).
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return ZoneInfo("UTC")


def _sender_country(payment: Payment) -> str | None:
    debtor = payment.ordering_party
    if debtor and debtor.country:
        return debtor.country
    bic = payment.sender_bic or ""
    return bic[4:6] if len(bic) >= 6 else None


def features(payment: Payment, policy: Policy, now: datetime, on_date: date | None = None) -> PaymentFeatures:
    """Extract the features at the payment's event time (`event_time`: its own clock, `on_date` for
    13C times of messages without a date of their own, `now` (UTC) only if it carries no time); a
    naive time is the sender's local time (as SWIFT gives MT input times), an aware one is converted."""
    sender = sender_key(payment)
    debtor_acct = (
        payment.ordering_party.account.value
        if payment.ordering_party and payment.ordering_party.account
        else None
    )
    settings = policy.sender(debtor_acct, payment.sender_bic)
    zone, _ = sender_zone(payment, settings)
    when = event_time(payment, now, on_date)
    aware = when.at if when.at.tzinfo is not None else when.at.replace(tzinfo=zone)
    bene = payment.beneficiary
    agent = payment.party("underlying_creditor_agent") or payment.party("creditor_agent")
    bank = agent.bic[:8] if agent and agent.bic else normalise_name(agent.name if agent else None)
    return PaymentFeatures(
        message_id=payment.message_id,
        sender=sender,
        ts=aware.astimezone(UTC).replace(tzinfo=None),
        local_ts=aware.astimezone(zone).replace(tzinfo=None),
        amount=float(payment.amount or payment.instructed_amount or 0),
        currency=payment.currency or payment.instructed_currency or "",
        bene_name=normalise_name(bene.name if bene else None) or (bene.bic or "" if bene else ""),
        bene_account=bene.account.value if bene and bene.account else "",
        bene_country=(bene.country if bene else None) or (agent.country if agent else None) or "",
        debtor_country=_sender_country(payment) or "",
        bank=bank,
        individual=is_individual(bene),
        uetr=payment.uetr or "",
        clock=when.clock,
    )
