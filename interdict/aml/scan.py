"""Run the typology detectors over a `TransferTable`: which ones, with which parameters, above
which score; alerts come back strongest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.registry import DETECTORS
from interdict.aml.table import TransferTable


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Alerts (score >= threshold, strongest first) and, per typology, how many fired, the wall-clock
    seconds and the CPU seconds (this process; on a loaded machine the wall clock says little)."""

    alerts: list[TypologyAlert]
    counts: dict[str, int]
    seconds: dict[str, float]
    cpu_seconds: dict[str, float] = field(default_factory=dict)


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
    cpu: dict[str, float] = {}
    for name in names:
        detector = DETECTORS[name]
        start, start_cpu = time.perf_counter(), time.process_time()
        found = [a for a in detector(table, (params or {}).get(name)) if a.score >= threshold]
        seconds[name] = round(time.perf_counter() - start, 3)
        cpu[name] = round(time.process_time() - start_cpu, 3)
        counts[name] = len(found)
        alerts.extend(found)
    alerts.sort(key=lambda a: (-a.score, a.typology, a.start))
    return ScanResult(alerts, counts, seconds, cpu)
