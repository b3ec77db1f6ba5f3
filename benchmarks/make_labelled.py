"""Generate the large labelled screening set, reproducibly, from the real lists.

    .venv/bin/python benchmarks/make_labelled.py [--out benchmarks/data/screening_labelled.jsonl]

True variants: real UN and OFAC SDN names put through the documented transformations of
`labelled_transforms.py` (DPRK entries weighted ×3). Hard negatives: ordinary names built from the
most common given names and surnames, real non-listed companies (South Korean banks first),
generated look-alike company names, and addresses whose street is a listed one-word name. A negative
is dropped if it could be a listed name (see `ListedNames.could_be_listed`). Fixed seed; the method
is described in docs/screening-evaluation.md.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import labelled_tables as tables
from anyascii import anyascii
from labelled_transforms import CYRILLIC, KOREAN, NAME_TRANSFORMS, identifier_query
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from interdict.core.config import SHARED_LIST_FILES, shared_data_dir
from interdict.core.entity import Entity, EntityKind, Name, NameQuality
from interdict.lists.formats import parse_list

SEED = 20261126
OUT = Path(__file__).resolve().parent / "data" / "screening_labelled.jsonl"
LIST_FILES = SHARED_LIST_FILES
# How many true variants per transformation (fewer where few names qualify, e.g. Hangul).
QUOTAS = {
    "korean_romanization": 450, "arabic_variant": 250, "cyrillic_variant": 200,
    "transliteration": 200, "original_script": 200, "order": 250, "typo": 350, "initials": 150,
    "dropped_middle": 150, "joined_split": 100, "org_legal_form": 250, "case_punctuation": 100,
    "identifier": 200,
}
_ARTICLES = {"al", "el", "ad", "as", "ash", "ar", "an", "at", "bin", "ibn", "ben", "the", "of", "and"}
_LEGAL = {w.lower().strip(".,") for row in tables.LEGAL_FORMS for s in row for w in s.split()} | {
    "group", "holding", "holdings", "international", "enterprise", "enterprises", "company", "co", "ltd"}
# Spelling-insensitive key for vetting: RR/MR vowels and consonants, y/i, doubled letters.
_SKELETON = (("yeo", "yo"), ("oo", "u"), ("eo", "o"), ("eu", "u"), ("ou", "o"), ("ee", "i"), ("y", "i"),
             ("j", "ch"), ("sh", "s"), ("kh", "h"), ("b", "p"), ("g", "k"), ("d", "t"))
_ARABIC_CANON = {s: g[0] for g in tables.ARABIC_GROUPS for s in g}


def canonical(text: str, *, organization: bool = False) -> tuple[str, ...]:
    """Sorted name tokens after anyascii, case, punctuation and the spelling groups of the tables."""
    tokens = re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split()
    out = []
    for token in tokens:
        if token in _ARTICLES or (organization and token in _LEGAL):
            continue
        for table in (KOREAN, CYRILLIC):
            if token in table:
                token = table[token][0]
        out.append(_skeleton(_ARABIC_CANON.get(token, token)))
    return tuple(sorted(out))


def _skeleton(token: str) -> str:
    for old, new in _SKELETON:
        token = token.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", token)


class ListedNames:
    """Every name on the loaded lists, in canonical form, to label variants and vet negatives."""

    def __init__(self, entities: list[Entity]) -> None:
        self.by_canon: dict[tuple[str, ...], set[str]] = {}
        self.by_token: dict[str, set[int]] = {}
        self.names: list[tuple[str, ...]] = []
        self.entities = {e.key: e for e in entities}
        for e in entities:
            for n in e.names:
                canon = canonical(n.full, organization=e.kind != EntityKind.PERSON)
                if not canon:
                    continue
                self.by_canon.setdefault(canon, set()).add(e.key)
                for token in canon:
                    self.by_token.setdefault(token, set()).add(len(self.names))
                self.names.append(canon)
        self.strings = [" ".join(c) for c in self.names]

    def could_be_listed(self, text: str, *, person: bool) -> bool:
        """True if the text equals a listed name, is within 2 edits of one, or (persons) a part of one."""
        canon = canonical(text, organization=not person)
        if not canon or canon in self.by_canon:
            return True
        if person:
            sets = [self.by_token.get(t, set()) for t in canon]
            if all(sets) and set.intersection(*sets):
                return True  # a part of a listed name (a listed name with a dropped middle name)
            have = Counter(canon)
            for idx in set().union(*sets):
                if len(self.names[idx]) >= 2 and not Counter(self.names[idx]) - have:
                    return True  # a listed name with an extra middle name
        return self._near(canon)

    def _near(self, canon: tuple[str, ...]) -> bool:
        """A listed name with the same words up to one typo (as the typo transform makes) in ≤ 2 words."""
        joined = " ".join(canon)
        if len(joined) >= 5 and process.extractOne(joined, self.strings, scorer=Levenshtein.distance,
                                                   score_cutoff=1) is not None:
            return True
        candidates = set().union(*(self.by_token.get(t, set()) for t in canon))
        for idx in candidates:
            other = self.names[idx]
            if len(other) != len(canon):
                continue
            diffs = [(a, b) for a, b in zip(canon, other, strict=True) if a != b]
            if len(diffs) <= 2 and all(min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1
                                       for a, b in diffs):
                return True
        return False

    def accepted(self, entity: Entity, source: str, dob: str | None) -> list[str]:
        """The source entry plus entries with the same name (same person/organisation on another list)."""
        canon = canonical(source, organization=entity.kind != EntityKind.PERSON)
        keys = {entity.key}
        for key in self.by_canon.get(canon, ()):
            other = self.entities[key]
            if other.kind == entity.kind and _dob_compatible(dob, other.birth_dates):
                keys.add(key)
        return sorted(keys)


def _dob_compatible(dob: str | None, dates: tuple[str, ...]) -> bool:
    return dob is None or not dates or any(d.startswith(dob[:4]) or dob.startswith(d) for d in dates)


def load_entities(data: Path) -> list[Entity]:
    """All entries of the real lists the benchmark loads (UN, OFAC SDN advanced, OFAC consolidated)."""
    entities: list[Entity] = []
    for rel in LIST_FILES:
        entities.extend(parse_list(data / "lists" / rel).entities)
    return entities


def positives(rng: random.Random, listed: ListedNames, entities: list[Entity]) -> Iterator[dict[str, Any]]:
    """True variants of UN and OFAC SDN names, QUOTAS per transformation."""
    pool = [e for e in entities if e.list in ("un", "ofac_sdn")
            and e.kind in (EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.VESSEL)]
    weighted = [e for e in pool for _ in range(3 if _dprk(e) else 1)]
    seen: set[tuple[str, str]] = set()
    for category, quota in QUOTAS.items():
        rng.shuffle(weighted)
        made = 0
        for entity in weighted:
            if made >= quota:
                break
            row = _variant(rng, listed, entity, category)
            if row is None or (row["query"], category) in seen:
                continue
            seen.add((row["query"], category))
            made += 1
            yield row


def _variant(rng: random.Random, listed: ListedNames, entity: Entity, category: str) -> dict[str, Any] | None:
    if category == "identifier":
        query = identifier_query(rng, entity)
        source = entity.primary_name
        kind = "any"
    else:
        names = [n for n in entity.names if n.quality == NameQuality.STRONG]
        if not names:
            return None
        name: Name = rng.choice(names)
        query = NAME_TRANSFORMS[category](rng, entity, name)
        source, kind = name.full, entity.kind.value
    if not query or not query.strip():
        return None
    dob = _pick_dob(rng, entity)
    country = entity.nationalities[0] if entity.nationalities and rng.random() < 0.3 else None
    expected = listed.accepted(entity, source, dob) if category != "identifier" else [entity.key]
    return {"query": query, "kind": kind, "dob": dob, "country": country, "expected": expected,
            "category": category, "source": entity.key, "source_name": source}


def _pick_dob(rng: random.Random, entity: Entity) -> str | None:
    if entity.kind != EntityKind.PERSON or not entity.birth_dates or rng.random() >= 0.4:
        return None
    dob = rng.choice(entity.birth_dates)
    return dob[:4] if rng.random() < 0.3 else dob


def _dprk(entity: Entity) -> bool:
    return any(p.upper().startswith(("DPRK", "KP")) for p in entity.programs)


def negatives(rng: random.Random, listed: ListedNames) -> Iterator[dict[str, Any]]:
    """Hard negatives: common names, real companies, look-alike companies, addresses."""
    seen: set[str] = set()
    for category, query, kind, country in _negative_candidates(rng, listed):
        person = kind == "person"
        if query in seen or (category != "hard_negative_address_word"
                             and listed.could_be_listed(query, person=person)):
            continue
        seen.add(query)
        dob = f"{rng.randrange(1950, 2004)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" \
            if person and rng.random() < 0.4 else None
        yield {"query": query, "kind": kind, "dob": dob, "country": country, "expected": [],
               "category": category, "source": None, "source_name": None}


Candidate = tuple[str, str, str, str | None]  # category, query, kind, country


def _negative_candidates(rng: random.Random, listed: ListedNames) -> Iterator[Candidate]:
    t = tables
    for _ in range(550):
        sur, given = rng.choice(t.KOREAN_SURNAMES), rng.choice(t.KOREAN_GIVEN)
        style = rng.randrange(3)
        name = [f"{sur} {given}", f"{sur} {given.replace('-', '').capitalize()}", f"{given} {sur}"][style]
        yield "hard_negative_korean_name", name, "person", "kr" if rng.random() < 0.5 else None
    for _ in range(400):
        parts = [rng.choice(t.ARABIC_GIVEN), rng.choice(t.ARABIC_GIVEN), rng.choice(t.ARABIC_FAMILY)]
        if rng.random() < 0.5:
            del parts[1]
        if rng.random() < 0.4:
            parts[-1] = rng.choice(("Al-", "El-", "al ")) + parts[-1]
        yield "hard_negative_arabic_name", " ".join(parts), "person", None
    for _ in range(350):
        female = rng.random() < 0.4
        given = rng.choice(t.RUSSIAN_GIVEN_F if female else t.RUSSIAN_GIVEN_M)
        sur = rng.choice(t.RUSSIAN_SURNAMES) + ("a" if female else "")
        stem = t.PATRONYMIC_STEMS[rng.choice(t.RUSSIAN_GIVEN_M)]
        patronymic = stem + ("na" if female else "ich")
        name = f"{given} {patronymic} {sur}" if rng.random() < 0.5 else f"{given} {sur}"
        yield "hard_negative_russian_name", name, "person", None
    for _ in range(250):
        name = f"{rng.choice(t.CHINESE_SURNAMES)} {rng.choice(t.CHINESE_GIVEN)}"
        yield "hard_negative_chinese_name", name, "person", None
    for _ in range(150):
        name = f"{rng.choice(t.WESTERN_GIVEN)} {rng.choice(t.WESTERN_SURNAMES)}"
        yield "hard_negative_western_name", name, "person", None
    for name in t.SOUTH_KOREAN_BANKS:
        yield "hard_negative_south_korean_bank", name, "organization", "kr"
    for name in t.SOUTH_KOREAN_COMPANIES:
        yield "hard_negative_south_korean_company", name, "organization", "kr"
    for name in t.OTHER_COMPANIES:
        yield "hard_negative_real_company", name, "organization", None
    yield from _lookalike_orgs(rng)
    yield from _addresses(rng, listed)


_PLACES = ("Incheon", "Ulsan", "Pohang", "Gwangyang", "Changwon", "Daejeon", "Suwon", "Mokpo", "Yeosu",
           "Gunsan", "Pyeongtaek", "Jeju", "Seoul", "Busan", "Gangnam", "Hanbit", "Saerom", "Haneul",
           "Mirae", "Daehan", "Samil", "Hanul", "Dongbu", "Seohae", "Namhae", "Sunrise", "Blue Ocean",
           "Golden Bridge", "Pacific", "Orient", "Evergreen", "Silver Star", "Harmony", "Unity")
_SECTORS = ("Trading", "Shipping", "Industrial", "Technology", "Development", "Investment", "Logistics",
            "Marine", "Steel", "Chemical", "Electronics", "Textile", "Fisheries", "Mining", "Construction")
_FORMS = ("Corporation", "Co., Ltd.", "Company", "Co.", "Group", "Limited")


def _lookalike_orgs(rng: random.Random) -> Iterator[Candidate]:
    for _ in range(400):
        head = rng.choice(("Korea", "Korean", "Hankook", "Dandong", "Dalian", "Shenyang", "Hong Kong",
                           "Singapore", "Vladivostok", ""))
        name = " ".join(p for p in (head, rng.choice(_PLACES), rng.choice(_SECTORS), rng.choice(_FORMS)) if p)
        yield "hard_negative_lookalike_org", name, "organization", None


def _addresses(rng: random.Random, listed: ListedNames) -> Iterator[Candidate]:
    words = sorted({n.full.strip() for e in listed.entities.values() for n in e.names
                    if e.kind in (EntityKind.VESSEL, EntityKind.ORGANIZATION) and not n.script
                    and re.fullmatch(r"[A-Za-z]{4,12}", n.full.strip())
                    and n.quality == NameQuality.STRONG})
    for _ in range(350):
        word = rng.choice(words).capitalize()
        city, cc = rng.choice(tables.CITIES)
        number, street = rng.randrange(1, 300), rng.choice(tables.STREET_TYPES)
        text = rng.choice((f"{number} {word} {street}, {city}", f"{word} {street} {number}, {city}",
                           f"Flat {rng.randrange(1, 40)}, {word} House, {number} Harbour {street}, {city}"))
        yield "hard_negative_address_word", text, "any", cc


def main(argv: list[str] | None = None) -> int:
    """Write the labelled set and print its composition."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = shared_data_dir()
    if data is None:
        print("../shared/data not found (set INTERDICT_SHARED_DATA)", file=sys.stderr)
        return 2
    entities = load_entities(data)
    listed = ListedNames(entities)
    rng = random.Random(SEED)
    rows = list(positives(rng, listed, entities)) + list(negatives(rng, listed))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i, row in enumerate(rows, 1):
            fh.write(json.dumps({"id": f"q{i:05d}", **row}, ensure_ascii=False) + "\n")
    tmp.replace(args.out)
    counts = Counter(r["category"] for r in rows)
    print(f"{len(rows)} rows -> {args.out}")
    for category, n in sorted(counts.items()):
        print(f"  {category:38s} {n:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
