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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein

from interdict.core.entity import Entity, EntityKind, NameQuality
from interdict.core.match import Query
from interdict.screening import DEFAULT_THRESHOLD, ScreeningIndex, screen_many
from synthetic.customers import customer_names, given_names

Variant = Callable[[str, Entity, random.Random], str | None]

KEYBOARD = {  # QWERTY neighbours on the same row and the rows above and below
    "q": "wa", "w": "qeas", "e": "wrsd", "r": "etdf", "t": "ryfg", "y": "tugh", "u": "yihj", "i": "uojk",
    "o": "ipkl", "p": "ol", "a": "qwsz", "s": "awedxz", "d": "serfcx", "f": "drtgvc", "g": "ftyhbv",
    "h": "gyujnb", "j": "huikmn", "k": "jiolm", "l": "kop", "z": "asx", "x": "zsdc", "c": "xdfv",
    "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk"}
OCR = (("rn", "m"), ("m", "rn"), ("l", "1"), ("i", "l"), ("o", "0"), ("cl", "d"), ("d", "cl"),
       ("w", "vv"), ("e", "c"), ("h", "b"), ("n", "ri"), ("s", "5"))
PHONETIC = (("ph", "f"), ("f", "ph"), ("ou", "u"), ("u", "ou"), ("kh", "h"), ("kh", "k"), ("y", "i"),
            ("i", "y"), ("ee", "i"), ("i", "ee"), ("j", "dj"), ("dj", "j"), ("sh", "sch"), ("sch", "sh"),
            ("w", "v"), ("v", "w"), ("c", "k"), ("k", "c"), ("q", "k"), ("dh", "d"), ("oo", "u"),
            ("u", "oo"), ("ei", "ey"), ("ey", "ei"), ("gh", "g"), ("th", "t"), ("z", "s"), ("ai", "ay"),
            ("ay", "ai"), ("ie", "i"), ("x", "ks"), ("ck", "k"), ("ch", "tch"), ("tch", "ch"), ("ts", "tz"))
VOWELS = "aeiou"
TITLES = ("Mr", "Dr", "Sheikh", "Haji", "General", "Mrs", "Colonel")
LEGAL = {"limited": "ltd", "ltd": "limited", "company": "co", "co": "company", "corporation": "corp",
         "corp": "corporation", "incorporated": "inc", "inc": "incorporated", "international": "intl",
         "intl": "international", "and": "&", "&": "and"}
LEGAL_FORMS = ("limited liability company", "joint stock company", "closed joint stock company",
               "public joint stock company", "company limited", "co ltd", "co., ltd.", "limited", "ltd",
               "llc", "company", "co", "corporation", "corp", "inc", "incorporated", "jsc", "ojsc", "cjsc",
               "pjsc", "ooo", "oao", "zao", "ao", "gmbh", "sa", "s.a.", "plc", "llp", "fze", "fzco", "fzc",
               "dmcc", "bv", "srl", "spa", "ag", "pte ltd", "sdn bhd", "tov", "as", "a.s.")
SWAP_TO = ("LLC", "Ltd", "Limited", "Inc", "Corp", "GmbH", "Co", "SA", "JSC", "PLC")
SWIFT_LINE = 35  # characters on a line of an MT field: a longer name arrives cut


def words(name: str) -> list[str]:
    return name.split()


def _pick_word(ws: list[str], rng: random.Random, min_len: int = 4) -> int | None:
    at = [i for i, w in enumerate(ws) if sum(c.isalpha() for c in w) >= min_len and w.lower() not in LEGAL]
    return rng.choice(at) if at else None


def _edit_word(edit: Callable[[str, random.Random], str | None]) -> Variant:
    """A character-level edit of one word (of four letters or more) of the name."""
    def variant(name: str, _e: Entity, rng: random.Random) -> str | None:
        ws = words(name)
        i = _pick_word(ws, rng)
        if i is None:
            return None
        new = edit(ws[i], rng)
        if new is None or new == ws[i]:
            return None
        return " ".join([*ws[:i], new, *ws[i + 1:]])
    return variant


def _letters(w: str) -> list[int]:
    return [i for i, c in enumerate(w) if c.isalpha()]


def insert(w: str, rng: random.Random) -> str:
    at = rng.randrange(len(w) + 1)
    return w[:at] + rng.choice("abcdefghiklmnoprstuy") + w[at:]


def delete(w: str, rng: random.Random) -> str | None:
    at = _letters(w)
    i = rng.choice(at)
    return w[:i] + w[i + 1:]


def substitute(w: str, rng: random.Random) -> str:
    i = rng.choice(_letters(w))
    c = rng.choice([c for c in "abcdefghiklmnoprstuvwyz" if c != w[i].lower()])
    return w[:i] + (c.upper() if w[i].isupper() else c) + w[i + 1:]


