"""Scoring boosted tree ensembles with numpy: the engine behind ``TreeModel.predict_proba``.

``garble.classifier`` reads and checks the weights files; this module turns their flat node arrays
into something fast to score: the trees of one or more ensembles combined into one set of arrays
(``Arrays``), stepped level by level deepest tree first, or, when every tree is small enough,
scored without a walk from bit masks (``Masks``, QuickScorer). Both give the same leaves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from garble.classifier import TreeModel

# Rows scored at once. The (rows x trees) node matrices of 300 trees grew past the CPU
# caches and to GBs on a text of 100,000 one-word lines (t(2N)/t(N) = 3.2 at 80,000 rows,
# benchmarks/growth.py); 2,048 rows keep each matrix at ~5 MB.
CHUNK_ROWS = 2048


@dataclass(frozen=True, slots=True)
class Group:
    """One ensemble's trees (``first`` to ``end`` in the combined arrays' own tree order) and its calibration."""

    first: int
    end: int
    baseline: float
    scale: float
    shift: float


@dataclass(frozen=True, slots=True)
class Arrays:
    """One or more ensembles' trees, scored in a single walk (the label head's five at once).

    The trees are stepped deepest first: at level ``k`` only the first ``levels[k]`` trees
    can still be above a leaf, so shallow trees stop early (2,256 instead of 3,300
    tree-steps a row for the shipped line model). CPU time on l3s-gn1-body-test, against
    one walk per ensemble over every level: line model -5 %, context model -18 %, label
    head (five ensembles in one walk) -19 %.

    A walk holds ``2 * node`` rather than ``node``, with each node's feature and threshold
    stored twice (at ``2 * i`` and ``2 * i + 1``), so a step is ``child2[at + go_left]`` with no
    multiplication, and every gather is ``ndarray.take``: the line model's scoring of 120
    l3s-gn1-body-test documents took 33 instead of 43 ms (median of 5), with the same leaves.
    """

    roots2: np.ndarray  # 2 * each tree's root, deepest tree first
    levels: tuple[int, ...]  # levels[k]: how many trees (a prefix of roots) still step at level k
    unsort: np.ndarray  # roots2[unsort] is the trees' own order
    feature2: np.ndarray  # feature2[2 * i] = feature2[2 * i + 1] = node i's feature; a leaf's is 0 (read, never used)
    threshold2: np.ndarray  # node i's threshold, twice likewise
    child2: np.ndarray  # child2[2 * i + 1] = 2 * left[i], child2[2 * i] = 2 * right[i]; a leaf's both are 2 * i
    value: np.ndarray
    groups: tuple[Group, ...]
    masks: Masks | None  # the same trees for a walk-free scoring, when every tree has at most LEAF_BITS leaves

    def predict(self, X: np.ndarray) -> list[np.ndarray]:
        """Each group's probabilities for the rows of ``X``."""
        if not len(X):
            return [np.zeros(0) for _ in self.groups]
        chunk = CHUNK_ROWS if self.masks is None else MASK_ROWS
        if len(X) > chunk:  # bounded memory, linear time: see CHUNK_ROWS
            parts = [self.predict(X[i : i + chunk]) for i in range(0, len(X), chunk)]
            return [np.concatenate([p[g] for p in parts]) for g in range(len(self.groups))]
        X = np.ascontiguousarray(X, dtype=float)
        leaves = self._walk(X) if self.masks is None else self.masks.leaves(X)
        out = []
        for g in self.groups:
            raw = g.baseline + np.ascontiguousarray(leaves[:, g.first : g.end]).sum(axis=1)
            out.append(1.0 / (1.0 + np.exp(-(g.scale * raw + g.shift))))
        return out

    def _walk(self, X: np.ndarray) -> np.ndarray:
        """The value of the leaf each row of ``X`` reaches in each tree, (rows x trees) in the trees' own order."""
        flat = X.ravel()
        row_start = np.arange(len(X)) * X.shape[1]
        twice = np.repeat(self.roots2[:, None], len(X), axis=1)  # 2 * node, (trees x rows), deepest tree first
        feature2, threshold2, child2 = self.feature2, self.threshold2, self.child2
        for k in self.levels:
            at = twice[:k]
            cell = feature2.take(at)
            cell += row_start
            at += flat.take(cell) <= threshold2.take(at)  # 2 * node + go_left, in place
            twice[:k] = child2.take(at)
        # (rows x trees) in the trees' own order, contiguous: the same sums, bit for bit, as before
        leaves: np.ndarray = self.value[np.ascontiguousarray((twice >> 1)[self.unsort].T)]
        return leaves


