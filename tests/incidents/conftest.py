"""Incident fixtures: the shared DPRK scenarios, the shared tags, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.tracing.sources.ofac import read_ofac_folder
from interdict.tracing.sources.tagpacks import read_tagpack
from interdict.tracing.tags import TagIndex

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """`interdict ARGS` in-process: exit code, stdout, stderr."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="session")
def scenarios(shared_data: Path) -> Path:
    """../shared/data/tracing/scenarios/dprk_scenarios.json (7 documented DPRK cases)."""
    return shared_data / "tracing" / "scenarios" / "dprk_scenarios.json"


@pytest.fixture(scope="session")
def incident_data(test_data: Path) -> Path:
    """tests/data/incidents: hand-made ledgers (see its README)."""
    return test_data / "incidents"


@pytest.fixture(scope="session")
def scenario_tags(shared_data: Path) -> TagIndex:
    """Every shared TagPack and the newer OFAC address lists, parsed once."""
    tracing = shared_data / "tracing"
    idx = TagIndex()
    for pack in sorted((tracing / "graphsense_tagpacks" / "packs").glob("*.yaml")):
        idx.add(read_tagpack(pack))
    idx.add(read_ofac_folder(tracing / "ofac_brave_intl_fork"))
    return idx


@pytest.fixture()
def traced_home(interdict_home: Path, test_data: Path, incident_data: Path) -> Path:
    tracing = test_data / "tracing"
    for path in (tracing / "hand_utxo", tracing / "hand_tags.yaml", tracing / "hand_transfers.csv"):
        code, _, err = run("trace", "load", str(path))
        assert code == 0, err
    for path in (incident_data / "hand_ledger.csv", incident_data / "hand_account.json"):
        assert run("incidents", "load", str(path))[0] == 0
    return interdict_home
