"""What every command group shares: consoles and turning Interdict errors into exit code 2."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from interdict.core.errors import InterdictError


def _console(*, stderr: bool = False) -> Console:
    made = Console(stderr=stderr)
    # rich fixes the width from COLUMNS when a console is made, and these are made on import (in
    # whatever environment that happens): read COLUMNS, or the terminal, each time instead.
    made._width = None
    return made


console = _console()
err_console = _console(stderr=True)

EXIT_NO_MATCH = 0
EXIT_MATCH = 1
EXIT_INPUT_ERROR = 2


@contextmanager
def reported_errors() -> Iterator[None]:
    """Print an InterdictError as one clear line on stderr and exit 2 (usage or input error)."""
    try:
        yield
    except InterdictError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_INPUT_ERROR) from exc
