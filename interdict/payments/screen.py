"""Screen a payment: every name, address line, BIC, account, identifier, country and free text.

Names go through `screen` as names (with the party's kind and country as context); addresses and
free text through `screen_text` (listed names inside longer text, by sliding token windows); BICs,
accounts and other identifiers through `screen_identifier`; countries (structured codes, BIC and
IBAN countries, and places named in addresses and text) against the embargo table. An allow-list
entry (query × listed entity) suppresses one specific hit and is reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from interdict.core.entity import EntityKind, IdentifierType
from interdict.core.match import Candidate, Query
from interdict.core.payment import Party, Payment
from interdict.payments.policy import ScreeningPolicy, embargo_table
from interdict.screening import (
    AllowEntry,
    AllowList,
    ScreeningIndex,
    screen_detailed,
    screen_identifier,
    screen_text,
)

_CACHE_LIMIT = 200_000


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
        self, index: ScreeningIndex, policy: ScreeningPolicy, allow: AllowList | None = None
    ) -> None:
        self.index = index
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
        self._words = [(f" {_plain(w)} ", c) for w, c in words]
        self._memo: dict[tuple[str, str, str], list[Candidate]] = {}

    def screen_payment(self, payment: Payment) -> list[Hit]:
        """Every hit in the payment, suppressed ones included (marked with the allow entry)."""
        hits: list[Hit] = []
        for party in payment.parties:
            hits += self._party(party)
        for text in payment.texts:
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
            yield from self._name(f"{label} name", party.name, kind, party.country)
        if party.address:
            for line in (*party.address.lines, party.address.text()):
                if line:
                    yield from self._text(f"{label} address", line)
                    yield from self._embargo_text(f"{label} address", line)
            sub = party.address.subdivision or ""
            if sub in self._subdivisions:
                code = self._subdivisions[sub]
                yield Hit(
                    "embargo",
                    f"{label} address",
                    sub,
                    1.0,
                    code,
                    self.embargo[code]["label"],
                )
        if party.name and len(party.raw_lines) > 2 and not party.source.endswith("F"):
            # Names in MT party fields may run over two lines: screen the lines together as text too.
            yield from self._text(f"{label} lines", " ".join(party.raw_lines[1:]))
        for value, what in self._identifiers(party):
            yield from self._identifier(
                f"{label} {what}", value, IdentifierType.BIC if what == "bic" else None
            )
        yield from self._countries_of(label, party)

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

    def _cached(self, kind: str, value: str, ctx: str, fn: Any) -> list[Candidate]:
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
        found = self._cached(
            "text", text, "", lambda: screen_text(self.index, text, threshold=self.threshold)
        )
        for cand in found:
            yield self._hit("text", label, text, cand)

    def _identifier(self, label: str, value: str, kind: IdentifierType | None) -> Iterator[Hit]:
        found = self._cached("id", value, str(kind), lambda: screen_identifier(self.index, value, kind))
        for cand in found:
            yield self._hit("identifier", label, value, cand)

    def _hit(self, kind: str, label: str, value: str, cand: Candidate) -> Hit:
        key = f"{cand.list}:{cand.list_id}"
        entry = self.allow.lookup(value, key) or self.allow.lookup(cand.query_form, key)
        return Hit(kind, label, value, cand.score, key, cand.name, cand.programs, cand.explanation, entry)

    def _embargo_text(self, label: str, text: str) -> Iterator[Hit]:
        plain = f" {_plain(text)} "
        for word, code in self._words:
            if word in plain:
                yield Hit(
                    "embargo_text",
                    label,
                    text,
                    1.0,
                    code,
                    self.embargo[code]["label"],
                    explanation={"method": "embargo word", "word": word.strip()},
                )


def _all(result: Any) -> list[Candidate]:
    # Suppressed candidates are kept: the allow list is applied per payment field in `_hit`.
    return [*result.candidates, *(s.candidate for s in result.suppressed)]


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^0-9A-Z]+", " ", text.upper().replace("'", "")).split())


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per (field, entity), keeping the best score."""
    best: dict[tuple[str, str | None, str], Hit] = {}
    for h in hits:
        key = (h.where, h.entity, h.kind)
        if key not in best or h.score > best[key].score:
            best[key] = h
    return list(best.values())
