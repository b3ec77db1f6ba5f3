"""Candidate generation: from a query form to the few records worth scoring precisely.

Each query token looks up its skeleton, its one-letter deletions and the symmetric-delete table
(typos), and each adjacent token pair its joined key. For every record touched we sum the query
weight and the record-side weight (key rarity) that matched; from those an optimistic estimate
of the final score follows, and only records whose estimate can reach the threshold (at most
`MAX_CANDIDATES`) are scored precisely. Candidates come only from the tokens a passing record
must hold (MaxScore), so the long posting lists of common tokens are probed, never walked.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from interdict.screening import left_out, matres, posting_weights, sounds, tables, written
from interdict.screening.index import FLAG_PERSON, IntArray, ScreeningIndex, token_weight
from interdict.screening.scoring import (
    MIN_EVIDENCE,
    NAME_EXPONENT_OTHER,
    NAME_EXPONENT_PERSON,
    QUERY_EXPONENT,
)
from interdict.screening.tokens import deletions, look_alike, max_edits, skeleton

MAX_CANDIDATES = 40
MAX_TIED = 400  # records tied with the last one kept are kept too, up to this many in all
MAX_TYPO_LENGTH = 40  # longer "tokens" are not names: no typo neighbourhood for them
NEIGHBOUR_FACTOR = 0.9  # at most what a one-edit match scores (tokens.SIM_SKELETON - a typo)
INITIALS_CHECKED = 400
ESTIMATE_SLACK = 0.04
# An organisation's name with words left out (`left_out`) is estimated by its own bound when the
# query's weight is (nearly) all matched: a one-edit slip in a kept word still counts as matched.
LEFT_OUT_COVER = NEIGHBOUR_FACTOR
LEFT_OUT_SLACK = 1.0 - NEIGHBOUR_FACTOR  # what such a slip takes off the listed weight matched, at most
# The bound only admits a record the ordinary estimate would not; it enters at the target,
# behind every record the ordinary estimate ranks, so their order (and which of an entity's names is
# scored first) stays as it was: ranked at the bound, "Iran Tractor Manufacturing Co" came before the
# exact "Iran Tractor Manufacturing" and hid its 1.0.
CUT_PREFIX = 3  # letters a cut word needs for its prefix to be looked up
MEMO_LIMIT = 100_000
# Below this many candidate postings, plain Python dict lookups beat a dozen small numpy calls
# (most queries: customer names meet few records through their rare tokens).
SMALL_BLOCK = 64
SMALL_HITS = 64  # the same for merging the postings of a token's typo neighbours
F64 = npt.NDArray[np.float64]


@dataclass(slots=True)
class TokenHits:
    """The records one query token can match: for each, how well (1 for its own key, less for a
    one-edit neighbour) and the record-side weight of the matching key."""

    records: IntArray
    factors: F64
    weights: F64
    size: int  # postings walked
    table: dict[int, tuple[float, float]] | None = None  # record → (factor, weight), built on demand

    def lookup(self) -> dict[int, tuple[float, float]]:
        """The hits as a dict, for the pure-Python path of small candidate sets (built once)."""
        if self.table is None:
            pairs = zip(self.factors.tolist(), self.weights.tolist(), strict=True)
            self.table = dict(zip(self.records.tolist(), pairs, strict=True))
        return self.table


@dataclass(frozen=True, slots=True)
class Blocked:
    """The records chosen for precise scoring (best estimate first), their estimates, and how many
    postings the keys touched."""

    records: IntArray
    estimates: F64
    touched: int


_NOTHING = Blocked(np.empty(0, dtype=np.int32), np.empty(0), 0)


def query_weights(index: ScreeningIndex, tokens: tuple[str, ...], *,
                  person: bool = False) -> tuple[float, ...]:
    """Weights of query tokens: the rarity of their key on the lists (of a person's name, with
    legal-form words weighed as names: `token_weight`).

    A token the lists do not hold (a typo, a rare name) weighs as its rarest one-edit neighbour
    on the lists, or fully when it has none: a misspelt "Compnay" stays as light as "company".
    """
    out = []
    memo = index.memo
    for t in tokens:
        # memoised: a token unknown to the lists costs a typo search
        key = ("\x00pweight:" if person else "\x00weight:") + t
        weight: float | None = memo.get(key)
        if weight is None:
            v = index.vocab.get(skeleton(t))
            if v is not None:
                idf = float(index.idf[v])
            else:
                near = _related(index, t)
                idf = float(index.idf[near].max()) if near else 1.0
            weight = memo[key] = token_weight(t, idf, person=person)
        out.append(weight)
    return tuple(out)


def related_keys(index: ScreeningIndex, token: str) -> list[int]:
    """Vocabulary ids a query token may match: same skeleton, or one edit away.

    Listed keys one letter longer come from the symmetric-delete table, same-length keys (a
    substitution or transposition) from the deletions both share, and keys one letter shorter
    from the token's own deletions (a two-letter one is never looked up, a three-letter one only as
    itself: through the symmetric-delete table it would pull in most of the list for nothing).
    """
    if token[:1] == matres.MARK:  # an Arabic-script word by its consonants (`matres`)
        return matres.related(index, token)
    key = skeleton(token)
    vocab = index.vocab
    found: set[int] = set()
    if (v := vocab.get(key)) is not None:
        found.add(v)
    if (seen := look_alike(token)) != token and (v := vocab.get(skeleton(seen))) is not None:
        found.add(v)  # "ernpire" → "empire": a letter pair read as the letter it prints like
    # Short and full forms of a given name ("bill" → "william"), from the nickname tables.
    found.update(v for rel in tables.nicknames().get(key, ()) if (v := vocab.get(rel)) is not None)
    # A Pinyin syllable with another sibilant of its series ("si" for "xi"), which scoring credits.
    found.update(v for alt in sounds.sibilant_alternates(token)
                 if (v := vocab.get(skeleton(alt))) is not None)
    if not key.isascii() or not 3 <= len(key) <= MAX_TYPO_LENGTH:
        return sorted(found)
    probes = {key}
    if len(key) >= 4 and max_edits(len(token)) > 0:
        # The skeleton of a one-letter deletion is not always a deletion of the skeleton: its
        # rules read letters in context ("cabdullaahi" less "i" ends in "h", which the skeleton
        # drops), so the deletions of the token as written are folded too.
        near = {*deletions(key), *map(skeleton, deletions(token))}
        near.discard(key)
        # A three-letter key is looked up as itself ("choal" less "a" is "chol", key "col"), never
        # through the deletion table below, which would pull in most of the list for nothing.
        found.update(v for d in near if len(d) >= 3 and (v := vocab.get(d)) is not None)
        probes |= near
    found.update(index.deleted_to(list(probes)))
    return sorted(found)


def _related(index: ScreeningIndex, token: str) -> list[int]:
    """`related_keys`, memoised: a query token's weight and its hits both need them."""
    key = "\x00related:" + token
    found: list[int] | None = index.memo.get(key)
    if found is None:
        found = index.memo[key] = related_keys(index, token)
    return found


