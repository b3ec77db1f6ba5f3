"""Candidate generation: from a query form to the few records worth scoring precisely.

Each query token looks up its skeleton, its one-letter deletions and the symmetric-delete table
(typos), and each adjacent token pair its joined key. For every record touched we sum the query
weight and the record-side weight (key rarity) that matched; from those an optimistic estimate
of the final score follows, and only records whose estimate can reach the threshold (at most
`MAX_CANDIDATES`) are scored precisely. Keys held by more than `COMMON_POSTINGS` records are not
walked when rarer tokens exist; their weight is added to every estimate instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from interdict.screening.index import IntArray, ScreeningIndex, token_weight
from interdict.screening.scoring import MIN_EVIDENCE, NAME_EXPONENT_PERSON, QUERY_EXPONENT
from interdict.screening.tokens import deletions, max_edits, skeleton

MAX_CANDIDATES = 40
COMMON_POSTINGS = 4000
ESTIMATE_SLACK = 0.04
MEMO_LIMIT = 100_000
F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TokenHits:
    """The records one query token can match, with the record-side weight of the matching key."""

    records: IntArray
    weights: F64
    size: int  # postings walked


@dataclass(frozen=True, slots=True)
class Blocked:
    """The records chosen for precise scoring (best estimate first), their estimates, and how many
    postings the keys touched."""

    records: IntArray
    estimates: F64
    touched: int


def query_weights(index: ScreeningIndex, tokens: tuple[str, ...]) -> tuple[float, ...]:
    """Weights of query tokens: the rarity of their key on the lists (unknown keys count as rare)."""
    out = []
    for t in tokens:
        v = index.vocab.get(skeleton(t))
        out.append(token_weight(t, float(index.idf[v]) if v is not None else 1.0))
    return tuple(out)


def related_keys(index: ScreeningIndex, token: str) -> list[int]:
    """Vocabulary ids a query token may match: same skeleton, or within its allowed edits."""
    key = skeleton(token)
    found: set[int] = set()
    if (v := index.vocab.get(key)) is not None:
        found.add(v)
    if key.isascii() and max_edits(len(token)) > 0:
        found.update(index.delete_keys.get(key, ()))
        for d in deletions(key):
            if (v := index.vocab.get(d)) is not None:
                found.add(v)
            found.update(index.delete_keys.get(d, ()))
    return sorted(found)


def _hits_of_keys(index: ScreeningIndex, vids: list[int]) -> TokenHits:
    if not vids:
        return TokenHits(np.empty(0, dtype=np.int32), np.empty(0), 0)
    if len(vids) == 1:
        ids = index.postings(vids[0])
        return TokenHits(ids, np.full(len(ids), float(index.idf[vids[0]])), len(ids))
    parts = [index.postings(v) for v in vids]
    ids = np.concatenate(parts)
    wts = np.repeat(index.idf[vids].astype(np.float64), [len(p) for p in parts])
    order = np.lexsort((-wts, ids))  # per record, its best-weighted key first
    ids, wts = ids[order], wts[order]
    first = np.ones(len(ids), dtype=bool)
    first[1:] = ids[1:] != ids[:-1]
    return TokenHits(ids[first], wts[first], len(order))


def token_hits(index: ScreeningIndex, token: str) -> TokenHits:
    """Records a query token can match (memoised on the index: batches repeat tokens)."""
    hits: TokenHits | None = index.memo.get(token)
    if hits is None:
        if len(index.memo) > MEMO_LIMIT:
            index.memo.clear()
        hits = _hits_of_keys(index, related_keys(index, token))
        index.memo[token] = hits
    return hits


def _joined_hits(index: ScreeningIndex, tokens: tuple[str, ...],
                 weights: tuple[float, ...]) -> list[tuple[TokenHits, float]]:
    out = []
    for i in range(len(tokens) - 1):
        if tokens[i].isascii() and tokens[i + 1].isascii():
            v = index.vocab.get(skeleton(tokens[i] + tokens[i + 1]))
            if v is not None and index.document_frequency(v) <= COMMON_POSTINGS:
                out.append((_hits_of_keys(index, [v]), weights[i] + weights[i + 1]))
    return out


def block(index: ScreeningIndex, tokens: tuple[str, ...], weights: tuple[float, ...],
          floor: float) -> Blocked:
    """Pick the records (at most MAX_CANDIDATES) whose estimated score can reach `floor`."""
    hits = [token_hits(index, t) for t in tokens]
    # An initial ("J.") may stand for any name with that letter: counted optimistically, not walked.
    initials = {i for i, t in enumerate(tokens) if len(t) == 1 and t.isalpha()}
    walk = [i for i, h in enumerate(hits) if 0 < h.size <= COMMON_POSTINGS and i not in initials]
    if not walk:
        nonzero = [i for i, h in enumerate(hits) if h.size > 0 and i not in initials]
        walk = [min(nonzero, key=lambda i: hits[i].size)] if nonzero else []
    skipped = sum(weights[i] for i, h in enumerate(hits) if (h.size > 0 or i in initials) and i not in walk)
    parts = [(hits[i], weights[i]) for i in walk] + _joined_hits(index, tokens, weights)
    if not parts:
        return Blocked(np.empty(0, dtype=np.int32), np.empty(0), 0)
    ids = np.concatenate([h.records for h, _ in parts])
    uniq, inverse = np.unique(ids, return_inverse=True)
    got_q = np.bincount(inverse, np.concatenate([np.full(len(h.records), w) for h, w in parts])) + skipped
    got_n = np.bincount(inverse, np.concatenate([h.weights for h, _ in parts])) + skipped
    est_q = np.minimum(1.0, got_q / (sum(weights) or 1.0))
    est_n = np.minimum(1.0, got_n / np.maximum(index.rec_total[uniq], 1e-6))
    evidence = np.minimum(1.0, np.maximum(got_q, got_n) / MIN_EVIDENCE)
    estimate = est_q ** QUERY_EXPONENT * est_n ** NAME_EXPONENT_PERSON * evidence
    keep = np.nonzero(estimate >= floor - ESTIMATE_SLACK)[0]
    if len(keep) > MAX_CANDIDATES:
        keep = keep[np.argpartition(-estimate[keep], MAX_CANDIDATES)[:MAX_CANDIDATES]]
    keep = keep[np.argsort(-estimate[keep], kind="stable")]
    return Blocked(uniq[keep].astype(np.int32), estimate[keep], sum(h.size for h, _ in parts))
