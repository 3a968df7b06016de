"""Silver gold for real extractor output: the Scrapinghub benchmark pages as boilerpipe, newspaper and dragnet
left them (../shared/data/wild/candidates-aeb), each on the side of the split its page is on.

    python corpus/wild_silver.py [--shared ../shared] [--out corpus/build]
    garble audit corpus/build/aeb-extractors-test.jsonl.gz -f jsonl -o pred.jsonl
    python ../shared/bench/score.py corpus/build/aeb-extractors-test.jsonl.gz pred.jsonl

The *-body files are cut from the first to the last paragraph the gold calls article text, so no trailing
furniture ever reaches them; an extractor's output keeps what it keeps, at either end. The wild README says
which of its paragraphs are "extra": neither the paragraph nor 60 % of its word 5-grams is in the page's
human ground truth. Each extra paragraph becomes one boilerplate span over the whole paragraph; every other
paragraph is clean. That is silver, not gold: the ground truth leaves out captions and headlines that
BENCHMARK.md might keep (as the *-body files' Scrapinghub gold does), and a repeated paragraph is not
labelled. Figures on it are label-blind and paragraph-grained; they say how garble does on what a scraper
hands over, not how it scores on the benchmark.

Writes aeb-extractors-dev.jsonl.gz (the outputs for pages in scrapinghub-aeb-page-dev, found by the
benchmark's item id) and aeb-extractors-test.jsonl.gz (pages in scrapinghub-aeb-page-test), each record with
its page's ``meta.host``, so that grouped CV (corpus/cv.py) keeps a site's page and its outputs in one fold.
The test file comes from the test pages: evaluation only, never training (its records say ``"split": "test"``,
which ``garble train`` refuses). Nothing here is copied into the repo (the text's licence is unclear;
corpus/build/ is gitignored).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from garble.segment import paragraph_bounds  # BENCHMARK.md's paragraphs, as score.py splits them

HERE = Path(__file__).resolve().parent
WILD = "data/wild/candidates-aeb.jsonl.gz"
PAGES = {"dev": "data/pages/scrapinghub-aeb-page-dev.jsonl.gz", "test": "data/pages/scrapinghub-aeb-page-test.jsonl.gz"}


def records(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def item_id(record: dict[str, Any]) -> str:
    """The benchmark page an extractor output is of, from the wild record's ``meta.source``.

    >>> item_id({"meta": {"source": "github.com/x/y@4a3b output/newspaper.json key 5f03fc17"}})
    '5f03fc17'
    """
    return str(record["meta"]["source"]).rsplit(" key ", 1)[-1]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def silver(record: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
    """``record`` with a boilerplate span over each of its extra paragraphs, and its ``page``'s host and split.

    >>> doc = {"id": "a", "text": "Story.\\n\\nShare  this\\n\\nMore.", "meta": {"extra_paragraphs": ["Share this"]}}
    >>> out = silver(doc, {"meta": {"host": "example.com", "split": "dev"}})
    >>> out["spans"], out["meta"]["host"]
    ([{'start': 8, 'end': 19, 'label': 'boilerplate'}], 'example.com')
    """
    text, meta = record["text"], record["meta"]
    extra = {squeeze(p) for p in meta["extra_paragraphs"]}
    spans = [{"start": a, "end": b, "label": "boilerplate"} for a, b in paragraph_bounds(text)
             if squeeze(text[a:b]) in extra]
    keep = {k: meta[k] for k in ("url", "extractor", "source", "licence") if k in meta}
    return {"id": record["id"], "text": text, "spans": spans,
            "meta": {**keep, "host": page["meta"]["host"], "split": page["meta"]["split"],
                     "silver": "extra paragraphs of shared/data/wild/README.md"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--out", type=Path, default=HERE / "build")
    args = parser.parse_args()
    for path in [WILD, *PAGES.values()]:
        if not (args.shared / path).exists():
            sys.exit(f"{args.shared / path}: missing (this script builds from ../shared)")
    pages = {r["meta"]["item_id"]: r for path in PAGES.values() for r in records(args.shared / path)}
    out: dict[str, list[dict[str, Any]]] = {split: [] for split in PAGES}
    for record in records(args.shared / WILD):
        page = pages.get(item_id(record))
        if page is None:
            sys.exit(f"{record['id']}: page {item_id(record)!r} is in neither aeb page file")
        out[page["meta"]["split"]].append(silver(record, page))
    args.out.mkdir(parents=True, exist_ok=True)
    for split, docs in out.items():
        path = args.out / f"aeb-extractors-{split}.jsonl.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as fh:  # mtime 0: the same bytes on every run
            fh.write("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode())
        spans = sum(len(d["spans"]) for d in docs)
        print(f"{path}: {len(docs)} documents ({sum(not d['spans'] for d in docs)} with no span), {spans} spans")


if __name__ == "__main__":
    main()
