"""Use every core for a large input: worker processes parse and screen, the parent decides.

Parsing (lxml + XSD, or the FIN blocks) and screening (the index is read-only) need no shared
state, so forked workers do them; the behavioural controls, the UETR check and the store keep
per-sender state and must see the messages in order, so the parent alone runs the pipeline on the
workers' results, in input order. Exactly-once and crash safety are therefore the pipeline's own:
a decision is stored (one transaction per batch) before it is yielded, by the one writer.
"""

from __future__ import annotations

import copyreg
import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from interdict.core.errors import InputError
from interdict.payments.iso20022 import SchemaSet
from interdict.payments.reader import ReadItem, read_bytes
from interdict.payments.screen import Hit, PaymentScreener

# Set in the parent just before the workers are forked; they inherit them copy-on-write (the index
# is hundreds of MB: sending it to each worker would cost more than screening a large batch).
_SCREENER: PaymentScreener | None = None
_SCHEMAS: SchemaSet | None = None
# How the workers time parsing and screening; benchmarks set time.thread_time (CPU time, a ~5 us
# system call per reading) before the pool forks.
CLOCK: Callable[[], float] = time.perf_counter


@dataclass(frozen=True, slots=True)
class Screened:
    """A read message, its screening hits (None when unreadable) and the worker's seconds on it."""

    item: ReadItem
    hits: list[Hit] | None
    seconds: float
    parse_cpu: float = 0.0  # its share of reading the file, on `CLOCK`
    screen_cpu: float = 0.0  # screening it, on `CLOCK`


def _rebuild_input_error(cls: type[InputError], source: str, location: str | None, detail: str) -> InputError:
    return cls(source, location, detail)


def _reduce_input_error(err: InputError) -> tuple[object, tuple[object, ...]]:
    return _rebuild_input_error, (type(err), err.source, err.location, err.detail)


def _register_pickling() -> None:
    """Format errors cross the process boundary inside read items; their three-argument
    constructor defeats Exception's default pickling, so rebuild them from their fields."""
    for cls in _subclasses(InputError):
        copyreg.pickle(cls, _reduce_input_error)  # type: ignore[arg-type]


def _subclasses(cls: type[InputError]) -> list[type[InputError]]:
    out = [cls]
    for sub in cls.__subclasses__():
        out += _subclasses(sub)
    return out


def _read_job(job: tuple[bytes, str]) -> list[Screened]:
    """Read and screen one file. A file is the unit of work: splitting a big file's messages
    across workers sent each message through the parent twice more, and measured slower."""
    assert _SCREENER is not None
    t0, c0 = time.perf_counter(), CLOCK()
    items = list(read_bytes(job[0], job[1], _SCHEMAS))
    each = (time.perf_counter() - t0) / max(len(items), 1)
    each_cpu = (CLOCK() - c0) / max(len(items), 1)
    out = []
    for item in items:
        t0, c0 = time.perf_counter(), CLOCK()
        hits = _SCREENER.screen_payment(item.payment) if item.payment is not None else None
        out.append(Screened(item, hits, each + time.perf_counter() - t0, each_cpu, CLOCK() - c0))
    return out


class ScreeningPool:
    """Forked worker processes that read and screen payment files; a context manager.

    The workers keep their screening memo while the pool lives, as a running service's would."""

    def __init__(self, screener: PaymentScreener, schemas: SchemaSet | None, workers: int) -> None:
        global _SCREENER, _SCHEMAS
        _SCREENER, _SCHEMAS = screener, schemas
        _register_pickling()
        self.workers = workers
        self._pool = mp.get_context("fork").Pool(workers)

    def __enter__(self) -> ScreeningPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.terminate()
        self._pool.join()

    def screen(self, jobs: Iterable[tuple[bytes, str]]) -> Iterator[Screened]:
        """Every message of the (file bytes, source name) jobs, read and screened, in input order."""
        for found in self._pool.imap(_read_job, jobs, chunksize=4):
            yield from found


def screen_parallel(
    jobs: Iterable[tuple[bytes, str]], screener: PaymentScreener, schemas: SchemaSet | None, workers: int
) -> Iterator[Screened]:
    """Every message of the jobs, read and screened by `workers` forked processes, in input order."""
    with ScreeningPool(screener, schemas, workers) as pool:
        yield from pool.screen(jobs)
