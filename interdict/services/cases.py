"""Case use cases: the case store's operations as the interfaces reach them, and case exports.

The case operations (`alerts.ingest`, `workflow`, `holds`, `allow`, `audit`...) are already use
cases over a store session, each audited; they are the door's own functions, re-exported here so
the interfaces depend on this module alone. `export_case` moved here from the API's route module,
since the CLI and the web page export too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.cases import (
    alerts,
    allow,
    attachments,
    audit,
    audit_checkpoint,
    enrol,
    holds,
    logins,
    sessions,
    users,
    views,
    workflow,
)
from interdict.cases.exports import FORMATS, goaml_settings
from interdict.cases.store import CaseStore
from interdict.cases.users import Actor, Role
from interdict.core.errors import InputError

if TYPE_CHECKING:
    from interdict.cases.exports.goaml_settings import GoamlSettings

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Actor",
    "CaseStore",
    "EngineOutput",
    "Ingested",
    "Role",
    "alert_input",
    "alerts",
    "allow",
    "attachments",
    "audit",
    "audit_checkpoint",
    "enrol",
    "export_case",
    "goaml_settings",
    "holds",
    "ingest_alert",
    "logins",
    "sessions",
    "users",
    "verify_audit",
    "views",
    "workflow",
]

# The file name extension of each export format (for Content-Disposition).
EXTENSIONS = {"goaml": "xml", "stix": "json", "ftm": "ftm.json"}


def export_case(
    store: CaseStore, actor: Actor, case_id: int, fmt: str, goaml: GoamlSettings | None = None
) -> bytes:
    """The case in one export format (the export itself is audited: who took what out, when)."""
    import orjson

    from interdict.cases.exports import case_ftm, case_goaml, case_stix

    with store.read() as s:
        case = views.case_detail(s, case_id)
    if fmt == "goaml":
        data = case_goaml(case, goaml, reporter=actor.name)
    elif fmt == "stix":
        data = orjson.dumps(case_stix(case), option=orjson.OPT_INDENT_2)
    else:
        data = b"".join(orjson.dumps(e) + b"\n" for e in case_ftm(case))
    with store.write() as s:
        audit.record(s, actor.name, "case.export", "case", case_id, {"format": fmt, "bytes": len(data)})
    return data


@dataclass(frozen=True)
class EngineOutput:
    """An alert as any engine's JSON output gives it: a screening query and candidate, a payment
    decision, or a trace result with one of its exits (and its flow picture)."""

    source: str
    query: dict[str, Any] | None = None
    candidate: dict[str, Any] | None = None
    decision: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    exit: dict[str, Any] | None = None
    picture: str | None = None


@dataclass(frozen=True)
class Ingested:
    """What storing an alert did: `created` or a repeat, with the alert's and its case's ids."""

    status: str
    alert_id: int | None
    case_id: int | None


def alert_input(out: EngineOutput) -> alerts.AlertInput:
    """The AlertInput for an engine's output, checking that the source's fields are present."""
    from interdict.core.entity import EntityKind
    from interdict.core.match import Candidate, Explanation, Query

    try:
        if out.source == "screening" and out.candidate is not None and out.query is not None:
            c = dict(out.candidate)
            c["programs"] = tuple(c.get("programs") or ())
            c["explanation"] = Explanation.from_dict(c.get("explanation") or {})
            q = out.query
            kind = EntityKind(q["kind"]) if q.get("kind") else None
            query = Query(name=str(q["name"]), kind=kind, dob=q.get("dob"), country=q.get("country"))
            return alerts.from_candidate(Candidate(**c), query)
        if out.source == "payment" and out.decision is not None:
            return alerts.from_payment_decision(out.decision)
        if out.source == "trace" and out.result is not None and out.exit is not None:
            return alerts.from_trace_exit(out.result, out.exit, out.picture)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError("alert request", out.source, f"malformed engine output: {exc}") from exc
    needs = {"screening": "query and candidate", "payment": "decision", "trace": "result and exit"}
    raise InputError("alert request", out.source, f"a {out.source} alert needs {needs[out.source]}")


def ingest_alert(store: CaseStore, actor: Actor, out: EngineOutput) -> Ingested:
    """Store an alert from an engine's output; it joins (or opens) its subject's case."""
    with store.write() as s:
        alert, case, how = alerts.ingest(s, actor, alert_input(out))
    return Ingested(how, alert.id if alert else None, case.id if case else None)


def verify_audit(store: CaseStore, checkpoint: Path | None = None) -> audit.VerifyResult:
    """`audit verify`: the keyed chain, the case rows, and the payment decisions and list loads of
    the local DuckDB store against the states the chain recorded (read-only, waiting out a load)."""
    from interdict.cases import audit_external
    from interdict.core import config
    from interdict.core.store import connect, lock_wait
    from interdict.services._lock import DUCKDB_LOCK

    # No database file: nothing stored, so every decision or load the chain recorded is missing.
    # The lock: a server's other requests use the same file with their own connections.
    path = config.database_path()
    with DUCKDB_LOCK:
        conn = connect(path, read_only=True, wait=lock_wait()) if path.exists() else connect(":memory:")
        try:
            with store.read() as s:
                return audit_external.verify(s, conn, checkpoint)
        finally:
            conn.close()
