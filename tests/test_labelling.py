"""The label head (garble.labelling): its file format, and that scan() uses its labels."""

from __future__ import annotations

import dataclasses
import json

import pytest

import garble
from garble import labelling, pipeline
from garble.classifier import ModelError, TreeModel
from garble.context import STACKED_NAMES
from garble.datatypes import Label
from garble.labelling import LabelHead, dumps, loads


def constant(names: tuple[str, ...], value: float) -> TreeModel:
    """A one-leaf ensemble that scores every row ``value``."""
    return TreeModel(names, 0.0, 1.0, 0.0, (0,), (-1,), (0.0,), (-1,), (-1,), (value,))


def head(winner: Label) -> LabelHead:
    labels = (Label.BOILERPLATE, Label.INJECTED_LINK, Label.SPLICED_HEADLINE)
    return LabelHead(labels, tuple(constant(STACKED_NAMES, 2.0 if lab == winner else -2.0) for lab in labels))


def test_round_trip_keeps_labels_and_predictions() -> None:
    original = head(Label.SPLICED_HEADLINE)
    again = loads(dumps(original))
    assert again.labels == original.labels
    import numpy as np

    X = np.zeros((3, len(STACKED_NAMES)))
    assert again.predict(X) == [Label.SPLICED_HEADLINE] * 3


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(format="other"), "format is 'other', expected 'garble-line-labels'"),
    (lambda d: d.update(version=99), "version is 99"),
    (lambda d: d["labels"].pop(), "same, non-zero length"),
    (lambda d: d["labels"].__setitem__(0, "nonsense"), "unknown label 'nonsense'"),
    (lambda d: d["models"][0].update(feature_names=["x"]), "feature_names do not match"),
])
def test_a_bad_file_is_refused_naming_it(edit, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(dumps(head(Label.BOILERPLATE)))
    edit(data)
    with pytest.raises(ModelError, match=message) as err:
        loads(json.dumps(data), "labels.json")
    assert "labels.json" in str(err.value)


def test_scan_labels_classifier_lines_with_the_head(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Talks resume.\n\nTOPICS\nPolitics\nEconomy\nWorld\n\nHe added that nothing was agreed yet."
    base = garble.scan(text)
    assert [s.reason for s in base.spans] == ["classifier_line"]  # a menu no signal knows
    monkeypatch.setattr(pipeline, "shipped_labels", lambda: head(Label.INJECTED_LINK))
    relabelled = garble.scan(text)
    got = {(s.start, s.end): s.label for s in relabelled.spans if s.reason == "classifier_line"}
    assert got and set(got.values()) == {Label.INJECTED_LINK}


def test_shipped_head_loads_with_every_label_it_names() -> None:
    shipped = labelling.shipped_labels()
    assert shipped is not None and Label.BOILERPLATE in shipped.labels
    assert len(shipped.models) == len(shipped.labels)
    assert all(dataclasses.asdict(m)["feature_names"] == STACKED_NAMES for m in shipped.models)
