"""The `interdict` command line: one module per command group, no logic of its own.

Command modules are imported only when their command runs (`interdict.cli.lazy`): the table
there names each command, its module and its one-line help.
"""

from __future__ import annotations

import typer

from interdict.cli.lazy import LazyGroup

app = typer.Typer(
    name="interdict",
    help="Stop stolen and sanctioned money at the wire, and follow it when it has moved.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)


@app.callback()
def _root() -> None:
    """Stop stolen and sanctioned money at the wire, and follow it when it has moved."""


def main() -> None:
    """Console-script entry point."""
    app()
