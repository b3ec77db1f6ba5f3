"""The list versions a screening is made against: recorded with every decision, compared on repeats."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from interdict.core.store import Connection


@dataclass(frozen=True, slots=True)
class ListState:
    """The active version of every list (`versions`) and the list store's state token for them."""

    token: str
    versions: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, int]:
        """JSON form: `{"un": 3, "ofac_sdn": 12}`."""
        return dict(self.versions)


NO_LISTS = ListState("", ())


def list_state(conn: Connection) -> ListState:
    """The active list versions of the store behind `conn` (one consistent read)."""
    from interdict.lists.store import ListStore

    store = ListStore(conn)
    active = tuple(sorted((v.list, v.version) for v in store.active_versions()))
    return ListState(store.state_token(), active)


def versions_json(versions: tuple[tuple[str, int], ...]) -> str:
    """The stored form of a decision's list versions (sorted keys: equal versions give equal text)."""
    return json.dumps(dict(sorted(versions)), sort_keys=True)


def versions_from_json(text: Any) -> tuple[tuple[str, int], ...] | None:
    """The list versions stored with a decision; None when unknown (decided before they were kept)."""
    if not isinstance(text, str):
        return None
    return tuple(sorted((str(k), int(v)) for k, v in json.loads(text).items()))


# The versions of a decision stored before versions were recorded: equal to no list state.
UNKNOWN_VERSIONS: tuple[tuple[str, int], ...] = (("(unknown)", -1),)
