"""garble.features: one fixed-order vector per line, with document context and signal hits."""

from __future__ import annotations

import numpy as np

from garble.datatypes import Hit, Label
from garble.features import FAMILIES, FEATURE_NAMES, line_features
from garble.segment import segment

ARTICLE = (
    "Minister resigns after budget row\n\n"
    "The finance minister resigned on Monday after a row over the budget, officials said.\n\n"
    "He had been in the post for three years and was expected to stay until the election.\n\n"
    "Read more:\n\n"
    "Share this article\n\n"
    "Share this article"
)


def col(name: str) -> int:
    return FEATURE_NAMES.index(name)


def test_feature_names_are_unique_and_cover_every_family() -> None:
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    for family in FAMILIES:
        assert f"hits_{family}" in FEATURE_NAMES and f"strength_{family}" in FEATURE_NAMES


def test_one_row_per_line_in_document_order() -> None:
    doc = segment(ARTICLE)
    lines, X = line_features(doc, [])
    assert [ln.text for ln in lines] == [ln.text for b in doc.blocks for ln in b.lines]
    assert X.shape == (len(lines), len(FEATURE_NAMES))
    assert np.isfinite(X).all()


def test_empty_document_gives_an_empty_matrix() -> None:
    lines, X = line_features(segment(""), [])
    assert lines == [] and X.shape == (0, len(FEATURE_NAMES))


def test_prose_and_furniture_differ_where_the_spec_says() -> None:
    _, X = line_features(segment(ARTICLE), [])
    prose, prompt = X[1], X[3]
    assert prose[col("log_words")] > prompt[col("log_words")]
    assert prose[col("ends_sentence")] == 1 and prompt[col("ends_colon")] == 1
    assert prose[col("in_prose_run")] == 1 and prompt[col("after_prose")] == 1
    assert X[4, col("repeated")] == 1 and X[1, col("repeated")] == 0
    assert X[0, col("headline_similarity")] == 1.0


def test_neighbour_features_are_the_neighbours_own() -> None:
    _, X = line_features(segment(ARTICLE), [])
    assert X[2, col("prev_stop_share")] == X[1, col("stop_share")]
    assert X[2, col("next_ends_colon")] == X[3, col("ends_colon")]
    assert X[0, col("prev_log_words")] == 0


def test_hits_count_by_reason_prefix_and_unknown_families_are_ignored() -> None:
    doc = segment(ARTICLE)
    line = doc.blocks[3].lines[0]
    hits = [Hit(line.start, line.end, Label.BOILERPLATE, "furniture_prompt", 0.8),
            Hit(line.start, line.start + 4, Label.BOILERPLATE, "furniture_other", 0.3),
            Hit(line.start, line.end, Label.BOILERPLATE, "martian_thing", 1.0)]
    _, X = line_features(doc, hits)
    assert X[3, col("hits_furniture")] == 2
    assert X[3, col("strength_furniture")] == 0.8
    assert X[3, col("hit_cover")] == 1.0
    assert X[1, col("hits_furniture")] == 0 and X[1, col("hit_cover")] == 0


def test_every_prose_paragraph_of_an_article_is_in_its_prose_run() -> None:
    # The prose run once ended before the last prose line ever counted: here only the first paragraph was in it.
    prose = "The finance minister resigned on Monday after a long row over the budget with the rest of the cabinet."
    doc = segment("\n\n".join(["Home", prose, prose.replace("Monday", "Tuesday"), prose.replace("long", "short"),
                               "Share this article"]))
    _, X = line_features(doc, [])
    assert X[:, col("in_prose_run")].tolist() == [0, 1, 1, 1, 0]
    assert X[:, col("before_prose")].tolist() == [1, 0, 0, 0, 0]
    assert X[:, col("after_prose")].tolist() == [0, 0, 0, 0, 1]
