"""Cost of binding payment decisions (DuckDB) into the keyed audit chain.

Stores `--decisions` decisions in batches of 256 (the pipeline's batch) without and with the audit
sink, then reads them back as repeats (seal check of every row), then compares every stored row with
the chain (what `interdict audit verify` adds). SQLite case store and DuckDB file in a temporary
directory. Prints one JSON object.

    .venv/bin/python benchmarks/audit_decisions.py --decisions 10000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from interdict.cases.audit_external import ChainSink, check_all, duckdb_states  # noqa: E402
from interdict.cases.store import CaseStore  # noqa: E402
from interdict.core.state_sink import StateSink  # noqa: E402
from interdict.core.store import connect  # noqa: E402
from interdict.payments import store  # noqa: E402
from interdict.payments.decisions import Decision, Reason  # noqa: E402

BATCH = 256


def _decisions(prefix: str, n: int) -> list[Decision]:
    why = (Reason("sanctions", "hold", "creditor name matches listed FOREIGN TRADE BANK", {"score": 0.97}),)
    return [
        Decision(f"{prefix}-{i:06d}", None, "pacs.008.001.08", f"batch/{i}.xml", "hold" if i % 50 == 0 else
                 "release", why if i % 50 == 0 else (), ({"role": "creditor", "name": f"PARTY {i}"},),
                 "DEUTDEFF", (("un", 1),))
        for i in range(n)
    ]


def _store_all(conn: object, decisions: list[Decision], sink: StateSink | None) -> float:
    start = time.perf_counter()
    for i in range(0, len(decisions), BATCH):
        batch = [(d, f"REF-{d.message_id}", {"amount": "100.00"}) for d in decisions[i : i + BATCH]]
        store.save_batch(conn, batch, [], sink=sink)  # type: ignore[arg-type]
    return time.perf_counter() - start


def main() -> None:
    """Store, repeat, verify; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--decisions", type=int, default=10_000)
    args = parser.parse_args()
    n = args.decisions
    with tempfile.TemporaryDirectory() as tmp:
        cases = CaseStore(f"sqlite:///{Path(tmp) / 'cases.sqlite'}", data_dir=Path(tmp))
        sink = ChainSink(cases, "bench")
        conn = connect(Path(tmp) / "interdict.duckdb")
        store.ensure_schema(conn)
        plain = _store_all(conn, _decisions("PLAIN", n), None)
        conn.execute("DELETE FROM payment_decisions")
        chained_decisions = _decisions("CHAIN", n)
        chained = _store_all(conn, chained_decisions, sink)
        ids = [d.message_id for d in chained_decisions]
        start = time.perf_counter()
        for i in range(0, n, BATCH):
            store.decided(conn, ids[i : i + BATCH])
        unchecked = time.perf_counter() - start
        start = time.perf_counter()
        repeats = {}
        for i in range(0, n, BATCH):
            repeats.update(store.decided(conn, ids[i : i + BATCH], sink))
        repeat = time.perf_counter() - start
        sealed = sum(1 for d in repeats.values() if d.list_versions == (("un", 1),))
        start = time.perf_counter()
        states = duckdb_states(conn)
        with cases.read() as session:
            problems = check_all(session, states)
        verify = time.perf_counter() - start
        conn.close()
        cases.close()
    print(json.dumps({
        "decisions": n, "batch": BATCH,
        "store_ms_per_decision_without_chain": round(1000 * plain / n, 3),
        "store_ms_per_decision_with_chain": round(1000 * chained / n, 3),
        "repeat_read_ms_per_decision_unchecked": round(1000 * unchecked / n, 3),
        "repeat_read_ms_per_decision_seal_checked": round(1000 * repeat / n, 3), "repeats_sealed": sealed,
        "verify_decisions_s": round(verify, 2), "verify_problems": len(problems),
    }))


if __name__ == "__main__":
    main()
