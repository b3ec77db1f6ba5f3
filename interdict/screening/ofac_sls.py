"""An emulation of the score of OFAC's Sanctions List Search (SLS), as OFAC's own FAQ describes it.

OFAC FAQ 249 ("How is the Score calculated?", https://ofac.treasury.gov/faqs/249, released
2021-04-28) says, in substance: SLS first keeps potential matches that share the first letter of
a search term or are at least 50 % similar by edit distance; it then scores with two algorithms,
Jaro-Winkler (string difference) and Soundex (phonetic), and two techniques: (1) Jaro-Winkler of
the entire name entered against the entire listed name; (2) the name split into parts ("John Doe"
is two parts), each part compared with the listed name's parts by Jaro-Winkler and Soundex, giving
a score per part and a composite over all parts. Both techniques run every time and the higher
of the two scores is reported.

The FAQ does not say how Jaro-Winkler and Soundex combine for one part, nor how part scores make a
composite. Our reading, stated so a reviewer can disagree with it: a part scores the mean of its
Jaro-Winkler similarity and its Soundex agreement (1 when the codes are equal, else 0), against
the best-scoring listed part; the composite is the mean over the parts entered. The pre-filter is
not emulated (it only limits which entries get a score). Names are compared upper-cased in ASCII
with punctuation removed, as SLS's results show them. This is a reference for users comparing
with the official tool, not our screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler
from rigour.text.phonetics import soundex
from rigour.text.translit import ascii_text

SOUNDEX_WEIGHT = 0.5  # share of a part's score that is Soundex agreement (the rest Jaro-Winkler)
DEFAULT_THRESHOLD = 0.85  # SLS's slider is set by the user; 85 is a common setting in practice
_NON_ALNUM = re.compile(r"[^A-Z0-9]+")


@dataclass(frozen=True, slots=True)
class PartScore:
    """One query part against its best listed part."""

    part: str
    best: str
    jaro_winkler: float
    soundex_equal: bool
    score: float


@dataclass(frozen=True, slots=True)
class SlsScore:
    """Both techniques' scores for one pair of names, and the reported (higher) one."""

    whole: float
    composite: float
    parts: tuple[PartScore, ...]

    @property
    def score(self) -> float:
        """What SLS reports: the higher of the whole-name and part-composite scores."""
        return max(self.whole, self.composite)


@lru_cache(maxsize=4096)
def sls_text(name: str) -> str:
    """A name as SLS compares it: ASCII, upper case, words separated by single spaces."""
    return _NON_ALNUM.sub(" ", ascii_text(name).upper()).strip()


@lru_cache(maxsize=16384)
def _soundex(part: str) -> str:
    return soundex(part)


def part_score(part: str, listed: str) -> PartScore:
    """One query part against one listed part: Jaro-Winkler and Soundex agreement, averaged."""
    jw = JaroWinkler.similarity(part, listed)
    same = _soundex(part) == _soundex(listed) != ""
    score = (1.0 - SOUNDEX_WEIGHT) * jw + SOUNDEX_WEIGHT * float(same)
    return PartScore(part, listed, jw, same, score)


def sls_score(query: str, listed: str) -> SlsScore:
    """Score a query name against a listed name as OFAC's Sanctions List Search describes it."""
    q, n = sls_text(query), sls_text(listed)
    if not q or not n:
        return SlsScore(0.0, 0.0, ())
    whole = JaroWinkler.similarity(q, n)
    listed_parts = n.split()
    parts = tuple(max((part_score(p, lp) for lp in listed_parts), key=lambda s: s.score)
                  for p in q.split())
    composite = sum(p.score for p in parts) / len(parts)
    return SlsScore(whole, composite, parts)
