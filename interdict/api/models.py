"""Request bodies of the API (pydantic): sizes are bounded so no field can be used to flood the store."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from interdict.services.screening import ScreenRequest as ScreenRequest


class Strict(BaseModel):
    """Unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class BatchRequest(Strict):
    """Many queries at once."""

    queries: list[ScreenRequest] = Field(min_length=1, max_length=1000)


class AlertRequest(Strict):
    """An alert from any engine's output, in that engine's JSON shape."""

    source: Literal["screening", "payment", "trace"]
    query: dict[str, Any] | None = None  # screening: the screened query
    candidate: dict[str, Any] | None = None  # screening: Candidate.to_dict()
    decision: dict[str, Any] | None = None  # payment: one line of `payments screen --out`
    result: dict[str, Any] | None = None  # trace: `trace taint --json`
    exit: dict[str, Any] | None = None  # trace: one of result["exits"]
    picture: str | None = Field(default=None, max_length=500_000)  # trace: the SVG flow picture


class Versioned(Strict):
    """A change that fails with 409 if the case moved on since the client read `version`."""

    version: int | None = None


class AssignRequest(Versioned):
    """Give a case to someone."""

    assignee: str = Field(min_length=1, max_length=100)


class TextRequest(Versioned):
    """A comment, or the reason of an escalation."""

    text: str = Field(min_length=1, max_length=20_000)


class DecisionRequest(Versioned):
    """Close a case."""

    outcome: Literal["true_match", "false_positive", "not_relevant"]
    reason: str = Field(min_length=1, max_length=20_000)


class CorrectionRequest(Strict):
    """A supervisor's correction of an earlier decision."""

    event_id: int
    outcome: Literal["true_match", "false_positive", "not_relevant", "reopen"]
    reason: str = Field(min_length=1, max_length=20_000)


class HoldRequest(Versioned):
    """Approve the release of, or reject, a held payment."""

    reason: str = Field(min_length=1, max_length=20_000)


class AllowRequest(Strict):
    """An allow-list entry from a false-positive screening alert."""

    reason: str = Field(min_length=1, max_length=5_000)
    days: int = Field(default=365, ge=1, le=3 * 365)


class UserRequest(Strict):
    """A new user."""

    name: str = Field(min_length=1, max_length=100)
    role: Literal["analyst", "supervisor", "admin", "auditor"]
    password: str | None = Field(default=None, min_length=8, max_length=200)


class KeyRequest(Strict):
    """A new API key for a user."""

    user: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=100)


class TraceRequest(Strict):
    """A forward taint trace from theft sources."""

    sources: list[str] = Field(min_length=1, max_length=100, alias="from")
    policy: Literal["poison", "haircut", "fifo", "lifo", "tiho"] = "haircut"
    max_hops: int = Field(default=10, ge=1, le=50)
    alert: bool = False
