"""Request size limits, enforced before a handler reads the body (declared and streamed sizes)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interdict.api.problems import problem

DEFAULT_LIMIT = 1024 * 1024  # 1 MiB: a screening batch of thousands of names fits
LARGE_LIMIT = 10 * 1024 * 1024  # payment message files and case attachments
LARGE_PATHS = ("/v1/payments/screen", "/v1/cases/", "/web/cases/")


class BodyLimit:
    """ASGI middleware answering 413 for bodies above the path's limit."""

    def __init__(self, app: ASGIApp, default: int = DEFAULT_LIMIT, large: int = LARGE_LIMIT) -> None:
        self.app = app
        self.default = default
        self.large = large

    def limit_for(self, path: str) -> int:
        """The byte limit for a request path."""
        return self.large if path.startswith(LARGE_PATHS) else self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(scope, receive, send, limit)
            return
        seen = 0
        started = refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not started:
                    # Answer now and tell the app the client left: the framework's body parser
                    # would otherwise turn an exception here into a generic 400.
                    refused = True
                    await self._refuse(scope, receive, send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except Exception:
            if not refused:
                raise

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem(413, f"request body larger than {limit} bytes", instance=scope["path"])
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
