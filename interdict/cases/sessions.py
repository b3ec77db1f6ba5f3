"""Web login sessions kept in the case store, so that logging out, revoking a key or changing a role
ends them at once (a signed cookie alone would stay valid until it expires).

The cookie holds a random 256-bit token; only its SHA-256 is stored. A session is valid while it is
not ended, not expired, its user is active and still has the role the session started with.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from interdict.cases.tables import User, WebSession
from interdict.cases.users import Actor, Role

LIFETIME = timedelta(hours=8)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; everything here is stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def start(session: Session, actor: Actor, *, key_prefix: str | None = None) -> str:
    """A new session for `actor`; returns the token for the cookie (not stored, shown once)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    session.add(
        WebSession(
            token_hash=_hash(token),
            user_name=actor.name,
            role=str(actor.role),
            created_at=now,
            expires_at=now + LIFETIME,
            key_prefix=key_prefix,
        )
    )
    session.flush()
    return token


def actor_for(session: Session, token: str | None) -> Actor | None:
    """The actor of a live session token, or None."""
    if not token:
        return None
    row = session.execute(
        select(WebSession, User.active, User.role)
        .join(User, User.name == WebSession.user_name)
        .where(WebSession.token_hash == _hash(token), WebSession.ended_at.is_(None))
    ).one_or_none()
    if row is None:
        return None
    web, active, role = row
    if not active or role != web.role or _aware(web.expires_at) <= datetime.now(UTC):
        return None
    return Actor(web.user_name, Role(role))


def end(session: Session, token: str | None, why: str = "logout") -> bool:
    """End the session of this token (logout); whether there was a live one."""
    if not token:
        return False
    result = session.execute(
        update(WebSession)
        .where(WebSession.token_hash == _hash(token), WebSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC), ended_why=why)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def end_for_user(session: Session, user_name: str, why: str) -> int:
    """End every live session of a user (key revoked, role changed, user disabled); how many."""
    result = session.execute(
        update(WebSession)
        .where(WebSession.user_name == user_name, WebSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC), ended_why=why)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
