"""`interdict lists ...`: load, fetch, show and diff sanctions lists."""

from __future__ import annotations

import typer

app = typer.Typer(help="Load, fetch, show and diff sanctions lists.", no_args_is_help=True)
