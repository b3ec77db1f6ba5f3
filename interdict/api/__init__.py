"""The HTTP API (`/v1`, FastAPI): the engines and the case store for other systems."""

from __future__ import annotations

from interdict.api.app import create_app

__all__ = ["create_app"]
