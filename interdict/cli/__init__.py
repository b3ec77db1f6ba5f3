"""The `interdict` command line: one module per command group, no logic of its own.

Command modules are imported only when their command runs (`interdict.cli.lazy`): the table
there names each command, its module and its one-line help.
"""

from __future__ import annotations

import os

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
    # Before numpy is first imported: its OpenBLAS starts a thread per core that spins on the idle
    # one, ~0.1 s of CPU of a single screen. No engine of ours calls BLAS (sorting, indexing,
    # sparse sums; LightGBM and DuckDB have their own threads), so answers do not change.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app()
