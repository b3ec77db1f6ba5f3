"""The learned ranker on HI-Small's 370 real laundering attempts injected into generated background.

Generates the benchmark (`synthetic/aml_background.py`, ~3.2 M transfers at scale 1), computes the
features (and, with `--detectors`, runs every typology detector for their columns), trains on the
first 60 % of time, picks the threshold on the next 20 % and prints minority-class F1, precision,
recall and recall per family on the last 20 %, with the seconds and peak memory. `--features-5m`
also times the features alone on a 5-million-transfer table (scale 1.56).

    PYTHONPATH=. .venv/bin/python benchmarks/aml_ranker.py --scale 1 [--detectors] [--features-5m]

These are NOT the paper's figures: see the disclaimer printed at the end.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from interdict.aml.features import transfer_features  # noqa: E402
from interdict.aml.ranker.evaluate import DISCLAIMER  # noqa: E402
from interdict.aml.ranker.pipeline import Labelled, train  # noqa: E402
from synthetic.aml_background import generate  # noqa: E402


def _peak_gb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, 2)  # Linux: kB


def features_5m(seed: int) -> dict[str, float]:
    """Wall and CPU seconds of the features on ~5 M generated transfers."""
    bench = generate(1.56, seed)
    wall, cpu = time.perf_counter(), time.process_time()
    transfer_features(bench.table)
    return {"transfers": bench.table.n_transfers, "wall_s": round(time.perf_counter() - wall, 1),
            "cpu_s": round(time.process_time() - cpu, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--detectors", action="store_true", help="add the detectors' alerts as features")
    ap.add_argument("--features-5m", action="store_true")
    args = ap.parse_args()
    start = time.perf_counter()
    bench = generate(args.scale, args.seed)
    gen_s = round(time.perf_counter() - start, 1)
    cpu = time.process_time()
    model, ev = train(Labelled(bench.table, bench.attempt, bench.family), detectors=args.detectors,
                      seed=args.seed)
    out = {"scale": args.scale, "seed": args.seed, "detectors": args.detectors,
           "transfers": bench.table.n_transfers, "laundering": int((bench.attempt >= 0).sum()),
           "generation_s": gen_s, "seconds": ev.seconds,
           "cpu_s_features_to_scores": round(time.process_time() - cpu, 1),
           "split": ev.split, "trees": model.training["trees"], "threshold": ev.threshold,
           "test": asdict(ev.scores), "families": [asdict(f) for f in ev.families]}
    if args.features_5m:
        del bench, model
        out["features_5m"] = features_5m(args.seed)
    out["peak_rss_gb"] = _peak_gb()
    print(json.dumps(out, indent=1))
    s = ev.scores
    print(f"\ntest: F1 {100 * s.f1:.1f}  precision {100 * s.precision:.1f}  recall {100 * s.recall:.1f}")
    print(f"{'family':16} {'transfers':>9} {'recall %':>8} {'attempts hit':>13}")
    for f in ev.families:
        print(f"{f.family:16} {f.transfers:9} {100 * f.recall:8.1f} {f.attempts_hit:6}/{f.attempts}")
    print("\n" + DISCLAIMER)


if __name__ == "__main__":
    main()
