"""Files attached to cases, stored once by SHA-256 under `<data dir>/attachments/ab/abcdef...`."""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from interdict.cases import audit
from interdict.cases.tables import Attachment
from interdict.cases.users import Actor, require
from interdict.cases.workflow import lock_case
from interdict.core.errors import InputError, NotFoundError

MAX_BYTES = 10 * 1024 * 1024


def blob_path(root: Path, sha256: str) -> Path:
    """Where the bytes with this hash live."""
    return root / "attachments" / sha256[:2] / sha256


def attach(
    session: Session,
    actor: Actor,
    root: Path,
    case_id: int,
    filename: str,
    data: bytes,
    content_type: str = "application/octet-stream",
) -> Attachment:
    """Store the bytes (atomically, once per content) and record the attachment on the case."""
    require(actor, "work")
    if len(data) > MAX_BYTES:
        raise InputError(filename, None, f"attachment larger than {MAX_BYTES} bytes")
    name = Path(filename.replace("\\", "/")).name.strip() or "attachment"
    case = lock_case(session, case_id)
    digest = hashlib.sha256(data).hexdigest()
    path = blob_path(root, digest)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    row = Attachment(
        case_id=case.id,
        sha256=digest,
        filename=name[:300],
        content_type=content_type[:100],
        size=len(data),
        actor=actor.name,
        at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor.name,
        "case.attach",
        "case",
        case_id,
        {"attachment": row.id, "sha256": digest, "filename": row.filename, "size": len(data)},
    )
    return row


def read(session: Session, root: Path, attachment_id: int) -> tuple[Attachment, bytes]:
    """The attachment row and its bytes, checked against the stored hash."""
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFoundError(f"no attachment {attachment_id}")
    data = blob_path(root, row.sha256).read_bytes()
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise InputError(str(blob_path(root, row.sha256)), None, "stored bytes do not match their SHA-256")
    return row, data
