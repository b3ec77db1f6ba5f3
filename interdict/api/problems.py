"""Errors as RFC 9457 problem details (`application/problem+json`), one handler per error family."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from interdict.core.errors import (
    ConflictError,
    InputError,
    InterdictError,
    NotFoundError,
    PermissionDenied,
)

PROBLEM = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid request",
    500: "Internal error",
    501: "Not available",
    503: "Service unavailable",
}


def problem(status: int, detail: str, *, instance: str | None = None, **extra: Any) -> Response:
    """A problem-details response with the given status and human-readable detail."""
    body: dict[str, Any] = {
        "type": f"https://interdict.dev/problems/{status}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM, headers=headers)


def status_of(exc: InterdictError) -> int:
    """The HTTP status of an Interdict error."""
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, InputError):
        return 422
    return 400


def install(app: FastAPI) -> None:
    """Register the problem-details handlers on the app."""

    async def interdict_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InterdictError)
        return problem(status_of(exc), str(exc), instance=request.url.path)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return problem(exc.status_code, str(exc.detail), instance=request.url.path)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
        return problem(422, f"invalid request: {where}", instance=request.url.path, errors=errors)

    async def unexpected(request: Request, exc: Exception) -> Response:
        # Logged by the server; the client learns only that it failed, never the internals.
        return problem(500, "internal error: the request was not completed", instance=request.url.path)

    app.add_exception_handler(Exception, unexpected)
    app.add_exception_handler(InterdictError, interdict_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
