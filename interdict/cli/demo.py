"""`interdict demo`: load the lists and screen a handful of names."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from interdict.cli._common import EXIT_INPUT_ERROR, console, err_console, reported_errors
from interdict.cli.lists import load_files, open_store, outcome_table, subjects_line
from interdict.core import config
from interdict.core.entity import Entity, IdentifierType
from interdict.core.errors import InterdictError
from interdict.core.match import Candidate, Query
from interdict.services.lists import fetch_lists

FETCH_TIMEOUT = 15.0  # seconds; offline, the demo falls back to the bundled samples quickly
NAMES = (
    "Pak Jin Hyok",
    "박진혁",
    "Korea Mining Development Trading Corporation",
    "Kim Jong Un",
    "KDBKKPPY",
)
# Plausible customers that must not match: a South Korean bank and everyday names.
NON_MATCHES = ("Kookmin Bank", "Maria Fernanda Gonzalez", "Bluebird Bakery Ltd")


class Source(StrEnum):
    """Where the demo's lists come from."""

    AUTO = "auto"
    SHARED = "shared"
    FETCH = "fetch"
    BUNDLED = "bundled"


def shared_files() -> list[Path] | None:
    """The real list files in ../shared/data/lists, if that folder exists."""
    shared = config.shared_data_dir()
    if shared is None:
        return None
    files = [shared / "lists" / name for name in config.SHARED_LIST_FILES]
    return [f for f in files if f.exists()] or None


def fetched_files() -> list[Path] | None:
    """Download the official lists into HOME/lists; None when offline or fetching is unavailable."""
    try:
        with err_console.status("downloading the official lists ...", spinner="dots"):
            return fetch_lists(config.home() / "lists", timeout=FETCH_TIMEOUT) or None
    except (InterdictError, OSError) as exc:
        err_console.print(f"[dim]could not download the official lists ({exc}); using the bundled samples[/]",
                          highlight=False)
        return None


def bundled_files() -> list[Path]:
    """The small samples in the official formats that ship inside the package."""
    folder = config.bundled_data_dir() / "lists"
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith((".", "README")))


def choose_files(source: Source) -> tuple[str, list[Path]]:
    """(description of the source, files to load) for the requested source."""
    if source in (Source.AUTO, Source.SHARED):
        files = shared_files()
        if files:
            return f"the real lists in {files[0].parent.parent}", files
        if source is Source.SHARED:
            raise typer.BadParameter("../shared/data/lists is not on this machine", param_hint="--source")
    if source in (Source.AUTO, Source.FETCH):
        files = fetched_files()
        if files:
            return "the official lists, downloaded now from their official URLs", files
        if source is Source.FETCH:
            raise typer.BadParameter("the official lists could not be downloaded", param_hint="--source")
    return "the samples bundled with Interdict (small, hand-written in the official formats)", bundled_files()


def crypto_query(entities: list[Entity]) -> str | None:
    """A digital-currency address from the OFAC list (a DPRK-programme entry where there is one)."""
    fallback: str | None = None
    for entity in entities:
        if not entity.list.startswith("ofac"):
            continue
        for ident in entity.identifiers:
            if ident.type is IdentifierType.CRYPTO:
                if any("DPRK" in p for p in entity.programs):
                    return ident.value
                fallback = fallback or ident.value
    return fallback


def why(candidate: Candidate) -> str:
    """A one-line reason from a candidate's explanation."""
    expl = candidate.explanation
    if expl.method == "identifier":
        return f"{expl.identifier_type or 'identifier'} equals the listed value"
    if expl.why is not None:
        return expl.why
    rule = expl.query_rule or "as written"
    text = f"{expl.name_type or 'listed'} name {candidate.matched_name!r} ~ query {rule}"
    if rule != "as written":
        text += f" {candidate.query_form!r}"
    fuzzy = [f"{t.query}~{t.name} ({t.rule})" for t in expl.tokens or () if t.rule != "exact"]
    return text + ("; " + ", ".join(fuzzy[:3]) if fuzzy else "")


def results_table(rows: list[tuple[str, list[Candidate]]], threshold: float) -> Table:
    """The demo's screening results: one row per query with its best match."""
    table = Table(title=f"Screening (threshold {threshold:.2f})")
    for column in ("query", "best match", "list", "list id", "score", "why"):
        table.add_column(column, justify="right" if column == "score" else "left", overflow="fold")
    for query, candidates in rows:
        if not candidates:
            table.add_row(escape(query), "[green]no match[/]", "", "", "", "")
            continue
        best = candidates[0]
        others = escape(", ".join(f"{c.list} {c.list_id}" for c in candidates[1:3]))
        more = f"\n[dim]also {others}{' ...' if len(candidates) > 3 else ''}[/]" if others else ""
        list_id = escape(best.list_id)
        if best.subject_id != f"{best.list}:{best.list_id}":
            list_id += f"\n[dim]subject {escape(best.subject_id)}[/]"
        table.add_row(escape(query), escape(best.name) + more, escape(best.list), list_id,
                      f"{best.score:.2f}", escape(why(best)))
    return table


def demo(
    source: Annotated[Source, typer.Option(help="Where to take the lists from (auto: shared data, "
                                                "else download, else the bundled samples).")] = Source.AUTO,
) -> None:
    """Load the lists (shared data, official download or bundled sample) and screen sample names."""
    from interdict.services.name_screening import DEFAULT_THRESHOLD, index_of_store, screen_query

    with reported_errors():
        description, files = choose_files(source)
        console.print(f"Lists: {description}", highlight=False)
        with open_store() as store:
            outcomes = load_files(store, files, quiet=True)
            console.print(outcome_table(outcomes))
            console.print(subjects_line(store), highlight=False)
            with err_console.status("building the screening index ...", spinner="dots"):
                index = index_of_store(store)
        queries = list(NAMES)
        address = crypto_query(list(index.entities))
        if address:
            queries.append(address)
        queries += NON_MATCHES
        rows = [(text, screen_query(index, Query(text))) for text in queries]
        console.print(results_table(rows, DEFAULT_THRESHOLD))
    if any(o.error for o in outcomes):
        raise typer.Exit(EXIT_INPUT_ERROR)
