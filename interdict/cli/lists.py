"""`interdict lists ...`: load, fetch, show and diff sanctions lists."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from rich.markup import escape
from rich.table import Table

from interdict.cli._common import EXIT_INPUT_ERROR, console, err_console, reported_errors
from interdict.core import config
from interdict.core.errors import InterdictError, NotFoundError
from interdict.services.lists import (
    FileOutcome,
    LoadPolicy,
    describe_change,
    discover,
    fetch_lists,
    load_one,
    open_store,
    subject_summary,
)

if TYPE_CHECKING:
    from interdict.services.lists import ListDiff, ListStore, SubjectLink

__all__ = ["FileOutcome", "load_files", "open_store", "outcome_table", "subject_summary", "subjects_line"]

app = typer.Typer(help="Load, fetch, show and diff sanctions lists.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def load_files(store: ListStore | None, paths: list[Path], *, quiet: bool = False,
               policy: LoadPolicy | None = None) -> list[FileOutcome]:
    """Load every list found under `paths`, each file atomically on its own; errors are collected.

    With `store` None the database is opened only to look up and to write each file, never while
    parsing it, so screening keeps reading the previous version during a load.
    """
    outcomes: list[FileOutcome] = []
    for arg in paths:
        found, skipped = discover(arg)
        for path in skipped:
            if not quiet:
                err_console.print(f"[dim]skipped {path}: not a list file[/]", highlight=False)
        for path in found:
            try:
                with err_console.status(f"loading {path} ...", spinner="dots"):
                    result = load_one(store, path, policy)
            except InterdictError as exc:
                err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
                outcomes.append(FileOutcome(path, error=str(exc)))
                continue
            if not quiet:
                err_console.print(f"{path}: {result.message}", highlight=False)
            outcomes.append(FileOutcome(path, result=result))
    return outcomes


def outcome_table(outcomes: list[FileOutcome]) -> Table:
    """The summary of a load: one row per file."""
    table = Table(title="Lists loaded")
    for column in ("file", "list", "version", "published", "entries", "result"):
        table.add_column(column, justify="right" if column in ("version", "entries") else "left")
    for o in outcomes:
        if o.result is None:
            table.add_row(escape(o.path.name), "", "", "", "", "[red]error[/]")
            continue
        v = o.result.version
        status = "new" if o.result.new else "no-op (already loaded)"
        if o.result.new and not v.active:
            status = "new, not active (" + ("older" if v.published else "undated") + ")"
        if o.result.forced:
            status += ", [yellow]forced[/]"
        table.add_row(escape(o.path.name), escape(v.list), str(v.version), v.published or "",
                      f"{v.entities:,}", status)
    return table


def _outcome_json(o: FileOutcome) -> dict[str, Any]:
    if o.result is None:
        return {"file": str(o.path), "error": o.error}
    return {"file": str(o.path), "new": o.result.new, "forced": list(o.result.forced),
            **o.result.version.to_dict()}


@app.command("load")
def load(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="List files or folders.")],
    force: Annotated[bool, typer.Option("--force", help="Load even a file the safety rules refuse "
                     "(publication date in the future, too many entries dropped); recorded.")] = False,
    max_drop: Annotated[float | None, typer.Option(
        "--max-drop", metavar="PERCENT", help="Refuse a file holding more than this share fewer entries"
        " than the active version (default: $INTERDICT_LIST_MAX_DROP, else 20).")] = None,
    reason: Annotated[str | None, typer.Option(help="Why (recorded with the load).")] = None,
    rescreen: Annotated[bool, typer.Option("--rescreen", help="Then re-screen the subject base against "
                        "what changed (`interdict subjects rescreen`).")] = False,
    json_out: JsonOption = False,
) -> None:
    """Load list files as new versions; a file already loaded is a no-op, a bad file loads nothing.

    Each file is loaded atomically on its own: a bad file is reported and the others still load.
    A file that would become active is refused when its publication date is in the future or it
    drops more than --max-drop percent of the active version's entries, unless --force.
    Exit code 2 if any file failed or was refused.
    """
    with reported_errors():
        policy = LoadPolicy.from_env(force=force, max_drop_percent=max_drop, reason=reason)
        outcomes = load_files(None, paths, quiet=json_out, policy=policy)
        if not outcomes:
            err_console.print("[bold red]error:[/] no list files found in " + ", ".join(map(str, paths)))
            raise typer.Exit(EXIT_INPUT_ERROR)
        if json_out:
            console.print_json(orjson.dumps([_outcome_json(o) for o in outcomes]).decode())
        else:
            console.print(outcome_table(outcomes))
            with open_store() as store:
                console.print(subjects_line(store))
        _subject_base(rescreen, quiet=json_out)
    if any(o.error for o in outcomes):
        raise typer.Exit(EXIT_INPUT_ERROR)


def _subject_base(rescreen: bool, *, quiet: bool) -> None:
    """Re-screen the subject base, or say how many entries changed since it was screened."""
    from interdict.services.subjects import RescreenRequest, pending_changes
    from interdict.services.subjects import rescreen as run_rescreen

    if rescreen:
        result = run_rescreen(RescreenRequest())
        if not quiet:
            from interdict.cli.subjects import print_result

            print_result(result)
        return
    subjects, changed = pending_changes()
    if subjects and changed and not quiet:
        console.print(f"{changed:,} entries changed; the subject base ({subjects:,} subjects) awaits a"
                      " re-screen: `interdict subjects rescreen`", highlight=False)


def subjects_line(store: ListStore) -> str:
    """One line: how many subjects span several entries, and the links by evidence."""
    s = subject_summary(store)
    detail = ", ".join(f"{k} {v}" for k, v in s["links"].items()) or "none"
    return (f"Subjects: {s['entries']:,} active entries form {s['subjects']:,} subjects; "
            f"{s['linked_subjects']:,} join several entries by {sum(s['links'].values()):,} links ({detail})")


@app.command("fetch")
def fetch(
    dest: Annotated[Path | None, typer.Option(help="Download folder (default: HOME/lists).")] = None,
    names: Annotated[list[str] | None, typer.Option("--list", help="Only this list (repeatable): "
                     "un, ofac_sdn_advanced, ofac_consolidated, eu, uk, ofac_sdn, uk_ofsi.")] = None,
    and_load: Annotated[bool, typer.Option("--load", help="Load the downloaded files afterwards.")] = False,
) -> None:
    """Download the current official lists from their official URLs (and optionally load them).

    `$INTERDICT_LIST_URLS` may name a JSON or TOML table of list name = URL (e.g. a bank's mirror).
    """
    target = dest if dest is not None else config.home() / "lists"
    outcomes: list[FileOutcome] = []
    with reported_errors():
        with err_console.status("downloading ...", spinner="dots") as status:

            def progress(name: str, done: int, total: int | None) -> None:
                """Show the bytes downloaded so far on the status line."""
                of = f" of {total / 1e6:.1f}" if total else ""
                status.update(f"downloading {name}: {done / 1e6:.1f}{of} MB")

            files = fetch_lists(target, names or None, progress=progress)
        for path in files:
            console.print(f"downloaded {path} ({path.stat().st_size:,} bytes)", highlight=False)
        if and_load:
            outcomes = load_files(None, files)
            console.print(outcome_table(outcomes))
            with open_store() as store:
                console.print(subjects_line(store), highlight=False)
    if any(o.error for o in outcomes):
        raise typer.Exit(EXIT_INPUT_ERROR)


@app.command("show")
def show(
    list_name: Annotated[str | None, typer.Argument(metavar="[LIST]", help="Only this list.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many linked subjects in the table.")] = 20,
    json_out: JsonOption = False,
) -> None:
    """Show the stored versions of every list (or one), their entries, and the cross-list subjects."""
    with reported_errors(), open_store() as store:
        versions = store.versions(list_name)
        if list_name is not None and not versions:
            loaded = ", ".join(store.list_names()) or "none"
            raise NotFoundError(f"no list {list_name!r} is loaded (loaded: {loaded})")
        links = [link for link in store.subject_links()
                 if list_name is None or list_name in (link.a.split(":")[0], link.b.split(":")[0])]
        if json_out:
            payload = {"versions": [v.to_dict() for v in versions], "subjects": subject_summary(store),
                       "links": [{"a": x.a, "b": x.b, "evidence": x.evidence, "value": x.value}
                                 for x in links]}
            console.print_json(orjson.dumps(payload).decode())
            return
        if not versions:
            console.print("No lists loaded yet: try `interdict lists load FILE`"
                          " or `interdict lists fetch --load`.")
            return
        console.print(versions_table(store, list_name))
        console.print(subjects_line(store), highlight=False)
        if links:
            console.print(subjects_table(store, links, limit))


def subjects_table(store: ListStore, links: list[SubjectLink], limit: int) -> Table:
    """Subjects joining several entries: members and the evidence that joined them."""
    subjects = store.subjects()
    evidence: dict[str, list[str]] = {}
    for link in links:
        evidence.setdefault(subjects.get(link.a, link.a), []).append(f"{link.evidence} {link.value}")
    members: dict[str, list[str]] = {}
    for key, subject in subjects.items():
        if subject in evidence:
            members.setdefault(subject, []).append(key)
    table = Table(title=f"Linked subjects ({len(evidence):,})")
    for column in ("subject", "entries", "evidence"):
        table.add_column(column, overflow="fold")
    for subject in sorted(evidence)[:limit]:
        table.add_row(escape(subject), escape(", ".join(sorted(members[subject]))),
                      escape("; ".join(sorted(set(evidence[subject])))))
    if len(evidence) > limit:
        table.caption = f"{len(evidence) - limit:,} more (use --limit or --json)"
    return table


def versions_table(store: ListStore, list_name: str | None) -> Table:
    """One row per stored version; the active version of each list is marked."""
    table = Table(title="List versions")
    for column in ("list", "version", "active", "published", "entries", "loaded", "sha256", "file"):
        table.add_column(column, justify="right" if column in ("version", "entries") else "left",
                         no_wrap=column != "file", overflow="fold")
    for v in store.versions(list_name):
        table.add_row(escape(v.list), str(v.version), "yes" if v.active else "", v.published or "",
                      f"{v.entities:,}", v.loaded_at[:16].replace("T", " "), v.sha256[:12],
                      escape(Path(v.source or "").name))
    return table


@app.command("diff")
def diff(
    list_name: Annotated[str, typer.Argument(metavar="LIST", help="The list, e.g. un or ofac_sdn.")],
    old: Annotated[int | None, typer.Option("--from", help="Old version (default: the previous).")] = None,
    new: Annotated[int | None, typer.Option("--to", help="New version (default: the active one).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows per kind of change in the table.")] = 50,
    json_out: JsonOption = False,
) -> None:
    """Show the entries added, removed and changed between two versions of a list."""
    with reported_errors(), open_store() as store:
        result = store.diff(list_name, old, new)
        if json_out:
            console.print_json(orjson.dumps(result.to_dict()).decode())
            return
        console.print(diff_table(result, limit))


@app.command("activate")
def activate(
    list_name: Annotated[str, typer.Argument(metavar="LIST", help="The list, e.g. un or ofac_sdn.")],
    version: Annotated[int, typer.Argument(metavar="VERSION", help="A stored version (see `lists show`).")],
    reason: Annotated[str | None, typer.Option(help="Why (recorded with the activation).")] = None,
) -> None:
    """Make a stored version of a list the active one: roll back a bad load, or forward again.

    Recorded (who, when, from which version, why) and shown by `interdict lists status`.
    """
    with reported_errors(), open_store() as store:
        now, previous = store.activate(list_name, version, reason=reason)
        if previous is None:
            console.print(f"{now.list} version {now.version} is already active", highlight=False)
            return
        console.print(f"{now.list}: version {now.version} ({now.entities:,} entries, published "
                      f"{now.published or 'undated'}) is active; version {previous} was", highlight=False)


@app.command("status")
def status(
    list_name: Annotated[str | None, typer.Argument(metavar="[LIST]", help="Only this list.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many recorded events.")] = 20,
    json_out: JsonOption = False,
) -> None:
    """The active version of each list, and the recorded loads and activations (newest first)."""
    with reported_errors(), open_store() as store:
        active = [v for v in store.active_versions() if list_name in (None, v.list)]
        events = store.events(list_name, limit)
        if json_out:
            console.print_json(orjson.dumps({"active": [v.to_dict() for v in active],
                                             "events": [e.to_dict() for e in events]}).decode())
            return
        table = Table(title="Active list versions")
        for column in ("list", "version", "published", "entries", "file"):
            table.add_column(column)
        for v in active:
            table.add_row(escape(v.list), str(v.version), v.published or "", f"{v.entities:,}",
                          escape(Path(v.source or "").name))
        console.print(table)
        history = Table(title="Loads and activations")
        for column in ("at", "list", "version", "action", "by", "detail"):
            history.add_column(column, overflow="fold")
        for e in events:
            history.add_row(e.at.replace("T", " ")[:19], escape(e.list), str(e.version), e.action,
                            escape(e.actor), escape(_event_detail(e.detail)))
        console.print(history)


def _event_detail(detail: dict[str, Any]) -> str:
    parts = [f"from version {detail['from']}"] if detail.get("from") else []
    if "active" in detail:
        parts.append("active" if detail["active"] else "not active")
    parts += [f"forced: {x}" for x in detail.get("forced") or []]
    if detail.get("reason"):
        parts.append(f"reason: {detail['reason']}")
    return "; ".join(parts)


def diff_table(result: ListDiff, limit: int) -> Table:
    """The diff as a table: change, list id, name, and what changed in each changed field."""
    title = (f"{result.list}: version {result.old_version} → {result.new_version}: "
             f"{len(result.added)} added, {len(result.removed)} removed, {len(result.changed)} changed, "
             f"{result.unchanged:,} unchanged")
    table = Table(title=title)
    for column in ("change", "list id", "name", "what changed"):
        table.add_column(column, overflow="fold")
    rows: list[tuple[str, str, str, str]] = []
    rows += [("[green]added[/]", escape(e.list_id), escape(e.primary_name), "") for e in result.added[:limit]]
    rows += [("[red]removed[/]", escape(e.list_id), escape(e.primary_name), "")
             for e in result.removed[:limit]]
    rows += [("[yellow]changed[/]", escape(c.list_id), escape(c.new.primary_name),
              escape("\n".join(describe_change(c)))) for c in result.changed[:limit]]
    for row in rows:
        table.add_row(*row)
    hidden = sum(max(0, n - limit) for n in (len(result.added), len(result.removed), len(result.changed)))
    if hidden:
        table.caption = f"{hidden:,} more rows not shown (use --limit or --json)"
    return table
