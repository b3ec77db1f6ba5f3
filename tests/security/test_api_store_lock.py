"""Issue 11 §5: the server takes the store's write lock only while it decides a payment request,
and a store held by another process (a list load) gives a clear conflict, never a decision on
versions it could not confirm, nor a 500."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.api.servers import load_lists, running
from tests.cases.dbs import make_store
from tests.security.messages import pacs008
from tests.security.test_api_stale_lists import lists_load

HOLD_LOCK = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.close()
"""


def test_a_store_locked_by_another_process_is_a_conflict(
    tmp_path: Path, test_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("INTERDICT_HOME", str(home))
    load_lists(home, [test_data / "lists/un_v1.xml"])
    with (
        make_store("sqlite", tmp_path) as store,
        running(store, None) as srv,  # type: ignore[arg-type]
        srv.client("alice") as c,
    ):
        ok = c.post("/v1/payments/screen", content=pacs008("LOCK-1"), params={"alert": "false"})
        assert ok.status_code == 200, ok.text
        # The server does not keep the store: another process can write it right after a request.
        lists_load(home, test_data / "lists/un_v2.xml")

        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(home / "interdict.duckdb"), "8"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            t0 = time.monotonic()
            r = c.post("/v1/payments/screen", content=pacs008("LOCK-2"), params={"alert": "false"})
            waited = time.monotonic() - t0
        finally:
            holder.wait(timeout=30)
    assert r.status_code == 409, r.text
    assert (
        "being written by another process" in r.json()["detail"]
        and "nothing was decided" in r.json()["detail"]
    )
    assert 4.5 <= waited < 8  # waited a while for the store, then gave up
