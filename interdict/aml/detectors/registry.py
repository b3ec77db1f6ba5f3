"""The typology detectors, registered by name with their parameters and evidence documented.

Parameter docs are read from each detector's frozen parameter dataclass (field metadata), so the
documentation cannot drift from the defaults. Names follow AMLSim's typology names where one
exists (`fan_in`, `fan_out`, `cycle`, `scatter_gather`, `gather_scatter`, `stack`, `bipartite`;
AMLSim's `random` is `mule_chain`), plus `structuring`.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from interdict.aml.detectors.bipartite import BipartiteParams, detect_bipartite
from interdict.aml.detectors.common import Detector
from interdict.aml.detectors.cycle import CycleParams, detect_cycle
from interdict.aml.detectors.fan_in import FanParams, detect_fan_in
from interdict.aml.detectors.fan_out import detect_fan_out
from interdict.aml.detectors.mule_chain import MuleChainParams, detect_mule_chain
from interdict.aml.detectors.scatter_gather import (
    ScatterGatherParams,
    detect_gather_scatter,
    detect_scatter_gather,
)
from interdict.aml.detectors.stack import StackParams, detect_stack
from interdict.aml.detectors.structuring import StructuringParams, detect_structuring
from interdict.core.registry import FieldDoc, ParameterDoc, Registry

EVIDENCE = (
    FieldDoc("typology", "str", "the detector's name"),
    FieldDoc("accounts", "list[str]", "member accounts as the data names them (the hub first for fans)"),
    FieldDoc("transactions", "list[str]", "the transfers of the structure (ids as the data gives them)"),
    FieldDoc("start / end", "int", "Unix seconds of the first and last transfer"),
    FieldDoc("amount", "float", "value moved through the structure"),
    FieldDoc("score", "float", "0..1; how strongly the structure matches (see each module's doc)"),
    FieldDoc("explanation", "str", "one sentence for a reviewer"),
    FieldDoc("evidence", "dict", "the measured features and the parameters used"),
)


def _value(v: Any) -> Any:
    if hasattr(v, "__dataclass_fields__"):
        return {f.name: _value(getattr(v, f.name)) for f in fields(v)}
    return v


def parameter_docs(cls: type) -> tuple[ParameterDoc, ...]:
    """ParameterDocs of a parameter dataclass, from its fields' defaults and `doc` metadata."""
    instance = cls()
    return tuple(
        ParameterDoc(f.name, str(f.type), _value(getattr(instance, f.name)), str(f.metadata.get("doc", "")))
        for f in fields(cls)
    )


def _registry() -> Registry[Detector]:
    reg: Registry[Detector] = Registry("typology detector")
    for name, run, params in (
        ("fan_out", detect_fan_out, FanParams),
        ("fan_in", detect_fan_in, FanParams),
        ("cycle", detect_cycle, CycleParams),
        ("scatter_gather", detect_scatter_gather, ScatterGatherParams),
        ("gather_scatter", detect_gather_scatter, ScatterGatherParams),
        ("stack", detect_stack, StackParams),
        ("bipartite", detect_bipartite, BipartiteParams),
        ("mule_chain", detect_mule_chain, MuleChainParams),
        ("structuring", detect_structuring, StructuringParams),
    ):
        reg.register(name, Detector(name, run, params), summary=" ".join((run.__doc__ or "").split()),
                     parameters=parameter_docs(params), evidence=EVIDENCE)
    return reg


DETECTORS: Registry[Detector] = _registry()
