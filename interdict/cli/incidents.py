"""`interdict incidents ...`: the incident ledger (load, list, show, trace, tally, report, export)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from interdict.cli._common import console, reported_errors
from interdict.services import incidents as svc

app = typer.Typer(help="The incident ledger: thefts, attribution, traces, tallies and reports.",
                  no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _print_json(obj: Any) -> None:
    # the standard json module: wei amounts exceed 64 bits and must stay exact integers
    typer.echo(json.dumps(obj, indent=2, ensure_ascii=False, default=str))


@app.command("load")
def load(path: Annotated[Path, typer.Argument(help="A JSON or CSV file of incidents.", exists=True,
                                              dir_okay=False)],
         as_json: JsonOpt = False) -> None:
    """Load incidents: each changed one becomes a new version (a correction), the same one is a no-op."""
    with reported_errors():
        _print_load(svc.load_file(path), as_json)


@app.command("relink")
def relink(as_json: JsonOpt = False) -> None:
    """Link every incident's actors to the lists active now; a changed link is a new version."""
    with reported_errors():
        _print_load(svc.relink(svc.actor_name()), as_json)


def _print_load(report: svc.LoadReport, as_json: bool) -> None:
    if as_json:
        _print_json(report.to_json())
        return
    for o in report.outcome:
        what = {"load": "loaded", "correction": "corrected", "relink": "relinked"}.get(o.action, "unchanged")
        console.print(f"{o.id}: {what} (version {o.version})", highlight=False)
    console.print(f"{report.links} link(s) from actors to list entries", highlight=False)
    if report.lists_note:
        console.print(f"[yellow]{escape(report.lists_note)}[/]")


@app.command("list")
def list_(as_json: JsonOpt = False) -> None:
    """Every incident (latest version), by date."""
    with reported_errors():
        rows = [svc.summary_row(v) for v in svc.list_incidents()]
        if as_json:
            _print_json({"incidents": rows})
            return
        table = Table("id", "v", "date", "name", "chain", "amount", "USD", "actors", "listed as")
        for r in rows:
            amount = f"{r['amount']} {r['unit']}" if r["amount"] else ""
            table.add_row(r["id"], str(r["version"]), r["date"], escape(r["name"][:40]), r["chain"][:12],
                          amount, r["amount_usd"] or "", ", ".join(r["actors"]),
                          ", ".join(r["linked_entries"][:3]))
        console.print(table)


@app.command("show")
def show(ident: Annotated[str, typer.Argument(help="Incident id.")],
         version: Annotated[int | None, typer.Option(help="This version (default: the latest).")] = None,
         as_json: JsonOpt = False) -> None:
    """One incident: what, when, by whom (with list entries), addresses, sources, history, trace."""
    with reported_errors():
        shown = svc.show_incident(ident, version)
        data = shown.to_json()
        if as_json:
            _print_json(data)
            return
        console.print(f"[bold]{escape(data['name'])}[/] ({data['id']}, version {data['version']},"
                      f" {data['date']}, {data['chain']})")
        if data["amount"]:
            console.print(f"amount: {data['amount']} {data['unit']}"
                          + "".join(f" + {x['amount']} {x['unit']}" for x in data["amount_extra"]))
        if data["amount_usd"]:
            console.print(f"USD: {data['amount_usd']} (source: {escape(data['amount_usd_source'] or '')})")
        console.print(f"attribution: {escape(data['attribution'])}")
        links = Table("actor", "list entry", "name", "score", "list version", title="Actors on the lists")
        for link in data["links"]:
            links.add_row(link["actor"], link["entity_key"], link["name"], f"{link['score']:.2f}",
                          str(link["list_version"]))
        console.print(links)
        addrs = Table("group", "address", "role", title="Addresses")
        for a in data["addresses"]:
            addrs.add_row(a["group"], a["address"], escape(a["role"][:60]))
        console.print(addrs)
        for s in data["sources"]:
            console.print(f"source: {escape(s)}", highlight=False)
        for e in data["events"]:
            console.print(f"{e['at']} {e['action']} v{e['version']} by {e['actor']}", highlight=False)


