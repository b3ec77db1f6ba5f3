"""Subjects across lists: entries on different lists that are the same person, company or vessel.

Two kinds of evidence link entries (union-find over all active entries):
- a reference: an entry cites another list's id (EU and UK entries cite UN reference numbers, as
  `Entity.references` = ("un:KPi.033",));
- a strong identifier shared by entries of the same kind on *different* lists: IMO number, SWIFT/BIC,
  digital-currency address, passport number with its issuing country. An identifier value that
  appears on two entries of one list is ambiguous and links nothing.
Pure functions, no storage.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import orjson

from interdict.core.entity import Entity, EntityKind, IdentifierType

_ALNUM = re.compile(r"[^0-9A-Za-z]")
# Lists whose entries others cite; their entry becomes the subject's id.
_PREFERRED_LISTS = ("un",)


@dataclass(frozen=True, slots=True)
class SubjectLink:
    """One piece of evidence that two entries are the same subject."""

    a: str  # entity key `list:list_id`
    b: str
    evidence: str  # "reference", "imo", "bic", "crypto", "passport"
    value: str  # the cited id or the shared identifier value


@dataclass(frozen=True, slots=True)
class Subjects:
    """Every active entry's subject id, and the links that joined entries."""

    members: dict[str, str]  # entity key -> subject id (the key itself for an entry on its own)
    links: tuple[SubjectLink, ...]

    def evidence_counts(self) -> dict[str, int]:
        """How many links each kind of evidence produced."""
        return dict(Counter(link.evidence for link in self.links))

    def linked_subjects(self) -> dict[str, list[str]]:
        """Subjects of two or more entries: subject id -> member keys (sorted)."""
        groups: dict[str, list[str]] = defaultdict(list)
        for key, subject in self.members.items():
            groups[subject].append(key)
        return {s: sorted(keys) for s, keys in groups.items() if len(keys) > 1}


class _UnionFind:
    """Disjoint sets over string keys, with path halving."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        """The representative of the set holding `key`."""
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: str, b: str) -> bool:
        """Join the sets of `a` and `b`; False if they were already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[rb] = ra
        return True


def identifier_keys(entity: Entity) -> list[tuple[str, str]]:
    """The entry's strong identifiers as (evidence, normalised value) pairs."""
    keys: list[tuple[str, str]] = []
    for ident in entity.identifiers:
        value = ident.value.strip()
        if ident.type is IdentifierType.IMO:
            digits = re.sub(r"\D", "", value)
            if len(digits) == 7:
                keys.append(("imo", digits))
        elif ident.type is IdentifierType.BIC:
            bic = _ALNUM.sub("", value).upper()
            if len(bic) == 11 and bic.endswith("XXX"):
                bic = bic[:8]
            if len(bic) in (8, 11):
                keys.append(("bic", bic))
        elif ident.type is IdentifierType.CRYPTO and len(value) >= 20:
            # Hex (0x...) and bech32 addresses are case-insensitive; base58 ones are not.
            lowered = value.lower()
            if lowered.startswith(("0x", "bc1", "ltc1", "tb1")):
                value = lowered
            keys.append(("crypto", value))
        elif ident.type is IdentifierType.PASSPORT and ident.country:
            number = _ALNUM.sub("", value).upper()
            if len(number) >= 5:
                keys.append(("passport", f"{ident.country.lower()}:{number}"))
    return keys


@dataclass(frozen=True, slots=True)
class LinkFacts:
    """What linking needs from one entry; small, so the store keeps it beside the entry's JSON."""

    key: str
    list: str
    kind: str
    references: tuple[str, ...] = ()  # ids this entry cites, "un:KPi.033"
    cited_as: tuple[str, ...] = ()  # other forms others may cite it by, "un:6908555"
    identifiers: tuple[tuple[str, str], ...] = ()  # (evidence, normalised value)

    def to_json(self) -> bytes:
        """The stored form (key and list are columns of their own)."""
        return orjson.dumps([self.kind, self.references, self.cited_as, self.identifiers])

    @classmethod
    def from_json(cls, key: str, list_name: str, data: str | bytes) -> LinkFacts:
        """Rebuild from `to_json` output and the entry's key and list."""
        kind, refs, cited, idents = orjson.loads(data)
        return cls(key, list_name, kind, tuple(refs), tuple(cited), tuple((e, v) for e, v in idents))


def link_facts(entity: Entity) -> LinkFacts:
    """The linking facts of one entry."""
    cited = tuple(f"{entity.list}:{value}" for name, value in entity.extra
                  if "reference" in name.lower() and value)
    return LinkFacts(entity.key, entity.list, str(entity.kind), entity.references, cited,
                     tuple(dict.fromkeys(identifier_keys(entity))))


def _compatible(a: LinkFacts, b: LinkFacts) -> bool:
    unknown = str(EntityKind.UNKNOWN)
    return a.kind == b.kind or unknown in (a.kind, b.kind)


def reference_links(facts: Sequence[LinkFacts]) -> list[SubjectLink]:
    """Links from entries that cite another active entry (`Entity.references`)."""
    index: dict[str, str] = {}  # citable form, case-folded -> entity key
    for f in facts:
        index[f.key.casefold()] = f.key
    for f in facts:
        for form in f.cited_as:
            index.setdefault(form.casefold(), f.key)
    links: list[SubjectLink] = []
    for f in facts:
        for ref in f.references:
            target = index.get(ref.strip().casefold())
            if target is not None and target != f.key:
                links.append(SubjectLink(f.key, target, "reference", ref))
    return links


def identifier_links(facts: Sequence[LinkFacts]) -> list[SubjectLink]:
    """Links between entries on different lists that share a strong identifier."""
    holders: dict[tuple[str, str], list[LinkFacts]] = defaultdict(list)
    for f in facts:
        for ident_key in f.identifiers:
            holders[ident_key].append(f)
    links: list[SubjectLink] = []
    for (evidence, value), group in holders.items():
        if len(group) < 2:
            continue
        per_list = Counter(f.list for f in group)
        if len(per_list) < 2 or max(per_list.values()) > 1:
            continue  # one list only, or ambiguous within a list
        for i, other in enumerate(group[1:], start=1):
            partner = next((g for g in group[:i] if _compatible(g, other)), None)
            if partner is not None:
                links.append(SubjectLink(partner.key, other.key, evidence, value))
    return links


def _subject_id(members: list[str]) -> str:
    return min(members, key=lambda k: (k.split(":", 1)[0] not in _PREFERRED_LISTS, k))


def link_subjects(entities: Sequence[Entity]) -> Subjects:
    """Join entries into subjects by references and shared strong identifiers."""
    return subjects_from_facts([link_facts(e) for e in entities])


def subjects_from_facts(facts: Sequence[LinkFacts]) -> Subjects:
    """Join entries, given their linking facts, into subjects (union-find over all links)."""
    links = reference_links(facts) + identifier_links(facts)
    uf = _UnionFind(f.key for f in facts)
    for link in links:
        uf.union(link.a, link.b)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in uf.parent:
        groups[uf.find(key)].append(key)
    members: dict[str, str] = {}
    for keys in groups.values():
        subject = _subject_id(keys)
        for key in keys:
            members[key] = subject
    return Subjects(members=members, links=tuple(links))
