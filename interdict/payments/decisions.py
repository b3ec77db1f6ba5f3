"""Turn errors, screening hits and control results into release / hold / reject with reasons.

Fail closed: a format error, or any exception in screening or controls, gives `hold` with the error
as a reason (`decide_safely`). The strictest action among the reasons wins: reject > hold > release;
flagged controls add one point each and hold when they reach the policy's `hold_points`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from interdict.core.errors import MessageFormatError
from interdict.core.payment import Payment
from interdict.payments.controls.rules import ControlResult
from interdict.payments.policy import ControlSettings, Policy
from interdict.payments.screen import Hit

RELEASE, HOLD, REJECT = "release", "hold", "reject"
_RANK = {RELEASE: 0, HOLD: 1, REJECT: 2}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a payment was held or rejected (or what was noted on a released one)."""

    kind: str  # "error", "sanctions", "embargo", "control", "suppressed", "duplicate"
    action: str  # "reject", "hold", "flag", "info"
    message: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kind": self.kind,
            "action": self.action,
            "message": self.message,
            **({"detail": self.detail} if self.detail else {}),
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """The decision on one message, with everything needed to show and audit it."""

    message_id: str
    uetr: str | None
    type: str
    source: str
    decision: str
    reasons: tuple[Reason, ...]
    parties: tuple[dict[str, Any], ...] = ()
    sender: str | None = None
    # The active list versions the message was screened against ((list, version) pairs, sorted).
    list_versions: tuple[tuple[str, int], ...] = ()
    event_time: str | None = None  # UTC ISO time the controls used (event_time.py)
    clock: str | None = None  # where it was read: "13C/SNDTIME", "block2", "CreDtTm", "wall"
    risk: float | None = None  # 0-100, from the fired controls (risk_score)

    def to_dict(self) -> dict[str, Any]:
        """The `--out` JSON line."""
        return {
            "message_id": self.message_id,
            "uetr": self.uetr,
            "type": self.type,
            "source": self.source,
            "decision": self.decision,
            "reasons": [r.to_dict() for r in self.reasons],
            "parties": list(self.parties),
            "list_versions": dict(self.list_versions),
            **({"event_time": self.event_time, "clock": self.clock} if self.clock else {}),
            **({"risk": self.risk} if self.risk is not None else {}),
        }


def party_summary(payment: Payment | None) -> tuple[dict[str, Any], ...]:
    """The parties as short dicts (role, name, BIC, account, country)."""
    if payment is None:
        return ()
    out = []
    for p in payment.parties:
        d: dict[str, Any] = {"role": p.role} if p.role else {}
        for key, value in (
            ("field", p.source),
            ("name", p.name),
            ("bic", p.bic),
            ("account", p.account.value if p.account else None),
            ("country", p.country),
        ):
            if value:
                d[key] = value
        out.append(d)
    return tuple(out)


_RECORD = (
    "format", "reference", "end_to_end_id", "related_reference", "sender_bic", "receiver_bic", "amount",
    "currency", "value_date", "instructed_amount", "instructed_currency", "exchange_rate", "charges",
    "created_at", "validation_flag",
)  # fmt: skip


def payment_record(payment: Payment) -> dict[str, Any]:
    """What is stored of the payment beside its decision: the header facts and texts (the parties
    are stored with the decision)."""
    out: dict[str, Any] = {k: v for k in _RECORD if (v := getattr(payment, k)) is not None}
    out["texts"] = [{"source": t.source, "text": t.text} for t in payment.texts]
    out["codes"] = [list(c) for c in payment.codes]
    return out


def decide(
    message_id: str,
    kind: str,
    source: str,
    payment: Payment | None,
    errors: Sequence[MessageFormatError],
    hits: Sequence[Hit],
    controls: Sequence[ControlResult],
    policy: Policy,
    controls_policy: ControlSettings | None = None,
) -> Decision:
    """Apply the policy to everything found about one message; `controls_policy` is the sender's
    control settings (the policy's defaults with the sender's overrides)."""
    reasons = [Reason("error", HOLD, str(e), {"location": e.location}) for e in errors]
    reasons += [_hit_reason(h, policy) for h in hits]
    ctrl = controls_policy or policy.controls
    blocking, watched = _control_reasons(controls, ctrl)
    reasons += blocking
    decision = _strictest(reasons, ctrl)
    if decision == HOLD and _strictest(reasons, None) == RELEASE:  # the flags' points alone hold
        reasons.append(Reason("control", HOLD, _points_why(reasons, ctrl), {"control": "hold_points"}))
    risk = risk_score(controls, ctrl) if controls else None
    if decision == RELEASE and risk is not None and ctrl.risk_hold is not None and risk >= ctrl.risk_hold:
        decision = HOLD
        reasons.append(
            Reason(
                "control", HOLD, f"risk score {risk:.0f} (hold at {ctrl.risk_hold:g})", {"control": "risk"}
            )
        )
    if watched:
        reasons += watched
        would = _strictest([*reasons, *(replace(r, action=r.detail["would"]) for r in watched)], ctrl)
        if _RANK.get(would, 0) > _RANK[decision]:
            names = ", ".join(r.detail["control"] for r in watched)
            reasons.append(
                Reason(
                    "monitoring", "info", f"monitoring: would have been {would} ({names})", {"would": would}
                )
            )
    if payment is None and decision == RELEASE:  # nothing readable is never released
        decision = HOLD
    return Decision(
        message_id,
        payment.uetr if payment else None,
        kind,
        source,
        decision,
        tuple(reasons),
        party_summary(payment),
        None,
        risk=risk,
    )


