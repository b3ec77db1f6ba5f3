"""Parameter values typer would return unchanged, returned without building a pydantic adapter.

typer (0.29) coerces every parameter's value, defaults included, through a pydantic
`TypeAdapter` built on first use: for `interdict screen NAME` that is 14 adapters and the import
of pydantic, ~0.1 s of a start-up that should stay under 0.5 s (issue 12 §3). A plain `str`,
`int`, `float` or `bool` value of a parameter of exactly that type, without parser, click type or
bounds, comes out of the adapter as the same object; such values are returned as they are. Any
other value (a number typed on the command line, a path, a choice...) goes through typer's own
coercion, built as typer builds it, so answers and error messages are typer's.
`tests/cli/test_plain_params.py` checks both against typer's adapters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer.core import _TyperParameter

if TYPE_CHECKING:
    from typer._click.core import Command, Context

_PLAIN = (str, int, float, bool)


def unchanged(descriptor: TypeDescriptor, value: Any) -> bool:
    """True when typer's adapter for this parameter would return `value` itself."""
    annotation = descriptor.annotation
    info = descriptor.parameter_info
    if annotation not in _PLAIN or type(value) is not annotation:
        return False
    if descriptor.file_annotation is not None or info.parser is not None \
            or getattr(info, "click_type", None) is not None:
        return False
    if annotation is str:
        try:
            value.encode("utf-8")  # lone surrogates (undecodable argv bytes): pydantic decides
        except UnicodeEncodeError:
            return False
        return True
    return annotation is bool or (info.min is None and info.max is None and not info.clamp)


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):
    """Returns unchanged values as they are; hands anything else to typer's own coercion."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        if unchanged(self.descriptor, value):
            return value
        typer_own = build_runtime_param(self.descriptor)
        param._runtime_param = typer_own  # later values of this parameter go straight to it
        return typer_own.coerce(value, param=param, ctx=ctx)


def _eligible(param: object) -> bool:
    # Any typer parameter: a value left None never reaches an adapter (RuntimeParam.coerce), and
    # every other value that is not `unchanged` is coerced by typer's own runtime parameter.
    return isinstance(param, _TyperParameter) and param._runtime_param is None


def use_plain_params(command: Command, params: Iterable[object] | None = None) -> None:
    """Give every eligible parameter of a command (`params`, by default its own, without the help
    option made later) and of its subcommands the plain coercion."""
    for param in command.params if params is None else params:
        if _eligible(param):
            assert isinstance(param, _TyperParameter)
            descriptor = param.type_descriptor
            param._runtime_param = PlainRuntimeParam(parameter_info=descriptor.parameter_info,
                                                     annotation=descriptor.annotation,
                                                     descriptor=descriptor)
    if params is None:
        for sub in getattr(command, "commands", {}).values():
            use_plain_params(sub)
