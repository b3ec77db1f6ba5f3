"""`interdict trace ...` and `interdict screen-address`: follow funds, screen addresses."""

from __future__ import annotations

import typer

app = typer.Typer(help="Load transfers and follow funds under explicit taint policies.", no_args_is_help=True)


def screen_address() -> None:
    """Say whether crypto addresses are listed or tagged, with the source."""
    raise NotImplementedError
