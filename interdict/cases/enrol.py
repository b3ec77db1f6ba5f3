"""Enrolment: how a user gets their own API key without anyone else ever holding it.

An admin creates a one-time secret for a user (`ie_...`, 256 bits, stored as SHA-256, valid
`TTL`, single use) and passes it on; only a redeemed secret yields a key, shown to the redeemer
once. The secret itself opens nothing. If the user already has a web password, redeeming also
needs that password, so an admin cannot take over an existing account with a secret they made;
for a new user, a secret redeemed by someone else shows, because the user's own attempt then fails
(and both the creation and the use are audited).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from interdict.cases import audit
from interdict.cases.tables import Enrolment, User
from interdict.cases.users import Actor, Role, check_password, create_key, get_user, hash_password, require
from interdict.core.errors import PermissionDenied

PREFIX = "ie_"
TTL = timedelta(hours=24)
REFUSED = "unknown, used or expired enrolment secret (ask an admin for a new one)"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(session: Session, actor: Actor, user_name: str, ttl: timedelta = TTL) -> str:
    """A one-time enrolment secret for `user_name` (admins only); earlier unused ones are void."""
    require(actor, "manage_users")
    user = get_user(session, user_name)
    now = datetime.now(UTC)
    session.execute(
        update(Enrolment).where(Enrolment.user_id == user.id, Enrolment.used_at.is_(None)).values(used_at=now)
    )
    secret = PREFIX + secrets.token_urlsafe(32)
    session.add(
        Enrolment(
            user_id=user.id,
            secret_hash=_hash(secret),
            created_by=actor.name,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    session.flush()
    expires = (now + ttl).isoformat(timespec="seconds")
    audit.record(session, actor.name, "enrolment.create", "user", user.name, {"expires": expires})
    return secret


def redeem(
    session: Session,
    user_name: str,
    secret: str,
    key_name: str,
    *,
    password: str | None = None,
) -> str:
    """Turn a valid secret of `user_name` into a key of theirs (returned once).

    A user with a web password must give it; a user without one sets it here (if given).
    """
    row = session.execute(
        select(Enrolment, User)
        .join(User, User.id == Enrolment.user_id)
        .where(Enrolment.secret_hash == _hash(secret.strip()))
        .with_for_update()
    ).one_or_none()
    now = datetime.now(UTC)
    if row is None or row[1].name != user_name or not row[1].active or row[0].used_at is not None:
        raise PermissionDenied(REFUSED)
    enrolment, user = row
    expires = (
        enrolment.expires_at if enrolment.expires_at.tzinfo else enrolment.expires_at.replace(tzinfo=UTC)
    )
    if expires <= now:
        raise PermissionDenied(REFUSED)
    if user.password_hash and not check_password(password or "", user.password_hash):
        raise PermissionDenied(f"{user_name} has a web password: give it to enrol a new key")
    enrolment.used_at = now
    if password and not user.password_hash:
        user.password_hash = hash_password(password)
    holder = Actor(user.name, Role(user.role))
    audit.record(session, holder.name, "enrolment.use", "user", user.name, {"by": enrolment.created_by})
    return create_key(session, holder, user.name, key_name)
