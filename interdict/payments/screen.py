"""Screen a payment: every name, address line, BIC, account, identifier, country and free text.

Names go through `screen` as names (with the party's kind and country as context); addresses and
free text through `screen_text` (listed names inside longer text, by sliding token windows); BICs,
accounts and other identifiers through `screen_identifier`; countries (structured codes, BIC and
IBAN countries, and places named in addresses and text) against the embargo table. An allow-list
entry (query × listed entity) suppresses one specific hit and is reported as such.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from interdict.core.entity import EntityKind, IdentifierType
from interdict.core.match import Candidate, Query
from interdict.core.payment import Party, Payment, PostalAddress
from interdict.payments.policy import ScreeningPolicy, embargo_table
from interdict.screening import (
    AllowEntry,
    AllowList,
    ScreeningIndex,
    screen_detailed,
    screen_identifier,
    screen_text,
)
from interdict.screening.records import materialise

_CACHE_LIMIT = 200_000
# Free texts whose source is an XPath ("/Envelope/...") are the text nodes no mapper reads
# (`iso_texts`), as opposed to the mapped fields ("70", "RmtInf/Ustrd").
UNMAPPED = "/"
_ONE_TOKEN_ID = re.compile(r"^(?=[^ ]*[0-9])[A-Za-z0-9./:+_-]+$")
_LETTERS = re.compile(r"[^A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Hit:
    """One screening finding in a payment (a listed entity, or an embargoed place)."""

    kind: str  # "name", "text", "identifier", "embargo", "embargo_text"
    where: str  # "creditor 59F name", "70", "creditor_agent CdtrAgt bic"
    value: str  # what was screened
    score: float
    entity: str | None = None  # "list:list_id" of the listed entity, or the embargo code
    entity_name: str | None = None
    programs: tuple[str, ...] = ()
    explanation: dict[str, Any] = field(default_factory=dict)
    suppressed_by: AllowEntry | None = None
    entity_kind: str | None = None  # "person", "organization", "vessel", ... of the listed entity

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form used in decision reasons."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "where": self.where,
            "value": self.value,
            "score": round(self.score, 4),
            "entity": self.entity,
            "entity_name": self.entity_name,
            "programs": list(self.programs),
            "entity_kind": self.entity_kind,
        }
        if self.explanation:
            out["explanation"] = self.explanation
        if self.suppressed_by:
            e = self.suppressed_by
            out["suppressed_by"] = {
                "query": e.query,
                "entity_key": e.entity_key,
                "reason": e.reason,
                "author": e.author,
                "expires": e.expires,
            }
        return out


class PaymentScreener:
    """The screening engine bound to an index, an allow list and the screening policy.

    Holds a memo of results per screened value: beneficiaries and banks recur in payment traffic,
    and the same value against the same index gives the same candidates.
    """

    def __init__(
        self,
        index: ScreeningIndex,
        policy: ScreeningPolicy,
        allow: AllowList | None = None,
        memo: bool = True,
    ) -> None:
        # A screener serves many payments: a cached index's records decoded at once, as for a
        # batch, rather than one by one (see screening.records)
        materialise(index)
        self.index = index
        self.memo = memo
        self.policy = policy
        self.allow = allow or AllowList()
        self.threshold = min(policy.hold_score, 1.0)
        codes = policy.embargo
        table = embargo_table()
        self.embargo = {
            c: table[c]
            for c in (codes if codes is not None else [k for k, v in table.items() if v.get("default")])
            if c in table
        }
        self._countries = {c: e for c, e in self.embargo.items() if "country" not in e}
        self._subdivisions = {s: c for c, e in self.embargo.items() for s in e.get("subdivisions", ())}
        words = sorted(
            {(w, c) for c, e in self.embargo.items() for w in e["names"]}, key=lambda x: -len(x[0])
        )
        self._word_code = {_plain(w): c for w, c in words}
        alternatives = "|".join(re.escape(w) for w in sorted(self._word_code, key=len, reverse=True))
        # One alternation over every embargo word, matched on word boundaries of the plain text.
        self._words = re.compile(f"(?<= )(?:{alternatives})(?= )") if alternatives else None
        self._memo: dict[tuple[str, str, str], list[Any]] = {}

    def screen_payment(self, payment: Payment) -> list[Hit]:
        """Every hit in the payment, suppressed ones included (marked with the allow entry)."""
        hits: list[Hit] = []
        for party in payment.parties:
            hits += self._party(party)
        for text in payment.texts:
            if text.source.startswith(UNMAPPED) and _ONE_TOKEN_ID.match(text.text):
                # An element the mapper does not read, holding one token of letters and digits
                # (a message id, a code): looked up as an identifier, and only its words of 5+
                # letters as text ("JUPITER-2026-11", "HAMAS2026"). Screened whole as text, random
                # references fuzzily matched short listed acronyms: ~5 % of synthetic pacs.008 held;
                # none with this rule (1,987 ids against all real lists).
                hits += self._identifier(f"{text.source} identifier", text.text, None)
                words = " ".join(w for w in _LETTERS.split(text.text) if len(w) >= 5)
                hits += self._text(text.source, words) if words else []
                continue
            hits += self._text(text.source, text.text)
            hits += self._embargo_text(text.source, text.text)
        return _dedupe(hits)

    def _party(self, party: Party) -> Iterator[Hit]:
        label = f"{party.role} {party.source}"
        if party.name:
            kind = (
                EntityKind.ORGANIZATION
                if party.is_institution
                else (EntityKind.PERSON if party.is_institution is False else None)
            )
            for name in _name_forms(party):
                yield from self._name(f"{label} name", name, kind, party.country)
        if party.address:
            yield from self._address(label, party.address)
        for value, what in self._identifiers(party):
            yield from self._identifier(
                f"{label} {what}", value, IdentifierType.BIC if what == "bic" else None
            )
        yield from self._countries_of(label, party)

    def _address(self, label: str, address: PostalAddress) -> Iterator[Hit]:
        """Each unstructured line on its own (a country code alone is checked as a country, not as
        text), and the structured parts as one text."""
        structured = ", ".join(
            p
            for p in (address.street, address.building, address.postcode, address.town, address.subdivision)
            if p
        )
        for line in (*address.lines, structured):
            if len(line.strip()) > 3:
                yield from self._text(f"{label} address", line)
            if line:
                yield from self._embargo_text(f"{label} address", line)
        sub = address.subdivision or ""
        if sub in self._subdivisions:
            code = self._subdivisions[sub]
            yield Hit("embargo", f"{label} address", sub, 1.0, code, self.embargo[code]["label"])

    def _identifiers(self, party: Party) -> Iterator[tuple[str, str]]:
        if party.bic:
            yield party.bic, "bic"
        if party.account and len(party.account.value) >= 6:
            yield party.account.value, "account"
        for scheme, value in party.identifiers:
            if scheme != "BIC":
                yield value, scheme.lower()

    def _countries_of(self, label: str, party: Party) -> Iterator[Hit]:
        seen = set()
        sources = [
            ("country", party.country),
            ("address country", party.address.country if party.address else None),
            ("BIC country", party.bic[4:6] if party.bic and len(party.bic) >= 6 else None),
            ("IBAN country", party.account.country if party.account else None),
        ]
        for what, code in sources:
            if code and code.upper() in self._countries and code.upper() not in seen:
                seen.add(code.upper())
                entry = self._countries[code.upper()]
                yield Hit("embargo", f"{label} {what}", code, 1.0, code.upper(), entry["label"])

    def _cached(self, kind: str, value: str, ctx: str, fn: Any) -> list[Any]:
        if not self.memo:
            found_now: list[Any] = fn()
            return found_now
        key = (kind, value, ctx)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > _CACHE_LIMIT:
                self._memo.clear()
            found = self._memo[key] = fn()
        return found

    def _name(self, label: str, name: str, kind: EntityKind | None, country: str | None) -> Iterator[Hit]:
        query = Query(name=name, kind=kind, country=country)
        found = self._cached(
            "name",
            name,
            f"{kind}|{country}",
            lambda: _all(screen_detailed(self.index, query, threshold=self.threshold, limit=20)),
        )
        for cand in found:
            yield self._hit("name", label, name, cand)

    def _text(self, label: str, text: str) -> Iterator[Hit]:
        words, ids = split_text(text)
        if words:
            found = self._cached(
                "text", words, "", lambda: screen_text(self.index, words, threshold=self.threshold)
            )
            for cand in found:
                yield self._hit("text", label, text, cand)
        for token in ids:
            yield from self._identifier(f"{label} text identifier", token, None)

    def _identifier(self, label: str, value: str, kind: IdentifierType | None) -> Iterator[Hit]:
        found = self._cached("id", value, str(kind), lambda: screen_identifier(self.index, value, kind))
        for cand in found:
            yield self._hit("identifier", label, value, cand)

    def _hit(self, kind: str, label: str, value: str, cand: Candidate) -> Hit:
        key = f"{cand.list}:{cand.list_id}"
        entry = self.allow.lookup(value, key) or self.allow.lookup(cand.query_form, key)
        return Hit(
            kind, label, value, cand.score, key, cand.name, cand.programs, cand.explanation.to_dict(), entry,
            cand.kind,
        )

    def _embargo_words(self, text: str) -> list[str]:
        assert self._words is not None
        return [m.group(0) for m in self._words.finditer(f" {_plain(text)} ")]

    def _embargo_text(self, label: str, text: str) -> Iterator[Hit]:
        if self._words is None:
            return
        # Addresses and texts recur like names do: the memo saves the regex scan of each one.
        found = self._cached("embargo", text, "", lambda: self._embargo_words(text))
        for word in found:
            code = self._word_code[word]
            yield Hit(
                "embargo_text",
                label,
                text,
                1.0,
                code,
                self.embargo[code]["label"],
                explanation={"method": "embargo word", "word": word},
            )


_CODE = re.compile(r"(?:^|\s)/[A-Z0-9]{2,8}/")  # MT narrative codes: /INV/ /RFB/ /ACC/ /INS/ /BNF/
_NUMBER = re.compile(r"^[0-9.,:/-]+$")
_ID_LIKE = re.compile(r"^(?:(?=.*[0-9])[A-Z0-9]{6,34}|[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)$")


@functools.lru_cache(maxsize=65536)  # pure, and the same address lines recur in every batch
def split_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Free text prepared for name search, and its identifier-like tokens.

    Narrative codes and pure numbers (house, invoice and postal numbers) are not names: they are
    left out of the sliding-window name search (which they would only slow down and confuse), and
    tokens that look like identifiers (6+ characters with a digit: accounts, IMO or passport
    numbers) or a BIC (as in `:72:/INS/CHASUS33`) are also looked up exactly as identifiers.
    """
    upper = _CODE.sub(" ", f" {text.upper()}")
    tokens = upper.replace("/", " ").split()
    words = " ".join(t for t in tokens if not _NUMBER.match(t))
    ids = tuple(dict.fromkeys(t.strip(".,:;") for t in tokens if _ID_LIKE.match(t.strip(".,:;"))))
    return words, ids


