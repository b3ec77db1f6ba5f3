"""A one-line reading of a candidate's explanation, for tables and alert lists."""

from __future__ import annotations

from interdict.core.match import Explanation
from interdict.screening import tables


def summarize(explanation: Explanation) -> str:
    """One line saying why a candidate matched: identifier, or token pairs and adjustments."""
    method = explanation.method
    if method == "identifier":
        return f"{explanation.identifier_type} {explanation.listed_value} (exact)"
    if method == "address":
        states = explanation.extra.get("address_parts", {})
        return f"address {explanation.listed_value}: " + ", ".join(f"{p} {s}" for p, s in states.items())
    parts: list[str] = []
    if method == "text":
        parts.append(f"in text: {explanation.window!r}")
    if explanation.script == "original":
        parts.append("original script")
    elif explanation.query_rule not in (None, "as written"):
        parts.append(str(explanation.query_rule))
    pairs = [tok.query if tok.rule == "exact" else f"{tok.query}~{tok.name} ({tok.rule})"
             for tok in explanation.tokens or ()]
    if pairs:
        parts.append(", ".join(pairs))
    spelled = list(dict.fromkeys(f"{v.written}→{v.read_as}" for v in explanation.spelling_variants or ()
                                 if v.read_as not in tables.legal_forms()))
    if spelled:
        parts.append("read as: " + " ".join(spelled))
    missing = [t.token for t in explanation.unmatched_query or ()]
    extra = [t.token for t in explanation.unmatched_name or ()]
    if missing:
        parts.append("query only: " + " ".join(missing))
    if extra:
        parts.append("list only: " + " ".join(extra))
    for adj in explanation.adjustments or ():
        parts.append(f"{adj.feature} {adj.delta:+.2f}")
    return "; ".join(parts)
