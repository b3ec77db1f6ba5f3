"""Synthetic payment traffic for tests and benchmarks (not product code).

Generates realistic-looking MT103 and pacs.008 messages: a fixed population of senders (each with
its country, time zone, BIC and account), each paying a set of recurring beneficiaries in a few
corridors, at business hours of the sender's local time, with log-normal amounts per corridor.
Everything is deterministic for a given seed. All names, accounts and BICs are invented.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

FIRST = [
    "JOHN",
    "MARIA",
    "AHMED",
    "WEI",
    "ANNA",
    "PEDRO",
    "FATIMA",
    "IVAN",
    "SOFIA",
    "LUCAS",
    "AMIR",
    "YUKI",
    "OLGA",
    "CARLOS",
    "NINA",
    "OMAR",
    "LIAM",
    "EMMA",
    "RAJ",
    "MEI",
    "HANS",
    "PAULO",
    "ELENA",
    "DAVID",
    "SARA",
]
LAST = [
    "SMITH",
    "GARCIA",
    "KHAN",
    "CHEN",
    "MULLER",
    "SILVA",
    "RAHMAN",
    "PETROV",
    "ROSSI",
    "SANTOS",
    "TANAKA",
    "NOVAK",
    "LOPEZ",
    "HASSAN",
    "WONG",
    "DUBOIS",
    "KOWALSKI",
    "PEREIRA",
    "NGUYEN",
    "JENSEN",
]
ORG_A = [
    "GLOBAL",
    "NORTHERN",
    "ATLANTIC",
    "PACIFIC",
    "GOLDEN",
    "SUNRISE",
    "UNITED",
    "EASTERN",
    "ALPINE",
    "DELTA",
    "ORION",
    "SILVERLINE",
    "BLUEWATER",
    "EVERGREEN",
    "SUMMIT",
]
ORG_B = [
    "TRADING",
    "TEXTILES",
    "ELECTRONICS",
    "LOGISTICS",
    "FOODS",
    "MACHINERY",
    "PHARMA",
    "SHIPPING",
    "CHEMICALS",
    "MOTORS",
    "PAPER",
    "STEEL",
]
ORG_C = ("LTD", "LIMITED", "GMBH", "SA", "INC", "PTE LTD", "CO LTD", "LLC", "BV", "SPA")
STREETS = (
    "MAIN STREET",
    "HIGH STREET",
    "HARBOUR ROAD",
    "MARKET SQUARE",
    "STATION ROAD",
    "RIVERSIDE DRIVE",
    "INDUSTRIAL AVENUE",
    "KING STREET",
    "PARK LANE",
    "CHURCH ROAD",
)


@dataclass(frozen=True, slots=True)
class Country:
    """A country of the synthetic world: code, time zone, weekend, town, currency, IBAN bank code."""

    code: str
    tz: str
    weekend: tuple[int, ...]
    town: str
    currency: str
    iban_bank: str | None


COUNTRIES = (
    Country("DE", "Europe/Berlin", (5, 6), "FRANKFURT", "EUR", "37040044"),
    Country("FR", "Europe/Paris", (5, 6), "PARIS", "EUR", "3000600001"),
    Country("GB", "Europe/London", (5, 6), "LONDON", "GBP", "NWBK601613"),
    Country("US", "America/New_York", (5, 6), "NEW YORK", "USD", None),
    Country("SG", "Asia/Singapore", (5, 6), "SINGAPORE", "SGD", None),
    Country("JP", "Asia/Tokyo", (5, 6), "TOKYO", "JPY", None),
    Country("BD", "Asia/Dhaka", (4, 5), "DHAKA", "BDT", None),
    Country("PH", "Asia/Manila", (5, 6), "MAKATI", "PHP", None),
    Country("LK", "Asia/Colombo", (5, 6), "COLOMBO", "LKR", None),
    Country("NL", "Europe/Amsterdam", (5, 6), "AMSTERDAM", "EUR", "ABNA"),
)
# Never paid in ordinary traffic: where the heist's money goes when the sender pays every country above.
ELSEWHERE = Country("KH", "Asia/Phnom_Penh", (5, 6), "PHNOM PENH", "USD", None)
BY_CODE = {c.code: c for c in (*COUNTRIES, ELSEWHERE)}


@dataclass(frozen=True, slots=True)
class SynParty:
    """A customer: name, account, address lines, country, and its bank's BIC."""

    name: str
    account: str
    street: str
    country: str
    bank_bic: str
    individual: bool = False


