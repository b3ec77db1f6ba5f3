"""`interdict trace ...` and `interdict screen-address`: follow funds, screen addresses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from interdict.cli._common import EXIT_MATCH, EXIT_NO_MATCH, console, reported_errors
from interdict.cli.views import rich_table, rich_tree
from interdict.services import trace_patterns as patterns_svc
from interdict.services import trace_queries as svc
from interdict.services.trace_queries import MAX_DEPTH, TaintPolicy

app = typer.Typer(help="Load transfers and follow funds under explicit taint policies.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]
HopsOpt = Annotated[int | None, typer.Option("--max-hops", help="Stop after this many hops.")]


def _print_json(obj: Any) -> None:
    # the standard json module, not orjson: wei amounts exceed 64 bits and must stay exact integers
    typer.echo(json.dumps(obj, indent=2, ensure_ascii=False))


@app.command("load")
def load(paths: Annotated[list[Path], typer.Argument(help="Dataset files or folders.", exists=True)]) -> None:
    """Load datasets, recognised by their format; loading a path again replaces it."""
    with reported_errors():
        load_one = svc.dataset_loader()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as bar:
            task = bar.add_task("loading", total=len(paths))
            for p in paths:
                bar.update(task, description=f"{p.name}")

                def step(msg: str, name: str = p.name) -> None:
                    bar.update(task, description=f"{name}: {msg}")

                done = load_one(p, step)
                bar.advance(task)
                console.print(
                    f"[green]loaded[/] {done.format} {p}: {done.items:,} items ({done.rows:,} rows)"
                )


@app.command("datasets")
def datasets() -> None:
    """List loaded tracing datasets."""
    with reported_errors():
        table = Table("name", "kind", "rows")
        for name, kind, rows in svc.list_datasets():
            table.add_row(name, kind, f"{rows:,}")
        console.print(table)


@app.command("taint")
def taint(
    sources: Annotated[
        list[str], typer.Option("--from", help="Source address, tx hash or txid:n (repeatable).")
    ],
    policy: Annotated[
        TaintPolicy, typer.Option(help="poison, haircut, fifo, lifo or tiho.")
    ] = TaintPolicy.HAIRCUT,
    max_hops: HopsOpt = None,
    min_value: Annotated[
        int, typer.Option(help="Do not follow tainted amounts below this (base units).")
    ] = 0,
    start: Annotated[str | None, typer.Option(help="Ignore transactions before (ISO or unix).")] = None,
    end: Annotated[str | None, typer.Option(help="Ignore transactions after (ISO or unix).")] = None,
    follow_exits: Annotated[
        bool, typer.Option(help="Follow taint through exchanges, mixers, bridges.")
    ] = False,
    as_json: JsonOpt = False,
    html: Annotated[Path | None, typer.Option(help="Write a self-contained HTML flow picture here.")] = None,
    assets: Annotated[list[str] | None, typer.Option(
        "--asset", help="Only this asset (repeatable; default: every asset the sources moved).")] = None,
) -> None:
    """Follow funds forward from theft sources under an explicit policy, each asset on its own walk.

    JSON: one walk gives one object; several give {"assets": [...], "balanced": ...}. A walk is
    balanced only if its books balance and no asset the sources moved was left out.
    """
    with reported_errors():
        req = svc.TaintRequest(sources, policy, max_hops, min_value, start, end, follow_exits, assets)
        run = svc.taint(req)
        if html is not None:
            run.write_html(html)
        if as_json:
            _print_json(run.to_json())
            return
        for tree in run.trees():
            console.print(rich_tree(tree))
        if html is not None:
            console.print(f"flow picture: {html}" + (" (one per asset)" if len(run.walks) > 1 else ""))


@app.command("back")
def back(
    deposit: Annotated[str, typer.Option("--from", help="Deposit address, tx hash or txid:n.")],
    max_hops: HopsOpt = None,
    as_json: JsonOpt = False,
    asset: Annotated[str | None, typer.Option(
        help="The asset to trace (needed when the deposit received several).")] = None,
) -> None:
    """Trace a deposit backwards: how much of it comes from which origins (haircut)."""
    with reported_errors():
        found = svc.trace_back(deposit, max_hops, asset)
        if as_json:
            _print_json(found.to_json())
        else:
            console.print(rich_table(found.table()))


AssetsOpt = Annotated[list[str] | None, typer.Option(
    "--asset", help="Only this asset (repeatable; default: every asset the address(es) moved).")]


def _left_out(ignored: dict[str, int], verb: str) -> None:
    for asset, v in ignored.items():
        console.print(f"[red]not {verb}[/]: {asset} {v:,} (base units) the address also moved")


@app.command("path")
def path(
    start: str,
    target: str,
    max_depth: Annotated[int, typer.Option(help="Most hops to search.")] = MAX_DEPTH,
    through_exits: Annotated[
        bool, typer.Option(help="Allow paths through exchanges, mixers, bridges.")
    ] = False,
    as_json: JsonOpt = False,
    assets: AssetsOpt = None,
) -> None:
    """Find a money path between two addresses (either direction), with amounts per hop, per asset.

    JSON: one search gives one object; several (one per asset both moved) give {"assets": [...]}.
    """
    with reported_errors():
        found = svc.find_money_path(start, target, max_depth, through_exits, assets)
        if as_json:
            _print_json(found.to_json())
            return
        for table in found.tables():
            console.print(rich_table(table))
        _left_out(found.ignored_assets, "searched")


@app.command("exposure")
def exposure(
    address: str,
    max_hops: Annotated[int, typer.Option("--max-hops", help="Most hops to follow.")] = MAX_DEPTH,
    back: Annotated[
        bool, typer.Option("--back", help="Where the money came from, not where it went.")
    ] = False,
    as_json: JsonOpt = False,
    assets: AssetsOpt = None,
) -> None:
    """Every address money reached from ADDRESS within N hops (or came from, --back), tagged ones listed.

    Each asset is its own set. JSON: one set gives one object; several give {"assets": [...]}.
    """
    with reported_errors():
        result = svc.exposure(address, max_hops, back, assets=assets)
        if as_json:
            _print_json(result.to_json())
            return
        for asset, reached, per_hop, tagged in result.per_asset():
            console.print(f"{reached:,} addresses within {max_hops} hops in {asset}; per hop: {per_hop}")
            table = Table("hops", "address", "tags", title=f"Tagged addresses reached ({asset})")
            for t in tagged[:100]:
                labels = "; ".join(f"{g['category']}: {g['label']}" for g in t.tags[:2])
                table.add_row(str(t.hops), t.address, labels)
            console.print(table)
        _left_out(result.ignored_assets, "followed")


@app.command("cluster")
def cluster(address: str, as_json: JsonOpt = False) -> None:
    """Addresses that share an owner with ADDRESS (multi-input heuristic, CoinJoin-guarded)."""
    with reported_errors():
        result = patterns_svc.cluster(address)
        if as_json:
            _print_json(result.to_json())
            return
        found = result.cluster
        table = Table("address", "tags", title=f"Cluster of {address}: {len(found.addresses)} addresses")
        for a in found.addresses[:200]:
            table.add_row(a, "; ".join(t.label for t in result.tags.lookup(a)[:2]))
        console.print(table)
        console.print("joined by: " + (", ".join(found.evidence[:20]) or "(no multi-input transaction)"))


@app.command("patterns")
def patterns(
    min_length: Annotated[int, typer.Option(help="Shortest peel chain to report.")] = 3,
    as_json: JsonOpt = False,
) -> None:
    """Peel chains, CoinJoin-like transactions and exchange deposit addresses in the UTXO data."""
    with reported_errors():
        found = patterns_svc.patterns(min_length)
        if as_json:
            _print_json(found.to_json())
            return
        fmt = patterns_svc.fmt_value
        table = Table("first tx", "steps", "start value", "peeled (first three)", title="Peel chains")
        for c in found.peel_chains[:50]:
            peeled = ", ".join(f"{a[:12]}… {fmt(v, 8)}" for a, v in c.peeled[:3])
            table.add_row(c.txs[0], str(len(c.txs)), fmt(c.start_value, 8), peeled)
        console.print(table)
        console.print(
            f"CoinJoin-like transactions: {len(found.coinjoin_like)}; "
            f"exchange deposit addresses: {len(found.exchange_deposits)}"
        )


@app.command("scenarios")
def scenario_cmd(
    path_: Annotated[
        Path | None, typer.Option("--file", help="dprk_scenarios.json (default: shared data).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check the documented DPRK cases against the loaded tags and ledgers."""
    with reported_errors():
        found = patterns_svc.check_scenarios(path_)
        if as_json:
            _print_json(found.to_json())
            return
        cases = found.cases
        for c in cases:
            table = Table("address", "role", "tags", "in data", title=f"{c.id}: {c.name} ({c.amount})")
            for a in c.addresses:
                table.add_row(
                    a.address,
                    a.role[:50],
                    "; ".join(f"{t.category}:{t.label}" for t in a.tags[:2])[:60],
                    "yes" if a.in_ledger else "no",
                )
            console.print(table)


