"""The word model: terms, scoring, its weights file, and its place in the first stage."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import garble
from garble.classifier import ModelError, dump, shipped_model
from garble.features import FEATURE_NAMES, LINE_NAMES, WORD_NAMES
from garble.words import (
    SPLIT_AFTER,
    WordModel,
    _Weights,
    dumps,
    line_terms,
    load_words_path,
    loads,
    shipped_words,
)


def test_terms_read_digits_as_zero_and_mark_the_first_and_last_word() -> None:
    terms = line_terms("Updated 18:42, Nov 19 2019")
    assert "w:0" in terms and {ch for t in terms for ch in t.split(":", 1)[1] if ch.isdigit()} == {"0"}
    assert "F:updated" in terms and "L:0" in terms and "F2:updated 0" in terms


def test_terms_of_a_huge_line_are_bounded() -> None:
    assert len(line_terms("word " * 1_000_000)) < 200


def test_probabilities_follow_the_weights() -> None:
    model = WordModel({"w:share": 2.0, "w:minister": -2.0}, 0.0)
    share, minister, other = model.predict_proba(["Share this", "The minister", "Something"])
    assert share > 0.8 and minister < 0.2 and other == pytest.approx(0.5)


def test_scores_are_the_sum_of_the_line_terms_weights_bit_for_bit() -> None:
    model = shipped_words()
    texts = ["Related: 7 Strange Signs", "", "Read more", "The minister said on Monday that talks would resume.",
             "Updated 18:42, Nov 19 2019 | Getty Images", "a a a b a b", "!!", "w:x b:y"]
    sums = [sum(model.terms.get(t, 0.0) for t in line_terms(x)) for x in texts]
    raw = np.array([model.bias + s for s in sums])
    expected = (1.0 / (1.0 + np.exp(-np.clip(raw, -30.0, 30.0)))).tolist()
    # the first lines a model scores go through term strings, the rest through the weights split by kind
    assert model.predict_proba(texts).tolist() == expected
    assert model.predict_proba(texts * (SPLIT_AFTER // len(texts) + 1)).tolist()[-len(texts):] == expected
    assert [_Weights.split(model.terms).line_sum(x) for x in texts] == sums
    odd = WordModel({"b:a b c": 5.0, "EMPTY": 1.0, "F2:a b": 0.5, "b:a b": 0.25, "L:b": 0.125}, 0.0)
    assert [_Weights.split(odd.terms).line_sum(x) for x in ["", "a b"]] == [1.0, 0.875]


def test_columns_give_each_line_its_neighbours_and_no_evidence_at_the_edges() -> None:
    model = WordModel({"w:a": 3.0}, 0.0)
    cols = model.columns(["a", "b", "c"])
    assert cols.shape == (3, len(WORD_NAMES))
    assert cols[1, 1] == pytest.approx(cols[0, 0]) and cols[1, 2] == pytest.approx(cols[2, 0])
    assert cols[0, 1] == 0.5 and cols[2, 2] == 0.5
    assert model.columns([]).shape == (0, len(WORD_NAMES))


def test_the_file_round_trips_and_sorts_its_terms() -> None:
    model = WordModel({"w:b": -0.25, "w:a": 1.5}, 0.125)
    text = dumps(model)
    assert list(json.loads(text)["terms"]) == ["w:a", "w:b"]
    again = loads(text)
    assert dict(again.terms) == dict(model.terms) and again.bias == model.bias
    assert dumps(again) == text


@pytest.mark.parametrize(("text", "fault"), [
    ('{"format": "garble-line-words", "version": 1', "truncated or corrupted"),
    ("[" * 100_000, "truncated or corrupted"),  # nesting too deep for the parser
    ('{"format": "garble-line-trees", "version": 1}', "format is 'garble-line-trees', expected 'garble-line-words'"),
    ('{"format": "garble-line-words", "version": 9, "bias": 0, "terms": {}}', "version is 9"),
    ('{"format": "garble-line-words", "version": 1, "bias": NaN, "terms": {}}', "finite"),
    ('{"format": "garble-line-words", "version": 1, "bias": 0, "terms": {"w:a": "x"}}', "finite"),
    ('{"format": "garble-line-words", "version": 1, "bias": 0, "terms": []}', "finite"),
])
def test_a_bad_file_is_a_model_error_naming_it(text: str, fault: str) -> None:
    with pytest.raises(ModelError, match=fault) as err:
        loads(text, "w.json")
    assert "w.json" in str(err.value)


def test_weights_without_their_word_model_name_the_missing_file(tmp_path: Path) -> None:
    model = shipped_model()
    if model is None:
        pytest.skip("no shipped model")
    weights = tmp_path / "model.json"
    weights.write_text(dump(model), encoding="utf-8")
    with pytest.raises(ModelError, match="model.words.json: cannot read the word model"):
        load_words_path(str(weights))
    with pytest.raises(ModelError, match="model.words.json"):
        garble.scan("Share this on Twitter", garble.Config(model_path=str(weights)))


def test_the_shipped_first_stage_reads_the_word_columns() -> None:
    model = shipped_model()
    if model is None:
        pytest.skip("no shipped model")
    assert model.feature_names == LINE_NAMES == FEATURE_NAMES + WORD_NAMES
    words = shipped_words()
    used = {model.feature[i] for i in range(len(model.feature)) if model.left[i] != -1}
    assert used & {LINE_NAMES.index(n) for n in WORD_NAMES}, "the trees never split on a word column"
    # the shipped word model has learnt the furniture cues of the labelled pages
    furniture, prose = words.predict_proba(["Share this on Twitter",
                                            "The minister said on Monday that talks would resume."])
    assert furniture > 0.5 > prose
    assert np.isfinite(words.bias)


def test_every_digit_run_is_the_token_zero_wherever_it_stands() -> None:
    assert line_terms("Top 10 ٣٤ x2y") == [
        "w:top", "w:0", "w:x", "w:y", "b:top 0", "b:0 0", "b:0 x", "b:x 0", "b:0 y", "F:top", "L:y", "F2:top 0"]
    assert line_terms("2019") == ["w:0", "F:0", "L:0"]
