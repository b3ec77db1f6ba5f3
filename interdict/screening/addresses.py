"""Screening a street address against the listed entries' addresses.

Comparison is rigour's address matcher (`rigour.addresses.compare_address`): it reads keywords
in their alias forms (`St.`/`Street`, `Rd`/`Road`), countries by code (`UAE`/`United Arab
Emirates`/`ae`), ignores the order of parts and sinks pairs whose house numbers differ. A listed
address is compared whole, without its postcode, and as street and city only (a query often
leaves those out); the best reading counts. Candidates come from an inverted index of the
addresses' fingerprint tokens (a linear scan of the 14,000 listed street addresses took 2 s per
query), built on first use and kept in the index's memo.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from interdict.core.entity import Address, EntityKind
from interdict.core.match import Candidate, Explanation
from interdict.screening.index import DERIVED, ScreeningIndex

MAX_CANDIDATES = 300  # addresses compared precisely per query, the rarest shared tokens first
NAME = "address_index"  # its name in the index cache, and in the memo after DERIVED
MEMO_KEY = DERIVED + NAME
STREET_WORDS = (r"street|st|road|rd|avenue|ave|av|boulevard|blvd|lane|ln|drive|dr|highway|hwy|"
                r"strasse|straße|str|ulitsa|ul|prospekt|pr|rue|calle|via|avenida|jalan|jl|"
                r"floor|fl|building|bldg|tower|suite|block|blk|house|office|p\.?o\.?\s*box")
# House number next to a street word ("28 Timiryazev St", "Schottweg 3 ... Street"), or a postcode.
_HOUSE_AND_STREET = re.compile(rf"\b\d+[a-z]?\b.*\b({STREET_WORDS})\b|\b({STREET_WORDS})\b.*\b\d+\b",
                               re.IGNORECASE)
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|\d{5}(-\d{4})?)\b")  # UK / US, DE, FR...


def looks_like_address(text: str) -> bool:
    """True for a query that is clearly a postal address: a house number with a street word, or
    a postcode beside other words (a name screen with `--kind any` then also tries it as one)."""
    if "," not in text and len(text.split()) < 3:
        return False
    return bool(_HOUSE_AND_STREET.search(text) or (_POSTCODE.search(text) and len(text.split()) >= 3))


def screened_as_address(kind: EntityKind | None, text: str) -> bool:
    """True when screening reads the listed addresses for this query: asked for (`--kind
    address`), or a query of no kind that `looks_like_address`."""
    return kind == EntityKind.ADDRESS or (kind is None and looks_like_address(text))


def fingerprint_tokens(text: str) -> tuple[str, ...]:
    """The normalised tokens of an address (keywords shortened, countries as codes), via rigour."""
    from rigour.addresses import address_fingerprint

    return tuple((address_fingerprint(text) or "").split())


@dataclass(frozen=True, slots=True)
class AddressIndex:
    """Every listed address that names a street, with its fingerprint tokens indexed."""

    owners: tuple[tuple[int, int], ...]  # (entity number, address number) per listed address
    postings: dict[str, tuple[int, ...]]
    idf: dict[str, float]


def token_idf(n: int, size: int) -> float:
    """The weight of a fingerprint token held by `size` of `n` addresses (its rarity)."""
    return math.log((n + 1) / size)


def address_index(index: ScreeningIndex, keep: bool = True) -> AddressIndex:
    """The address index of a screening index: read from the index cache when it holds one
    (`address_cache`), else built on first use (and memoised, unless not `keep`)."""
    return index.derived(NAME, build_address_index, keep)


def build_address_index(index: ScreeningIndex) -> AddressIndex:
    """Every listed street address's fingerprint tokens, indexed (rigour: the slow part)."""
    owners: list[tuple[int, int]] = []
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for e_no, entity in enumerate(index.entities):
        for a_no, address in enumerate(entity.addresses):
            if not address.street:
                continue
            for token in set(fingerprint_tokens(address.full)):
                postings[token].append(len(owners))
            owners.append((e_no, a_no))
    n = max(len(owners), 1)
    return AddressIndex(tuple(owners), {k: tuple(v) for k, v in postings.items()},
                        {k: token_idf(n, len(v)) for k, v in postings.items()})


def _renderings(address: Address) -> list[str]:
    parts = (address.street, address.city, address.region, address.country)
    without_postcode = ", ".join(p for p in parts if p)
    street_city = ", ".join(p for p in (address.street, address.city) if p)
    return [address.full, without_postcode, street_city]


def _part_matches(address: Address, query_tokens: set[str]) -> dict[str, str]:
    """Per part of the listed address: `matched`, `partly` or `not in query` (for the explanation)."""
    out: dict[str, str] = {}
    for part, value in (("street", address.street), ("city", address.city),
                        ("postal_code", address.postal_code)):
        if not value:
            continue
        tokens = set(fingerprint_tokens(value))
        shared = len(tokens & query_tokens)
        out[part] = "matched" if tokens and shared == len(tokens) else "partly" if shared else "not in query"
    if address.country:
        code = address.country.lower()
        hit = any(t == code or t.startswith(code + "-") for t in query_tokens)
        out["country"] = "matched" if hit else "not in query"
    return out


def _candidates(aidx: AddressIndex, tokens: tuple[str, ...]) -> list[int]:
    scores: defaultdict[int, float] = defaultdict(float)
    for token in set(tokens):
        for a in aidx.postings.get(token, ()):
            scores[a] += aidx.idf[token]
    return sorted(scores, key=lambda a: -scores[a])[:MAX_CANDIDATES]


def screen_address(index: ScreeningIndex, text: str, threshold: float, *,
                   whole_street: bool = False) -> dict[int, Candidate]:
    """Entities with a listed address that matches `text` at or above `threshold`, best address each.

    `whole_street`: only addresses whose every street word is in the query. A query merely guessed
    to be an address (`--kind any`) must not alert on a near one: "Sevastopolsky Prospekt 28" is
    not shown the listed "Sevastopolskii Pr 28, Korp. 1" unless the user asks for addresses."""
    from rigour.addresses import compare_address

    aidx = address_index(index)
    tokens = fingerprint_tokens(text)
    out: dict[int, Candidate] = {}
    for a in _candidates(aidx, tokens):
        e_no, a_no = aidx.owners[a]
        address = index.entities[e_no].addresses[a_no]
        score = max(compare_address(text, r) for r in _renderings(address))
        if score < threshold or (e_no in out and out[e_no].score >= score):
            continue
        parts = _part_matches(address, set(tokens))
        if whole_street and parts.get("street") != "matched":
            continue
        matched = [p for p, state in parts.items() if state == "matched"]
        why = (f"address {text!r} ~ listed {address.full!r}: "
               + ", ".join(f"{p} {state}" for p, state in parts.items()))
        expl = Explanation(method="address", query_form=" ".join(tokens), listed_value=address.full,
                           score=round(score, 4), why=why).with_extra(address_parts=parts,
                                                                      matched_parts=matched)
        entity = index.entities[e_no]
        out[e_no] = Candidate(list=entity.list, list_id=entity.list_id, subject_id=index.subject_of(e_no),
                              name=entity.primary_name, matched_name=address.full, query_form=text.strip(),
                              score=round(score, 4), kind=entity.kind.value, programs=entity.programs,
                              explanation=expl)
    return out
