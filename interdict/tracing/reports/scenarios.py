"""A checked documented case as the JSON the CLI prints and the API returns."""

from __future__ import annotations

from typing import Any

from interdict.tracing.scenarios import Case


def case_json(case: Case) -> dict[str, Any]:
    """A checked case as JSON."""
    return {
        "id": case.id,
        "name": case.name,
        "chain": case.chain,
        "amount": case.amount,
        "attribution": case.attribution,
        "laundering_path": case.laundering_path,
        "traceable": case.traceable,
        "addresses": [
            {
                "address": a.address,
                "group": a.group,
                "role": a.role,
                "in_ledger": a.in_ledger,
                "tags": [{"label": t.label, "category": t.category, "source": t.source} for t in a.tags],
            }
            for a in case.addresses
        ],
        "sources": case.sources,
    }
