"""The delta re-screen's array pre-filter (`subjects.prefilter`): on the real UN list's delta, it
keeps every subject blocking picks a delta record for (and so every one screening can match),
and drops most of those whose words only brush a delta entry; its weight floors are floors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from interdict.core.entity import EntityKind
from interdict.core.store import connect
from interdict.lists.store import ListStore
from interdict.screening import ScreeningIndex, load_index
from interdict.screening.blocking import block, query_weights
from interdict.screening.engine import CONTEXT_HEADROOM
from interdict.screening.index import MIN_WEIGHT, stable_hash, token_weight
from interdict.screening.normalize import name_forms
from interdict.screening.threshold import DEFAULT_THRESHOLD
from interdict.services.lists import load_one
from interdict.services.subjects import load_subjects
from interdict.subjects.delta import delta_entities, delta_of, restrict, with_reweighted
from interdict.subjects.model import Subject
from interdict.subjects.parts import PartStore
from interdict.subjects.prefilter import LEAST_WEIGHT, candidates
from interdict.subjects.probes import ALWAYS, PART_OTHER, PART_PAIR, PART_TOKEN, form_parts, subject_tokens
from interdict.subjects.reach import delta_reach, delta_signatures, idf_floor
from interdict.subjects.store import SubjectStore
from tests.subjects.conftest import UnVersions


@pytest.fixture(scope="module")
def delta_store(un_versions: UnVersions, customer_file: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base loaded on the older UN version, marked screened on it, the newer one loaded."""
    home = tmp_path_factory.mktemp("prefilter") / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERDICT_HOME", str(home))
        load_one(None, un_versions.old, None)
        load_subjects(customer_file)
        conn = connect()
        conn.execute("""UPDATE subjects SET seen = '{"un":1}'""")
        conn.close()
        load_one(None, un_versions.new, None)
    return home


def _blocked(target: ScreeningIndex, form: tuple[str, ...]) -> bool:
    """What the last stage of the old pre-filter asked: does blocking pick a delta record?"""
    weights = query_weights(target, form)
    return form in target.exact or bool(len(block(target, form, weights, DEFAULT_THRESHOLD - CONTEXT_HEADROOM)
                                            .records))


