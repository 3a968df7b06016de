"""Benchmark garble: scan throughput, peak memory and cold start, medians over repeated runs.

Usage::

    python benchmarks/bench.py ../shared/data/pages/*-body-test.jsonl.gz --runs 5

For each corpus (JSONL or JSONL.gz, one ``{"id", "text"}`` record a line) it prints
MB/s (UTF-8 bytes of text per second; wall clock, and per CPU second of this process,
which is steadier on a shared machine) and documents/s of ``garble.scan`` on one core,
and, when jusText is installed (``pip install garble[bench]``), of ``justext.justext``
on the same plain text with every paragraph wrapped in ``<p>``. Then the peak resident
memory of this process and the wall time of ``garble check`` on one 5 KB article in a
fresh process: as the checkout runs it (its modules compiled at every start when no
``__pycache__`` is written, as under PYTHONDONTWRITEBYTECODE=1) and from a copy of the
package with its bytecode compiled (as a pip install has it). Every figure is the median of
``--runs`` runs. The garble measured is this checkout's (the parent of benchmarks/), not
whichever one is installed.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the checkout whose garble is measured


def read_texts(path: Path) -> list[str]:
    """The ``text`` of every record of a JSONL or JSONL.gz file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def timed(fn: Callable[[str], object], texts: Sequence[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process for ``fn`` over all ``texts``,
    over ``runs`` runs (CPU time shows the single-core cost on a machine shared with others)."""
    walls, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            fn(t)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus)


def justext_fn() -> Callable[[str], object] | None:
    """jusText on plain text (each paragraph wrapped in <p>), or None when it is not installed."""
    try:
        import justext
    except ImportError:
        return None
    stop = justext.get_stoplist("English")

    def run(text: str) -> object:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
        return justext.justext(f"<html><body>{body}</body></html>".encode(), stop)

    return run


def cold_start(article: str, runs: int, package_root: Path = ROOT) -> float:
    """Median wall time of ``garble check FILE`` on ``article`` from a fresh process, with the
    garble package found in ``package_root`` (``python -m`` puts the working directory first)."""
    cmd = [sys.executable, "-m", "garble"]  # the `garble` command
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(article, encoding="utf-8")
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([*cmd, "check", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False, cwd=package_root)  # exit 1 means damage found, not a failure
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def compiled_cold_start(article: str, runs: int) -> float:
    """``cold_start`` from a temporary copy of the package with its bytecode compiled (nothing is
    written into the checkout)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "garble", Path(tmp) / "garble", ignore=shutil.ignore_patterns("__pycache__"))
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(tmp) / "garble")], check=True,
                       stdout=subprocess.DEVNULL)
        return cold_start(article, runs, Path(tmp))


def five_kb_article(texts: Sequence[str]) -> str:
    """The corpus article closest to 5,000 UTF-8 bytes."""
    return min(texts, key=lambda t: abs(len(t.encode("utf-8")) - 5000))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="JSONL or JSONL.gz files of {id, text}")
    parser.add_argument("--runs", type=int, default=5, help="repetitions; figures are medians (default 5)")
    parser.add_argument("--no-justext", action="store_true", help="skip jusText even when installed")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))  # python put benchmarks/ first: without this an installed garble is measured
    import garble

    print(f"garble from {Path(garble.__file__).parent}")

    jt = None if args.no_justext else justext_fn()
    corpora = {p.name: read_texts(p) for p in args.corpora}
    every = [t for texts in corpora.values() for t in texts]
    garble.scan(every[0])  # load model, gazetteer and word frequencies once, outside the timing
    sets = [*corpora.items(), *([("all", every)] if len(corpora) > 1 else [])]
    rows = []
    for name, texts in sets:
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        secs, cpu = timed(garble.scan, texts, args.runs)
        rows.append([name, f"{mb:.2f}", f"{mb / secs:.2f}", f"{mb / cpu:.2f}", f"{len(texts) / secs:.0f}"])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux; before jusText
    for row, (_, texts) in zip(rows, sets):
        if jt is not None:
            jsecs, _ = timed(jt, texts, args.runs)
            row += [f"{float(row[1]) / jsecs:.2f}", f"{float(row[2]) * jsecs / float(row[1]):.1f}x"]
    head = ["corpus", "MB", "garble MB/s", "CPU MB/s", "docs/s"]
    head += ["jusText MB/s", "garble/jusText"] if jt else []
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    if jt is None and not args.no_justext:
        print("(jusText not installed: pip install 'garble[bench]' to compare)")
    print(f"peak RSS after garble scans: {peak_mb:.0f} MB (this process, corpora held in memory)")
    article = five_kb_article(every)
    cached = "bytecode cached" if any((ROOT / "garble").rglob("__pycache__")) else "bytecode not cached"
    print(f"cold start, garble check on a {len(article.encode('utf-8')) / 1000:.1f} KB article: "
          f"{cold_start(article, args.runs):.2f} s median of {args.runs} ({cached}); "
          f"{compiled_cold_start(article, args.runs):.2f} s with compiled bytecode")


if __name__ == "__main__":
    main()
