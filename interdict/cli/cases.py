"""`interdict serve`, `users`, `keys`, `cases`, `audit`: the case store and its servers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import orjson
import typer
from rich.table import Table

from interdict.cli._common import console, err_console, reported_errors

if TYPE_CHECKING:
    from interdict.services.cases import CaseStore

users_app = typer.Typer(help="Users of the case store and the web page.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys (stored hashed; shown once).", no_args_is_help=True)
cases_app = typer.Typer(help="Cases: the queue, one case, exports.", no_args_is_help=True)
audit_app = typer.Typer(
    help="The keyed (HMAC) audit trail: verify, checkpoint, rotate the key.", no_args_is_help=True
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _store() -> CaseStore:
    from interdict.services.cases import CaseStore

    return CaseStore()


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API (/v1, described at /v1/openapi.json) and the web page (/web)."""
    import uvicorn

    with reported_errors():
        _store().close()  # a case store that cannot be opened is one clear line here, not a traceback
    console.print(f"Interdict on http://{host}:{port}/web/  (OpenAPI: http://{host}:{port}/v1/openapi.json)")
    # The app is named by its import path, as uvicorn runs it in workers: the CLI does not import the
    # API (no arrow between interfaces); uvicorn builds it with `create_app()` over the configured store.
    uvicorn.run("interdict.api:create_app", factory=True, host=host, port=port, log_level="info",
                access_log=False)


@users_app.command("list")
def users_list(json: JsonOpt = False) -> None:
    """Every user with role and key prefixes."""
    from interdict.services.cases import users

    with reported_errors(), _store().read() as s:
        rows = users.list_users(s)
    if json:
        console.print_json(orjson.dumps(rows).decode())
        return
    table = Table("user", "role", "password", "keys")
    for r in rows:
        held: list[dict[str, str]] = r["keys"]  # type: ignore[assignment]
        keys = ", ".join(f"{k['prefix']}… ({k['name']})" for k in held)
        table.add_row(str(r["name"]), str(r["role"]), "yes" if r["password"] else "no", keys)
    console.print(table)


@users_app.command("add")
def users_add(
    name: str,
    role: Annotated[str, typer.Option(help="analyst, supervisor, admin or auditor.")],
    password: Annotated[bool, typer.Option("--password", help="Ask for a web-login password.")] = False,
) -> None:
    """Add a user."""
    from interdict.services.cases import users

    secret = typer.prompt("password", hide_input=True, confirmation_prompt=True) if password else None
    with reported_errors(), _store().write() as s:
        users.create_user(s, users.Actor("cli", users.Role.ADMIN), name, role, secret)
    console.print(f"user {name} ({role}) added")


@users_app.command("password")
def users_password(name: str) -> None:
    """Set a user's web-login password."""
    from interdict.services.cases import users

    secret = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    with reported_errors(), _store().write() as s:
        users.set_password(s, users.Actor("cli", users.Role.ADMIN), name, secret)
    console.print(f"password of {name} set")


@users_app.command("enrol")
def users_enrol(name: str) -> None:
    """Print a one-time enrolment secret (24 h) that only NAME can redeem for a key (POST /v1/enrol)."""
    from interdict.services.cases import enrol, users

    with reported_errors(), _store().write() as s:
        secret = enrol.create(s, users.CLI, name)
    typer.echo(secret)
    note = f"[dim]give it to {name} only; it is single-use and expires in 24 hours[/]"
    console.print(note, highlight=False)


@users_app.command("role")
def users_role(
    name: str,
    role: Annotated[str, typer.Argument(help="analyst, supervisor, admin or auditor.")],
) -> None:
    """Change a user's role (their web sessions end)."""
    from interdict.services.cases import users

    with reported_errors(), _store().write() as s:
        users.set_role(s, users.CLI, name, role)
    console.print(f"{name} is now {role}")


@keys_app.command("create")
def keys_create(
    name: str,
    role: Annotated[str, typer.Option(help="analyst, supervisor, admin or auditor.")] = "analyst",
    user: Annotated[str | None, typer.Option(help="The user holding the key (default: NAME).")] = None,
) -> None:
    """Create an API key (creating the user NAME with ROLE if needed); prints the key once.

    The operator's path, e.g. for the first admin: it needs write access to the case store. Over
    HTTP, admins hand out enrolment secrets instead ('users enrol').
    """
    from interdict.core.errors import NotFoundError
    from interdict.services.cases import users

    holder = user or name
    actor = users.Actor("cli", users.Role.ADMIN)
    with reported_errors(), _store().write() as s:
        try:
            users.get_user(s, holder)
        except NotFoundError:
            users.create_user(s, actor, holder, role)
        key = users.create_key(s, actor, holder, name)
    typer.echo(key)
    console.print(f"[dim]key for {holder} ({role}); it is not stored and will not be shown again[/]",
                  highlight=False)


@keys_app.command("revoke")
def keys_revoke(prefix: str) -> None:
    """Revoke a key by its shown prefix."""
    from interdict.services.cases import users

    with reported_errors(), _store().write() as s:
        users.revoke_key(s, users.Actor("cli", users.Role.ADMIN), prefix)
    console.print(f"key {prefix}… revoked")