@dataclass(frozen=True, slots=True)
class Transfer:
    """One synthetic credit transfer, rendered as MT103 or pacs.008."""

    uetr: str
    reference: str
    debtor: SynParty
    creditor: SynParty
    amount: Decimal
    currency: str
    sent_at: datetime  # sender's local time, naive
    tz: str
    remittance: str


@dataclass(slots=True)
class Sender:
    """A paying customer with its recurring beneficiaries."""

    party: SynParty
    beneficiaries: list[SynParty] = field(default_factory=list)
    typical: dict[str, float] = field(default_factory=dict)  # beneficiary name -> typical amount


def _bic(rng: random.Random, country: str) -> str:
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWYZ") for _ in range(4))
    return f"{letters}{country}{rng.choice('23456789')}{rng.choice('ABLMX')}XXX"


def _account(rng: random.Random, country: Country) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(11))
    if not country.iban_bank:
        return digits[:10]
    for size in (11, 10, 8):  # national account-number lengths differ; schwifty checks them
        try:
            return str(
                IBAN.generate(country.code, bank_code=country.iban_bank, account_code=digits[:size]).compact
            )
        except SchwiftyException:
            continue
    raise ValueError(f"cannot make an IBAN for {country.code}")


def make_party(rng: random.Random, country: Country, individual: bool) -> SynParty:
    """A random person or company of a country, with its account at a random bank."""
    if individual:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    else:
        name = f"{rng.choice(ORG_A)} {rng.choice(ORG_B)} {rng.choice(ORG_C)}"
    street = f"{rng.randint(1, 250)} {rng.choice(STREETS)}"
    return SynParty(name, _account(rng, country), street, country.code, _bic(rng, country.code), individual)