def screen_address(
    addresses: Annotated[list[str], typer.Argument(help="Crypto addresses to screen.")],
    as_json: JsonOpt = False,
) -> None:
    """Say whether crypto addresses are listed or tagged, with the source."""
    with reported_errors():
        found = patterns_svc.screen_addresses(addresses)
        hits = found.hits
        if as_json:
            _print_json(found.to_json())
        else:
            table = Table("address", "result", "category", "label", "source", "confidence")
            for a, ts in hits.items():
                if not ts:
                    table.add_row(a, "[green]not listed or tagged[/]", "", "", "", "")
                for t in ts:
                    table.add_row(
                        a,
                        "[red]LISTED[/]" if t.category == "sanctioned" else "[yellow]tagged[/]",
                        t.category,
                        t.label,
                        t.source,
                        str(t.confidence),
                    )
            console.print(table)
            _incident_table(found.incidents)
        raise typer.Exit(EXIT_MATCH if found.any else EXIT_NO_MATCH)


def _incident_table(incidents: dict[str, list[dict[str, Any]]]) -> None:
    """Addresses that received an incident's traced funds, with the incident and the share."""
    rows = [(a, r) for a, found in incidents.items() for r in found]
    if not rows:
        return
    table = Table("address", "incident", "received", "share", "hops", "policy",
                  title="Received an incident's funds")
    for a, r in rows:
        table.add_row(a, f"{r['incident']}: {r['name']}", f"{r['tainted_value']} {r['asset']}",
                      f"{r['share']:.1%}", str(r["hops"]), r["policy"])
    console.print(table)
