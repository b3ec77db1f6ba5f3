"""The FastAPI app factory: the `/v1` API, the web page under `/web`, problem-details errors, size limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from interdict.api import problems, routes_admin, routes_aml, routes_cases, routes_engines, routes_screening
from interdict.api.auth import KeyCache
from interdict.api.limits import DEFAULT_LIMIT, LARGE_LIMIT, BodyLimit
from interdict.services.cases import CaseStore
from interdict.services.screening import Engines

if TYPE_CHECKING:
    from interdict.services.screening import ScreeningIndex

DESCRIPTION = """Sanctions screening, payment screening, fund tracing and the cases people decide.

Authenticate with `Authorization: Bearer KEY` (`interdict keys create NAME --role ROLE`).
Errors are `application/problem+json` (RFC 9457).
"""


def create_app(
    store: CaseStore | None = None,
    *,
    index: ScreeningIndex | None = None,
    web: bool = True,
    body_limit: int = DEFAULT_LIMIT,
    large_body_limit: int = LARGE_LIMIT,
) -> FastAPI:
    """Build the app over a case store (default: the configured one) and, optionally, a given index."""
    store = store or CaseStore()
    # No Swagger UI: it loads its scripts from a CDN; the OpenAPI document is served as JSON.
    app = FastAPI(
        title="Interdict",
        version="1",
        description=DESCRIPTION,
        docs_url=None,
        openapi_url="/v1/openapi.json",
        redoc_url=None,
    )
    app.state.store = store
    app.state.engines = Engines(store, index)
    app.state.keys = KeyCache()
    problems.install(app)
    app.include_router(routes_screening.router)
    app.include_router(routes_engines.router)
    app.include_router(routes_aml.router)
    app.include_router(routes_cases.router)
    app.include_router(routes_admin.router)
    if web:
        from interdict.web import install as install_web

        install_web(app)
    else:

        @app.get("/", include_in_schema=False)
        def root() -> RedirectResponse:
            return RedirectResponse("/v1/openapi.json")

    app.add_middleware(BodyLimit, default=body_limit, large=large_body_limit)
    return app