def transpose(w: str, rng: random.Random) -> str | None:
    pairs = [i for i in range(len(w) - 1) if w[i].isalpha() and w[i + 1].isalpha()
             and w[i].lower() != w[i + 1].lower()]
    if not pairs:
        return None
    i = rng.choice(pairs)
    return w[:i] + w[i + 1] + w[i] + w[i + 2:]


def doubling(w: str, rng: random.Random) -> str:
    doubled = [i for i in range(len(w) - 1) if w[i].isalpha() and w[i].lower() == w[i + 1].lower()]
    if doubled:  # undouble a doubled letter ("Mohammed" -> "Mohamed")
        i = rng.choice(doubled)
        return w[:i] + w[i + 1:]
    i = rng.choice(_letters(w))
    return w[:i] + w[i] + w[i:]


def vowel(w: str, rng: random.Random) -> str | None:
    at = [i for i, c in enumerate(w) if c.lower() in VOWELS]
    if not at:
        return None
    i = rng.choice(at)
    c = rng.choice([v for v in VOWELS if v != w[i].lower()])
    return w[:i] + (c.upper() if w[i].isupper() else c) + w[i + 1:]


def keyboard(w: str, rng: random.Random) -> str | None:
    at = [i for i, c in enumerate(w) if c.lower() in KEYBOARD]
    if not at:
        return None
    i = rng.choice(at)
    c = rng.choice(KEYBOARD[w[i].lower()])
    return w[:i] + (c.upper() if w[i].isupper() else c) + w[i + 1:]


def _swap_one(w: str, table: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    low = w.lower()
    options = [(a, b, m.start()) for a, b in table for m in re.finditer(re.escape(a), low)]
    if not options:
        return None
    a, b, at = rng.choice(options)
    repl = b.upper() if w[at:at + len(a)].isupper() and len(w) > 1 else b
    if at == 0 and w[:1].isupper():
        repl = repl[:1].upper() + repl[1:]
    return w[:at] + repl + w[at + len(a):]


def ocr(w: str, rng: random.Random) -> str | None:
    return _swap_one(w, OCR, rng)


def phonetic(w: str, rng: random.Random) -> str | None:
    return _swap_one(w, PHONETIC, rng)


def diacritics(name: str, _e: Entity, _rng: random.Random) -> str | None:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain if plain != name else None


def concat(name: str, _e: Entity, rng: random.Random) -> str | None:
    ws = words(name)
    if len(ws) < 2:
        return None
    i = rng.randrange(len(ws) - 1)
    return " ".join([*ws[:i], ws[i] + ws[i + 1].lower(), *ws[i + 2:]])


def split(name: str, _e: Entity, rng: random.Random) -> str | None:
    ws = words(name)
    at = [i for i, w in enumerate(ws) if len(w) >= 8 and w.isalpha()]
    if not at:
        return None
    i = rng.choice(at)
    cut = rng.randrange(3, len(ws[i]) - 2)
    return " ".join([*ws[:i], ws[i][:cut], ws[i][cut:], *ws[i + 1:]])


def hyphen(name: str, _e: Entity, rng: random.Random) -> str | None:
    if "-" in name:
        return name.replace("-", " ")
    ws = words(name)
    if len(ws) < 2:
        return None
    i = rng.randrange(len(ws) - 1)
    return " ".join([*ws[:i], ws[i] + "-" + ws[i + 1], *ws[i + 2:]])


def last_first(name: str, _e: Entity, _rng: random.Random) -> str | None:
    ws = words(name)
    return " ".join([ws[-1], *ws[:-1]]) if len(ws) >= 2 else None


def first_last(name: str, _e: Entity, _rng: random.Random) -> str | None:
    ws = words(name)
    return " ".join([*ws[1:], ws[0]]) if len(ws) >= 3 else None


def reversed_order(name: str, _e: Entity, _rng: random.Random) -> str | None:
    ws = words(name)
    return " ".join(reversed(ws)) if len(ws) >= 3 else None


def _surname(e: Entity, n: int) -> int:
    """Where the surname stands: OFAC writes it first, the UN list (mostly) last."""
    return 0 if e.list.startswith("ofac") else n - 1


def middle_dropped(name: str, e: Entity, rng: random.Random) -> str | None:
    ws = words(name)
    if e.kind != EntityKind.PERSON or len(ws) < 3:
        return None
    s = _surname(e, len(ws))
    given = [i for i in range(len(ws)) if i != s]
    i = given[-1]  # the given names after the first one are middle names
    return " ".join(w for j, w in enumerate(ws) if j != i)


def word_dropped(name: str, _e: Entity, rng: random.Random) -> str | None:
    ws = words(name)
    if len(ws) < 3:
        return None
    i = rng.randrange(len(ws))
    return " ".join(w for j, w in enumerate(ws) if j != i)


def title(name: str, e: Entity, rng: random.Random) -> str | None:
    return f"{rng.choice(TITLES)} {name}" if e.kind == EntityKind.PERSON else None


def initial(name: str, e: Entity, rng: random.Random) -> str | None:
    ws = words(name)
    if e.kind != EntityKind.PERSON or len(ws) < 2:
        return None
    s = _surname(e, len(ws))
    i = next(i for i in range(len(ws)) if i != s)  # the first given name
    if not ws[i][:1].isalpha():
        return None
    return " ".join([*ws[:i], ws[i][0].upper() + ".", *ws[i + 1:]])


def truncated(name: str, _e: Entity, _rng: random.Random) -> str | None:
    return name[:SWIFT_LINE].rstrip() if len(name) > SWIFT_LINE else None


def _legal_span(name: str) -> tuple[int, int] | None:
    low = name.lower()
    for form in sorted(LEGAL_FORMS, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w.])" + re.escape(form) + r"(?![\w])", low):
            if m.start() == 0 or m.end() >= len(low.rstrip(" .,")):
                return m.start(), m.end()
    return None


