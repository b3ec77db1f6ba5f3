"""Names given in part, beyond first and last names of a longer name (`scoring._partial_name`).

A person named by the family name alone after a title ("President Erdoğan", "Mr Smith"): a form of
address, so the one word is the family name, which lists write last or, for Chinese and Korean
names, first. A possible match whose score rests on how rare that word is; without a title a single
word may be any part of a name and keeps its usual score.

A name cut at the end of a payment message's name line: an MT name line (fields 50K, 59) holds 35
characters, and a longer name is cut there, often inside a word ("... BELKASSEM DR" for "...
BELKASSEM DRISSI"). The last word of a name that fills the line may be the start of a listed word,
and the listed words after it never reached the line: a name that reads as the listed name's first
words up to the cut ("ARIA SINA CONTROL INTERNATIONAL TEC" for "... TECHNICAL INSPECTION CO.") is
not held to the words beyond it. Where the tables rewrote the listed word, the cut word begins one
of its written spellings instead ("Mohame" of "Mohamed", listed "muhammad"; "Limited Liabili" of
"Limited Liability Company", listed "llc": `cut_reading`, `written`). A line cut where a space
followed a word loses that space: 34 characters ending on a letter read as a filled line whose
last word is whole (`ended_at_line`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from interdict.screening import written
from interdict.screening.aligned import Aligned

ADDRESSED_MAX = 0.9  # as `scoring.PARTIAL_MAX`: a possible match, not a sure one
ADDRESSED_EVIDENCE = 0.7  # query weight (rarity) the one word needs for ADDRESSED_MAX: a rare name
MT_LINE = 35  # characters of an MT name line (as `payments.reconcile`)
CUT_MIN = 2  # letters a cut word keeps to stand for a listed word


def addressed_score(n: tuple[str, ...], chosen: Sequence[Aligned], got_q: float) -> float:
    """The score of a one-word query addressed by title against listed name `n`: its one match must
    be the listed name's first or last word; 0 otherwise."""
    if len(chosen) != 1 or len(chosen[0].name) != 1 or chosen[0].name[0] not in (0, len(n) - 1):
        return 0.0
    return ADDRESSED_MAX * chosen[0].similarity * min(1.0, got_q / ADDRESSED_EVIDENCE)


def cut_at_line(text: str) -> bool:
    """True for a name that fills an MT name line and ends inside a word (a letter, no space)."""
    return len(text) == MT_LINE and text[-1].isalpha() and text[-2] != " "


def ended_at_line(text: str) -> bool:
    """True for a name one character short of an MT name line that ends on a letter: the line was
    cut where a space followed its last word, and the space dropped ("... Enerji Uretim" of "...
    Enerji Uretim Sanayi ..."). Its last word is whole; listed words after it may be missing."""
    return len(text) == MT_LINE - 1 and text[-1].isalpha()


def cut_word(q: tuple[str, ...], n: tuple[str, ...], free_q: Collection[int],
             free_n: Collection[int]) -> tuple[int, int] | None:
    """The query's last word, left unmatched, and the first unmatched listed word it begins (as
    (query index, name index)); None when there is none."""
    last = len(q) - 1
    if last not in free_q or len(q[last]) < CUT_MIN:
        return None
    return next(((last, j) for j in free_n if len(n[j]) > len(q[last]) and n[j].startswith(q[last])), None)


def cut_reading(q: tuple[str, ...], n: tuple[str, ...], free_q: Collection[int],
                free_n: Collection[int]) -> tuple[tuple[int, ...], int] | None:
    """The query's last word, left unmatched, read as the start of a written spelling of a free
    listed token that normalisation rewrote ("mohame" of "Mohamed", listed "muhammad"; with the
    free query words before it, of a phrase: "ltd liabili" of "Limited Liability Company", listed
    "llc"), as (query indices, name index); None when there is none (`written.readings`)."""
    last = len(q) - 1
    if last not in free_q or len(q[last]) < CUT_MIN:
        return None
    for token, k in written.readings(q[max(0, last - written.MAX_LEAD):last], q[last]):
        span = tuple(range(last - k, last + 1))
        j = next((j for j in free_n if n[j] == token), None)
        if j is not None and all(i in free_q for i in span):
            return span, j
    return None


def beyond_line(q: tuple[str, ...], nw: Sequence[float], chosen: Sequence[Aligned]) -> float:
    """The listed name's weight after the word the cut query's last word matched, when the query's
    matches all lie up to that word and every query word is matched (it read the listed name from
    its start, in order, to the cut); 0 otherwise. Those words were left off the line, so they say
    nothing against the query. A query word left unread ("Limited Liability Company Petronix" for
    "Petronix Energy Trading Limited": the legal form moved) is no line's reading of the name."""
    last = next((m for m in chosen if len(q) - 1 in m.query), None)
    if last is None:
        return 0.0
    end = max(last.name)
    if any(j > end for m in chosen for j in m.name):
        return 0.0
    order = sorted(chosen, key=lambda m: m.query[0])
    if [m.name[0] for m in order] != sorted(m.name[0] for m in order):
        return 0.0  # not in the listed order: not the line's reading of this name
    if len({i for m in chosen for i in m.query}) < len(q):
        return 0.0
    return float(sum(nw[end + 1:]))
