"""`interdict screen`: screen one name or a batch file against the loaded lists."""

from __future__ import annotations


def screen() -> None:
    """Screen a name (or a pasted identifier) against the loaded lists."""
    raise NotImplementedError
