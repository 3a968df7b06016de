"""Stage 4: feature vectors -> probability that a line is damage, with the shipped trees and numpy only.

The model is a boosted tree ensemble trained by ``garble.train`` (scikit-learn) and
exported to plain JSON: a header ``{format, version, feature_names}`` that is checked
on load, then every tree's nodes as flat arrays. No pickle; scoring never imports
scikit-learn.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from garble.features import LINE_NAMES

MODEL_FORMAT = "garble-line-trees"
MODEL_VERSION = 1
MODEL_FILE = "model.json"
# Rows scored at once. The (rows x trees) node matrices of 300 trees grew past the CPU
# caches and to GBs on a text of 100,000 one-word lines (t(2N)/t(N) = 3.2 at 80,000 rows,
# benchmarks/growth.py); 2,048 rows keep each matrix at ~5 MB.
CHUNK_ROWS = 2048


class ModelError(ValueError):
    """A weights file that cannot be used: wrong format, version or feature set."""


@dataclass(frozen=True, slots=True)
class TreeModel:
    """A boosted tree ensemble in flat arrays (all trees' nodes concatenated).

    A node ``i`` is a leaf when ``left[i] == -1``; then ``value[i]`` is its output.
    Otherwise a row goes to ``left[i]`` when ``x[feature[i]] <= threshold[i]``.
    ``roots`` holds each tree's root index. The raw score is ``baseline`` plus the
    sum of the leaves reached; the probability is ``sigmoid(scale * raw + shift)``
    (the calibration fitted by ``garble.train``).
    """

    feature_names: tuple[str, ...]
    baseline: float
    scale: float
    shift: float
    roots: tuple[int, ...]
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]
    meta: tuple[tuple[str, str], ...] = ()

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability of damage for each row of ``X`` (shape ``(n, len(feature_names))``).

        >>> stump = TreeModel(("a",), 0.0, 1.0, 0.0, (0,), (0, -1, -1), (0.5, 0, 0),
        ...                   (1, -1, -1), (2, -1, -1), (0.0, -3.0, 3.0))
        >>> stump.predict_proba(np.array([[0.0], [1.0]])).round(3).tolist()
        [0.047, 0.953]
        """
        return _arrays(self).predict(np.asarray(X, dtype=float))


@dataclass(frozen=True, slots=True)
class _Arrays:
    roots: np.ndarray
    feature: np.ndarray  # a leaf's is 0 (read, never used)
    threshold: np.ndarray
    child: np.ndarray  # child[2 * i + 1] = left[i], child[2 * i] = right[i]; a leaf's both are i
    depth: int  # levels from a root to its deepest leaf
    value: np.ndarray
    baseline: float
    scale: float
    shift: float

    def predict(self, X: np.ndarray) -> np.ndarray:
        """All trees at once: one (rows x trees) node matrix, stepped down ``depth`` levels
        (a leaf steps to itself, so no level needs to ask which rows are done)."""
        if not len(X):
            return np.zeros(0)
        if len(X) > CHUNK_ROWS:  # bounded memory, linear time: see CHUNK_ROWS
            return np.concatenate([self.predict(X[i : i + CHUNK_ROWS]) for i in range(0, len(X), CHUNK_ROWS)])
        X = np.ascontiguousarray(X, dtype=float)
        flat = X.ravel()
        row_start = (np.arange(len(X)) * X.shape[1])[:, None]
        node = np.broadcast_to(self.roots, (len(X), len(self.roots))).copy()
        for _ in range(self.depth):
            go_left = flat[row_start + self.feature[node]] <= self.threshold[node]
            node = self.child[2 * node + go_left]
        raw = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-(self.scale * raw + self.shift)))


def _depth(model: TreeModel) -> int:
    """Levels from a root to the deepest leaf over all trees."""
    deepest, level = 0, list(model.roots)
    while level := [c for i in level if model.left[i] >= 0 for c in (model.left[i], model.right[i])]:
        deepest += 1
    return deepest


@cache
def _arrays_cached(model: TreeModel) -> _Arrays:
    left, right = np.array(model.left, dtype=np.int64), np.array(model.right, dtype=np.int64)
    leaf = left < 0
    nodes = np.arange(len(left))
    child = np.empty(2 * len(left), dtype=np.int64)
    child[0::2] = np.where(leaf, nodes, right)
    child[1::2] = np.where(leaf, nodes, left)
    return _Arrays(
        np.array(model.roots, dtype=np.int64), np.where(leaf, 0, np.array(model.feature, dtype=np.int64)),
        np.array(model.threshold, dtype=float), child, _depth(model), np.array(model.value, dtype=float),
        model.baseline, model.scale, model.shift,
    )


# id(model) -> (model, arrays): hashing a TreeModel hashes every node tuple, which
# cost more than scoring a document; the model is kept so its id is never reused.
_BY_ID: dict[int, tuple[TreeModel, _Arrays]] = {}


def _arrays(model: TreeModel) -> _Arrays:
    entry = _BY_ID.get(id(model))
    if entry is None or entry[0] is not model:
        entry = _BY_ID[id(model)] = (model, _arrays_cached(model))
    return entry[1]


def dump(model: TreeModel) -> str:
    """The model as JSON text, header first."""
    return json.dumps(to_dict(model), separators=(",", ":")) + "\n"


def to_dict(model: TreeModel) -> dict[str, Any]:
    """The model as the JSON object ``dump`` writes and ``from_dict`` reads."""
    return {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "feature_names": list(model.feature_names),
        "meta": dict(model.meta),
        "baseline": model.baseline,
        "scale": model.scale,
        "shift": model.shift,
        "roots": list(model.roots),
        "feature": list(model.feature),
        "threshold": list(model.threshold),
        "left": list(model.left),
        "right": list(model.right),
        "value": list(model.value),
    }