# Leaves a tree may have for Masks: one bit each in a uint16 (``garble train`` grows at most 15).
LEAF_BITS = 16
# Rows Masks scores at once: its (rows x trees * slots) matrices of the shipped models' 900 trees of up to
# 14 tests stay near 1.6 MB (bool) and 3.2 MB (uint16), closer to the CPU caches than 256 rows' (the line model's
# leaves of the 8,235 *-body-test lines at once: 88.9 -> 85.3 ms CPU, min of 5; 64 rows gave 85.1, 512 102.7).
MASK_ROWS = 128


@cache
def _lowest_bit() -> np.ndarray:
    """The index of the lowest set bit of every uint16 (0 for 0, which Masks never looks up)."""
    table = np.zeros(1 << LEAF_BITS, dtype=np.intp)
    for bit in range(LEAF_BITS):  # the numbers whose lowest set bit is ``bit``: 2**bit + k * 2**(bit + 1)
        table[1 << bit :: 2 << bit] = bit
    return table


@dataclass(frozen=True, slots=True)
class Masks:
    """Trees scored without a walk, as QuickScorer does (Lucchese et al., SIGIR 2015).

    Number each tree's leaves left to right. A test a row fails (``x > threshold``: the row
    goes right) rules out every leaf of the test's left subtree; the leaf the row reaches is
    the leftmost one no failed test rules out, since every leaf left of it lies in the left
    subtree of a test on its path that the row failed. So each test is a bit mask over its
    tree's leaves, and a row's leaf in a tree is the lowest bit no test it fails rules out (the
    complement of the OR of those tests' left-subtree bits): a few numpy passes over (rows x tests)
    instead of a step per level.
    The same leaves as the walk, and so the same sums. The shipped line model's leaves for 1, 25
    and 256 rows took 13, 175 and 1,978 us against the walk's 61, 287 and 2,522 (CPU, min of 5),
    before each distinct test was compared once and np.where gave way to an OR (below).
    """

    # The distinct (feature, threshold) tests, each compared once: many trees share a test (the shipped
    # line model's 4,200 are 1,560), and 25 rows of it took 100 instead of 136 us (CPU, min of 3).
    feature: np.ndarray
    threshold: np.ndarray  # a column, (distinct tests x 1)
    # Each tree's tests, slot-major: slot j of tree t at j * trees + t (trees in their own order), a
    # tree of fewer tests padded; (tests x rows) matrices then AND as ``slots`` contiguous slabs.
    test: np.ndarray  # the distinct test at each slot
    ruled_out: np.ndarray  # uint16 column: the bits of the test's left subtree's leaves; a padding slot's is none
    slots: int
    leaf_value: np.ndarray  # the value of tree t's r-th leaf from the left at t * LEAF_BITS + r

    def leaves(self, X: np.ndarray) -> np.ndarray:
        """The value of the leaf each row of ``X`` reaches in each tree, (rows x trees) in the trees' own order."""
        n, trees = len(X), len(self.leaf_value) // LEAF_BITS
        failed = ~(np.ascontiguousarray(X.T).take(self.feature, axis=0) <= self.threshold)  # NaN fails: goes right
        # the leaves each failed test rules out, none where it is passed: one product over (tests x rows), where
        # keeping all bits but those (an AND-reduce of "mask | passed * all bits") took a product and an OR.
        # The same survivors, bit for bit; the line model's leaves of 256 *-body-test lines 3.4 -> 3.2 ms CPU
        # (min of 15, three interleaved runs). np.where broadcast over a short row axis cost ~3x more.
        ruled = failed.take(self.test, axis=0) * self.ruled_out
        survivors = ~np.bitwise_or.reduce(ruled.reshape(self.slots, trees, n), axis=0)
        rank = _lowest_bit().take(survivors)
        rank += np.arange(0, trees * LEAF_BITS, LEAF_BITS)[:, None]
        return np.ascontiguousarray(self.leaf_value.take(rank).T)


