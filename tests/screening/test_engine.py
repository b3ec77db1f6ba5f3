"""The screening engine on hand-made entities: names, scripts, context, identifiers, explanations."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from interdict.core.entity import EntityKind, Identifier, IdentifierType
from interdict.core.match import Candidate, Query
from interdict.screening import (
    DEFAULT_THRESHOLD,
    AllowEntry,
    AllowList,
    ScreeningIndex,
    screen,
    screen_detailed,
    screen_identifier,
    screen_text,
)


def top(index: ScreeningIndex, name: str, **kw: object) -> Candidate | None:
    found = screen(index, Query(name, **kw))  # type: ignore[arg-type]
    return found[0] if found else None


def keys(cands: list[Candidate]) -> list[str]:
    return [f"{c.list}:{c.list_id}" for c in cands]


@pytest.mark.parametrize("name", ["Pak Jin Hyok", "PARK JIN-HYOK", "Park Jinhyok", "Bak Jin Hyeok",
                                  "박진혁", "Jin Hyok Pak", "Pak Jin Hyk", "Mr. Park\u200b Jin Hyok"])
def test_korean_spellings_find_park_jin_hyok(small_index: ScreeningIndex, name: str) -> None:
    cand = top(small_index, name)
    assert cand is not None and cand.list_id == "P1", name
    assert cand.score >= DEFAULT_THRESHOLD


def test_hangul_explanation_says_how_the_query_was_read(small_index: ScreeningIndex) -> None:
    cand = top(small_index, "박진혁")
    assert cand is not None
    assert cand.query_form == "pak jin hyok"
    assert cand.explanation.query_rule == "hangul romanized"
    assert [t.rule for t in cand.explanation.tokens or ()] == ["exact", "exact", "exact"]


def test_original_script_matches_the_lists_own_form(small_index: ScreeningIndex) -> None:
    cand = top(small_index, "최룡해")
    assert cand is not None and cand.list_id == "P8"
    cyr = top(small_index, "Шевченко Юлия Александровна")
    assert cyr is not None and cyr.list_id == "P6" and cyr.score == pytest.approx(1.0)
    assert cyr.explanation.script in ("original", "latin")


def test_romanization_systems_of_russian_names(small_index: ScreeningIndex) -> None:
    for name in ("Yuliya Shevchenko", "Iuliia Shevchenko", "Yulia Shevchenko"):
        cand = top(small_index, name)
        assert cand is not None and cand.list_id == "P6", name


def test_arabic_name_variants(small_index: ScreeningIndex) -> None:
    cand = top(small_index, "Mohammed Abdulrahman el-Hamidi")
    assert cand is not None and cand.list_id == "P5"
    assert cand.score >= 0.9


def test_weak_alias_scores_lower_and_says_so(small_index: ScreeningIndex) -> None:
    cand = top(small_index, "Abu Karim")
    assert cand is not None and cand.list_id == "P5"
    assert cand.score < 1.0
    assert any(a.feature == "alias_quality" for a in cand.explanation.adjustments or ())


def test_missing_middle_name_and_initials(small_index: ScreeningIndex) -> None:
    full = top(small_index, "John Smithson")
    assert full is not None and full.list_id == "P7" and full.score >= DEFAULT_THRESHOLD
    initials = top(small_index, "J. M. Smithson")
    assert initials is not None and initials.list_id == "P7"
    assert any(t.rule == "initial" for t in initials.explanation.tokens or ())


def test_organisation_legal_forms_are_weak(small_index: ScreeningIndex) -> None:
    for name in ("Korea Mining Development Trading Corp", "Korea Mining Development Trading Company",
                 "Korea Mining Development Trading"):
        cand = top(small_index, name)
        assert cand is not None and cand.list_id == "O1", name
        assert cand.subject_id == "subject-komid"
    assert keys(screen(small_index, Query("Mokran Limited Liability Company"))) == ["test:O5"]


def test_hard_negatives_stay_below_the_threshold(small_index: ScreeningIndex) -> None:
    for name in ("Korea Development Bank", "Kookmin Bank", "Golden Star", "Jupiter Street", "Kim",
                 "Trading Company Limited", "Park Hyun Woo"):
        assert screen(small_index, Query(name)) == [], name


def test_dob_and_country_move_the_score(small_index: ScreeningIndex) -> None:
    plain = top(small_index, "Kim Yong Su")
    same = top(small_index, "Kim Yong Su", dob="1969-02-09", country="KP")
    other = screen_detailed(small_index, Query("Kim Yong Su", dob="1990-05-01"), threshold=0.5).candidates
    assert plain is not None and same is not None and other
    assert same.score >= plain.score
    assert other[0].score < DEFAULT_THRESHOLD < plain.score + 1e-9
    features = {a.feature: a.delta for a in other[0].explanation.adjustments or ()}
    assert features["dob"] < 0


def test_kind_filter(small_index: ScreeningIndex) -> None:
    assert top(small_index, "Jupiter", kind=EntityKind.VESSEL) is not None
    assert top(small_index, "Jupiter", kind=EntityKind.PERSON) is None


def test_pasted_identifiers_are_matched_exactly(small_index: ScreeningIndex) -> None:
    bic = top(small_index, "KDBKKPPY")
    assert bic is not None and bic.list_id == "O2" and bic.score == 1.0
    assert bic.explanation.method == "identifier"
    imo = top(small_index, "IMO 9163180")
    assert imo is not None and imo.list_id == "V1"
    xbt = top(small_index, "BC1QXY2KGDYGJRSQTZQ2N0YRF2493P83KKFJHX0WLH")
    assert xbt is not None and xbt.list_id == "C1"
    assert top(small_index, "1boatslrhtknngkdxeeobr76b53lettpyt") is None  # base58 keeps its case
    eth = screen_identifier(small_index, "0x098b716b8aaf21512996dc57eb0615e2383e2f96")
    assert keys(eth) == ["test:C1"]
    assert keys(screen_identifier(small_index, "AB-123456", IdentifierType.PASSPORT)) == ["test:P7"]
    bic_id = Identifier(IdentifierType.BIC, "KDBKKPPYXXX")
    by_query = screen(small_index, Query("someone", identifiers=(bic_id,)))
    assert keys(by_query) == ["test:O2"]


def test_explanation_lists_features_a_reviewer_can_check(small_index: ScreeningIndex) -> None:
    cand = top(small_index, "Kim Jong Un", dob="1984")
    assert cand is not None and cand.list_id == "P2"
    expl = cand.explanation
    assert expl.method == "name" and expl.matched_name == "KIM Jong Un"
    assert expl.tokens is not None and expl.records_scored is not None
    assert {t.query for t in expl.tokens} == {"kim", "jong", "un"}
    assert all(0 < t.weight <= 1 for t in expl.tokens)
    assert expl.to_dict()["adjustments"] == [{"feature": "dob", "delta": 0.02,
                                              "why": "date of birth 1984 agrees with listed 1984-01-08"}]
    assert 0 < expl.records_scored < 20
    assert cand.to_dict()["score"] == round(cand.score, 4)


def test_results_are_best_first_and_limited(small_index: ScreeningIndex) -> None:
    found = screen(small_index, Query("Korea Bank"), threshold=0.0, limit=3)
    assert len(found) == 3
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert all(0.0 <= c.score <= 1.0 for c in found)


def test_allow_list_suppresses_and_reports(small_index: ScreeningIndex) -> None:
    entry = AllowEntry(query="Jin Hyok PARK", entity_key="test:P1", reason="customer since 1990, verified",
                       author="analyst1", expires="2030-01-01")
    result = screen_detailed(small_index, Query("Pak Jin Hyok"), allow=AllowList([entry]))
    assert "test:P1" not in keys(result.candidates)
    assert [(s.candidate.list_id, s.entry.author) for s in result.suppressed] == [("P1", "analyst1")]
    expired = AllowList([entry], today=date(2031, 1, 1))
    assert keys(screen(small_index, Query("Pak Jin Hyok"), allow=expired))[0] == "test:P1"
    other_query = screen(small_index, Query("Kim Jong Un"), allow=AllowList([entry]))
    assert keys(other_query) == ["test:P2"]


def test_screen_text_finds_listed_names_inside_addresses(small_index: ScreeningIndex) -> None:
    found = screen_text(small_index, "12 JUPITER STREET, LIMASSOL")
    assert keys(found) == ["test:V1"]
    assert found[0].explanation.window == "jupiter"
    assert found[0].explanation.method == "text"
    inside = screen_text(small_index, "payment for Korea Mining Development Trading Corp invoice 7")
    assert "test:O1" in keys(inside)
    assert screen_text(small_index, "12 Main Street, Springfield") == []


def test_index_is_picklable_and_immutable(small_index: ScreeningIndex) -> None:
    copy = pickle.loads(pickle.dumps(small_index))
    assert keys(screen(copy, Query("Pak Jin Hyok"))) == keys(screen(small_index, Query("Pak Jin Hyok")))
    assert len(copy) == len(small_index)
    with pytest.raises(AttributeError):
        small_index.entities = ()  # type: ignore[misc]


def test_threshold_argument(small_index: ScreeningIndex) -> None:
    assert screen(small_index, Query("Korea Development Bank"), threshold=0.5)
    assert not screen(small_index, Query("Korea Development Bank"))


def test_junk_and_huge_inputs_are_cheap_and_match_nothing(small_index: ScreeningIndex) -> None:
    for junk in ("", "   ", "!!!", "\u200b\u200e", "x" * 10_000, "a b " * 3000, "Kim " * 500):
        assert screen(small_index, Query(junk)) == [], junk[:20]
    assert screen_text(small_index, "a b " * 500) == []


def test_chinese_names_in_characters_and_pinyin(small_index: ScreeningIndex) -> None:
    by_chars = top(small_index, "陳偉")
    assert by_chars is not None and by_chars.list_id == "P9" and by_chars.score == pytest.approx(1.0)
    by_pinyin = top(small_index, "Chen Wei")
    assert by_pinyin is not None and by_pinyin.list_id == "P9"
    assert screen(small_index, Query("Chen Weiming")) == []  # another given name, not a middle name
