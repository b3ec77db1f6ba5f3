"""The `interdict` command line: one module per command group, no logic of its own."""

from __future__ import annotations

import typer

from interdict.cli import cases, demo, lists, match, payments, screen, trace

app = typer.Typer(
    name="interdict",
    help="Stop stolen and sanctioned money at the wire, and follow it when it has moved.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(lists.app, name="lists")
app.command("screen")(screen.screen)
app.command("match")(match.match)
app.command("demo")(demo.demo)
app.add_typer(payments.app, name="payments")
app.add_typer(trace.app, name="trace")
app.command("screen-address")(trace.screen_address)
cases.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
