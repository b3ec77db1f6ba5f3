"""`/v1/me`, `/v1/users`, `/v1/keys`, `/v1/enrol`, `/v1/audit`: accounts and the audit trail over HTTP.

No one receives another user's working credential over HTTP: an admin creates keys for themself
only, and for other users a one-time enrolment secret that the user redeems at `/v1/enrol`; an admin
cannot set a password for someone else either.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import Field

from interdict.api.auth import Admin, Auditor, Authenticated
from interdict.api.models import KeyRequest, Strict, UserRequest
from interdict.api.responses import JSON
from interdict.core.errors import PermissionDenied
from interdict.services.cases import CaseStore, audit, enrol, users, verify_audit

router = APIRouter(prefix="/v1", tags=["admin"])


def _store(request: Request) -> CaseStore:
    result: CaseStore = request.app.state.store
    return result


@router.get("/me", summary="Who am I")
def me(actor: Authenticated) -> JSON:
    """The authenticated user, role and permissions."""
    perms = sorted(p for p in users.PERMISSIONS if actor.may(p))
    return JSON({"name": actor.name, "role": actor.role, "permissions": perms})


@router.get("/users", summary="Users")
def list_users(request: Request, _: Admin) -> JSON:
    """Every user with role and key prefixes (admins only)."""
    with _store(request).read() as s:
        return JSON({"users": users.list_users(s)})


@router.post("/users", status_code=201, summary="Create a user")
def create_user(body: UserRequest, request: Request, actor: Admin) -> JSON:
    """Add a user (admins only); they get their key and password by enrolment."""
    if body.password is not None:
        raise PermissionDenied(
            f"{actor.name} may not set another user's password: the user sets it when enrolling"
        )
    with _store(request).write() as s:
        user = users.create_user(s, actor, body.name, body.role, body.password)
        return JSON({"name": user.name, "role": user.role}, status_code=201)


@router.post("/keys", status_code=201, summary="Create an API key")
def create_key(body: KeyRequest, request: Request, actor: Admin) -> JSON:
    """Create a key for yourself (admins); the key is in this answer only, never again.

    A key for anyone else is refused (403): create an enrolment secret for them instead.
    """
    with _store(request).write() as s:
        key = users.create_key(s, actor, body.user, body.name)
    return JSON({"user": body.user, "name": body.name, "key": key}, status_code=201)


@router.delete("/keys/{prefix}", summary="Revoke an API key")
def revoke_key(prefix: str, request: Request, actor: Admin) -> JSON:
    """Revoke a key by its shown prefix."""
    with _store(request).write() as s:
        users.revoke_key(s, actor, prefix)
    request.app.state.keys.clear()
    return JSON({"revoked": prefix})


class EnrolRequest(Strict):
    """A one-time enrolment secret, redeemed by its user for an API key."""

    user: str = Field(min_length=1, max_length=100)
    secret: str = Field(min_length=10, max_length=200)
    name: str = Field(default="enrolled", min_length=1, max_length=100)
    password: str | None = Field(default=None, min_length=8, max_length=200)


class RoleRequest(Strict):
    """A user's new role."""

    role: Literal["analyst", "supervisor", "admin", "auditor"]


@router.post("/users/{name}/enrolment", status_code=201, summary="Create an enrolment secret")
def create_enrolment(name: str, request: Request, actor: Admin) -> JSON:
    """A one-time secret (24 h) with which `name` redeems their own key at `/v1/enrol`.

    The secret is no credential: it opens nothing until its user redeems it, once.
    """
    with _store(request).write() as s:
        secret = enrol.create(s, actor, name)
    return JSON({"user": name, "secret": secret, "expires_in_hours": 24}, status_code=201)


@router.post("/enrol", status_code=201, summary="Redeem an enrolment secret for a key")
def redeem_enrolment(body: EnrolRequest, request: Request) -> JSON:
    """No key needed: the user's secret (and password, if they have one) yields their key, shown once.

    Without a password yet, a `password` given here becomes the user's web-login password.
    """
    with _store(request).write() as s:
        key = enrol.redeem(s, body.user, body.secret, body.name, password=body.password)
    return JSON({"user": body.user, "name": body.name, "key": key}, status_code=201)


@router.put("/users/{name}/role", summary="Change a user's role")
def set_role(name: str, body: RoleRequest, request: Request, actor: Admin) -> JSON:
    """Change a role (admins only); the user's web sessions end."""
    with _store(request).write() as s:
        users.set_role(s, actor, name, body.role)
    request.app.state.keys.clear()
    return JSON({"name": name, "role": body.role})


@router.get("/audit/verify", summary="Verify the audit trail")
def verify(request: Request, _: Auditor) -> JSON:
    """Walk the keyed chain; names every altered, removed or reordered entry and every case row,
    held payment or allow-list entry changed outside Interdict, and every payment decision or list
    load in the local store that differs from the state the chain recorded (as `audit verify`)."""
    return JSON(verify_audit(_store(request)).to_dict())


@router.get("/audit", summary="Audit entries")
def entries(request: Request, _: Auditor, object: str | None = None, limit: int = 200) -> JSON:
    """The latest audit entries (optionally about one object, e.g. `case:12`)."""
    with _store(request).read() as s:
        return JSON({"entries": audit.entries(s, object_id=object, limit=min(limit, 5000))})
