"""The BENCHMARK.md figures for the installed model over a gold JSONL[.gz] file.

The definitions are those of the project's scorer (shared/bench/score.py): character-level
span precision/recall/F1 over non-space characters, span hit rate, paragraph ROC-AUC of
(1 - score) dirty against clean, false-alarm and miss rates at 0.9, MAE, kept-text F1 of
word 4-gram bags, and the share of clean documents with any span. ``tests/test_evaluate.py``
checks that both agree to 3 decimals.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from garble.datatypes import LABELS
from garble.inputs import is_offset, numbered_lines
from garble.segment import fold_breaks, paragraph_bounds

DIRTY_BELOW = 0.9  # BENCHMARK.md: a paragraph is dirty below 0.9 gold cleanliness
IGNORE = "ignore"
# The labels a gold span may carry (BENCHMARK.md's table): garble's, and "ignore". A span with no label at all
# is read as score.py reads it, label "garble": it counts in the label-blind figures only.
GOLD_LABELS = (*(str(label) for label in LABELS), IGNORE)
WORD = re.compile(r"\w+")
# The keys of a prediction record that is none: garble audit's record of a document it could not read
# (garble.inputs.Problem.to_dict) or left out. score.py would score it as "nothing found, every paragraph clean".
FAILED = ("error", "skipped")


def _char_labels(n: int, spans: Iterable[dict[str, Any]]) -> list[str | None]:
    labels: list[str | None] = [None] * n
    for sp in spans:
        for i in range(max(0, int(sp["start"])), min(n, int(sp["end"]))):
            labels[i] = sp.get("label", "garble")
    return labels


def auc(pos: Sequence[float], neg: Sequence[float]) -> float | None:
    """ROC-AUC by the rank-sum formula; ties count half.

    >>> auc([0.9, 0.8], [0.1, 0.8])
    0.875
    """
    if not pos or not neg:
        return None
    ranked = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(flag for _, flag in ranked[i:j])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))


def text_f1(gold_text: str, got_text: str) -> float:
    """F1 of lower-cased word 4-gram bags (the Scrapinghub extraction benchmark's measure).

    >>> text_f1("one two three four five", "one two three four five")
    1.0
    """
    gold, got = _shingles(gold_text), _shingles(got_text)
    if not gold and not got:
        return 1.0
    common = sum((gold & got).values())
    p = common / sum(got.values()) if got else 0.0
    r = common / sum(gold.values()) if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _kept(text: str, labels: Sequence[str | None]) -> str:
    return "".join(" " if lab else ch for ch, lab in zip(text, labels))


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of character counts, as score.py computes them (0.0 where undefined: the
    figures must equal score.py's; ``render`` prints a recall of no gold characters as "n/a").

    >>> _prf(3, 1, 0), _prf(0, 0, 0)
    ((0.75, 1.0, 0.8571428571428571), (0.0, 0.0, 0.0))
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# What _Tally.rows holds for each document: its span characters right, false and missed, whether it is clean
# and whether it is flagged, its clean paragraphs and how many of them score under 0.9, its dirty ones and how
# many score at or over it, and its kept-text F1.
ROW = ("tp", "fp", "fn", "clean_doc", "flagged", "clean_paragraphs", "alarms", "dirty_paragraphs", "misses",
       "text_f1")


class _Tally:
    """Running counts over documents."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.hits = self.spans = 0
        self.clean_docs = self.clean_flagged = self.docs = 0
        self.per_label: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.dirty: list[float] = []
        self.clean: list[float] = []
        self.dirty_doc_index: list[int] = []  # the document (its index) of each score in ``dirty``
        self.clean_doc_index: list[int] = []  # ... and in ``clean``
        self.errors: list[float] = []
        self.text_f1s: list[float] = []
        self.rows: list[tuple[float, ...]] = []  # each document's share of the counts (ROW), for intervals

    def add(self, gold_doc: dict[str, Any], pred: dict[str, Any]) -> None:
        before = (self.tp, self.fp, self.fn, self.clean_docs, self.clean_flagged, len(self.clean), len(self.dirty))
        self._add(gold_doc, pred)
        tp, fp, fn, clean_docs, clean_flagged, n_clean, n_dirty = before
        self.rows.append((self.tp - tp, self.fp - fp, self.fn - fn, self.clean_docs - clean_docs,
                          self.clean_flagged - clean_flagged, len(self.clean) - n_clean,
                          sum(s < DIRTY_BELOW for s in self.clean[n_clean:]), len(self.dirty) - n_dirty,
                          sum(s >= DIRTY_BELOW for s in self.dirty[n_dirty:]), self.text_f1s[-1]))

    def _add(self, gold_doc: dict[str, Any], pred: dict[str, Any]) -> None:
        text = gold_doc["text"]
        gold_spans = [sp for sp in gold_doc["spans"] if sp.get("label") != IGNORE]
        gold = _char_labels(len(text), gold_spans)
        got = _char_labels(len(text), pred.get("spans", []))
        skip = _char_labels(len(text), [sp for sp in gold_doc["spans"] if sp.get("label") == IGNORE])
        self.docs += 1
        for i, ch in enumerate(text):
            g, p = gold[i], got[i]
            if ch.isspace() or skip[i] or not (g or p):
                continue
            self.tp += bool(g and p)
            self.fp += bool(p and not g)
            self.fn += bool(g and not p)
            if g and g == p:
                self.per_label[g][0] += 1
            else:
                if p:
                    self.per_label[p][1] += 1
                if g:
                    self.per_label[g][2] += 1
        for sp in gold_spans:
            chars = [i for i in range(sp["start"], sp["end"]) if not text[i].isspace()]
            if chars:
                self.spans += 1
                self.hits += sum(1 for i in chars if got[i]) * 2 >= len(chars)
        self._paragraphs(text, gold, skip, pred)
        self.text_f1s.append(text_f1(_kept(text, gold), _kept(text, got)))
        if not gold_spans:
            self.clean_docs += 1
            self.clean_flagged += bool(pred.get("spans"))

    def _paragraphs(self, text: str, gold: list[str | None], skip: list[str | None],
                    pred: dict[str, Any]) -> None:
        scores = {(int(p["start"]), int(p["end"])): float(p["score"]) for p in pred.get("paragraphs", [])}
        for s, e in paragraph_bounds(fold_breaks(text)):  # scan's paragraphs: \r\n and \r line ends too
            chars = [i for i in range(s, e) if not text[i].isspace() and not skip[i]]
            if not chars:
                continue
            clean = 1 - sum(1 for i in chars if gold[i]) / len(chars)
            predicted = scores.get((s, e), 1.0)
            self.errors.append(abs(predicted - clean))
            if clean < DIRTY_BELOW:
                self.dirty.append(predicted)
                self.dirty_doc_index.append(self.docs - 1)
            elif clean == 1.0:
                self.clean.append(predicted)
                self.clean_doc_index.append(self.docs - 1)


# The figures ``score(..., intervals=N)`` gives a bootstrap interval for, and their level.
INTERVAL_FIGURES = ("span_precision", "span_recall", "span_f1", "paragraph_auc", "paragraph_false_alarm_rate",
                    "paragraph_miss_rate", "kept_text_f1", "clean_document_false_alarm_rate")
LEVEL = 0.95
# The widest a compared run's name is printed (a longer one keeps its end, where file names differ).
MAX_COLUMN = 48
# The counts of how predictions cover the gold that render_comparison adds below its table when not 0.
COVERAGE = ("missing_predictions", "error_predictions", "predictions_without_gold")
# Resamples weighed at once: (resamples x paragraphs) float matrices stay near 40 MB for 50,000 paragraphs.
CHUNK = 100


class _Resampler:
    """Document-bootstrap figures from a _Tally: a resample is a count of copies of each document (the unit a
    gold file samples; a document's paragraphs and characters are not independent of each other), and each
    figure is recomputed from the documents' counts weighted by it. All ones gives score()'s own figures."""

    def __init__(self, t: _Tally) -> None:
        import numpy as np

        self.rows = np.array(t.rows, dtype=float).reshape(-1, len(ROW))
        values = 1 - np.array(t.dirty + t.clean, dtype=float)  # AUC of (1 - score), dirty the positives
        positive = np.array([1.0] * len(t.dirty) + [0.0] * len(t.clean))
        docs = np.array(t.dirty_doc_index + t.clean_doc_index, dtype=np.intp)
        order = np.argsort(values, kind="stable")
        self.values, self.positive, self.docs = values[order], positive[order], docs[order]
        # where each run of tied values starts: ties count half, as in auc()
        self.ties = np.flatnonzero(np.r_[True, self.values[1:] != self.values[:-1]]) if len(values) else values

    def figures(self, weights: Any) -> dict[str, Any]:
        """Each INTERVAL_FIGURES figure (an array, one value a row of ``weights``: documents' copies), NaN
        where it is undefined (no clean paragraph, no clean document)."""
        import numpy as np

        with np.errstate(divide="ignore", invalid="ignore"):
            tp, fp, fn, clean_docs, flagged, clean, alarms, dirty, misses, text_f1 = (weights @ self.rows).T
            p = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
            r = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
            out = {"span_precision": p, "span_recall": r, "span_f1": np.where(p + r > 0, 2 * p * r / (p + r), 0.0),
                   "paragraph_auc": self._auc(weights), "paragraph_false_alarm_rate": alarms / clean,
                   "paragraph_miss_rate": misses / dirty, "kept_text_f1": text_f1 / weights.sum(axis=1),
                   "clean_document_false_alarm_rate": flagged / clean_docs}
        return out

    def _auc(self, weights: Any) -> Any:
        import numpy as np

        if not len(self.values):
            return np.full(len(weights), np.nan)
        w = weights[:, self.docs]  # each paragraph weighs as many copies as its document has
        pos = np.add.reduceat(w * self.positive, self.ties, axis=1)
        neg = np.add.reduceat(w * (1 - self.positive), self.ties, axis=1)
        below = np.cumsum(neg, axis=1) - neg
        return (pos * (below + neg / 2)).sum(axis=1) / (pos.sum(axis=1) * neg.sum(axis=1))

    def intervals(self, resamples: int, seed: int, minus: _Resampler | None = None) -> dict[str, list[float] | None]:
        """The central LEVEL interval of each figure over ``resamples`` document resamples; with ``minus`` (the
        same documents scored otherwise), of the difference of the two figures on the same resamples."""
        import numpy as np

        rng = np.random.default_rng(seed)
        n = len(self.rows)
        drawn: dict[str, list[Any]] = {name: [] for name in INTERVAL_FIGURES}
        for start in range(0, resamples if n else 0, CHUNK):  # no document: no figure, no interval
            weights = rng.multinomial(n, np.full(n, 1 / n), size=min(CHUNK, resamples - start)).astype(float)
            other = minus.figures(weights) if minus is not None else None
            for name, values in self.figures(weights).items():
                drawn[name].append(values if other is None else values - other[name])
        out: dict[str, list[float] | None] = {}
        for name in INTERVAL_FIGURES:
            values = np.concatenate(drawn[name]) if n else np.zeros(0)
            values = values[~np.isnan(values)]
            tail = (1 - LEVEL) / 2 * 100
            out[name] = [round(float(v), 4) for v in np.percentile(values, [tail, 100 - tail])] if len(values) else None
        return out


def _rate(flags: Iterable[bool], n: int) -> float | None:
    return round(sum(flags) / n, 4) if n else None


@dataclass(frozen=True, slots=True)
class _Coverage:
    """How the predictions cover the gold documents."""

    missing: int  # gold documents with no prediction, or an error record (FAILED) in its place
    failed: int  # ... of them, those with an error record: garble audit could not read the document
    strays: int  # predictions of an id no gold document has


def _tally(gold: Sequence[dict[str, Any]], preds: dict[str, dict[str, Any]]) -> tuple[_Tally, _Coverage]:
    """The counts of every gold record (check_gold's) against its prediction, and how the predictions cover
    them; a ValueError when no prediction is of a gold document (predictions of another file: every figure
    would be "nothing found")."""
    t = _Tally()
    missing = failed = 0
    for doc in gold:
        pred = preds.get(str(doc["id"]))
        failure = pred is not None and any(key in pred for key in FAILED)
        missing += pred is None or failure
        failed += failure
        t.add(doc, {"spans": [], "paragraphs": []} if pred is None or failure else pred)
    ids = {str(doc["id"]) for doc in gold}
    strays = [key for key in preds if key not in ids]
    if not preds:
        raise ValueError("no predictions to score")
    if len(strays) == len(preds):
        raise ValueError(f"no prediction is of a gold document: the ids of the {len(preds)} (such as {strays[0]!r}) "
                         f"are none of the gold's (such as {str(gold[0]['id'])!r}); the predictions of another file?")
    return t, _Coverage(missing, failed, len(strays))


def score(gold: Iterable[dict[str, Any]], preds: dict[str, dict[str, Any]], intervals: int = 0,
          seed: int = 0) -> dict[str, Any]:
    """The scorer's figures for gold records against predictions keyed by id (same keys as score.py); with
    ``intervals``, also each INTERVAL_FIGURES figure's LEVEL interval over that many document resamples
    (``seed``: the resampling's), under the key "intervals". Gold that check_gold refuses, or predictions
    none of which is of a gold document, are a ValueError. Where some predictions are of no gold document,
    "predictions_without_gold" says how many; where some gold documents have an error record for a prediction
    (they count as missing), "error_predictions" does.

    >>> gold = [{"id": str(i), "text": "Read more:\\n\\nTalks resume.", "spans": [{"start": 0, "end": 10}]}
    ...         for i in range(20)]
    >>> preds = {str(i): {"spans": [{"start": 0, "end": 10 if i % 4 else 4}]} for i in range(20)}
    >>> r = score(gold, preds, intervals=200)
    >>> lo, hi = r["intervals"]["span_recall"]
    >>> r["span_recall"], lo < r["span_recall"] < hi <= 1.0
    (0.8611, True)
    >>> preds["x"] = preds.pop("0")
    >>> r = score(gold, preds)
    >>> r["missing_predictions"], r["predictions_without_gold"]
    (1, 1)
    """
    return _score(*_tally(_checked(gold), preds), intervals, seed)


def _score(t: _Tally, coverage: _Coverage, intervals: int = 0, seed: int = 0) -> dict[str, Any]:
    p, r, f = _prf(t.tp, t.fp, t.fn)
    a = auc([1 - s for s in t.dirty], [1 - s for s in t.clean])
    result: dict[str, Any] = {
        "documents": t.docs, "missing_predictions": coverage.missing,
        # only when there are some, so that a run without them has score.py's keys
        **({"error_predictions": coverage.failed} if coverage.failed else {}),
        **({"predictions_without_gold": coverage.strays} if coverage.strays else {}),
        "span_precision": _round(p), "span_recall": _round(r), "span_f1": _round(f),
        "span_hit_rate": round(t.hits / t.spans, 4) if t.spans else None,
        "per_label": {
            label: {**dict(zip(("precision", "recall", "f1"), (_round(x) for x in _prf(*v)))),
                    "support": v[0] + v[2]}
            for label, v in sorted(t.per_label.items())
        },
        "paragraph_auc": _round(a),
        "paragraph_false_alarm_rate": _rate((s < DIRTY_BELOW for s in t.clean), len(t.clean)),
        "paragraph_miss_rate": _rate((s >= DIRTY_BELOW for s in t.dirty), len(t.dirty)),
        "paragraph_mae": round(sum(t.errors) / len(t.errors), 4) if t.errors else None,
        "paragraphs_dirty": len(t.dirty), "paragraphs_clean": len(t.clean),
        "kept_text_f1": round(sum(t.text_f1s) / len(t.text_f1s), 4) if t.text_f1s else None,
        "clean_documents": t.clean_docs,
        "clean_document_false_alarm_rate": round(t.clean_flagged / t.clean_docs, 4) if t.clean_docs else None,
    }
    if intervals:
        result["intervals"] = _Resampler(t).intervals(intervals, seed)
    return result


def compare(gold: Sequence[dict[str, Any]], base: dict[str, dict[str, Any]], other: dict[str, dict[str, Any]],
            resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Two predictions of the same gold records side by side: each one's figures ("base", "other") and, for each
    INTERVAL_FIGURES figure, the difference other - base with its LEVEL interval over ``resamples`` document
    resamples drawn for both at once (paired: a document both get wrong moves neither the difference nor its
    interval, so a difference is told from the sample's noise far more sharply than two separate intervals would).

    >>> gold = [{"id": str(i), "text": "Read more:\\n\\nTalks resume.", "spans": [{"start": 0, "end": 10}]}
    ...         for i in range(30)]
    >>> base = {str(i): {"spans": [{"start": 0, "end": 10 if i % 3 else 0}]} for i in range(30)}
    >>> other = {str(i): {"spans": [{"start": 0, "end": 10}]} for i in range(30)}
    >>> d = compare(gold, base, other, 200)["difference"]["span_recall"]
    >>> d["value"], 0 < d["interval"][0] < d["value"] < d["interval"][1]
    (0.3333, True)
    """
    gold = _checked(gold)
    a, b = _tally(gold, base), _tally(gold, other)
    first, second = _score(*a), _score(*b)
    spans = _Resampler(b[0]).intervals(resamples, seed, minus=_Resampler(a[0]))
    return {"base": first, "other": second, "difference": {
        name: {"value": None if first[name] is None or second[name] is None else round(second[name] - first[name], 4),
               "interval": spans[name]} for name in INTERVAL_FIGURES}}


def render_comparison(result: dict[str, Any], base: str, other: str) -> str:
    """``compare``'s figures as a table: each figure for both, the difference and its interval."""

    def number(value: float | None, sign: str = "") -> str:
        return "-" if value is None else f"{value:{sign}.4f}"

    def label(name: str) -> str:  # file names differ at their ends ("x.b3.pred.jsonl", "x.s3.pred.jsonl")
        return name if len(name) <= MAX_COLUMN else "…" + name[1 - MAX_COLUMN :]

    a, b = label(base), label(other)
    w = max(10, len(a), len(b))
    out = [f"{'':34} {a:>{w}} {b:>{w}} {'difference':>10}   {LEVEL:.0%} interval"]
    for name in INTERVAL_FIGURES:
        diff = result["difference"][name]
        span = diff["interval"]
        interval = "-" if span is None else f"{span[0]:+.4f} to {span[1]:+.4f}"
        out.append(f"{name:34} {number(result['base'][name]):>{w}} {number(result['other'][name]):>{w}} "
                   f"{number(diff['value'], '+'):>10}   {interval}")
    for name in COVERAGE:  # where a run lacks predictions, say so: its figures count those as "nothing found"
        counts = [result[side].get(name, 0) for side in ("base", "other")]
        if any(counts):
            out.append(f"{name:34} {counts[0]:>{w}} {counts[1]:>{w}}")
    return "\n".join(out)


def record_problem(record: Any) -> str | None:
    """What keeps ``record`` from being a BENCHMARK.md record garble can read (an "id", a "text", "spans" of a
    start and an end inside it, each with one of GOLD_LABELS or none), or None; a record with no "spans" at all
    is an unannotated one, no problem here. The check garble eval reads gold with and garble train its data.

    >>> record_problem({"id": "a", "text": "Read more: talks.", "spans": [{"start": 0, "end": 10, "label": "menu"}]})
    "spans[0] has label 'menu', not one of spliced_headline, injected_link, mangled_name, boilerplate, \
repetition, encoding, broken_text, ignore"
    """
    if not isinstance(record, dict):
        return "not a JSON object"
    if "id" not in record:
        return 'no "id"'
    text = record.get("text")
    if not isinstance(text, str):
        return 'no "text" string'
    spans = record.get("spans", [])
    if not isinstance(spans, list):  # "spans": null is not "no spans key": the record claims to be labelled
        return '"spans" is not a list'
    for i, span in enumerate(spans):
        if not (isinstance(span, dict) and is_offset(span.get("start")) and is_offset(span.get("end"))
                and 0 <= span["start"] <= span["end"] <= len(text)):
            return f"spans[{i}] is not a start and an end inside the text (0 <= start <= end <= {len(text)})"
        if "label" in span and span["label"] not in GOLD_LABELS:
            return f"spans[{i}] has label {span['label']!r}, not one of {', '.join(GOLD_LABELS)}"
    return None


def _gold_problem(record: Any) -> str | None:
    """What keeps ``record`` from being a gold document to score (``record_problem``, and spans sorted or not
    but not overlapping), or None.

    >>> _gold_problem({"id": "a", "text": "Read more: talks.", "spans": [{"start": 5, "end": 9}, {"start": 0, "end": 6}]})
    'spans[0] (5-9) overlaps spans[1] (0-6); gold spans do not overlap'
    """
    if (problem := record_problem(record)) is not None:
        return problem
    # Two spans over one character give it two labels, and score.py's figures then hang on the spans' order.
    # By start, a span that overlaps any earlier one overlaps the one just before it. Empty spans cover nothing.
    spans = record.get("spans", [])
    order = sorted((span["start"], span["end"], i) for i, span in enumerate(spans) if span["start"] < span["end"])
    for (s1, e1, i), (s2, e2, j) in pairwise(order):
        if s2 < e1:
            return f"spans[{j}] ({s2}-{e2}) overlaps spans[{i}] ({s1}-{e1}); gold spans do not overlap"
    return None


class Gold(list[dict[str, Any]]):
    """Gold documents check_gold (or read_gold) has passed: score, compare and evaluate take them as they are,
    where they check any other records first. garble eval read and checked a gold file, and score checked every
    record of it again."""

    __slots__ = ()


def _checked(gold: Iterable[Any]) -> Gold:
    """``gold`` as check_gold passes it: as it is when it has been checked already."""
    return gold if isinstance(gold, Gold) else check_gold(gold)


def _annotated(records: Iterable[tuple[str, Any]], source: str) -> Gold:
    """The annotated documents of ``records`` (each after where it is, "gold.jsonl:3"), skipping unannotated
    ones as score.py does; a ValueError naming the record and what is wrong when one is no gold (_gold_problem),
    repeats an id (both would be scored against one prediction), or when ``source`` holds no annotated one."""
    out = Gold()
    first: dict[str, str] = {}  # where each id was
    unannotated = None
    for where, record in records:
        if (problem := _gold_problem(record)) is not None:
            raise ValueError(f"{where}: {problem}")
        if "spans" not in record:
            unannotated = unannotated or where
            continue
        key = str(record["id"])
        if key in first:
            raise ValueError(f"{where}: id {key!r} again (first at {first[key]})")
        first[key] = where
        out.append(record)
    if unannotated and not out:
        raise ValueError(f'{source}: no record has "spans" ({unannotated}: none), so this is not gold '
                         "(BENCHMARK.md keeps unannotated records for throughput only)")
    if not out:
        raise ValueError(f"{source}: no documents")
    return out


def check_gold(records: Iterable[Any]) -> Gold:
    """The annotated records of a gold file's (records without "spans" are skipped, as score.py skips them);
    a ValueError naming the record ("gold record 3") and what is wrong when one is no BENCHMARK.md gold
    document, repeats an id, or when there is no annotated record at all. read_gold names the file's line.

    >>> check_gold([{"id": "a", "text": "Read more:", "spans": []}, {"id": "b", "text": "Talks."}])
    [{'id': 'a', 'text': 'Read more:', 'spans': []}]
    >>> check_gold([{"id": "a", "text": "Talks."}])
    Traceback (most recent call last):
    ...
    ValueError: the gold: no record has "spans" (gold record 1: none), so this is not gold (BENCHMARK.md keeps \
unannotated records for throughput only)
    """
    return _annotated(((f"gold record {n}", record) for n, record in enumerate(records, 1)), "the gold")


def read_gold(path: str | Path) -> Gold:
    """The annotated documents of a gold JSONL(.gz) file, as check_gold gives them, with its ValueErrors
    naming the file and the line ("gold.jsonl:3: ...")."""
    path = Path(path)

    def numbered() -> Iterator[tuple[str, Any]]:
        for number, line in numbered_lines(path):
            try:
                yield f"{path}:{number}", json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{number}: not JSON ({err})") from None

    return _annotated(numbered(), str(path))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _prediction_problem(record: Any) -> str | None:
    """What keeps ``record`` from being a BENCHMARK.md prediction (an "id", "spans" of integer start and end,
    "paragraphs" of start, end and score), or None."""
    if not isinstance(record, dict):
        return "not a JSON object"
    if "id" not in record:
        return 'no "id"'
    for key in ("spans", "paragraphs"):  # absent is none; null would stop the scoring (score.py's too)
        if not isinstance(record.get(key, []), list):
            return f'"{key}" is not a list'
    for i, span in enumerate(record.get("spans", [])):
        if not (isinstance(span, dict) and is_offset(span.get("start")) and is_offset(span.get("end"))
                and 0 <= span["start"] <= span["end"]):
            return f"spans[{i}] is not a start and an end (0 <= start <= end)"
    for i, para in enumerate(record.get("paragraphs", [])):
        if not (isinstance(para, dict) and all(_is_number(para.get(k)) for k in ("start", "end", "score"))):
            return f"paragraphs[{i}] is not a start, an end and a score"
    return None


def read_predictions(path: str | Path) -> dict[str, dict[str, Any]]:
    """The predictions of a JSONL(.gz) file in BENCHMARK.md's format (``garble audit -f jsonl``'s, or another
    tool's), keyed by id as score.py keys them (a later record of an id wins); a line that is no prediction is a
    ValueError naming the file and the line."""
    path = Path(path)
    out: dict[str, dict[str, Any]] = {}
    for number, line in numbered_lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}:{number}: not JSON ({err})") from None
        if (problem := _prediction_problem(record)) is not None:
            raise ValueError(f"{path}:{number}: {problem}")
        out[str(record["id"])] = record
    return out


def predict(records: Iterable[dict[str, Any]], model_path: str | None = None) -> dict[str, dict[str, Any]]:
    """garble's predictions (``scan(text).to_dict(id)``) for each record, keyed by id, with the weights
    ``model_path`` names (None: the shipped body weights, the default)."""
    from dataclasses import replace

    from garble.config import DEFAULT_CONFIG
    from garble.pipeline import scan

    config = replace(DEFAULT_CONFIG, model_path=model_path)
    return {str(r["id"]): scan(r["text"], config).to_dict(str(r["id"])) for r in records}


def evaluate(records: Sequence[dict[str, Any]], model_path: str | None = None, intervals: int = 0) -> dict[str, Any]:
    """Scan every annotated record with the installed (or given) model and score it (``intervals``: see
    score); records check_gold refuses are a ValueError before the scan."""
    gold = _checked(records)
    return score(gold, predict(gold, model_path), intervals)


def _shown(value: Any, spec: str = "") -> str:
    return "n/a" if value is None else f"{value:{spec}}"


def render(result: dict[str, Any]) -> str:
    """The figures as aligned text lines, the way score.py prints them, with "n/a" for an undefined figure
    (score.py's None, and a label's recall when the gold has none of it, which score.py gives as 0.0).

    >>> print(render({"documents": 1, "per_label": {"encoding": {"precision": 0.0, "recall": 0.0, "f1": 0.0,
    ...                                                          "support": 0}}, "paragraph_auc": None}))
    documents                          1
      encoding           P=0.000 R=n/a F1=0.000 (gold chars 0)
    paragraph_auc                      n/a
    """
    out = []
    for key, value in result.items():
        if key == "intervals":
            out.append(f"{LEVEL:.0%} intervals, documents resampled:")
            out += [f"  {name:32} {'-' if span is None else f'{span[0]:.4f} - {span[1]:.4f}'}"
                    for name, span in value.items()]
        elif key == "per_label":
            # a recall of no gold characters is undefined: "n/a", not score.py's 0.000 that reads as "all missed"
            out += [f"  {label:18} P={_shown(m['precision'], '.3f')} "
                    f"R={_shown(m['recall'] if m['support'] else None, '.3f')} "
                    f"F1={_shown(m['f1'], '.3f')} (gold chars {m['support']})" for label, m in value.items()]
        else:
            out.append(f"{key:34} {_shown(value)}")
    return "\n".join(out)
