"""Dask: a real two-process LocalCluster gives the single-process results, record for record."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from garble import scan
from garble.cli import app

RECORDS = [
    {"id": f"doc{i}", "text": f"Story {i}.\n\n{text}"}
    for i, text in enumerate([
        "Read more:\n\nTalks resume on Monday, the minister said.",
        "The council met on Tuesday.\n\nSIGN UP FOR OUR NEWSLETTER\n\nIt approved the budget.",
        "Prices rose by 3 per cent in March, the agency said, didnâ€™t it.",
        "Officials said the bridge would reopen in May after repairs.",
    ] * 5)
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two worker processes, one thread each, the dashboard on a free port: None no longer turns it off but takes
    8787, and the tests errored whenever another cluster on the machine held that port."""
    distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'garble[dask]'")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as c:
        yield c


def test_scan_bag_on_two_workers_equals_the_single_process_scan(cluster: Any) -> None:
    import dask.bag as db
    from distributed import Client

    from garble.distributed import scan_bag

    bag = db.from_sequence([*RECORDS, {"id": "broken"}], npartitions=4)
    with Client(cluster) as client:
        got = scan_bag(bag).compute(scheduler=client.get)
        workers = client.run(lambda: 1)
    assert len(workers) == 2
    assert got == [scan(r["text"]).to_dict(r["id"]) for r in RECORDS] + [
        {"id": "broken", "error": "text field 'text' is missing"}]


def test_clean_bag_on_two_workers_equals_garble_clean_and_keeps_every_record(cluster: Any) -> None:
    import dask.bag as db
    from distributed import Client

    from garble import clean
    from garble.distributed import clean_bag

    records: list[Any] = [{**r, "url": f"https://example.com/{i}"} for i, r in enumerate(RECORDS)]
    records[4:4] = [None, {"id": "textless"}]
    with Client(cluster) as client:
        got = clean_bag(db.from_sequence(records, npartitions=4)).compute(scheduler=client.get)
    assert got == [{**r, "text": clean(r["text"])} if r and "text" in r else r for r in records]
    assert sum(g != r for g, r in zip(got, records)) >= 10  # it cleaned: the Read more and newsletter lines went
    assert records[0]["text"] == RECORDS[0]["text"]  # the input records are not changed


def test_a_bad_record_in_a_bag_of_many_partitions_is_an_error_record_in_its_place(cluster: Any) -> None:
    """A record that was no mapping (``db.read_text(...).map(json.loads)`` of a line ``null``) failed its task
    with an AttributeError, and the whole computation with it; a record without an id got the id "None"."""
    import dask.bag as db
    from distributed import Client

    from garble.distributed import scan_bag

    bad = {3: None, 11: [1, 2], 17: "just text", 18: {"text": "Read more:"}}
    records: list[Any] = [*RECORDS]
    for at, record in bad.items():
        records.insert(at, record)
    with Client(cluster) as client:
        got = scan_bag(db.from_sequence(records, npartitions=12)).compute(scheduler=client.get)
    assert len(got) == len(records)
    assert [got[at] for at in bad] == [
        {"id": None, "error": "record is of type NoneType, not a mapping"},
        {"id": None, "error": "record is of type list, not a mapping"},
        {"id": None, "error": "record is of type str, not a mapping"},
        {"id": None, **scan("Read more:").to_dict()},
    ]
    assert [r for at, r in enumerate(got) if at not in bad] == [scan(r["text"]).to_dict(r["id"]) for r in RECORDS]


def test_cli_dask_writes_the_same_jsonl_as_one_process(cluster: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r) for r in RECORDS * 2]  # 40 records: more than one batch
    lines.insert(5, "{not json")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local = CliRunner().invoke(app, ["audit", "-f", "jsonl", "--jobs", "1", str(corpus)])
    remote = CliRunner().invoke(app, ["audit", "-f", "jsonl", "--dask", cluster.scheduler_address, str(corpus)])
    assert remote.exit_code == local.exit_code == 2  # the malformed line is an error record
    assert remote.stdout == local.stdout
    assert len(remote.stdout.splitlines()) == 41


