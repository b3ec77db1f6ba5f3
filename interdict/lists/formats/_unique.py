"""The unique-id check every list reader makes: the store keys a list's entries by their list id."""

from __future__ import annotations

from interdict.core.errors import ListFormatError


class UniqueIds:
    """The list ids read so far from one file, each with where it first appeared.

    `expected` is the error's "what was expected" text; `{list_id}` and `{first}` (where the id first
    appeared) are filled in, so each format keeps its own wording.
    """

    def __init__(self, source: str, expected: str) -> None:
        self._source = source
        self._expected = expected
        self._first: dict[str, str] = {}

    def add(self, list_id: str, where: str) -> None:
        """Record `list_id` read at `where`, or raise a ListFormatError there if it was read before."""
        first = self._first.get(list_id)
        if first is not None:
            raise ListFormatError(self._source, where, self._expected.format(list_id=list_id, first=first))
        self._first[list_id] = where
