"""Parallel scans: a stream of records -> results on worker processes, in input order, in bounded memory.

1. batch: the input stream is cut into batches of whole items, at most ``BATCH_DOCS`` records
   or ``BATCH_CHARS`` characters of text each (:func:`batches`);
2. submit: each batch's texts go to a worker, with at most ``IN_FLIGHT`` batches per worker
   sent and not yet written, so memory does not grow with the corpus (:func:`ordered`);
3. yield: batches come back in the order they were sent; each record is paired with its scan
   and each :class:`~garble.inputs.Problem` passes through where it stood, so the output has
   exactly one item per input item, in input order.

A worker builds its :class:`~garble.detector.Detector` once (:func:`detector_for`, cached per
process) and the shipped model loads once per process behind its own cache. Workers are started
with the ``spawn`` method: nothing of the parent (threads, open files, a half-written output)
is copied into them. Any executor with ``submit`` works, so the Dask client's executor
(:mod:`garble.distributed`) reuses steps 1 and 3.
"""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING

from garble.config import Config
from garble.datatypes import Label, Paragraph, Scan, Span
from garble.inputs import Problem, Record

if TYPE_CHECKING:
    from garble.detector import Detector
    from garble.reports.common import Item

# Records per batch: a 5 KB news article scans in ~5-25 ms, so 16 of them keep a worker busy
# 0.1-0.4 s against ~1 ms of pickling and queueing per batch; small enough that a corpus of a
# hundred articles still spreads over the workers.
BATCH_DOCS = 16
# Characters per batch (256 Ki, ~50 articles), so a batch of long documents stays small in every queue.
BATCH_CHARS = 1 << 18
# Batches in flight per worker: two keep it busy while the parent writes; four absorb uneven batches.
IN_FLIGHT = 4

Batch = tuple["Record | Problem", ...]
SpanFields = tuple[int, int, str, float, str, str | None, str | None]
# A scan as plain tuples, without its text: pickling frozen dataclasses field by field cost
# ten times more (58 ms against 5 ms for the spans and paragraphs of 109 articles).
Scanned = tuple[tuple[SpanFields, ...], tuple[tuple[int, int, float], ...], float, str | None]
LABEL_OF = {label.value: label for label in Label}


class WorkerError(RuntimeError):
    """A worker process died mid-run (killed, out of memory): the results after it cannot come."""


def default_jobs() -> int:
    """The CPUs this process may use (``os.process_cpu_count`` where Python has it).

    >>> default_jobs() >= 1
    True
    """
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+: honours the affinity mask
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def batches(items: Iterable[Record | Problem], max_docs: int = BATCH_DOCS,
            max_chars: int = BATCH_CHARS) -> Iterator[Batch]:
    """``items`` cut into consecutive batches of at most ``max_docs`` records or ``max_chars`` of text.

    Problems ride along in their place and count toward neither limit.

    >>> [len(b) for b in batches([Record(str(i), "x" * 10, "a") for i in range(5)], 2)]
    [2, 2, 1]
    >>> [len(b) for b in batches([Record(str(i), "x" * 10, "a") for i in range(5)], 9, 25)]
    [3, 2]
    """
    batch: list[Record | Problem] = []
    docs = chars = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Record):
            docs += 1
            chars += len(item.text)
            if docs >= max_docs or chars >= max_chars:
                yield tuple(batch)
                batch, docs, chars = [], 0, 0
    if batch:
        yield tuple(batch)


@functools.cache
def detector_for(config: Config) -> Detector:
    """The detector of ``config``, built once per process (a worker keeps it for every batch)."""
    from garble.detector import Detector

    return Detector(config)


