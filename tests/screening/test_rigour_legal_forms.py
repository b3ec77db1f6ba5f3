"""Legal forms from rigour's org-type table, not only our short list: a short form rigour
produces (Estonian OÜ, Latvian SIA, Finnish Oy, Hungarian Zrt, Norwegian AS...) is read as a legal
form at the head or end of an organisation's name (`legal_families.edge_form`, `normalize._edge_reading`),
beside the name as written; a person's name, a name of Chinese syllables and a word inside a name
keep their words. The names are made up: no row of any benchmark set."""

from __future__ import annotations

import pytest

from interdict.core.entity import EntityKind
from interdict.screening import legal_families
from interdict.screening.normalize import listed_name_forms, name_forms
from interdict.screening.pairwise import match_names
from interdict.screening.threshold import DEFAULT_THRESHOLD
from tests.screening.test_defects_names import pair_score

ORG, PERSON, UNKNOWN = EntityKind.ORGANIZATION, EntityKind.PERSON, EntityKind.UNKNOWN


@pytest.mark.parametrize(("word", "generic"), [
    ("sia", "llc"), ("uab", "llc"), ("oy", "llc"), ("aps", "llc"), ("doo", "llc"), ("ood", "llc"),
    ("shpk", "llc"), ("ug", "llc"), ("as", "jsc"), ("zrt", "jsc"), ("nyrt", "jsc"), ("ad", "jsc"),
    ("kg", "lp"), ("bt", "lp"), ("ohg", "gp"),
    ("ou", "llc"), ("eood", "llc"), ("ead", "jsc"),  # our rows: forms rigour does not give so
])
def test_rigours_short_forms_read_as_their_generic_form(word: str, generic: str) -> None:
    assert legal_families.edge_form(word) == generic


@pytest.mark.parametrize("word", ["ii", "im", "rf", "is", "ep", "ab", "gold", "trading", "ashes"])
def test_other_words_are_no_edge_form(word: str) -> None:
    # "II" (a sole proprietor to rigour) is a Roman numeral, "RF" the Russian Federation, "im." "named
    # after"; "AB" rigour gives no generic form.
    assert legal_families.edge_form(word) is None


def test_an_estonian_ou_is_the_firm_without_it() -> None:
    # An OÜ left over weighs as an LLC left over: a legal form, not a second name word.
    for query, listed in [("Kvarvik Solutions", "Kvarvik Solutions"), ("Tellvaro", "Tellvaro")]:
        with_llc = match_names(f"{query} LLC", listed, ORG).score
        assert match_names(f"{query} OÜ", listed, ORG).score == pytest.approx(with_llc, abs=0.005)
        assert with_llc >= DEFAULT_THRESHOLD
    with_llc = pair_score("Tellvaro LLC", "Tellvaro", ORG)
    assert pair_score("Tellvaro OÜ", "Tellvaro", ORG) == pytest.approx(with_llc)


@pytest.mark.parametrize("form", ["SIA", "UAB", "Oy", "ApS", "d.o.o.", "OOD", "EOOD", "Shpk"])
def test_a_limited_company_in_another_language_is_the_llc(form: str) -> None:
    assert match_names(f"Brevinor Logistika {form}", "Brevinor Logistika LLC", ORG).score >= 0.95


def test_a_joint_stock_form_contradicts_a_limited_one() -> None:
    # Hungarian Zrt is joint-stock, GmbH limited: two legal persons (`legal_families.contradict`);
    # an AG is the Zrt translated.
    against_gmbh = match_names("Halvdan Marine Zrt", "Halvdan Marine GmbH", ORG).score
    against_ag = match_names("Halvdan Marine Zrt", "Halvdan Marine AG", ORG).score
    assert against_gmbh < DEFAULT_THRESHOLD <= against_ag


@pytest.mark.parametrize("word", ["Ab", "Ad", "Kg", "As", "Oy", "Sia", "Sad"])
def test_a_person_keeps_a_word_rigour_reads_as_a_legal_form(word: str) -> None:
    """Listed as a person or of unknown kind, screened with and without a kind: the word costs what
    any other word of its length costs ("Zu"; "Zor" for three letters), as a name."""
    # "Ad" and "As" the variant table reads as the Arabic article ("as-Sayyid"), as before.
    control = "Al" if word in ("Ad", "As") else "Zu" if len(word) == 2 else "Zor"
    for kind in (PERSON, UNKNOWN):
        for query, listed in [("Omar Velasquez", "Omar Velasquez {}"), ("{} Velasquez", "Velasquez"),
                              ("Velasquez {}", "Velasquez")]:
            expected = pair_score(query.format(control), listed.format(control), kind)
            got = pair_score(query.format(word), listed.format(word), kind)
            assert got == pytest.approx(expected, abs=0.005)
    expected = match_names(f"Omar Velasquez {control}", "Omar Velasquez", PERSON).score
    got = match_names(f"Omar Velasquez {word}", "Omar Velasquez", PERSON).score
    assert got == pytest.approx(expected, abs=0.005)


def test_a_persons_listed_name_has_no_legal_reading() -> None:
    assert any(f.organisation for f in listed_name_forms("Omar Velasquez Sad"))  # read for orgs...
    control = pair_score("Omar Velasquez LLC", "Omar Velasquez Zor", PERSON)
    assert pair_score("Omar Velasquez LLC", "Omar Velasquez Sad", PERSON) == pytest.approx(control, abs=0.005)


@pytest.mark.parametrize("name", ["Zhang Wei Yu", "Liang Sha", "Ou Yang", "Kim Se"])
def test_a_name_of_chinese_or_korean_syllables_keeps_its_words(name: str) -> None:
    assert not any(f.organisation for f in name_forms(name))


def test_a_word_inside_a_name_is_no_legal_form() -> None:
    forms = name_forms("Ashes As Gold")
    assert not any(f.organisation for f in forms)
    assert len(forms) == 1 and len(forms[0].tokens) == 3
    control = match_names("Ashes Gold", "Ashes Zu Gold", ORG).score
    assert match_names("Ashes Gold", "Ashes Oy Gold", ORG).score == pytest.approx(control, abs=0.005)
    assert control < DEFAULT_THRESHOLD


@pytest.mark.parametrize(("name", "alone"), [("Kestrel Tekstil Limited Sirketi", "Kestrel Tekstil Sirketi"),
                                             ("Norden Stahl GmbH & Co. KG", "Norden Stahl KG")])
def test_the_end_of_a_longer_legal_form_is_not_read_again(name: str, alone: str) -> None:
    # "Şti" after "Ltd" and "KG" after "GmbH & Co" end a form our table already read; alone they
    # are the legal form.
    assert not any(f.organisation for f in listed_name_forms(name))
    assert any(f.organisation for f in listed_name_forms(alone))


def test_free_text_reads_the_legal_form_for_organisations_only() -> None:
    from interdict.core.entity import Entity, Name
    from interdict.screening import build_index, screen_text

    # Listed with "JSC" (a rare word on this index): the text's "Zrt" read as "jsc" would meet it.
    person = Entity(list="t", list_id="person", kind=PERSON, names=(Name("Omar Velasquez JSC"),))
    index = build_index([Entity(list="t", list_id="org", kind=ORG, names=(Name("Tellvaro Marine"),)), person])
    assert [c.list_id for c in screen_text(index, "paid to Tellvaro Marine Zrt")] == ["org"]
    assert screen_text(index, "paid to Omar Velasquez Zrt") == []