def _name_forms(party: Party) -> list[str]:
    """The party's name, and for an MT name line filled to the 35-character limit, the name
    continued on the next line (e.g. "RASA ENGINEERING SERVICES (PVT) L" + "TD")."""
    names = [party.name] if party.name else []
    lines = (
        party.raw_lines[1:] if party.raw_lines[:1] and party.raw_lines[0].startswith("/") else party.raw_lines
    )
    if party.name and len(party.name) >= 30 and len(lines) > 1 and not any(c.isdigit() for c in lines[1]):
        names.append(f"{party.name} {lines[1]}" if len(party.name) < 35 else party.name + lines[1])
    return names


def _all(result: Any) -> list[Candidate]:
    # Suppressed candidates are kept: the allow list is applied per payment field in `_hit`.
    return [*result.candidates, *(s.candidate for s in result.suppressed)]


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^0-9A-Z]+", " ", text.upper().replace("'", "")).split())


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per (party or text field, entity, kind).

    A party's address is screened line by line and as a whole (names and places may run over two
    lines), so one listed word can surface several times in the same party; those are one finding.
    It is suppressed when an analyst allowed any of its forms, else the best-scoring, most specific
    (shortest) text is kept.
    """
    best: dict[tuple[str, str | None, str], Hit] = {}
    for h in hits:
        scope = h.where.rsplit(" ", 1)[0] if h.kind == "text" else h.where
        key = (scope, h.entity, h.kind)
        old = best.get(key)
        if old is None or _rank(h) > _rank(old):
            best[key] = h
    return list(best.values())


def _rank(h: Hit) -> tuple[bool, float, int]:
    return (h.suppressed_by is not None, h.score, -len(h.value))
