"""The AML window features as Spark SQL equal `aml.features.transfer_features` (numpy) on real
AMLSim output (shared data: 20K_fanin200, the first three weeks)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest

from interdict.aml.features import transfer_features
from interdict.aml.sources.amlsim import read_amlsim
from interdict.aml.table import TransferTable
from interdict.spark.features import account_feature_names, account_features

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def weeks(shared_data: Path) -> TransferTable:
    table = read_amlsim(shared_data / "aml" / "amlsim" / "20K_fanin200")
    return table.select(np.flatnonzero(table.time < table.time[0] + 21 * 86_400))


def test_window_features_in_spark_sql_equal_the_numpy_ones(spark: Any, weeks: TransferTable,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "transfers.parquet"
    con = duckdb.connect()
    con.execute('CREATE TABLE t("from" VARCHAR, "to" VARCHAR, asset VARCHAR, amount DOUBLE, time BIGINT,'
                " tx_id VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", [
        (weeks.accounts[s], weeks.accounts[d], weeks.currencies[c], a, t, weeks.tx[i]) for i, (s, d, c, a, t)
        in enumerate(zip(weeks.src.tolist(), weeks.dst.tolist(), weeks.currency.tolist(),
                         weeks.amount.tolist(), weeks.time.tolist(), strict=True))])
    con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    con.close()
    want = transfer_features(weeks)
    names = account_feature_names("s") + account_feature_names("r")
    got = {r["tx_id"]: r for r in account_features(spark.read.parquet(str(path))).collect()}
    assert len(got) == weeks.n_transfers > 3_000
    row_of = {tx: i for i, tx in enumerate(weeks.tx)}
    order = [row_of[tx] for tx in got]
    for name in names:
        spark_values = np.array([got[tx][name] for tx in got], dtype=np.float64)
        numpy_values = want.column(name)[order].astype(np.float64)
        assert np.allclose(spark_values, numpy_values, rtol=1e-5, atol=1e-4), name
    # the windows hold real fan-in (the data's typology): many receivers see many senders a week
    assert max(got[tx]["r_in_cp_7d"] for tx in got) >= 5
