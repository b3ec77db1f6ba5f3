"""An independent probe of the name screen: listed names varied as screening-test decks vary them.

    INTERDICT_HOME=DIR .venv/bin/python benchmarks/variant_probe.py --home DIR [--limit 100] [--json OUT]
        [--misses CATEGORY] [--seed 7]

DIR is a data home with the real UN consolidated list and the OFAC SDN advanced XML loaded
(`interdict lists load ...`); the index is opened as `interdict screen` opens it. Written without
reading the own labelled set's generator (benchmarks/make_labelled.py and its tables), so that it does
not share its blind spots. The categories follow what screening-test guides list (typos: insertion,
deletion, substitution, transposition, doubled letters, keyboard and OCR slips; transliteration and
phonetic spellings; diacritics; word order, dropped and joined words; titles; initials; truncation;
legal forms of companies; vessel prefixes) — e.g. Sia Partners' "Driving accuracy for sanctions
screening" and the Federal Reserve's fuzzy-matching assessment of sanctions screening.

Positives: one strong Latin-script name of a listed entry, varied by one category (or two, `combined`);
a positive is found when a candidate at the engine's default threshold is its entry (or the entry's
cross-list subject). Entries are split by a hash of their key into half A (for tuning) and half B
(held out); every figure is given for each half. Negatives: (a) generated customer names
(synthetic/customers.py), (b) near-misses: one word of a listed name replaced by another real word of
the same kind (a given name by another given name, a company word by a word of another listed company
name), kept only when no listed name is written with the same words. A negative is a false positive
when any candidate reaches the threshold. Seeded and deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from probe_variants import CATEGORIES, LEGAL, LEGAL_FORMS, pick_word, surname_at, words
from rapidfuzz.distance import Levenshtein

from interdict.core.entity import Entity, EntityKind, NameQuality
from interdict.core.match import Query
from interdict.screening import DEFAULT_THRESHOLD, ScreeningIndex, screen_many
from synthetic.customers import customer_names, given_names


def half(key: str) -> str:
    return "A" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "B"


def latin(name: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


def folded(name: str) -> tuple[str, ...]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    return tuple(sorted(re.findall(r"[a-z0-9]+", plain)))


FORM_WORDS = frozenset(w for form in LEGAL_FORMS for w in re.findall(r"[a-z0-9]+", form))
PARTICLES = frozenset({"bin", "bint", "ibn", "abu", "al", "el", "de", "da", "van", "von", "der", "la", "le"})


def bare(name: str) -> tuple[str, ...]:
    """The folded words less legal-form words: "OOO Interpal" is the listed "INTERPAL"."""
    return tuple(w for w in folded(name) if w not in FORM_WORDS)


def dprk(e: Entity) -> bool:
    return any(p.upper().startswith(("DPRK", "KP")) for p in e.programs)


@dataclass
class Probe:
    category: str
    half: str
    query: str
    source: str  # the listed name varied
    e_no: int  # -1 for a negative


def strong_names(e: Entity) -> list[str]:
    return [n.full for n in e.names if n.quality == NameQuality.STRONG and n.script is None
            and latin(n.full) and sum(c.isalpha() for c in n.full) >= 4]


def positives(index: ScreeningIndex, limit: int, seed: int) -> list[Probe]:
    order = list(range(len(index.entities)))
    random.Random(seed).shuffle(order)
    out: list[Probe] = []
    for cat, variant in sorted(CATEGORIES.items()):
        count = {"A": 0, "B": 0}
        for e_no in order:
            e = index.entities[e_no]
            h = half(e.key)
            if count[h] >= limit:
                if min(count.values()) >= limit:
                    break
                continue
            names = strong_names(e)
            if not names:
                continue
            rng = random.Random(f"{seed}:{cat}:{e.key}")
            name = rng.choice(names)
            q = variant(name, e, rng)
            if q is None or q == name or not q.strip():
                continue
            out.append(Probe(cat, h, q, name, e_no))
            count[h] += 1
    return out


def negatives(index: ScreeningIndex, n: int, seed: int) -> list[Probe]:
    listed = {folded(nm.full) for e in index.entities for nm in e.names}
    listed_bare = {bare(nm.full) for e in index.entities for nm in e.names}
    rng = random.Random(seed)
    out = [Probe("customer", half(q), q, "", -1) for q in customer_names(rng, n)
           if folded(q) not in listed]
    given = [g for g in given_names() if len(g) >= 4]
    org_words: list[str] = sorted({w for e in index.entities if e.kind == EntityKind.ORGANIZATION
                                   for nm in strong_names(e) for w in words(nm.upper())
                                   if w.isalpha() and len(w) >= 5 and w.lower() not in LEGAL})
    order = list(range(len(index.entities)))
    rng.shuffle(order)
    count = {"A": 0, "B": 0}
    for e_no in order:
        e = index.entities[e_no]
        if e.kind not in (EntityKind.PERSON, EntityKind.ORGANIZATION):
            continue
        h = half(e.key)
        if count[h] >= n // 2:
            if min(count.values()) >= n // 2:
                break
            continue
        names = [nm for nm in strong_names(e) if len(words(nm)) >= 2]
        if not names:
            continue
        name = rng.choice(names)
        ws = words(name)
        if e.kind == EntityKind.PERSON:
            s = surname_at(e, len(ws))
            choices = [j for j in range(len(ws)) if j != s and ws[j].lower().strip(".,") not in PARTICLES]
            if not choices:
                continue
            i = rng.choice(choices)
            pool: Sequence[str] = given
        else:
            picked = pick_word(ws, rng, 5)
            if picked is None:
                continue
            i, pool = picked, org_words
        new = rng.choice(pool)
        if Levenshtein.normalized_distance(new.lower(), ws[i].lower()) < 0.5:
            continue
        new = new.upper() if ws[i].isupper() else new.title()
        q = " ".join([*ws[:i], new, *ws[i + 1:]])
        if folded(q) in listed or bare(q) in listed_bare:  # another listed name, legal form aside
            continue
        out.append(Probe("near_miss", h, q, name, e_no))
        count[h] += 1
    return out


def found(index: ScreeningIndex, p: Probe, cands: Sequence[object]) -> bool:
    subject = index.subject_of(p.e_no)
    key = index.entities[p.e_no].key
    return any(c.subject_id == subject or f"{c.list}:{c.list_id}" == key  # type: ignore[attr-defined]
               for c in cands)


def main() -> None:
    parser = argparse.ArgumentParser(description="independent variant probe of the name screen")
    parser.add_argument("--home", type=Path, required=True, help="data home with UN + OFAC SDN loaded")
    parser.add_argument("--limit", type=int, default=100, help="queries per category and half")
    parser.add_argument("--negatives", type=int, default=1000, help="customer names and near-misses (each)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the figures (and misses) here")
    parser.add_argument("--misses", help="print the misses of this category (or 'fp') on half A")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    os.environ["INTERDICT_HOME"] = str(args.home)
    from interdict.services.name_screening import open_index

    index = open_index()
    threshold = DEFAULT_THRESHOLD
    pos = positives(index, args.limit, args.seed)
    neg = negatives(index, args.negatives, args.seed)
    probes = pos + neg
    results = list(screen_many(index, [Query(p.query) for p in probes], threshold=threshold, limit=10,
                               workers=args.workers, expected=len(probes)))
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[dict[str, object]]] = defaultdict(list)
    for p, cands in zip(probes, results, strict=True):
        if p.e_no >= 0 and p.category in CATEGORIES:
            ok = found(index, p, cands)
            groups = [p.category, "ALL"] + (["DPRK"] if dprk(index.entities[p.e_no]) else [])
            for g in groups:
                tally[(g, p.half)][0] += ok
                tally[(g, p.half)][1] += 1
            if not ok:
                best = [f"{c.list}:{c.list_id} {c.matched_name!r} {c.score:.2f}" for c in cands[:2]]
                misses[p.category].append({"half": p.half, "query": p.query, "listed": p.source,
                                           "key": index.entities[p.e_no].key, "got": best})
        else:
            fp = bool(cands)
            tally[(p.category, p.half)][0] += fp
            tally[(p.category, p.half)][1] += 1
            if fp:
                misses["fp"].append({"half": p.half, "category": p.category, "query": p.query,
                                     "listed": p.source, "got": [f"{c.list}:{c.list_id} {c.matched_name!r} "
                                                                 f"{c.score:.2f}" for c in cands[:2]]})
    rows = {}
    print(f"threshold {threshold} (engine default); {len(pos):,} positives, {len(neg):,} negatives; "
          f"seed {args.seed}, limit {args.limit}\n")
    print("| category | A n | A recall | B n | B recall |")
    print("|---|---:|---:|---:|---:|")
    for g in [*sorted(CATEGORIES), "ALL", "DPRK", "customer", "near_miss"]:
        if g == "customer":
            print("| **negatives (false-positive rate)** | | | | |")
        a, b = tally.get((g, "A"), [0, 0]), tally.get((g, "B"), [0, 0])
        rows[g] = {"A": {"hits": a[0], "n": a[1]}, "B": {"hits": b[0], "n": b[1]}}

        def pct(x: list[int]) -> str:
            return f"{100 * x[0] / x[1]:.1f} %" if x[1] else "–"
        label = f"**{g}**" if g in ("ALL", "DPRK") else g
        print(f"| {label} | {a[1]} | {pct(a)} | {b[1]} | {pct(b)} |")
    if args.misses:
        for m in misses.get(args.misses, []):
            if m["half"] == "A":
                print(json.dumps(m, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps({"threshold": threshold, "seed": args.seed, "limit": args.limit,
                                         "figures": rows, "misses": misses}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
