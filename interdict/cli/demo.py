"""`interdict demo`: load the lists and screen a handful of names."""

from __future__ import annotations


def demo() -> None:
    """Load the lists (shared data, official download or bundled sample) and screen sample names."""
    raise NotImplementedError