def _hits_of_keys(index: ScreeningIndex, vids: list[int], own: int | None = None) -> TokenHits:
    """Records holding any of the keys; a record found through a neighbour key counts for less."""
    if not vids:
        return TokenHits(np.empty(0, dtype=np.int32), np.empty(0), np.empty(0), 0)
    listed = posting_weights.table_of(index)  # one word's rarity, or two joined words' weights
    if len(vids) == 1:
        a, b = int(index.post_offsets[vids[0]]), int(index.post_offsets[vids[0] + 1])
        factor = 1.0 if own in (None, vids[0]) else NEIGHBOUR_FACTOR
        return TokenHits(index.post_records[a:b], np.full(b - a, factor), listed[a:b], b - a)
    # Slicing with Python ints: numpy scalar offsets cost a microsecond per key, and typo
    # neighbourhoods hold dozens of keys.
    starts = index.post_offsets[vids].tolist()
    ends = index.post_offsets[[v + 1 for v in vids]].tolist()
    records = index.post_records
    parts = [records[a:b] for a, b in zip(starts, ends, strict=True)]
    sizes = [b - a for a, b in zip(starts, ends, strict=True)]
    weights = [listed[a:b] for a, b in zip(starts, ends, strict=True)]
    if sum(sizes) <= SMALL_HITS:
        return _hits_small(vids, parts, weights, own)
    ids = np.concatenate(parts)
    facs = np.repeat(np.array([1.0 if v == own else NEIGHBOUR_FACTOR for v in vids]), sizes)
    wts = np.concatenate(weights)
    order = np.lexsort((-wts, -facs, ids))  # per record, its own key first, then the rarest
    ids, facs, wts = ids[order], facs[order], wts[order]
    first = np.ones(len(ids), dtype=bool)
    first[1:] = ids[1:] != ids[:-1]
    return TokenHits(ids[first], facs[first], wts[first], len(order))


