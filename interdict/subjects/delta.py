"""What a subject must be screened against to be current: the list entries added or changed since
the versions it last saw, and a screening index of just those entries.

The delta index is the full index of the active lists with its postings cut down to the delta's
records: vocabulary, key rarities (IDF), token weights and the typo tables stay those of the full
index, so a subject scores against a delta entry exactly as a full screen scores it (a small index
*built* from the delta alone would weigh every token as rare and score differently). Pure
functions, no storage.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import numpy as np

from interdict.core.entity import Entity
from interdict.lists.diff import ListDiff
from interdict.screening.identifiers import identifier_key
from interdict.screening.index import ScreeningIndex, idf_of, record_keys
from interdict.screening.loader import entity_keys
from interdict.screening.normalize import listed_name_forms

Versions = dict[str, int]


@dataclass(frozen=True, slots=True)
class Delta:
    """From the versions a group of subjects saw (`seen`) to the active ones: the entry keys
    (`list:list_id`) to screen and those removed; `full` when the subjects were never screened."""

    seen: Versions | None
    active: Versions
    keys: frozenset[str]
    removed: frozenset[str]
    whole_lists: frozenset[str] = frozenset()  # lists the subjects never saw: every entry counts
    # The entries as the subjects saw them before (removed, and the old side of changed ones): how
    # much rarer or commoner each name key became follows from them (see `reweighted`).
    before: tuple[Entity, ...] = ()
    # Unchanged entries whose key weights moved (None: not worked out yet, see `with_reweighted`).
    reweighted: frozenset[str] | None = None

    @property
    def full(self) -> bool:
        """Whether every active entry is to be screened (never screened, or changed since)."""
        return self.seen is None

    @property
    def empty(self) -> bool:
        """Whether nothing changed for these subjects."""
        return not (self.full or self.keys or self.removed or self.whole_lists)

    def in_scope(self, entry_key: str) -> bool:
        """Whether screening against this delta covers the entry `list:list_id`."""
        return (self.full or entry_key in self.keys or entry_key in (self.reweighted or ())
                or entry_key.split(":", 1)[0] in self.whole_lists)

    def size(self) -> int:
        """Entries added, changed or removed (whole lists counted as one each)."""
        return len(self.keys) + len(self.removed) + len(self.whole_lists)


def delta_of(seen: Versions | None, active: Mapping[str, int],
             diff: Callable[[str, int, int], ListDiff]) -> Delta:
    """The delta from `seen` to `active`; `diff(list, old, new)` is the list store's diff."""
    keys: set[str] = set()
    removed: set[str] = set()
    whole: set[str] = set()
    before: list[Entity] = []
    if seen is not None:
        for name, version in active.items():
            old = seen.get(name)
            if old is None:
                whole.add(name)
            elif old != version:
                d = diff(name, old, version)
                keys.update(f"{name}:{e.list_id}" for e in d.added)
                keys.update(f"{name}:{c.list_id}" for c in d.changed)
                removed.update(f"{name}:{e.list_id}" for e in d.removed)
                before += [*d.removed, *(c.old for c in d.changed)]
        # A list no longer active at all: every entry the subjects saw on it is gone.
        whole_gone = [name for name in seen if name not in active]
        removed.update(f"{name}:*" for name in whole_gone)
    return Delta(seen, dict(active), frozenset(keys), frozenset(removed), frozenset(whole), tuple(before))


DEAD_WEIGHT = 1e30  # the added record's name weight: any share of it matched estimates as nothing

# An unchanged entry is screened again when the rarity of its name's keys moved, in all, by more than
# this share of its name's weight since the subjects' versions. Smaller moves (every key's rarity
# drifts a little as a list grows) shift a score by less than a hundredth.
REWEIGHT_SHARE = 0.01


