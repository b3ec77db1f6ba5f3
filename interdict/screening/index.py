"""The screening index: built once from the listed entities, immutable, picklable.

Layout (dense arrays where it matters, built once so each query does little Python work):
- one *record* per comparable form of each listed name: its canonical tokens and their weights,
  with `rec_entity`, `rec_name`, `rec_total`, `rec_flags` as numpy arrays;
- a vocabulary of token keys (romanization skeletons of Latin tokens, original-script tokens as
  written, and the skeletons of adjacent token pairs joined, so "Jinhyok" finds "Jin Hyok");
- postings in CSR form (`post_offsets`, `post_records`): the records holding each key;
- symmetric-delete keys (each skeleton with one letter removed → vocabulary ids) for typos;
- identifier keys → entity numbers, for exact identifier matching.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numpy as np
import numpy.typing as npt

from interdict.core.entity import Entity, EntityKind, NameQuality
from interdict.screening import hangul, org_kinds, tables
from interdict.screening.identifiers import identifier_key
from interdict.screening.normalize import ORIGINAL, listed_name_forms
from interdict.screening.tokens import PATRONYMIC_ENDINGS, deletions, skeleton

FLAG_WEAK = 1
FLAG_ORIGINAL = 2
FLAG_PERSON = 4  # the entity is a person (or of unknown kind): missing middle names weigh less
# A form that only keeps the titles and ship words its name's reading dropped (`normalize._forms`):
# it is there to meet a name that keeps the same word where it is no title or ship word; a query
# form that kept them as well compares their readings instead (a shared "Haji" is no shared name).
FLAG_KEPT = 8
LEGAL_FORM_WEIGHT = 0.25
COMMON_TOKEN_WEIGHT = 0.05
INITIAL_WEIGHT = 0.6  # median weight of a single letter on UN + OFAC SDN + consolidated (0.45-1.0)
PARTICLE_WEIGHT = 0.25  # "al", "bin": a shared particle is not a shared name (name_bench nk_checks)
MIN_WEIGHT = 0.12
DELETE_MIN_LENGTH = 4
PATRONYMIC_WEIGHT = 0.5

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]
T = TypeVar("T")
# The memo key prefix of derived tables (`ScreeningIndex.derived`): no query token starts with it.
DERIVED = "\x00derived:"


@dataclass(frozen=True, slots=True)
class Rows:
    """`rec_entity`, `rec_name`, `rec_total` and `rec_flags` as lists (the same values)."""

    entity: list[int]
    name: list[int]
    total: list[float]
    flags: list[int]


@dataclass(frozen=True, eq=False)
class ScreeningIndex:
    """Everything screening needs, precomputed from the entities of the active lists."""

    entities: Sequence[Entity]
    subjects: dict[str, str]
    # Sequences: a cached index reads each record from the mapped file when first asked.
    rec_tokens: Sequence[tuple[str, ...]]
    rec_weights: Sequence[tuple[float, ...]]
    rec_entity: IntArray
    rec_name: IntArray
    rec_total: FloatArray
    rec_flags: npt.NDArray[np.uint8]
    vocab: dict[str, int]
    idf: FloatArray
    post_offsets: npt.NDArray[np.int64]
    post_records: IntArray
    del_hashes: npt.NDArray[np.uint64]  # sorted stable hashes of the one-letter deletions of keys
    del_offsets: npt.NDArray[np.int64]
    del_keys: IntArray  # vocabulary ids, in CSR form under del_offsets
    identifiers: dict[str, tuple[int, ...]]
    # Records by their whole token form: a name typed exactly as listed is always scored, whatever
    # the candidate cap keeps (common tokens can fill it with records that estimate as well).
    exact: Mapping[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)
    # Entities with a name in Hangul: a Hangul query is compared with them in Hangul only (their
    # romanized forms merge distinct syllables: 정 and 종 are both "jong").
    hangul_entities: frozenset[int] = frozenset()
    token_count: int = 0
    info: dict[str, int] = field(default_factory=dict)
    # Per-token candidate lookups already computed (a memo, not state: dropped when pickled).
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["memo"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    @classmethod
    def lazy(cls, eager: dict[str, Any], fill: Callable[[str], Any]) -> ScreeningIndex:
        """An index whose fields not in `eager` are made by `fill(name)` when first read (a cached
        index: one `interdict screen` reads the vocabulary and a few records, not every table)."""
        index = cls.__new__(cls)
        for name, value in eager.items():
            object.__setattr__(index, name, value)
        object.__setattr__(index, "_fill", fill)
        return index

    if not TYPE_CHECKING:  # hidden from mypy: a misspelt field must stay a type error

        def __getattr__(self, name: str) -> Any:
            # Reached only for an attribute not set yet: a lazy index's field, made once.
            fill = self.__dict__.get("_fill")
            if fill is None or name.startswith("__"):
                raise AttributeError(name)
            value = fill(name)
            object.__setattr__(self, name, value)
            return value

    def derived(self, name: str, build: Callable[[ScreeningIndex], T], keep: bool = True) -> T:
        """A table derived from the whole index (the address index, the vessel owners), made once:
        from the memo, else the on-disk cache (`stored`), else `build(self)`; memoised (unless not
        `keep`) under a key no query token can take: the memo also holds each token's hits under
        the token itself ("addresses" is a word as well as a table)."""
        key = DERIVED + name
        found = self.memo.get(key)
        if found is None:
            stored = self.stored(name)
            found = stored if stored is not None else build(self)
            if keep:
                self.memo[key] = found
        return cast(T, found)

    def stored(self, name: str) -> Any:
        """A derived table the on-disk cache holds besides the fields (the address index), read
        when first asked for; None for a built index or a cache without it."""
        fill = self.__dict__.get("_fill")
        if fill is None:
            return None
        try:
            return getattr(self, name)
        except AttributeError:
            return None

    def rows(self) -> Rows:
        """The per-record arrays as Python lists, made once per index (a numpy scalar read costs
        a tenth of a microsecond; the candidate loop reads several per record)."""
        found: Rows | None = self.__dict__.get("_rows")
        if found is None:
            found = Rows(self.rec_entity.tolist(), self.rec_name.tolist(), self.rec_total.tolist(),
                         self.rec_flags.tolist())
            object.__setattr__(self, "_rows", found)
        return found

    def postings(self, vocab_id: int) -> IntArray:
        """The record numbers holding one vocabulary key."""
        return self.post_records[self.post_offsets[vocab_id]:self.post_offsets[vocab_id + 1]]

    def document_frequency(self, vocab_id: int) -> int:
        """How many records hold a key."""
        return int(self.post_offsets[vocab_id + 1] - self.post_offsets[vocab_id])

    def deleted_to(self, variants: list[str]) -> list[int]:
        """Vocabulary ids of the keys one deletion of which is among `variants`."""
        if not len(self.del_hashes):
            return []
        encoded = [v.encode() for v in variants]  # stable_hash, inlined: dozens of probes per token
        hashes = np.array([(zlib.crc32(b) << 32) | zlib.adler32(b) for b in encoded], dtype=np.uint64)
        pos = np.minimum(np.searchsorted(self.del_hashes, hashes), len(self.del_hashes) - 1)
        pos = pos[self.del_hashes[pos] == hashes]
        if not len(pos):
            return []
        keys, out = self.del_keys, []
        # Slicing with Python ints: a numpy scalar offset costs a microsecond per key.
        for a, b in zip(self.del_offsets[pos].tolist(), self.del_offsets[pos + 1].tolist(), strict=True):
            out.extend(keys[a:b].tolist())
        return out

    def subject_of(self, entity_no: int) -> str:
        """The cross-list subject id of an entity (its own key when it stands alone)."""
        key = self.entities[entity_no].key
        return self.subjects.get(key, key)

    def __len__(self) -> int:
        return len(self.entities)


def token_weight(token: str, idf: float, *, person: bool = False) -> float:
    """A token's weight: its rarity, reduced for common words, legal forms and name particles.

    In a person's name (`person`) a legal-form word is a name ("PAO Yu Yi", "Iyad AG GHALI",
    "Ao Wei"): it weighs by its rarity, as any other name word, not as the ПАО/AG of a company."""
    if token in tables.common_tokens():
        return COMMON_TOKEN_WEIGHT
    if not person and token in tables.legal_forms():
        return LEGAL_FORM_WEIGHT * idf
    if len(token) == 1 and token.isalpha():
        # An initial is rare only in an index of few names (a one-entity index gave "A." the
        # weight of a whole name, so a middle initial left out sank "Thomas A. Lindeman"); the
        # cap is what UN + OFAC give a letter (median 0.58), so list screening barely changes.
        return min(INITIAL_WEIGHT, max(MIN_WEIGHT, idf))
    if token in tables.name_particles():
        # Rare on a list of few names (a one-entity index reads every token as rare), common
        # on the real lists: the cap makes both read "al" as the particle it is.
        return min(PARTICLE_WEIGHT, max(MIN_WEIGHT, idf))
    if token.endswith(PATRONYMIC_ENDINGS) and len(token) > 6:
        return max(MIN_WEIGHT, PATRONYMIC_WEIGHT * idf)  # often left out of a query
    return max(MIN_WEIGHT, idf)


def idf_of(df: int, n_records: int) -> float:
    """Rarity of a key on a 0..1 scale: 1 for a key found once, falling with its frequency."""
    return max(MIN_WEIGHT, math.log((n_records + 1) / max(df, 1)) / math.log(n_records + 1))


def _collect_records(entities: tuple[Entity, ...]) -> tuple[list[tuple[int, int, tuple[str, ...], int]], int]:
    records: list[tuple[int, int, tuple[str, ...], int]] = []
    tokens_seen = 0
    for e_no, entity in enumerate(entities):
        seen: dict[tuple[str, ...], int] = {}
        for n_no, name in enumerate(entity.names):
            weak = FLAG_WEAK if name.quality == NameQuality.WEAK else 0
            for form in listed_name_forms(name.full):
                if form.organisation and entity.kind in (EntityKind.PERSON, EntityKind.UNKNOWN):
                    continue  # "Al-Faqih Sa'd" read as a legal form: no reading of a person's name
                kept = FLAG_KEPT if form.kept else 0
                if form.tokens in seen:
                    # A strong name reading as an earlier weak alias makes that form strong; a name
                    # written so makes a form no longer only a reading that kept dropped words.
                    r_no = seen[form.tokens]
                    e, first, toks, flags = records[r_no]
                    if not weak and flags & FLAG_WEAK:
                        first, flags = n_no, flags & ~FLAG_WEAK
                    records[r_no] = (e, first, toks, flags & ~FLAG_KEPT if not kept else flags)
                    continue
                seen[form.tokens] = len(records)
                flags = weak | kept | (FLAG_ORIGINAL if form.script == ORIGINAL else 0)
                if entity.kind in (EntityKind.PERSON, EntityKind.UNKNOWN):
                    flags |= FLAG_PERSON
                records.append((e_no, n_no, form.tokens, flags))
                tokens_seen += len(form.tokens)
    return records, tokens_seen


def record_keys(tokens: tuple[str, ...]) -> set[str]:
    """The vocabulary keys of one record: token skeletons and joined adjacent pairs."""
    keys = {skeleton(t) for t in tokens}
    for a, b in itertools.pairwise(tokens):
        if a.isascii() and b.isascii():
            keys.add(skeleton(a + b))
    return keys


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (Python's `hash` of str is salted)."""
    data = text.encode()
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def _deletion_table(vocab: dict[str, int]) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64], IntArray]:
    """Symmetric-delete keys as sorted hashes with CSR vocabulary ids (compact, quick to load).

    A rare hash collision only adds a neighbour that precise scoring then rejects.
    """
    pairs = [(stable_hash(d), v) for key, v in vocab.items()
             if len(key) >= DELETE_MIN_LENGTH and key.isascii() for d in set(deletions(key))]
    hashes = np.array([h for h, _ in pairs], dtype=np.uint64)
    vids = np.array([v for _, v in pairs], dtype=np.int32)
    order = np.argsort(hashes, kind="stable")
    hashes, vids = hashes[order], vids[order]
    uniq, starts = np.unique(hashes, return_index=True)
    offsets = np.append(starts, len(hashes)).astype(np.int64)
    return uniq, offsets, vids