def _hits_small(vids: list[int], parts: list[IntArray], weights: list[F64], own: int | None) -> TokenHits:
    """`_hits_of_keys` for a few postings, in plain Python: per record the best (factor, weight)."""
    best: dict[int, tuple[float, float]] = {}
    for v, records, listed in zip(vids, parts, weights, strict=True):
        factor = 1.0 if v == own else NEIGHBOUR_FACTOR
        for r, w in zip(records.tolist(), listed.tolist(), strict=True):
            fw = (factor, w)
            seen = best.get(r)
            if seen is None or fw > seen:
                best[r] = fw
    ids = sorted(best)
    return TokenHits(np.array(ids, dtype=np.int32), np.array([best[r][0] for r in ids], dtype=np.float64),
                     np.array([best[r][1] for r in ids], dtype=np.float64), sum(len(p) for p in parts))


def _has_hits(index: ScreeningIndex, token: str) -> bool:
    """True when a query token can match some record (`token_hits(...).size > 0`), without merging
    the postings of its typo neighbours: most customer names are rejected on weights alone."""
    hits: TokenHits | None = index.memo.get(token)
    if hits is not None:
        return hits.size > 0
    offsets = index.post_offsets
    return any(offsets[v + 1] > offsets[v] for v in _related(index, token))


def token_hits(index: ScreeningIndex, token: str) -> TokenHits:
    """Records a query token can match (memoised on the index: batches repeat tokens)."""
    hits: TokenHits | None = index.memo.get(token)
    if hits is None:
        if len(index.memo) > MEMO_LIMIT:
            index.memo.clear()
        hits = _hits_of_keys(index, _related(index, token), index.vocab.get(skeleton(token)))
        index.memo[token] = hits
    return hits


def _prefix_hits(index: ScreeningIndex, token: str) -> TokenHits:
    """Records holding a word the token begins (by romanization key), or one it may match as a
    word: the last word of a cut name line ("radioizme" for "radioizmereniya")."""
    key = f"\x00prefix:{token}"
    hits: TokenHits | None = index.memo.get(key)
    if hits is None:
        start = skeleton(token)
        keys = _sorted_keys(index)
        vids = set(_related(index, token))
        at = bisect.bisect_left(keys, start)
        while at < len(keys) and keys[at].startswith(start):
            vids.add(index.vocab[keys[at]])
            at += 1
        hits = index.memo[key] = _hits_of_keys(index, sorted(vids), index.vocab.get(start))
    return hits


