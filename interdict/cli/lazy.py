"""Command groups imported only when run, so `interdict --help` and `interdict screen` start fast.

Each command module pulls in its engine (DuckDB, FollowTheMoney, numpy, numba, lxml...), which
together took seconds to import. The root group knows every command by name and one-line help;
listing them (`--help`) shows that table, and only the command actually invoked is imported.
`tests/cli/test_startup.py` checks that the table's help agrees with each command's own.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer
from typer.core import TyperCommand, TyperGroup

from interdict.cli.plain_params import use_plain_params

if TYPE_CHECKING:  # typer ships its own copy of click; these are its types
    from typer._click.core import Command, Context, Parameter


@dataclass(frozen=True, slots=True)
class LazyCommand:
    """Where a command lives (module and attribute: a function or a Typer app) and its short help."""

    module: str
    attr: str
    help: str


COMMANDS: dict[str, LazyCommand] = {
    "screen": LazyCommand("interdict.cli.screen", "screen",
                          "Screen a name (or a pasted identifier) against the loaded lists."),
    "match": LazyCommand("interdict.cli.match", "match",
                         "Score NAME1 against NAME2 with the screening engine."),
    "demo": LazyCommand("interdict.cli.demo", "demo", "Load the lists (shared data, official download or "
                        "bundled sample) and screen sample names."),
    "screen-address": LazyCommand("interdict.cli.trace", "screen_address",
                                  "Say whether crypto addresses are listed or tagged, with the source."),
    "serve": LazyCommand("interdict.cli.cases", "serve", "Serve the HTTP API (/v1, described at "
                         "/v1/openapi.json) and the web page (/web)."),
    "lists": LazyCommand("interdict.cli.lists", "app", "Load, fetch, show and diff sanctions lists."),
    "subjects": LazyCommand("interdict.cli.subjects", "app",
                            "The customer base under continuous screening: load, list, re-screen."),
    "payments": LazyCommand("interdict.cli.payments", "app",
                            "Screen SWIFT MT and ISO 20022 payment messages."),
    "trace": LazyCommand("interdict.cli.trace", "app",
                         "Load transfers and follow funds under explicit taint policies."),
    "aml": LazyCommand("interdict.cli.aml", "app",
                       "Laundering typologies on transfer graphs: scan, detectors, train, evaluate, models."),
    "incidents": LazyCommand("interdict.cli.incidents", "app",
                             "The incident ledger: thefts, attribution, traces, tallies and reports."),
    "users": LazyCommand("interdict.cli.cases", "users_app", "Users of the case store and the web page."),
    "keys": LazyCommand("interdict.cli.cases", "keys_app", "API keys (stored hashed; shown once)."),
    "cases": LazyCommand("interdict.cli.cases", "cases_app", "Cases: the queue, one case, exports."),
    "audit": LazyCommand("interdict.cli.cases", "audit_app",
                         "The keyed (HMAC) audit trail: verify, checkpoint, rotate the key."),
}


def load_command(name: str) -> Command:
    """Import one command's module and build its click command (a group for a Typer app)."""
    entry = COMMANDS[name]
    target = getattr(importlib.import_module(entry.module), entry.attr)
    command: Command
    if isinstance(target, typer.Typer):
        command = typer.main.get_group(target)
    else:
        single = typer.Typer(add_completion=False)  # completion options belong to the root only
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name = name
    use_plain_params(command)
    return command


class LazyGroup(TyperGroup):
    """The root group: lists every command from the table, imports a command only to run it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        use_plain_params(self)
        self._loaded: dict[str, Command] = {}

    def list_commands(self, ctx: Context) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in COMMANDS if n not in self.commands)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name in self._loaded:
            return self._loaded[cmd_name]
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            # Listing (help): a placeholder with the table's help; running goes through resolve_command.
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name].help)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Context,
                        args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        name = args[0] if args else None
        if name in COMMANDS and name not in self._loaded and name not in self.commands:
            self._loaded[name] = load_command(name)
        found = super().resolve_command(ctx, args)
        if found[1] is not None and not found[1].context_settings:
            # Its help option is made now (and cached) with the names its context inherits from ours.
            use_plain_params(found[1], found[1].get_params(ctx))
        return found

    def get_params(self, ctx: Context) -> list[Parameter]:
        params = super().get_params(ctx)  # with the completion and help options
        use_plain_params(self, params)
        return params