def exact_records(rec_tokens: Sequence[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[int, ...]]:
    """Records by their whole token form, in record order (the cache derives it, not stores it)."""
    found: dict[tuple[str, ...], list[int]] = {}
    for r_no, tokens in enumerate(rec_tokens):
        found.setdefault(tokens, []).append(r_no)
    return {k: tuple(v) for k, v in found.items()}


def build_index(entities: Iterable[Entity], subjects: Mapping[str, str] | None = None) -> ScreeningIndex:
    """Build the screening index over the given entities (and their cross-list subject ids)."""
    ents = tuple(entities)
    records, tokens_seen = _collect_records(ents)
    vocab: dict[str, int] = {}
    postings: defaultdict[int, list[int]] = defaultdict(list)
    # A form that kept its title or ship word is the same name read again: rarity counts names, so
    # it adds no frequency (in a one-entity index it would halve every word's weight).
    kept: defaultdict[int, int] = defaultdict(int)
    for r_no, (_, _, tokens, flags) in enumerate(records):
        for key in record_keys(tokens):
            postings[v := vocab.setdefault(key, len(vocab))].append(r_no)
            kept[v] += bool(flags & FLAG_KEPT)
    n_rec = max(sum(not r[3] & FLAG_KEPT for r in records), 1)
    sizes = np.array([len(postings[v]) for v in range(len(vocab))], dtype=np.int64)
    offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    flat = np.fromiter((r for v in range(len(vocab)) for r in postings[v]), dtype=np.int32,
                       count=int(offsets[-1]))
    idf = np.array([idf_of(int(s) - kept[v], n_rec) for v, s in enumerate(sizes)], dtype=np.float32)
    persons = [ents[rec[0]].kind == EntityKind.PERSON for rec in records]
    weights = tuple(tuple(token_weight(t, float(idf[vocab[skeleton(t)]]), person=person) for t in rec[2])
                    for rec, person in zip(records, persons, strict=True))
    del_hashes, del_offsets, del_keys = _deletion_table(vocab)
    rec_tokens = tuple(r[2] for r in records)
    idents: defaultdict[str, list[int]] = defaultdict(list)
    for e_no, entity in enumerate(ents):
        for ident in entity.identifiers:
            if (k := identifier_key(ident)) and e_no not in idents[k]:
                idents[k].append(e_no)
    return ScreeningIndex(
        entities=ents,
        subjects=dict(subjects or {}),
        rec_tokens=rec_tokens,
        rec_weights=weights,
        rec_entity=np.array([r[0] for r in records], dtype=np.int32),
        rec_name=np.array([r[1] for r in records], dtype=np.int32),
        # less what a word naming a kind of firm may not count (`org_kinds`): blocking estimates high
        rec_total=np.array([sum(w) - org_kinds.listed_slack(t, w, person=p)
                            for t, w, p in zip(rec_tokens, weights, persons, strict=True)], dtype=np.float32),
        rec_flags=np.array([r[3] for r in records], dtype=np.uint8),
        vocab=vocab,
        idf=idf,
        post_offsets=offsets,
        post_records=flat,
        del_hashes=del_hashes,
        del_offsets=del_offsets,
        del_keys=del_keys,
        identifiers={k: tuple(v) for k, v in idents.items()},
        exact=exact_records(rec_tokens),
        hangul_entities=frozenset(e_no for e_no, e in enumerate(ents)
                                  if any(hangul.contains_hangul(n.full) for n in e.names)),
        token_count=tokens_seen,
        info={"entities": len(ents), "records": len(records), "keys": len(vocab),
              "identifiers": len(idents)},
    )
