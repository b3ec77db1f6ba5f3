"""`/v1/me`, `/v1/users`, `/v1/keys`, `/v1/audit`: accounts and the audit trail over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import ORJSONResponse

from interdict.api.auth import current_actor, need
from interdict.api.models import KeyRequest, UserRequest
from interdict.cases import audit, users
from interdict.cases.store import CaseStore
from interdict.cases.users import Actor

router = APIRouter(prefix="/v1", tags=["admin"])


def _store(request: Request) -> CaseStore:
    result: CaseStore = request.app.state.store
    return result


@router.get("/me", summary="Who am I")
def me(actor: Actor = Depends(current_actor)) -> ORJSONResponse:
    """The authenticated user, role and permissions."""
    perms = sorted(p for p in users.PERMISSIONS if actor.may(p))
    return ORJSONResponse({"name": actor.name, "role": actor.role, "permissions": perms})


@router.get("/users", summary="Users")
def list_users(request: Request, _: Actor = Depends(need("manage_users"))) -> ORJSONResponse:
    """Every user with role and key prefixes (admins only)."""
    with _store(request).read() as s:
        return ORJSONResponse({"users": users.list_users(s)})


@router.post("/users", status_code=201, summary="Create a user")
def create_user(body: UserRequest, request: Request, actor: Actor = Depends(need("manage_users"))) -> ORJSONResponse:
    """Add a user (admins only)."""
    with _store(request).write() as s:
        user = users.create_user(s, actor, body.name, body.role, body.password)
        return ORJSONResponse({"name": user.name, "role": user.role}, status_code=201)


@router.post("/keys", status_code=201, summary="Create an API key")
def create_key(body: KeyRequest, request: Request, actor: Actor = Depends(need("manage_users"))) -> ORJSONResponse:
    """Create a key for a user; the key is in this answer only, never again."""
    with _store(request).write() as s:
        key = users.create_key(s, actor, body.user, body.name)
    return ORJSONResponse({"user": body.user, "name": body.name, "key": key}, status_code=201)


@router.delete("/keys/{prefix}", summary="Revoke an API key")
def revoke_key(prefix: str, request: Request, actor: Actor = Depends(need("manage_users"))) -> ORJSONResponse:
    """Revoke a key by its shown prefix."""
    with _store(request).write() as s:
        users.revoke_key(s, actor, prefix)
    request.app.state.keys.clear()
    return ORJSONResponse({"revoked": prefix})


@router.get("/audit/verify", summary="Verify the audit trail")
def verify(request: Request, _: Actor = Depends(need("audit"))) -> ORJSONResponse:
    """Walk the hash chain; names every altered, removed or reordered entry."""
    with _store(request).read() as s:
        return ORJSONResponse(audit.verify(s).to_dict())


@router.get("/audit", summary="Audit entries")
def entries(request: Request, object: str | None = None, limit: int = 200,
            _: Actor = Depends(need("audit"))) -> ORJSONResponse:
    """The latest audit entries (optionally about one object, e.g. `case:12`)."""
    with _store(request).read() as s:
        return ORJSONResponse({"entries": audit.entries(s, object_id=object, limit=min(limit, 5000))})
