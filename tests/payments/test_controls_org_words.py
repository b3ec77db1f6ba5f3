"""The words that mark an organisation come from screening's legal-form table plus payments' own
organisation words: never fewer than the 58 words once written into the code, and not the table's
legal forms that are also persons' names."""

from __future__ import annotations

import pytest

from interdict.core.payment import Party
from interdict.payments.controls.features import is_individual, org_words
from interdict.screening import tables

# The list that lived in payments/controls/features.py before it read screening's table.
FORMER = frozenset(
    [
        "LTD",
        "LIMITED",
        "INC",
        "CORP",
        "CORPORATION",
        "CO",
        "COMPANY",
        "LLC",
        "LLP",
        "PLC",
        "GMBH",
        "AG",
        "SA",
        "SAS",
        "SARL",
        "SPA",
        "SRL",
        "BV",
        "NV",
        "AB",
        "AS",
        "OY",
        "PTE",
        "PTY",
        "KK",
        "BHD",
        "TBK",
        "JSC",
        "PJSC",
        "OOO",
        "ZAO",
        "OAO",
        "BANK",
        "BANCO",
        "BANQUE",
        "TRUST",
        "FUND",
        "FOUNDATION",
        "ASSOCIATION",
        "INTERNATIONAL",
        "GROUP",
        "HOLDING",
        "HOLDINGS",
        "ENTERPRISES",
        "INDUSTRIES",
        "SERVICES",
        "TRADING",
        "ENGINEERING",
        "TECHNOLOGIES",
        "TECHNOLOGY",
        "SOLUTIONS",
        "UNIVERSITY",
        "MINISTRY",
        "AUTHORITY",
        "AGENCY",
        "GOVERNMENT",
        "CHAMBER",
        "PVT",
    ]
)


def test_the_former_words_are_all_kept() -> None:
    assert len(FORMER) == 58
    assert org_words() >= FORMER


def test_legal_forms_come_from_screenings_table() -> None:
    table = {w.upper() for w in tables.legal_forms()}
    assert {"LTDA", "INCORPORATED", "CJSC", "FZE"} <= table & org_words()  # not in the former list


@pytest.mark.parametrize("name", ["PAT SMITH", "SAL KHAN", "AO WEI", "JORDI PRAT", "ME TOO"])
def test_legal_forms_that_are_names_do_not_make_an_organisation(name: str) -> None:
    assert is_individual(Party("creditor", "59", name=name)) is True


@pytest.mark.parametrize("name", ["ACME LTDA", "GULF TRADING FZE", "NORDIC SHIPPING AB", "ROSNEFT PAO"])
def test_organisations_by_their_legal_form(name: str) -> None:
    assert is_individual(Party("creditor", "59", name=name)) is False
