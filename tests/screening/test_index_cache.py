"""The index cache (format 6: an aligned `.npz`, memory-mapped, fields decoded when first read) gives
back every field of the index it was written from, value for value and type for type."""

from __future__ import annotations

import zipfile
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from interdict.core.match import Query
from interdict.screening import ScreeningIndex, screen
from interdict.screening.loader import _read, decode, encode


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
