"""The listed weight each posting of the index stands for: one word's, or two words' joined.

The index files each record under its words' keys and under the key of each adjacent pair joined
(`index.record_keys`), so a query that writes two listed words as one ("NANDADEVI", "POLAanfisa")
finds the record. Blocking credits a record with the listed weight of the key it matched. That was
the key's rarity, also for a joined pair, where the record's name gives weight to two words: the
estimate read half the listed name as missing, and a higher threshold lost the record a lower one
scored at 1.0 (23 of 6,988 listed names of UN + OFAC SDN with two words joined). This table holds,
aligned with `ScreeningIndex.post_records`, the key's rarity for a posting of one word and the two
words' weights for a posting of a pair joined (the larger, where a record holds the key both ways).
Built once per index (~0.3 s over UN + OFAC SDN) and kept in the index cache, so blocking slices it
as it slices the postings (computing it per record at query time cost ~17 calls a name).
"""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt

from interdict.screening.index import ScreeningIndex
from interdict.screening.tokens import skeleton

NAME = "posting_weights"
F64 = npt.NDArray[np.float64]


def build(index: ScreeningIndex) -> F64:
    """Per posting, the listed weight its key stands for in its record (see the module docstring)."""
    offsets = index.post_offsets
    out = np.repeat(index.idf.astype(np.float64), np.diff(offsets))
    records = index.post_records
    vocab = index.vocab
    for r, tokens in enumerate(index.rec_tokens):
        if len(tokens) < 2:
            continue
        weights = index.rec_weights[r]
        for i, (a, b) in enumerate(itertools.pairwise(tokens)):
            if a.isascii() and b.isascii():
                v = vocab[skeleton(a + b)]
                lo, hi = int(offsets[v]), int(offsets[v + 1])
                # A key's postings are in record order (the index adds records in turn).
                at = lo + int(np.searchsorted(records[lo:hi], r))
                out[at] = max(out[at], weights[i] + weights[i + 1])
    return out


def table_of(index: ScreeningIndex, keep: bool = True) -> F64:
    """The index's table: from the memo, else the index cache, else built (once; not kept in the
    memo when `keep` is False: writing the cache changes no state)."""
    return index.derived(NAME, build, keep)
