"""Training rows: labelled records -> each line's features, gold label and training weight.

What ``garble.train`` fits on. A record is BENCHMARK.md's ``{"id", "text", "spans"}`` (plus
``meta.host`` or ``meta.group`` for its cross-validation group and ``meta.supplemental`` for the
strict weights); ``read_jsonl`` checks each one as it is read, so a bad line is an error naming
its file and line, not a traceback minutes into a fit.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from garble.context import line_blocks
from garble.datatypes import Line
from garble.evaluate import record_problem
from garble.features import line_features
from garble.inputs import is_offset, numbered_lines
from garble.segment import segment
from garble.signals import detect

# A line is damage when at least half its visible characters are inside gold spans (issue 3).
POSITIVE_SHARE = 0.5
# The benchmark's test files (``*-body-test.jsonl.gz``, ``*-page-test.jsonl.gz``) hold the held-out figures
# garble is judged by (models/README.md): trained on, they would measure only what it has seen. A name with
# "-test" before its end, a dot, a dash or an underscore is one (a copy, "x-test-copy.jsonl", too); a name
# that merely holds the letters ("my-testimonials.jsonl") is not. Each record also says its split (meta.split).
TEST_FILE = re.compile(r"-test(?:[._-]|$)", re.IGNORECASE)


class TrainingDataError(ValueError):
    """The training files cannot fit a model: what is missing, in words a user can act on."""


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL or JSONL.gz file in BENCHMARK.md's format; a line that is not such a record (not
    JSON, no id or text, a span or a supplemental stretch that is no [start, end] inside the text) is a
    TrainingDataError naming the file and the line, not a traceback minutes into training. A benchmark test
    file (``is_test_file``) or test record (``meta.split`` "test") is refused the same way: never trained on."""
    path = Path(path)
    if is_test_file(path):
        raise TrainingDataError(f"{path}: a benchmark test file (its name says so); garble never trains on the "
                                "test files, which hold the held-out figures")
    for number, line in numbered_lines(path, TrainingDataError):
        try:
            yield _checked(json.loads(line))
        except ValueError as err:  # json.JSONDecodeError, and _checked's TrainingDataError
            raise TrainingDataError(f"{path}:{number}: {err}") from None


def is_test_file(path: str | Path) -> bool:
    """Whether ``path`` names one of the benchmark's test files (``TEST_FILE``).

    >>> is_test_file("data/l3s-gn1-body-test.jsonl.gz"), is_test_file("l3s-gn1-body-dev.jsonl.gz")
    (True, False)
    """
    return TEST_FILE.search(Path(path).name) is not None


def _is_stretch(value: Any, size: int) -> bool:
    return (isinstance(value, (list, tuple)) and len(value) == 2
            and all(is_offset(v) for v in value) and 0 <= value[0] <= value[1] <= size)


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    """The record's ``meta`` object; BENCHMARK.md's meta is free-form, and one that is no object (null, a
    string) has no host, group or supplemental stretches to read.

    >>> _meta({"id": "a", "meta": None}), _meta({"id": "a", "meta": {"host": "x.com"}})
    ({}, {'host': 'x.com'})
    """
    meta = record.get("meta")
    return meta if isinstance(meta, dict) else {}


def _checked(record: Any) -> dict[str, Any]:
    """``record`` when it is a BENCHMARK.md record garble can read; else a TrainingDataError saying what is wrong.

    >>> _checked({"id": "a", "text": "Read more:", "spans": [{"start": 0, "end": 4}]})["id"]
    'a'
    >>> _checked({"id": "a", "text": "Read more:", "spans": [{"start": 0, "end": 40}]})
    Traceback (most recent call last):
    ...
    garble.trainset.TrainingDataError: spans[0] is not a start and an end inside the text (0 <= start <= end <= 10)
    """
    if (problem := record_problem(record)) is not None:  # a bad label found now, not when the label head fails
        raise TrainingDataError(problem)
    checked: dict[str, Any] = record  # an object with an "id" and a "text" string, record_problem has seen
    if _meta(checked).get("split") == "test":
        raise TrainingDataError('meta.split is "test": a record of the benchmark\'s test files, which garble '
                                "never trains on")
    for i, stretch in enumerate(_meta(checked).get("supplemental") or []):
        if not _is_stretch(stretch, len(checked["text"])):
            raise TrainingDataError(f"meta.supplemental[{i}] is not a [start, end] pair inside the text")
    return checked


