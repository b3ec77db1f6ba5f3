"""The pre-filter of a delta re-screen: which subjects could match a delta entry at all.

Screening finds a listed record only through the vocabulary keys a query token reaches (its
romanisation skeleton, a nickname's, a key one edit away), the key of two adjacent tokens joined,
or an exact identifier. So each subject token gets *probes* (its skeleton, nicknames, one-letter
deletions of its skeleton and of itself; a joined pair its skeleton; an identifier its key), and
each delta entry *signatures* (its record keys and their one-letter deletions, its identifier
keys). A subject whose probes meet no signature cannot match the delta and is not screened.

The test is a superset of what `screening.blocking.related_keys` reaches (it ignores the length
rules that narrow it), so it drops no subject screening would have matched; screening then decides.
Probes depend on normalisation and the tables, so they carry `screening.loader.engine_fingerprint`
and are rebuilt when it changes. Pure functions, no storage.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from interdict.screening import tables
from interdict.screening.identifiers import identifier_key, recognise
from interdict.screening.index import DELETE_MIN_LENGTH, ScreeningIndex, record_keys, stable_hash
from interdict.screening.normalize import name_forms
from interdict.screening.tokens import deletions, skeleton
from interdict.subjects.model import Subject

MAX_TYPO_LENGTH = 40  # as blocking: longer "tokens" are not names and have no typo neighbourhood
_ID = "\x00id:"  # identifier keys live in their own namespace of probes
_PAIR = " "  # a joined pair's "token" holds a space, which no single token does


def subject_tokens(subject: Subject) -> set[str]:
    """The tokens of every form of the subject's name, its joined pairs (`a b`), and its
    identifier keys (prefixed `\\x00id:`)."""
    out: set[str] = set()
    for form in name_forms(subject.name):
        out.update(form.tokens)
        out.update(f"{a}{_PAIR}{b}" for a, b in itertools.pairwise(form.tokens)
                   if a.isascii() and b.isascii())
    keys = [k for k, _ in recognise(subject.name)]
    keys += [k for i in subject.identifiers if (k := identifier_key(i))]
    out.update(_ID + k for k in keys)
    return out


def token_probes(token: str) -> set[int]:
    """The probe hashes of one subject token (see the module docstring)."""
    if token.startswith(_ID):
        return {stable_hash(token)}
    if _PAIR in token:
        a, b = token.split(_PAIR, 1)
        return {stable_hash(skeleton(a + b))}
    key = skeleton(token)
    found = {key, *tables.nicknames().get(key, ())}
    if key.isascii() and 3 <= len(key) <= MAX_TYPO_LENGTH:
        found.update(deletions(key))
        found.update(skeleton(d) for d in deletions(token))
    return {stable_hash(k) for k in found}


def _key_signatures(key: str) -> Iterator[str]:
    yield key
    if key.isascii() and len(key) >= DELETE_MIN_LENGTH:
        yield from deletions(key)


def entry_signatures(index: ScreeningIndex, entity_numbers: Iterable[int]) -> set[int]:
    """The signature hashes of some entries of the index: their record keys, the keys' one-letter
    deletions, and their identifier keys."""
    wanted = set(entity_numbers)
    out: set[int] = set()
    for r, e_no in enumerate(index.rec_entity.tolist()):
        if e_no in wanted:
            for key in record_keys(index.rec_tokens[r]):
                out.update(stable_hash(s) for s in _key_signatures(key))
    for e_no in wanted:
        out.update(stable_hash(_ID + k) for i in index.entities[e_no].identifiers if (k := identifier_key(i)))
    return out