def test_an_unreachable_scheduler_is_a_usage_error() -> None:
    pytest.importorskip("distributed", reason="needs the dask extra: pip install 'garble[dask]'")
    from garble.distributed import ClusterError, connect

    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        connect("tcp://127.0.0.1:9", timeout=0.5)


def test_a_scheduler_without_workers_is_a_usage_error_not_a_hang() -> None:
    distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'garble[dask]'")
    from garble.distributed import ClusterError, connect

    with (distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty,
          pytest.raises(ClusterError, match="has no workers .* start one with: dask worker ")):
        connect(empty.scheduler_address, timeout=0.5)


def test_dask_dataframe_partitions(cluster: Any) -> None:
    dd = pytest.importorskip("dask.dataframe", reason="needs the dataframe extra: pip install 'garble[dataframe]'")
    import pandas as pd
    from distributed import Client

    from garble.distributed import scan_partitions

    frame = dd.from_pandas(pd.DataFrame(RECORDS), npartitions=3)
    with Client(cluster) as client:
        got = scan_partitions(frame).compute(scheduler=client.get)
    assert list(got["id"]) == [r["id"] for r in RECORDS]
    assert [json.loads(s) for s in got["spans"]] == [scan(r["text"]).to_dict()["spans"] for r in RECORDS]


def test_dask_dataframe_result_has_its_declared_dtypes_and_missing_values_stay_missing(cluster: Any) -> None:
    """The meta declared object columns while each partition came back with pandas 3's str ones, so the lazy
    frame's dtypes lied; a missing id came back as the string "<NA>" and a missing text as "of type NAType"."""
    dd = pytest.importorskip("dask.dataframe", reason="needs the dataframe extra: pip install 'garble[dataframe]'")
    import pandas as pd
    from distributed import Client

    from garble.distributed import scan_partitions

    rows = [{"id": r["id"], "body": r["text"]} for r in RECORDS]
    rows[2]["id"], rows[7]["body"] = None, None
    lazy = scan_partitions(dd.from_pandas(pd.DataFrame(rows), npartitions=4), text_column="body")
    with Client(cluster) as client:
        got = lazy.compute(scheduler=client.get)
    assert dict(got.dtypes) == dict(lazy.dtypes)
    assert pd.isna(got["id"].iloc[2]) and list(got["id"].iloc[3:5]) == ["doc3", "doc4"]
    assert got["spans"].iloc[2] == json.dumps(scan(RECORDS[2]["text"]).to_dict()["spans"])
    assert pd.isna(got["score"].iloc[7]) and got["spans"].iloc[7] == "[]"
    assert got["error"].iloc[7] == "text field 'body' is missing"  # the row says why it has no scan
    assert got["error"].drop(got.index[7]).isna().all()


def test_neither_import_garble_nor_a_scan_imports_dask() -> None:
    code = ("import sys, garble, garble.cli, garble.parallel; garble.scan('Read more:'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_workers_that_all_leave_mid_run_stop_the_scan_with_a_worker_error_not_a_hang() -> None:
    """With every worker gone the tasks in flight waited for one forever: ``garble audit --dask`` sat silent."""
    distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'garble[dask]'")
    from garble.config import Config
    from garble.distributed import scan_on_cluster
    from garble.inputs import Record
    from garble.parallel import WorkerError

    records = [Record(f"doc{i}", r["text"] * 20, "corpus") for i, r in enumerate(RECORDS * 20)]  # 400: 25 batches
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1, dashboard_address=":0") as c:
        results = scan_on_cluster(records, Config(), c.scheduler_address, patience=1.0)
        got = [next(results)]  # the cluster is at work
        c.scale(0)
        with pytest.raises(WorkerError, match="every worker of the Dask scheduler .* left mid-run .* dask worker "):
            got.extend(results)
    assert 1 <= len(got) < len(records)
    assert got[0].scan == scan(records[0].text)  # what came before the loss is right
