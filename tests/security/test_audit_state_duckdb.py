"""Issue 11 §3: payment decisions and list loads/activations (DuckDB) are in the keyed audit chain;
`interdict audit verify` checks the DuckDB rows as they are now, and a decision flipped in SQL is
never served again as a repeat."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core import config
from interdict.core.errors import ConflictError
from interdict.payments import store
from interdict.payments.decisions import Decision
from tests.security.messages import pacs008

runner = CliRunner()


def cli(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, list(args))
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    return result.exit_code, lines


def verify() -> tuple[int, str]:
    """Exit code and the problems `audit verify` names, one a line."""
    result = runner.invoke(app, ["audit", "verify", "--json"])
    found = json.loads(result.stdout)
    assert found["ok"] is (result.exit_code == 0)
    return result.exit_code, "\n".join(found["problems"])


def sql(statement: str, params: list[Any] | None = None) -> None:
    conn = duckdb.connect(str(config.database_path()))
    try:
        conn.execute(statement, params or [])
    finally:
        conn.close()


def test_a_hold_flipped_to_release_in_sql_is_named_and_decided_again(
    interdict_home: Path, test_data: Path, tmp_path: Path
) -> None:
    assert cli("lists", "load", str(test_data / "lists/un_v2.xml"))[0] == 0
    listed, clean = tmp_path / "listed.xml", tmp_path / "clean.xml"
    listed.write_bytes(pacs008("TAMPER-HOLD-1", "FOREIGN TRADE BANK"))
    clean.write_bytes(pacs008("TAMPER-OK-1"))
    code, [held] = cli("payments", "screen", str(listed), "--json")
    assert code == 1 and held["decision"] == "hold"
    [fine] = cli("payments", "screen", str(clean), "--json")[1]
    assert fine["decision"] == "release"
    assert cli("payments", "screen", str(listed), "--json")[1][0]["repeat"] is True
    assert verify()[0] == 0

    sql("UPDATE payment_decisions SET decision = 'release' WHERE message_id = ?", [held["message_id"]])
    code, text = verify()
    assert code == 1
    assert f"decision:{held['message_id']} differs from its state in audit entry" in text
    assert fine["message_id"] not in text  # only the changed row is named

    # The flipped row is not served: the message is screened again and held, not a repeat.
    code, [again] = cli("payments", "screen", str(listed), "--json")
    assert code == 1 and again["decision"] == "hold" and again["repeat"] is False
    assert verify()[0] == 0  # the renewed decision is in the chain again
    assert cli("payments", "screen", str(listed), "--json")[1][0]["repeat"] is True


def test_a_forged_or_deleted_decision_is_named(
    interdict_home: Path, test_data: Path, tmp_path: Path
) -> None:
    assert cli("lists", "load", str(test_data / "lists/un_v2.xml"))[0] == 0
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    first.write_bytes(pacs008("FORGE-A"))
    second.write_bytes(pacs008("FORGE-B"))
    code, (a, b) = cli("payments", "screen", str(first), str(second), "--json")
    assert code == 0
    # A row copied under another id, seal included, and a row deleted.
    sql("INSERT INTO payment_decisions SELECT * REPLACE ('FORGED-ID' AS message_id)"
        " FROM payment_decisions WHERE message_id = ?", [a["message_id"]])
    sql("DELETE FROM payment_decisions WHERE message_id = ?", [b["message_id"]])
    code, text = verify()
    assert code == 1
    assert "decision:FORGED-ID is not in the audit chain" in text
    assert f"decision:{b['message_id']} (audit entry" in text and "deleted outside Interdict" in text
    assert a["message_id"] not in text


def test_the_active_list_pointer_and_events_changed_in_sql_are_named(
    interdict_home: Path, test_data: Path
) -> None:
    assert cli("lists", "load", str(test_data / "lists/un_v1.xml"))[0] == 0
    assert cli("lists", "load", str(test_data / "lists/un_v2.xml"))[0] == 0
    assert runner.invoke(app, ["lists", "activate", "un", "1", "--reason", "rollback"]).exit_code == 0
    assert verify()[0] == 0  # loads and an activation through Interdict are all in the chain

    sql("UPDATE list_active SET version = 2 WHERE list = 'un'")
    code, text = verify()
    assert code == 1 and "listactive:un differs from its state in audit entry" in text

    sql("UPDATE list_active SET version = 1 WHERE list = 'un'")  # put back: intact again
    assert verify()[0] == 0
    sql("UPDATE list_events SET actor = 'someone else' WHERE action = 'activate'")
    sql("UPDATE list_versions SET entity_count = 9 WHERE version = 2")
    code, text = verify()
    assert code == 1
    assert "listevent:3 differs" in text and "listversion:un:2 differs" in text
    assert "listevent:1" not in text and "listversion:un:1" not in text


class _BrokenChain:
    """A sink whose chain cannot be written (the case store is down)."""

    def record(self, kind: str, records: Mapping[str, Mapping[str, Any]]) -> None:
        raise ConflictError(f"the case store is not reachable ({len(records)} {kind} records)")

    def seal(self, text: str) -> str:
        raise AssertionError("nothing is sealed before it is recorded")

    def sealed(self, text: str, seal: str | None) -> bool:
        return False


def test_a_decision_the_chain_cannot_record_is_not_stored() -> None:
    conn = duckdb.connect(":memory:")
    store.ensure_schema(conn)
    decision = Decision("MSG-1", None, "pacs.008.001.08", "a.xml", "release", (), list_versions=(("un", 1),))
    with pytest.raises(ConflictError):
        store.save_batch(conn, [(decision, "REF-1", None)], [], sink=_BrokenChain())
    assert store.decided(conn, ["MSG-1"]) == {}  # rolled back: no decision outside the chain


def test_a_listed_entry_deleted_in_sql_is_named(interdict_home: Path, test_data: Path) -> None:
    assert cli("lists", "load", str(test_data / "lists/un_v1.xml"))[0] == 0
    assert cli("lists", "load", str(test_data / "lists/un_v2.xml"))[0] == 0
    assert verify()[0] == 0
    sql("DELETE FROM list_entities WHERE version = 2 AND data LIKE '%FOREIGN TRADE BANK%'")
    code, text = verify()
    assert code == 1 and "listversion:un:2 differs" in text and "listversion:un:1" not in text
