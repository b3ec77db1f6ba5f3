"""Incident ledger speed (issue 17): load, tally and report for generated incidents, and
`incidents trace` on the shared data.

    PYTHONPATH=. .venv/bin/python benchmarks/incidents.py [--incidents 10000] [--traces 200]

Part 1 generates N incidents (seeded: dates 2016-2025, actors, chains, amounts, USD for 60 %),
loads them through the service (`incidents load`: read, check, version, audit chain) into a fresh
data directory, gives half of them a stored trace summary (random split over exchange, mixer,
bridge, unspent, left the data), then times `tally` by each grouping and the HTML report.
Part 2 loads the whole 2009 Bitcoin history and the shared TagPacks, loads the 7 shared DPRK
scenarios (whose addresses the shared ledgers do not hold: each trace answers "not in the loaded
data") and `--traces` incidents whose theft address is a real 2009 address that spent its coins,
and times `incidents trace` per incident: through the service (reads the ledgers from the store,
walks, stores the result) and the walk alone on a ledger already in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ACTORS = [("Lazarus Group", 0.55), ("Andariel", 0.1), ("Kimsuky", 0.05), ("TraderTraitor", 0.15),
          ("unknown", 0.15)]
# chain, unit, typical amount, USD per unit
CHAINS = [("BTC", "BTC", 50.0, 30000.0), ("ETH", "ETH", 5000.0, 2000.0), ("SWIFT", "USD", 5e6, 1.0),
          ("Tron", "USDT", 3e6, 1.0)]
T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """The result and the wall time in seconds."""
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def generated(n: int, seed: int = 17) -> list[dict[str, Any]]:
    """N incidents in the documented JSON format."""
    rng = random.Random(seed)
    names, weights = zip(*ACTORS, strict=True)
    out = []
    for i in range(n):
        day = f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        chain, unit, scale, price = rng.choice(CHAINS)
        actor = rng.choices(names, weights)[0]
        amount = round(rng.lognormvariate(0, 1.5) * scale / 10, 4)
        item: dict[str, Any] = {
            "id": f"gen{i:05d}", "name": f"Generated incident {i}", "date": day, "chain": chain,
            "amount": amount, "unit": unit, "sources": [f"https://example.org/incident/{i}"],
            "theft_addresses": [{"address": f"gen-theft-{i}", "role": "generated"}],
        }
        if actor != "unknown":
            item["actors"] = [{"name": actor, "source": "generated", "confidence": "high"}]
        if unit == "USD" or rng.random() < 0.6:
            item["amount_usd"] = round(amount * price * rng.uniform(0.5, 1.5), 2)
            item["amount_usd_source"] = "generated"
        out.append(item)
    return out


def trace_summary(rng: random.Random, asset: str) -> dict[str, Any]:
    """A stored trace's shape with a random split of the traced value."""
    cuts = sorted(rng.random() for _ in range(4))
    parts = [b - a for a, b in zip([0.0, *cuts], [*cuts, 1.0], strict=True)]
    value = rng.uniform(1, 1000)
    v = [f"{value * p:.8f}" for p in parts]
    return {"policy": "haircut", "status": "traced", "sources": [], "missing": [], "receivers": 0,
            "assets": [{
        "asset": asset, "decimals": 8, "source_value": f"{value:.8f}",
        "exits": {"exchange": v[0], "mixer": v[1], "bridge": v[2]}, "exit_addresses": [],
        "unspent": v[3], "left_data": v[4], "cut_off": "0", "fees": "0", "mixed_in": "0",
        "balanced": True, "receivers": 0}]}


def part_ledger(n: int, out_dir: Path) -> dict[str, Any]:
    from interdict.core.store import connect
    from interdict.incidents.store import IncidentStore
    from interdict.services import incidents as svc

    path = out_dir / "generated.json"
    path.write_text(json.dumps(generated(n)), encoding="utf-8")
    loaded, t_load = timed(lambda: svc.load_file(path))
    rng = random.Random(5)
    conn = connect()
    store = IncidentStore(conn)  # summaries stored directly (no walk): the tally and report read them
    for v in store.latest()[::2]:
        summary = trace_summary(rng, v.incident.chain)
        store.add_trace(v.incident.id, v.version, "haircut", summary, "bench", [])
    conn.close()
    figures: dict[str, Any] = {"incidents": len(loaded.outcome), "load_s": round(t_load, 2)}
    _, figures["read_state_s"] = timed(svc.ledger_state)
    for by in ("actor", "chain", "exit", "quarter"):
        _, secs = timed(lambda by=by: svc.tally_incidents(by))
        figures[f"tally_{by}_s"] = round(secs, 3)
    page, secs = timed(svc.report_page)
    (out_dir / "report.html").write_text(page, encoding="utf-8")
    figures["report_s"] = round(secs, 2)
    figures["report_bytes"] = len(page.encode())
    return figures


