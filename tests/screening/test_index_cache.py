"""The index cache (format 8: an aligned `.npz`, memory-mapped, fields decoded when first read, the
address index and the vocabulary's consonant keys stored) gives back every field of the index it
was written from, value for value and type for type."""

from __future__ import annotations

import zipfile
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from interdict.core.entity import EntityKind
from interdict.core.match import Query
from interdict.screening import ScreeningIndex, build_index, screen
from interdict.screening.addresses import address_index
from interdict.screening.loader import _read, decode, encode
from tests.screening.conftest import ENTITIES


def _assert_same(cached: ScreeningIndex, built: ScreeningIndex) -> None:
    for f in fields(ScreeningIndex):
        if f.name == "memo":
            continue
        got: Any = getattr(cached, f.name)
        want: Any = getattr(built, f.name)
        if isinstance(want, np.ndarray):
            assert got.dtype == want.dtype and np.array_equal(got, want), f.name
        elif f.name in ("entities", "rec_tokens", "rec_weights") and type(got) is not type(want):
            assert list(got) == list(want), f.name  # read record by record from the mapped file
            assert all(got[r] == want[r] for r in range(len(want))), f.name
        elif f.name == "exact":
            assert all(got.get(form) == records for form, records in want.items())
            assert got.get(("no", "such", "form"), ()) == () and len(got) == len(want)
            assert list(got.items()) == list(want.items())
        else:
            assert type(got) is type(want) and got == want, f.name
            if isinstance(want, dict):
                assert list(got) == list(want), f"{f.name}: order differs"  # vocab ids follow it


def test_the_cache_reads_back_the_built_index(real_index: ScreeningIndex, tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    path.write_bytes(encode(real_index))
    mapped = _read(path)
    assert mapped is not None
    assert "vocab" not in mapped.__dict__  # opened without decoding the vocabulary
    _assert_same(mapped, real_index)
    with zipfile.ZipFile(path) as archive:  # still a plain .npz, every array's data aligned
        assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())
    with np.load(path, allow_pickle=False) as plain:
        assert np.array_equal(plain["del_hashes"], real_index.del_hashes)
    assert mapped.del_hashes.ctypes.data % 64 == 0 and not mapped.del_hashes.flags.writeable
    for name in ("ABDULLAH AHMED ABDULLAH EL ALFI", "Pak Jin Hyok", "Korea Kwangson Banking Corp"):
        assert [c.to_dict() for c in screen(mapped, Query(name))] == \
            [c.to_dict() for c in screen(real_index, Query(name))]


def test_the_small_index_reads_back_from_bytes(small_index: ScreeningIndex) -> None:
    cached = decode(encode(small_index))
    assert cached is not None
    _assert_same(cached, small_index)


