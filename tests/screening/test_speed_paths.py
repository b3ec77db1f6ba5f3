"""The screening engine's shortcuts give what the long way gives (speed work, issue 12 §3)."""

from __future__ import annotations

from interdict.core.match import Query
from interdict.screening import ScreeningIndex, build_index, screen, screen_many
from interdict.screening.addresses import MEMO_KEY
from interdict.screening.blocking import _has_hits, token_hits
from tests.screening.conftest import ENTITIES


def test_record_rows_mirror_the_record_arrays(small_index: ScreeningIndex) -> None:
    rows = small_index.rows()
    assert rows.entity == small_index.rec_entity.tolist()
    assert rows.name == small_index.rec_name.tolist()
    assert rows.total == [float(t) for t in small_index.rec_total]
    assert rows.flags == small_index.rec_flags.tolist()
    assert small_index.rows() is rows  # made once


def test_has_hits_agrees_with_the_merged_postings() -> None:
    index = build_index(ENTITIES)
    words = {t for tokens in index.rec_tokens for t in tokens}
    # Listed words, one-letter typos of them (neighbours only) and words the lists do not hold.
    probes = sorted(words | {w[:-1] + "x" for w in words if len(w) > 4} | {"zzzqqq", "karoberson"})
    for word in probes:
        index.memo.clear()
        quick = _has_hits(index, word)
        assert quick == (token_hits(index, word).size > 0), word
    assert _has_hits(index, "smithson") and not _has_hits(index, "zzzqqq")


def test_parallel_batch_builds_the_address_index_before_forking() -> None:
    """An address-like query past the parent's warm-up: the parent builds the address index once
    (the workers inherit it) instead of each worker building its own."""
    index = build_index(ENTITIES)
    queries = [Query(f"Customer Number{i}") for i in range(2500)]
    queries[1500] = Query("28 Timiryazev Street, Moscow")
    results = list(screen_many(index, queries, workers=2, expected=len(queries)))
    assert MEMO_KEY in index.memo
    assert results == [screen(index, q) for q in queries]


def test_a_word_that_names_a_derived_table_keeps_its_own_hits() -> None:
    """The memo holds each query token's hits under the token itself, and the tables derived from
    the index beside them: "addresses" screened after an address crashed (the address index was
    kept under the key "addresses" and read back as the word's hits)."""
    from interdict.core.entity import Address, Entity, EntityKind, Name

    street = Address(full="28 Timiryazev Street, Almaty, Kazakhstan", street="28 Timiryazev Street",
                     city="Almaty", country="kz")
    index = build_index([*ENTITIES, Entity(list="test", list_id="A1", kind=EntityKind.ORGANIZATION,
                                           names=(Name("GLOBAL ADDRESSES TRADING"),), addresses=(street,))])
    word = Query("Global Addresses Trading")
    first = screen(index, word)
    assert screen(index, Query("28 Timiryazev St., Almaty, Kazakhstan", kind=EntityKind.ADDRESS))
    assert first and screen(index, word) == first
    assert screen(index, Query("Addresses")) == screen(build_index(index.entities), Query("Addresses"))
