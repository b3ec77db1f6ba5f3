"""Actor names read out of an attribution text, from the table `data/actors.tsv`.

A documented case often says who did it in a sentence ("FBI: Lazarus Group / APT38 (quoted in
source)"). The names a sanctions monitor groups by are few and well known, so they are a table a
reviewer can read, not a model: each mention maps to the actor it stands for and its kind, the
longest mention winning where two overlap ("Lazarus Group" over "Lazarus").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "actors.tsv"


@dataclass(frozen=True, slots=True)
class KnownActor:
    """A mention as texts write it, the actor it names and whether that is a person or a group."""

    mention: str
    actor: str
    kind: str  # person, organization


@cache
def known_actors(path: Path = DATA) -> tuple[KnownActor, ...]:
    """The table, longest mention first."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            mention, actor, kind = (part.strip() for part in line.split("\t"))
            rows.append(KnownActor(mention, actor, kind))
    return tuple(sorted(rows, key=lambda r: -len(r.mention)))


def kind_of(actor: str) -> str:
    """"person" or "organization" for a known actor, "unknown" otherwise."""
    return next((k.kind for k in known_actors() if k.actor.lower() == actor.lower()), "unknown")


def mentions(text: str) -> list[KnownActor]:
    """Known actors named in `text`, once each, in the order they first appear."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, KnownActor]] = []
    for known in known_actors():
        pattern = r"(?<![\w])" + re.escape(known.mention).replace(r"\ ", r"\s+") + r"(?![\w])"
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), known))
    out: dict[str, KnownActor] = {}
    for _, known in sorted(found, key=lambda f: f[0]):
        out.setdefault(known.actor, known)
    return list(out.values())
