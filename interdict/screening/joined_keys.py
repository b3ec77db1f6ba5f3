"""Keys a record holds only as two of its words written together ("nandadevi" for "NANDA DEVI").

The index files each record under its words' keys and under the key of each adjacent pair joined
(`index.record_keys`), so a query that writes two listed words as one ("NANDADEVI", "POLAanfisa")
finds the record. Blocking credits a record with the rarity of the key it matched; for a joined
pair that is the rarity of one key where the record's name gives weight to two words, so the
estimate read half the listed name as missing and a higher threshold lost the record a lower one
scored at 1.0 (72 of 8,000 listed names with two words joined, UN + OFAC SDN). This table says which
keys are such pairs, and `pair_weight` gives the listed weight they stand for in one record.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from interdict.screening.index import ScreeningIndex
from interdict.screening.tokens import skeleton

NAME = "joined_keys"
BoolArray = npt.NDArray[np.bool_]


def build(vocab: Mapping[str, int], rec_tokens: Iterable[tuple[str, ...]]) -> BoolArray:
    """By vocabulary id: True for a key some record holds as a pair of its words joined, not as a
    word of its own."""
    out = np.zeros(len(vocab), dtype=bool)
    for tokens in rec_tokens:
        if len(tokens) < 2:
            continue
        own = {skeleton(t) for t in tokens}
        for a, b in itertools.pairwise(tokens):
            if a.isascii() and b.isascii() and (key := skeleton(a + b)) not in own:
                out[vocab[key]] = True
    return out


def table_of(index: ScreeningIndex) -> BoolArray:
    """The index's table: from the memo, else the index cache, else built (once)."""
    return index.derived(NAME, lambda i: build(i.vocab, i.rec_tokens))


def pair_weight(index: ScreeningIndex, record: int, vid: int, idf: float) -> float:
    """The listed weight key `vid` stands for in `record`: its two words' weights where the record
    holds it as a pair joined (the heavier pair, if several), else the key's rarity `idf`."""
    tokens: Sequence[str] = index.rec_tokens[record]
    best = idf
    weights: Sequence[float] | None = None
    for i, (a, b) in enumerate(itertools.pairwise(tokens)):
        if a.isascii() and b.isascii() and index.vocab.get(skeleton(a + b)) == vid:
            weights = weights if weights is not None else index.rec_weights[record]
            best = max(best, weights[i] + weights[i + 1])
    return best
