"""garble.classifier: JSON weights with a checked header, scored with numpy only."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from importlib.resources import files

import numpy as np
import pytest

from garble.classifier import MODEL_FILE, ModelError, TreeModel, dump, load, shipped_model
from garble.features import LINE_NAMES


def tiny_model() -> TreeModel:
    n = len(LINE_NAMES)
    return TreeModel(LINE_NAMES, -0.5, 1.0, 0.0, (0, 3), (0, -1, -1, n - 1, -1, -1),
                     (1.5, 0.0, 0.0, 0.25, 0.0, 0.0), (1, -1, -1, 4, -1, -1), (2, -1, -1, 5, -1, -1),
                     (0.0, -1.0, 2.0, 0.0, -0.5, 0.5), (("trained_on", "nothing"),))


def test_load_dump_round_trip() -> None:
    model = tiny_model()
    assert load(dump(model)) == model


def test_trees_are_walked_to_the_right_leaves() -> None:
    X = np.zeros((2, len(LINE_NAMES)))
    X[1, 0] = 2.0
    X[1, -1] = 1.0
    raw = np.array([-0.5 - 1.0 - 0.5, -0.5 + 2.0 + 0.5])
    assert np.allclose(tiny_model().predict_proba(X), 1 / (1 + np.exp(-raw)))


@pytest.mark.parametrize(("change", "message"), [
    ({"format": "npz"}, "format is 'npz'"),
    ({"version": 99}, "version is 99"),
    ({"feature_names": list(LINE_NAMES[:-1])}, "feature_names do not match"),
    ({"feature_names": list(reversed(LINE_NAMES))}, "order differs: True"),
])
def test_a_bad_header_is_refused_naming_the_file(change: dict[str, object], message: str) -> None:
    data = json.loads(dump(tiny_model()))
    data.update(change)
    with pytest.raises(ModelError, match="weights.json") as err:
        load(json.dumps(data), "weights.json")
    assert message in str(err.value)


def test_matches_scikit_learn_on_a_fitted_ensemble() -> None:
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    from garble.train import export

    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, len(LINE_NAMES)))
    y = (X[:, 0] + X[:, 5] * X[:, 7] > 0.2).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(X, y)
    model = dataclasses.replace(export(clf), scale=1.0, shift=0.0)
    assert np.allclose(model.predict_proba(X), clf.predict_proba(X)[:, 1])


def test_shipped_model_loads_and_stays_small() -> None:
    assert (files("garble") / "data" / MODEL_FILE).is_file()
    assert len((files("garble") / "data" / MODEL_FILE).read_bytes()) < 2_000_000
    model = shipped_model()
    assert model is not None and model.feature_names == LINE_NAMES


def test_import_and_scan_do_not_import_scikit_learn() -> None:
    code = ("import sys, garble; garble.scan('Read more:\\n\\nThe minister said talks would resume.'); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tree_depths_are_the_levels_to_each_trees_deepest_leaf() -> None:
    # _combined orders trees deepest first and stops shallow ones early: check the depths it uses
    # against a recursive walk of every shipped tree, and on a lone leaf and a lopsided tree
    from garble.classifier import _tree_depths

    def depth(left: tuple[int, ...], right: tuple[int, ...], i: int) -> int:
        return 0 if left[i] < 0 else 1 + max(depth(left, right, left[i]), depth(left, right, right[i]))

    model = shipped_model()
    assert model is not None
    got = _tree_depths(np.array(model.left), np.array(model.roots), np.array(model.right)).tolist()
    assert got == [depth(model.left, model.right, r) for r in model.roots]
    # a leaf (node 0), and a tree whose left child is a leaf and right child has two leaves (nodes 1-5)
    left, right = np.array([-1, 2, -1, 4, -1, -1]), np.array([-1, 3, -1, 5, -1, -1])
    assert _tree_depths(left, np.array([0, 1]), right).tolist() == [0, 2]


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
    from garble.classifier import _arrays

    if model is None:
        pytest.skip("no shipped model")
    arrays = _arrays(model)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, len(model.feature_names))) * 20
    X[rng.random(X.shape) < 0.05] = np.nan  # NaN fails every test and goes right, both ways
    if len(model.roots) == 1 and len(model.left) > 2 * 16:
        assert arrays.masks is None  # more leaves than LEAF_BITS: the walk scores it
    else:
        assert arrays.masks is not None and np.array_equal(arrays.masks.leaves(X), arrays._walk(X))
    assert np.array_equal(model.predict_proba(X), model.predict_proba(X[::-1])[::-1])
