"""Scan on a Dask cluster: a ``dask.bag`` of records or a ``dask.dataframe``, partition by partition.

Needs the ``dask`` extra (``pip install 'garble[dask]'``); dataframes need the ``dataframe`` extra
(``pip install 'garble[dataframe]'``).
Dask is imported only when one of these functions runs, never by ``import garble``.

Each partition is scanned by one task; the task's worker process builds the detector once
(:func:`garble.parallel.detector_for`) and keeps it, and the shipped model, for every later
partition. A record's output is exactly ``garble.scan(text).to_dict(id)``, the line
``garble audit -f jsonl`` writes.

Example, with a cluster of your own::

    import dask.bag as db
    from distributed import Client
    from garble.distributed import scan_bag

    client = Client("tcp://scheduler:8786")
    records = db.read_text("corpus/*.jsonl").map(json.loads)  # {"id": ..., "text": ...}
    scan_bag(records).map(json.dumps).to_textfiles("out/*.jsonl")

From the command line, ``garble audit --dask tcp://scheduler:8786 corpus.jsonl -f jsonl`` reads
the corpus here, sends it to the cluster in batches (a bounded number in flight) and writes the
results in input order, as ``--jobs`` does on this machine.
"""

from __future__ import annotations

import importlib
import json
import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from garble.config import DEFAULT_CONFIG, Config
from garble.inputs import Problem, Record
from garble.parallel import IN_FLIGHT, Scanned, WorkerError, batches, detector_for, ordered

if TYPE_CHECKING:
    from dask.bag import Bag
    from dask.dataframe import DataFrame
    from distributed import Client

    from garble.reports.common import Item

# Seconds to wait for a scheduler before giving up: distributed's own default connect timeout.
CONNECT_TIMEOUT = 30
# Seconds a cluster may be without a worker mid-run before ``garble audit --dask`` gives up: a task waits
# for a worker forever, so a run whose workers had all gone sat silent. As long as connect waits for the first.
LOST_TIMEOUT = CONNECT_TIMEOUT
# Seconds between looks at the cluster's workers while a batch's result is awaited.
POLL_SECONDS = 1.0
# The columns scan_partitions adds; spans and paragraphs hold JSON text (dataframes have no list type), and
# error says why a row has no scan (missing where it has one).
RESULT_COLUMNS = ("id", "score", "paragraphs", "spans", "error")


