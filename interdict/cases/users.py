"""Users, roles and API keys. Keys and passwords are stored only as hashes.

API keys are 256-bit random tokens, so one SHA-256 is enough to store them (a lookup by hash, no salt
needed); passwords are people's choices, so they get salted scrypt.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from interdict.cases import audit
from interdict.cases.tables import ApiKey, User
from interdict.core.errors import ConflictError, InputError, NotFoundError, PermissionDenied

KEY_PREFIX = "ik_"


class Role(StrEnum):
    """What a user may do: analysts work cases, supervisors also approve, admins manage, auditors read."""

    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    AUDITOR = "auditor"


ALL = frozenset(Role)
WORKERS = frozenset({Role.ANALYST, Role.SUPERVISOR})
PERMISSIONS: dict[str, frozenset[Role]] = {
    "read": ALL,
    "screen": frozenset({Role.ANALYST, Role.SUPERVISOR, Role.ADMIN}),
    "ingest": frozenset({Role.ANALYST, Role.SUPERVISOR, Role.ADMIN}),
    "work": WORKERS,  # comment, assign, escalate, decide, attach, allow-list, approve a release
    "correct": frozenset({Role.SUPERVISOR}),
    "reject_payment": frozenset({Role.SUPERVISOR}),
    "audit": frozenset({Role.AUDITOR, Role.SUPERVISOR, Role.ADMIN}),
    "export": frozenset({Role.ANALYST, Role.SUPERVISOR, Role.AUDITOR}),
    "manage_users": frozenset({Role.ADMIN}),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """The authenticated person behind a request or a command."""

    name: str
    role: Role

    def may(self, permission: str) -> bool:
        """Whether this actor's role grants `permission`."""
        return self.role in PERMISSIONS[permission]


SYSTEM = Actor("system", Role.ADMIN)
# The operator at the command line, who can write the database anyway: may create anyone's first key.
CLI = Actor("cli", Role.ADMIN)
OPERATORS = frozenset({SYSTEM, CLI})
RESERVED = frozenset({"system", "cli", "anonymous"})


def require(actor: Actor, permission: str) -> None:
    """Raise PermissionDenied unless the actor's role grants `permission`."""
    if not actor.may(permission):
        allowed = ", ".join(sorted(PERMISSIONS[permission]))
        raise PermissionDenied(f"{actor.name} ({actor.role}) may not {permission}: needs {allowed}")


