"""Plain parameter values skip typer's pydantic adapters, and come out as typer would return them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer._click.core import Context
from typer._coercion import build_runtime_param
from typer.core import _TyperParameter
from typer.testing import CliRunner

from interdict.cli import app
from interdict.cli.lazy import COMMANDS, load_command
from interdict.cli.plain_params import PlainRuntimeParam, unchanged
from tests.cli.test_startup import modules_after

SAMPLES: tuple[Any, ...] = ("Pak Jin Hyok", "", " 10 ", "any", "Kim\udcff", 0, 10, -3, 0.5, float("inf"),
                            True, False, b"x", Path("x"), ("a",))


def all_params() -> list[tuple[str, _TyperParameter]]:
    out = []
    for name in sorted(COMMANDS):
        stack = [load_command(name)]
        while stack:
            command = stack.pop()
            stack.extend(getattr(command, "commands", {}).values())
            out += [(f"{name} {command.name} {p.name}", p) for p in command.params
                    if isinstance(p, _TyperParameter)]
    return out


@pytest.mark.parametrize(("where", "param"), all_params(), ids=lambda x: x if isinstance(x, str) else "")
def test_values_returned_as_they_are_are_what_typer_returns(where: str, param: _TyperParameter) -> None:
    assert isinstance(param._runtime_param, PlainRuntimeParam), where
    typer_own = build_runtime_param(param.type_descriptor)
    ctx = Context(load_command("screen"))
    for value in (param.default, *SAMPLES):
        if value is not None and unchanged(param.type_descriptor, value):
            got = typer_own.coerce(value, param=param, ctx=ctx)
            assert got is value or (type(got) is type(value) and got == value), (where, value)


def test_other_values_are_coerced_and_refused_by_typer() -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["screen", "Pak Jin Hyok", "--limit", "x"])
    assert bad.exit_code == 2
    assert "Invalid value for '--limit'" in bad.stderr and "valid integer" in bad.stderr
    bad = runner.invoke(app, ["screen", "Pak Jin Hyok", "--threshold", "high"])
    assert bad.exit_code == 2 and "Invalid value for '--threshold'" in bad.stderr


def test_a_single_screen_and_help_import_no_pydantic(tmp_path: Path) -> None:
    for args in (["--help"], ["screen", "Pak Jin Hyok"], ["screen", "--help"]):
        loaded = modules_after(args, tmp_path)
        assert "typer" in loaded
        assert not {"pydantic", "typer._adapters"} & loaded, args