def scan_texts(config: Config, texts: Sequence[str]) -> list[Scanned]:
    """Worker side: scan ``texts``; return each scan as plain tuples without its text (the parent has it).

    >>> span = scan_texts(Config(), ["Read more:"])[0][0][0]
    >>> span[2], span[4]
    ('boilerplate', 'furniture_prompt')
    """
    detector = detector_for(config)
    return [(tuple((s.start, s.end, s.label.value, s.score, s.reason, s.suggestion, s.evidence) for s in scan.spans),
             tuple((p.start, p.end, p.score) for p in scan.paragraphs), scan.score, scan.weights)
            for scan in map(detector.scan, texts)]


def rebuilt(text: str, scanned: Scanned) -> Scan:
    """The Scan of ``text`` from its plain tuples (:func:`scan_texts`)."""
    spans, paragraphs, score, weights = scanned
    return Scan(text, tuple(Span(a, b, LABEL_OF[label], p, reason, suggestion, evidence)
                            for a, b, label, p, reason, suggestion, evidence in spans),
                tuple(Paragraph(*fields) for fields in paragraphs), score, weights)


def _texts(batch: Batch) -> list[str]:
    return [item.text for item in batch if isinstance(item, Record)]


def _joined(batch: Batch, scanned: Iterable[Scanned]) -> Iterator[Item]:
    from garble.reports.common import Result

    results = iter(scanned)
    for item in batch:
        if isinstance(item, Problem):
            yield item
            continue
        yield Result(item, rebuilt(item.text, next(results)))


def ordered(executor: Executor, config: Config, stream: Iterable[Batch], window: int,
            result: Callable[[Future[list[Scanned]]], list[Scanned]] = Future.result) -> Iterator[Item]:
    """Results of every batch of ``stream`` scanned on ``executor``, in order, ``window`` batches in flight.

    ``result`` waits for a batch's future (a Dask cluster's waits while watching that it still has workers).
    """
    pending: deque[tuple[Batch, Future[list[Scanned]] | None]] = deque()

    def submit(batch: Batch) -> Future[list[Scanned]] | None:
        texts = _texts(batch)
        return executor.submit(scan_texts, config, texts) if texts else None

    def finish() -> Iterator[Item]:
        batch, future = pending.popleft()
        yield from _joined(batch, result(future) if future is not None else ())

    try:
        for batch in stream:
            pending.append((batch, submit(batch)))
            if len(pending) >= window:
                yield from finish()
        while pending:
            yield from finish()
    finally:
        for _, future in pending:  # the consumer stopped early: drop what was not started
            if future is not None:
                future.cancel()


def in_process(config: Config, stream: Iterable[Batch]) -> Iterator[Item]:
    """Results of every batch scanned in this process (``--jobs 1``, or a single batch)."""
    for batch in stream:
        yield from _joined(batch, scan_texts(config, _texts(batch)))


def scan_items(items: Iterable[Record | Problem], config: Config, jobs: int | None = None,
               max_docs: int = BATCH_DOCS, max_chars: int = BATCH_CHARS) -> Iterator[Item]:
    """Scan every record of ``items`` on ``jobs`` worker processes; one result or problem per item, in order.

    ``jobs`` defaults to every CPU. An input that fits in one batch is scanned in this process,
    where starting workers would only cost time. A worker that dies raises :class:`WorkerError`
    once the results before its batch are out.

    >>> [r.scan.spans[0].label.value for r in scan_items([Record("a", "Read more:", "-")], Config(), 2)]
    ['boilerplate']
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    stream = batches(items, max_docs, max_chars)
    first = next(stream, None)
    if first is None:
        return
    second = next(stream, None)
    if jobs == 1 or second is None:
        yield from in_process(config, _chain(first, second, stream))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            yield from ordered(pool, config, _chain(first, second, stream), jobs * IN_FLIGHT)
        except BrokenProcessPool:  # the pool's own message names no cause and no remedy
            raise WorkerError("a worker process died (killed, or out of memory?), so the scan stopped; "
                              "run again, with fewer --jobs if memory is short") from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _chain(first: Batch, second: Batch | None, rest: Iterator[Batch]) -> Iterator[Batch]:
    yield first
    if second is not None:
        yield second
        yield from rest

