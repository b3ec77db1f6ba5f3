"""The multi-process path of `payments screen`: workers read and screen, the parent decides and
stores; it must give exactly the single-process decisions, in the same order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from interdict.core.errors import MessageFormatError
from interdict.payments.iso20022 import SchemaSet
from interdict.payments.parallel import screen_parallel
from interdict.payments.reader import iter_files, read_bytes
from synthetic.payments import TrafficGenerator, mt_batch, render_pacs008
from tests.payments.conftest import PipelineFactory


def _jobs(payments_data: Path) -> list[tuple[bytes, str]]:
    transfers = TrafficGenerator(seed=5, senders=12).transfers(400, date(2026, 11, 2), 5)
    jobs = [(mt_batch(transfers[:300], separator="$").encode(), "big.rje")]  # one file, many chunks
    jobs += [(render_pacs008(t).encode(), f"mx{k}.xml") for k, t in enumerate(transfers[300:])]
    jobs += [(f.read_bytes(), f.name) for f in iter_files([payments_data])]  # broken files too
    return jobs


@pytest.mark.shared
def test_parallel_gives_the_single_process_decisions_in_order(
    make_pipeline: PipelineFactory, payments_data: Path, schemas: SchemaSet
) -> None:
    jobs = _jobs(payments_data)
    items = [i for data, source in jobs for i in read_bytes(data, source, schemas)]
    single = [o.decision for o in make_pipeline().run(items)]

    pipeline = make_pipeline()
    found = list(screen_parallel(jobs, pipeline.screener, schemas, 2))
    assert [s.item.message_id for s in found] == [i.message_id for i in items]
    # format errors cross the process boundary intact (source, place and detail)
    errors = [e for s in found for e in s.item.errors]
    assert errors and all(isinstance(e, MessageFormatError) and e.source and e.detail for e in errors)
    assert [str(e) for e in errors] == [str(e) for i in items for e in i.errors]
    parallel = [o.decision for o in pipeline.run_screened((s.item, s.hits) for s in found)]
    assert parallel == single
    assert {d.decision for d in parallel} == {"release", "hold"}
