"""The context stage (garble.context) and the paragraph decision (garble.spans)."""

from __future__ import annotations

import numpy as np
import pytest

import garble
from garble.classifier import ModelError, dump, load, shipped_model
from garble.context import CONTEXT_NAMES, STACKED_NAMES, context_features, shipped_context
from garble.features import LINE_NAMES
from garble.spans import count_visible

TEXT = (
    "Read more:\n\nThe minister said on Monday that talks with the unions would resume next week.\n\n"
    "Share this\nFacebook\nTwitter\n\nHe added that the government had no plan to raise taxes this year."
)


def test_neighbour_columns_hold_the_neighbours_probabilities() -> None:
    p = [0.1, 0.2, 0.3, 0.4, 0.5]
    X = context_features(p, [0, 0, 1, 1, 2])
    col = {name: X[:, i].tolist() for i, name in enumerate(CONTEXT_NAMES)}
    assert col["ctx_p"] == p
    assert col["ctx_prev1_p"] == [0.0, 0.1, 0.2, 0.3, 0.4]
    assert col["ctx_next2_p"] == [0.3, 0.4, 0.5, 0.0, 0.0]
    assert col["ctx_block_max_p"] == [0.2, 0.2, 0.4, 0.4, 0.5]
    assert col["ctx_prev_block_max_p"] == [0.0, 0.0, 0.2, 0.2, 0.4]
    assert col["ctx_next_block_max_p"] == [0.4, 0.4, 0.5, 0.5, 0.0]
    assert col["ctx_doc_high_share"] == [0.2] * 5


def test_empty_document_has_no_rows() -> None:
    assert context_features([], []).shape == (0, len(CONTEXT_NAMES))


def test_shipped_context_model_reads_the_stacked_columns() -> None:
    model = shipped_context()
    assert model is not None and model.feature_names == STACKED_NAMES
    first = shipped_model()
    assert first is not None
    with pytest.raises(ModelError, match="feature_names do not match"):
        load(dump(first), "model.json", STACKED_NAMES)  # a first-stage file is not a context model


def test_context_stage_changes_the_first_stage_probabilities() -> None:
    from garble.context import line_blocks, stacked
    from garble.pipeline import line_matrix
    from garble.segment import segment
    from garble.signals import detect

    doc = segment(TEXT)
    _, X = line_matrix(doc, detect(doc))
    first, context = shipped_model(), shipped_context()
    assert first is not None and context is not None and X.shape[1] == len(LINE_NAMES)
    p1 = first.predict_proba(X)
    p2 = context.predict_proba(stacked(X, p1, line_blocks(doc)))
    assert p2.shape == p1.shape and not np.allclose(p1, p2)


@pytest.mark.parametrize("text", [TEXT, "Clean text only. Nothing else here at all.", "Read more:"])
def test_a_paragraph_scores_under_0_9_only_with_spans_covering_a_tenth(text: str) -> None:
    result = garble.scan(text)
    for para in result.paragraphs:
        inside = [s for s in result.spans if s.start < para.end and s.end > para.start]
        covered = sum(count_visible(text[max(s.start, para.start) : min(s.end, para.end)]) for s in inside)
        share = covered / max(count_visible(text[para.start : para.end]), 1)
        assert (para.score < 0.9) == (share >= 0.1), (text[para.start : para.end], para.score, share)
