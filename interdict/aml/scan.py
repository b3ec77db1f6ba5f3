"""Run the typology detectors over a `TransferTable`: which ones, with which parameters, above
which score; alerts come back strongest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.registry import DETECTORS
from interdict.aml.table import TransferTable


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Alerts (score >= threshold, strongest first) and, per typology, how many fired and the seconds."""

    alerts: list[TypologyAlert]
    counts: dict[str, int]
    seconds: dict[str, float]


def scan(
    table: TransferTable,
    typologies: Sequence[str] | None = None,
    params: Mapping[str, Any] | None = None,
    threshold: float = 0.0,
) -> ScanResult:
    """Run the named detectors (all when None) with `params[name]` (else defaults)."""
    import time

    names = list(typologies) if typologies else DETECTORS.names()
    alerts: list[TypologyAlert] = []
    counts: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for name in names:
        detector = DETECTORS[name]
        start = time.perf_counter()
        found = [a for a in detector(table, (params or {}).get(name)) if a.score >= threshold]
        seconds[name] = round(time.perf_counter() - start, 3)
        counts[name] = len(found)
        alerts.extend(found)
    alerts.sort(key=lambda a: (-a.score, a.typology, a.start))
    return ScanResult(alerts, counts, seconds)
