"""The documented transformations `make_labelled.py` applies to real list names.

Each transformation takes a random generator, the entity and one of its names, and returns the
query text, or None where it does not apply (e.g. initials on a one-word name). They model what
analysts and payment messages really do to a name: other romanizations, other word orders, typing
errors, initials, dropped middle names, other legal forms, other scripts, pasted identifiers.
"""

from __future__ import annotations

import random
import re

from anyascii import anyascii
from labelled_tables import (
    ARABIC_ARTICLES,
    ARABIC_GROUPS,
    CYRILLIC_GROUPS,
    EXTRA_LEGAL_FORMS,
    FOREIGN_LEGAL_FORMS,
    KOREAN_GROUPS,
    LEGAL_FORMS,
)

from interdict.core.entity import Entity, EntityKind, IdentifierType, Name

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_KEYBOARD = {
    "a": "qsz", "b": "vgn", "c": "xvd", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht", "h": "gjy",
    "i": "uok", "j": "hku", "k": "jli", "l": "kop", "m": "nj", "n": "bmh", "o": "ipl", "p": "ol",
    "q": "wa", "r": "etf", "s": "adw", "t": "ryg", "u": "yij", "v": "cbf", "w": "qes", "x": "zcs",
    "y": "tuh", "z": "xa",
}


