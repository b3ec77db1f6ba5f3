"""The controls' state source over the DuckDB store (`controls.state.StateSource`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb

from interdict.payments.controls.features import PaymentFeatures
from interdict.payments.controls.profile import AmountStats, SenderProfile
from interdict.payments.store import COMBO, features

_CORRIDOR = "debtor_country || '>' || bene_country || ':' || currency"
_PROFILE_ROWS = "(learned OR coalesce(released, false))"


class DuckState:
    """The controls' state source (`controls.state.StateSource`) over the store: profiles are
    aggregates of the learned and released payments' features, computed by DuckDB per sender."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn

    def recent(self, senders: Sequence[str], since: datetime) -> list[PaymentFeatures]:
        """The senders' payments (any decision) from `since` on, oldest first."""
        return features(self.conn, senders=senders, since=since)

    def profiles(self, senders: Sequence[str], window_minutes: int) -> dict[str, SenderProfile]:
        """The senders' profiles, as `profile.learn` would build them from the same payments."""
        marks = ",".join("?" * len(senders))
        where = f"sender IN ({marks}) AND {_PROFILE_ROWS}"
        out: dict[str, SenderProfile] = {}
        combos = self.conn.execute(
            f"SELECT {', '.join(COMBO)}, count(*), min(ts) AS first FROM payment_features WHERE {where} "
            "GROUP BY ALL ORDER BY first, sender",
            list(senders),
        ).fetchall()
        for row in combos:
            sender, currency, *bene, n, first = row
            prof = out.setdefault(sender, SenderProfile(sender))
            prof.count(PaymentFeatures("", sender, first, first, 0.0, currency, *bene), times=n)
        self._amounts(out, f"sender IN ({marks}) AND learned", list(senders))
        self._days(out, where, list(senders), window_minutes)
        return out

    def _amounts(self, out: dict[str, SenderProfile], where: str, params: list[str]) -> None:
        """Median, MAD and range per corridor, of the learned payments only (see profile.py)."""
        rows = self.conn.execute(
            f"SELECT sender, {_CORRIDOR}, count(*), median(amount), mad(amount), min(amount), max(amount) "
            f"FROM payment_features WHERE {where} GROUP BY ALL",
            params,
        ).fetchall()
        for sender, corridor, n, med, mad, low, high in rows:
            prof = out.setdefault(sender, SenderProfile(sender))
            prof.amounts[corridor] = AmountStats(n, float(med), float(mad), float(low), float(high))

    def _days(self, out: dict[str, SenderProfile], where: str, params: list[str], minutes: int) -> None:
        peaks = self.conn.execute(
            f"SELECT sender, max(n) FROM (SELECT sender, count(*) OVER (PARTITION BY sender ORDER BY ts "
            f"RANGE BETWEEN INTERVAL {int(minutes)} MINUTE PRECEDING AND CURRENT ROW) AS n "
            f"FROM payment_features WHERE {where}) GROUP BY sender",
            params,
        ).fetchall()
        for sender, peak in peaks:
            out[sender].peak = int(peak)
        days = self.conn.execute(
            f"SELECT sender, corridor, max(v), max(c), count(DISTINCT d), max(d) FROM ("
            f"SELECT sender, {_CORRIDOR} AS corridor, local_ts::DATE AS d, sum(amount) AS v, count(*) AS c "
            f"FROM payment_features WHERE {where} GROUP BY ALL) "
            "GROUP BY GROUPING SETS ((sender, corridor), (sender))",
            params,
        ).fetchall()
        for sender, corridor, value, count, n_days, last in days:
            if corridor is None:
                out[sender].days, out[sender].last_day = int(n_days), last
            else:
                out[sender].corridor_days[corridor] = (float(value), int(count))