def part_trace(count: int, out_dir: Path) -> dict[str, Any]:
    import numpy as np

    from interdict.core.store import connect
    from interdict.incidents.trace import trace_incident as walk
    from interdict.services import incidents as svc
    from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
    from interdict.tracing.sources.recognise import load_path
    from interdict.tracing.store import open_ledger

    tracing = SHARED / "tracing"
    conn = connect()
    _, t_ledger = timed(lambda: [load_path(conn, p, lambda _: None) for p in (
        tracing / "taintedtx_2009", tracing / "graphsense_tagpacks" / "packs")])
    conn.close()
    svc.load_file(tracing / "scenarios" / "dprk_scenarios.json")
    conn = connect()
    led = open_ledger(conn)
    conn.close()
    g = led.utxo
    assert g is not None
    rng = np.random.default_rng(3)
    spent = np.flatnonzero(g.out_spent >= 0)
    picks = sorted({g.addresses[int(g.out_addr[o])] for o in rng.choice(spent, count * 2, replace=False)})
    picks = picks[:count]
    items = [{"id": f"h2009-{k:04d}", "name": f"2009 address {a}", "date": "2009-06-01", "chain": "BTC",
              "theft_addresses": [a]} for k, a in enumerate(picks)]
    path = out_dir / "from2009.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    svc.load_file(path)
    scenario_ids = [v.incident.id for v in svc.list_incidents() if not v.incident.id.startswith("h2009-")]
    service_s = [timed(lambda i=i: svc.trace_incident(svc.TraceRequest(i)))[1] for i in scenario_ids]
    walked = [timed(lambda i=i: svc.trace_incident(svc.TraceRequest(i["id"])))[1] for i in items[:5]]
    ids = [i["id"] for i in items]
    batch, t_batch = timed(lambda: svc.trace_incidents(ids, svc.TraceRequest(ids[0])))
    versions = {v.incident.id: v.incident for v in svc.list_incidents()}
    engine = []
    receivers = []
    for i in items:
        res, secs = timed(lambda i=i: walk(led, versions[i["id"]], TaintPolicy.HAIRCUT, Cutoffs()))
        engine.append(secs)
        receivers.append(len(res.receivers))
    return {
        "ledger_load_s": round(t_ledger, 1), "ledger_txs": g.n_tx,
        "scenarios_traced_via_service_ms_median": round(statistics.median(service_s) * 1000),
        "incidents_2009_one_by_one_via_service_ms_median": round(statistics.median(walked) * 1000),
        "incidents_2009_batch_via_service_ms_per_incident": round(t_batch / len(ids) * 1000, 1),
        "incidents_2009_batch_traced": sum(b.result["status"] == "traced" for b in batch),
        "incidents_2009_walk_only_ms_median": round(statistics.median(engine) * 1000, 2),
        "incidents_2009_walk_only_ms_p95": round(sorted(engine)[int(0.95 * len(engine))] * 1000, 2),
        "incidents_2009": len(items), "receivers_median": statistics.median(receivers),
        "receivers_max": max(receivers),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--incidents", type=int, default=10_000)
    ap.add_argument("--traces", type=int, default=200)
    ap.add_argument("--keep", type=Path, help="Write the generated report here.")
    ap.add_argument("--no-trace", action="store_true", help="Part 1 only.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ["INTERDICT_HOME"] = str(base / "ledger")
        ledger = part_ledger(args.incidents, base)
        if args.keep:
            args.keep.write_bytes((base / "report.html").read_bytes())
        os.environ["INTERDICT_HOME"] = str(base / "trace")
        trace = {} if args.no_trace else part_trace(args.traces, base)
    json.dump({"ledger": ledger, "trace": trace}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
