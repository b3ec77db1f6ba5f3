"""Readers: each format read into a `TransferTable`, bad rows named by file and line."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from interdict.aml.sources.amlworld import read_patterns, read_trans
from interdict.aml.sources.recognise import detect, read_path, read_paths
from interdict.core.errors import TransferFormatError


def _gz(path: Path, text: str) -> None:
    with gzip.open(path, "wt") as fh:
        fh.write(text)


@pytest.fixture()
def amlsim_run(tmp_path: Path) -> Path:
    run = tmp_path / "run"
    run.mkdir()
    _gz(run / "transactions.csv.gz", "sourceNodeId,targetNodeId,value,time\n1,2,100.5,3\n2,3,99.0,2\n")
    _gz(run / "nodes.csv.gz", "nodeid,isFraud,init_balance,fraudStep\n1,0,1,-1\n2,1,1,2\n3,1,1,2\n9,1,5,1\n")
    return run


def test_amlsim_steps_become_days_and_labels_cover_idle_accounts(amlsim_run: Path) -> None:
    t = read_path(amlsim_run)
    assert detect(amlsim_run) == "amlsim"
    assert t.time.tolist() == [2 * 86400, 3 * 86400]  # sorted by time
    assert [t.accounts[i] for i in t.src] == ["2", "1"]
    assert t.amount.tolist() == [99.0, 100.5]
    assert t.tx == ["transactions.csv.gz:3", "transactions.csv.gz:2"]
    assert t.account_label is not None
    labels = {a: int(v) for a, v in zip(t.accounts, t.account_label, strict=True)}
    assert labels == {"1": 0, "2": 1, "3": 1, "9": 1}  # 9 never transacts but is counted


def test_amlsim_bad_value_names_file_and_line(amlsim_run: Path) -> None:
    _gz(amlsim_run / "transactions.csv.gz", "sourceNodeId,targetNodeId,value,time\n1,2,1,1\n\n1,2,abc,1\n")
    with pytest.raises(TransferFormatError, match=r"transactions\.csv\.gz at line 4: value 'abc'"):
        read_path(amlsim_run)
    _gz(amlsim_run / "transactions.csv.gz", "sourceNodeId,targetNodeId,value,time\n1,2,1,1.5\n")
    with pytest.raises(TransferFormatError, match=r"line 2: time '1.5' is not an integer"):
        read_path(amlsim_run)
    _gz(amlsim_run / "transactions.csv.gz", "sourceNodeId,targetNodeId,value\n1,2,1\n")
    with pytest.raises(TransferFormatError, match=r"unrecognised"):
        read_path(amlsim_run)
    with pytest.raises(TransferFormatError, match=r"header: missing column\(s\) time"):
        read_path(amlsim_run, "amlsim")


@pytest.mark.shared
def test_amlsim_old_schema(shared_data: Path) -> None:
    folder = shared_data / "aml" / "amlsim" / "sample_outputs_30acct"
    t = read_path(folder)
    assert detect(folder) == "amlsim-old"
    assert t.n_transfers == 45 and t.n_accounts == 30
    assert t.account_label is not None and int(t.account_label.sum()) == 4
    assert t.tx[0] == "2" and t.accounts[t.src[0]] == "15" and t.accounts[t.dst[0]] == "25"


def test_amlworld_trans_banks_without_leading_zeros(test_data: Path) -> None:
    path = test_data / "aml" / "HI-Tiny_Trans.csv"
    t = read_trans(path)
    assert detect(path) == "amlworld"
    # 03208 and 3208 are one bank; 1 and 001 too.
    assert sorted(t.accounts) == ["10:8000EBD30", "1:8000F5340", "3208:8000F4580", "3209:8000F4670"]
    first = 0  # 00:00 sorts first
    assert t.accounts[t.src[first]] == "3208:8000F4580" and t.amount[first] == 14675.57
    assert t.label is not None and t.label.tolist() == [1, 0, 0, 0]
    assert t.time[0] == 1661990400  # 2022-09-01 00:00 UTC
    assert sorted(t.currencies) == ["Euro", "US Dollar"]
    assert t.tx[0] == "HI-Tiny_Trans.csv:4"


def test_amlworld_bad_timestamp_names_line(tmp_path: Path, test_data: Path) -> None:
    lines = (test_data / "aml" / "HI-Tiny_Trans.csv").read_text().splitlines()
    lines[3] = lines[3].replace("2022/09/01 00:00", "2022/13/01 00:00")
    bad = tmp_path / "x_Trans.csv"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(TransferFormatError, match=r"x_Trans\.csv at line 4: Timestamp '2022/13/01 00:00'"):
        read_trans(bad)


@pytest.mark.shared
def test_hi_small_patterns_keep_attempts(shared_data: Path) -> None:
    got = read_patterns(shared_data / "aml" / "ibm_amlworld" / "HI-Small_patterns.csv")
    t = got.table
    assert t.n_transfers == 3209 and len(set(got.attempt.tolist())) == 370
    assert np.all(np.diff(t.time) >= 0)
    # Row 2 of the file (attempt 0, FAN-OUT, 021174 -> 012) is aligned with its attempt and family.
    i = t.tx.index("HI-Small_patterns.csv:2")
    assert got.attempt[i] == 0 and got.family[i] == "FAN-OUT"
    assert t.accounts[t.src[i]] == "21174:800737690" and t.accounts[t.dst[i]] == "12:80011F990"
    assert t.amount[i] == 2848.96 and t.currencies[t.currency[i]] == "Euro"
    assert set(got.family.tolist()) == {
        "FAN-OUT", "FAN-IN", "CYCLE", "GATHER-SCATTER", "SCATTER-GATHER", "STACK", "RANDOM", "BIPARTITE"}


def test_generic_transfers_and_merge(tmp_path: Path, amlsim_run: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("from,to,asset,amount,time,tx_id\nA,B,EUR,500,2024-01-01T00:00:00Z,t1\nB,2,EUR,400,10,t2\n")
    t = read_path(f)
    assert detect(f) == "transfers"
    assert t.tx == ["t2", "t1"] and t.amount.tolist() == [400.0, 500.0]
    both = read_paths([f, amlsim_run])
    assert both.n_transfers == 4
    assert both.accounts[both.dst[0]] == "2"  # account "2" is shared by both files
    f.write_text("from,to,asset,amount,time,tx_id\nA,B,EUR,5.5,10,t1\n")
    with pytest.raises(TransferFormatError, match="line 2"):
        read_path(f)


@pytest.mark.shared
def test_amlsim_real_run_reads_fast(shared_data: Path) -> None:
    import time

    start = time.perf_counter()
    t = read_path(shared_data / "aml" / "amlsim" / "20K_fanin200cycle200")
    assert time.perf_counter() - start < 10.0  # ~0.4 s measured idle; a guard against slow paths
    assert t.n_transfers == 120_558 and t.n_accounts == 20_000
    assert t.account_label is not None and int(t.account_label.sum()) == 1804
