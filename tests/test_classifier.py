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
