"""--jobs: worker processes give the single-process results, record for record, in input order."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from garble import scan
from garble.cli import app
from garble.config import Config
from garble.inputs import Problem, ReadOptions, Record, read_inputs
from garble.parallel import WorkerError, batches, default_jobs, scan_items
from garble.progress import input_size, is_shown, record_bytes, track
from garble.reports.common import Item, Result
from garble.reports.jsonl import to_dict

DAMAGED = [
    "Read more:\n\nTalks resume on Monday, the minister said.",
    "The council met on Tuesday.\n\nSIGN UP FOR OUR NEWSLETTER\n\nIt approved the budget.",
    "Prices rose by 3 per cent in March, the agency said, didnâ€™t it.",
    "Officials said the bridge would reopen in May after repairs.",
    "",
]


def corpus_lines(n: int) -> list[str]:
    """``n`` JSONL lines of distinct small articles, with a malformed line and a record without text among them."""
    lines = []
    for i in range(n):
        if i == 7:
            lines.append("{not json")
        elif i == 19:
            lines.append(json.dumps({"id": f"doc{i}", "body": "no text field"}))
        else:
            lines.append(json.dumps({"id": f"doc{i}", "text": f"Story {i}.\n\n{DAMAGED[i % len(DAMAGED)]}"}))
    return lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("\n".join(corpus_lines(40)) + "\n", encoding="utf-8")
    return path


def expected(path: Path) -> list[dict[str, Any]]:
    """What each input line should give: garble.scan of its text, or its error record."""
    return [scan(item.text).to_dict(item.id) if isinstance(item, Record) else item.to_dict()
            for item in read_inputs([str(path)], ReadOptions())]


def test_batches_keep_every_item_in_order_within_the_limits() -> None:
    items: list[Record | Problem] = [Record(str(i), "x" * (i % 7), "a") for i in range(50)]
    items[10:10] = [Problem("p", "a", 3, "bad")]
    cut = list(batches(items, max_docs=4, max_chars=12))
    assert [item for batch in cut for item in batch] == items
    for batch in cut[:-1]:
        records = [item for item in batch if isinstance(item, Record)]
        assert len(records) <= 4
        assert sum(len(r.text) for r in records[:-1]) < 12  # only the last record may cross the limit


def test_two_workers_give_the_single_process_results_in_order(corpus: Path) -> None:
    items = list(read_inputs([str(corpus)]))
    one = [to_dict(r) for r in scan_items(items, Config(), jobs=1, max_docs=3)]
    two = list(scan_items(items, Config(), jobs=2, max_docs=3))  # 14 batches over two spawned workers
    assert len(two) == len(items) == 40
    assert [to_dict(r) for r in two] == one == expected(corpus)
    assert [isinstance(r, Problem) for r in two] == [isinstance(i, Problem) for i in items]
    assert all(r.record is i for r, i in zip(two, items) if isinstance(r, Result))
    assert [r.scan for r in two if isinstance(r, Result)] == [scan(i.text) for i in items if isinstance(i, Record)]


def test_cli_jobs_2_writes_the_same_jsonl_as_jobs_1(corpus: Path) -> None:
    runs = {jobs: CliRunner().invoke(app, ["audit", "-f", "jsonl", "--jobs", jobs, str(corpus)]) for jobs in "12"}
    assert runs["1"].exit_code == runs["2"].exit_code == 2  # a malformed line is an error
    assert runs["2"].stdout == runs["1"].stdout
    lines = [json.loads(line) for line in runs["2"].stdout.splitlines()]
    assert lines == expected(corpus)
    assert [line["id"] for line in lines][6:9] == ["doc6", f"{corpus}:8", "doc8"]  # the error in its place
    assert "error" in lines[19] and lines[19]["line"] == 20


def test_jobs_must_be_positive(corpus: Path) -> None:
    assert CliRunner().invoke(app, ["audit", "--jobs", "0", str(corpus)]).exit_code == 2
    with pytest.raises(ValueError, match="at least 1"):
        list(scan_items([Record("a", "text", "-")], Config(), jobs=0))
    assert default_jobs() >= 1


def test_an_input_of_one_batch_is_scanned_without_workers() -> None:
    results = list(scan_items([Record("a", DAMAGED[0], "-"), Problem("b", "-", 2, "bad")], Config(), jobs=8))
    assert [to_dict(r) for r in results] == [scan(DAMAGED[0]).to_dict("a"), Problem("b", "-", 2, "bad").to_dict()]


def test_progress_passes_items_through_and_counts_documents(corpus: Path) -> None:
    items = [Result(Record("a", "héllo", str(corpus)), scan("héllo")), Problem("b", str(corpus), 2, "bad")]
    out = io.StringIO()
    assert list(track(items, input_size([str(corpus)]), Console(file=out, force_terminal=True, width=120))) == items
    assert "1 documents" in out.getvalue() and "100%" in out.getvalue()


def test_progress_counts_a_jsonl_corpus_by_its_lines_not_only_their_texts(tmp_path: Path) -> None:
    """The bar's count reaches the file's size as its records are read: counting texts alone, a corpus whose
    lines are mostly escapes and other fields stood at 40 % until its last record was read."""
    corpus = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": "Caf\u00e9 \"news\"\n" * 20, "meta": "x" * 300}) for i in range(4)]
    corpus.write_text("\n".join(lines) + "\n\n", encoding="utf-8")  # a blank line at the end is no record
    records = [item for item in read_inputs([str(corpus)]) if isinstance(item, Record)]
    counted = [record_bytes(r) for r in records]
    assert counted == [len(line) + 1 for line in lines] and sum(counted) == corpus.stat().st_size - 1


def test_progress_total_is_the_file_size_and_unknown_for_stdin_or_gzip(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("abc", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("{}\n", encoding="utf-8")
    assert input_size([str(tmp_path)]) == 6
    (tmp_path / "c.jsonl.gz").write_bytes(b"")
    assert input_size([str(tmp_path)]) is None
    assert input_size(["-"]) is None


def test_progress_is_silent_when_quiet_or_off_a_terminal() -> None:
    assert not is_shown(quiet=True, report_on_stdout=False)
    assert not is_shown(quiet=False, report_on_stdout=False)  # pytest's stderr is not a terminal


class _Fatal(str):
    """A text whose unpickling ends the worker it is sent to at once, as a SIGKILL or the OOM killer would."""

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return os._exit, (9,)


def test_a_worker_that_dies_stops_the_scan_with_a_worker_error() -> None:
    """A worker killed mid-run gave concurrent.futures' BrokenProcessPool, whose message names no cause."""
    items = [Record(f"d{i}", DAMAGED[i % 4], "c.jsonl", i + 1) for i in range(12)]
    items[9] = Record("d9", _Fatal("dies"), "c.jsonl", 10)
    got: list[Item] = []
    raised: list[WorkerError] = []

    def run() -> None:
        try:
            got.extend(scan_items(items, Config(), jobs=2, max_docs=2))
        except WorkerError as err:
            raised.append(err)

    thread = threading.Thread(target=run, daemon=True)  # the test fails, not hangs, if the scan does
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the scan hung on a dead worker"
    assert len(raised) == 1 and "a worker process died" in str(raised[0])
    assert [to_dict(r) for r in got] == [scan(i.text).to_dict(i.id) for i in items[: len(got)]]  # in order


def test_cli_says_a_worker_died_and_exits_2_not_1(tmp_path: Path) -> None:
    """The run ended in a traceback and exit 1, which a script reads as "damage found"; now one line and
    exit 2, and an ``-o`` report is not written (a report holding the first records looked whole)."""
    code = (
        "import os, sys, garble.cli, garble.inputs\n"
        "class _Fatal(str):\n"
        "    def __reduce__(self): return os._exit, (9,)\n"
        "items = [garble.inputs.Record(f'd{i}', 'Read more:', 'c.jsonl', i + 1) for i in range(40)]\n"
        "items[30] = garble.inputs.Record('d30', _Fatal('x'), 'c.jsonl', 31)\n"
        "garble.cli.read_inputs = lambda *args, **kwargs: iter(items)\n"
        "sys.argv = ['garble', 'audit', '-f', 'jsonl', '--jobs', '2', '-o', sys.argv[1], 'c.jsonl']\n"
        "garble.cli.main()\n"
    )
    out = tmp_path / "out.jsonl"
    run = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 2
    assert run.stderr == ("garble: a worker process died (killed, or out of memory?), so the scan stopped; run again, "
                          f"with fewer --jobs if memory is short ({out} not written)\n")
    assert not out.exists()
