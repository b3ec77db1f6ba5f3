"""Issue 12 §2: identifiers stated only in list remarks are extracted, and pasted identifiers match
in the forms people type them (real UN and OFAC SDN lists)."""

from __future__ import annotations

import pytest

from interdict.core.entity import IdentifierType
from interdict.core.match import Query
from interdict.lists.parsed import ParsedList
from interdict.screening import ScreeningIndex, screen, screen_identifier


def _ids(parsed: ParsedList, kind: IdentifierType) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for entity in parsed.entities:
        for ident in entity.identifiers:
            if ident.type == kind:
                out.setdefault(ident.value, set()).add(entity.list_id)
    return out


def test_un_comments_give_swift_bic_and_imo_numbers(un_parsed: ParsedList) -> None:
    bics = _ids(un_parsed, IdentifierType.BIC)
    assert {"KDBKKPPY", "KUDBKPPY", "FTBDKPPY", "DCBKKPPY", "ILSIKPPY"} <= set(bics)
    imos = _ids(un_parsed, IdentifierType.IMO)
    assert {"5988369", "1790183", "5434358"} <= set(imos)


@pytest.mark.parametrize("typed", ["IMO No. {n}", "IMO{n}", "IMO number: {n}", "IMO# {n}", "imo {n}"])
def test_pasted_imo_numbers_as_typed(real_index: ScreeningIndex, ofac_sdn_parsed: ParsedList,
                                     typed: str) -> None:
    imos = _ids(ofac_sdn_parsed, IdentifierType.IMO)
    number = next(v for v in sorted(imos) if v.isdigit() and len(v) == 7)
    found = {c.list_id for c in screen(real_index, Query(typed.format(n=number)))}
    assert imos[number] <= found


@pytest.mark.parametrize("typed", ["KDBKKPPY", "KDBK KP PY", "KDBKKPPYXXX", "kdbk kp py xxx"])
def test_pasted_bic_as_typed_finds_the_un_entry(real_index: ScreeningIndex, typed: str) -> None:
    found = {f"{c.list}:{c.list_id}" for c in screen_identifier(real_index, typed)}
    assert any(key.startswith("un:") for key in found)