def test_every_subject_blocking_picks_is_kept(delta_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERDICT_HOME", str(delta_store))
    conn = connect()
    try:
        lists = ListStore(conn)
        index = load_index(conn)
        delta = with_reweighted(index, delta_of({"un": 1}, {"un": 2}, lists.diff))
        scope = delta_entities(index, delta)
        target = restrict(index, scope)
        store = PartStore(conn)
        numbers = candidates(index, target, scope, store).tolist()
        kept = set(SubjectStore(conn).ids_numbered(numbers, {"un": 1}))
        subjects = SubjectStore(conn).subjects_seen({"un": 1})
        # Every subject the probes reach at all, as the pre-filter before this one read them.
        sigs, _ = delta_signatures(index, scope)
        reach = delta_reach(index, target, store.tokens_probing(sigs))
        reached = {int(n) for n in store.parts_holding(reach.tids.tolist())[0]}
    finally:
        conn.close()
    picked = {s.id for s in subjects if any(_blocked(target, f.tokens) for f in name_forms(s.name))}
    assert len(picked) > 40
    assert picked <= kept, sorted(picked - kept)[:10]
    # ... and it prunes: most subjects a delta word reaches are not worth screening.
    assert len(kept) < 0.5 * len(reached)


def test_form_parts_place_tokens_pairs_and_repeats() -> None:
    tokens = subject_tokens(Subject("1", "Ahmad Ahmad Trading"))
    parts = form_parts(tokens)
    form = [(t, p) for t, p, k in parts if k == PART_TOKEN]
    assert form == [("ahmad", 0), ("ahmad", 1), ("trading", 2)]  # a repeated word counts twice
    assert ("ahmad ahmad", 0, PART_PAIR) in parts and ("ahmad trading", 1, PART_PAIR) in parts
    assert all(t.startswith("\x00") for t, _, k in parts if k == PART_OTHER)


def test_an_address_like_subject_is_always_screened() -> None:
    assert ALWAYS in subject_tokens(Subject("1", "12 Timiryazev Street, Moscow"))
    assert ALWAYS in subject_tokens(Subject("2", "Anything", kind=EntityKind.ADDRESS))
    assert ALWAYS not in subject_tokens(Subject("3", "John Smith"))


def test_weight_floors_are_floors(small_index: ScreeningIndex) -> None:
    # `token_weight` rises with rarity, and never falls below LEAST_WEIGHT.
    for token in ("ltd", "company", "al", "ivanovich", "smith", "x"):
        values = [token_weight(token, idf) for idf in np.linspace(MIN_WEIGHT, 1.0, 9)]
        assert values == sorted(values) and min(values) >= LEAST_WEIGHT
    # The rarity floor from a token's probes is at most the rarity `query_weights` gives it.
    from interdict.subjects.probes import token_probes

    tokens = ["pak", "jinhyok", "jinhyuk", "komid", "korea", "daesong", "bank", "zzyzx", "shevchenko"]
    tids = np.arange(len(tokens), dtype=np.int32)
    rows = [(n, p) for n, t in enumerate(tokens) for p in token_probes(t)]
    floors = idf_floor(small_index, np.array([n for n, _ in rows], dtype=np.int32),
                       np.array([p for _, p in rows], dtype=np.uint64), tids)
    for token, floor in zip(tokens, floors.tolist(), strict=True):
        assert token_weight(token, floor) <= query_weights(small_index, (token,))[0] + 1e-12, token
    assert floors[tokens.index("zzyzx")] == 1.0  # meets no listed key: weighs fully
    assert stable_hash("zzyzx") not in set(small_index.del_hashes.tolist())


def test_entity_keys_are_read_without_building_the_entities(small_index: ScreeningIndex) -> None:
    from interdict.screening.loader import LazyEntities, decode, encode
    from interdict.subjects.delta import keys_of

    cached = decode(encode(small_index))
    assert cached is not None and isinstance(cached.entities, LazyEntities)
    assert keys_of(cached) == [e.key for e in small_index.entities]
    assert not cached.entities._decoded  # no entity was built to read the keys


def test_parts_follow_updates_and_removals(tmp_path: Path, interdict_home: Path) -> None:
    from interdict.services.subjects import remove_subjects

    first = tmp_path / "v1.csv"
    first.write_text("id,name\n1,Anna Berg\n2,Carl Holm\n3,Eva Lind\n", encoding="utf-8")
    load_subjects(first)
    second = tmp_path / "v2.csv"
    second.write_text("id,name\n2,Carl Holmberg\n4,Per Holm\n", encoding="utf-8")
    load_subjects(second)
    ids = tmp_path / "ids.txt"
    ids.write_text("3\n", encoding="utf-8")
    assert remove_subjects(ids) == 1

    conn = connect()
    try:
        store = PartStore(conn)
        numbers = dict(conn.execute("SELECT id, no FROM subject_numbers").fetchall())
        assert sorted(numbers) == ["1", "2", "4"] and len(set(numbers.values())) == 3

        def holders(token: str) -> set[str]:
            nos = set(store.parts_holding(store.tids_of([token]))[0].tolist())
            return {i for i, n in numbers.items() if n in nos}

        assert holders("holm") == {"4"}  # Carl's old name is gone with its update
        assert holders("holmberg") == {"2"}
        assert holders("lind") == set()  # removed
        _, tids, pos, kinds = store.parts_holding(store.tids_of(["berg"]))
        texts = store.token_texts(tids)
        rows = zip(tids.tolist(), pos.tolist(), kinds.tolist(), strict=True)
        assert sorted((p, texts[t]) for t, p, k in rows if k == PART_TOKEN) == [(0, "anna"), (1, "berg")]
    finally:
        conn.close()
