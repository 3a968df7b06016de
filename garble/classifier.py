"""Stage 4: feature vectors -> probability that a line is damage, with the shipped trees and numpy only.

The model is a boosted tree ensemble trained by ``garble.train`` (scikit-learn) and
exported to plain JSON: a header ``{format, version, feature_names}`` that is checked
on load, then every tree's nodes as flat arrays. No pickle; scoring (``garble.trees``)
never imports scikit-learn. This module reads, checks and writes the files.

Version 2 writes each node array packed, ``{"int32": BASE64}`` or ``{"float64": BASE64}`` (little-endian
bytes), instead of a JSON list: parsing two shipped models' lists of ~27,000 numbers took ~45 of a cold
start's ~450 ms. A list is still read (version 1 files, hand edits), and a packed array is checked as one.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from garble.features import LINE_NAMES
from garble.trees import arrays

MODEL_FORMAT = "garble-line-trees"
MODEL_VERSION = 2
MODEL_VERSIONS = (1, 2)  # the versions this garble reads: 1 wrote node arrays as JSON lists
# The packed form of each node array (version 2): numpy dtype by key.
PACKED = {"int32": "<i4", "float64": "<f8"}
INT_ARRAYS = ("roots", "feature", "left", "right")
FLOAT_ARRAYS = ("threshold", "value")
MODEL_FILE = "model.json"
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
        return arrays(self).predict(np.asarray(X, dtype=float))[0]


def dump(model: TreeModel) -> str:
    """The model as JSON text, header first."""
    return json.dumps(to_dict(model), separators=(",", ":")) + "\n"


def pack(values: Sequence[float] | Sequence[int], kind: str) -> dict[str, str]:
    """A node array packed for a version 2 weights file: ``{kind: base64 of its little-endian bytes}``.

    >>> pack([1, -1], "int32"), unpack(pack([0.5, -3.0], "float64"), "value", "x.json").tolist()
    ({'int32': 'AQAAAP////8='}, [0.5, -3.0])
    """
    array = np.asarray(values, dtype=PACKED[kind])
    if kind == "int32" and not np.array_equal(array, np.asarray(values, dtype=np.int64)):
        raise ValueError("a node index does not fit in 32 bits")
    return {kind: base64.b64encode(array.tobytes()).decode("ascii")}


def unpack(value: Any, key: str, source: str) -> Any:
    """A packed node array as a numpy array (its dtype is checked by its packing); anything else as it is,
    for ``_check_trees`` to judge."""
    if not (isinstance(value, dict) and len(value) == 1):
        return value
    (kind, text), = value.items()
    if kind not in PACKED or not isinstance(text, str):
        raise ModelError(f"{source}: {key} is packed as {kind!r}, not one of {sorted(PACKED)}; "
                         "the weights file is damaged or was edited by hand")
    size = np.dtype(PACKED[kind]).itemsize
    try:
        raw = binascii.a2b_base64(text, strict_mode=True)
    except (binascii.Error, ValueError):
        raw = b"\x00"  # not base64: the length check below refuses it
    if len(raw) % size:
        raise ModelError(f"{source}: {key} is not whole {kind} values in base64; "
                         "the weights file is damaged or was edited by hand")
    return np.frombuffer(raw, dtype=PACKED[kind])


def to_dict(model: TreeModel) -> dict[str, Any]:
    """The model as the JSON object ``dump`` writes and ``from_dict`` reads (node arrays packed)."""
    return {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "feature_names": list(model.feature_names),
        "meta": dict(sorted(model.meta)),  # as ``from_dict`` holds it: a retrain and a re-dump write the same bytes
        "baseline": model.baseline,
        "scale": model.scale,
        "shift": model.shift,
        **{key: pack(getattr(model, key), "int32") for key in INT_ARRAYS},
        **{key: pack(getattr(model, key), "float64") for key in FLOAT_ARRAYS},
    }


def sibling(path: str | Path, kind: str) -> Path:
    """The file of another stage beside a first-stage weights file: ``model.json`` -> ``model.<kind>.json``.

    >>> sibling("weights/model.json", "context").as_posix()
    'weights/model.context.json'
    """
    return Path(path).with_name(f"{Path(path).stem}.{kind}.json")


def read_weights(path: str | Path, what: str = "weights file") -> str:
    """The text of a weights file; a ModelError naming it (and saying it is the ``what``) when unreadable."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ModelError(f"{path}: cannot read the {what} ({err})") from None


