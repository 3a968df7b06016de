"""Coverage-guided fuzzing of ``garble.scan`` and of the JSONL reader with atheris (issue 7).

Needs the ``fuzz`` extra (``pip install ".[fuzz]"``: atheris, a libFuzzer wheel for
CPython 3.8-3.11 on Linux and macOS). Each target turns libFuzzer's bytes into an input
and asserts garble's invariants; a failed assertion or any exception is a crash, which
libFuzzer saves as ``crash-<sha1>`` (see ``-artifact_prefix``) and which belongs in the
test suite as a regression test.

    python benchmarks/fuzz.py scan  -max_total_time=180     # scan + clean on decoded bytes
    python benchmarks/fuzz.py jsonl -max_total_time=180     # read_inputs on a .jsonl / .jsonl.gz file
    python benchmarks/fuzz.py scan crash-1234abcd           # replay one input

Arguments after the target name go to libFuzzer unchanged (``-runs``, ``-max_len``,
corpus folders, ...). Without a corpus folder a temporary one is seeded with a few
realistic inputs so that the fuzzer starts from news text rather than from nothing.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from itertools import pairwise
from pathlib import Path

import garble
from garble.datatypes import LABELS
from garble.detector import clean
from garble.inputs import WIDE_SNIFF, Problem, ReadOptions, Record, read_inputs, wide_codec
from garble.segment import fold_breaks, paragraph_bounds

# How fuzz bytes become text: each error handler reaches different strings
# (surrogatepass lets UTF-8-encoded lone surrogates through, surrogateescape maps bad
# bytes to U+DC80..U+DCFF, replace gives U+FFFD, latin-1 maps every byte to a character).
DECODINGS = (("utf-8", "surrogatepass"), ("utf-8", "surrogateescape"), ("utf-8", "replace"),
             ("latin-1", "strict"), ("utf-16-le", "surrogatepass"))

SEED_TEXTS = (
    "Read more:\n\nThe minister said on Monday that talks would resume.\n",
    "Kim Jong Yo met Kim Yo Jong.\r\n\r\nShare this\tClick here http://example.com/a?b=1",
    "didnâ€™t cafÃ© â€œquotedâ€\x9d\n\n(Reporting by Jane Doe)\n",
    "BREAKING: Joe BidenCawthorn says\u200b \u202eJohn Smith\u202c said the the plan.",
)
SEED_JSONL = (
    b'{"id": "a", "text": "First."}\n{not json\n[1, 2]\n{"id": "c"}\n{"id": "d", "text": 42}\n',
    b'{"id": "a", "text": "Again."}\n\n{"text": "No id."}\n\xef\xbb\xbf{"id": "b", "text": "bom"}\n',
    '{"id": "e", "text": "caf\xe9"}\n'.encode("latin-1") + b'"just a string"\nnull\n',
)


def check_scan(text: str) -> None:
    """Every invariant of issue 7 for one text (the same as tests/test_properties.py)."""
    result = garble.scan(text)
    assert result.text == text
    prev_end = 0
    for span in result.spans:
        assert 0 <= prev_end <= span.start < span.end <= len(text), (span, prev_end)
        assert span.label in LABELS and 0.0 <= span.score <= 1.0, span
        prev_end = span.end
    assert [(p.start, p.end) for p in result.paragraphs] == paragraph_bounds(fold_breaks(text))  # any line ends
    assert all(0.0 <= p.score <= 1.0 for p in result.paragraphs) and 0.0 <= result.score <= 1.0
    json.dumps(result.to_dict("fuzz"))  # the JSONL output can always be written
    assert result == garble.scan(text)  # deterministic
    cleaned = clean(text)
    assert isinstance(cleaned, str)


def scan_target(data: bytes) -> None:
    """libFuzzer entry point: the first byte picks a decoding, the rest is the text."""
    if not data:
        return
    codec, errors = DECODINGS[data[0] % len(DECODINGS)]
    try:
        text = data[1:].decode(codec, errors)
    except UnicodeDecodeError:  # surrogatepass is strict about every other bad byte
        text = data[1:].decode(codec, "replace")
    check_scan(text)


class JsonlTarget:
    """libFuzzer entry point for the reader: the bytes as a .jsonl (or gzipped .jsonl.gz) file."""

    def __init__(self, folder: Path) -> None:
        self.plain = folder / "fuzz.jsonl"
        self.zipped = folder / "fuzz.jsonl.gz"

    def __call__(self, data: bytes) -> None:
        gz = bool(data[:1]) and data[0] & 1 == 1
        body = data[1:]
        path = self.zipped if gz else self.plain
        path.write_bytes(gzip.compress(body, mtime=0) if gz else body)
        items = list(read_inputs([str(path)], ReadOptions()))
        lines = _lines(body)
        if lines is None:  # UTF-16 or UTF-32 that stops decoding: its lines, then an error for the rest
            assert items and isinstance(items[-1], Problem) and "cannot read further" in items[-1].message, items
            numbers = [item.line for item in items if item.line is not None]
            assert len(numbers) == len(items) and all(a < b for a, b in pairwise(numbers)), numbers
        else:
            assert len(items) == len(lines), (len(items), len(lines))
            assert [i.line for i in items] == lines
        for item in items:
            assert isinstance(item, Record | Problem) and item.path == str(path)
            if isinstance(item, Problem):
                assert item.message and not item.skipped
            json.dumps(item.to_dict() if isinstance(item, Problem) else {"id": item.id, "text": item.text})


def _lines(body: bytes) -> list[int] | None:
    """The numbers of the non-blank lines of a JSONL stream: split as bytes, or, for a stream in UTF-16 or UTF-32
    (``inputs.wide_codec``), split at the "\\n" characters of its text, where a 0x0A byte can be part of another
    character; None when such a stream stops decoding part-way, which the reader reports once for the rest."""
    codec = wide_codec(body[:WIDE_SNIFF])
    if codec is None:
        return [i for i, raw in enumerate(body.split(b"\n"), 1) if raw.strip()]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        return None
    return [i for i, raw in enumerate(text.split("\n"), 1) if raw.encode("utf-8", "surrogatepass").strip()]


def _seed(folder: Path, target: str) -> None:
    seeds = ([b"\0" + t.encode("utf-8") for t in SEED_TEXTS] if target == "scan"
             else [b"\0" + s for s in SEED_JSONL] + [b"\1" + SEED_JSONL[0]])
    for i, seed in enumerate(seeds):
        (folder / f"seed-{i}").write_bytes(seed)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("scan", "jsonl"):
        sys.exit(__doc__)
    target_name, libfuzzer_args = sys.argv[1], sys.argv[2:]
    try:
        import atheris  # type: ignore[import-untyped]  # here, so the targets can be tested without it
    except ImportError:
        sys.exit('benchmarks/fuzz.py needs atheris: pip install ".[fuzz]"')
    garble.scan("Warm up: load the model, the word lists and every lazily imported module.")
    atheris.instrument_all()  # coverage for garble and everything it has imported
    work = Path(tempfile.mkdtemp(prefix="garble-fuzz-"))
    folders = [Path(a) for a in libfuzzer_args if not a.startswith("-") and Path(a).is_dir()]
    if not any(not a.startswith("-") for a in libfuzzer_args):  # no corpus folder or crash file given
        folders = [work / "corpus"]
        folders[0].mkdir()
        libfuzzer_args.append(str(folders[0]))
    if folders and not any(folders[0].iterdir()):  # an empty corpus starts from the seeds
        _seed(folders[0], target_name)
    if not any(a.startswith("-rss_limit_mb") for a in libfuzzer_args):
        # atheris's own memory grows with the runs (56,141 reached 5 GB; garble's holds: ROBUSTNESS.md), and
        # libFuzzer's default 2 GB limit ends a long run with a false "out-of-memory"
        libfuzzer_args.append("-rss_limit_mb=8192")
    target = scan_target if target_name == "scan" else JsonlTarget(work)
    atheris.Setup([sys.argv[0], *libfuzzer_args], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