def _masks(left: np.ndarray, right: np.ndarray, feature: np.ndarray, threshold: np.ndarray, value: np.ndarray,
           roots: np.ndarray) -> Masks | None:
    """The Masks of the trees at ``roots`` (their own order), or None when a tree has more than LEAF_BITS leaves."""
    leaf = left < 0
    tree = np.zeros(len(left), dtype=np.intp)
    frontiers = []  # the nodes of each level, roots first
    nodes, trees = roots, np.arange(len(roots))
    while len(nodes):
        frontiers.append(nodes)
        tree[nodes] = trees
        inner = ~leaf[nodes]
        nodes, trees = nodes[inner], trees[inner]
        nodes, trees = np.concatenate([left[nodes], right[nodes]]), np.concatenate([trees, trees])
    count = leaf.astype(np.int64)  # leaves under each node, bottom up
    for nodes in reversed(frontiers):
        inner = nodes[~leaf[nodes]]
        count[inner] = count[left[inner]] + count[right[inner]]
    if count[roots].max(initial=0) > LEAF_BITS:
        return None
    first = np.zeros(len(left), dtype=np.int64)  # the left-to-right number of each node's first leaf, top down
    for nodes in frontiers:
        inner = nodes[~leaf[nodes]]
        first[left[inner]] = first[inner]
        first[right[inner]] = first[inner] + count[left[inner]]
    reached = np.concatenate(frontiers) if frontiers else np.zeros(0, dtype=np.intp)
    leaves, inner = reached[leaf[reached]], np.sort(reached[~leaf[reached]])
    leaf_value = np.zeros(len(roots) * LEAF_BITS)
    leaf_value[tree[leaves] * LEAF_BITS + first[leaves]] = value[leaves]
    inner = inner[np.argsort(tree[inner], kind="stable")]  # grouped by tree
    per_tree = np.bincount(tree[inner], minlength=len(roots))
    slots = max(int(per_tree.max(initial=0)), 1)
    # each test's place among its tree's tests
    place = np.arange(len(inner)) - np.repeat(np.cumsum(per_tree) - per_tree, per_tree)
    at = place * len(roots) + tree[inner]
    out_feature = np.zeros(len(roots) * slots, dtype=np.intp)
    out_threshold = np.zeros(len(roots) * slots)
    out_ruled = np.zeros(len(roots) * slots, dtype=np.uint16)
    out_feature[at], out_threshold[at] = feature[inner], threshold[inner]
    lo, hi = first[left[inner]], first[left[inner]] + count[left[inner]]
    out_ruled[at] = (1 << hi) - (1 << lo)
    # the distinct (feature, threshold) tests, from one sort (np.unique over rows cost a cold start ~2 ms a model)
    order = np.lexsort((out_threshold, out_feature))
    feature_s, threshold_s = out_feature[order], out_threshold[order]
    first_of = np.concatenate(([True], (feature_s[1:] != feature_s[:-1]) | (threshold_s[1:] != threshold_s[:-1])))
    test = np.empty(len(order), dtype=np.intp)
    test[order] = np.cumsum(first_of) - 1
    return Masks(feature_s[first_of], threshold_s[first_of][:, None], test, out_ruled[:, None], slots, leaf_value)


