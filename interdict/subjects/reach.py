"""What the list delta reaches, in arrays: the probe signatures of the delta's records, and for each
stored token whose probes meet one, the delta records blocking's own lookups reach from it
(`DeltaReach`), with the rarity floor of every other token. `subjects.prefilter` bounds blocking's
estimate per subject on these arrays.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from interdict.screening.blocking import query_weights, token_hits
from interdict.screening.identifiers import identifier_key
from interdict.screening.index import FLAG_PERSON, ScreeningIndex, record_keys, stable_hash
from interdict.screening.scoring import NAME_EXPONENT_OTHER, NAME_EXPONENT_PERSON
from interdict.screening.tokens import skeleton
from interdict.subjects.probes import _FORM, _ID, _PAIR, MARKERS, _key_signatures

I32 = npt.NDArray[np.int32]
F64 = npt.NDArray[np.float64]
U64 = npt.NDArray[np.uint64]


@dataclass(frozen=True, slots=True)
class DeltaReach:
    """Which stored tokens reach the delta, and how (blocking's own lookups on the delta index), as
    CSR arrays over the reaching token numbers (sorted): each one's exact query weight and, per
    delta record it reaches, the factor (1, or less for a neighbour key) and the listed key weight;
    and the token numbers that keep their subject outright. Built whole by `_reach_arrays`."""

    tids: I32
    weight: F64
    offsets: npt.NDArray[np.int64]
    records: I32  # index into `rec_total` / `rec_exponent`
    factors: F64
    listed: F64
    rec_total: F64  # the listed name's whole weight, per reached record
    rec_exponent: F64  # blocking's name exponent for it
    always: frozenset[int]
    known_weights: dict[int, float]  # exact weights met on the way
    # The same two as a person's name weighs them (`as_person`): legal-form words as names.
    person_weight: F64
    person_known: dict[int, float]
    person: bool = False  # whether `weight` and `known_weights` are a person's

    def as_person(self) -> DeltaReach:
        """This reach with a person's query weights in place of a company's (or no kind's)."""
        return replace(self, weight=self.person_weight, known_weights=self.person_known, person=True)


def delta_signatures(index: ScreeningIndex, scope: Collection[int]) -> tuple[set[int], set[str]]:
    """The probe hashes a stored token must meet to reach any record of the delta's entities (every
    key, not only the essential ones: a light key still adds to a record's estimate), and the
    delta records' exact forms as stored (`\\x00form:...`)."""
    wanted = np.zeros(len(index.entities), dtype=bool)
    wanted[list(scope)] = True
    sigs = {stable_hash(m) for m in MARKERS} if len(scope) else set()
    forms = set()
    for r in np.nonzero(wanted[index.rec_entity])[0].tolist():
        tokens = index.rec_tokens[r]
        forms.add(_FORM + " ".join(tokens))
        for key in record_keys(tokens):
            sigs.update(stable_hash(s) for s in _key_signatures(key))
    for e_no in scope:
        idents = index.entities[e_no].identifiers
        sigs.update(stable_hash(_ID + k) for i in idents if (k := identifier_key(i)))
    return sigs, forms


def delta_reach(index: ScreeningIndex, target: ScreeningIndex,
                tokens: Iterable[tuple[int, str]]) -> DeltaReach:
    """What each probing token (number, text) reaches on the delta index `target`, as blocking
    looks it up (`token_hits`, joined pairs' postings); identifier keys and markers keep."""
    dead = len(index.rec_tokens)  # `restrict`'s stand-in record for keys with no delta record
    always: set[int] = set()
    known: dict[int, float] = {}
    person_known: dict[int, float] = {}
    found: list[tuple[int, tuple[float, float], I32, F64, F64]] = []
    for tid, token in sorted(tokens):
        if token.startswith(_ID) or token in MARKERS:
            always.add(tid)
            continue
        if token.startswith("\x00"):
            continue
        if _PAIR in token:
            a, b = token.split(_PAIR, 1)
            v = index.vocab.get(skeleton(a + b))
            if v is None:
                continue
            records = target.postings(v)
            factors, listed = np.ones(len(records)), np.full(len(records), float(index.idf[v]))
            weight = (sum(query_weights(target, (a, b))), sum(query_weights(target, (a, b), person=True)))
        else:
            hits = token_hits(target, token)
            records, factors, listed = hits.records, hits.factors, hits.weights
            weight = (query_weights(target, (token,))[0], query_weights(target, (token,), person=True)[0])
            known[tid], person_known[tid] = weight
        real = records != dead
        if real.any():
            found.append((tid, weight, records[real], factors[real], listed[real]))
    return _reach_arrays(target, found, always, (known, person_known))


def _reach_arrays(target: ScreeningIndex, found: list[tuple[int, tuple[float, float], I32, F64, F64]],
                  always: set[int], known: tuple[dict[int, float], dict[int, float]]) -> DeltaReach:
    """The reach of the tokens `found` (number, (query weight, as a person's), records, factors,
    listed weights), with the exact weights `known` (a company's, a person's) met on the way."""
    sizes = np.array([len(f[2]) for f in found], dtype=np.int64)
    offsets = np.zeros(len(found) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    records = np.concatenate([f[2] for f in found]) if found else np.empty(0, dtype=np.int32)
    used, local = np.unique(records, return_inverse=True)
    person = (target.rec_flags[used] & FLAG_PERSON).astype(bool)
    weight = np.array([f[1][0] for f in found], dtype=np.float64)
    person_weight = np.array([f[1][1] for f in found], dtype=np.float64)
    factors = np.concatenate([f[3] for f in found]) if found else np.empty(0)
    listed = np.concatenate([f[4] for f in found]) if found else np.empty(0)
    rec_total = np.maximum(target.rec_total[used].astype(np.float64), 1e-6)
    return DeltaReach(
        tids=np.array([f[0] for f in found], dtype=np.int32), weight=weight, offsets=offsets,
        records=local.astype(np.int32), factors=factors, listed=listed, rec_total=rec_total,
        rec_exponent=np.where(person, NAME_EXPONENT_PERSON, NAME_EXPONENT_OTHER),
        always=frozenset(always), known_weights=known[0], person_weight=person_weight,
        person_known=known[1])


def idf_floor(index: ScreeningIndex, probe_tids: I32, probe_hashes: U64, tids: I32) -> F64:
    """For each token number in `tids` (sorted, unique): the least rarity (IDF) of the listed keys
    its probes meet (1.0 when none), a floor for the rarity `query_weights` gives it: a token's
    own key, its nicknames and its one-edit neighbours are all among the keys its probes meet."""
    hashes, least = _signature_idf(index)
    out = np.ones(len(tids))
    if not len(hashes) or not len(probe_tids):
        return out
    order = np.argsort(probe_hashes)  # sorted look-ups walk the table once
    probe_tids, probe_hashes = probe_tids[order], probe_hashes[order]
    pos = np.minimum(np.searchsorted(hashes, probe_hashes), len(hashes) - 1)
    met = hashes[pos] == probe_hashes
    rows = np.searchsorted(tids, probe_tids[met])
    np.minimum.at(out, rows, least[pos[met]])
    return out


def _signature_idf(index: ScreeningIndex) -> tuple[U64, F64]:
    """Every signature a probe can meet in the whole index (a key's hash, its one-letter deletions'
    hashes from the symmetric-delete table), sorted, with the least IDF of the keys behind it."""
    memo_key = "\x00subjects:signature-idf"
    cached: tuple[U64, F64] | None = index.memo.get(memo_key)
    if cached is not None:
        return cached
    idf = index.idf.astype(np.float64)
    keys = np.fromiter((stable_hash(k) for k in index.vocab), dtype=np.uint64, count=len(index.vocab))
    key_idf = idf[np.fromiter(index.vocab.values(), dtype=np.int64, count=len(index.vocab))]
    del_idf = (np.minimum.reduceat(idf[index.del_keys], index.del_offsets[:-1]) if len(index.del_hashes)
               else idf[:0])
    hashes = np.concatenate([keys, index.del_hashes.astype(np.uint64)])
    values = np.concatenate([key_idf, del_idf])
    order = np.lexsort((values, hashes))  # by hash, least IDF first
    hashes, values = hashes[order], values[order]
    first = np.ones(len(hashes), dtype=bool)
    first[1:] = hashes[1:] != hashes[:-1]
    cached = (hashes[first], values[first])
    index.memo[memo_key] = cached
    return cached