def _written_hits(index: ScreeningIndex, before: tuple[str, ...], token: str) -> TokenHits:
    """Records holding a token whose written spelling the cut word begins, after the query's words
    `before` (`written.readings`: "mohame" reaches "muhammad", "ltd" + "liabili" reaches "llc")."""
    lead = before[max(0, len(before) - written.MAX_LEAD):]
    key = f"\x00written:{' '.join(lead)}\x00{token}"
    hits: TokenHits | None = index.memo.get(key)
    if hits is None:
        keys = (index.vocab.get(skeleton(t)) for t, _ in written.readings(lead, token))
        vids = {v for v in keys if v is not None}
        hits = index.memo[key] = _hits_of_keys(index, sorted(vids))
    return hits


def _sorted_keys(index: ScreeningIndex) -> list[str]:
    """The vocabulary's keys in order, sorted once per process at the first cut name: the keys a
    cut word begins are then one range (a scan of the whole vocabulary cost ~1 M instructions)."""
    keys: list[str] | None = index.memo.get("\x00sorted-keys")
    if keys is None:
        keys = index.memo["\x00sorted-keys"] = sorted(index.vocab)
    return keys


def _joined_hits(index: ScreeningIndex, tokens: tuple[str, ...],
                 weights: tuple[float, ...]) -> list[tuple[TokenHits, float]]:
    out = []
    for i in range(len(tokens) - 1):
        if tokens[i].isascii() and tokens[i + 1].isascii():
            v = index.vocab.get(skeleton(tokens[i] + tokens[i + 1]))
            if v is not None:
                key = f"\x00joined:{v}"
                hits: TokenHits | None = index.memo.get(key)
                if hits is None:
                    hits = index.memo[key] = _hits_of_keys(index, [v])
                out.append((hits, weights[i] + weights[i + 1]))
    return out


def _rank_initials(index: ScreeningIndex, scored: list[tuple[float, int]], initials: list[tuple[str, float]],
                   total_q: float, target: float) -> list[tuple[float, int]]:
    """Re-estimate the best INITIALS_CHECKED records without the optimistic weight of the initials
    they have no word for, best first (dropping those that then fall below the target).

    A re-ranking, not a filter: filtering only when many records passed made a lower threshold
    lose records a higher one scored ("MALEK-E ASHTAR" lost the entry written without the "E").
    """
    out = []
    for est, r in scored[:INITIALS_CHECKED]:
        tokens = index.rec_tokens[r]
        missing = sum(w for c, w in initials if not any(t[0] == c for t in tokens))
        if missing:
            est *= max(0.0, 1.0 - missing / total_q) ** QUERY_EXPONENT
        if est >= target:
            out.append((est, r))
    out.sort(key=lambda p: -p[0])
    return out


def _essential(weights: list[float], need: float) -> list[int]:
    """MaxScore: the parts a record must hold one of to gather `need` query weight.

    The lightest parts whose weights together stay below `need` cannot lift a record over the
    threshold on their own, so only the other (essential) parts are walked to find candidates; the
    light ones are probed for those candidates only. Common tokens are light, so their long
    posting lists are never walked.
    """
    order = sorted(range(len(weights)), key=weights.__getitem__)
    total = 0.0
    for pos, k in enumerate(order):
        if total + weights[k] >= need:
            return order[pos:]
        total += weights[k]
    return []


