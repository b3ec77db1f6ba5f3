"""A person named by the family name alone after a title ("President Erdoğan", "Mr Smith",
"Chairman Xi"): a form of address, so the one word is the family name, which lists write last or,
for Chinese and Korean names, first. A possible match whose score rests on how rare that word is, as
for first and last names of a longer name (`scoring._partial_name`); without a title a single word
may be any part of a name and keeps its usual score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

ADDRESSED_MAX = 0.9  # as `scoring.PARTIAL_MAX`: a possible match, not a sure one
ADDRESSED_EVIDENCE = 0.7  # query weight (rarity) the one word needs for ADDRESSED_MAX: a rare name


class _Aligned(Protocol):
    @property
    def name(self) -> tuple[int, ...]: ...
    @property
    def similarity(self) -> float: ...


def addressed_score(n: tuple[str, ...], chosen: Sequence[_Aligned], got_q: float) -> float:
    """The score of a one-word query addressed by title against listed name `n`: its one match must
    be the listed name's first or last word; 0 otherwise."""
    if len(chosen) != 1 or len(chosen[0].name) != 1 or chosen[0].name[0] not in (0, len(n) - 1):
        return 0.0
    return ADDRESSED_MAX * chosen[0].similarity * min(1.0, got_q / ADDRESSED_EVIDENCE)
