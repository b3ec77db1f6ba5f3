"""Token keys and token similarity: exact, spelling variant, romanization skeleton, typo, initial.

The skeleton folds the spelling differences between romanization systems into one key:
Korean McCune–Reischauer / Revised / DPRK (k~g, p~b, t~d, ch~j, eo~o, eu~u, yo~yeo), Russian
BGN/PCGN / ICAO / GOST (kh~h, ts~c, shch, ya~ia, y~i), and doubled letters. It is deliberately
coarse, so a skeleton match scores below an exact or table-variant match.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

from interdict.screening import tables

SIM_EXACT = 1.0
SIM_SKELETON = 0.92
SIM_INITIAL = 0.85
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ichna", "ovych", "evych", "ivna")
SIM_NICKNAME = 0.85  # a short form ("Bill" ~ "William"): the same given name, less surely
TYPO_FREE_FIRST_LETTER = 7  # tokens shorter than this must agree on their first letter to be typos

_RULES = (
    ("shch", "sc"), ("sch", "s"), ("tch", "c"), ("ch", "c"), ("zh", "z"), ("kh", "h"), ("ts", "c"),
    ("tz", "c"), ("sh", "s"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("q", "k"), ("x", "ks"),
    ("w", "v"), ("j", "c"), ("y", "i"), ("eo", "o"), ("eu", "u"), ("ou", "u"), ("oo", "u"),
    ("ee", "i"), ("ae", "e"), ("g", "k"), ("b", "p"), ("d", "t"),
)

_RULE_MAP = dict(_RULES)
# One left-to-right pass, longest spelling first ("shch" before "sh" before "h").
_RULE_PATTERN = re.compile("|".join(sorted(map(re.escape, _RULE_MAP), key=len, reverse=True)))
# The same pass in two steps, for speed (a regex callback per letter dominated the typo search):
# the letter groups by regex, then the single letters by `str.translate`. Equivalent because no
# single-letter rule's letter occurs inside a group or in any rule's output (checked at import),
# so the single letters neither split nor join a group, and nothing is rewritten twice.
_GROUPS = {k: v for k, v in _RULES if len(k) > 1}
_LETTERS = str.maketrans({k: v for k, v in _RULES if len(k) == 1})
_GROUP_PATTERN = re.compile("|".join(sorted(map(re.escape, _GROUPS), key=len, reverse=True)))
assert not set("".join(k for k, _ in _RULES if len(k) == 1)) & set("".join([*_GROUPS, *_RULE_MAP.values()]))


def _rule(match: re.Match[str]) -> str:
    return _RULE_MAP[match.group(0)]


def _group(match: re.Match[str]) -> str:
    return _GROUPS[match.group(0)]


def fold(token: str) -> str:
    """The romanization rules applied in one left-to-right pass, longest spelling first."""
    return _GROUP_PATTERN.sub(_group, token).translate(_LETTERS)


@lru_cache(maxsize=131072)
def skeleton(token: str) -> str:
    """The romanization-insensitive key of a canonical Latin token ("jeong" → "cong")."""
    if not token.isascii() or len(token) < 2 or token.isdigit():
        return token
    s = fold(token)
    if s.startswith("ie"):  # Cyrillic initial Е: "Yelena" (BGN/PCGN) ~ "Elena" (ICAO)
        s = s[1:]
    out = [s[0]]
    for ch in s[1:]:
        if ch != out[-1]:
            out.append(ch)
    if len(out) > 3 and out[-1] == "h":
        out.pop()
    return "".join(out)


def deletions(key: str) -> list[str]:
    """All strings one character shorter (symmetric-delete keys for typo blocking)."""
    return [key[:i] + key[i + 1:] for i in range(len(key))]


def max_edits(length: int) -> int:
    """How many edits a token of this length may carry and still match."""
    if length >= 8:
        return 2
    return 1 if length >= 4 else 0


@lru_cache(maxsize=262144)
def similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two canonical tokens are, in [0, 1], and the rule that says so."""
    if a == b:
        return SIM_EXACT, "exact"
    ska, skb = skeleton(a), skeleton(b)
    if ska == skb:
        return SIM_SKELETON, "romanization"
    if skb in tables.nicknames().get(ska, ()):
        return SIM_NICKNAME, "nickname"
    if len(a) == 1 or len(b) == 1:
        if a[0] == b[0] and a.isascii() and a.isalpha() and b.isalpha():
            return SIM_INITIAL, "initial"
        return 0.0, ""
    if a.isdigit() or b.isdigit():
        return 0.0, ""
    longest = max(len(ska), len(skb))
    shortest = min(len(ska), len(skb))
    if shortest < 3 or (shortest == 3 and len(ska) == len(skb)):
        return 0.0, ""  # a three-letter token may only have lost a letter ("hyk" ~ "hyok")
    allowed = max_edits(max(len(a), len(b)))
    # In short names a different first letter is another name (Ming, Jing). The first letter as
    # written counts too: folding "kh" to "h" turns "Khalagh" to "halak", yet "Kalagh" begins alike.
    if allowed == 0 or (longest < TYPO_FREE_FIRST_LETTER and ska[0] != skb[0] and a[0] != b[0]):
        return 0.0, ""
    # A transposition is one edit; spelled or folded, whichever is closer ("invets" ~ "invest").
    raw = OSA.distance(a, b, score_cutoff=allowed + 1)
    # The folded distance only counts where the spelling is close too: folding several letters at
    # once ("joubert" → "cupert") made different names one typo apart ("cuspert").
    dist = min(OSA.distance(ska, skb, score_cutoff=allowed), raw) if raw <= allowed + 1 else raw
    if dist > allowed:
        if look_alike(a) != look_alike(b):
            return 0.0, ""
        # Letters a scan or a glance reads as one ("rn" for "m"): one slip, not two edits.
        return max(0.0, SIM_SKELETON - 0.35 / longest), "typo:look-alike"
    return max(0.0, SIM_SKELETON - 0.35 * dist / longest), f"typo:{dist}"


# Letter pairs that print like one letter ("Ernpire" for "Empire", "Abcl" for "Abd", "vv" for "w"):
# where the two words are the same once these are read as the letter, they differ by one slip.
_LOOK_ALIKE = (("rn", "m"), ("cl", "d"), ("vv", "w"))


def look_alike(token: str) -> str:
    """The token with the letter pairs that print like one letter read as that letter."""
    for pair, letter in _LOOK_ALIKE:
        token = token.replace(pair, letter)
    return token