def parse_json(text: str, source: str, what: str = "weights file") -> Any:
    """Parsed JSON of a weights file; a ModelError naming ``source`` when the text is not JSON."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:  # json.JSONDecodeError, or nesting too deep to parse
        raise ModelError(f"{source}: not valid JSON ({err}); the {what} is truncated or corrupted") from None


def check_header(data: Any, source: str, fmt: str, version: int | tuple[int, ...]) -> dict[str, Any]:
    """``data`` when it is a JSON object of format ``fmt`` and ``version`` (or one of several); else a
    ModelError naming ``source``.

    >>> check_header({"format": "a", "version": 2}, "x.json", "a", 1)
    Traceback (most recent call last):
    garble.classifier.ModelError: x.json: version is 2, this garble reads 1
    """
    if not isinstance(data, dict) or data.get("format") != fmt:
        got = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise ModelError(f"{source}: format is {got!r}, expected {fmt!r}")
    versions = version if isinstance(version, tuple) else (version,)
    if data.get("version") not in versions or isinstance(data.get("version"), bool):
        reads = " or ".join(map(str, versions))
        raise ModelError(f"{source}: version is {data.get('version')!r}, this garble reads {reads}")
    return data


def shipped_path() -> str:
    """The path of the first-stage weights shipped in the package (the other stages' files sit beside it)."""
    return str(files("garble") / "data" / MODEL_FILE)


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
    return from_dict(parse_json(text, source), source, feature_names)


def from_dict(data: Any, source: str = "<dict>", feature_names: tuple[str, ...] = LINE_NAMES) -> TreeModel:
    """A model from parsed JSON (``load``'s checks, without parsing the text again)."""
    data = check_header(data, source, MODEL_FORMAT, MODEL_VERSIONS)
    data = {**data, **{key: unpack(data.get(key), key, source) for key in (*INT_ARRAYS, *FLOAT_ARRAYS)}}
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
        tuple(_numbers(data["roots"], int)), tuple(_numbers(data["feature"], int)),
        tuple(_numbers(data["threshold"], float)), tuple(_numbers(data["left"], int)),
        tuple(_numbers(data["right"], int)), tuple(_numbers(data["value"], float)),
        tuple(sorted((str(k), str(v)) for k, v in data.get("meta", {}).items())),
    )


def _numbers(values: Any, kind: type) -> list[Any]:
    """A node array's Python numbers: a packed one's as they are, a JSON list's as ``kind`` (JSON writes 0.0 as 0)."""
    if isinstance(values, np.ndarray):
        numbers: list[Any] = values.tolist()
        return numbers
    return list(map(kind, values))


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
    for key in (*INT_ARRAYS, *FLOAT_ARRAYS):
        items = data.get(key)
        whole = key in INT_ARRAYS
        if isinstance(items, np.ndarray):  # packed: its dtype is right, and a float must still be finite
            if not whole and not np.isfinite(items).all():
                raise fail(f"{key} is not a list of finite numbers")
            continue
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
    roots = np.asarray(data["roots"])
    if not len(roots) or not ((roots >= 0) & (roots < n)).all():
        raise fail(f"roots must be node indices in 0..{n - 1}, got {roots[:5].tolist()}")
    # every node at once (a loop over ~27,000 nodes was 10 ms of each model's load); the first faulty node
    # is reported, its children before its feature
    lefts, rights, features, at = np.asarray(left), np.asarray(right), np.asarray(feature), np.arange(n)
    inner = (lefts != -1) | (rights != -1)
    bad_children = inner & ~((at < lefts) & (lefts < n) & (at < rights) & (rights < n))
    bad_feature = inner & ~((features >= 0) & (features < n_features))
    if (faulty := np.flatnonzero(bad_children | bad_feature)).size:
        i = int(faulty[0])
        if bad_children[i]:
            raise fail(f"node {i} has children {left[i]}, {right[i]}; they must come after it and be below {n}")
        raise fail(f"node {i} tests feature {feature[i]}, outside 0..{n_features - 1}")


@cache
def load_path(path: str) -> TreeModel:
    """A model from a weights file (cached per path); ModelError names the file and the fault."""
    return load(read_weights(path), path)


@cache
def shipped_model() -> TreeModel | None:
    """The weights shipped in ``garble/data/model.json``, or None when the package has none."""
    path = shipped_path()
    return load_path(path) if Path(path).is_file() else None
