"""Issue 11 §6: every goAML export validates against the UNODC goAML 5.0.1 schema (XSD 1.1), and the
reporting entity's id, branch and reporting user are configurable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import xmlschema
from lxml import etree
from typer.testing import CliRunner

from interdict.cases import alerts
from interdict.cases.exports import case_goaml
from interdict.cases.store import CaseStore
from interdict.core import config
from interdict.core.errors import InputError
from tests.cases import conftest as cases_conftest
from tests.cases.conftest import case_of
from tests.cases.samples import QUERY, candidate, entity, payment_decision, taint_result

store = cases_conftest.store  # the case store on SQLite and PostgreSQL


@pytest.fixture(scope="session")
def goaml_schema() -> Any:
    """The goAML 5.0.1 schema from the shared data folder (present in CI)."""
    shared = config.shared_data_dir()
    path = shared / "reports" / "goaml" / "goAMLSchema.xsd" if shared else None
    if path is None or not path.is_file():
        pytest.skip("the shared goAML schema is not here (/work/shared/data/reports/goaml)")
    return xmlschema.XMLSchema11(str(path))




def _cases(store: CaseStore) -> dict[str, dict[str, Any]]:
    paid = payment_decision("MT103-77")
    paid["parties"] = [
        {"role": "ordering_customer", "name": "BANGLADESH BANK", "country": "BD"},
        {"role": "beneficiary", "name": "JUPITER TRADING " * 30, "country": "XX"},
    ]
    bare = payment_decision("MT103-78")
    bare.update(amount=None, parties=[], uetr=None)
    person = entity()
    person.update(birth_dates=["1660", "1984-13-40", "1984-01-08"], nationalities=["kp", "zz", "KP"])
    person["identifiers"] = [
        {"type": "passport", "value": "PD-745", "country": "kp", "currency": None, "note": None},
        {"type": "national_id", "value": "123", "country": None, "currency": None, "note": None},
    ]
    org = entity()
    org.update(kind="organization", nationalities=["su"], gender=None)
    result = taint_result()
    return {
        "payment": case_of(store, alerts.from_payment_decision(paid)),
        "bare payment": case_of(store, alerts.from_payment_decision(bare)),
        "person": case_of(store, alerts.from_candidate(candidate(), QUERY, person)),
        "organisation": case_of(
            store, alerts.from_candidate(candidate(subject="s:org", list_id="O1"), QUERY, org)
        ),
        "no entity": case_of(store, alerts.from_candidate(candidate(subject="s:none", list_id="N1"), QUERY)),
        "trace": case_of(store, alerts.from_trace_exit(result, result["exits"][0])),
    }


def test_every_export_validates_with_default_settings(store: CaseStore, goaml_schema: Any) -> None:
    for kind, case in _cases(store).items():
        xml = case_goaml(case)
        errors = [f"{e.path}: {e.reason}" for e in goaml_schema.iter_errors(xml.decode())]
        assert errors == [], (kind, errors)


def test_configured_entity_branch_and_user(
    store: CaseStore, goaml_schema: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERDICT_GOAML_RENTITY_ID", "4321")
    monkeypatch.setenv("INTERDICT_GOAML_BRANCH", "Dhaka main branch")
    monkeypatch.setenv("INTERDICT_GOAML_REPORTING_USER", "JDOE01")
    monkeypatch.setenv("INTERDICT_GOAML_COUNTRY", "bd")
    for case in _cases(store).values():
        xml = case_goaml(case)
        assert list(goaml_schema.iter_errors(xml.decode())) == []
        root = etree.fromstring(xml)
        assert root.findtext("rentity_id") == "4321"
        assert root.findtext("rentity_branch") == "Dhaka main branch"
        assert root.findtext("reporting_user_code") == "JDOE01" and root.find("reporting_person") is None
        assert root.findtext("location/country_code") == "BD"


def test_the_exporting_user_is_the_reporting_person_by_default(store: CaseStore, goaml_schema: Any) -> None:
    from interdict.cases.exports.goaml_settings import GoamlSettings

    case = _cases(store)["person"]
    root = etree.fromstring(case_goaml(case, GoamlSettings(rentity_id=9), reporter="Sue Smith"))
    assert root.findtext("reporting_person/first_name") == "Sue"
    assert root.findtext("reporting_person/last_name") == "Smith"
    assert root.findtext("rentity_id") == "9"


def test_settings_the_schema_would_refuse_are_refused() -> None:
    from interdict.cases.exports.goaml_settings import GoamlSettings

    with pytest.raises(InputError, match="rentity_id"):
        GoamlSettings(rentity_id=0).check()
    with pytest.raises(InputError, match="reporting_user"):
        GoamlSettings(reporting_user="abc").check()


def test_an_invalid_export_never_leaves(store: CaseStore, goaml_schema: Any) -> None:
    """An indicator code the FIU's schema does not list makes the export fail, not a bad report."""
    from interdict.cases.exports.goaml_settings import GoamlSettings

    case = _cases(store)["payment"]
    with pytest.raises(InputError, match="does not validate"):
        case_goaml(case, GoamlSettings(indicators=("SANC",)))


def test_cli_options_set_the_reporting_entity(tmp_path: Path, goaml_schema: Any) -> None:
    from interdict.cli import app

    home = tmp_path / "home"
    cases = CaseStore(f"sqlite:///{home / 'cases.sqlite'}", data_dir=home)
    try:
        case_id = _cases(cases)["payment"]["id"]
    finally:
        cases.close()
    args = ["cases", "export", str(case_id), "--format", "goaml", "--rentity-id", "77", "--branch", "Manila"]
    r = CliRunner().invoke(app, [*args, "--reporting-user", "AUDIT01"], env={"INTERDICT_HOME": str(home)})
    assert r.exit_code == 0, r.output
    xml = r.stdout[r.stdout.index("<?xml") :]
    assert list(goaml_schema.iter_errors(xml)) == []
    root = etree.fromstring(xml.encode())
    assert (root.findtext("rentity_id"), root.findtext("rentity_branch")) == ("77", "Manila")
    assert root.findtext("reporting_user_code") == "AUDIT01"
