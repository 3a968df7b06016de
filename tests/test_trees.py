"""garble.trees: the numpy scoring engine reaches the leaves a plain walk of each tree reaches."""

from __future__ import annotations

import numpy as np
import pytest

from garble.classifier import TreeModel, shipped_model
from garble.trees import arrays, tree_depths


def test_tree_depths_are_the_levels_to_each_trees_deepest_leaf() -> None:
    # the trees are stepped deepest first, shallow ones stopping early: check the depths that uses
    # against a recursive walk of every shipped tree, and on a lone leaf and a lopsided tree
    def depth(left: tuple[int, ...], right: tuple[int, ...], i: int) -> int:
        return 0 if left[i] < 0 else 1 + max(depth(left, right, left[i]), depth(left, right, right[i]))

    model = shipped_model()
    assert model is not None
    got = tree_depths(np.array(model.left), np.array(model.roots), np.array(model.right)).tolist()
    assert got == [depth(model.left, model.right, r) for r in model.roots]
    # a leaf (node 0), and a tree whose left child is a leaf and right child has two leaves (nodes 1-5)
    left, right = np.array([-1, 2, -1, 4, -1, -1]), np.array([-1, 3, -1, 5, -1, -1])
    assert tree_depths(left, np.array([0, 1]), right).tolist() == [0, 2]


def chain_tree(depth: int) -> TreeModel:
    """One tree of ``depth`` tests on feature 0, each sending larger values right: ``depth + 1`` leaves."""
    feature, threshold, left, right, value = [], [], [], [], []
    for k in range(depth):  # node 2k tests, its left child 2k + 1 is a leaf, its right child the next test
        feature += [0, 0]
        threshold += [float(k), 0.0]
        left += [2 * k + 1, -1]
        right += [2 * k + 2, -1]
        value += [0.0, float(k)]
    feature, threshold, left, right, value = feature + [0], threshold + [0.0], left + [-1], right + [-1], value + [99.0]
    return TreeModel(("a",), 0.0, 1.0, 0.0, (0,), tuple(feature), tuple(threshold), tuple(left), tuple(right),
                     tuple(value))


@pytest.mark.parametrize("model", [shipped_model(), chain_tree(15), chain_tree(16)], ids=["shipped", "16", "17"])
def test_the_leaf_masks_reach_the_walks_leaves(model: TreeModel | None) -> None:
    if model is None:
        pytest.skip("no shipped model")
    combined = arrays(model)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, len(model.feature_names))) * 20
    X[rng.random(X.shape) < 0.05] = np.nan  # NaN fails every test and goes right, both ways
    if len(model.roots) == 1 and len(model.left) > 2 * 16:
        assert combined.masks is None  # more leaves than LEAF_BITS: the walk scores it
    else:
        assert combined.masks is not None and np.array_equal(combined.masks.leaves(X), combined._walk(X))
    assert np.array_equal(model.predict_proba(X), model.predict_proba(X[::-1])[::-1])
