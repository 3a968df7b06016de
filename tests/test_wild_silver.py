"""corpus/wild_silver.py: silver gold for extractor output, each page's outputs on its page's side of the split."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import read_jsonl, shared_path

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("wild_silver", ROOT / "corpus" / "wild_silver.py")
assert _spec is not None and _spec.loader is not None
wild_silver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wild_silver)


def test_an_extra_paragraph_is_one_boilerplate_span_over_the_whole_paragraph_and_no_more() -> None:
    text = "Headline\n\nThe story, told.\n \nShare  this\nstory\n\nShare this"
    record = {"id": "x", "text": text, "meta": {"extra_paragraphs": ["Share this story", "Headline"]}}
    got = wild_silver.silver(record, {"meta": {"host": "example.com", "split": "dev"}})
    assert [text[s["start"] : s["end"]] for s in got["spans"]] == ["Headline", "Share  this\nstory"]
    assert {s["label"] for s in got["spans"]} == {"boilerplate"}
    assert got["meta"]["host"] == "example.com" and got["meta"]["split"] == "dev"


def test_paragraphs_split_where_the_benchmark_does() -> None:
    """A line of spaces or tabs between two lines is a paragraph break (BENCHMARK.md's ``\\n[ \\t]*\\n``)."""
    text = "\n\nOne\n\t\nTwo\nstill two\n\n\n"
    assert [text[a:b] for a, b in wild_silver.paragraph_bounds(text)] == ["One", "Two\nstill two"]


def test_the_built_files_keep_each_page_on_its_side_of_the_split(tmp_path: Path) -> None:
    shared = shared_path("data", "wild", "candidates-aeb.jsonl.gz").parents[2]
    run = [sys.executable, str(ROOT / "corpus" / "wild_silver.py"), "--shared", str(shared), "--out", str(tmp_path)]
    subprocess.run(run, check=True, capture_output=True)
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    subprocess.run(run, check=True, capture_output=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first  # the same bytes on every run
    hosts = {}
    for split in ("dev", "test"):
        page_hosts = {r["meta"]["host"] for r in read_jsonl(shared / "data" / "pages" / f"scrapinghub-aeb-page-{split}.jsonl.gz")}
        docs = list(read_jsonl(tmp_path / f"aeb-extractors-{split}.jsonl.gz"))
        hosts[split] = {d["meta"]["host"] for d in docs}
        assert hosts[split] <= page_hosts
        for doc in docs:
            paragraphs = set(wild_silver.paragraph_bounds(doc["text"]))
            assert all((s["start"], s["end"]) in paragraphs for s in doc["spans"])
    assert hosts["dev"] and hosts["test"] and not hosts["dev"] & hosts["test"]
    with gzip.open(shared / "data" / "wild" / "candidates-aeb.jsonl.gz", "rt", encoding="utf-8") as fh:
        wild = [json.loads(line) for line in fh if line.strip()]
    assert sum(len(list(read_jsonl(tmp_path / f"aeb-extractors-{s}.jsonl.gz"))) for s in ("dev", "test")) == len(wild)
