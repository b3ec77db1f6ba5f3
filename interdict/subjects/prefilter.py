"""The delta re-screen's pre-filter, in arrays: which subjects blocking against the delta index
could pick a record for, found without a Python step per subject.

Blocking (`screening.blocking.block`) scores a record for a query form only when its optimistic
estimate reaches the bar, est_q ** QUERY_EXPONENT * est_n ** name exponent * evidence, from the
query weight (`got_q`) and listed weight (`got_n`) the form's tokens and joined pairs meet on that
record, over the form's whole weight (`total_q`). So, per delta run:
1. every key of the delta's records gives signatures; the stored tokens whose probes meet one are
   the only ones that can reach a delta record (`probes`: the probes cover `related_keys`); for
   those few thousand tokens blocking's own lookups (`token_hits` on the delta index) say exactly
   which records each reaches, how well, and its exact query weight;
2. for each subject holding such a token, from its stored parts (token numbers at form positions):
   the most `got_q`, `got_n` and share of a listed name its reaching parts can give any one record,
   and the least `total_q` its form can weigh (each other token's weight from the least rarity of
   the listed keys its probes meet, or full when they meet none: `related_keys` reaches a subset of
   those, and a token weighs as the rarest it reaches);
3. a subject whose bound stays below the bar cannot be picked by blocking at any context; the rest
   are screened, and screening decides.
The bound is a superset of blocking's choice by construction (each factor is bounded above); the
delta re-screen's result equals a full re-screen's (tests/subjects).

A subject screened as a person weighs a legal-form word of its name ("AG", "PAO") as a name word:
the persons holding such a reaching token are bounded again with a person's weights.

Subjects holding an identifier key, an initial, an address-like name, several name forms or a
delta record's exact form are kept whenever one of their tokens is reached, as before.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from interdict.screening.blocking import ESTIMATE_SLACK
from interdict.screening.engine import CONTEXT_HEADROOM
from interdict.screening.index import (
    COMMON_TOKEN_WEIGHT,
    LEGAL_FORM_WEIGHT,
    MIN_WEIGHT,
    ScreeningIndex,
    token_weight,
)
from interdict.screening.scoring import MIN_EVIDENCE, QUERY_EXPONENT
from interdict.screening.threshold import DEFAULT_THRESHOLD
from interdict.subjects.probes import PART_OTHER, PART_TOKEN
from interdict.subjects.reach import DeltaReach, delta_reach, delta_signatures, idf_floor

I32 = npt.NDArray[np.int32]
F64 = npt.NDArray[np.float64]
U64 = npt.NDArray[np.uint64]
# Float sums here run in another order than blocking's: a bound this much lower still counts.
SLACK = 1e-6


class PartsReader(Protocol):
    """What the pre-filter reads from the store (`subjects.parts.PartStore`)."""

    def tokens_probing(self, probes: Iterable[int]) -> list[tuple[int, str]]: ...
    def tids_of(self, tokens: Iterable[str]) -> list[int]: ...
    def parts_holding(self, tids: Sequence[int]) -> tuple[I32, I32, I32, I32]: ...
    def token_probes(self, tids: I32) -> tuple[I32, U64]: ...
    def persons_among(self, nos: I32) -> I32: ...
    def token_texts(self, tids: I32) -> dict[int, str]: ...


BAR = DEFAULT_THRESHOLD - CONTEXT_HEADROOM - ESTIMATE_SLACK - SLACK  # the least estimate blocking keeps


# The least weight `token_weight` gives any token (a common word, or a legal form at the least
# rarity): a floor for a form token whose weight is not worked out yet.
LEAST_WEIGHT = min(COMMON_TOKEN_WEIGHT, LEGAL_FORM_WEIGHT * MIN_WEIGHT, MIN_WEIGHT)


def survivors(parts: tuple[I32, I32, I32, I32], reach: DeltaReach, weights: tuple[I32, F64]) -> I32:
    """The subject numbers blocking could pick a delta record for (a superset), from their parts
    (subject number, token number, position, kind; by subject number) and each form token's weight
    or a floor of it (sorted token numbers, weights; LEAST_WEIGHT for one not among them)."""
    nos, tids, _, kinds = parts
    if not len(nos):
        return nos
    starts = np.flatnonzero(np.r_[True, nos[1:] != nos[:-1]])
    subjects, n = nos[starts], len(starts)
    at = np.repeat(np.arange(n), np.diff(np.r_[starts, len(nos)]))
    always = np.fromiter(reach.always, dtype=np.int32, count=len(reach.always))
    keep = np.bincount(at[np.isin(tids, always)], minlength=n) > 0
    form = kinds == PART_TOKEN
    slot = np.minimum(np.searchsorted(reach.tids, tids), max(len(reach.tids) - 1, 0))
    reached = (reach.tids[slot] == tids) if len(reach.tids) else np.zeros(len(tids), dtype=bool)
    keep |= np.bincount(at[reached & (kinds == PART_OTHER)], minlength=n) > 0
    keep |= np.bincount(at[form], minlength=n) == 0  # several forms, or too long: any reach keeps it
    total = _form_total(at, tids[form], form, weights, n)
    hit = reached & (kinds != PART_OTHER)
    keep |= _within_reach(at[hit], slot[hit], total, reach, n)
    return subjects[keep].astype(np.int32)


def _form_total(at: npt.NDArray[np.intp], form_tids: I32, form: npt.NDArray[np.bool_],
                weights: tuple[I32, F64], n: int) -> F64:
    w_tids, w_values = weights
    slot = np.minimum(np.searchsorted(w_tids, form_tids), max(len(w_tids) - 1, 0))
    known = (w_tids[slot] == form_tids) if len(w_tids) else np.zeros(len(form_tids), dtype=bool)
    values = np.where(known, w_values[slot] if len(w_tids) else 0.0, LEAST_WEIGHT)
    out: F64 = np.bincount(at[form], values, minlength=n).astype(np.float64)
    return out


MAX_COMBINED = 4  # reaching parts per subject handled as one combination (more: one by one)


def _within_reach(subject: npt.NDArray[np.intp], part: npt.NDArray[np.intp], total: F64, reach: DeltaReach,
                  n: int) -> npt.NDArray[np.bool_]:
    """Per subject, whether blocking's estimate can reach the bar on some delta record, from its
    reaching parts (subject, index into `reach`; by subject) and its form's least weight `total`.

    The estimate falls as the form's weight rises, everything else fixed; so each combination of
    reaching parts (most subjects share theirs: a common given name, a common surname) allows its
    form at most some weight, worked out once from the parts' gains summed per record exactly as
    blocking sums them, and a subject passes when its form weighs no more."""
    k = np.bincount(subject, minlength=n)
    if len(reach.tids) >= 0xFFFF:  # token slots do not fit a combination's code
        return _one_by_one(subject, part, total, reach, n)
    small = k[subject] <= MAX_COMBINED
    order = np.lexsort((part[small], subject[small]))  # each subject's parts in one order
    who, slots = subject[small][order], part[small][order].astype(np.int64)
    start = np.searchsorted(who, who)  # the first row of the same subject
    code = np.zeros(n, dtype=np.int64)
    np.add.at(code, who, (slots + 1) << (16 * (np.arange(len(who)) - start)))
    has = k > 0
    has &= k <= MAX_COMBINED
    combos, inverse = np.unique(code[has], return_inverse=True)
    most = _most_total(reach, combos)
    out = np.zeros(n, dtype=bool)
    out[np.flatnonzero(has)] = total[has] <= most[inverse]
    big = ~small  # many reaching parts (rare): each subject is its own combination
    if big.any():
        out |= _one_by_one(subject[big], part[big], total, reach, n)
    return out


def _most_total(reach: DeltaReach, combos: npt.NDArray[np.int64]) -> F64:
    """Per combination of reaching parts (up to four token slots + 1, 16 bits each), the most its
    form may weigh for blocking's estimate to reach the bar on one delta record (-1: none)."""
    n_rec = len(reach.rec_total)
    slots = np.stack([(combos >> (16 * j)) & 0xFFFF for j in range(MAX_COMBINED)], axis=1) - 1
    combo, part = np.nonzero(slots >= 0)
    part = slots[combo, part]
    got_q, got_n, key = _gains(reach, combo, part)
    return _allowed(reach, got_q, got_n, key, n_rec, len(combos))


