"""The ledger as one self-contained HTML page: the charts inline as SVG (`charts`), the tally by
actor, and every incident with its amounts, attribution (and list entries), trace and sources.

No script, no stylesheet or font from elsewhere: the page reads the same offline, in an archive or
attached to a report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import Any

from interdict.incidents import charts
from interdict.incidents.model import IncidentVersion
from interdict.incidents.tally import UNATTRIBUTED, in_range, tally

_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1180px;
color:#1d1d1f;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}
.note{color:#555;font-size:12.5px}table{border-collapse:collapse;width:100%;font-size:12.5px}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f7;position:sticky;top:0}td.n{text-align:right;white-space:nowrap}
.chart svg{max-width:100%;height:auto}ul.src{margin:0;padding-left:16px}a{color:#0b57d0}
table.inc{table-layout:fixed}table.inc td{overflow-wrap:anywhere}td.n .note{white-space:normal}
"""


def _quarter_data(versions: Sequence[IncidentVersion]) -> tuple[dict[str, dict[str, Decimal]],
                                                                   dict[str, dict[str, int]]]:
    """USD (where sourced) and incident counts per quarter, by first-named actor."""
    usd: dict[str, dict[str, Decimal]] = {}
    counts: dict[str, dict[str, int]] = {}
    for v in versions:
        inc = v.incident
        actor = inc.actors[0].name if inc.actors else UNATTRIBUTED
        per = counts.setdefault(inc.quarter, {})
        per[actor] = per.get(actor, 0) + 1
        if inc.amount_usd is not None:
            row = usd.setdefault(inc.quarter, {})
            row[actor] = row.get(actor, Decimal(0)) + inc.amount_usd
    return usd, counts


def _exit_shares(traces: dict[str, dict[str, Any]], ids: set[str]) -> dict[str, dict[str, Decimal]]:
    """Asset -> place -> traced value, over the latest traces of the chosen incidents."""
    out: dict[str, dict[str, Decimal]] = {}
    for ident, trace in traces.items():
        if ident not in ids:
            continue
        for a in trace.get("assets") or []:
            places = out.setdefault(a["asset"], {})
            values = [*a["exits"].items(), ("unspent", a["unspent"]), ("left the data", a["left_data"]),
                      ("cut off", a["cut_off"]), ("fees", a["fees"])]
            for place, value in values:
                places[place] = places.get(place, Decimal(0)) + Decimal(value)
    return out


def _no_flow(traces: dict[str, dict[str, Any]], chosen: Sequence[IncidentVersion]) -> str:
    """What the flow chart says when no trace found funds to follow."""
    stored = sum(1 for v in chosen if v.incident.id in traces)
    if not stored:
        return "no incident traced yet (incidents trace ID)"
    return f"{stored} incidents traced: none names a theft address the loaded ledgers hold"


def _link(source: str) -> str:
    text = escape(source)
    return f'<a href="{text}">{text}</a>' if source.startswith(("http://", "https://")) else text


def _trace_cell(trace: dict[str, Any] | None) -> str:
    if trace is None:
        return '<span class="note">not traced</span>'
    parts = [f"{escape(trace['status'])} ({escape(trace['policy'])}, {escape(trace['traced_at'][:10])})"]
    for a in trace.get("assets") or []:
        exits = ", ".join(f"{escape(k)} {escape(v)}" for k, v in a["exits"].items()) or "no exit"
        parts.append(f"{escape(a['asset'])} {escape(a['source_value'])}: {exits}; unspent"
                     f" {escape(a['unspent'])}; left the data {escape(a['left_data'])}")
    return "<br>".join(parts)