def block(index: ScreeningIndex, tokens: tuple[str, ...], weights: tuple[float, ...],
          floor: float, name_cover: float = 0.0, cut: bool = False) -> Blocked:
    """Pick the records (at most MAX_CANDIDATES) whose estimated score can reach `floor` (and whose
    estimated share of the listed name matched can reach `name_cover`: free text asks for most);
    `cut`: the last token may be the start of a listed word (a name cut at the end of an MT line)."""
    # An initial ("J.") may stand for any name with that letter: counted optimistically, not walked.
    initials = [i for i, t in enumerate(tokens) if len(t) == 1 and t.isascii() and t.isalpha()]
    optimistic = sum(weights[i] for i in initials)
    begun = len(tokens) - 1 if cut and len(tokens) > 1 and len(tokens[-1]) >= CUT_PREFIX else None
    held = [(t, weights[i]) for i, t in enumerate(tokens)
            if i not in initials and i != begun and _has_hits(index, t)]
    joined = _joined_hits(index, tokens, weights)
    if begun is not None and len((begins := _prefix_hits(index, tokens[begun])).records):
        joined.append((begins, weights[begun]))
    if begun is not None and len((spelt := _written_hits(index, tokens[:begun], tokens[begun])).records):
        joined.append((spelt, weights[begun]))  # a listed word the tables rewrote ("muhammad")
    total_q = sum(weights) or 1.0
    target = max(floor - ESTIMATE_SLACK, 0.0)
    need = target ** (1.0 / QUERY_EXPONENT) * total_q - optimistic
    part_weights = [w for _, w in held] + [w for _, w in joined]
    essential = _essential(part_weights, need) if need > 0 else list(range(len(part_weights)))
    if not essential:
        return _NOTHING  # decided on weights alone: a new token's postings are never merged
    parts = [(token_hits(index, t), w) for t, w in held] + joined
    touched = sum(len(parts[k][0].records) for k in essential)
    if touched <= SMALL_BLOCK:
        return _block_small(index, parts, essential, (need, optimistic, total_q), (target, name_cover),
                            [(tokens[i], weights[i]) for i in initials], touched, rarest=_rarest(weights))
    sources = [parts[k][0].records for k in essential]
    cands = sources[0] if len(sources) == 1 else _union(sources)
    # Query weight first: a record below `need` cannot pass whatever the rest says (most of them).
    got_q = np.zeros(len(cands))
    probes = []
    for hits, weight in parts:
        pos = np.minimum(np.searchsorted(hits.records, cands), len(hits.records) - 1)
        factor = np.where(hits.records[pos] == cands, hits.factors[pos], 0.0)
        got_q += factor * weight
        probes.append((hits, pos, factor))
    alive = np.nonzero(got_q >= need - 1e-9)[0]
    if not len(alive):
        return Blocked(_NOTHING.records, _NOTHING.estimates, touched)
    cands, got_q = cands[alive], got_q[alive] + optimistic
    got_n = np.full(len(cands), float(optimistic))
    for hits, pos, factor in probes:
        got_n += factor[alive] * hits.weights[pos[alive]]
    return _best(index, cands, (got_q, got_n, total_q), (target, name_cover),
                 [(tokens[i], weights[i]) for i in initials], touched, rarest=_rarest(weights))


def _rarest(weights: tuple[float, ...]) -> float:
    """The query's heaviest token weight for the bound of a name with words left out (`left_out`,
    which takes queries of two words or more); 0 for a one-word query."""
    return max(weights) if len(weights) > 1 else 0.0


def _union(sources: list[IntArray]) -> IntArray:
    """`np.unique` of the concatenation (sorted, distinct), without its overhead: in NumPy 2 its
    first call imports `numpy.ma`, a tenth of a single `interdict screen`'s import time."""
    found = np.sort(np.concatenate(sources))
    first = np.ones(len(found), dtype=bool)
    first[1:] = found[1:] != found[:-1]
    return found[first]


