"""Which stored version of each list is active, what a load may not do to it, and the record of both.

The active version is a pointer (`list_active`), not a ranking recomputed on every read: a load
moves it forward only when its publication ranks above the active one (a later date; a dated
version above an undated one; among equals, the later load), and `interdict lists activate` moves
it to any stored version (rollback or roll-forward). A pointer is what makes a rollback stick: with
a pure ranking, a file dated 2099 would outrank every genuine publication for ever.

A load that would become active is refused (unless forced) when it states a publication date in the
future, or when it would drop more than a set share of the active version's entries: both are the
marks of a truncated, test or tampered file, and screening against it would release payments to
listed parties. Every load, forced load and activation is recorded in `list_events` (who, when,
why), which `interdict lists status` shows. The tables and their SQL live in
`interdict.lists.storage.activation`; this module holds the rules and the records' types.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from interdict.core.errors import ConfigError, InputError
from interdict.lists.parsed import ParsedList

DEFAULT_MAX_DROP = 0.20
MAX_DROP_ENV = "INTERDICT_LIST_MAX_DROP"
# Publication dates are written in the publisher's time zone; one day covers any zone and a clock
# that is a little behind.
CLOCK_SKEW = timedelta(days=1)



class LoadRefused(InputError):
    """A list file that would replace the active version fails a safety rule (`--force` overrides)."""


@dataclass(frozen=True, slots=True)
class LoadPolicy:
    """The rules a load that would become active must pass, unless forced."""

    max_drop: float = DEFAULT_MAX_DROP  # largest share of the active version's entries a load may drop
    force: bool = False
    actor: str = field(default_factory=lambda: default_actor())
    reason: str | None = None

    @classmethod
    def from_env(cls, *, force: bool = False, max_drop_percent: float | None = None,
                 reason: str | None = None) -> LoadPolicy:
        """The policy of a command: `--max-drop` if given, else `$INTERDICT_LIST_MAX_DROP`, else 20 %."""
        if max_drop_percent is None:
            text = os.environ.get(MAX_DROP_ENV)
            try:
                max_drop_percent = float(text) if text else DEFAULT_MAX_DROP * 100
            except ValueError as exc:
                raise ConfigError(f"${MAX_DROP_ENV}={text!r}: expected a percentage such as 20") from exc
        if not 0 <= max_drop_percent <= 100:
            raise ConfigError(f"the largest drop of entries is a percentage 0-100, not {max_drop_percent}")
        return cls(max_drop=max_drop_percent / 100, force=force, reason=reason)


@dataclass(frozen=True, slots=True)
class ListEvent:
    """One recorded change of a list: a load, a forced load, an activation."""

    at: str
    list: str
    version: int
    action: str  # "load", "load.forced", "activate"
    actor: str
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape for `interdict lists status --json`."""
        return asdict(self)


def default_actor() -> str:
    """Who runs this command, as recorded in `list_events`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry (some containers)
        return "cli"


def earliest_day(published: str) -> date | None:
    """The first day a publication date (`2026`, `2026-02`, `2026-02-27...`) can mean."""
    parts = published[:10].split("-")
    try:
        year, month, day = (int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                            int(parts[2]) if len(parts) > 2 else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def ranks_above(new_published: str | None, active_published: str | None) -> bool:
    """Whether a new load outranks the active version (equal publications: the newer load wins)."""
    if new_published is None:
        return active_published is None
    return active_published is None or new_published >= active_published


def refusals(parsed: ParsedList, active: tuple[int, str | None, int] | None, policy: LoadPolicy,
             today: date | None = None) -> list[str]:
    """Every rule `parsed` breaks; `active` is (version, published, entries) of the version it would
    replace, or None when it would not become active (nothing of it would then be screened)."""
    today = today or datetime.now(UTC).date()
    broken: list[str] = []
    day = earliest_day(parsed.published) if parsed.published else None
    if day is not None and day > today + CLOCK_SKEW:
        broken.append(f"its publication date {parsed.published} is in the future (today is {today})")
    if active is not None:
        version, _, count = active
        kept = len(parsed.entities)
        if count and (count - kept) / count > policy.max_drop:
            broken.append(
                f"it holds {kept:,} entries against {count:,} in the active {parsed.list} version {version}"
                f" (a drop of {(count - kept) / count:.1%}; at most {policy.max_drop:.0%} is allowed)")
    return broken


def check(parsed: ParsedList, active: tuple[int, str | None, int] | None, policy: LoadPolicy) -> list[str]:
    """The rules broken (to record when forced); raise LoadRefused when any is broken and not forced."""
    broken = refusals(parsed, active, policy)
    if broken and not policy.force:
        keep = f"; the active version {active[0]} stays" if active else ""
        raise LoadRefused(parsed.source or parsed.list, None,
                          f"refused to load the {parsed.list} list: " + "; ".join(broken) + keep
                          + ". Check the file; load it anyway with --force.")
    return broken
