"""Incident files: JSON (a list of incidents, the shape of `dprk_scenarios.json`) and CSV (one row
per incident). The format is documented in docs/incidents.md.

A file is read whole and checked before anything is stored: an error names the file and the place
(`[3].theft_addresses[0].address`, or `line 5, column date`) and what was expected, and the load
stores nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from interdict.core.errors import InputError
from interdict.core.textfile import read_utf8
from interdict.incidents.actors import mentions
from interdict.incidents.model import Actor, AddressRef, Amount, Incident

# JSON keys holding address lists, and the group each one's addresses belong to
ADDRESS_GROUPS = {
    "theft_addresses": "theft",
    "laundering_addresses": "laundering",
    "other_labelled_addresses": "other",
    "compromised_or_victim_addresses": "victim",
    "victim_addresses_sample": "victim",
    "theft_transactions": "transaction",
}
ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")
CSV_COLUMNS = ("id", "name", "date", "date_end", "victim", "chain", "amount", "unit", "amount_usd",
               "amount_usd_source", "actors", "attribution", "attribution_source", "confidence",
               "theft_addresses", "laundering_addresses", "sources", "verified")


class IncidentFormatError(InputError):
    """An incident file is malformed: names the file, the place and what was expected."""


class _At:
    """The place being read, for error messages."""

    def __init__(self, source: str, place: str) -> None:
        self.source, self.place = source, place

    def sub(self, key: str | int) -> _At:
        return _At(self.source, f"{self.place}[{key}]" if isinstance(key, int) else f"{self.place}.{key}")

    def fail(self, message: str) -> IncidentFormatError:
        return IncidentFormatError(self.source, self.place.lstrip("."), message)


def read_incidents(path: Path) -> list[Incident]:
    """Every incident in a JSON or CSV file (recognised by content; a UTF-8 byte-order mark dropped),
    checked in full. A byte that is not UTF-8 is named by its line and column."""
    try:
        text = read_utf8(Path(path), "incident file")
    except InputError as exc:  # callers catch an incident file's errors as IncidentFormatError
        raise IncidentFormatError(exc.source, exc.location, exc.detail) from exc
    return read_incidents_text(str(path), text)


def read_incidents_text(source: str, text: str) -> list[Incident]:
    """Every incident in JSON or CSV text (named `source` in errors), checked in full. A leading
    byte-order mark is dropped: an HTTP body saved by a Windows editor starts with one."""
    text = text.removeprefix("\ufeff")
    head = text.lstrip()[:1]
    incidents = _read_json(source, text) if head in ("[", "{") else _read_csv(source, text)
    seen: dict[str, int] = {}
    for n, inc in enumerate(incidents):
        if inc.id in seen:
            raise IncidentFormatError(source, f"incident {n + 1}",
                                      f"id {inc.id!r} repeats incident {seen[inc.id] + 1}")
        seen[inc.id] = n
    if not incidents:
        raise IncidentFormatError(source, None, "holds no incident")
    return incidents


def _read_json(source: str, text: str) -> list[Incident]:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise IncidentFormatError(source, f"line {exc.lineno}, column {exc.colno}",
                                  f"not valid JSON ({exc.msg})") from exc
    if isinstance(data, dict) and "incidents" in data:
        data = data["incidents"]
    if not isinstance(data, list):
        raise IncidentFormatError(source, None, "expected a JSON list of incidents"
                                  " (or an object with an \"incidents\" list)")
    return [_incident(_obj(item, _At(source, f"[{n}]")), _At(source, f"[{n}]"))
            for n, item in enumerate(data)]


def _obj(value: Any, at: _At) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise at.fail(f"expected an object, found {type(value).__name__}")
    return value


def _text(d: dict[str, Any], key: str, at: _At, *, required: bool = False) -> str | None:
    value = d.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise at.sub(key).fail("is required")
        return None
    if not isinstance(value, str):
        raise at.sub(key).fail(f"expected text, found {type(value).__name__}")
    return value.strip()


def _date(d: dict[str, Any], key: str, at: _At, *, required: bool = False) -> date | None:
    value = _text(d, key, at, required=required)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise at.sub(key).fail(f"expected a date YYYY-MM-DD, found {value!r}") from exc


def _decimal(value: Any, at: _At) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise at.fail(f"expected a number, found {type(value).__name__}")
    try:
        out = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation as exc:
        raise at.fail(f"expected a number, found {value!r}") from exc
    if not out.is_finite() or out < 0:
        raise at.fail(f"expected a non-negative number, found {value!r}")
    return out


def _amounts(d: dict[str, Any], at: _At) -> tuple[Amount | None, tuple[Amount, ...]]:
    value = _decimal(d.get("amount"), at.sub("amount"))
    unit = _text(d, "unit", at)
    if value is not None and unit is None:
        raise at.sub("unit").fail("is required when an amount is given")
    extra = []
    raw = d.get("amount_extra") or []
    if not isinstance(raw, list):
        raise at.sub("amount_extra").fail("expected a list of {\"amount\", \"unit\"}")
    for n, item in enumerate(raw):
        item_at = at.sub("amount_extra").sub(n)
        obj = _obj(item, item_at)
        v = _decimal(obj.get("amount"), item_at.sub("amount"))
        u = _text(obj, "unit", item_at, required=True)
        if v is None or u is None:
            raise item_at.sub("amount").fail("is required")
        extra.append(Amount(v, u))
    return (Amount(value, unit) if value is not None and unit else None), tuple(extra)


def _addresses(d: dict[str, Any], at: _At) -> tuple[AddressRef, ...]:
    out: list[AddressRef] = []
    for key, group in ADDRESS_GROUPS.items():
        raw = d.get(key)
        if raw is None:
            continue
        if not isinstance(raw, list):
            raise at.sub(key).fail("expected a list of addresses (or null)")
        for n, item in enumerate(raw):
            item_at = at.sub(key).sub(n)
            obj = {"address": item} if isinstance(item, str) else _obj(item, item_at)
            addr = _text(obj, "address", item_at, required=True) or ""
            if re.search(r"\s", addr):
                raise item_at.sub("address").fail(f"an address has no spaces, found {addr!r}")
            role = _text(obj, "role", item_at) or ""
            # a victim's wallet listed among the theft addresses (Bybit's cold wallet) is no theft
            # address: tracing from it would follow the victim's own funds
            kind = "victim" if group == "theft" and role.lower().startswith("victim") else group
            out.append(AddressRef(addr, kind, role, _text(obj, "source", item_at) or "",
                                  _text(obj, "chain", item_at)))
    return tuple(out)


def _actors(d: dict[str, Any], attribution: str, at: _At) -> tuple[Actor, ...]:
    raw = d.get("actors")
    if raw is None:  # read the names out of the attribution sentence
        return tuple(Actor(k.actor, attribution, None, k.mention) for k in mentions(attribution))
    if not isinstance(raw, list):
        raise at.sub("actors").fail("expected a list of actors")
    out = []
    for n, item in enumerate(raw):
        item_at = at.sub("actors").sub(n)
        obj = {"name": item} if isinstance(item, str) else _obj(item, item_at)
        conf = obj.get("confidence")
        out.append(Actor(_text(obj, "name", item_at, required=True) or "",
                         _text(obj, "source", item_at) or attribution,
                         None if conf is None else str(conf)))
    return tuple(out)


def _sources(d: dict[str, Any], at: _At) -> tuple[str, ...]:
    out: list[str] = []
    for key in ("sources", "documents"):
        raw = d.get(key) or []
        if not isinstance(raw, list):
            raise at.sub(key).fail("expected a list of texts or links")
        for n, item in enumerate(raw):
            obj = {"url": item} if isinstance(item, str) else _obj(item, at.sub(key).sub(n))
            ref = obj.get("url") or obj.get("title")
            if not isinstance(ref, str) or not ref.strip():
                raise at.sub(key).sub(n).fail("expected a text or {\"url\", \"title\"}")
            out.append(ref.strip())
    return tuple(out)


def _incident(d: dict[str, Any], at: _At) -> Incident:
    ident = _text(d, "id", at, required=True) or ""
    if not ID_RE.fullmatch(ident):
        raise at.sub("id").fail(f"expected letters, digits and _.:- (at most 128), found {ident!r}")
    amount, extra = _amounts(d, at)
    usd = _decimal(d.get("amount_usd"), at.sub("amount_usd"))
    sources = _sources(d, at)
    usd_source = _text(d, "amount_usd_source", at)
    if usd is None and amount is not None and amount.unit.upper() == "USD":
        usd, usd_source = amount.value, usd_source or (sources[0] if sources else None)
    attribution = _text(d, "attribution", at) or ""
    verified = d.get("verified")
    if verified is not None and not isinstance(verified, bool):
        raise at.sub("verified").fail("expected true, false or null")
    notes = "; ".join(str(v) for k, v in sorted(d.items()) if k.endswith("_notes") and v)
    return Incident(
        id=ident, name=_text(d, "name", at, required=True) or "",
        date=_date(d, "date", at, required=True) or date.min,
        chain=_text(d, "chain", at, required=True) or "", date_end=_date(d, "date_end", at),
        victim=_text(d, "victim", at), amount=amount, amount_extra=extra, amount_usd=usd,
        amount_usd_source=usd_source, actors=_actors(d, attribution, at), attribution=attribution,
        addresses=_addresses(d, at), sources=sources, notes=notes, verified=verified,
    )


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _read_csv(source: str, text: str) -> list[Incident]:
    rows = csv.DictReader(io.StringIO(text))
    header = rows.fieldnames or []
    missing = [c for c in ("id", "name", "date", "chain") if c not in header]
    if missing:
        raise IncidentFormatError(source, "line 1", f"missing column(s) {', '.join(missing)}"
                                  f" (columns: {', '.join(CSV_COLUMNS)})")
    out = []
    for row in rows:
        line = rows.line_num
        cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if None in row:
            raise IncidentFormatError(source, f"line {line}", "more cells than columns")
        out.append(_incident(_csv_record(cells), _CsvAt(source, line)))
    return out


def _csv_record(c: dict[str, str]) -> dict[str, Any]:
    names: Callable[[str], list[str]] = _split
    actors = [{"name": n, "source": c.get("attribution_source") or None,
               "confidence": c.get("confidence") or None} for n in names(c.get("actors", ""))]
    verified = {"true": True, "false": False, "": None}.get(c.get("verified", "").lower(),
                                                             c.get("verified"))
    return {
        **{k: c.get(k) or None for k in ("id", "name", "date", "date_end", "victim", "chain", "amount",
                                        "unit", "amount_usd", "amount_usd_source", "attribution")},
        "actors": actors if c.get("actors") else None,
        "theft_addresses": names(c.get("theft_addresses", "")),
        "laundering_addresses": names(c.get("laundering_addresses", "")),
        "sources": names(c.get("sources", "")), "verified": verified,
    }


class _CsvAt(_At):
    """A CSV row: places are named `line N, column C`."""

    def __init__(self, source: str, line: int, column: str = "") -> None:
        super().__init__(source, f"line {line}" + (f", column {column}" if column else ""))
        self.line = line

    def sub(self, key: str | int) -> _At:
        if isinstance(key, int):  # an item of a ;-separated cell
            return _CsvAt(self.source, self.line, f"{self.place.split('column ')[-1]} item {key + 1}")
        return _CsvAt(self.source, self.line, key)