def _row(v: IncidentVersion, trace: dict[str, Any] | None) -> str:
    inc = v.incident
    amounts = " + ".join(f"{a.value} {escape(a.unit)}" for a in inc.amounts()) or "—"
    usd = (f"{inc.amount_usd:,.0f}<br><span class=note>{_link(inc.amount_usd_source or '')}</span>"
           if inc.amount_usd is not None else "—")
    actors = []
    for a in inc.actors:
        entries = [f"{escape(link['entity_key'])} ({link['score']:.2f}, v{link['list_version']})"
                   for link in v.links if link["actor"] == a.name]
        conf = f" [{escape(a.confidence)}]" if a.confidence else ""
        actors.append(f"<b>{escape(a.name)}</b>{conf}"
                      + (f"<br><span class=note>listed: {'; '.join(entries)}</span>" if entries else ""))
    sources = "".join(f"<li>{_link(s)}</li>" for s in inc.sources)
    date = inc.date.isoformat() + (f" – {inc.date_end.isoformat()}" if inc.date_end else "")
    return (f"<tr><td>{escape(date)}</td><td><b>{escape(inc.name)}</b><br><span class=note>{escape(inc.id)}"
            f" v{v.version}{' · victim ' + escape(inc.victim) if inc.victim else ''}</span></td>"
            f"<td>{escape(inc.chain)}</td><td class=n>{amounts}</td><td class=n>{usd}</td>"
            f"<td>{'<br>'.join(actors) or '—'}<br><span class=note>{escape(inc.attribution)}</span></td>"
            f"<td>{_trace_cell(trace)}</td><td><ul class=src>{sources}</ul></td></tr>")


def _tally_row(r: dict[str, Any]) -> str:
    sourced = "; ".join(f"{v} {u}" for u, v in r["sourced"].items()) or "—"
    traced = "; ".join(f"{v} {a}" for a, v in r["traced"].items()) or "—"
    usd = f"{Decimal(r['usd']):,.0f} ({r['usd_known']} of {r['incidents']})" if r["usd"] else "—"
    return (f"<tr><td>{escape(r['key'])}</td><td class=n>{r['incidents']}</td>"
            f"<td class=n>{escape(sourced)}</td><td class=n>{usd}</td><td class=n>{escape(traced)}</td></tr>")


def chart_svgs(chosen: Sequence[IncidentVersion], traces: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The report's two charts as SVG documents, by file stem."""
    usd, counts = _quarter_data(chosen)
    shares = _exit_shares(traces, {v.incident.id for v in chosen})
    return {"stolen-per-quarter": charts.quarters_by_actor(usd, counts),
            "where-funds-went": charts.where_funds_went(shares, _no_flow(traces, chosen))}


def report_html(versions: Sequence[IncidentVersion], traces: dict[str, dict[str, Any]],
                start: dt.date | None = None, end: dt.date | None = None,
                title: str = "Incident ledger", svg_out: dict[str, str] | None = None) -> str:
    """The page over the incidents dated within [start, end] (its charts also put in `svg_out`)."""
    chosen = [v for v in versions if in_range(v.incident, start, end)]
    svg = chart_svgs(chosen, traces)
    if svg_out is not None:
        svg_out.update(svg)
    by_actor = tally(chosen, traces, "actor")
    summary = by_actor.total
    tally_rows = "".join(_tally_row(r.to_json()) for r in [*by_actor.rows, summary])
    span = " ".join(x for x in (f"from {start}" if start else "", f"to {end}" if end else "") if x)
    rows = "".join(_row(v, traces.get(v.incident.id)) for v in chosen)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_STYLE}</style></head>
<body><h1>{escape(title)}</h1>
<p class="note">{len(chosen)} incidents{escape(' ' + span if span else '')}; USD known (from a source) for
{summary.usd_known}:
{summary.usd:,.0f} USD; traced: {summary.traced_incidents}. Made by Interdict on
{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}. Sourced amounts are what the incidents' sources
state; traced amounts are what a taint walk over the loaded ledgers followed.</p>
<h2>Amount stolen per quarter</h2>
<div class="chart">{svg["stolen-per-quarter"]}</div>
<p class="note">Each incident counts for its first-named actor. USD only where a source gives it.</p>
<h2>Where the funds went</h2>
<div class="chart">{svg["where-funds-went"]}</div>
<p class="note">Exits (exchange, mixer, bridge) are named by the loaded tags; "left the data" is value
spent by transactions the loaded ledgers do not hold.</p>
<h2>By actor</h2>
<table><tr><th>actor</th><th>incidents</th><th>sourced (native units)</th><th>USD (sourced)</th>
<th>traced</th></tr>{tally_rows}</table>
<h2>Incidents</h2>
<table class="inc"><colgroup><col style="width:7%"><col style="width:15%"><col style="width:7%">
<col style="width:11%"><col style="width:9%"><col style="width:18%"><col style="width:14%">
<col style="width:19%"></colgroup>
<tr><th>date</th><th>incident</th><th>chain</th><th>amount</th><th>USD</th><th>attribution</th>
<th>trace</th><th>sources</th></tr>{rows}</table>
</body></html>
"""