def tree_depths(left: np.ndarray, roots: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Levels from each root to its deepest leaf, all trees stepped at once."""
    depths = np.zeros(len(roots), dtype=np.int64)
    nodes, trees, level = roots, np.arange(len(roots)), 0
    while len(nodes):
        inner = left[nodes] >= 0  # nodes with children: their trees reach one level further
        nodes, trees, level = nodes[inner], trees[inner], level + 1
        depths[trees] = level
        nodes, trees = np.concatenate([left[nodes], right[nodes]]), np.concatenate([trees, trees])
    return depths


def _combined(models: Sequence[TreeModel]) -> Arrays:
    """The flat arrays of ``models``' trees, nodes and roots of each model shifted past the ones before."""
    bases = np.cumsum([0, *(len(m.left) for m in models)])[:-1]

    def shifted(children: list[tuple[int, ...]]) -> np.ndarray:
        arrays = [np.array(c, dtype=np.int64) for c in children]
        return np.concatenate([np.where(c >= 0, c + base, c) for c, base in zip(arrays, bases)])

    left_a, right_a = shifted([m.left for m in models]), shifted([m.right for m in models])
    roots = np.concatenate([np.array(m.roots, dtype=np.int64) + base for m, base in zip(models, bases)])
    groups, first = [], 0
    for m in models:
        groups.append(Group(first, first + len(m.roots), m.baseline, m.scale, m.shift))
        first += len(m.roots)
    depths = tree_depths(left_a, roots, right_a)
    order = np.argsort(-depths, kind="stable")  # deepest first; ties keep their order
    leaf = left_a < 0
    nodes = np.arange(len(left_a))
    child = np.empty(2 * len(left_a), dtype=np.int64)
    child[0::2] = np.where(leaf, nodes, right_a)
    child[1::2] = np.where(leaf, nodes, left_a)
    levels = tuple(int((depths > k).sum()) for k in range(int(depths.max(initial=0))))
    feature = np.concatenate([np.array(m.feature, dtype=np.int64) for m in models])
    threshold = np.concatenate([np.array(m.threshold, dtype=float) for m in models])
    value = np.concatenate([np.array(m.value, dtype=float) for m in models])
    return Arrays(
        2 * roots[order], levels, np.argsort(order),
        np.repeat(np.where(leaf, 0, feature), 2), np.repeat(threshold, 2), 2 * child, value, tuple(groups),
        _masks(left_a, right_a, feature, threshold, value, roots),
    )


# ids of the models -> (models, arrays): hashing a TreeModel hashes every node tuple, which
# cost more than scoring a document; the models are kept so their ids are never reused.
_BY_ID: dict[tuple[int, ...], tuple[tuple[TreeModel, ...], Arrays]] = {}


def arrays(*models: TreeModel) -> Arrays:
    key = tuple(map(id, models))
    entry = _BY_ID.get(key)
    if entry is None or any(a is not b for a, b in zip(entry[0], models)):
        entry = _BY_ID[key] = (models, _combined(models))
    return entry[1]


def predict_all(models: Sequence[TreeModel], X: np.ndarray) -> list[np.ndarray]:
    """Each model's ``predict_proba(X)``, with all their trees walked at once.

    >>> from garble.classifier import TreeModel
    >>> stump = TreeModel(("a",), 0.0, 1.0, 0.0, (0,), (0, -1, -1), (0.5, 0, 0),
    ...                   (1, -1, -1), (2, -1, -1), (0.0, -3.0, 3.0))
    >>> [p.round(3).tolist() for p in predict_all([stump, stump], np.array([[0.0], [1.0]]))]
    [[0.047, 0.953], [0.047, 0.953]]
    """
    return arrays(*models).predict(np.asarray(X, dtype=float))