def _control_reasons(
    controls: Sequence[ControlResult], ctrl: ControlSettings
) -> tuple[list[Reason], list[Reason]]:
    """The fired controls' reasons: blocking ones, and monitored ones (action "monitor", with the
    action they would have taken in `detail["would"]`)."""
    blocking, watched = [], []
    for c in controls:
        if not c.fired:
            continue
        act = getattr(ctrl, c.control, "flag")
        if ctrl.mode(c.control) == "monitoring":
            detail = {"control": c.control, "mode": "monitoring", "would": act}
            watched.append(Reason("control", "monitor", f"{c.control} (monitoring): {c.why}", detail))
        else:
            blocking.append(Reason("control", act, f"{c.control}: {c.why}", {"control": c.control}))
    return blocking, watched


def _strictest(reasons: Sequence[Reason], ctrl: ControlSettings | None) -> str:
    """Reject > hold > release; flagged controls reaching `hold_points` hold (unless `ctrl` is None)."""
    decision = RELEASE
    for r in reasons:
        if r.action in _RANK and _RANK[r.action] > _RANK[decision]:
            decision = r.action
    if decision == RELEASE and ctrl is not None and _points(reasons) >= ctrl.hold_points:
        decision = HOLD
    return decision


def _points(reasons: Sequence[Reason]) -> int:
    return sum(1 for r in reasons if r.kind == "control" and r.action == "flag")


def _points_why(reasons: Sequence[Reason], ctrl: ControlSettings) -> str:
    return f"{_points(reasons)} controls flagged (hold at {ctrl.hold_points})"


def risk_score(controls: Sequence[ControlResult], ctrl: ControlSettings) -> float:
    """0-100: 100 x (1 - product of (1 - weight)) over the fired controls (blocking or monitored),
    each weighing `risk_weights[control]` (0-1; unlisted controls 0.2). Independent signals add up
    without passing 100: new beneficiary (0.30) + new country (0.25) + odd hours (0.25) give 60."""
    keep = 1.0
    for c in controls:
        if c.fired:
            keep *= 1.0 - min(max(ctrl.risk_weights.get(c.control, 0.2), 0.0), 1.0)
    return round(100 * (1.0 - keep), 1)


def _hit_reason(h: Hit, policy: Policy) -> Reason:
    s = policy.screening
    if h.suppressed_by is not None:
        e = h.suppressed_by
        return Reason(
            "suppressed",
            "info",
            f"{h.where}: {h.value!r} ~ {h.entity_name} ({h.entity}) suppressed "
            f"by allow-list entry of {e.author} ({e.reason}; expires {e.expires or 'never'})",
            h.to_dict(),
        )
    if h.kind == "embargo":
        return Reason(
            "embargo",
            s.embargo_action,
            f"{h.where}: {h.value} is under embargo ({h.entity_name})",
            h.to_dict(),
        )
    if h.kind == "embargo_text":
        word = h.explanation.get("word", "")
        return Reason(
            "embargo", s.embargo_text_action, f"{h.where}: names {word!r} ({h.entity_name})", h.to_dict()
        )
    if h.kind == "identifier":
        # A number found inside free text may be a coincidence: hold for review, never reject on it.
        in_text = h.where.endswith("text identifier")
        return Reason(
            "sanctions",
            HOLD if in_text and s.identifier_action == REJECT else s.identifier_action,
            f"{h.where}: {h.value} is an identifier of listed {h.entity_name} ({h.entity})",
            h.to_dict(),
        )
    action = REJECT if h.score >= s.reject_score else (HOLD if h.score >= s.hold_score else "info")
    if h.kind == "text" and h.entity_kind == "vessel" and h.where.endswith(" address") and action == HOLD:
        action = s.vessel_in_address_action
    return Reason(
        "sanctions",
        action,
        f"{h.where}: {h.value!r} matches listed {h.entity_name} ({h.entity}) score {h.score:.2f}",
        h.to_dict(),
    )


def error_decision(
    message_id: str, kind: str, source: str, payment: Payment | None, exc: BaseException
) -> Decision:
    """Fail closed: the decision for a message whose screening or controls raised."""
    reason = Reason("error", HOLD, f"{source}: internal error while deciding: {type(exc).__name__}: {exc}")
    return Decision(
        message_id, payment.uetr if payment else None, kind, source, HOLD, (reason,), party_summary(payment)
    )
