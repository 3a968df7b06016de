"""Corpus-scale benchmark: ``garble audit -f jsonl`` with ``--jobs 1`` against ``--jobs 2``, and its memory.

Usage::

    python benchmarks/scale.py ../shared/data/pages/*-body-dev.jsonl.gz --mb 200 --jobs 1 2 --runs 3
    python benchmarks/scale.py ../shared/data/pages/*-body-dev.jsonl.gz --mb 50 200 --jobs 2 --runs 1
    python benchmarks/scale.py ../shared/data/pages/*-body-dev.jsonl.gz --mb 200 --jobs 2 --runs 1 --fresh-words

It builds a JSONL corpus of about ``--mb`` MB in a temporary folder by repeating the
records of the given JSONL(.gz) files under new ids (nothing is written into the repo),
then runs ``garble audit -f jsonl -q --jobs N CORPUS -o /dev/null`` in a fresh process
per run and prints, per size and job count, the median wall time, MB/s (file bytes) and
documents/s, the CPU seconds of the whole process tree, and the peak resident memory of
the whole process tree (the sum of the RSS of garble and its workers, sampled every
50 ms from /proc). The last lines give the throughput ratio of each job count to the
first. On a machine whose cores are shared with other work the wall times are noisy;
the CPU seconds are not, and show the cost of the workers themselves.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# How often the process tree's memory is sampled: often enough to catch a worker's peak.
SAMPLE_SECONDS = 0.05
# A capitalised word, renamed in each repetition by --fresh-words.
CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
LETTERS = "bcdfghjklmnpqrstvwxz"


def renamed(text: str, count: int) -> str:
    """``text`` with every capitalised word given a suffix spelling ``count``: the same prose, new names.

    >>> renamed("Biden met Kim in Hanoi.", 21)
    'Bidencc met Kimcc in Hanoicc.'
    """
    suffix = ""
    while True:
        count, digit = divmod(count, len(LETTERS))
        suffix += LETTERS[digit]
        if not count:
            break
    return CAPITALISED.sub(lambda m: m.group() + suffix, text)


def read_records(paths: list[Path]) -> list[dict[str, str]]:
    """The ``{"id", "text"}`` of every record of the given JSONL(.gz) files."""
    out = []
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            out += [{"id": r["id"], "text": r["text"]} for r in map(json.loads, fh)]
    return out


def build_corpus(records: list[dict[str, str]], mb: float, folder: Path, fresh: bool = False) -> tuple[Path, int]:
    """A JSONL file of about ``mb`` MB of ``records`` repeated under new ids (with ``fresh``, their capitalised
    words renamed in each pass, so the vocabulary grows as a real corpus's does); its path and record count."""
    path = folder / f"corpus-{mb:g}MB.jsonl"
    limit, size, count, rep = mb * 1e6, 0, 0, 0
    with path.open("w", encoding="utf-8") as fh:
        while size < limit:
            for r in records:
                text = renamed(r["text"], rep) if fresh and rep else r["text"]
                line = json.dumps({"id": f"{r['id']}#{count}", "text": text}, ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode("utf-8"))
                count += 1
                if size >= limit:
                    break
            rep += 1
    return path, count


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii") as fh:
                total += next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, StopIteration):
            continue  # the process ended while we looked
    return total


def run_once(corpus: Path, jobs: int) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the process tree and its peak RSS for one audit run."""
    cmd = [sys.executable, "-m", "garble", "audit", "-f", "jsonl", "-q", "--jobs", str(jobs), str(corpus),
           "-o", os.devnull]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"garble audit failed ({proc.returncode}): {err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+", type=Path, help="JSONL(.gz) files whose records are repeated")
    parser.add_argument("--mb", nargs="+", type=float, default=[200.0], help="corpus sizes in MB")
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2], help="job counts to compare")
    parser.add_argument("--runs", type=int, default=3, help="runs per size and job count (median)")
    parser.add_argument("--fresh-words", action="store_true",
                        help="rename the capitalised words in each repetition: a vocabulary that keeps growing")
    args = parser.parse_args()
    records = read_records(args.sources)
    print(f"cpus={os.cpu_count()} python={sys.version.split()[0]} runs={args.runs} fresh_words={args.fresh_words}")
    print(f"{'MB':>7} {'docs':>8} {'jobs':>4} {'wall s':>8} {'MB/s':>6} {'docs/s':>7} {'cpu s':>7} {'peak RSS MB':>11}")
    with tempfile.TemporaryDirectory(prefix="garble-scale-") as tmp:
        for mb in args.mb:
            corpus, count = build_corpus(records, mb, Path(tmp), args.fresh_words)
            size = corpus.stat().st_size / 1e6
            rates = {}
            for jobs in args.jobs:
                runs = [run_once(corpus, jobs) for _ in range(args.runs)]
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                peak = max(r[2] for r in runs) / 1e6
                rates[jobs] = size / wall
                print(f"{size:7.1f} {count:8d} {jobs:4d} {wall:8.1f} {size / wall:6.2f} {count / wall:7.1f} "
                      f"{cpu:7.1f} {peak:11.0f}", flush=True)
            first = args.jobs[0]
            for jobs in args.jobs[1:]:
                print(f"{size:7.1f} MB: --jobs {jobs} / --jobs {first} throughput = {rates[jobs] / rates[first]:.2f}")
            corpus.unlink()


if __name__ == "__main__":
    main()
