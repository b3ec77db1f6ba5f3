"""Pairwise matching by the list-screening engine, the scorer registry, and the OFAC SLS emulation."""

from __future__ import annotations

import pytest
from rigour.text.phonetics import soundex

from interdict.core.entity import EntityKind, Identifier, IdentifierType
from interdict.core.errors import InputError
from interdict.core.match import Query
from interdict.screening import build_index, screen
from interdict.screening.ofac_sls import part_score, sls_score, sls_text
from interdict.screening.pairwise import match_entity, match_names, pair_entity
from interdict.screening.scorers import SCORERS, get_scorer, scorer_docs
from interdict.screening.threshold import DEFAULT_THRESHOLD


def test_pair_is_scored_by_the_screening_engine() -> None:
    """The pair's score and explanation are exactly what screening a one-entity list gives."""
    found = match_names("Park Jin Hyok", "Pak Jin Hyok", EntityKind.PERSON)
    entity = pair_entity(["Pak Jin Hyok"], EntityKind.PERSON)
    listed = screen(build_index([entity]), Query("Park Jin Hyok", EntityKind.PERSON), threshold=0.0)
    assert found.candidate is not None and listed
    assert found.score == listed[0].score
    assert found.explanation == listed[0].explanation
    assert found.explanation.method == "name"
    keys = set(found.explanation.to_dict())
    assert {"tokens", "coverage", "adjustments", "query_form", "name_form"} <= keys


def test_exact_name_scores_one_and_unrelated_scores_zero() -> None:
    assert match_names("Olaf Scholz", "Olaf Scholz", EntityKind.PERSON).score == 1.0
    nothing = match_names("Angela Merkel", "Xi Jinping", EntityKind.PERSON)
    assert nothing.score == 0.0 and nothing.candidate is None
    assert nothing.explanation.method == "none"


def test_kind_mismatch_is_not_a_match() -> None:
    """A person query is not matched against a vessel, as in list screening."""
    assert match_names("Sea Star", "Sea Star", EntityKind.VESSEL).score == 1.0
    found = match_entity(Query("Sea Star", EntityKind.PERSON), pair_entity(["Sea Star"], EntityKind.VESSEL))
    assert found.score == 0.0


def test_entity_context_adjusts_and_identifiers_match() -> None:
    entity = pair_entity(["Ivan Petrov"], EntityKind.PERSON, birth_dates=("1970-01-01",),
                         identifiers=(Identifier(IdentifierType.PASSPORT, "AB123456"),))
    plain = match_entity(Query("Ivan Petrov", EntityKind.PERSON), entity).score
    conflict = match_entity(Query("Ivan Petrov", EntityKind.PERSON, dob="1990"), entity)
    assert conflict.score < plain
    assert any(a.feature == "dob" for a in conflict.explanation.adjustments or ())
    by_id = match_entity(Query("Someone Else", EntityKind.PERSON,
                               identifiers=(Identifier(IdentifierType.PASSPORT, "AB123456"),)), entity)
    assert by_id.score == 1.0 and by_id.explanation.method == "identifier"


def test_registry_lists_both_scorers_with_documented_features() -> None:
    assert set(SCORERS.names()) == {"interdict", "ofac-sls"}
    docs = scorer_docs()
    assert docs[0].name == "interdict"
    for d in docs:
        assert d.features and d.parameters and 0.0 < d.threshold <= 1.0
        assert all(f.name and f.type and f.description for f in d.features)
        assert d.to_dict()["name"] == d.name
    assert get_scorer("interdict").THRESHOLD == DEFAULT_THRESHOLD
    with pytest.raises(InputError, match="ofac-sls"):
        get_scorer("nope")


def test_both_scorers_score_an_entity() -> None:
    entity = pair_entity(["John Smith"], EntityKind.PERSON)
    ours = get_scorer("interdict").score(Query("John Smith", EntityKind.PERSON), entity)
    sls = get_scorer("ofac-sls").score(Query("Jon Smyth"), entity)
    assert ours.score == 1.0 and ours.explanation["method"] == "name"
    assert sls.explanation["matched_name"] == "John Smith"
    assert sls.score == pytest.approx(max(sls.explanation["whole"], sls.explanation["composite"]), abs=1e-4)


@pytest.mark.parametrize(("a", "b", "expected"), [
    # Winkler's published examples (Winkler 1990; the usual Jaro-Winkler test values)
    ("MARTHA", "MARHTA", 0.9611), ("DWAYNE", "DUANE", 0.84), ("DIXON", "DICKSONX", 0.8133),
])
def test_jaro_winkler_known_values(a: str, b: str, expected: float) -> None:
    assert part_score(a, b).jaro_winkler == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(("word", "code"), [
    ("Robert", "R163"), ("Rupert", "R163"), ("Ashcraft", "A261"), ("Tymczak", "T522"), ("Pfister", "P236"),
])
def test_soundex_known_values(word: str, code: str) -> None:
    """The American Soundex examples of the US National Archives' description."""
    assert soundex(word) == code


def test_sls_composite_computed_by_hand() -> None:
    """JOHN~JON: Jaro 11/12, +2 prefix → 0.9333, Soundex J500 both → 0.9667; SMITH~SMYTH: Jaro 13/15,
    +2 prefix → 0.8933, S530 both → 0.9467; composite (0.9667 + 0.9467) / 2 = 0.9567."""
    s = sls_score("John Smith", "Jon Smyth")
    assert [p.best for p in s.parts] == ["JON", "SMYTH"]
    assert s.parts[0].jaro_winkler == pytest.approx(0.93333, abs=1e-4)
    assert s.parts[1].jaro_winkler == pytest.approx(0.89333, abs=1e-4)
    assert all(p.soundex_equal for p in s.parts)
    assert s.composite == pytest.approx(0.95667, abs=1e-4)
    assert s.score == max(s.whole, s.composite)


def test_sls_phonetic_disagreement_halves_a_part_and_text_is_folded() -> None:
    assert sls_text("Ḥusayn, al-Qāʾid") == "HUSAYN AL QA ID"
    part = part_score("SMITH", "JONES")
    assert not part.soundex_equal and part.score == pytest.approx(0.5 * part.jaro_winkler)
    assert sls_score("", "John").score == 0.0


@pytest.mark.parametrize("name", ["interdict", "ofac-sls"])
def test_scorer_registry_documents_what_the_scorer_returns(name: str) -> None:
    """Each scorer is in the core registry, and every feature it documents is in its explanation."""
    docs = SCORERS.explain(name)
    assert docs.kind == "scorer" and get_scorer(name).explain().docs == docs
    found = get_scorer(name).score(Query("Jon Smith", EntityKind.PERSON),
                                   pair_entity(["John Smith"], EntityKind.PERSON))
    assert {f.name for f in docs.evidence} <= set(found.explanation)
    assert [p.name for p in docs.parameters][-1] == "threshold"
