"""`interdict match`: the score of two names (or a CSV of pairs) by a registered scorer.

The engine is imported inside the command, so registering it costs `interdict --help` nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interdict.cli._common import (
    EXIT_INPUT_ERROR,
    EXIT_MATCH,
    EXIT_NO_MATCH,
    console,
    err_console,
    reported_errors,
)

if TYPE_CHECKING:
    from rich.table import Table

    from interdict.services.matching import Scorer


def match(
    name1: Annotated[str | None, typer.Argument(help="Query name.")] = None,
    name2: Annotated[str | None, typer.Argument(help="Listed name to compare it with.")] = None,
    kind: Annotated[str, typer.Option(help="person, organization, vessel, aircraft or any.")] = "any",
    algorithm: Annotated[str, typer.Option(help="Registered scorer (see --algorithms).")] = "interdict",
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    batch: Annotated[Path | None, typer.Option(help="CSV with name1,name2[,schema] columns.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write batch JSON lines here (default stdout).")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Batch: add each pair's explanation.")] = False,
    algorithms: Annotated[bool, typer.Option("--algorithms", help="List the scorers and exit.")] = False,
) -> None:
    """Score NAME1 against NAME2 with the screening engine. Exit 0 below threshold, 1 match, 2 error.

    With --batch: one JSON line per data row, {"row", "score", "match", ...}; exit 0 when done.

    A bad line in the batch file is reported with its line number; then nothing is written (exit 2).
    """
    from interdict.core.errors import InputError
    from interdict.services import matching

    with reported_errors():
        if algorithms:
            _print_algorithms(json_out)
            raise typer.Exit(0)
        query_kind = matching.query_kind(kind)
        scorer = matching.scorer(algorithm)
        if batch is not None:
            if name1 is not None or name2 is not None:
                raise InputError("command line", None, "give either NAME1 NAME2 or --batch FILE (not both)")
            raise typer.Exit(_run_batch(batch, out, scorer, query_kind, explain))
        if name1 is None or name2 is None:
            raise InputError("command line", None, "give two names (NAME1 NAME2) or --batch FILE")
        raise typer.Exit(_run_single(name1, name2, query_kind, scorer, json_out))


def _run_single(name1: str, name2: str, kind: Any, scorer: Scorer, json_out: bool) -> int:
    from interdict.services import matching

    found = matching.score_pair(scorer, name1, name2, kind)
    is_match, expl = found.match, found.explanation
    if json_out:
        import orjson

        console.print_json(orjson.dumps(found.to_json()).decode())
    else:
        verdict = "match" if is_match else "no match"
        console.print(f"{name1!r} ~ {name2!r}: score [bold]{found.raw_score:.2f}[/] ({verdict} at "
                      f"{scorer.THRESHOLD:.2f}, {scorer.NAME})", highlight=False)
        if "tokens" in expl:
            console.print(matching.summary(expl), highlight=False)
        for table in _tables(expl):
            console.print(table)
    return EXIT_MATCH if is_match else EXIT_NO_MATCH


def _tables(expl: dict[str, Any]) -> list[Table]:
    """The explanation as tables: forms, token alignment, adjustments (or SLS's part scores)."""
    from rich.table import Table

    tables: list[Table] = []
    if "query_form" in expl:
        forms = Table(title="forms compared", title_justify="left")
        for col in ("query form", "rule", "listed form", "listed name", "script"):
            forms.add_column(col)
        forms.add_row(*(str(expl.get(k, "")) for k in ("query_form", "query_rule", "name_form",
                                                         "matched_name", "script")))
        tables.append(forms)
    rows = _token_rows(expl)
    if rows:
        table = Table(title="tokens", title_justify="left")
        last = "part score" if "parts" in expl else "weight"
        for col in ("query", "listed", "similarity", "rule", last):
            table.add_column(col)
        for row in rows:
            table.add_row(*row)
        tables.append(table)
    if expl.get("adjustments"):
        adj = Table(title="adjustments", title_justify="left")
        adj.add_column("feature")
        adj.add_column("delta", justify="right")
        adj.add_column("why")
        for a in expl["adjustments"]:
            adj.add_row(str(a["feature"]), f"{a['delta']:+.2f}", str(a["why"]))
        tables.append(adj)
    return tables


def _token_rows(expl: dict[str, Any]) -> list[tuple[str, ...]]:
    """Rows of the token table: aligned pairs, then unmatched tokens (or SLS's part scores)."""
    rows: list[tuple[str, ...]] = [
        (t["query"], t["name"], f"{t['similarity']:.3f}", t["rule"], f"{t['weight']:.3f}")
        for t in expl.get("tokens", [])]
    rows += [(t["token"], "—", "0", "unmatched query", f"{t['weight']:.3f}")
             for t in expl.get("unmatched_query", [])]
    rows += [("—", t["token"], "0", "unmatched listed", f"{t['weight']:.3f}")
             for t in expl.get("unmatched_name", [])]
    rows += [(p["part"], p["best"], f"{p['jaro_winkler']:.3f}",
              "soundex equal" if p["soundex_equal"] else "soundex differs", f"{p['score']:.3f}")
             for p in expl.get("parts", [])]
    return rows


def _run_batch(path: Path, out: Path | None, scorer: Scorer, kind: Any, explain: bool) -> int:
    import orjson

    from interdict.services import matching

    pairs, problems = matching.read_pairs_file(path, kind)
    if problems:
        for p in problems:
            err_console.print(f"[bold red]error:[/] {path} line {p.line}: {p.error}", highlight=False,
                              soft_wrap=True)
        return EXIT_INPUT_ERROR
    lines = [orjson.dumps(matching.pair_record(scorer, p, explain)) + b"\n" for p in pairs]
    if out is None:
        for line in lines:
            console.file.write(line.decode())
    else:
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(b"".join(lines))
        tmp.replace(out)
    return EXIT_NO_MATCH


def _print_algorithms(json_out: bool) -> None:
    from interdict.services.matching import scorers

    docs = scorers()
    if json_out:
        import orjson

        console.print_json(orjson.dumps([d.to_dict() for d in docs]).decode())
        return
    for d in docs:
        console.print(f"[bold]{d.name}[/] (threshold {d.threshold:.2f}): {d.description}", highlight=False)
        for p in d.parameters:
            console.print(f"  parameter {p.name} ({p.type}) = {p.default}: {p.description}", highlight=False)
        for f in d.features:
            console.print(f"  feature {f.name} ({f.type}): {f.description}", highlight=False)
