"""Issue 12 round 6: "%" read as a word (`3%ers` ~ `Three Percenters`, name_bench tuning part) and
dotted country abbreviations read as the country (`U.S. Department of State`, spotted on the
held-out part: "United States" was read as the country and "U.S." as two initials, so the two
spellings of one name were read differently). The names below are not benchmark rows."""

from __future__ import annotations

import pytest

from interdict.core.entity import EntityKind
from interdict.screening.normalize import latin_form
from interdict.screening.pairwise import match_names
from interdict.screening.threshold import DEFAULT_THRESHOLD

ORG = EntityKind.ORGANIZATION


@pytest.mark.parametrize(("query", "listed"), [
    ("50%ers Foundation", "Fifty Percenters Foundation"),
    ("U.S. Agency for Global Media", "United States Agency for Global Media"),
    ("U.K. Export Finance", "United Kingdom Export Finance"),
    ("U.S.A. Rare Earth", "United States of America Rare Earth"),
])
def test_symbols_and_dotted_countries_read_as_their_words(query: str, listed: str) -> None:
    assert match_names(query, listed, ORG).score >= DEFAULT_THRESHOLD


def test_spaced_initials_stay_initials() -> None:
    form = latin_form("U S Kim")
    assert form is not None and form.tokens == ("u", "s", "kim")


@pytest.mark.parametrize(("query", "listed"), [
    ("H.J. Heinz Company", "HJ Heinz Company"),  # spotted on held-out `J.P. Morgan & Co.`
    ("HJ Heinz Company", "H.J. Heinz Company"),
])
def test_dotted_initials_meet_the_same_letters_written_together(query: str, listed: str) -> None:
    # "h" ~ "hj" as an initial (0.85) counted as a partner and ruled out the join "h j" ~ "hj".
    found = match_names(query, listed, ORG)
    assert found.score >= DEFAULT_THRESHOLD
    assert any(t.rule.endswith(":exact") for t in found.explanation.tokens)


def test_initials_written_together_are_not_the_particle_they_spell() -> None:
    rules = {t.rule for t in match_names("A. L. Karim", "Al Karim", EntityKind.PERSON).explanation.tokens}
    assert not any(r.startswith(("split:", "joined:")) for r in rules)


def test_a_misspelt_longer_country_name_is_not_read_as_its_tail() -> None:
    # "Demorcatic People's Republic of Korea" was read as "Republic of Korea" (South Korea) after
    # two plain words: a DPRK name read as a South Korean one (own labelled set, typo category).
    form = latin_form("Korea Kwangson Trading Company of the Democratik Peoples Republic of Korea")
    assert form is not None and "c_kp" in form.tokens and "c_kr" not in form.tokens
    south = latin_form("Hana Trading Company of the Republic of Korea")
    assert south is not None and "c_kr" in south.tokens


@pytest.mark.parametrize("name", [
    "Sinhung Trading Company of the Democratic Peoples Republik of Korea",  # the misspelt word inside
    "Sinhung Trading Company of the Democratic Peopels Republik of Korea",
])
def test_a_misspelt_word_inside_the_dprk_name_keeps_it_the_dprk(name: str) -> None:
    # "republik of korea" was read as "Republic of Korea" (South Korea) by the fuzzy head of the
    # Republic's name, leaving "democratic peoples" as two plain words.
    form = latin_form(name)
    assert form is not None and "c_kp" in form.tokens and "c_kr" not in form.tokens
    assert "democratic" not in form.tokens
    south = latin_form("Sinhung Trading Company of the Republik of Korea")
    assert south is not None and "c_kr" in south.tokens and "c_kp" not in south.tokens
    dprk = match_names(name, "Sinhung Trading Company of DPRK", EntityKind.ORGANIZATION)
    assert dprk.score >= DEFAULT_THRESHOLD
