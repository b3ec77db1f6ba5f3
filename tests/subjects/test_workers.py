"""`screen --batch --workers N`: forked workers sharing the index give, line for line, what one
process gives (on a batch large enough to fork)."""

from __future__ import annotations

import random
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app
from interdict.screening.batch import MIN_PARALLEL
from synthetic.customers import customer_names

runner = CliRunner()


def test_two_workers_write_what_one_writes(interdict_home: Path, test_data: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["lists", "load", str(test_data / "lists" / "un_v2.xml")]).exit_code == 0
    names = customer_names(random.Random(3), MIN_PARALLEL + 500)
    names[::97] = ["Ri Won Ho"] * len(names[::97])  # some hits, spread over the chunks
    batch = tmp_path / "batch.csv"
    rows = "".join(f'{n},"{name}"\n' for n, name in enumerate(names))
    batch.write_text("id,name\n" + rows, encoding="utf-8")
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}.jsonl"
        args = ["screen", "--batch", str(batch), "--out", str(out), "--workers", workers]
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.stderr  # 1: some name matched
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert outputs[0].count('"list_id":"KPi.033"') == len(names[::97])
    bad = runner.invoke(app, ["screen", "--batch", str(batch), "--workers", "0"])
    assert bad.exit_code == 2 and "--workers" in bad.stderr