def line_labels(text: str, lines: Sequence[Line], spans: Iterable[dict[str, Any]]) -> np.ndarray:
    """1 for each line with >= POSITIVE_SHARE of its visible characters inside a gold span.

    >>> from garble.segment import segment
    >>> doc = segment("Read more:\\n\\nBody text here.")
    >>> line_labels(doc.text, [l for b in doc.blocks for l in b.lines], [{"start": 0, "end": 10}]).tolist()
    [1, 0]
    """
    gold = np.zeros(len(text) + 1, dtype=np.int64)
    for sp in spans:
        if sp.get("label") != "ignore":
            gold[sp["start"]] += 1
            gold[sp["end"]] -= 1
    inside = np.cumsum(gold)[: len(text)] > 0
    visible = ~np.array([c.isspace() for c in text], dtype=bool) if text else np.zeros(0, bool)
    out = []
    for ln in lines:
        vis = visible[ln.start : ln.end]
        share = (inside[ln.start : ln.end] & vis).sum() / max(vis.sum(), 1)
        out.append(int(share >= POSITIVE_SHARE))
    return np.array(out, dtype=np.int64)


def line_gold_labels(text: str, lines: Sequence[Line], spans: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    """Each line's commonest gold label over its visible characters ("" for none).

    >>> from garble.segment import segment
    >>> doc = segment("Read more:\\n\\nBody text here.")
    >>> line_gold_labels(doc.text, [l for b in doc.blocks for l in b.lines], [{"start": 0, "end": 10, "label": "boilerplate"}])
    ('boilerplate', '')
    """
    spans = [sp for sp in spans if sp.get("label") not in (None, "ignore")]
    out = []
    for ln in lines:
        votes: Counter[str] = Counter()
        for sp in spans:
            a, b = max(sp["start"], ln.start), min(sp["end"], ln.end)
            if a < b:
                votes[sp["label"]] += sum(map(len, text[a:b].split()))
        out.append(votes.most_common(1)[0][0] if votes else "")
    return tuple(out)


def group_of(record: dict[str, Any]) -> str:
    """The CV group of a record: its web host for real pages, else its source doc id."""
    meta = _meta(record)
    return str(meta.get("host") or meta.get("group") or record["id"])


@dataclass(frozen=True, slots=True)
class DocRows:
    """One training document: its line features, line labels, CV group, lines' paragraphs, weight,
    lines' gold labels and lines' text (for the word model)."""

    X: np.ndarray
    y: np.ndarray
    group: str
    blocks: tuple[int, ...]
    weight: float
    labels: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    # each line's share of ``weight`` (0: left out of training), or None when every line has all of it
    line_weight: np.ndarray | None = None


def doc_rows(records: Iterable[dict[str, Any]], weight: float = 1.0, strict: bool = False) -> list[DocRows]:
    """The training rows of each labelled record; with ``strict``, the lines its ``meta.supplemental``
    stretches cover (as ``line_labels`` counts a line in a span) weigh nothing."""
    out = []
    for rec in records:
        doc = segment(rec["text"])
        lines, X = line_features(doc, detect(doc))
        spans = rec.get("spans", [])
        supplemental = _meta(rec).get("supplemental") if strict else None
        kept = (1.0 - line_labels(rec["text"], lines, [{"start": a, "end": b} for a, b in supplemental])
                if supplemental else None)
        out.append(DocRows(X, line_labels(rec["text"], lines, spans), group_of(rec), tuple(line_blocks(doc)),
                           weight, line_gold_labels(rec["text"], lines, spans), tuple(ln.text for ln in lines),
                           kept))
    return out