@cases_app.command("list")
def cases_list(
    state: Annotated[str, typer.Option(help="A state, or 'active'.")] = "active",
    json: JsonOpt = False,
) -> None:
    """The case queue."""
    from interdict.services.cases import views

    with reported_errors(), _store().read() as s:
        rows = views.list_cases(s, views.CaseFilter(state=state, limit=500))
    if json:
        console.print_json(orjson.dumps(rows).decode())
        return
    table = Table("#", "subject", "source", "score", "alerts", "state", "assignee")
    for r in rows:
        score = f"{r['max_score']:.2f}" if r["max_score"] is not None else "-"
        state_text = r["state"] + (f" ({r['outcome']})" if r["outcome"] else "")
        table.add_row(str(r["id"]), r["title"], r["source"], score, str(r["alerts"]), state_text,
                      r["assignee"] or "")
    console.print(table)


@cases_app.command("show")
def cases_show(case_id: int) -> None:
    """One case with alerts, explanations and history (JSON)."""
    from interdict.services.cases import views

    with reported_errors(), _store().read() as s:
        detail = views.case_detail(s, case_id)
    console.print_json(orjson.dumps(detail).decode())


@cases_app.command("export")
def cases_export(
    case_id: int,
    fmt: Annotated[str, typer.Option("--format", help="goaml, stix or ftm.")] = "goaml",
    rentity_id: Annotated[
        int | None, typer.Option("--rentity-id", help="goAML: the reporting entity's id at its FIU.")
    ] = None,
    branch: Annotated[str | None, typer.Option("--branch", help="goAML: the reporting branch.")] = None,
    reporting_user: Annotated[
        str | None, typer.Option("--reporting-user", help="goAML: the reporting user's code (4-50 chars).")
    ] = None,
) -> None:
    """Export a case as goAML XML, a STIX 2.1 bundle or FollowTheMoney JSON lines (to stdout).

    goAML values not given here come from INTERDICT_GOAML_* or goaml.toml (see the README).
    """
    from interdict.services.cases import export_case, goaml_settings, users

    if fmt not in ("goaml", "stix", "ftm"):
        raise typer.BadParameter("expected goaml, stix or ftm", param_hint="--format")
    with reported_errors():
        settings = None
        if fmt == "goaml":
            settings = goaml_settings.load(
                rentity_id=rentity_id, rentity_branch=branch, reporting_user=reporting_user
            )
            if not settings.configured:
                err_console.print(
                    "[yellow]warning:[/] the reporting entity is not configured (rentity_id 1 is a "
                    "placeholder): set INTERDICT_GOAML_RENTITY_ID or --rentity-id"
                )
        data = export_case(_store(), users.Actor("cli", users.Role.AUDITOR), case_id, fmt, settings)
    typer.echo(data.decode())


@audit_app.command("verify")
def audit_verify(
    json: JsonOpt = False,
    checkpoint: Annotated[
        Path | None, typer.Option("--checkpoint", help="Also check a signed head from 'audit checkpoint'.")
    ] = None,
) -> None:
    """Check the keyed audit chain and the current cases, holds, allow-list entries, payment
    decisions and list versions, pointers and events against it.

    Exits 1 and names the entries or rows if anything was tampered with.
    """
    from interdict.services.cases import verify_audit

    with reported_errors():
        result = verify_audit(_store(), checkpoint)
    if json:
        console.print_json(orjson.dumps(result.to_dict()).decode())
    elif result.ok:
        console.print(f"[green]audit trail intact[/]: {result.entries} entries verified")
    else:
        console.print(f"[bold red]audit trail broken[/] ({result.entries} entries):")
        for problem in result.problems:
            console.print(f"  - {problem}", highlight=False)
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("checkpoint")
def audit_checkpoint(
    out: Annotated[Path, typer.Argument(help="File to write the signed head to (keep it elsewhere).")],
) -> None:
    """Export the chain's current head, signed with the audit key, for 'audit verify --checkpoint'."""
    from interdict.services.cases import audit_checkpoint as checkpoints

    with reported_errors(), _store().read() as s:
        point = checkpoints.make(s)
    out.write_bytes(orjson.dumps(point, option=orjson.OPT_INDENT_2))
    console.print(f"checkpoint of entry {point['seq']} written to {out}", highlight=False)


@audit_app.command("rotate-key")
def audit_rotate_key() -> None:
    """Start signing with a new audit key; the rotation entry is signed by the old key and the new one.

    The old key stays in the key file (needed to verify the entries it signed).
    """
    from interdict.services.cases import audit

    store = _store()
    with reported_errors(), store.write() as s:
        old, new = audit.rotate_key(s, "cli")
    console.print(f"audit key rotated: {old} -> {new} (key file {store.audit_key_file})", highlight=False)


def register(app: typer.Typer) -> None:
    """Attach the case-store commands to the root app."""
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
    app.add_typer(keys_app, name="keys")
    app.add_typer(cases_app, name="cases")
    app.add_typer(audit_app, name="audit")