class ClusterError(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached; the message says what to do."""


def scan_records(records: Iterable[Any], config: Config = DEFAULT_CONFIG,
                 text_field: str = "text", id_field: str = "id") -> list[dict[str, Any]]:
    """One partition: each ``{id, text}`` record's scan as a JSON-ready dict, or its error record.

    A record that is not a mapping (the ``None`` of a JSONL line ``null``), or whose text is missing or not a
    string, gives an error record in its place: one bad record does not fail the partition's task, and with it
    the whole computation. A missing id is ``None`` (JSON null), not the string ``"None"``.

    >>> [r["spans"][0]["label"] for r in scan_records([{"id": "a", "text": "Read more:"}])]
    ['boilerplate']
    >>> scan_records([{"id": "b"}, [1, 2]])
    [{'id': 'b', 'error': "text field 'text' is missing"}, {'id': None, 'error': 'record is of type list, not a mapping'}]
    """
    detector = detector_for(config)
    out = []
    for record in records:
        if not isinstance(record, Mapping):
            out.append({"id": None, "error": f"record is of type {type(record).__name__}, not a mapping"})
            continue
        raw_id, text = record.get(id_field), record.get(text_field)
        doc_id = None if raw_id is None else str(raw_id)
        if isinstance(text, str):
            out.append({"id": doc_id, **detector.scan(text).to_dict()})
        else:
            what = "missing" if text is None else f"of type {type(text).__name__}, not a string"
            out.append({"id": doc_id, "error": f"text field {text_field!r} is {what}"})
    return out


def clean_records(records: Iterable[Any], config: Config = DEFAULT_CONFIG, text_field: str = "text") -> list[Any]:
    """One partition, cleaned: each record with its text replaced by ``garble.clean``'s, its other fields as they
    were (a copy: the input records are not changed). A record that is not a mapping, or whose text is missing
    or not a string, is passed through as it is: there is nothing to clean in it, and nothing is lost.

    >>> clean_records([{"id": 1, "text": "Read more:\\n\\nPrices rose.", "url": "u"}, None])
    [{'id': 1, 'text': 'Prices rose.', 'url': 'u'}, None]
    """
    detector = detector_for(config)
    out: list[Any] = []
    for record in records:
        text = record.get(text_field) if isinstance(record, Mapping) else None
        out.append({**record, text_field: detector.clean(text)} if isinstance(text, str) else record)
    return out


def clean_bag(bag: Bag, config: Config = DEFAULT_CONFIG, text_field: str = "text") -> Bag:
    """A bag of the records of ``bag`` with their text cleaned (:func:`clean_records`), partition by partition."""
    cleaned: Bag = bag.map_partitions(clean_records, config, text_field)  # type: ignore[no-untyped-call]
    return cleaned


def scan_bag(bag: Bag, config: Config = DEFAULT_CONFIG, text_field: str = "text", id_field: str = "id") -> Bag:
    """A bag of result dicts (:func:`scan_records`), one per record of ``bag``, partition by partition."""
    scanned: Bag = bag.map_partitions(scan_records, config, text_field, id_field)  # type: ignore[no-untyped-call]
    return scanned


def _scan_frame(frame: Any, config: Config, text_column: str, id_column: str) -> Any:
    records = [{"id": _present(i), text_column: _present(t)} for i, t in zip(frame[id_column], frame[text_column])]
    rows = scan_records(records, config, text_column, "id")
    return _frame({
        "id": [r["id"] for r in rows],
        "score": [float(r.get("score", float("nan"))) for r in rows],
        "paragraphs": [json.dumps(r.get("paragraphs", [])) for r in rows],
        "spans": [json.dumps(r.get("spans", [])) for r in rows],
        "error": [r.get("error") for r in rows],
    }, frame.index)


def _present(value: Any) -> Any:
    """``value``, or None where a dataframe marks a missing one (None, NaN, ``pd.NA``): a missing id was the
    string "<NA>" or "nan" and a missing text "of type NAType, not a string".

    >>> _present(float("nan")), _present("a"), _present(3)
    (None, 'a', 3)
    """
    missing = value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType"
    return None if missing else value


def _frame(columns: dict[str, list[Any]], index: Any = None) -> Any:
    """A frame of ``RESULT_COLUMNS`` with the dtypes dask's meta declares: a partition's text columns were
    inferred as pandas 3's ``str`` while the meta said ``object``, so the lazy frame's dtypes were not the
    computed one's."""
    pd: Any = importlib.import_module("pandas")  # installed with dask[dataframe]
    return pd.DataFrame({name: pd.Series(columns.get(name, []), dtype=float if name == "score" else str, index=index)
                         for name in RESULT_COLUMNS}, index=index)


def scan_partitions(df: DataFrame, config: Config = DEFAULT_CONFIG, text_column: str = "text",
                    id_column: str = "id") -> DataFrame:
    """A dataframe of ``RESULT_COLUMNS``, one row per row of ``df`` (same index), partition by partition.

    ``score`` is the document's cleanliness; ``paragraphs`` and ``spans`` are the JSON lists of
    :func:`scan_records`; ``id`` is missing where the input's is. A row whose text is missing or not a
    string has NaN for its score, empty lists, and ``error`` saying why (``error`` is missing on every
    scanned row). The computed partitions have the dtypes the lazy frame declares (``str`` for the text
    columns).
    """
    scanned: DataFrame = df.map_partitions(_scan_frame, config, text_column, id_column,  # type: ignore[no-untyped-call]
                                           meta=_frame({}))
    return scanned


def connect(address: str, timeout: float = CONNECT_TIMEOUT) -> Client:
    """A client of the scheduler at ``address`` with at least one worker; ClusterError when dask is missing,
    the scheduler cannot be reached, or no worker joins it within ``timeout`` seconds (the tasks of a
    scheduler without workers wait forever: ``garble audit --dask`` sat silent)."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("--dask needs the dask extra: pip install 'garble[dask]'") from None
    try:
        client: Client = Client(address, timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, ValueError) as err:  # OSError covers TimeoutError; ValueError a malformed address
        raise ClusterError(f"cannot reach the Dask scheduler at {address!r}: {err}") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:  # distributed's WorkerStartTimeoutError is one
        client.close()  # type: ignore[no-untyped-call]
        raise ClusterError(f"the Dask scheduler at {address!r} has no workers (waited {timeout:g} s); "
                           f"start one with: dask worker {address}") from None
    return client


def scan_on_cluster(items: Iterable[Record | Problem], config: Config, address: str,
                    patience: float = LOST_TIMEOUT) -> Iterator[Item]:
    """``garble audit --dask``: connect now, then scan ``items`` on the cluster, in input order.

    Batches go to the cluster as :func:`garble.parallel.scan_items` sends them to local workers,
    with ``IN_FLIGHT`` batches per worker thread in flight; problems pass through in place.
    :class:`~garble.parallel.WorkerError` stops the scan, once the results before it are out, when the
    cluster has had no worker for ``patience`` seconds or a batch's task killed the workers that ran it.
    """
    client = connect(address)
    return _stream(client, items, config, address, patience)


def _stream(client: Client, items: Iterable[Record | Problem], config: Config, address: str,
            patience: float) -> Iterator[Item]:
    try:
        threads = sum(client.nthreads().values()) or 1  # type: ignore[no-untyped-call]
        executor = client.get_executor(pure=False)  # type: ignore[no-untyped-call]
        yield from ordered(executor, config, batches(items), IN_FLIGHT * threads, _watching(client, address, patience))
    finally:
        client.close()  # type: ignore[no-untyped-call]


def _watching(client: Client, address: str, patience: float) -> Callable[[Future[list[Scanned]]], list[Scanned]]:
    """A wait for a batch's result that raises WorkerError once the cluster has been without a worker for
    ``patience`` seconds (its tasks would wait for one forever), or when the batch's task killed its workers
    (distributed gives up on a task after a few workers died running it)."""
    from distributed import KilledWorker

    def result(future: Future[list[Scanned]]) -> list[Scanned]:
        alone_since: float | None = None
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except TimeoutError:
                if client.nthreads():  # type: ignore[no-untyped-call]
                    alone_since = None
                    continue
                alone_since = alone_since or time.monotonic()
                if time.monotonic() - alone_since >= patience:
                    raise WorkerError(f"every worker of the Dask scheduler at {address!r} left mid-run and none joined "
                                      f"in {patience:g} s, so the scan stopped; start one with: dask worker {address}"
                                      ) from None
            except KilledWorker as err:
                raise WorkerError(f"a batch's task killed the Dask workers that ran it ({err}), so the scan stopped; "
                                  "run again, with more memory per worker if it ran short") from None

    return result
