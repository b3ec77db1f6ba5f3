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
from interdict.core import config
from interdict.core.errors import NotFoundError
from interdict.core.store import connect
from interdict.tracing import scenarios, store
from interdict.tracing.back import trace_back_account, trace_back_utxo
from interdict.tracing.follow import base_unit, deposit_asset, exposure_assets, path_assets, taint_assets
from interdict.tracing.heuristics.utxo import (
    cluster_of,
    exchange_deposits,
    looks_like_coinjoin,
    multi_input_clusters,
    peel_chains,
)
from interdict.tracing.ledger import DECIMALS
from interdict.tracing.paths import MAX_DEPTH
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
from interdict.tracing.reports import report, text
from interdict.tracing.reports.render import flow_html
from interdict.tracing.sources.recognise import load_path
from interdict.tracing.sources.transfers import parse_time
from interdict.tracing.store import list_tags, open_ledger
from interdict.tracing.tags import TagIndex, address_key, tag_to_json

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
        con = connect()
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

                done = load_path(con, p, step)
                bar.advance(task)
                console.print(
                    f"[green]loaded[/] {done.format} {p}: {done.items:,} items ({done.rows:,} rows)"
                )


@app.command("datasets")
def datasets() -> None:
    """List loaded tracing datasets."""
    with reported_errors():
        table = Table("name", "kind", "rows")
        for name, kind, _, rows in store.datasets(connect()):
            table.add_row(name, kind, f"{rows:,}")
        console.print(table)


def _cutoffs(
    max_hops: int | None, min_value: int, start: str | None, end: str | None, follow: bool
) -> Cutoffs:
    return Cutoffs(
        max_hops, parse_time(start) if start else None, parse_time(end) if end else None, min_value, follow
    )


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
        led = open_ledger(connect())
        walks = taint_assets(led, sources, policy, _cutoffs(max_hops, min_value, start, end, follow_exits),
                             assets)
        for res, asset in walks:
            if html is not None:
                page = html if len(walks) == 1 else html.with_name(f"{html.stem}-{asset}{html.suffix}")
                page.write_text(flow_html(res, led.tags, DECIMALS.get(asset, 0)), encoding="utf-8")
        if as_json:
            objs = [report.taint_json(res, led.tags, base_unit(asset)) for res, asset in walks]
            _print_json(objs[0] if len(objs) == 1 else
                        {"assets": objs, "balanced": all(res.balanced for res, _ in walks)})
            return
        for res, asset in walks:
            console.print(rich_tree(text.taint_tree(res, led.tags, DECIMALS.get(asset, 0))))
        if html is not None:
            console.print(f"flow picture: {html}" + (" (one per asset)" if len(walks) > 1 else ""))


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
        led = open_ledger(connect())
        model = led.model_of([deposit])
        if model == "utxo" and led.utxo is not None:
            tagged = {i for a, i in led.utxo.addr_index.items() if led.tags.lookup(a)}
            res, decimals = trace_back_utxo(led.utxo, deposit, max_hops, tagged), 8
        else:
            deposit = led.spelling(deposit)
            asset = deposit_asset(led, deposit, asset)
            stop = {t.sender for t in led.transfers if led.tags.lookup(t.sender)}
            res = trace_back_account(led.account_transfers(asset), deposit, max_hops, stop)
            decimals = DECIMALS.get(asset, 0)
        if as_json:
            _print_json(report.back_json(res, led.tags))
        else:
            console.print(rich_table(text.back_table(res, led.tags, decimals)))


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
        led = open_ledger(connect())
        found = path_assets(led, start, target, max_depth, through_exits, assets)
        if as_json:
            objs = [report.path_json(f.path, f.asset, f.ignored_assets) for f in found]
            _print_json(objs[0] if len(objs) == 1 else
                        {"start": found[0].path.start, "target": found[0].path.target, "assets": objs})
            return
        for f in found:
            table = text.path_table(f.path, DECIMALS.get(f.asset, 0))
            table.title = f"{table.title} in {f.asset}"
            console.print(rich_table(table))
        _left_out(found[0].ignored_assets, "searched")


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
        led = open_ledger(connect())
        sets = exposure_assets(led, address, max_hops, not back, assets)
        if as_json:
            objs = [report.exposure_json(e, led.tags) for e in sets]
            _print_json(objs[0] if len(objs) == 1 else
                        {"address": sets[0].address, "direction": objs[0]["direction"],
                         "max_hops": max_hops, "assets": objs})
            return
        for e in sets:
            console.print(f"{len(e.reached):,} addresses within {max_hops} hops in {e.asset}; "
                          f"per hop: {dict(sorted(report.exposure_by_hops(e).items()))}")
            table = Table("hops", "address", "tags", title=f"Tagged addresses reached ({e.asset})")
            for h, a in report.exposure_tagged(e, led.tags)[:100]:
                labels = "; ".join(f"{t.category}: {t.label}" for t in led.tags.lookup(a)[:2])
                table.add_row(str(h), a, labels)
            console.print(table)
        _left_out(sets[0].ignored_assets, "followed")


