"""Misspelt table words read as the word they misspell: a legal-form word ("enterpris",
"tbshchestvo"), a word of a country's name ("the philippnes"), a spelling of a variant family
("alxander", read as "aleksandr" as "alexander" is).

The tables read a word only as written; a misspelt one was left an unknown, heavy word that
matched nothing, while its correct spelling on the list was read as the table's token. A typo of a
table word is a typo: where exactly one table word lies one edit away (two for long legal words),
the word is read as it. Length gates keep short words apart ("co", "sa", "ag" are never reached),
and a correction that two table words claim is not made ("nigera": Niger or Nigeria).
Applied in normalisation, to listed names and queries alike, so the index and blocking see the
corrected token and the delta pre-filter's probes (made from the same forms) follow.

Candidates come from a symmetric-delete table (each word and its one-letter deletions), so a
lookup costs a few dict probes; results are memoised per word.
"""

from __future__ import annotations

from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from interdict.screening import tables
from interdict.screening.countries import PREFIX, country_phrases, read_countries
from interdict.screening.tokens import deletions

LEGAL_MIN = 4  # shorter words are never read as a legal word ("sa", "ag", "co" stay)
LEGAL_TWO_EDITS = 10  # words this long may carry two edits
FREE_FIRST_LETTER = 8  # shorter words must keep their first letter ("point" is no "joint")
COUNTRY_MIN = 6  # country-name words this long are corrected, when that completes a country's name
VARIANT_MIN = 7  # variant-family spellings this long are corrected ("alxander" → "aleksandr")
VOWEL_SLIP_MIN = 9  # spellings this long may have lost or gained a vowel by a slip ("alxander")
_VOWELS = str.maketrans("", "", "aeiouy")


_LEGAL, _VARIANT = 0, 1
_NOTHING: tuple[frozenset[str], ...] = (frozenset(), frozenset())


def _delete_table(vocabularies: tuple[list[str], ...]) -> dict[str, list[tuple[int, str]]]:
    """A symmetric-delete table: each word and each of its one-letter deletions → (vocabulary,
    word) pairs."""
    out: dict[str, list[tuple[int, str]]] = {}
    for kind, words in enumerate(vocabularies):
        for word in words:
            pair = (kind, word)
            for key in {word, *deletions(word)}:
                found = out.get(key)
                if found is None:
                    out[key] = [pair]
                else:
                    found.append(pair)
    return out


@cache
def _word_table() -> dict[str, list[tuple[int, str]]]:
    """The legal words and the variant spellings (a few hundred: built in a millisecond). Spellings
    one letter shorter than those corrected are held too, so that a word one edit from two families
    is seen to be ("hassain": Hassan, Hussain)."""
    spellings = [w for w in _variant_spellings() if len(w) >= VARIANT_MIN - 1 and w.isalpha()]
    return _delete_table((list(legal_vocabulary()), spellings))


@cache
def _country_table() -> dict[str, list[tuple[int, str]]]:
    """The words of countries' names (thousands: built only for a name that holds one), one letter
    shorter than those corrected too ("nigera": Nigeria, Niger)."""
    return _delete_table(([w for w in _country_words() if len(w) >= COUNTRY_MIN - 1 and w.isalpha()],))


def _near(word: str, table: dict[str, list[tuple[int, str]]], kinds: int) -> tuple[frozenset[str], ...]:
    """The words of each vocabulary one edit (OSA: insertion, deletion, substitution, swap) from
    `word`; most words have none, found with len(word) + 1 dict probes."""
    get = table.get
    pairs: set[tuple[int, str]] = set(get(word, ()))
    for deleted in deletions(word):
        hit = get(deleted)
        if hit:
            pairs.update(hit)
    if not pairs:
        return _NOTHING[:kinds]
    found: tuple[set[str], ...] = tuple(set() for _ in range(kinds))
    for kind, w in pairs:
        if w != word and OSA.distance(word, w, score_cutoff=1) <= 1:
            found[kind].add(w)
    return tuple(frozenset(f) for f in found)


@lru_cache(maxsize=65536)
def _near_word(word: str) -> tuple[frozenset[str], ...]:
    return _near(word, _word_table(), 2)


@cache
def legal_vocabulary() -> tuple[str, ...]:
    """The legal words a misspelling is corrected to: our table's long words and rigour's."""
    return tuple(sorted({*tables.legal_words(), *tables.rigour_legal_words()}))


@cache
def _legal_set() -> frozenset[str]:
    return frozenset(legal_vocabulary())