def _gains(reach: DeltaReach, group: npt.NDArray[np.int64],
           part: npt.NDArray[np.int64]) -> tuple[F64, F64, npt.NDArray[np.int64]]:
    """Each group's summed gains per record from its parts: got_q, got_n and group × records + record."""
    sizes = reach.offsets[part + 1] - reach.offsets[part]
    row = np.repeat(np.arange(len(part)), sizes)
    entry = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes) + np.repeat(
        reach.offsets[part], sizes)
    keys, inverse = np.unique(group[row] * len(reach.rec_total) + reach.records[entry], return_inverse=True)
    got_q = np.bincount(inverse, reach.factors[entry] * reach.weight[part[row]], minlength=len(keys))
    got_n = np.bincount(inverse, reach.factors[entry] * reach.listed[entry], minlength=len(keys))
    return got_q.astype(np.float64), got_n.astype(np.float64), keys.astype(np.int64)


def _allowed(reach: DeltaReach, got_q: F64, got_n: F64, key: npt.NDArray[np.int64], n_rec: int,
             groups: int) -> F64:
    """Per group, the most its form may weigh for one of its records' estimates to reach the bar."""
    rec = key % n_rec
    rest = (np.minimum(1.0, got_n / reach.rec_total[rec]) ** reach.rec_exponent[rec]
            * np.minimum(1.0, np.maximum(got_q, got_n) / MIN_EVIDENCE))
    share = BAR / np.maximum(rest, 1e-300)  # est_q ** QUERY_EXPONENT must reach this
    most = np.where(share <= 1.0, got_q / np.minimum(share, 1.0) ** (1.0 / QUERY_EXPONENT), -1.0)
    out = np.full(groups, -1.0)
    np.maximum.at(out, key // n_rec, most)
    return out * (1.0 + 1e-9) + 1e-12  # rounding: a hair more, never less


def _one_by_one(subject: npt.NDArray[np.intp], part: npt.NDArray[np.intp], total: F64, reach: DeltaReach,
                n: int) -> npt.NDArray[np.bool_]:
    got_q, got_n, key = _gains(reach, subject.astype(np.int64), part.astype(np.int64))
    most = _allowed(reach, got_q, got_n, key, len(reach.rec_total), n)
    return np.asarray(total <= most)


def form_weights(index: ScreeningIndex, store: PartsReader, form_tids: I32,
                 known: dict[int, float], *, person: bool = False) -> tuple[I32, F64]:
    """Each form token's exact query weight where known, else a floor: `token_weight` at the least
    rarity its probes meet (`token_weight` rises with rarity); as sorted token numbers, weights."""
    tids = np.unique(form_tids)
    rest = np.setdiff1d(tids, np.fromiter(known, dtype=np.int32, count=len(known)))
    probe_tids, probe_hashes = store.token_probes(rest)
    floors = idf_floor(index, probe_tids, probe_hashes, rest)
    texts = store.token_texts(rest)
    found = dict(known)
    for tid, idf in zip(rest.tolist(), floors.tolist(), strict=True):
        found[tid] = token_weight(texts[tid], idf, person=person)
    return tids, np.array([found[t] for t in tids.tolist()], dtype=np.float64)


def candidates(index: ScreeningIndex, target: ScreeningIndex, scope: Collection[int],
               store: PartsReader) -> I32:
    """The numbers of the subjects a delta run must screen (before the group and hit holders)."""
    sigs, forms = delta_signatures(index, scope)
    reach = delta_reach(index, target, store.tokens_probing(sigs))
    reach = replace(reach, always=reach.always | frozenset(store.tids_of(forms)))
    wanted = sorted({*reach.tids.tolist(), *reach.always})
    if not wanted:
        return np.empty(0, dtype=np.int32)
    parts = store.parts_holding(wanted)
    kept = _kept(index, store, parts, reach)
    # A person's name weighs a legal-form word ("AG" of "Bah Ag Moussa", "PAO") as a name, by its
    # rarity (the engine's `person=` for a subject of kind person only): the persons holding a
    # reaching token weighed otherwise so are bounded again with a person's weights, and kept if
    # that bound reaches the bar. Each bound holds for the subjects screened with its weights.
    differ = reach.tids[reach.person_weight != reach.weight]
    if not len(differ):
        return kept
    persons = store.persons_among(np.unique(parts[0][np.isin(parts[1], differ)]))
    if not len(persons):
        return kept
    rows = np.isin(parts[0], persons)
    persons = _kept(index, store, _rows(parts, rows), reach.as_person())
    return np.union1d(kept, persons).astype(np.int32)


def _kept(index: ScreeningIndex, store: PartsReader, parts: tuple[I32, I32, I32, I32],
          reach: DeltaReach) -> I32:
    """The subjects among `parts` whose bound reaches the bar, with `reach`'s query weights."""
    if not len(parts[0]):
        return parts[0]
    # First with the tokens met so far weighed exactly and the others at the least weight any
    # token has; then, for the subjects left, each other token at its own floor.
    known = np.array(sorted(reach.known_weights), dtype=np.int32)
    first = survivors(parts, reach, (known, np.array([reach.known_weights[t] for t in known.tolist()])))
    rows = np.isin(parts[0], first)
    parts = _rows(parts, rows)
    weights = form_weights(index, store, parts[1][parts[3] == PART_TOKEN], reach.known_weights,
                           person=reach.person)
    return survivors(parts, reach, weights)


def _rows(parts: tuple[I32, I32, I32, I32], rows: npt.NDArray[np.bool_]) -> tuple[I32, I32, I32, I32]:
    """The parts (subject, token, position, kind) at the selected rows."""
    return parts[0][rows], parts[1][rows], parts[2][rows], parts[3][rows]
