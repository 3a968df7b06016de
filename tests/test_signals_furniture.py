"""Furniture lines (garble.signals.furniture): what they flag, and prose they leave alone."""

from __future__ import annotations

import pytest

from garble.segment import segment
from garble.signals import detect


def reasons(text: str) -> list[tuple[str, str]]:
    doc = segment(text)
    return [(h.reason, text[h.start : h.end]) for h in detect(doc) if h.reason.startswith("furniture_")]


@pytest.mark.parametrize("line", [
    "Share this story", "You may also like:", "New, 15 comments", "1 of 6", "Replay",
    "Tempo de leitura: 2 minutos", "5 min read", "chevron_left Browse All Posts", "On HoustonChronicle.com:",
    "We welcome your comments on this story. Please keep them civil and on topic.",
])
def test_widget_lines_are_flagged_whole(line: str) -> None:
    assert ("furniture_widget", line) in reasons(f"The minister spoke on Monday.\n\n{line}\n\nTalks resume soon.")


@pytest.mark.parametrize("text", [
    'He said.<script type="text/javascript">var x = 1;</script> Then he left.',
    'See &lt;a href="http://ads.example.com/click"&gt;here&lt;/a&gt; for more.',
])
def test_leaked_markup_is_flagged(text: str) -> None:
    assert any(reason == "furniture_markup" for reason, _ in reasons(text))


@pytest.mark.parametrize("line, reason", [
    ("Jason Cipriani/ZDNet", "furniture_credit_line"),
    ("Biplov Bhuyan/Hindustan Times/Getty Images", "furniture_credit_line"),
    ("| November 18, 2019 12:01 PM", "furniture_dateline"),
    ("Reuters November 18, 2019 11:03 PM", "furniture_dateline"),
    ("Opinion Columnist", "furniture_role"),
])
def test_contested_lines_are_weak_evidence(line: str, reason: str) -> None:
    doc = segment(line)
    hits = [h for h in detect(doc) if h.reason == reason]
    assert hits and all(h.strength < 0.5 for h in hits)  # below the span threshold: the classifier decides


@pytest.mark.parametrize("text", [
    "Share this story with anyone who doubts that the council will act before the winter.",
    "Reuters reported on November 18, 2019 that the deal had collapsed after weeks of talks.",
    "The company sold 1 of 6 plants and said it would replay the auction next year.",
    "Prices rose 5% in the period, the ministry said, and class sizes fell.",
    "The AC/DC concert was cancelled.",
])
def test_prose_mentioning_the_same_words_is_left_alone(text: str) -> None:
    assert reasons(text) == []