def _group_map(groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    return {spelling: group for group in groups for spelling in group}


KOREAN = _group_map(KOREAN_GROUPS)
ARABIC = _group_map(ARABIC_GROUPS)
CYRILLIC = _group_map(CYRILLIC_GROUPS)


def _match_case(new: str, old: str) -> str:
    if old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new.capitalize()
    return new


def _swap_spellings(rng: random.Random, text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """Replace at least one word by another spelling of its group; None if no word has a group."""
    words = re.split(r"(\W+)", text)
    slots = [i for i, w in enumerate(words) if w.lower() in table]
    if not slots:
        return None
    chosen = [i for i in slots if rng.random() < 0.6] or [rng.choice(slots)]
    for i in chosen:
        options = [s for s in table[words[i].lower()] if s != words[i].lower()]
        words[i] = _match_case(rng.choice(options), words[i])
    out = "".join(words)
    return out if out != text else None


def korean_romanization(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """Other romanization of each syllable (MR ↔ RR ↔ common), given name spaced/hyphenated/joined."""
    if name.script or not _is_dprk(entity):
        return None
    plain = name.full.replace("'", "").replace("’", "")
    words = plain.replace("-", " ").split()
    if not words or sum(w.lower() in KOREAN for w in words) < 0.6 * len(words):
        return None  # a DPRK-listed name that is not Korean (a Chinese or Russian firm)
    swapped = _swap_spellings(rng, plain, KOREAN)
    if swapped is None:
        return None
    tokens = swapped.replace("-", " ").split()
    if entity.kind == EntityKind.PERSON and len(tokens) == 3:
        given = tokens[1:]
        style = rng.choice((" ", "-", ""))
        joined = style.join([given[0], given[1].lower() if style != " " else given[1]])
        return f"{tokens[0]} {joined}"
    return " ".join(tokens)


def arabic_variant(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """Other spellings of Arabic name parts (Mohammed/Muhammad …) and of the article al-/el-."""
    if name.script:
        return None
    text = re.sub(r"\b(?:al|el)[- ](?=\w)", lambda _m: rng.choice(ARABIC_ARTICLES), name.full,
                  flags=re.IGNORECASE)
    swapped = _swap_spellings(rng, text, ARABIC)
    out = swapped or text
    return out if out != name.full else None


def cyrillic_variant(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """Other Latin spellings of Russian name parts (Sergei/Sergey, Yevgeniy/Evgeny …)."""
    if name.script:
        return None
    return _swap_spellings(rng, name.full, CYRILLIC)


def transliteration(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """A non-Latin name of the list, transliterated by anyascii (syllables split for Han/Hangul)."""
    if name.script not in ("Cyrillic", "Han", "Hangul", "Korean", "Chinese Simplified",
                           "Chinese Traditional"):
        return None
    if name.script != "Cyrillic" and entity.kind != EntityKind.PERSON:
        return None  # syllable-by-syllable pinyin of a company name is not what anyone writes
    latin = " ".join(anyascii(w).upper() if w.isupper() else anyascii(w) for w in name.full.split())
    if name.script != "Cyrillic":
        parts = [re.sub(r"(?<=[a-z])(?=[A-Z])", " ", w).split() for w in latin.split()]
        flat = [p for part in parts for p in part]
        if entity.kind == EntityKind.PERSON and len(flat) >= 2:
            latin = flat[0] + " " + "".join(p.lower() if i else p for i, p in enumerate(flat[1:]))
        else:
            latin = " ".join(flat)
    listed = {_letters(n.full) for n in entity.names if not n.script}
    return latin if latin.strip() and _letters(latin) not in listed else None


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def original_script(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """A non-Latin name of the list as typed by someone else: word order swapped or a word dropped."""
    if not name.script:
        return None
    words = name.full.split()
    if name.script in ("Hangul", "Korean", "Han", "Chinese Simplified", "Chinese Traditional", "Japanese"):
        # a Hangul or Han word is one syllable: dropping one makes another name, so only join them
        return "".join(words) if len(words) > 1 else None
    if len(words) >= 3 and entity.kind == EntityKind.PERSON:
        del words[rng.choice(_droppable(entity, words))]
        return " ".join(reversed(words)) if rng.random() < 0.5 else " ".join(words)
    if len(words) == 2 and entity.kind == EntityKind.PERSON:
        return rng.choice((" ".join(reversed(words)), "".join(words)))
    return None


def word_order(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """A person's name parts in another order, or as `LAST, First`."""
    words = name.full.split()
    if entity.kind != EntityKind.PERSON or len(words) < 2 or name.script:
        return None
    style = rng.randrange(3)
    if style == 0:
        return " ".join(words[1:] + words[:1])
    if style == 1:
        return " ".join(words[-1:] + words[:-1])
    return f"{words[-1]}, {' '.join(words[:-1])}"


def typo(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """One or two typing errors (substitution by a keyboard neighbour, deletion, doubling, swap)."""
    if name.script:
        return None
    words = name.full.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return None
    for i in rng.sample(long_words, min(len(long_words), rng.choice((1, 2)))):
        words[i] = _one_edit(rng, words[i])
    out = " ".join(words)
    return out if out != name.full else None


def _one_edit(rng: random.Random, word: str) -> str:
    pos = rng.randrange(1, len(word) - 1)  # first and last letters are rarely mistyped
    kind = rng.randrange(4)
    if kind == 0:
        near = _KEYBOARD.get(word[pos].lower(), "e")
        return word[:pos] + _match_case(rng.choice(near), word[pos]) + word[pos + 1:]
    if kind == 1:
        return word[:pos] + word[pos + 1:]
    if kind == 2:
        return word[:pos] + word[pos] + word[pos:]
    return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:]


_PARTICLES = {"al", "el", "bin", "ibn", "abu", "abou", "bint", "de", "del", "da", "van", "von"}
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|ogly|oglu|kyzy)$", re.IGNORECASE)


def _surname_at(entity: Entity, words: list[str]) -> int:
    """Where the surname is: a Russian patronymic tells (it follows the given name); otherwise the
    list's habit decides (OFAC mostly writes `SURNAME Given Middle`, the UN `Given Middle FAMILY`)."""
    latin = [anyascii(w) for w in words]
    patronymic = [i for i, w in enumerate(latin) if _PATRONYMIC.search(w)]
    if patronymic:
        return 0 if patronymic[-1] == len(words) - 1 else len(words) - 1
    return 0 if entity.list.startswith("ofac") else len(words) - 1


def _droppable(entity: Entity, words: list[str]) -> list[int]:
    """Middle names: neither the surname nor the first given name."""
    surname = _surname_at(entity, words)
    given = [i for i in range(len(words)) if i != surname]
    return given[1:]


def _korean_style(entity: Entity, words: list[str]) -> bool:
    # A Korean given name is two syllables: an initial or a dropped syllable makes another name.
    return _is_dprk(entity) and all(len(w) <= 6 for w in words)


def initials(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """A person's given names reduced to initials, surname kept (`V. V. Putin`, `Putin V.V.`)."""
    words = name.full.split()
    if entity.kind != EntityKind.PERSON or len(words) < 3 or name.script or _korean_style(entity, words):
        return None  # with two words, an initial and a surname are too little to name anyone
    at = _surname_at(entity, words)
    if words[at].lower().strip(".,") in _PARTICLES or not all(w.isascii() for w in words):
        return None  # the "surname" found is a particle, or the name mixes scripts (a list quirk)
    surname = [words[at]]
    given = [w[0].upper() + "." for i, w in enumerate(words) if i != at and w[:1].isalpha()]
    if not given:
        return None
    return " ".join([*given, *surname]) if rng.random() < 0.6 else " ".join([*surname, *given])


def dropped_middle(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """A person's name with one middle name (or patronymic) left out."""
    words = name.full.split()
    if entity.kind != EntityKind.PERSON or len(words) < 3 or name.script or _korean_style(entity, words):
        return None
    del words[rng.choice(_droppable(entity, words))]
    return " ".join(words)


def joined_split(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """Two adjacent words joined into one, or a hyphenated word split (Jin Hyok → Jinhyok)."""
    if name.script:
        return None
    if "-" in name.full:
        return name.full.replace("-", rng.choice((" ", "")))
    words = name.full.split()
    if len(words) < 2:
        return None
    i = rng.randrange(len(words) - 1)
    second = words[i + 1] if words[i].isupper() else words[i + 1].lower()
    return " ".join([*words[:i], words[i] + second, *words[i + 2:]])


def legal_form(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """An organisation's legal form spelled another way, or one added where the list has none."""
    if entity.kind != EntityKind.ORGANIZATION or name.script:
        return None
    for row in sorted(LEGAL_FORMS, key=lambda r: -max(len(s) for s in r)):
        for spelling in row:
            pattern = re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", re.IGNORECASE)
            if pattern.search(name.full):
                other = rng.choice([s for s in row if s.lower() != spelling.lower()])
                return pattern.sub(other, name.full, count=1)
    for form in FOREIGN_LEGAL_FORMS:
        if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", name.full, re.IGNORECASE):
            return None
    return f"{name.full.rstrip(' .,')} {rng.choice(EXTRA_LEGAL_FORMS)}"


def case_punctuation(rng: random.Random, entity: Entity, name: Name) -> str | None:
    """The same name in other case, without punctuation or with extra spaces and dots."""
    if name.script:
        return None
    plain = re.sub(r"[^\w\s]", rng.choice(("", " ")), name.full)
    out = rng.choice((plain.lower(), plain.upper(), plain.title(), "  ".join(plain.split())))
    return out if out != name.full else None


def identifier_query(rng: random.Random, entity: Entity) -> str | None:
    """One of the entry's identifiers pasted as the query, written the way people paste it."""
    usable = [i for i in entity.identifiers if i.type in
              (IdentifierType.BIC, IdentifierType.IMO, IdentifierType.CRYPTO, IdentifierType.PASSPORT)
              and re.fullmatch(r"(?:IMO ?)?[A-Za-z0-9]{6,64}", i.value.strip())]
    if not usable:
        return None
    ident = rng.choice(usable)
    value = ident.value.strip()
    if ident.type == IdentifierType.BIC:
        return value + "XXX" if len(value) == 8 and rng.random() < 0.5 else value
    if ident.type == IdentifierType.IMO:
        digits = re.sub(r"\D", "", value)
        return rng.choice((f"IMO {digits}", digits, f"IMO{digits}"))
    if ident.type == IdentifierType.CRYPTO and value.lower().startswith("0x"):
        return rng.choice((value.lower(), value))
    return value


def _is_dprk(entity: Entity) -> bool:
    return any(p.upper().startswith(("DPRK", "KP")) for p in entity.programs) or (
        "kp" in entity.nationalities)


NAME_TRANSFORMS = {
    "korean_romanization": korean_romanization,
    "arabic_variant": arabic_variant,
    "cyrillic_variant": cyrillic_variant,
    "transliteration": transliteration,
    "original_script": original_script,
    "order": word_order,
    "typo": typo,
    "initials": initials,
    "dropped_middle": dropped_middle,
    "joined_split": joined_split,
    "org_legal_form": legal_form,
    "case_punctuation": case_punctuation,
}