def with_reweighted(index: ScreeningIndex, delta: Delta) -> Delta:
    """The delta with the unchanged entries whose name keys became markedly rarer or commoner.

    A token's weight is its key's rarity over all listed names, so adding or removing entries moves
    the weights of the others holding their keys (a name listed twice becomes rare once its copy is
    delisted): a full re-screen scores those entries differently, and so must the delta."""
    if delta.full or delta.reweighted is not None:
        return delta
    gained: defaultdict[str, int] = defaultdict(int)
    lost: defaultdict[str, int] = defaultdict(int)
    records_now = max(len(index.rec_tokens), 1)
    after = [n for n, key in enumerate(keys_of(index)) if key in delta.keys]
    keep = np.isin(index.rec_entity, np.array(after, dtype=np.int32))
    for r in np.nonzero(keep)[0].tolist():
        for key in record_keys(index.rec_tokens[r]):
            gained[key] += 1
    for entity in delta.before:
        for tokens in {f.tokens for name in entity.names for f in listed_name_forms(name.full)}:
            for key in record_keys(tokens):
                lost[key] += 1
    records_then = records_now - int(keep.sum()) + sum(
        len({f.tokens for name in e.names for f in listed_name_forms(name.full)}) for e in delta.before)
    shift = np.zeros(len(index.rec_tokens))
    for key in set(gained) | set(lost):
        vocab_id = index.vocab.get(key)
        if vocab_id is None:
            continue
        df_now = index.document_frequency(vocab_id)
        df_then = df_now - gained[key] + lost[key]
        moved = 1.0 if df_then <= 0 else abs(idf_of(df_now, records_now) - idf_of(df_then, records_then))
        shift[index.postings(vocab_id)] += moved
    records = np.nonzero(shift > REWEIGHT_SHARE * np.maximum(index.rec_total, 1e-6))[0]
    every = keys_of(index)
    keys = frozenset(every[n] for n in set(index.rec_entity[records].tolist())) - delta.keys
    return dataclasses.replace(delta, reweighted=keys)


def is_removed(delta: Delta, entry_key: str) -> bool:
    """Whether the delta removed the entry (or its whole list)."""
    return entry_key in delta.removed or f"{entry_key.split(':', 1)[0]}:*" in delta.removed


def delta_entities(index: ScreeningIndex, delta: Delta) -> list[int]:
    """The index's entity numbers that the delta covers."""
    return [n for n, key in enumerate(keys_of(index)) if delta.in_scope(key)]


def keys_of(index: ScreeningIndex) -> list[str]:
    """The index's entity keys in order, worked out once per index (building every cached entity
    to read its key cost a delta run seconds)."""
    found: list[str] | None = index.memo.get(_KEYS)
    if found is None:
        found = index.memo[_KEYS] = entity_keys(index.entities)
    return found


_KEYS = "\x00subjects:entity-keys"


def restrict(index: ScreeningIndex, entity_numbers: Collection[int]) -> ScreeningIndex:
    """The index cut down to some entities: same weights and tables, postings of theirs only.

    Candidate generation takes every vocabulary key to hold at least one record (a full index's
    keys all do); a key left with none points to one added record that holds no token and whose
    name weighs so much that its estimate never reaches any threshold: it is never scored, and the
    keys a query meets stay the same as in the full index."""
    keep_entity = np.zeros(len(index.entities), dtype=bool)
    keep_entity[list(entity_numbers)] = True
    keep_record = keep_entity[index.rec_entity]
    in_postings = keep_record[index.post_records]
    n_keys, dead = len(index.post_offsets) - 1, len(index.rec_tokens)
    key_of = np.repeat(np.arange(n_keys, dtype=np.int64), np.diff(index.post_offsets))[in_postings]
    empty = np.nonzero(np.bincount(key_of, minlength=n_keys) == 0)[0]
    keys = np.concatenate([key_of, empty])
    records = np.concatenate([index.post_records[in_postings], np.full(len(empty), dead, dtype=np.int64)])
    order = np.argsort(keys, kind="stable")  # each key's kept records stay ascending, the dead one last
    offsets = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n_keys), out=offsets[1:])
    exact: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for r in np.nonzero(keep_record)[0].tolist():
        exact[index.rec_tokens[r]].append(r)
    identifiers: defaultdict[str, list[int]] = defaultdict(list)
    for e_no in sorted(entity_numbers):
        for ident in index.entities[e_no].identifiers:
            if (k := identifier_key(ident)) and e_no not in identifiers[k]:
                identifiers[k].append(e_no)
    return dataclasses.replace(
        index,
        rec_tokens=(*index.rec_tokens, ()),
        rec_weights=(*index.rec_weights, ()),
        rec_entity=np.append(index.rec_entity, np.int32(0)).astype(index.rec_entity.dtype),
        rec_name=np.append(index.rec_name, np.int32(0)).astype(index.rec_name.dtype),
        rec_total=np.append(index.rec_total, np.float32(DEAD_WEIGHT)).astype(index.rec_total.dtype),
        rec_flags=np.append(index.rec_flags, np.uint8(0)).astype(index.rec_flags.dtype),
        post_offsets=offsets,
        post_records=records[order].astype(index.post_records.dtype),
        exact={k: tuple(v) for k, v in exact.items()},
        identifiers={k: tuple(v) for k, v in identifiers.items()},
        memo={},
    )
