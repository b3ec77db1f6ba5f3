"""Account-level precision / recall / F1 of `aml scan` on the IBM AMLSim 20K runs (issue 15).

The `amlsim` parameter profile was chosen on `20K_cycle200` and `20K_fanin200` only;
`20K_fanin200cycle200` is the evaluation run. Prints, per run, the figures overall and per
typology (accounts of that typology's alerts against all labelled accounts), and the recall
ceiling: the share of labelled accounts that make at least one pattern-sized transfer (AMLSim's
pattern transfers are all below 100; its ordinary ones all at or above 100), as JSON lines.
`missed_reachable` counts the labelled accounts that make a pattern-sized transfer but are in no
alert, and how many of them make exactly one (one transfer between two accounts has no shape
for a typology detector to see). `by_injected_typology`: the labelled accounts with a transfer in
the amount range of AMLSim's fan-in pieces (2.5-5) or cycle hops (10-20) (ranges read off the
single-typology runs, where they do not overlap) and the share of them the scan flags: recall per
injected typology among the accounts that made a transfer of it. The 100 threshold and these
ranges are used to measure, never to detect.

    PYTHONPATH=. .venv/bin/python benchmarks/aml_eval.py [--runs 20K_fanin200cycle200 ...]
    PYTHONPATH=. .venv/bin/python benchmarks/aml_eval.py --dirs /work/aml_runs/runs/*   # other runs

`--dirs` scans runs in the same schema kept elsewhere (e.g. further AMLSim runs generated for
tuning, never committed), named by their folder.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from interdict.aml.account_metrics import account_scores  # noqa: E402
from interdict.aml.profiles import profile  # noqa: E402
from interdict.aml.scan import scan  # noqa: E402
from interdict.aml.sources.recognise import read_path  # noqa: E402
from interdict.core import config  # noqa: E402

RUNS = ("20K_cycle200", "20K_fanin200", "20K_fanin200cycle200")


def ceiling(table: object) -> float:
    """Share of labelled accounts at either end of a transfer below 100 (AMLSim's pattern sizes)."""
    from interdict.aml.table import TransferTable

    assert isinstance(table, TransferTable) and table.account_label is not None
    small = table.amount < 100
    seen = np.zeros(table.n_accounts, dtype=bool)
    seen[table.src[small]] = True
    seen[table.dst[small]] = True
    pos = table.account_label == 1
    return round(float(seen[pos].sum() / pos.sum()), 4)


def missed_reachable(table: object, flagged: set[int]) -> dict[str, int]:
    """Labelled accounts with a pattern-sized transfer in no alert; those with exactly one."""
    from interdict.aml.table import TransferTable

    assert isinstance(table, TransferTable) and table.account_label is not None
    small = table.amount < 100
    n = np.bincount(table.src[small], minlength=table.n_accounts)
    n += np.bincount(table.dst[small], minlength=table.n_accounts)
    missed = (table.account_label == 1) & (n > 0)
    missed[list(flagged)] = False
    return {"accounts": int(missed.sum()), "with_one_transfer": int((missed & (n == 1)).sum())}


INJECTED = {"fan_in": (2.5, 5.0), "cycle": (10.0, 20.0)}  # AMLSim pattern amounts, per typology


def by_injected_typology(table: object, flagged: set[int]) -> dict[str, dict[str, float]]:
    """Per injected typology: labelled accounts with a transfer in its amount range, and the
    share of them flagged."""
    from interdict.aml.table import TransferTable

    assert isinstance(table, TransferTable) and table.account_label is not None
    out: dict[str, dict[str, float]] = {}
    for name, (lo, hi) in INJECTED.items():
        inside = (table.amount >= lo) & (table.amount <= hi)
        member = np.zeros(table.n_accounts, dtype=bool)
        member[table.src[inside]] = True
        member[table.dst[inside]] = True
        member &= table.account_label == 1
        found = int(member[list(flagged)].sum()) if flagged else 0
        if member.any():
            out[name] = {"members": int(member.sum()), "flagged": found,
                         "recall": round(found / int(member.sum()), 4)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", nargs="*", default=list(RUNS))
    ap.add_argument("--dirs", nargs="*", default=[], help="run folders elsewhere (instead of --runs)")
    ap.add_argument("--profile", default="amlsim")
    args = ap.parse_args()
    if args.dirs:
        paths = [Path(d) for d in args.dirs]
    else:
        data = config.shared_data_dir()
        assert data is not None, "../shared/data is needed"
        paths = [data / "aml" / "amlsim" / run for run in args.runs]
    for path in paths:
        run = path.name
        table = read_path(path)
        start = time.perf_counter()
        result = scan(table, params=profile(args.profile))
        seconds = round(time.perf_counter() - start, 2)
        figures = {t: asdict(s) for t, s in account_scores(table, result.alerts).items()}
        index = table.account_index
        flagged = {index[x] for a in result.alerts for x in a.accounts}
        print(json.dumps({"run": run, "profile": args.profile, "alerts": result.counts,
                          "scan_seconds": seconds, "recall_ceiling": ceiling(table),
                          "missed_reachable": missed_reachable(table, flagged),
                          "by_injected_typology": by_injected_typology(table, flagged), "scores": figures}))


if __name__ == "__main__":
    main()
