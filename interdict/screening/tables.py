"""The data tables of name matching, read once from `interdict/screening/data/`.

Tables are data, apart from code (as in rigour): romanization and spelling variants, legal forms,
honorifics and tokens that carry no weight. Each is a small text file a reviewer can read.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA: Path = Path(__file__).resolve().parent / "data"
_NOT_TITLES = frozenset({"the", "queen", "count", "lord", "private", "laird", "dame", "lady"})
_WORDS = re.compile(r"[^\W_]+")


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _mapping(name: str) -> dict[str, tuple[str, ...]]:
    """variant → canonical tokens, from `canonical<TAB>variant variant ...` lines."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        canonical, _, variants = line.partition("\t")
        target = tuple(canonical.split("+"))
        for variant in variants.split():
            table[variant] = target
    return table


@cache
def variants() -> dict[str, tuple[str, ...]]:
    """Spelling and romanization variants: "park" → ("pak",), "abdul" → ("abd", "al")."""
    return _mapping("variants.tsv")


@cache
def legal_forms() -> dict[str, str]:
    """Legal-form token → its canonical short form ("corporation" → "corp")."""
    table: dict[str, str] = {}
    for line in _lines("legal_forms.tsv"):
        canonical, _, rest = line.partition("\t")
        table[canonical] = canonical
        for variant in rest.split():
            if "+" not in variant:
                table[variant] = canonical
    return table


@cache
def edge_legal_forms() -> dict[str, str]:
    """Our few legal forms read only at an organisation name's head or end, which rigour's table
    does not give as normalisation leaves them (`data/legal_forms_edge.tsv`): "eood" → "llc"."""
    return {short: generic for generic, shorts in _pairs("legal_forms_edge.tsv") for short in shorts}


@cache
def legal_form_phrases() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Multi-word legal forms by first word, longest first: "joint" → [(("joint", "stock"), "jsc")]."""
    return _phrases(_pairs("legal_forms.tsv"))


@cache
def org_abbreviations() -> dict[str, str]:
    """Abbreviation of an organisation word → the word ("intl" → "international")."""
    return {abbr: word for word, abbrs in _pairs("org_abbreviations.tsv") for abbr in abbrs
            if "+" not in abbr and "+" not in word}


@cache
def org_acronym_phrases() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Organisation names read as their acronym, by first word: "peoples" → [(("peoples",
    "liberation", "army"), "pla")]."""
    return _phrases(_pairs("org_abbreviations.tsv"))