def test_a_cut_or_altered_cache_is_a_miss(small_index: ScreeningIndex, tmp_path: Path) -> None:
    data = encode(small_index)
    path = tmp_path / "index.npz"
    path.write_bytes(data[: len(data) // 2])
    assert _read(path) is None
    vocab_at = data.find(b"\x1f".join(k.encode() for k in list(small_index.vocab)[:2]))
    assert vocab_at > 0
    altered = bytearray(data)
    altered[vocab_at] ^= 0x01  # one vocabulary key changed: its checksum no longer holds
    assert decode(bytes(altered)) is None


def test_a_batch_reads_the_cached_records_as_plain_tuples(small_index: ScreeningIndex) -> None:
    from interdict.screening.records import ExactForms, RecordTokens, materialise

    cached = decode(encode(small_index))
    assert cached is not None and isinstance(cached.rec_tokens, RecordTokens)
    assert isinstance(cached.exact, ExactForms)
    materialise(cached)
    assert type(cached.rec_tokens) is tuple and type(cached.exact) is dict
    _assert_same(cached, small_index)


def test_a_cached_index_still_pickles(small_index: ScreeningIndex, tmp_path: Path) -> None:
    import pickle

    path = tmp_path / "index.npz"
    path.write_bytes(encode(small_index))
    mapped = _read(path)
    assert mapped is not None
    again = pickle.loads(pickle.dumps(mapped))
    _assert_same(again, small_index)


ADDRESSES = ("28 Timiryazev St., Almaty, Kazakhstan", "Hamburg, Schottweg 3, DE",
             "P.O. Box 46584, Sheikh Zayed Rd, Dubai, UAE")


def test_the_cache_holds_the_address_index(real_index: ScreeningIndex, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Format 7: the address index is read back, not rebuilt (rigour's fingerprint of 14,000
    listed addresses took 0.6-3 s at every screen of an address), and screens as the built one."""
    from interdict.screening import addresses

    path = tmp_path / "index.npz"
    path.write_bytes(encode(real_index))
    built = addresses.address_index(real_index)
    mapped = _read(path)
    assert mapped is not None
    monkeypatch.setattr(addresses, "build_address_index", _no_build)
    stored = addresses.address_index(mapped)
    assert stored == built and len(stored.owners) > 10_000
    assert stored.idf == built.idf  # recomputed from the postings by the same function: same floats
    for text in ADDRESSES:
        query = Query(text, kind=EntityKind.ADDRESS)
        found = [c.to_dict() for c in screen(mapped, query)]
        assert found and found == [c.to_dict() for c in screen(real_index, query)]


def _no_build(index: ScreeningIndex) -> None:
    raise AssertionError("the address index was rebuilt")


def test_the_cache_holds_the_consonant_table(real_index: ScreeningIndex, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Format 8: the consonant keys of the lists' words (`matres`) are read back, not rebuilt (0.7 s
    CPU at the first screen of an Arabic-script name the vowelled table lacks), and screen alike."""
    from interdict.screening import matres

    path = tmp_path / "index.npz"
    path.write_bytes(encode(real_index))
    mapped = _read(path)
    assert mapped is not None

    def no_build(words: object) -> None:
        raise AssertionError("the consonant table was rebuilt")

    built = matres.table_of(real_index)
    monkeypatch.setattr(matres, "build_table", no_build)
    assert matres.table_of(mapped) == built and len(built) > 10_000
    for name in ("فرناندو بيريز", "ماري تيريز أدينا أوندوا"):
        found = [c.to_dict() for c in screen(mapped, Query(name))]
        assert found == [c.to_dict() for c in screen(real_index, Query(name))]


def test_a_built_index_has_no_stored_tables(small_index: ScreeningIndex) -> None:
    assert small_index.stored("address_index") is None
    assert small_index.stored("matres_table") is None
    cached = decode(encode(small_index))
    assert cached is not None and cached.stored("no_such_table") is None
    empty = cached.stored("address_index")  # no listed street address: an empty index, stored
    assert empty is not None and empty.owners == () and empty == address_index(small_index)


def test_altered_address_members_are_a_miss() -> None:
    from interdict.core.entity import Address, Entity, Name

    street = Address(full="28 Timiryazev Street, Almaty, Kazakhstan", street="28 Timiryazev Street",
                     city="Almaty", country="kz")
    index = build_index([*ENTITIES, Entity(list="test", list_id="A1", kind=EntityKind.ORGANIZATION,
                                           names=(Name("ALMATY TRADING"),), addresses=(street,))])
    data = encode(index)
    cached = decode(data)
    assert cached is not None and address_index(cached) == address_index(index)
    assert "timiryazev" in address_index(index).postings
    at = data.find(b"timiryazev")
    assert at > 0
    altered = bytearray(data)
    altered[at] ^= 0x01  # an address token changed: the text's checksum no longer holds
    assert decode(bytes(altered)) is None


def test_the_cache_holds_the_posting_weights(real_index: ScreeningIndex, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Format 9: the listed weight of each posting (`posting_weights`: two words' for a pair joined)
    is read back, not rebuilt from every record at a process's first query, and screens alike."""
    from interdict.screening import posting_weights

    path = tmp_path / "index.npz"
    path.write_bytes(encode(real_index))
    mapped = _read(path)
    assert mapped is not None

    def no_build(index: object) -> None:
        raise AssertionError("the posting weights were rebuilt")

    built = posting_weights.table_of(real_index)
    monkeypatch.setattr(posting_weights, "build", no_build)
    read = posting_weights.table_of(mapped)
    assert read.dtype == np.float64 and len(read) == len(real_index.post_records)
    assert np.array_equal(read, built)
    # a pair joined weighs more than its key's rarity alone, in many postings
    assert int((built > np.repeat(real_index.idf, np.diff(real_index.post_offsets)) + 1e-6).sum()) > 10_000
    for name in ("AATBelaruskaliy", "KOREA DAESONGBANK"):
        found = [c.to_dict() for c in screen(mapped, Query(name))]
        assert found == [c.to_dict() for c in screen(real_index, Query(name))]
