"""A one-line reading of a candidate's explanation, for tables and alert lists."""

from __future__ import annotations

from typing import Any

from interdict.screening import tables


def summarize(explanation: dict[str, Any]) -> str:
    """One line saying why a candidate matched: identifier, or token pairs and adjustments."""
    method = explanation.get("method")
    if method == "identifier":
        return f"{explanation.get('identifier_type')} {explanation.get('listed_value')} (exact)"
    parts: list[str] = []
    if method == "text":
        parts.append(f"in text: {explanation.get('window')!r}")
    if explanation.get("script") == "original":
        parts.append("original script")
    elif explanation.get("query_rule") not in (None, "as written"):
        parts.append(str(explanation["query_rule"]))
    pairs = []
    for tok in explanation.get("tokens", []):
        rule = tok["rule"]
        pairs.append(tok["query"] if rule == "exact" else f"{tok['query']}~{tok['name']} ({rule})")
    if pairs:
        parts.append(", ".join(pairs))
    spelled = list(dict.fromkeys(f"{v['written']}→{v['read_as']}"
                                 for v in explanation.get("spelling_variants", [])
                                 if v["read_as"] not in tables.legal_forms()))
    if spelled:
        parts.append("read as: " + " ".join(spelled))
    missing = [t["token"] for t in explanation.get("unmatched_query", [])]
    extra = [t["token"] for t in explanation.get("unmatched_name", [])]
    if missing:
        parts.append("query only: " + " ".join(missing))
    if extra:
        parts.append("list only: " + " ".join(extra))
    for adj in explanation.get("adjustments", []):
        parts.append(f"{adj['feature']} {adj['delta']:+.2f}")
    return "; ".join(parts)
