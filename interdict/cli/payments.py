"""`interdict payments ...`: screen payment messages, learn sender history, show decisions."""

from __future__ import annotations

import typer

app = typer.Typer(help="Screen SWIFT MT and ISO 20022 payment messages.", no_args_is_help=True)