class TrafficGenerator:
    """A deterministic population of senders and the payments they make."""

    def __init__(self, seed: int = 7, senders: int = 40, beneficiaries: tuple[int, int] = (4, 25)) -> None:
        self.rng = random.Random(seed)
        self.senders: list[Sender] = []
        for _ in range(senders):
            home = self.rng.choice(COUNTRIES)
            s = Sender(make_party(self.rng, home, individual=False))
            for _ in range(self.rng.randint(*beneficiaries)):
                dest = home if self.rng.random() < 0.5 else self.rng.choice(COUNTRIES)
                bene = make_party(self.rng, dest, individual=self.rng.random() < 0.2)
                s.beneficiaries.append(bene)
                s.typical[bene.name] = 10 ** self.rng.uniform(2.5, 6)
            self.senders.append(s)

    def transfers(self, n: int, start: date, days: int) -> list[Transfer]:
        """`n` payments from recurring beneficiaries at business hours over `days` days, time-ordered."""
        out = []
        for _ in range(n):
            s = self.rng.choice(self.senders)
            bene = self.rng.choice(s.beneficiaries)
            amount = s.typical[bene.name] * self.rng.lognormvariate(0, 0.25)
            out.append(self.transfer(s, bene, Decimal(f"{amount:.2f}"), self._business_time(s, start, days)))
        return sorted(out, key=lambda t: (t.sent_at, t.reference))

    def transfer(
        self, s: Sender, bene: SynParty, amount: Decimal, when: datetime, text: str | None = None
    ) -> Transfer:
        """One transfer from a sender to a beneficiary."""
        country = BY_CODE[s.party.country]
        ref = "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(14))
        uetr = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        remit = text or f"/INV/{self.rng.randint(10000, 99999)} GOODS AND SERVICES"
        return Transfer(uetr, ref, s.party, bene, amount, country.currency, when, country.tz, remit)

    def repeat(self, t: Transfer, when: datetime) -> Transfer:
        """A new payment to the same beneficiary as `t` (fresh reference and UETR), at `when`."""
        sender = next(s for s in self.senders if s.party == t.debtor)
        amount = Decimal(f"{float(t.amount) * self.rng.uniform(0.9, 1.1):.2f}")
        return self.transfer(sender, t.creditor, amount, when)

    def daily(self, start: date, days: int, per_day: int, new_rate: float = 0.0) -> list[Transfer]:
        """Every sender's `per_day` payments on each of its business days from `start` for `days`
        calendar days, time-ordered; a share `new_rate` go to new beneficiaries in countries the
        sender already pays (a bank's ordinary trickle of new suppliers)."""
        out = []
        for s in self.senders:
            home = BY_CODE[s.party.country]
            for n in range(days):
                day = start + timedelta(days=n)
                if day.weekday() in home.weekend:
                    continue
                for _ in range(per_day):
                    bene = self.rng.choice(s.beneficiaries)
                    if self.rng.random() < new_rate:
                        bene = make_party(self.rng, BY_CODE[bene.country], bene.individual)
                        s.typical[bene.name] = s.typical.get(bene.name, 10 ** self.rng.uniform(2.5, 6))
                    amount = s.typical[bene.name] * self.rng.lognormvariate(0, 0.25)
                    minute = self.rng.randint(9 * 60, 17 * 60 - 1)
                    when = datetime(
                        day.year, day.month, day.day, minute // 60, minute % 60, self.rng.randrange(60)
                    )
                    out.append(self.transfer(s, bene, Decimal(f"{amount:.2f}"), when))
        return sorted(out, key=lambda t: (t.sent_at, t.reference))

    def heist(self, s: Sender, start: datetime, n: int, minutes: int = 3) -> list[Transfer]:
        """A burst in the manner of the 2016 central-bank heist: `n` instructions from sender `s`,
        one every `minutes` from `start` (a night), to new individual beneficiaries abroad at a bank
        the sender never used, in round amounts."""
        paid = {s.party.country, *(b.country for b in s.beneficiaries)}
        abroad = next((c for c in COUNTRIES if c.code not in paid), ELSEWHERE)
        bank = _bic(self.rng, abroad.code)
        out = []
        for k in range(n):
            bene = make_party(self.rng, abroad, individual=True)
            bene = SynParty(bene.name, bene.account, bene.street, bene.country, bank, True)
            amount = Decimal(self.rng.choice((10, 20, 25, 30)) * 1_000_000)
            out.append(
                self.transfer(s, bene, amount, start + timedelta(minutes=minutes * k), "/INV/PROJECT FINANCE")
            )
        return out

    def _business_time(self, s: Sender, start: date, days: int) -> datetime:
        country = BY_CODE[s.party.country]
        while True:
            day = start + timedelta(days=self.rng.randrange(days))
            if day.weekday() not in country.weekend:
                break
        minute = self.rng.randint(9 * 60, 17 * 60 - 1)
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60)


