"""Issue 12 §2, recall: a listed name typed exactly as listed always scores 1.0 for its entry (a weak
alias 1.0 less its documented penalty), and
lowering the threshold never loses a hit — checked over every listed name of the real UN and
OFAC SDN lists (the session's `real_index`).

Before the fix the candidate stage kept a fixed number of records, cut inside ties: common tokens
filled it and the right entry never reached scoring ("ABDULLAH AHMED ABDULLAH EL ALFI", the
"FU YUAN YU" fleet); and a one-letter difference the skeleton hid ("CABDULLAAHI" ~ "CABDULLAAH")
was found at 0.6 but not at 0.78.
"""

from __future__ import annotations

from typing import Any

import pytest

from interdict.core.entity import NameQuality
from interdict.core.match import Query
from interdict.screening import ScreeningIndex, screen, screen_many
from interdict.screening.context import WEAK_ALIAS
from interdict.screening.normalize import name_forms
from interdict.screening.threshold import DEFAULT_THRESHOLD

LOWER = 0.6
LIMIT = 10_000  # every candidate: a name shared by many entries ties at 1.0


def _listed_names(index: ScreeningIndex) -> dict[str, list[int]]:
    """Every distinct listed name that has a comparable form → the entries listing it."""
    out: dict[str, list[int]] = {}
    for e_no, entity in enumerate(index.entities):
        for name in {n.full for n in entity.names}:
            if name_forms(name):
                out.setdefault(name, []).append(e_no)
    return out


@pytest.fixture(scope="module")
def exact_outcomes(real_index: ScreeningIndex) -> list[tuple[int, str, dict[str, float], dict[str, float]]]:
    """Every listed name screened as written, at the default threshold and at LOWER (both cores)."""
    names = _listed_names(real_index)
    queries = [Query(name) for name in names]
    high = screen_many(real_index, queries, threshold=DEFAULT_THRESHOLD, limit=LIMIT)
    low = screen_many(real_index, queries, threshold=LOWER, limit=LIMIT)
    out = []
    for (name, e_nos), hi, lo in zip(names.items(), high, low, strict=True):
        hi_scores = {f"{c.list}:{c.list_id}": c.score for c in hi}
        lo_scores = {f"{c.list}:{c.list_id}": c.score for c in lo}
        out += [(e_no, name, hi_scores, lo_scores) for e_no in e_nos]
    return out


def test_every_listed_name_typed_as_listed_scores_one(real_index: ScreeningIndex,
                                                      exact_outcomes: list[Any]) -> None:
    assert len(exact_outcomes) > 40_000
    missed = []
    for e_no, name, high, _ in exact_outcomes:
        entity = real_index.entities[e_no]
        # A weak alias keeps its documented penalty (the list itself doubts it), nothing more.
        weak = all(n.quality == NameQuality.WEAK for n in entity.names if n.full == name)
        if high.get(f"{entity.list}:{entity.list_id}", 0.0) < (1.0 + WEAK_ALIAS if weak else 1.0) - 1e-9:
            missed.append((name, entity.list_id, sorted(high.items(), key=lambda p: -p[1])[:2]))
    assert not missed, f"{len(missed)} listed names not found at 1.0, e.g. {missed[:10]}"


# Queries known to lose a hit at the lower threshold, each to be explained; a new case fails the
# test, and so does a listed one that no longer loses its hit (remove it). Empty since the merged
# engine (issue 12): the Arabic-script "عبد الرحمن" no longer loses un:QDi.192 at 0.6.
KNOWN_LOST: set[str] = set()


def test_lowering_the_threshold_never_loses_a_hit(exact_outcomes: list[Any]) -> None:
    lost = []
    for _, name, high, low in exact_outcomes:
        gone = {k: s for k, s in high.items() if low.get(k) != s}
        assert not (name in KNOWN_LOST and not gone), f"{name!r} no longer loses a hit: remove it"
        if gone and name not in KNOWN_LOST:
            lost.append((name, gone))
    assert not lost, f"{len(lost)} queries lose hits at {LOWER}, e.g. {lost[:10]}"


@pytest.mark.parametrize(("query", "list_id"), [
    ("ABDULLAH AHMED ABDULLAH EL ALFI", "QDi.019"),
    ("MAXAMED CABDULLAAHI CIISE", "8092"),
    ("FU YUAN YU 7899", "33733"),
])
def test_reported_cases_at_the_default_threshold(real_index: ScreeningIndex, query: str,
                                                 list_id: str) -> None:
    found = {c.list_id: c.score for c in screen(real_index, Query(query), limit=LIMIT)}
    assert found.get(list_id, 0.0) >= 0.95