@lru_cache(maxsize=65536)
def legal_typo(word: str) -> str:
    """A misspelt legal-form word ("compay", "enterpris", "tbshchestvo") corrected; any other word
    unchanged. First as before: our table's words, one edit (two in words of LEGAL_TWO_EDITS letters)
    with the first letter kept. Then, for a word neither table holds, the one word of either table
    one edit away, the first letter free in words of FREE_FIRST_LETTER letters or with the first two
    letters swapped ("ojint"); a plural ("enterprises") and a "y" more or less ("unitarnoye",
    another romanization of "unitarnoe", which rigour reads in one spelling on purpose) are no typos."""
    if not LEGAL_MIN <= len(word) <= 40 or not word.isascii() or word in tables.legal_forms() \
            or word in tables.variants():
        return word
    own = _own_typo(word)
    if own != word or word in _legal_set():
        return own
    found = {w for w in _near_word(word)[_LEGAL] if _first_letter(word, w)
             and word != w + "s" and word.replace("y", "") != w.replace("y", "")}
    return found.pop() if len(found) == 1 else word


def _own_typo(word: str) -> str:
    """The nearest word of our own legal-form table, as `joined.fix_legal_typo` always read it."""
    best = process.extractOne(word, tables.legal_words(), scorer=OSA.distance,
                              score_cutoff=1 if len(word) < LEGAL_TWO_EDITS else 2)
    if best is None or best[0][0] != word[0]:  # a typo seldom hits the first letter ("point" ≠ "joint")
        return word
    return str(best[0])


def _first_letter(word: str, legal: str) -> bool:
    if word[0] == legal[0] or len(word) >= FREE_FIRST_LETTER:
        return True
    return word[:2] == legal[1::-1]  # "ojint" for "joint"


@cache
def _country_words() -> frozenset[str]:
    return frozenset(w for phrase in country_phrases() for w in phrase)


@lru_cache(maxsize=65536)
def country_word(word: str) -> str | None:
    """The one country-name word (of COUNTRY_MIN letters or more) one edit from `word`, or None."""
    if len(word) < COUNTRY_MIN or not word.isalpha() or word in _country_words():
        return None
    found = {w for w in _near(word, _country_table(), 1)[0] if w[0] == word[0]}
    return found.pop() if len(found) == 1 and len(min(found)) >= COUNTRY_MIN else None


def read_countries_fixed(words: list[str]) -> list[str]:
    """`countries.read_countries`, a misspelt word of a country's name read as that word where the
    correction completes a country's name ("the philippnes" → "c_ph"); a correction that names no
    country is not made."""
    out = read_countries(words)
    known = _country_words()
    if len(words) < 2 or not any(w in known for w in words):
        return out  # the other words of a country's name are written as the table writes them
    for i, word in enumerate(words):
        fixed = country_word(word)
        if fixed is None:
            continue
        trial = [*words[:i], fixed, *words[i + 1:]]
        read = read_countries(trial)
        if _countries(read) > _countries(out):
            words, out = trial, read
    return out


def _countries(words: list[str]) -> int:
    return sum(w.startswith(PREFIX) for w in words)


@cache
def _variant_spellings() -> frozenset[str]:
    """Every written spelling of a variant family, and each family's single canonical token."""
    return frozenset({*tables.variants(), *(c[0] for c in tables.variants().values() if len(c) == 1)})


@lru_cache(maxsize=65536)
def variant_typo(word: str) -> tuple[str, ...] | None:
    """The variant family's tokens of a misspelt member ("alxander", "alexandetr" → "aleksandr"),
    or None. The spelling must be one edit away, keep the first and last letters (a letter added
    at the end makes another name: "hassani" is no "hassan"), and be claimed by one family only.
    In a spelling shorter than VOWEL_SLIP_MIN a vowel more, less or other is no typo: the lists
    write "Mahamed" and "Mohamoud" as names of their own (the second is Mahmoud, not Mohamud)."""
    if len(word) < VARIANT_MIN or not word.isalpha() or word in _variant_spellings():
        return None
    found = {w for w in _near_word(word)[_VARIANT] if w[0] == word[0] and w[-1] == word[-1]}
    if any(len(w) < VOWEL_SLIP_MIN and _vowel_edit(word, w) for w in found):
        return None  # a vowel more, less or other in a short spelling: often another name
    families = {tables.variants().get(w, (w,)) for w in found}
    if any(len(f) > 1 for f in families):
        return None  # a family read as several tokens ("abdurahman" → abd al rahman): not from a typo
    return families.pop() if len(families) == 1 else None


def _vowel_edit(a: str, b: str) -> bool:
    """True when two words one edit apart differ by a vowel only (added, dropped or replaced by
    another); a swap of a vowel and a consonant ("mohmamad") is a slip of the hand."""
    if len(a) != len(b):
        return a.translate(_VOWELS) == b.translate(_VOWELS)
    return all(x in "aeiouy" and y in "aeiouy" for x, y in zip(a, b, strict=True) if x != y)
