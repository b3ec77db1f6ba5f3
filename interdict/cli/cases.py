"""`interdict serve`, `users`, `keys`, `cases`, `audit`: the case store and its servers."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the case-store commands to the root app."""
