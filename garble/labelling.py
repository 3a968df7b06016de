"""Stage 4c: which kind of damage a line the classifier flags on its own is.

Signal hits carry their own label. A line flagged only by the classifier used to be
called boilerplate; the label head, one boosted-tree ensemble per label trained by
``garble.train`` on the damaged lines of the training documents, names it instead
(a related-headline line, a teaser link, a repeated paragraph). It reads the same
columns as the context model (garble.context.STACKED_NAMES).

The weights file ``model.labels.json`` holds a header and one tree ensemble per label,
each in the ``garble-line-trees`` format of garble.classifier; the label of a line is
the one whose ensemble gives it the highest raw score (a softmax's argmax).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from garble.classifier import (
    ModelError,
    TreeModel,
    check_header,
    from_dict,
    parse_json,
    read_weights,
    shipped_path,
    sibling,
    to_dict,
)
from garble.context import STACKED_NAMES
from garble.datatypes import Label
from garble.trees import predict_all

LABELS_FORMAT = "garble-line-labels"
LABELS_VERSION = 1
LABELS_KIND = "labels"


@dataclass(frozen=True, slots=True)
class LabelHead:
    """One tree ensemble per label; a row's label is the ensemble with the highest score."""

    labels: tuple[Label, ...]
    models: tuple[TreeModel, ...]

    def predict(self, X: np.ndarray) -> list[Label]:
        """The label of each row of ``X`` (STACKED_NAMES columns).

        >>> stump = TreeModel(("a",), 0.0, 1.0, 0.0, (0,), (0, -1, -1), (0.5, 0, 0),
        ...                   (1, -1, -1), (2, -1, -1), (0.0, -3.0, 3.0))
        >>> head = LabelHead((Label.BOILERPLATE, Label.INJECTED_LINK), (stump, _negated(stump)))
        >>> [lab.value for lab in head.predict(np.array([[0.0], [1.0]]))]
        ['injected_link', 'boilerplate']
        """
        if not len(X) or not self.models:
            return []
        scores = np.column_stack(predict_all(self.models, X))  # every label's trees in one walk
        return [self.labels[i] for i in scores.argmax(axis=1)]


def _negated(model: TreeModel) -> TreeModel:
    """``model`` with every leaf and the baseline negated (for the doctest)."""
    from dataclasses import replace

    return replace(model, baseline=-model.baseline, value=tuple(-v for v in model.value))


def dumps(head: LabelHead) -> str:
    """The label head as JSON text, header first."""
    body = {
        "format": LABELS_FORMAT,
        "version": LABELS_VERSION,
        "labels": [lab.value for lab in head.labels],
        "models": [to_dict(m) for m in head.models],
    }
    return json.dumps(body, separators=(",", ":")) + "\n"


def loads(text: str, source: str = "<string>", feature_names: Sequence[str] = STACKED_NAMES) -> LabelHead:
    """A label head from JSON text; the header and every ensemble's feature names are checked.

    >>> loads('{"format": "garble-line-labels", "version": 1, "labels": ["nonsense"], "models": [{}]}', "x.json")
    Traceback (most recent call last):
    ...
    garble.classifier.ModelError: x.json: unknown label 'nonsense'
    """
    data = check_header(parse_json(text, source, "label head"), source, LABELS_FORMAT, LABELS_VERSION)
    names, models = data.get("labels"), data.get("models")
    if not isinstance(names, list) or not isinstance(models, list) or len(names) != len(models) or not names:
        raise ModelError(f"{source}: 'labels' and 'models' must be lists of the same, non-zero length")
    try:
        labels = tuple(Label(n) for n in names)
    except ValueError:
        bad = next(n for n in names if n not in {lab.value for lab in Label})
        raise ModelError(f"{source}: unknown label {bad!r}") from None
    trees = tuple(from_dict(m, f"{source} (label {lab.value})", tuple(feature_names))
                  for lab, m in zip(labels, models))
    return LabelHead(labels, trees)


@cache
def load_labels_path(path: str) -> LabelHead | None:
    """The label head beside a first-stage weights file (``model.json`` -> ``model.labels.json``)."""
    beside = sibling(path, LABELS_KIND)
    if not beside.is_file():
        return None
    return loads(read_weights(beside, "label head"), str(beside))


@cache
def shipped_labels() -> LabelHead | None:
    """The shipped label head, or None when the package has none."""
    return load_labels_path(shipped_path())
