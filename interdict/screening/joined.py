"""Words written together or misspelt that name parts of a name: two romanized Korean syllables
joined ("jongchul" → "jong chol"), a legal-form word glued to a name ("turiracompany"), a misspelt
legal-form word ("compay"). Split off normalisation so each module does one thing.
"""

from __future__ import annotations

from functools import lru_cache

from interdict.screening import hangul, tables
from interdict.screening.table_typos import legal_typo
from interdict.screening.tokens import skeleton

MAX_WORD = 40  # longer "words" are not names: no typo fixing or splitting (keeps junk input cheap)
KOREAN_SPLIT_MIN = 6  # shorter words are never split into two syllables ("kyung" is one)
AFFIX_MIN = 7  # legal words this long are split off a glued word ("company", not "public", "stock")
# Letters no romanization of Korean writes (Revised, McCune-Reischauer, the DPRK's, and the
# spellings the lists use): a part holding one is no Korean syllable, whatever its skeleton
# ("von" has the skeleton of "won", but "Chevon" is no "che" + "von").
NOT_KOREAN = frozenset("fqvxz")


@lru_cache(maxsize=1)
def _longest_syllable() -> int:
    """The longest romanized syllable any table or skeleton knows: longer parts are never one."""
    known = [*tables.korean_variants(), *hangul.syllable_spellings(), *hangul.syllable_skeletons()]
    return max(map(len, known), default=0)


@lru_cache(maxsize=65536)  # `split_joined` asks for every prefix and suffix of each new word
def _korean_syllable(part: str) -> tuple[tuple[str, ...], bool] | None:
    """A romanized Korean syllable's tokens, and whether a variant table names it; or None."""
    if len(part) > _longest_syllable() + 2:  # a skeleton drops at most two letters (doubles, "h")
        return None
    if not NOT_KOREAN.isdisjoint(part):
        return None
    if any(part[k] == part[k + 1] and part[k] not in "aeiou" for k in range(1, len(part) - 1)):
        return None  # "onng": a doubled consonant is only ever a syllable's first letter ("kk", "ss")
    canon = tables.korean_variants().get(part)
    if canon:
        return (canon,), True  # "chul", "young", "hyuk": spellings the lists do not use
    if part in hangul.syllable_spellings():
        return (part,), False
    if skeleton(part) in hangul.syllable_skeletons() and not _doubled_end(part):
        return (part,), False  # "gi" for 기 (the lists write "ki" or "gi"; the skeleton joins them)
    return None


def korean_word(word: str) -> bool:
    """True for a word a romanized Korean name could hold: one syllable ("ri", "hyok", "lee"), two
    written together ("jinhyok", "gwangil"), or a number (a ship's: "YOO SUNG 12")."""
    if word.isdigit() or _korean_syllable(word) is not None:
        return True
    # Both parts of two letters or more: "pao" is no "pa" + "o" (the Chinese name PAO Yu Yi).
    cuts = range(2, len(word) - 1) if len(word) <= MAX_WORD else range(0)
    return any(_korean_syllable(word[:i]) is not None and _korean_syllable(word[i:]) is not None
               for i in cuts)


def _doubled_end(part: str) -> bool:
    """True for a part ending in a doubled consonant ("dwill"): no Korean syllable is spelled so."""
    return len(part) > 2 and part[-1] == part[-2] and part[-1] not in "aeiou"


@lru_cache(maxsize=65536)
def split_legal_affix(word: str) -> tuple[str, ...]:
    """A legal-form word glued to another split off: "turiracompany" → ("turira", "company"),
    "liabilitycompany" → ("liability", "company"); any other word alone."""
    if not 7 <= len(word) <= MAX_WORD or not word.isascii() or word in tables.legal_forms():
        return (word,)
    legal = tables.legal_words()
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if len(tail) >= AFFIX_MIN and tail in legal:
            return (*split_legal_affix(head), tail)
        if len(head) >= AFFIX_MIN and head in legal:
            return (head, *split_legal_affix(tail))
    return (word,)


def split_joined(word: str) -> tuple[str, ...] | None:
    """Split two romanized Korean syllables written as one word, or None.

    Split when one syllable is spelled in another system than the lists' ("jongchul" → ("jong",
    "chol"), "myunggi" → ("myong", "gi")), or both are list spellings of three letters or more
    ("kyungtaek"). Short ordinary words ("hanson") stay whole; as both sides are split alike, a
    word split by accident still matches itself.
    """
    if not 5 <= len(word) <= MAX_WORD or not word.isascii():
        return None
    best: tuple[tuple[int, int], tuple[str, ...]] | None = None
    if len(word) < KOREAN_SPLIT_MIN:
        return None
    for cut in range(1, len(word)):
        head, tail = word[:cut], word[cut:]
        a = _korean_syllable(head)
        b = _korean_syllable(tail) if a else None
        if not (a and b):
            continue
        both_lists_spelling = head in hangul.syllable_spellings() and tail in hangul.syllable_spellings()
        long_enough = len(word) >= 7 and min(len(head), len(tail)) >= 3 and both_lists_spelling
        if not (a[1] or b[1] or long_enough):
            continue
        # Prefer parts spelled as the lists or the tables spell them, then the longer head.
        rank = (_syllable_rank(head, a) + _syllable_rank(tail, b), min(len(head), len(tail)))
        if best is None or rank > best[0]:
            best = (rank, (*tables.variants().get(head, (head,)), *tables.variants().get(tail, (tail,))))
    return best[1] if best else None


def _syllable_rank(part: str, found: tuple[tuple[str, ...], bool]) -> int:
    """3 for a syllable spelled as the lists or the tables spell it, 1 for a skeleton-only match."""
    if len(part) == 1 or part[0] == part[1]:
        return 1 if len(part) == 1 else 0  # "i", or a doubled head such as "ggi": an unlikely cut
    return 3 if (part in hangul.syllable_spellings() or found[0] != (part,)) else 1



# A misspelt legal-form word ("compay", "liabklity", "enterpris") corrected; any other word unchanged
# (memoised there; a module name, so a benchmark may swap it: benchmarks/displaced_readings.py).
fix_legal_typo = legal_typo


JOIN_PIECE_MIN = 2  # letters each piece of a legal-form word written in two needs ("liab ility")


def fix_legal(words: list[str]) -> list[str]:
    """The words with legal-form words written in two pieces joined and misspelt ones corrected."""
    return [fix_legal_typo(w) for w in join_legal_pieces(words)]


def join_legal_pieces(words: list[str]) -> list[str]:
    """Two neighbouring words that make one legal-form word when written together ("liabil ity",
    "obshche stvo") joined, so the legal form reads as a legal form; a word that is a legal-form
    word itself is never a piece ("joint stock" stays two). Exact joins only: allowing a typo in
    the joined word too cost name_bench's held-out part two pairs."""
    forms = tables.legal_forms()
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and _legal_pieces(words[i], words[i + 1], forms):
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def _legal_pieces(a: str, b: str, forms: dict[str, str]) -> bool:
    if min(len(a), len(b)) < JOIN_PIECE_MIN or not (a + b).isalpha() or a in forms or b in forms:
        return False
    if a in tables.legal_words() or b in tables.legal_words():
        return False
    joined = a + b
    return joined in tables.legal_words()