def _joined(name: str, at: int) -> str:
    words = name.split()
    return " ".join([*words[:at], words[at] + words[at + 1], *words[at + 2:]])


# Two words joined where the listed name reads one of them otherwise: rewritten by a table
# ("MUHAMADAbdul": "abdul" is read "abd al", so the one query word stands for three listed words;
# "MOHAMEDAL": "mohamed" is read "muhammad") or left out ("AMMUNITIONAND": "and"), so no joined pair
# of the index holds the query's word; found at 0.6 through the other words, not at the default.
KNOWN_JOINED_LOST = {"ABBAKAR MUHAMADAbdul Aziz", "A. Rahmanal-Naimi", "ABOU MOHAMEDAL ADNANI",
                     "AMMUNITIONAND METALLURGY INDUSTRY GROUP"}
JOINED_SAMPLE = 6  # every sixth listed name: ~7,000 queries, each screened at two thresholds


@pytest.fixture(scope="module")
def joined_outcomes(real_index: ScreeningIndex) -> list[tuple[str, dict[str, float], dict[str, float]]]:
    """Every JOINED_SAMPLE-th listed name of two Latin words or more, two adjacent words written as
    one (which two: the name's length picks them, so the sample is the same every run)."""
    names = sorted({n.full for e in real_index.entities for n in e.names})
    queries = [_joined(name, len(name) % (len(name.split()) - 1)) for name in names[::JOINED_SAMPLE]
               if len(name.split()) >= 2 and name.isascii()]
    high = screen_many(real_index, [Query(q) for q in queries], threshold=DEFAULT_THRESHOLD, limit=LIMIT)
    low = screen_many(real_index, [Query(q) for q in queries], threshold=LOWER, limit=LIMIT)
    def scores(found: list[Any]) -> dict[str, float]:
        return {f"{c.list}:{c.list_id}": c.score for c in found}

    return [(q, scores(hi), scores(lo)) for q, hi, lo in zip(queries, high, low, strict=True)]


def test_a_higher_threshold_keeps_the_hits_of_two_words_joined(joined_outcomes: list[Any]) -> None:
    """Blocking credited a record met through a joined pair's key with one key's rarity, where the
    listed name gives weight to two words: half the name read as missing, so "AATBelaruskaliy" lost
    "AAT Belaruskaliy" (1.0) at the default threshold and found it at 0.6."""
    assert len(joined_outcomes) > 6_000
    lost = []
    for query, high, low in joined_outcomes:
        gone = {k: s for k, s in low.items() if s >= DEFAULT_THRESHOLD and high.get(k) != s}
        if gone and query not in KNOWN_JOINED_LOST:
            lost.append((query, gone))
    assert not lost, f"{len(lost)} joined queries lose hits at the default threshold, e.g. {lost[:10]}"


@pytest.mark.parametrize(("query", "list_id"), [
    ("AATBelaruskaliy", "32746"),
    ("ABRManagement", "20283"),
    ("A.I.C. SOGOKENKYUSHO", "4691"),
])
def test_two_listed_words_joined_are_found_at_the_default_threshold(real_index: ScreeningIndex, query: str,
                                                                   list_id: str) -> None:
    found = {c.list_id: c.score for c in screen(real_index, Query(query), limit=LIMIT)}
    assert found.get(list_id, 0.0) >= 0.9


@pytest.mark.parametrize(("query", "listed"), [("HAN CHOAL SONG", "0"), ("RI CHUAN GIL", "1")])
def test_a_letter_added_to_a_word_of_a_three_letter_key_keeps_its_hit(query: str, listed: str) -> None:
    """"chol" and "chun" have three-letter keys ("col", "cun"); blocking looked up no deletion of a
    query word that short, so "choal" met "chol" only through the name's other words: found at 0.6
    (0.95), lost at the default threshold. Invented names."""
    from interdict.core.entity import Entity, EntityKind, Name
    from interdict.screening import build_index

    names = ("HAN CHOL SONG", "RI CHUN GIL", "KIM PYONG HO", "PAK SONG NAM", "CHOE MYONG SU", "YUN SU CHOL")
    index = build_index([Entity(list="t", list_id=str(i), kind=EntityKind.PERSON, names=(Name(n),))
                         for i, n in enumerate(names)])
    high = {c.list_id: c.score for c in screen(index, Query(query), threshold=DEFAULT_THRESHOLD)}
    low = {c.list_id: c.score for c in screen(index, Query(query), threshold=LOWER)}
    assert low.get(listed, 0.0) >= DEFAULT_THRESHOLD
    assert high.get(listed) == low[listed]
