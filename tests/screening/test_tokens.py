"""Token keys and similarity rules."""

from __future__ import annotations

import pytest

from interdict.screening.tokens import SIM_INITIAL, SIM_SKELETON, similarity, skeleton


@pytest.mark.parametrize(("a", "b"), [
    ("jong", "chong"), ("jong", "jeong"), ("hyok", "hyeok"), ("kim", "gim"), ("daesong", "taesong"),
    ("yuliya", "iuliia"), ("khodorkovsky", "hodorkovsky"), ("tsoi", "coi"), ("jinhyok", "jinhyeok"),
])
def test_romanization_variants_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)
    assert similarity(a, b) == (SIM_SKELETON, "romanization")


def test_exact_typo_initial_and_unrelated() -> None:
    assert similarity("bank", "bank") == (1.0, "exact")
    sim, rule = similarity("bnak", "bank")
    assert rule == "typo:1" and 0.75 < sim < SIM_SKELETON  # a transposition is one edit
    sim, rule = similarity("gazprombank", "gazpronbamk")
    assert rule == "typo:2" and sim > 0.7
    assert similarity("j", "jin") == (SIM_INITIAL, "initial")
    assert similarity("kookmin", "korea") == (0.0, "")
    assert similarity("abc", "abd")[0] == 0.0  # three letters allow no typo
    assert similarity("1984", "1985")[0] == 0.0  # numbers never fuzzy-match


def test_two_step_fold_equals_the_one_pass_rules() -> None:
    """`fold` (groups by regex, single letters by translate) rewrites exactly as the documented
    one-pass rule pattern, on every letter pair and triple and on random words."""
    import itertools
    import random
    import string

    from interdict.screening.tokens import _RULE_PATTERN, _rule, fold

    letters = string.ascii_lowercase
    words = ["".join(p) for n in (1, 2, 3) for p in itertools.product(letters, repeat=n)]
    rng = random.Random(7)
    words += ["".join(rng.choice("aeioushctzkpqxwjygbd") for _ in range(rng.randint(4, 14)))
              for _ in range(20_000)]
    for word in words:
        assert fold(word) == _RULE_PATTERN.sub(_rule, word), word
