"""`interdict keys`, `users`, `cases`, `audit verify` on a fresh data directory (SQLite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app

runner = CliRunner()


def test_keys_users_and_audit_verify(interdict_home: Path) -> None:
    created = runner.invoke(app, ["keys", "create", "ops-bot", "--role", "supervisor"])
    assert created.exit_code == 0, created.output
    key = created.output.splitlines()[0]
    assert key.startswith("ik_") and len(key) > 40
    listed = runner.invoke(app, ["users", "list", "--json"])
    assert '"role": "supervisor"' in listed.output and key not in listed.output
    assert runner.invoke(app, ["cases", "list"]).exit_code == 0
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0 and "intact: 2 entries" in ok.output
    db = sqlite3.connect(interdict_home / "cases.sqlite")
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1")
    db.commit()
    db.close()
    broken = runner.invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1 and "entry 1 was altered" in broken.output


def test_bad_role_is_an_input_error(interdict_home: Path) -> None:
    result = runner.invoke(app, ["keys", "create", "x", "--role", "root"])
    assert result.exit_code == 2 and "expected one of analyst" in result.output
