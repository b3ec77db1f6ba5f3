"""The address index (`addresses.AddressIndex`) as arrays of the on-disk index cache.

Building it runs rigour's address fingerprint over every listed street address (14,000 on UN +
OFAC SDN: 0.6-3 s CPU), which a single `interdict screen` of an address paid at every start and
every batch worker meeting an address paid again; stored with the index it is built once per list
change and read back in milliseconds. Data only, as the rest of the cache: the fingerprint tokens
as separator-joined text, the postings and owners as integer arrays; the token weights are not
stored but recomputed by the function that made them (`addresses.token_idf`), so they are the same
floats.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from interdict.screening.addresses import AddressIndex, token_idf
from interdict.screening.records import SEP

MEMBERS = ("addr_text", "addr_offsets", "addr_postings", "addr_owners")


def encode_addresses(aidx: AddressIndex) -> dict[str, np.ndarray[Any, Any]]:
    """The address index as cache members (ValueError when a token holds the separator)."""
    tokens = list(aidx.postings)
    if any(SEP in t or not t for t in tokens):
        raise ValueError("an address token is empty or holds the cache's separator")
    offsets = np.zeros(len(tokens) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(aidx.postings[t]) for t in tokens])
    return {"addr_text": np.frombuffer(SEP.join(tokens).encode(), dtype=np.uint8),
            "addr_offsets": offsets,
            "addr_postings": np.array([a for t in tokens for a in aidx.postings[t]], dtype=np.int32),
            "addr_owners": np.array(aidx.owners, dtype=np.int32).reshape(-1, 2)}


def check_addresses(arrays: dict[str, Any]) -> None:
    """Refuses (ValueError) address members whose offsets do not fit what they index, without
    decoding them (the text's checksum is checked with the other texts)."""
    offsets, owners = arrays["addr_offsets"], arrays["addr_owners"]
    if not len(offsets) or int(offsets[0]) != 0 or int(offsets[-1]) != len(arrays["addr_postings"]) \
            or owners.ndim != 2 or owners.shape[1] != 2:
        raise ValueError("addr_offsets: does not fit")


def decode_addresses(arrays: dict[str, Any]) -> AddressIndex:
    """The address index read back from its members (ValueError when they do not fit together)."""
    text = arrays["addr_text"].tobytes().decode()
    bounds = arrays["addr_offsets"].tolist()
    tokens = text.split(SEP) if len(bounds) > 1 else []
    postings = arrays["addr_postings"].tolist()
    owners = arrays["addr_owners"]
    if len(tokens) + 1 != len(bounds) or bounds[0] != 0 or bounds[-1] != len(postings) \
            or owners.ndim != 2 or owners.shape[1] != 2 or (postings and max(postings) >= len(owners)):
        raise ValueError("the address members do not fit together")
    table = {t: tuple(postings[a:b]) for t, (a, b) in zip(tokens, itertools.pairwise(bounds), strict=True)}
    pairs = tuple((e, a) for e, a in owners.tolist())
    n = max(len(pairs), 1)
    return AddressIndex(pairs, table, {k: token_idf(n, len(v)) for k, v in table.items()})
