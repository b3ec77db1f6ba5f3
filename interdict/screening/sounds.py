"""Two ways one name is written that the token similarity does not know, each with its own rule:

- **Baltic nominative endings.** Latvian and Lithuanian add a case ending to every masculine name,
  foreign ones included: Latvian `-s` (Сергей Лавров is `Sergejs Lavrovs`), Lithuanian `-as`,
  `-us`, `-is` (`Lavrovas`, `Sergejus`). The word less its ending is the name (read through the
  variant table, where `sergej` is a spelling of `sergei`; a final `j` after a vowel is Cyrillic
  й, as in `Andrejs`, so `andrej` is also read `andrei`). The stem must end in a consonant or
  `j`, as these endings follow one, and a two-letter ending needs a stem of five letters, so
  `Markus` is not `Mark` nor `Julius` `Juli`.
- **Cyrillic й written `j`** at the end of a word, as Czech, German, Polish and the Baltic
  languages transliterate it (`Serej`, `Andrej` for `Sergei`, `Andrei`): read as `i`, and the
  word compared again (a typo may remain: `serei` ~ `sergei`).
- **Pinyin sibilant initials.** Mandarin has three series of sibilants, written `j q x`
  (alveolo-palatal), `zh ch sh` (retroflex) and `z c s` (dental); people who do not speak
  Mandarin, and Southern speakers, who merge the last two, write one for another (`Shi` or `Si`
  for 习 `Xi`). Two Pinyin syllables that differ only by a sibilant of the same manner (`x`/`sh`/`s`,
  `j`/`zh`/`z`, `q`/`ch`/`c`) may be one name: partial credit (`SIM_SIBILANT`), below a
  romanization or nickname match, since `Shi` is also another family name (史, 石).
"""

from __future__ import annotations

from functools import lru_cache

from interdict.screening import tables
from interdict.screening.tokens import SIM_SKELETON, similarity, skeleton

SIM_SIBILANT = 0.8
BALTIC_ENDINGS = (("as", 5), ("us", 5), ("is", 5), ("s", 4))  # (ending, shortest stem)
_SIBILANTS = (("zh", "z", "j"), ("ch", "c", "q"), ("sh", "s", "x"))
_VOWELS = frozenset("aeiou")
PINYIN_LONGEST = 6  # letters of the longest Pinyin syllable ("zhuang", "shuang"): checked by a test


def alike(a: str, b: str) -> tuple[float, str]:
    """(similarity, rule) when `a` and `b` are one name by one of the rules above, else (0, "")."""
    # Every pair of unmatched words comes here and nearly all fail every rule: each rule is asked
    # only when the last letters or the lengths allow it (a Baltic ending ends in "s", й in "j",
    # a Pinyin syllable is at most six letters).
    if not (a + b).isascii() or not (a + b).isalpha():
        return 0.0, ""
    if (a[-1] == "s" and baltic_stem(a, b)) or (b[-1] == "s" and baltic_stem(b, a)):
        return SIM_SKELETON, "ending:baltic"
    if (a[-1] == "j" and (found := _final_j(a, b))[0] > 0.0) \
            or (b[-1] == "j" and (found := _final_j(b, a))[0] > 0.0):
        return found
    if len(a) <= PINYIN_LONGEST and len(b) <= PINYIN_LONGEST and _sibilant_swap(a, b):
        return SIM_SIBILANT, "pinyin:sibilant"
    return 0.0, ""


@lru_cache(maxsize=65536)
def baltic_stem(word: str, other: str) -> bool:
    """True when `word` is `other` with a Baltic nominative ending ("sergejs" ~ "sergei")."""
    for ending, shortest in BALTIC_ENDINGS:
        stem = word[:-len(ending)]
        if not word.endswith(ending) or len(stem) < shortest or stem[-1] in _VOWELS or len(other) < shortest:
            continue
        for spelt in (stem, stem[:-1] + "i") if stem[-1] == "j" and stem[-2] in _VOWELS else (stem,):
            read = tables.variants().get(spelt, (spelt,))
            if len(read) == 1 and (read[0] == other or skeleton(read[0]) == skeleton(other)):
                return True
    return False


def _final_j(word: str, other: str) -> tuple[float, str]:
    """`word` ending in a vowel and "j" (Cyrillic й) read with "i" for it, compared with `other`."""
    if len(word) < 4 or word[-1] != "j" or word[-2] not in _VOWELS:
        return 0.0, ""
    found, rule = similarity(word[:-1] + "i", other)
    return (min(found, SIM_SKELETON), "cyrillic-j:" + rule) if found > 0.0 else (0.0, "")


def _initial(syllable: str) -> tuple[int, str] | None:
    """The sibilant series of a syllable's initial and the rest, or None."""
    for series, letters in enumerate(_SIBILANTS):
        for letter in letters:
            if syllable.startswith(letter):
                return series, syllable[len(letter):]
    return None


@lru_cache(maxsize=65536)
def sibilant_alternates(syllable: str) -> tuple[str, ...]:
    """The Pinyin syllables `_sibilant_swap` reads as `syllable` ("si" → "shi", "xi"): candidate
    keys for blocking (and the delta pre-filter), so that the estimate of a name met through them
    is not lower than its score."""
    if len(syllable) > PINYIN_LONGEST or (found := _initial(syllable)) is None:
        return ()
    syllables = tables.pinyin_syllables()
    if syllable not in syllables:
        return ()
    series, rest = found
    return tuple(alt for letter in _SIBILANTS[series]
                 if (alt := letter + rest) != syllable and alt in syllables)


@lru_cache(maxsize=65536)
def _sibilant_swap(a: str, b: str) -> bool:
    syllables = tables.pinyin_syllables()
    if a == b or a not in syllables or b not in syllables:
        return False
    ia, ib = _initial(a), _initial(b)
    return ia is not None and ia == ib
