"""The two hand-labelled seed articles: every label in them is a requirement."""

from __future__ import annotations

from typing import Any

import pytest

import garble
from garble.segment import paragraph_bounds


def covered_share(result: garble.Scan, start: int, end: int, label: str | None = None) -> float:
    """Share of the non-space characters of text[start:end] that spans (of ``label``) cover."""
    text = result.text
    chars = [i for i in range(start, end) if not text[i].isspace()]
    hit = {i for s in result.spans if label is None or s.label == label for i in range(s.start, s.end)}
    return sum(i in hit for i in chars) / len(chars)


SEED_004_REQUIRED = [
    ("spliced_headline", "North Korea’s Kim Jong Un reports ‘serious incident’"),
    ("injected_link", "Joe BidenCawthorn: Biden’s door-to-door vaccine strategy"),
    ("mangled_name", "New Son Son Gwon"),
    ("mangled_name", "Kim Jong Yo"),
]


NOT_YET = pytest.mark.xfail(strict=True, reason="signal family not built yet")
BUILT = {"mangled_name", "spliced_headline", "injected_link"}
SEED_004_CASES = [pytest.param(label, excerpt, id=excerpt, marks=() if label in BUILT else NOT_YET)
                  for label, excerpt in SEED_004_REQUIRED]


@pytest.mark.parametrize(("label", "excerpt"), SEED_004_CASES)
def test_seed_004_damage_is_flagged_with_its_label(seeds: dict[str, Any], label: str, excerpt: str) -> None:
    doc = seeds["seed-004"]
    gold = next(s for s in doc["spans"] if doc["text"][s["start"] : s["end"]].startswith(excerpt))
    assert gold["label"] == label
    result = garble.scan(doc["text"])
    assert covered_share(result, gold["start"], gold["end"], label) >= 0.5


def test_seed_000_furniture_is_flagged(seeds: dict[str, Any]) -> None:
    doc = seeds["seed-000"]
    result = garble.scan(doc["text"])
    assert len(doc["spans"]) == 6
    for gold in doc["spans"]:
        assert covered_share(result, gold["start"], gold["end"]) >= 0.5, doc["text"][gold["start"] : gold["end"]][:60]


def test_seed_000_article_is_left_alone(seeds: dict[str, Any]) -> None:
    doc = seeds["seed-000"]
    text = doc["text"]
    result = garble.scan(text)
    article = [(s, e) for s, e in paragraph_bounds(text) if e <= doc["spans"][1]["start"]]
    article = [(s, e) for s, e in article if not any(g["start"] >= s and g["end"] <= e for g in doc["spans"])]
    assert len(article) == 11  # the headline and the ten article paragraphs before "Read more:"
    scores = {(p.start, p.end): p.score for p in result.paragraphs}
    for s, e in article:
        assert not [sp for sp in result.spans if sp.start < e and sp.end > s], text[s:e][:60]
        assert scores[(s, e)] >= 0.9, text[s:e][:60]


def test_seed_004_user_names_reach_the_name_signal(seeds: dict[str, Any]) -> None:
    from dataclasses import replace

    text = seeds["seed-004"]["text"]
    config = replace(garble.Config(), names=("Kim Yo Jong",))
    span = next(s for s in garble.scan(text, config).spans if text[s.start : s.end] == "Kim Jong Yo")
    assert span.label == "mangled_name"
    assert span.suggestion == "Kim Yo Jong"