def _best(index: ScreeningIndex, cands: IntArray, got: tuple[F64, F64, float], bars: tuple[float, float],
          initials: list[tuple[str, float]], touched: int, rarest: float = 0.0) -> Blocked:
    """Estimate each candidate's score and keep the best MAX_CANDIDATES that can reach the bars
    (score target, share of the name matched); `rarest`: the query's heaviest token weight."""
    got_q, got_n, total_q = got
    target, name_cover = bars
    est_q = np.minimum(1.0, got_q / total_q)
    est_n = np.minimum(1.0, got_n / np.maximum(index.rec_total[cands], 1e-6))
    evidence = np.minimum(1.0, np.maximum(got_q, got_n) / MIN_EVIDENCE)
    person = (index.rec_flags[cands] & FLAG_PERSON).astype(bool)
    estimate = est_q ** QUERY_EXPONENT * est_n ** np.where(person, NAME_EXPONENT_PERSON,
                                                           NAME_EXPONENT_OTHER) * evidence
    if len(cands) and rarest > 0.0:  # a listed organisation's name with words left out
        left_over = index.rec_total[cands] - got_n
        left = (~person) & (estimate < target) & (est_q >= LEFT_OUT_COVER) \
            & (left_over <= rarest + LEFT_OUT_SLACK)
        if left.any():
            bound = left_out.bound(rarest, est_n)
            estimate = np.where(left & (bound >= target), target, estimate)  # admitted at the target
    keep = np.nonzero((estimate >= target) & (est_n >= name_cover))[0]
    chosen, scores = cands[keep], estimate[keep]
    order = np.argsort(-scores, kind="stable")
    if initials and len(chosen) > MAX_CANDIDATES:
        ranked = _rank_initials(index, list(zip(scores[order].tolist(), chosen[order].tolist(), strict=True)),
                                initials, total_q, target)
        ranked = ranked[:kept_count([e for e, _ in ranked])]
        return Blocked(np.array([r for _, r in ranked], dtype=np.int32), np.array([e for e, _ in ranked]),
                       touched)
    order = order[:kept_count(scores[order].tolist())]
    return Blocked(chosen[order].astype(np.int32), scores[order], touched)


def kept_count(estimates: list[float]) -> int:
    """How many of the best-first estimates to score: MAX_CANDIDATES, and every record tied with
    the last of them (a cut inside a tie is arbitrary: it dropped listed names typed exactly)."""
    if len(estimates) <= MAX_CANDIDATES:
        return len(estimates)
    last = estimates[MAX_CANDIDATES - 1] - 1e-9
    count = MAX_CANDIDATES
    while count < min(len(estimates), MAX_TIED) and estimates[count] >= last:
        count += 1
    return count


def _block_small(index: ScreeningIndex, parts: list[tuple[TokenHits, float]], essential: list[int],
                 query: tuple[float, float, float], bars: tuple[float, float],
                 initials: list[tuple[str, float]], touched: int, rarest: float = 0.0) -> Blocked:
    """`block` for a few candidates, in plain Python; the same arithmetic in the same order."""
    need, optimistic, total_q = query
    target, name_cover = bars
    tables = [(hits.lookup(), weight) for hits, weight in parts]
    cands = sorted(set().union(*(tables[k][0] for k in essential)))
    rows = index.rows()
    below = need - 1e-9
    scored: list[tuple[float, int]] = []
    for r in cands:
        got_q, got_n = 0.0, float(optimistic)
        for table, weight in tables:
            fw = table.get(r)
            if fw is not None:
                got_q += fw[0] * weight
                got_n += fw[0] * fw[1]
        if got_q < below:
            continue
        got_q += optimistic
        est_q = min(1.0, got_q / total_q)
        est_n = min(1.0, got_n / max(rows.total[r], 1e-6))
        evidence = min(1.0, max(got_q, got_n) / MIN_EVIDENCE)
        person = rows.flags[r] & FLAG_PERSON
        exponent = NAME_EXPONENT_PERSON if person else NAME_EXPONENT_OTHER
        estimate = est_q ** QUERY_EXPONENT * est_n ** exponent * evidence
        if estimate < target and not person and est_q >= LEFT_OUT_COVER \
                and rows.total[r] - got_n <= rarest + LEFT_OUT_SLACK \
                and left_out.bound(rarest, np.array([est_n]))[0] >= target:
            estimate = target  # a name with words left out, admitted at the target
        if estimate >= target and est_n >= name_cover:
            scored.append((estimate, r))
    scored.sort(key=lambda p: -p[0])  # stable, as the numpy path
    if initials and len(scored) > MAX_CANDIDATES:
        scored = _rank_initials(index, scored, initials, total_q, target)
    scored = scored[:kept_count([e for e, _ in scored])]
    return Blocked(np.array([r for _, r in scored], dtype=np.int32), np.array([e for e, _ in scored]),
                   touched)
