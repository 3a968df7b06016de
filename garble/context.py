"""Stage 4b: a second look at each line with its neighbours' first-stage probabilities.

The first model scores every line from its own features (which already include its
neighbours' shapes). Damage comes in runs, though: a related-headline list, a share
bar, a caption block. The context model sees the first model's probability for the
line, the two lines either side, its paragraph and the paragraphs around it, and the
whole document, and scores the line again (stacking, as in Wolpert 1992; trained on
out-of-fold first-stage probabilities by ``garble.train``).

Grouped CV on the *-body-dev pages (models/README.md) moved span F1 0.573 -> 0.596
(l3s) and 0.542 -> 0.590 (aeb) over the first stage alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from garble.classifier import TreeModel, load, read_weights, shipped_path, sibling
from garble.datatypes import Document
from garble.features import LINE_NAMES

CONTEXT_KIND = "context"
CONTEXT_NAMES: tuple[str, ...] = (
    "ctx_p", "ctx_prev1_p", "ctx_prev2_p", "ctx_next1_p", "ctx_next2_p",
    "ctx_block_max_p", "ctx_block_mean_p", "ctx_prev_block_max_p", "ctx_next_block_max_p",
    "ctx_doc_mean_p", "ctx_doc_high_share", "ctx_log_high_run",
)
STACKED_NAMES = LINE_NAMES + CONTEXT_NAMES
# A line the first stage gives at least this is "high" for the run and share features:
# the span threshold lines are flagged at (garble.config.Config.span_threshold).
HIGH = 0.5


def line_blocks(doc: Document) -> list[int]:
    """The paragraph index of every line, in the order ``garble.features.line_features`` gives lines."""
    return [b.index for b in doc.blocks for _ in b.lines]


def _high_runs(high: np.ndarray) -> np.ndarray:
    """For each line, the length of the run of consecutive high lines through it (0 when low).

    >>> _high_runs(np.array([True, True, False, True])).tolist()
    [2.0, 2.0, 0.0, 1.0]
    """
    run = np.zeros(len(high))
    i = 0
    while i < len(high):
        if not high[i]:
            i += 1
            continue
        j = i
        while j < len(high) and high[j]:
            j += 1
        run[i:j] = j - i
        i = j
    return run


def context_features(probs: Sequence[float] | np.ndarray, blocks: Sequence[int]) -> np.ndarray:
    """The CONTEXT_NAMES columns for lines with first-stage ``probs`` in paragraphs ``blocks``.

    >>> X = context_features([0.9, 0.8, 0.1], [0, 0, 1])
    >>> X.shape, X[0, 1:5].tolist(), X[2, 5:9].round(2).tolist()
    ((3, 12), [0.0, 0.0, 0.8, 0.1], [0.1, 0.1, 0.9, 0.0])
    """
    p = np.asarray(probs, dtype=float)
    n = len(p)
    if not n:
        return np.zeros((0, len(CONTEXT_NAMES)))
    b = np.asarray(blocks)
    pad = np.concatenate([[0.0, 0.0], p, [0.0, 0.0]])
    if (b[1:] >= b[:-1]).all():  # each paragraph's lines together, in order, as line_blocks gives them
        bmax, bmean, k = _contiguous_blocks(p, b)
    else:
        bmax, bmean, k = _any_blocks(p, b)
    prev_bmax = np.where(k > 0, bmax[np.maximum(k - 1, 0)], 0.0)
    next_bmax = np.where(k + 1 < len(bmax), bmax[np.minimum(k + 1, len(bmax) - 1)], 0.0)
    high = p >= HIGH
    return np.column_stack([
        p, pad[1 : n + 1], pad[0:n], pad[3 : n + 3], pad[4 : n + 4],
        bmax[k], bmean[k], prev_bmax, next_bmax,
        np.full(n, p.mean()), np.full(n, high.mean()), np.log1p(_high_runs(high)),
    ])


def _any_blocks(p: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each paragraph's max and mean of ``p`` (paragraphs in order of first appearance in ``b``), and each
    line's paragraph number in that order."""
    order = list(dict.fromkeys(b.tolist()))  # paragraphs in order
    pos = {u: i for i, u in enumerate(order)}
    # Each paragraph's lines, in their order, from one stable sort: p[b == u] per paragraph was
    # quadratic (100,000 one-word paragraphs, benchmarks/growth.py); same values, same order.
    idx = np.argsort(b, kind="stable")
    cuts = np.flatnonzero(b[idx][1:] != b[idx][:-1]) + 1
    lines = {b[g[0]].item(): p[g] for g in np.split(idx, cuts)}
    bmax = np.array([lines[u].max() for u in order])
    bmean = np.array([lines[u].mean() for u in order])
    return bmax, bmean, np.array([pos[u] for u in b.tolist()])


def _contiguous_blocks(p: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_any_blocks`` for a sorted ``b`` (each paragraph's lines together), the same numbers without a
    numpy call per paragraph: most paragraphs are one line (context_features 0.18 -> 0.05 ms a
    document on the *-body-test files, 0.41 -> 0.06 ms with the page-test files, min of 5).

    >>> p, b = np.array([0.1, 0.2, 0.3, 0.4, 0.9, 0.5]), np.array([0, 2, 2, 5, 5, 5])
    >>> [x.tolist() == y.tolist() for x, y in zip(_contiguous_blocks(p, b), _any_blocks(p, b))]
    [True, True, True]
    """
    starts = np.flatnonzero(np.concatenate(([True], b[1:] != b[:-1])))
    counts = np.diff(np.append(starts, len(b)))
    bmax = np.maximum.reduceat(p, starts)
    # a sum of one or two values is the one np.mean adds; longer sums np.mean adds in its own order
    bmean = np.add.reduceat(p, starts) / counts
    for i in np.flatnonzero(counts > 2):
        bmean[i] = p[starts[i] : starts[i] + counts[i]].mean()
    return bmax, bmean, np.repeat(np.arange(len(starts)), counts)


def stacked(X: np.ndarray, probs: np.ndarray, blocks: Sequence[int]) -> np.ndarray:
    """The context model's input: the line features with the context columns appended."""
    return np.hstack([X, context_features(probs, blocks)])


@cache
def load_context_path(path: str) -> TreeModel | None:
    """The context model beside a first-stage weights file (``model.json`` -> ``model.context.json``)."""
    beside = sibling(path, CONTEXT_KIND)
    if not beside.is_file():
        return None
    return load(read_weights(beside, "context model"), str(beside), STACKED_NAMES)


@cache
def shipped_context() -> TreeModel | None:
    """The shipped context model (``garble/data/model.context.json``), or None when there is none."""
    return load_context_path(shipped_path())