def _mt_amount(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def _town(country: str) -> str:
    return BY_CODE[country].town if country in BY_CODE else "CITY"


def _blocks(t: Transfer, mt: str, session: int, form: str, cov: bool = False) -> str:
    """Blocks 1 to 3 (and the 4 opener): an output message carries the sender's local input time in
    block 2; an input message (`form="input"`) carries none, the body gives 13C SNDTIME instead."""
    d, c = t.debtor, t.creditor
    when = t.sent_at
    receiver_lt = c.bank_bic[:8] + "A" + c.bank_bic[8:]
    sender_lt = d.bank_bic[:8] + "A" + d.bank_bic[8:]
    b3 = f"{{3:{'{119:COV}' if cov else ''}{{108:{t.reference[:16]}}}{{121:{t.uetr}}}}}"
    if form == "input":
        return f"{{1:F01{sender_lt}0000000000}}{{2:I{mt}{receiver_lt[:8]}{receiver_lt[9:]}N}}{b3}{{4:"
    mir = f"{when:%y%m%d}{sender_lt}{session % 10000:04d}{session % 1000000:06d}"
    b2 = f"O{mt}{when:%H%M}{mir}{when:%y%m%d}{when:%H%M}N"
    return f"{{1:F01{receiver_lt}0000000000}}{{2:{b2}}}{b3}{{4:"


def _sndtime(t: Transfer) -> str:
    offset = t.sent_at.replace(tzinfo=ZoneInfo(t.tz)).strftime("%z")
    return f":13C:/SNDTIME/{t.sent_at:%H%M}{offset}"


def render_mt103(t: Transfer, session: int = 1, form: str = "output") -> str:
    """The transfer as an MT103 output message (block 2 carries the sender's local input time), or
    an input message whose send time is in 13C `/SNDTIME/` with the sender's UTC offset."""
    d, c = t.debtor, t.creditor
    when = t.sent_at
    lines = [
        _blocks(t, "103", session, form),
        f":20:{t.reference[:16]}",
        *([_sndtime(t)] if form == "input" else []),
        ":23B:CRED",
        f":32A:{when:%y%m%d}{t.currency}{_mt_amount(t.amount)}",
        f":50K:/{d.account}",
        d.name[:35],
        d.street[:35],
        _town(d.country),
        d.country,
        f":52A:{d.bank_bic}",
        f":57A:{c.bank_bic}",
        f":59:/{c.account}",
        c.name[:35],
        c.street[:35],
        _town(c.country),
        c.country,
        f":70:{t.remittance[:35]}",
        ":71A:SHA",
        "-}",
    ]
    return "\r\n".join(lines)


def render_pacs008(t: Transfer) -> str:
    """The transfer as a pacs.008.001.08 Document with a head.001.001.02 AppHdr in an Envelope."""
    d, c = t.debtor, t.creditor
    created = t.sent_at.replace(tzinfo=ZoneInfo(t.tz)).isoformat(timespec="seconds")

    def acct(a: str) -> str:
        return f"<IBAN>{a}</IBAN>" if a[:2].isalpha() else f"<Othr><Id>{a}</Id></Othr>"

    def party(p: SynParty) -> str:
        town = _town(p.country)
        return (
            f"<Nm>{escape(p.name)}</Nm><PstlAdr><StrtNm>{escape(p.street)}</StrtNm><TwnNm>{town}</TwnNm>"
            f"<Ctry>{p.country}</Ctry></PstlAdr>"
        )

    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Envelope xmlns="urn:swift:xsd:envelope">'
        '<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">'
        f"<Fr><FIId><FinInstnId><BICFI>{d.bank_bic}</BICFI></FinInstnId></FIId></Fr>"
        f"<To><FIId><FinInstnId><BICFI>{c.bank_bic}</BICFI></FinInstnId></FIId></To>"
        f"<BizMsgIdr>{t.reference}</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr>"
        f"<BizSvc>swift.cbprplus.02</BizSvc><CreDt>{created}</CreDt></AppHdr>"
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>'
        f"<GrpHdr><MsgId>{t.reference}</MsgId><CreDtTm>{created}</CreDtTm><NbOfTxs>1</NbOfTxs>"
        "<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr><CdtTrfTxInf>"
        f"<PmtId><InstrId>{t.reference}</InstrId><EndToEndId>{t.reference}</EndToEndId><UETR>{t.uetr}</UETR></PmtId>"
        f'<IntrBkSttlmAmt Ccy="{t.currency}">{t.amount:.2f}</IntrBkSttlmAmt>'
        f"<IntrBkSttlmDt>{t.sent_at:%Y-%m-%d}</IntrBkSttlmDt><ChrgBr>SHAR</ChrgBr>"
        f"<InstgAgt><FinInstnId><BICFI>{d.bank_bic}</BICFI></FinInstnId></InstgAgt>"
        f"<InstdAgt><FinInstnId><BICFI>{c.bank_bic}</BICFI></FinInstnId></InstdAgt>"
        f"<Dbtr>{party(d)}</Dbtr><DbtrAcct><Id>{acct(d.account)}</Id></DbtrAcct>"
        f"<DbtrAgt><FinInstnId><BICFI>{d.bank_bic}</BICFI></FinInstnId></DbtrAgt>"
        f"<CdtrAgt><FinInstnId><BICFI>{c.bank_bic}</BICFI></FinInstnId></CdtrAgt>"
        f"<Cdtr>{party(c)}</Cdtr><CdtrAcct><Id>{acct(c.account)}</Id></CdtrAcct>"
        f"<RmtInf><Ustrd>{escape(t.remittance)}</Ustrd></RmtInf>"
        "</CdtTrfTxInf></FIToFICstmrCdtTrf></Document></Envelope>\n"
    )


