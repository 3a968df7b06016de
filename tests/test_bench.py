"""benchmarks/bench.py measures this checkout's garble and says how its cold start was run."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_bench_reports_the_checkouts_garble_throughput_and_both_cold_starts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "tiny.jsonl"
    texts = ["Read more:\n\nThe minister said on Monday that talks would resume.", "Prices rose. " * 40]
    corpus.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
    bench.main([str(corpus), "--runs", "1", "--no-justext"])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"garble from {ROOT / 'garble'}"
    assert out[2].split()[0] == "tiny.jsonl" and float(out[2].split()[2]) > 0
    assert out[-1].startswith("cold start, garble check on a ") and "with compiled bytecode" in out[-1]
