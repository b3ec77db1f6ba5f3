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
