"""Case use cases: the case store's operations as the interfaces reach them, and case exports.

The case operations (`alerts.ingest`, `workflow`, `holds`, `allow`, `audit`...) are already use
cases over a store session, each audited; they are the door's own functions, re-exported here so
the interfaces depend on this module alone. `export_case` moved here from the API's route module,
since the CLI and the web page export too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from interdict.cases.exports.goaml_settings import GoamlSettings

__all__ = [
    "EXTENSIONS", "FORMATS", "Actor", "CaseStore", "Role", "alerts", "allow", "attachments", "audit",
    "audit_checkpoint", "enrol", "export_case", "goaml_settings", "holds", "logins", "sessions",
    "users", "views", "workflow",
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
