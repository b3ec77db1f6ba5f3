"""The payment controls, registered by name with the settings they read and what they return.

Each control is a pure function of a `ControlContext` (see `rules`); every control's action
("off", "flag", "hold") is the `ControlSettings` field of its own name. Defaults are read from
`ControlSettings`, so the documentation cannot drift from the policy's model.
"""

from __future__ import annotations

from interdict.core.registry import FieldDoc, ParameterDoc, Registry
from interdict.payments.controls.rules import CONTROLS, Control, ControlContext, ControlResult, NoveltyControl
from interdict.payments.policy import ControlSettings

_ALLOW = ("allow_counterparties", "counterparties the novelty controls never treat as new")

# The settings each control reads besides its own action, with what they mean.
_SETTINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "new_beneficiary": (_ALLOW,),
    "new_country": (_ALLOW,),
    "new_corridor": (_ALLOW,),
    "new_bank": (_ALLOW,),
    "unusual_amount": (
        ("amount_robust_z", "robust z-score |x - median| / (1.4826 MAD) above which it fires"),
        ("amount_min_history", "past payments in the corridor needed before it can fire"),
    ),
    "velocity": (
        ("velocity_window_minutes", "length of the sliding window"),
        ("velocity_max_count", "payments allowed within one window"),
        ("velocity_learned_factor", "the limit rises to this multiple of the learned peak (None: fixed)"),
    ),
    "daily_aggregate": (
        ("daily_max_amount", "total value allowed on one local day (None: no limit)"),
        ("daily_max_count", "payments allowed on one local day (None: no limit)"),
    ),
    "outside_hours": (("business_hours", "the sender's local business hours, HH:MM-HH:MM"),),
    "individual_from_institutional_account": (
        ("institutional_min_history", "past payments needed before it can fire"),
        _ALLOW,
    ),
    "near_duplicate": (
        ("near_duplicate_hours", "look-back window in hours"),
        ("near_duplicate_amount_tolerance", "relative amount difference still counted as the same"),
    ),
    "beneficiary_misspelling": (
        ("misspelling_min_score", "rapidfuzz ratio (0-100) at which a name is a misspelling"),
        _ALLOW,
    ),
    "corridor_aggregate": (
        ("corridor_limits", "per-corridor daily value and count limits ('*' for any corridor)"),
        ("corridor_learned_factor", "multiple of the largest learned day in the corridor (None: off)"),
        ("corridor_min_days", "learned days needed before the learned limit applies"),
    ),
    "forbidden_counterparty": (
        ("forbid_counterparties", "beneficiary accounts, names or bank BICs always refused"),
    ),
}

_EVIDENCE = (
    FieldDoc("control", "str", "the control's registered name"),
    FieldDoc("fired", "bool", "whether the control fired on this payment"),
    FieldDoc("why", "str", "the reason, with the values compared (also when it stays quiet)"),
)


def _parameter(field: str, meaning: str) -> ParameterDoc:
    info = ControlSettings.model_fields[field]
    default = info.get_default(call_default_factory=True)
    return ParameterDoc(field, str(info.annotation).replace("typing.", ""), default, meaning)


def _parameters(name: str) -> tuple[ParameterDoc, ...]:
    action = _parameter(name, "the action when it fires: off, info, flag (one point), hold or reject")
    return (action, *(_parameter(f, m) for f, m in _SETTINGS.get(name, ())))


def _registry() -> Registry[Control]:
    reg: Registry[Control] = Registry("payment control")
    for name, fn in CONTROLS.items():
        summary = fn.summary if isinstance(fn, NoveltyControl) else None
        reg.register(name, fn, summary=summary, parameters=_parameters(name), evidence=_EVIDENCE)
    return reg


PAYMENT_CONTROLS: Registry[Control] = _registry()


def run_control(name: str, ctx: ControlContext) -> ControlResult:
    """Run one registered control by name."""
    return PAYMENT_CONTROLS[name](ctx)
