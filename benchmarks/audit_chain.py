"""Cost of the keyed audit chain: alerts ingested one transaction each, then `audit verify`.

Each alert opens a case, so every transaction writes a case row, an alert and their audit entries
(HMAC, with the rows' state hashes). `verify` walks the chain and recomputes every current row.
Prints one JSON object.

    .venv/bin/python benchmarks/audit_chain.py --alerts 1000
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

from interdict.cases import alerts, audit  # noqa: E402
from interdict.cases.store import CaseStore  # noqa: E402
from interdict.cases.users import Actor, Role  # noqa: E402
from interdict.core.entity import EntityKind  # noqa: E402
from interdict.core.match import Candidate, Explanation, Query  # noqa: E402


def main() -> None:
    """Ingest, verify, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=1000)
    args = parser.parse_args()
    query = Query(name="Kim Jong Un", kind=EntityKind.PERSON)
    actor = Actor("bench", Role.ANALYST)
    with tempfile.TemporaryDirectory() as tmp:
        store = CaseStore(f"sqlite:///{Path(tmp) / 'cases.sqlite'}", data_dir=Path(tmp))
        start = time.perf_counter()
        for n in range(args.alerts):
            hit = Candidate(
                list="un",
                list_id=f"B{n}",
                subject_id=f"s{n}",
                name="KIM JONG UN",
                matched_name="KIM JONG UN",
                query_form="kim jong un",
                score=0.97,
                kind="person",
                programs=("KP",),
                explanation=Explanation(),
            )
            with store.write() as session:
                alerts.ingest(session, actor, alerts.from_candidate(hit, query))
        ingest = time.perf_counter() - start
        start = time.perf_counter()
        with store.read() as session:
            result = audit.verify(session)
        verify = time.perf_counter() - start
        store.close()
    print(
        json.dumps(
            {
                "alerts": args.alerts,
                "ingest_s": round(ingest, 2),
                "ms_per_alert": round(ingest / args.alerts * 1000, 2),
                "verify_s": round(verify, 2),
                "entries": result.entries,
                "ok": result.ok,
            }
        )
    )


if __name__ == "__main__":
    main()
