"""AML use cases: scan transfer files for laundering typologies, write the alerts, raise cases."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interdict.aml.alert import TypologyAlert
    from interdict.aml.table import TransferTable
    from interdict.cases.alerts import AlertInput
    from interdict.cases.store import CaseStore
    from interdict.cases.users import Actor


@dataclass(frozen=True, slots=True)
class ScanRequest:
    """What to scan, how, and where the alerts go.

    `profile`: `auto` picks `amlsim` for AMLSim data and `default` otherwise. Alerts scoring at
    least `threshold` are kept; with `cases`, each becomes an alert in the case store (a re-run
    adds nothing: alerts are deduplicated on their typology, transfers and data).
    """

    paths: list[Path]
    format: str = "auto"
    typologies: list[str] | None = None
    threshold: float = 0.0
    profile: str = "auto"
    out: Path | None = None
    cases: bool = False
    data_name: str | None = None  # names the data in case alerts (default: the paths)
    model: Path | None = None  # a ranker model file (`interdict aml train`): adds its scores and alerts


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan found: alerts (as `TypologyAlert.to_dict()`), counts and seconds per typology."""

    format: str
    profile: str
    transfers: int
    accounts: int
    alerts: list[dict[str, Any]]
    counts: dict[str, int]
    seconds: dict[str, float]
    cases: list[int] = field(default_factory=list)
    new_alerts: int = 0

    def to_json(self) -> dict[str, Any]:
        """The `--json` object."""
        return {"format": self.format, "profile": self.profile, "transfers": self.transfers,
                "accounts": self.accounts, "counts": self.counts, "seconds": self.seconds,
                "cases": self.cases, "new_alerts": self.new_alerts, "alerts": self.alerts}


def scan_files(req: ScanRequest, store: CaseStore | None = None, actor: Actor | None = None) -> ScanResult:
    """Read the paths, run the detectors, write `req.out` (JSON lines) and raise cases if asked."""
    from interdict.aml.profiles import profile
    from interdict.aml.scan import scan
    from interdict.aml.sources.recognise import detect, read_paths
    from interdict.core.errors import InputError

    fmt = req.format if req.format != "auto" else ",".join(sorted({detect(p) for p in req.paths}))
    chosen = req.profile if req.profile != "auto" else ("amlsim" if fmt == "amlsim" else "default")
    table = read_paths(req.paths, req.format)
    if req.typologies:
        from interdict.aml.detectors.registry import DETECTORS

        for name in req.typologies:
            DETECTORS.get(name)  # an unknown name is an error naming the known ones
    if not 0.0 <= req.threshold <= 1.0:
        raise InputError("--threshold", None, f"{req.threshold}: expected a score in [0, 1]")
    found = scan(table, req.typologies, profile(chosen), req.threshold)
    if req.model is not None:
        from interdict.services.aml_model import apply_model

        found = apply_model(req.model, table, found, req.threshold)
    if req.out is not None:
        write_alerts(req.out, found.alerts)
    cases: list[int] = []
    new = 0
    if req.cases and found.alerts:
        if store is None or actor is None:
            raise InputError("cases", None, "raising cases needs the case store and an acting user")
        data = req.data_name or ",".join(str(p.resolve()) for p in req.paths)
        cases, new = raise_cases(store, actor, table, found.alerts, data)
    return ScanResult(fmt, chosen, table.n_transfers, table.n_accounts,
                      [a.to_dict() for a in found.alerts], found.counts, found.seconds, cases, new)


def write_alerts(path: Path, alerts: list[TypologyAlert]) -> None:
    """One alert per line, as `TypologyAlert.to_dict()`."""
    with path.open("w", encoding="utf-8") as fh:
        for a in alerts:
            fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")


def alert_input(alert: TypologyAlert, data: str, picture: str | None) -> AlertInput:
    """The case-store alert of a typology alert: its subject is the structure's first account (the
    hub of a fan), its reference the typology and transfers (so a re-run is a duplicate)."""
    from interdict.cases.alerts import AlertInput

    digest = hashlib.sha256("\n".join(sorted(alert.transactions)).encode()).hexdigest()[:24]
    subject = alert.accounts[0]
    return AlertInput(
        source="aml",
        source_ref=f"aml:{alert.typology}:{digest}",
        subject_key=f"account:{subject}",
        subject_name=subject,
        summary=alert.explanation,
        query={"typology": alert.typology, "data": data},
        payload={"alert": alert.to_dict(), "picture": picture},
        explanation={"typology": alert.typology, "explanation": alert.explanation,
                     "score": alert.score, "accounts": len(alert.accounts),
                     "transfers": len(alert.transactions),
                     **{k: v for k, v in alert.evidence.items() if k != "params"}},
        score=alert.score,
    )


def raise_cases(
    store: CaseStore, actor: Actor, table: TransferTable, found: list[TypologyAlert], data: str
) -> tuple[list[int], int]:
    """Each alert into its subject's case, with its picture; (case ids, alerts newly created)."""
    from interdict.aml.picture import typology_svg
    from interdict.cases import alerts

    index = {t: i for i, t in enumerate(table.tx)}
    cases: list[int] = []
    new = 0
    with store.write() as session:
        for a in found:
            _, case, how = alerts.ingest(session, actor, alert_input(a, data, typology_svg(table, a, index)))
            new += how == "created"
            if case is not None and case.id not in cases:
                cases.append(case.id)
    return cases, new


def detector_docs() -> list[dict[str, Any]]:
    """Every registered detector's documentation (name, summary, parameters, evidence)."""
    from interdict.aml.detectors.registry import DETECTORS

    return [entry.explain().to_dict() for entry in DETECTORS]


def scan_upload(
    store: CaseStore, actor: Actor, data: bytes, fmt: str, typologies: list[str] | None,
    threshold: float, alert: bool,
) -> dict[str, Any]:
    """`POST /v1/aml/scan`: scan one uploaded CSV (a transfer file or an AMLworld *_Trans.csv)."""
    import tempfile

    from interdict.core.errors import InputError

    if not data.strip():
        raise InputError("request body", None, "empty: send the CSV file's bytes")
    with tempfile.TemporaryDirectory(prefix="interdict-aml-") as tmp:
        path = Path(tmp) / "upload_Trans.csv" if data.startswith(b"Timestamp,") else Path(tmp) / "upload.csv"
        path.write_bytes(data)
        name = "upload:" + hashlib.sha256(data).hexdigest()[:16]
        req = ScanRequest([path], fmt, typologies, threshold, "auto", None, alert, name)
        return scan_files(req, store, actor).to_json()
