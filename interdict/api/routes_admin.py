"""`/v1/me`, `/v1/users`, `/v1/keys`, `/v1/audit`: accounts and the audit trail over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, Request

from interdict.api.auth import Admin, Auditor, Authenticated
from interdict.api.models import KeyRequest, UserRequest
from interdict.api.responses import JSON
from interdict.cases import audit, users
from interdict.cases.store import CaseStore

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
    """Add a user (admins only)."""
    with _store(request).write() as s:
        user = users.create_user(s, actor, body.name, body.role, body.password)
        return JSON({"name": user.name, "role": user.role}, status_code=201)


@router.post("/keys", status_code=201, summary="Create an API key")
def create_key(body: KeyRequest, request: Request, actor: Admin) -> JSON:
    """Create a key for a user; the key is in this answer only, never again."""
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


@router.get("/audit/verify", summary="Verify the audit trail")
def verify(request: Request, _: Auditor) -> JSON:
    """Walk the hash chain; names every altered, removed or reordered entry."""
    with _store(request).read() as s:
        return JSON(audit.verify(s).to_dict())


@router.get("/audit", summary="Audit entries")
def entries(request: Request, _: Auditor, object: str | None = None, limit: int = 200) -> JSON:
    """The latest audit entries (optionally about one object, e.g. `case:12`)."""
    with _store(request).read() as s:
        return JSON({"entries": audit.entries(s, object_id=object, limit=min(limit, 5000))})
