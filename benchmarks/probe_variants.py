"""The categories of variation of `variant_probe.py`: each turns a listed name into a query as a
screening-test deck varies names (typos, OCR and phonetic slips, word order, dropped words, titles,
initials, the MT line's cut, legal forms, vessel prefixes), or says it does not apply (None).

Written without reading the own labelled set's generator (benchmarks/make_labelled.py and its
tables), so that the probe does not share its blind spots.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence

from interdict.core.entity import Entity, EntityKind

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


def pick_word(ws: list[str], rng: random.Random, min_len: int = 4) -> int | None:
    at = [i for i, w in enumerate(ws) if sum(c.isalpha() for c in w) >= min_len and w.lower() not in LEGAL]
    return rng.choice(at) if at else None


def _edit_word(edit: Callable[[str, random.Random], str | None]) -> Variant:
    """A character-level edit of one word (of four letters or more) of the name."""
    def variant(name: str, _e: Entity, rng: random.Random) -> str | None:
        ws = words(name)
        i = pick_word(ws, rng)
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


def surname_at(e: Entity, n: int) -> int:
    """Where the surname stands: OFAC writes it first, the UN list (mostly) last."""
    return 0 if e.list.startswith("ofac") else n - 1


def middle_dropped(name: str, e: Entity, rng: random.Random) -> str | None:
    ws = words(name)
    if e.kind != EntityKind.PERSON or len(ws) < 3:
        return None
    s = surname_at(e, len(ws))
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
    s = surname_at(e, len(ws))
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