def render_mt202(t: Transfer, session: int = 1, cov: bool = False, form: str = "output") -> str:
    """The transfer's cover between the two banks: an MT202 (bank to bank), or with `cov` an MT202 COV
    whose sequence B carries the underlying customer credit transfer."""
    d, c = t.debtor, t.creditor
    lines = [
        _blocks(t, "202", session, form, cov),
        f":20:{t.reference[:16]}",
        f":21:{t.reference[::-1][:16]}",
        *([_sndtime(t)] if form == "input" else []),
        f":32A:{t.sent_at:%y%m%d}{t.currency}{_mt_amount(t.amount)}",
        f":52A:{d.bank_bic}",
        f":58A:{c.bank_bic}",
    ]
    if cov:
        lines += [
            f":50K:/{d.account}", d.name[:35], d.street[:35], _town(d.country), d.country,
            f":59:/{c.account}", c.name[:35], c.street[:35], _town(c.country), c.country,
            f":70:{t.remittance[:35]}",
        ]  # fmt: skip
    return "\r\n".join([*lines, "-}"])


def render_pacs009(t: Transfer) -> str:
    """The transfer's bank-to-bank leg as a pacs.009.001.08 (financial institution credit transfer)."""
    d, c = t.debtor, t.creditor
    created = t.sent_at.replace(tzinfo=ZoneInfo(t.tz)).isoformat(timespec="seconds")

    def fi(tag: str, bic: str) -> str:
        return f"<{tag}><FinInstnId><BICFI>{bic}</BICFI></FinInstnId></{tag}>"

    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Envelope xmlns="urn:swift:xsd:envelope">'
        '<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">'
        f"<Fr><FIId><FinInstnId><BICFI>{d.bank_bic}</BICFI></FinInstnId></FIId></Fr>"
        f"<To><FIId><FinInstnId><BICFI>{c.bank_bic}</BICFI></FinInstnId></FIId></To>"
        f"<BizMsgIdr>{t.reference}</BizMsgIdr><MsgDefIdr>pacs.009.001.08</MsgDefIdr>"
        f"<BizSvc>swift.cbprplus.02</BizSvc><CreDt>{created}</CreDt></AppHdr>"
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"><FICdtTrf>'
        f"<GrpHdr><MsgId>{t.reference}</MsgId><CreDtTm>{created}</CreDtTm><NbOfTxs>1</NbOfTxs>"
        "<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr><CdtTrfTxInf>"
        f"<PmtId><InstrId>{t.reference}</InstrId><EndToEndId>{t.reference}</EndToEndId><UETR>{t.uetr}</UETR></PmtId>"
        f'<IntrBkSttlmAmt Ccy="{t.currency}">{t.amount:.2f}</IntrBkSttlmAmt>'
        f"<IntrBkSttlmDt>{t.sent_at:%Y-%m-%d}</IntrBkSttlmDt>"
        f"{fi('InstgAgt', d.bank_bic)}{fi('InstdAgt', c.bank_bic)}"
        f"{fi('Dbtr', d.bank_bic)}{fi('Cdtr', c.bank_bic)}"
        "</CdtTrfTxInf></FICdtTrf></Document></Envelope>\n"
    )


def mt_batch(transfers: list[Transfer], separator: str = "$", form: str = "output") -> str:
    """Many MT103s in one RJE-style file, separated by `$` lines (or nothing)."""
    joiner = f"\r\n{separator}\r\n" if separator else "\r\n"
    return joiner.join(render_mt103(t, i + 1, form) for i, t in enumerate(transfers)) + "\r\n"