def legal_dropped(name: str, e: Entity, _rng: random.Random) -> str | None:
    span = _legal_span(name) if e.kind == EntityKind.ORGANIZATION else None
    if span is None:
        return None
    out = (name[:span[0]] + name[span[1]:]).strip(" ,.")
    return out if len(words(out)) >= 1 and out != name else None


def legal_swapped(name: str, e: Entity, rng: random.Random) -> str | None:
    span = _legal_span(name) if e.kind == EntityKind.ORGANIZATION else None
    if span is None:
        return None
    old = name[span[0]:span[1]].lower()
    new = rng.choice([f for f in SWAP_TO if f.lower() != old])
    return (name[:span[0]] + new + name[span[1]:]).strip()


def legal_abbrev(name: str, e: Entity, rng: random.Random) -> str | None:
    """Company <-> Co, Limited <-> Ltd, International <-> Intl, and <-> &."""
    if e.kind != EntityKind.ORGANIZATION:
        return None
    ws = words(name)
    at = [i for i, w in enumerate(ws) if w.lower().strip(".,") in LEGAL]
    if not at:
        return None
    i = rng.choice(at)
    new = LEGAL[ws[i].lower().strip(".,")]
    new = new.upper() if ws[i].isupper() else new.title() if new != "&" else new
    return " ".join([*ws[:i], new, *ws[i + 1:]])


def the_added(name: str, e: Entity, _rng: random.Random) -> str | None:
    if e.kind != EntityKind.ORGANIZATION or name.lower().startswith("the "):
        return None
    return f"The {name}"


def vessel(name: str, e: Entity, rng: random.Random) -> str | None:
    return f"{rng.choice(('MV', 'M/V', 'M.V.'))} {name}" if e.kind == EntityKind.VESSEL else None


CATEGORIES: dict[str, Variant] = {
    "char_insert": _edit_word(insert), "char_delete": _edit_word(delete),
    "char_substitute": _edit_word(substitute), "transposition": _edit_word(transpose),
    "double_letter": _edit_word(doubling), "vowel_change": _edit_word(vowel),
    "keyboard": _edit_word(keyboard), "ocr_confusable": _edit_word(ocr), "phonetic": _edit_word(phonetic),
    "diacritics": diacritics, "concatenated": concat, "split_word": split, "hyphen_space": hyphen,
    "last_first": last_first, "first_last": first_last, "reversed": reversed_order,
    "middle_dropped": middle_dropped, "word_dropped": word_dropped, "title_added": title,
    "first_initial": initial, "truncated_35": truncated, "legal_dropped": legal_dropped,
    "legal_swapped": legal_swapped, "legal_abbrev": legal_abbrev, "the_added": the_added,
    "vessel_prefix": vessel,
}
COMBINABLE = ("char_insert", "char_delete", "char_substitute", "transposition", "vowel_change", "phonetic",
              "concatenated", "last_first", "word_dropped", "title_added", "first_initial", "legal_dropped",
              "double_letter", "hyphen_space")


def combined(name: str, e: Entity, rng: random.Random) -> str | None:
    first, second = rng.sample(COMBINABLE, 2)
    mid = CATEGORIES[first](name, e, rng)
    return CATEGORIES[second](mid, e, rng) if mid else None


CATEGORIES["combined"] = combined


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
            s = _surname(e, len(ws))
            choices = [j for j in range(len(ws)) if j != s and ws[j].lower().strip(".,") not in PARTICLES]
            if not choices:
                continue
            i = rng.choice(choices)
            pool: Sequence[str] = given
        else:
            picked = _pick_word(ws, rng, 5)
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
