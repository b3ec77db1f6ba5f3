"""List use cases: the versions in the local store, what changed between two of them."""

from __future__ import annotations

from datetime import date
from typing import Any

from interdict.services._lock import locked_connection


def list_status() -> dict[str, Any]:
    """Versions of every list in the local store (active ones marked)."""
    from interdict.core import config
    from interdict.lists.store import ListStore

    if not config.database_path().exists():
        return {"lists": [], "checked": date.today().isoformat()}
    with locked_connection(read_only=True) as conn:
        versions = [v.to_dict() for v in ListStore(conn).versions()]
    return {"lists": versions, "checked": date.today().isoformat()}


def list_diff(list_name: str, old: int | None, new: int | None) -> dict[str, Any]:
    """What changed in one list between two versions (defaults: the last two)."""
    from interdict.lists.store import ListStore

    with locked_connection(read_only=True) as conn:
        diff = ListStore(conn).diff(list_name, old, new)
    to_dict = getattr(diff, "to_dict", None)
    return dict(to_dict()) if callable(to_dict) else {"diff": str(diff)}