@app.command("cluster")
def cluster(address: str, as_json: JsonOpt = False) -> None:
    """Addresses that share an owner with ADDRESS (multi-input heuristic, CoinJoin-guarded)."""
    with reported_errors():
        led = open_ledger(connect())
        if led.utxo is None or address not in led.utxo.addr_index:
            raise NotFoundError(f"address {address}: not in the loaded UTXO data")
        found = cluster_of(multi_input_clusters(led.utxo), address)
        assert found is not None  # every address is in some cluster
        if as_json:
            _print_json(report.cluster_json(found, led.tags))
            return
        table = Table("address", "tags", title=f"Cluster of {address}: {len(found.addresses)} addresses")
        for a in found.addresses[:200]:
            table.add_row(a, "; ".join(t.label for t in led.tags.lookup(a)[:2]))
        console.print(table)
        console.print("joined by: " + (", ".join(found.evidence[:20]) or "(no multi-input transaction)"))


@app.command("patterns")
def patterns(
    min_length: Annotated[int, typer.Option(help="Shortest peel chain to report.")] = 3,
    as_json: JsonOpt = False,
) -> None:
    """Peel chains, CoinJoin-like transactions and exchange deposit addresses in the UTXO data."""
    with reported_errors():
        led = open_ledger(connect())
        g = led.utxo
        if g is None:
            raise NotFoundError("no UTXO data loaded (run `trace load` on a Bitcoin dataset)")
        chains = peel_chains(g, min_length)
        joins = [g.tx_hash[t] for t in range(g.n_tx) if looks_like_coinjoin(g, t)]
        exchanges = {a for a in g.addresses if any(t.category == "exchange" for t in led.tags.lookup(a))}
        deposits = exchange_deposits(g, exchanges)
        if as_json:
            _print_json(
                {
                    "peel_chains": [
                        {
                            "txs": list(c.txs),
                            "start_value": c.start_value,
                            "peeled": [{"address": a, "value": v} for a, v in c.peeled],
                        }
                        for c in chains
                    ],
                    "coinjoin_like": joins,
                    "exchange_deposits": deposits,
                }
            )
            return
        table = Table("first tx", "steps", "start value", "peeled (first three)", title="Peel chains")
        for c in chains[:50]:
            peeled = ", ".join(f"{a[:12]}… {report.fmt(v, 8)}" for a, v in c.peeled[:3])
            table.add_row(c.txs[0], str(len(c.txs)), report.fmt(c.start_value, 8), peeled)
        console.print(table)
        console.print(
            f"CoinJoin-like transactions: {len(joins)}; exchange deposit addresses: {len(deposits)}"
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
        if path_ is None:
            shared = config.shared_data_dir()
            if shared is None:
                raise NotFoundError("no --file given and no shared data folder found")
            path_ = shared / "tracing" / "scenarios" / "dprk_scenarios.json"
        led = open_ledger(connect())
        ledger_addrs = set(led.utxo.addresses if led.utxo else []) | {t.sender for t in led.transfers}
        ledger_addrs |= {t.receiver for t in led.transfers}
        cases = scenarios.check_cases(scenarios.read_cases(path_), led.tags, ledger_addrs)
        if as_json:
            _print_json([scenarios.case_json(c) for c in cases])
            return
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
        con = connect(config.database_path())
        idx = TagIndex(store.load_tags(con, addresses))
        keys = {address_key(a) for a in addresses}
        idx.add(t for t in list_tags(con) if address_key(t.address) in keys)
        hits = {a: idx.lookup(a) for a in addresses}
        if as_json:
            _print_json(
                {
                    "results": [
                        {"address": a, "listed_or_tagged": bool(ts), "tags": [tag_to_json(t) for t in ts]}
                        for a, ts in hits.items()
                    ]
                }
            )
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
        raise typer.Exit(EXIT_MATCH if any(hits.values()) else EXIT_NO_MATCH)
