"""An organisation's listed name with words left out ("Khalagh Pars Co." for "Khalagh Tadbir Pars Co.").

The ordinary comparison weighs an organisation's every distinctive word (`scoring.NAME_EXPONENT_OTHER`:
"Korea Development Bank" is not "Korea United Development Bank"), so a query that is the listed name
with one word left out scored 0.6-0.77. Such a query is a possible match when what it keeps carries
the listed name's distinctive weight: every query word matches a listed word, in the listed order,
the name's head (its first word other than a legal form) is kept, no word left out is itself
distinctive (DROP_DISTINCT_LEFT), and the rarest word kept outweighs all the listed words left out
together. Then the words left out weigh as a person's
middle names do (`scoring.NAME_EXPONENT_PERSON`), the score rests on how rare the rarest kept word is
(DROP_DISTINCT for full confidence), and it is capped below a sure match (DROP_MAX).

Kept apart: a query of generic words only, where the word left out is the rarest ("Shipping Ltd" for
"Elvegard Shipping Ltd", "Korea Development Bank" for "Korea United Development Bank"); one without a
word of one or two listed names ("Global Services" for "Global Energy Services"); one that leaves out
the head, which names another firm as often as this one ("Alpine Trading LLC" for "Green Alpine
Trading, LLC"); a one-word query (a single word may be any part of a name: `partial`); and names with
a number, whose number tells a ship or unit from its siblings ("KUM 7" for "KUM SONG 7", "FU YUAN YU"
for "FU YUAN YU 8649"). A person's name has its own rules for parts left out (`scoring._partial_name`,
`lineage`). Token weights are list rarity, so a dictionary word rare on the lists ("Alpine") reads as
distinctive as a coined one ("Khalagh"): the conditions above, not the words' meaning, keep customer
names of that make apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from interdict.screening import tables
from interdict.screening.aligned import Aligned

F64 = npt.NDArray[np.float64]

DROP_MAX = 0.85  # below `scoring.PARTIAL_MAX`: a name with words left out is a possible match, no sure one
# The rarest kept word's weight (rarity) for full confidence: a word of one or two listed names (on UN +
# OFAC SDN, 56,000 name records, 0.95 is a document frequency of 1.7; 0.85 would be 5, and took
# "Atlantic Shipping Ltd" for "Atlantic Shipping and Transportation Limited").
DROP_DISTINCT = 0.95
# A listed word left out that alone names few listed names (0.85: a document frequency of about 5)
# says the query may name another firm, however rare the word it kept: "Societe Generale" (the
# French bank) is not "Societe Generale des Pains" (a bakery on OFAC's list), whose "pains" weighs 0.87
# against "generale" 0.94. Found after merging on the own set's real-company negatives (0.815).
DROP_DISTINCT_LEFT = 0.85
DROP_EXPONENT = 0.4  # as `scoring.NAME_EXPONENT_PERSON`: words left out weigh as a person's middle names


def left_out_score(q: tuple[str, ...], qw: Sequence[float], n: tuple[str, ...], nw: Sequence[float],
                   chosen: Sequence[Aligned], cov_n: float) -> float:
    """The score of organisation query `q` as listed name `n` with words left out (`cov_n`: the share
    of the listed name's weight it matched); 0 when it is not such a query."""
    if len(q) < 2 or len(n) <= len(q) or not chosen:
        return 0.0
    matched_q = {i for m in chosen for i in m.query}
    if len(matched_q) < len(q):
        return 0.0  # a query word of its own: another name, not this one with a word left out
    order = sorted(chosen, key=lambda m: m.name[0])
    if [m.query[0] for m in order] != sorted(m.query[0] for m in order):
        return 0.0  # not in the listed order
    matched_n = {j for m in chosen for j in m.name}
    left = [j for j in range(len(n)) if j not in matched_n]
    if any(c.isdigit() for t in (*q, *(n[j] for j in left)) for c in t):
        return 0.0
    forms = tables.legal_forms()
    if next((j for j, t in enumerate(n) if t not in forms), 0) not in matched_n:
        return 0.0  # the name's head left out
    rarest = max(qw)
    if max(nw[j] for j in left) >= DROP_DISTINCT_LEFT or rarest <= sum(nw[j] for j in left):
        # What was left out says as much as anything the query kept, or more. A tie is no evidence
        # either way: in a one-entity index (`interdict match`, name_bench) every word weighs as unseen,
        # and "Banco Santander S.A." is not "Banco Santander México S.A." there.
        return 0.0
    similarity = min(m.similarity for m in chosen)
    return min(DROP_MAX, similarity * float(cov_n ** DROP_EXPONENT) * confidence(rarest))


def confidence(rarest: float) -> float:
    """How far the rarest kept word (its weight) carries the name: 1 from DROP_DISTINCT up."""
    return min(1.0, rarest / DROP_DISTINCT)


def bound(rarest: float, cov_n: F64) -> F64:
    """The most `left_out_score` can give a query whose rarest word weighs `rarest`, with at most
    `cov_n` of the listed name matched, for each record (for the blocking estimate, which must not
    fall below it; its plain-Python path passes a one-record array)."""
    return np.minimum(DROP_MAX, cov_n ** DROP_EXPONENT * confidence(rarest))
