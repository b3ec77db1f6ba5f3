"""Words a name's reading drops (ship type words at its ends, titles at its head) or weighs as minor
(words that say what kind of organisation it is) must not count against a pair where the other
name keeps them: each name is also read with them kept, and an organisation-type abbreviation
left out weighs as a legal form. The
issue-style example is the listed National Iranian Tanker Company; the other names are invented
(no benchmark row), with the counter-examples that must stay apart. Pairs are scored as
`interdict match` scores them."""

from __future__ import annotations

import pytest

from interdict.core.entity import EntityKind
from interdict.screening import build_index, org_kinds
from interdict.screening.normalize import name_forms
from interdict.screening.pairwise import match_names
from interdict.screening.threshold import DEFAULT_THRESHOLD
from tests.screening.conftest import org, person

PERSON, ORG, VESSEL = EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.VESSEL
NAZAR = "Nazar Gul Rahimullah"


def score(query: str, listed: str, kind: EntityKind | None) -> float:
    return match_names(query, listed, kind).score


# The query's trailing "tanker" was dropped as a ship word; the listed name keeps it, inside the
# name (before: 0.65, 0.72, 0.65, 0.73).
@pytest.mark.parametrize(("query", "listed"), [
    ("National Iranian Tanker", "National Iranian Tanker Company"),
    ("Company National Iranian Tanker", "National Iranian Tanker Company"),
    ("Meridian Ocean Tanker", "Meridian Ocean Tanker Company"),
    ("Kestrel Bay Shipping Vessel", "Kestrel Bay Shipping Vessel Co"),
])
def test_a_ship_word_the_query_reading_dropped_meets_the_listed_word(query: str, listed: str) -> None:
    assert score(query, listed, ORG) >= 0.9


# A title at the head of one name and inside the other (dropped from the first, kept in the second)
# costs nothing: the pair scores as the names without it (before: 0.84, 0.78, 0.84).
@pytest.mark.parametrize(("query", "listed", "bare_query", "bare_listed"), [
    ("Rahimullah Haji Nazar Gul", "Haji Nazar Gul Rahimullah", "Rahimullah Nazar Gul", NAZAR),
    ("Gul Haji Nazar", "Haji Nazar Gul", "Gul Nazar", "Nazar Gul"),
    ("Rahimullah Maulvi Nazar Gul", "Maulvi Nazar Gul Rahimullah", "Rahimullah Nazar Gul", NAZAR),
])
def test_a_title_inside_one_name_and_at_the_head_of_the_other_costs_nothing(
        query: str, listed: str, bare_query: str, bare_listed: str) -> None:
    assert score(query, listed, PERSON) == pytest.approx(score(bare_query, bare_listed, PERSON))
    assert score(listed, query, PERSON) == pytest.approx(score(bare_listed, bare_query, PERSON))


@pytest.mark.parametrize("query", ["M/V Kestrel Dawn tanker", "Oil tanker Kestrel Dawn",
                                   "Kestrel Dawn vessel"])
def test_vessels_still_match_without_their_type_words(query: str) -> None:
    assert score(query, "KESTREL DAWN", VESSEL) >= 0.95


# A title or ship word both names drop is no shared word: the forms that keep it meet only a name
# that does not drop it, so the pair scores as the names without it.
@pytest.mark.parametrize(("query", "listed", "bare_query", "bare_listed", "kind"), [
    ("Haji Ahmad Karimov", "Haji Ahmad Rahimov", "Ahmad Karimov", "Ahmad Rahimov", PERSON),
    ("Sheikh Omar Nasser", "Sheikh Omar Farouk", "Omar Nasser", "Omar Farouk", PERSON),
    ("Dr Ali Hassan", "Dr Ali Hussein", "Ali Hassan", "Ali Hussein", PERSON),
    ("Blue Tanker", "Red Tanker", "Blue", "Red", VESSEL),
])
def test_a_shared_title_or_ship_word_is_no_shared_name(query: str, listed: str, bare_query: str,
                                                       bare_listed: str, kind: EntityKind) -> None:
    found = score(query, listed, kind)
    assert found < DEFAULT_THRESHOLD
    assert found == pytest.approx(score(bare_query, bare_listed, kind))


def test_different_words_beside_a_kept_ship_word_stay_apart() -> None:
    assert score("Meridian Ocean Tanker", "Meridian Coast Tanker Company", ORG) < DEFAULT_THRESHOLD
    assert score("National Iranian Oil", "National Iranian Tanker Company", ORG) < DEFAULT_THRESHOLD


def test_the_kept_reading_is_a_form_beside_the_reading() -> None:
    forms = [f.tokens for f in name_forms("National Iranian Tanker")]
    assert forms == [("national", "iranian"), ("national", "iranian", "tanker")]
    assert [f.tokens for f in name_forms("Nordwind Logistics")] == [("nordwind", "logistics")]


def test_a_kept_reading_adds_no_frequency() -> None:
    """A name with a head title read twice is still one name: the other names' weights are those of
    an index where it is written without the title."""
    listed = org("o1", "National Iranian Tanker Company")
    titled = build_index([listed, person("p1", "Haji Nazar Iranian")])
    bare = build_index([listed, person("p1", "Nazar Iranian")])
    assert len(titled.rec_tokens) == len(bare.rec_tokens) + 1
    assert titled.rec_weights[0] == bare.rec_weights[0]


# An organisation-type abbreviation rigour does not read (NPC, NPP, OKB...), left out, weighs as a
# legal form: it does not sink the organisation's name (before: 0.59, 0.59, 0.59).
@pytest.mark.parametrize(("query", "listed"), [
    ("JSC Kamneftprodukt", "JSC NPC Kamneftprodukt"),
    ("Volgatrans LLC", "OKB Volgatrans LLC"),
    ("AO Sevtekhmash", "AO NPP Sevtekhmash"),
])
def test_a_missing_organisation_type_abbreviation_weighs_little(query: str, listed: str) -> None:
    assert score(query, listed, ORG) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("query", "listed"), [
    ("NPC Kamneftprodukt", "NPC Kamnefttrans"),  # the same type, another organisation
    ("OKB Volgatrans", "NPP Volgatrans LLC"),  # another type stated
    ("Kamneftprodukt", "NPC Kamneftprodukt"),  # a bare name: no organisation's name written
    ("Bank of Chad", "Bank of China"),
    # Dictionary words that say a kind of firm still count: names are made of them.
    ("United Optics Limited", "United Optics Group Company Limited"),
    ("Tavrida LLC", "Tavrida Trading LLC"),
])
def test_organisations_with_other_words_stay_apart(query: str, listed: str) -> None:
    assert score(query, listed, ORG) < DEFAULT_THRESHOLD


def test_a_matched_type_abbreviation_still_carries_a_misspelt_name() -> None:
    assert score("JSC NPC Kamnefprodukt", "JSC NPC Kamneftprodukt", ORG) >= DEFAULT_THRESHOLD


def test_in_a_persons_name_such_a_word_weighs_as_any_other() -> None:
    """A type abbreviation's letters in a person's name are a name: they keep their rarity."""
    listed, weights, other = ("tavrida", "npc", "llc"), (1.0, 0.9, 0.25), ("tavrida", "llc")
    as_firm = org_kinds.optional_weight(listed, weights, {0, 2}, other, {0, 1}, person=False)
    assert as_firm == pytest.approx(0.65)
    assert org_kinds.optional_weight(listed, weights, {0, 2}, other, {0, 1}, person=True) == 0.0