def _phrases(pairs: list[tuple[str, list[str]]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The multi-word values (`a+b+c`) of (key, values) rows, by first word, longest first."""
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, values in pairs:
        for value in values:
            if "+" in value:
                words = tuple(value.split("+"))
                phrases.setdefault(words[0], []).append((words, key))
    for entries in phrases.values():
        entries.sort(key=lambda p: -len(p[0]))
    return phrases


def _pairs(name: str) -> list[tuple[str, list[str]]]:
    """`key<TAB>value value ...` lines as (key, values)."""
    out = []
    for line in _lines(name):
        key, _, rest = line.partition("\t")
        out.append((key, rest.split()))
    return out


@cache
def honorifics() -> frozenset[str]:
    """Titles dropped from the head of a person name: ours (`data/honorifics.txt`: Arabic and
    military titles) and rigour's person-name prefixes of one word ("Präsident", "Monsieur"), minus
    "the" and words that are names too ("Queen", "Count", "Lord", "Private" are also listed names)."""
    from rigour._core import person_name_prefixes_list

    from interdict.screening.translit import ascii_text

    words = {ascii_text(p).casefold().rstrip(".") for p in person_name_prefixes_list() if " " not in p}
    words = {w for w in words if w.isalpha()} - _NOT_TITLES
    return frozenset(_lines("honorifics.txt")) | words


@cache
def common_tokens() -> frozenset[str]:
    """Particles that weigh (almost) nothing whatever their frequency."""
    return frozenset(_lines("common_tokens.txt"))


@cache
def org_type_words() -> frozenset[str]:
    """Organisation-type abbreviations rigour leaves as they are ("npc", "okb"): left out of an
    organisation's name, one weighs as a legal form (`org_kinds`, `data/org_type_words.txt`)."""
    return frozenset(_lines("org_type_words.txt"))


@cache
def rigour_legal_words() -> tuple[str, ...]:
    """Long words of legal forms as rigour's org-type table reads them (`data/legal_typo_words.txt`),
    which a misspelt word is corrected to (`table_typos`)."""
    return tuple(_lines("legal_typo_words.txt"))


@cache
def scope_words() -> tuple[str, ...]:
    """Phrases naming an organisation's geographic scope ("europe", "middle east"; `scope`)."""
    return tuple(_lines("scope_words.txt"))


@cache
def name_particles() -> frozenset[str]:
    """Articles and lineage words of person names ("al", "bin"): capped at a legal form's weight."""
    return frozenset(_lines("name_particles.txt"))


@cache
def legal_words() -> tuple[str, ...]:
    """Long words of legal forms ("company", "liability", "stock"): misspellings of them are fixed."""
    words = {w for w in legal_forms() if len(w) >= 5}
    for phrases in legal_form_phrases().values():
        words.update(w for phrase, _ in phrases for w in phrase if len(w) >= 5)
    return tuple(sorted(words))


@cache
def korean_variants() -> dict[str, str]:
    """The Korean part of the variant table: a non-list spelling of a syllable → the lists' one."""
    out: dict[str, str] = {}
    in_korean = False
    for raw in (DATA / "variants.tsv").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            in_korean = raw.startswith("# Korean")
            continue
        canonical, _, rest = raw.strip().partition("\t")
        if in_korean and canonical:
            out.update((v, canonical) for v in rest.split())
    return out


@cache
def address_words() -> frozenset[str]:
    """Street, building and place-part words ("road", "tower"): not a party's name on their own."""
    return frozenset(_lines("address_words.txt"))


@cache
def vessel_phrases() -> tuple[tuple[str, ...], ...]:
    """Ship type words as word tuples, longest first: ("oil", "tanker"), ("tanker",) ...
    (`data/vessel_words.txt`; the prefixes M/V, MT are read from the text as written)."""
    phrases = {tuple(line.split()) for line in _lines("vessel_words.txt")}
    return tuple(sorted((p for p in phrases if p), key=lambda p: (-len(p), p)))


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless Pinyin syllable, as rigour transliterates the CJK Unified Ideographs
    (`data/pinyin_syllables.txt`, generated by `pinyin_from_rigour`)."""
    return frozenset(_lines("pinyin_syllables.txt"))


def pinyin_from_rigour() -> frozenset[str]:
    """The Pinyin syllables as rigour reads U+4E00..U+9FA5 (loads ICU: the table is kept as data)."""
    from interdict.screening.translit import ascii_text

    found = (ascii_text(chr(code)).lower() for code in range(0x4E00, 0x9FA6))
    return frozenset(s for s in found if s.isascii() and s.isalpha())


@cache
def nicknames() -> dict[str, frozenset[str]]:
    """Token skeleton → skeletons of its short forms and full forms ("bill" ↔ "william").

    From the `nicknames` package (carltonnorthern/nicknames, Apache-2.0: English given names and
    their nicknames, pairs only, never two nicknames of one name to each other) and
    `data/nicknames_extra.tsv` (Russian diminutives and a few more, with their source).
    """
    import csv

    from interdict.screening.tokens import skeleton

    pairs: list[tuple[str, str]] = []
    with _nicknames_csv().open(encoding="utf-8") as fh:
        pairs += [(r["name1"], r["name2"]) for r in csv.DictReader(fh) if r["relationship"] == "has_nickname"]
    for line in _lines("nicknames_extra.tsv"):
        full, _, shorts = line.partition("\t")
        pairs += [(full, short) for short in shorts.split()]
    out: dict[str, set[str]] = {}
    for a, b in pairs:
        ka, kb = skeleton(_canonical_word(a)), skeleton(_canonical_word(b))
        if ka != kb and len(ka) > 1 and len(kb) > 1:
            out.setdefault(ka, set()).add(kb)
            out.setdefault(kb, set()).add(ka)
    return {k: frozenset(v) for k, v in out.items()}


def _nicknames_csv() -> Path:
    """The `nicknames` package's names.csv, found without importing the package: its `__init__`
    asks importlib.metadata for its version (~13 ms of a one-name start-up) and we read only the file."""
    from importlib.util import find_spec

    spec = find_spec("nicknames")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the nicknames package is not installed", name="nicknames")
    return Path(next(iter(spec.submodule_search_locations))) / "names.csv"


def _canonical_word(name: str) -> str:
    """A table name as normalisation leaves it: the variant table applied ("ben" → "bin"), since
    tokens are compared after it; a name the table splits ("abdullah") is kept as written."""
    word = name.strip().lower()
    canon = variants().get(word, (word,))
    return canon[0] if len(canon) == 1 else word


@cache
def vessel_phrase_ends() -> frozenset[str]:
    """The first and last words of the ship type phrases (a quick test before the phrase scan)."""
    return frozenset(w for p in vessel_phrases() for w in (p[0], p[-1]))