@app.command("trace")
def trace(idents: Annotated[list[str] | None, typer.Argument(help="Incident id(s).")] = None,
          every: Annotated[bool, typer.Option("--all", help="Every incident in the ledger.")] = False,
          policy: Annotated[str, typer.Option(help="poison, haircut, fifo, lifo or tiho.")] = "haircut",
          max_hops: Annotated[int | None, typer.Option("--max-hops", help="Stop after this many hops.")]
          = None,
          follow_exits: Annotated[bool, typer.Option(help="Follow taint through exchanges, mixers, bridges.")]
          = False,
          as_json: JsonOpt = False) -> None:
    """Trace incidents from their theft addresses over the loaded ledgers; store each result with it.

    JSON: one incident gives its object; several (or --all) a list.
    """
    with reported_errors():
        if policy not in svc.POLICIES:
            raise svc.InputError("--policy", None,
                                 f"expected one of {', '.join(svc.POLICIES)}, found {policy!r}")
        ids = [v.incident.id for v in svc.list_incidents()] if every else list(idents or [])
        if not ids:
            raise svc.InputError("incidents trace", None, "name an incident id, or --all")
        done = svc.trace_incidents(ids, svc.TraceRequest(ids[0], policy, max_hops, follow_exits))
        if as_json:
            _print_json(done[0].to_json() if len(done) == 1 and not every else [d.to_json() for d in done])
            return
        for d in done:
            _print_trace(d.id, d.version, d.trace, policy, d.to_json())


def _print_trace(ident: str, version: int, number: int, policy: str, data: dict[str, Any]) -> None:
    console.print(f"{ident} version {version}: trace {number} ({policy}): {data['status']}", highlight=False)
    for missing in data["missing"]:
        console.print(f"[yellow]not in the loaded data[/]: {missing}", highlight=False)
    for a in data["assets"]:
        table = Table("where", "value", title=f"{a['asset']}: {a['source_value']} from the theft addresses")
        for category, value in a["exits"].items():
            table.add_row(f"exit: {category}", value)
        table.add_row("unspent", a["unspent"])
        table.add_row("left the data", a["left_data"])
        table.add_row("cut off (hops, time, dust)", a["cut_off"])
        table.add_row("fees", a["fees"])
        console.print(table)
        for e in a["exit_addresses"][:20]:
            console.print(f"  {e['category']} {e['address']} {escape(e['label'])}: {e['value']}"
                          f" ({e['first'] or 'no time'} .. {e['last'] or ''})", highlight=False)
        console.print(f"{a['receivers']} addresses received the funds", highlight=False)


@app.command("tally")
def tally(by: Annotated[str, typer.Option(help="actor, chain, exit or quarter.")] = "actor",
          start: Annotated[str | None, typer.Option("--from", help="From this date (YYYY-MM-DD).")] = None,
          end: Annotated[str | None, typer.Option("--to", help="To this date, inclusive.")] = None,
          as_json: JsonOpt = False) -> None:
    """Totals: incidents, sourced amounts (native units; USD where a source gives it), traced amounts."""
    with reported_errors():
        found = svc.tally_incidents(by, start, end).to_json()
        if as_json:
            _print_json(found)
            return
        title = f"Incidents by {by}" + (f" from {start}" if start else "") + (f" to {end}" if end else "")
        table = Table(by, "incidents", "sourced (native)", "USD (sourced)", "traced", "traced incidents",
                      title=title)
        for r in [*found["rows"], found["total"]]:
            usd = f"{r['usd']} ({r['usd_known']} of {r['incidents']})" if r["usd"] else ""
            table.add_row(r["key"], str(r["incidents"]), _units(r["sourced"]), usd, _units(r["traced"]),
                          str(r["traced_incidents"]))
        console.print(table)


def _units(values: dict[str, str]) -> str:
    return "; ".join(f"{v} {u}" for u, v in values.items())


@app.command("report")
def report(out: Annotated[Path, typer.Option("--out", help="Write the HTML page here.")]
           = Path("report.html"),
           start: Annotated[str | None, typer.Option("--from", help="From this date (YYYY-MM-DD).")] = None,
           end: Annotated[str | None, typer.Option("--to", help="To this date, inclusive.")] = None,
           svg_dir: Annotated[Path | None, typer.Option(
               "--svg-dir", help="Also write each chart here as an SVG file.")] = None) -> None:
    """One self-contained HTML page: stolen per quarter by actor, where funds went, the incidents."""
    with reported_errors():
        svgs: dict[str, str] = {}
        out.write_text(svc.report_page(start, end, svgs), encoding="utf-8")
        console.print(f"report: {out}", highlight=False)
        if svg_dir is not None:
            svg_dir.mkdir(parents=True, exist_ok=True)
            for name, text in svgs.items():
                (svg_dir / f"{name}.svg").write_text(text, encoding="utf-8")
                console.print(f"chart: {svg_dir / name}.svg", highlight=False)


@app.command("export")
def export(fmt: Annotated[str, typer.Option(
               "--format", help="stix (STIX 2.1 bundle) or ftm (FollowTheMoney).")] = "stix",
           out: Annotated[Path | None, typer.Option("--out", help="Write here (default: standard output).")]
           = None) -> None:
    """Export the ledger: threat actors, incidents, addresses and their relationships."""
    with reported_errors():
        text = svc.export_ledger(fmt)
        if out is None:
            typer.echo(text, nl=False)
        else:
            out.write_text(text, encoding="utf-8")
            console.print(f"{fmt}: {out}", highlight=False)