def hash_password(password: str) -> str:
    """Salted scrypt, stored as `scrypt$salt$hash` (hex)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str | None) -> bool:
    """Whether `password` matches the stored scrypt hash (constant-time compare)."""
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt, digest = stored.split("$")
    fresh = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=2**14, r=8, p=1)
    return hmac.compare_digest(fresh.hex(), digest)


def key_hash(key: str) -> str:
    """The stored form of an API key."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_user(session: Session, actor: Actor, name: str, role: str, password: str | None = None) -> User:
    """Add a user with a role (and optionally a password for the web login)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InputError("user", "name", "expected a non-empty name of at most 100 characters")
    if name.lower() in RESERVED:
        raise InputError("user", "name", f"{name!r} is reserved for Interdict itself")
    try:
        role_value = Role(role)
    except ValueError as exc:
        raise InputError("user", "role", f"expected one of {', '.join(Role)}, got {role!r}") from exc
    if session.execute(select(User).where(User.name == name)).scalar_one_or_none():
        raise ConflictError(f"user {name!r} already exists")
    user = User(
        name=name,
        role=str(role_value),
        password_hash=hash_password(password) if password else None,
        active=True,
        created_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    audit.record(session, actor.name, "user.create", "user", name, {"role": str(role_value)})
    return user


def set_password(session: Session, actor: Actor, name: str, password: str) -> None:
    """Set or replace a user's web-login password (the operator's path); their web sessions end."""
    user = get_user(session, name)
    user.password_hash = hash_password(password)
    ended = _end_sessions(session, name, "password changed")
    audit.record(session, actor.name, "user.password", "user", name, {"sessions_ended": ended})


def get_user(session: Session, name: str) -> User:
    """The user called `name`, or NotFoundError."""
    user = session.execute(select(User).where(User.name == name)).scalar_one_or_none()
    if user is None:
        raise NotFoundError(f"no user called {name!r}")
    return user


def create_key(session: Session, actor: Actor, user_name: str, key_name: str) -> str:
    """Create an API key for a user; returns the key itself, which is never stored or shown again.

    Only the user themself (or the operator at the command line) may: an admin who could make keys
    for others could act as anyone, four eyes included. Admins hand out enrolment secrets instead.
    """
    if actor.name != user_name and actor not in OPERATORS:
        raise PermissionDenied(
            f"{actor.name} may not create a key for {user_name}: create an enrolment secret, "
            "which only that user can turn into a key"
        )
    user = get_user(session, user_name)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiKey(
            user_id=user.id,
            name=key_name,
            prefix=key[:10],
            key_hash=key_hash(key),
            created_at=datetime.now(UTC),
        )
    )
    session.flush()
    audit.record(session, actor.name, "key.create", "user", user.name, {"key": key_name, "prefix": key[:10]})
    return key


def revoke_key(session: Session, actor: Actor, prefix: str) -> None:
    """Revoke the key whose shown prefix is `prefix`."""
    key = session.execute(select(ApiKey).where(ApiKey.prefix == prefix)).scalar_one_or_none()
    if key is None:
        raise NotFoundError(f"no API key starting {prefix!r}")
    key.revoked_at = datetime.now(UTC)
    holder = session.get(User, key.user_id)
    ended = _end_sessions(session, holder.name if holder else "", "key revoked")
    audit.record(session, actor.name, "key.revoke", "key", prefix, {"sessions_ended": ended})


def set_role(session: Session, actor: Actor, name: str, role: str) -> None:
    """Change a user's role; their web sessions end (they log in again under the new role)."""
    try:
        role_value = Role(role)
    except ValueError as exc:
        raise InputError("user", "role", f"expected one of {', '.join(Role)}, got {role!r}") from exc
    user = get_user(session, name)
    old = user.role
    user.role = str(role_value)
    ended = _end_sessions(session, name, "role changed")
    audit.record(
        session,
        actor.name,
        "user.role",
        "user",
        name,
        {"from": old, "to": str(role_value), "sessions_ended": ended},
    )


def _end_sessions(session: Session, user_name: str, why: str) -> int:
    from interdict.cases import sessions

    return sessions.end_for_user(session, user_name, why)


def actor_for_key(session: Session, key: str) -> Actor | None:
    """The active user holding this API key, or None."""
    row = session.execute(
        select(User.name, User.role, User.active)
        .join(ApiKey, ApiKey.user_id == User.id)
        .where(ApiKey.key_hash == key_hash(key), ApiKey.revoked_at.is_(None))
    ).one_or_none()
    if row is None or not row.active:
        return None
    return Actor(row.name, Role(row.role))


def actor_for_password(session: Session, name: str, password: str) -> Actor | None:
    """The active user with this name and password, or None."""
    user = session.execute(select(User).where(User.name == name)).scalar_one_or_none()
    # The same scrypt work for unknown users and users without a password: timing reveals no names.
    stored = user.password_hash if user is not None and user.password_hash else _dummy_hash()
    matches = check_password(password, stored)
    if user is None or not user.active or not user.password_hash or not matches:
        return None
    return Actor(user.name, Role(user.role))


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(16))


def list_users(session: Session) -> list[dict[str, object]]:
    """Every user with role and their keys' prefixes."""
    out: list[dict[str, object]] = []
    for user in session.execute(select(User).order_by(User.name)).scalars():
        keys = session.execute(
            select(ApiKey.prefix, ApiKey.name).where(ApiKey.user_id == user.id, ApiKey.revoked_at.is_(None))
        ).all()
        out.append(
            {
                "name": user.name,
                "role": user.role,
                "active": user.active,
                "password": user.password_hash is not None,
                "keys": [{"prefix": k.prefix, "name": k.name} for k in keys],
            }
        )
    return out