def sibling(path: str | Path, kind: str) -> Path:
    """The file of another stage beside a first-stage weights file: ``model.json`` -> ``model.<kind>.json``.

    >>> sibling("weights/model.json", "context").as_posix()
    'weights/model.context.json'
    """
    return Path(path).with_name(f"{Path(path).stem}.{kind}.json")


def load(text: str, source: str = "<string>", feature_names: tuple[str, ...] = LINE_NAMES) -> TreeModel:
    """A model from JSON text; the header is checked against ``feature_names`` (this garble's LINE_NAMES).

    >>> load('{"format": "other"}', "x.json")
    Traceback (most recent call last):
    ...
    garble.classifier.ModelError: x.json: format is 'other', expected 'garble-line-trees'
    >>> load('{"format": "garble-line-', "cut.json")
    Traceback (most recent call last):
    ...
    garble.classifier.ModelError: cut.json: not valid JSON (Unterminated string starting at: line 1 column 12 (char 11)); \
the weights file is truncated or corrupted
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:  # json.JSONDecodeError, or nesting too deep to parse
        raise ModelError(f"{source}: not valid JSON ({err}); the weights file is truncated or corrupted") from None
    return from_dict(data, source, feature_names)


def from_dict(data: Any, source: str = "<dict>", feature_names: tuple[str, ...] = LINE_NAMES) -> TreeModel:
    """A model from parsed JSON (``load``'s checks, without parsing the text again)."""
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        got = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise ModelError(f"{source}: format is {got!r}, expected {MODEL_FORMAT!r}")
    if data.get("version") != MODEL_VERSION:
        raise ModelError(f"{source}: version is {data.get('version')!r}, this garble reads {MODEL_VERSION}")
    raw_names = data.get("feature_names", [])
    names = tuple(raw_names) if isinstance(raw_names, list) else ()
    if names != feature_names:
        missing = sorted(set(feature_names) - set(names))
        extra = sorted(set(names) - set(feature_names))
        raise ModelError(
            f"{source}: feature_names do not match this garble's feature set "
            f"(missing {missing[:5]}, unexpected {extra[:5]}, order differs: {not missing and not extra}); "
            "retrain with `garble train`"
        )
    _check_trees(data, source, len(names))
    return TreeModel(
        names, float(data["baseline"]), float(data["scale"]), float(data["shift"]),
        tuple(data["roots"]), tuple(data["feature"]), tuple(float(t) for t in data["threshold"]),
        tuple(data["left"]), tuple(data["right"]), tuple(float(v) for v in data["value"]),
        tuple(sorted((str(k), str(v)) for k, v in data.get("meta", {}).items())),
    )


def _check_trees(data: dict[str, Any], source: str, n_features: int) -> None:
    """Refuse damaged or hand-edited trees with a message naming ``source`` and the fault.

    Checked: numbers are finite (no NaN thresholds), the node arrays are lists of one
    length, node and feature indices are in range, and every child comes after its parent
    (as ``garble train`` writes them), so that walking a tree always reaches a leaf.
    """
    def fail(what: str) -> ModelError:
        return ModelError(f"{source}: {what}; the weights file is damaged or was edited by hand")

    def is_number(v: object) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    for key in ("baseline", "scale", "shift"):
        if not is_number(data.get(key)):
            raise fail(f"{key} is {data.get(key)!r}, not a finite number")
    for key in ("roots", "feature", "left", "right", "threshold", "value"):
        items = data.get(key)
        whole = key in ("roots", "feature", "left", "right")
        # is_number() on each item, with the types and finiteness checked by map() in C
        # (JSON numbers are exactly int or float): 2.6 instead of 6.6 ms a model at start-up
        if not isinstance(items, list) or not (set(map(type, items)) <= ({int} if whole else {int, float})
                                               and (whole or all(map(math.isfinite, items)))):
            raise fail(f"{key} is not a list of {'integers' if whole else 'finite numbers'}")
    if not isinstance(data.get("meta", {}), dict):
        raise fail("meta is not an object")
    feature, left, right = data["feature"], data["left"], data["right"]
    n = len(feature)
    for key in ("threshold", "left", "right", "value"):
        if len(data[key]) != n:
            raise fail(f"{key} has {len(data[key])} entries, feature has {n}")
    if not data["roots"] or not all(0 <= r < n for r in data["roots"]):
        raise fail(f"roots must be node indices in 0..{n - 1}, got {data['roots'][:5]}")
    for i in range(n):
        if left[i] == -1 and right[i] == -1:
            continue
        if not (i < left[i] < n and i < right[i] < n):
            raise fail(f"node {i} has children {left[i]}, {right[i]}; they must come after it and be below {n}")
        if not 0 <= feature[i] < n_features:
            raise fail(f"node {i} tests feature {feature[i]}, outside 0..{n_features - 1}")


@cache
def load_path(path: str) -> TreeModel:
    """A model from a weights file (cached per path); ModelError names the file and the fault."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ModelError(f"{path}: cannot read the weights file ({err})") from None
    return load(text, path)


@cache
def shipped_model() -> TreeModel | None:
    """The weights shipped in ``garble/data/model.json``, or None when the package has none."""
    resource = files("garble") / "data" / MODEL_FILE
    if not resource.is_file():
        return None
    return load(resource.read_text(encoding="utf-8"), str(resource))
