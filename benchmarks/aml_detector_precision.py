"""Each typology detector's own precision on HI-Small's real attempts injected into generated
background (`synthetic/aml_background.py`): tuning evidence that is not the AMLSim evaluation run.

Per profile and detector: alerts; alerts with at least one laundering transfer, and with at least
half of their transfers laundering; transfer precision (alert transfers that are laundering);
account precision (accounts named by alerts that are an end of some laundering transfer: the
account-level measure of `benchmarks/aml_eval.py`); and the families of the attempts hit. The
background's look-alikes (payroll fan-outs, merchants' fan-ins, suppliers, friends paying back)
are what a detector's false alerts come from here.

    PYTHONPATH=. .venv/bin/python benchmarks/aml_detector_precision.py --scale 0.5 [--profiles default amlsim]
        [--typologies bipartite mule_chain] [--bipartite-routine 2]

`--bipartite-routine N` sets the bipartite detector's `routine_outside` to N on top of each profile
(to measure that guard where the profile does not set it; 0 turns it off).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dataclasses import replace  # noqa: E402

from interdict.aml.alert import TypologyAlert  # noqa: E402
from interdict.aml.detectors.bipartite import BipartiteParams  # noqa: E402
from interdict.aml.profiles import profile  # noqa: E402
from interdict.aml.scan import scan  # noqa: E402
from synthetic.aml_background import Benchmark, LazyIds, generate  # noqa: E402


def positions(bench: Benchmark) -> np.ndarray:
    """Transfer id -> row, inverted from the generator's lazy ids (a dict of millions of strings is
    avoided: ids are `synthetic:n`, n = the row before sorting by time, plus one)."""
    tx = bench.table.tx
    assert isinstance(tx, LazyIds)
    inverse = np.empty(len(tx), dtype=np.int64)
    inverse[tx.numbers - 1] = np.arange(len(tx))
    return inverse


def _rows(alert: TypologyAlert, inverse: np.ndarray) -> np.ndarray:
    return inverse[np.array([int(t.split(":", 1)[1]) - 1 for t in alert.transactions], dtype=np.int64)]


def detector_figures(bench: Benchmark, alerts: list[TypologyAlert]) -> dict[str, dict[str, object]]:
    """Per typology: alert-, transfer- and account-level precision against the attempts."""
    table, attempt = bench.table, bench.attempt
    inverse = positions(bench)
    bad = attempt >= 0
    true_account = np.zeros(table.n_accounts, dtype=bool)
    true_account[table.src[bad]] = True
    true_account[table.dst[bad]] = True
    index = table.account_index
    out: dict[str, dict[str, object]] = {}
    for name in sorted({a.typology for a in alerts}):
        mine = [a for a in alerts if a.typology == name]
        rows = [_rows(a, inverse) for a in mine]
        hit = [float(bad[r].mean()) for r in rows]
        every = np.unique(np.concatenate(rows))
        accounts = np.array(sorted({index[x] for a in mine for x in a.accounts}), dtype=np.int64)
        families = Counter(str(bench.family[r[bad[r]][0]]) for r in rows if bad[r].any())
        out[name] = {
            "alerts": len(mine), "alerts_with_laundering": sum(h > 0 for h in hit),
            "alerts_mostly_laundering": sum(h >= 0.5 for h in hit),
            "transfers": int(every.size), "transfer_precision": round(float(bad[every].mean()), 4),
            "accounts": int(accounts.size), "true_accounts": int(true_account[accounts].sum()),
            "account_precision": round(float(true_account[accounts].mean()), 4),
            "families_hit": dict(families),
        }
    return out


def laundering_accounts(bench: Benchmark) -> int:
    """Accounts at either end of a laundering transfer (the base rate of account precision)."""
    bad = bench.attempt >= 0
    return int(np.unique(np.concatenate([bench.table.src[bad], bench.table.dst[bad]])).size)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--profiles", nargs="*", default=["default", "amlsim"])
    ap.add_argument("--typologies", nargs="*", default=None)
    ap.add_argument("--bipartite-routine", type=int, default=None)
    args = ap.parse_args()
    bench = generate(args.scale, args.seed)
    for name in args.profiles:
        params = dict(profile(name))
        if args.bipartite_routine is not None:
            params["bipartite"] = replace(params.get("bipartite", BipartiteParams()),
                                          routine_outside=args.bipartite_routine)
        start = time.process_time()
        result = scan(bench.table, args.typologies, params=params)
        print(json.dumps({"scale": args.scale, "seed": args.seed, "profile": name,
                          "bipartite_routine": args.bipartite_routine,
                          "transfers": bench.table.n_transfers, "laundering": int((bench.attempt >= 0).sum()),
                          "attempts": int(np.unique(bench.attempt[bench.attempt >= 0]).size),
                          "accounts": bench.table.n_accounts,
                          "laundering_accounts": laundering_accounts(bench),
                          "cpu_s": round(time.process_time() - start, 1),
                          "detectors": detector_figures(bench, result.alerts)}), flush=True)


if __name__ == "__main__":
    main()
