"""Golden cases for the heuristic signal families (tests/cases/signals_*.json).

Each damaged case names the reason code that must flag it and the stretches it must
cover; each clean case must draw no span-strength hit from these families.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from garble.segment import segment
from garble.signals import BLOCK_SIGNALS, DOCUMENT_SIGNALS, detect

CASES = Path(__file__).parent / "cases"
# The families these cases cover (the names family has its own cases and tests).
FAMILIES = ("headline_", "link_", "furniture_", "repetition_", "seam_", "encoding_")
SPAN_STRENGTH = 0.5  # spans.py turns hits at or above this into spans


def load(name: str) -> list[Any]:
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["comment"]) for c in cases]


def covered(hits: list[Any], start: int, end: int, reason: str) -> float:
    chars = set(range(start, end))
    hit = {i for h in hits if h.reason == reason for i in range(h.start, h.end)}
    return len(chars & hit) / len(chars)


@pytest.mark.parametrize("case", load("signals_damaged.json"))
def test_damaged_case_is_flagged_by_its_signal(case: dict[str, Any]) -> None:
    text = case["text"]
    hits = [h for h in detect(segment(text)) if h.strength >= SPAN_STRENGTH]
    assert case["expect"] in {h.reason for h in hits}, [(h.reason, text[h.start : h.end]) for h in hits]
    for span in case["spans"]:
        start = text.rindex(span["text"]) if case["expect"].startswith("repetition") else text.index(span["text"])
        assert covered(hits, start, start + len(span["text"]), case["expect"]) >= 0.5, span["text"]
        assert next(h for h in hits if h.reason == case["expect"]).label == case["label"]


@pytest.mark.parametrize("case", load("signals_clean.json"))
def test_clean_case_is_left_alone(case: dict[str, Any]) -> None:
    text = case["text"]
    hits = [h for h in detect(segment(text)) if h.strength >= SPAN_STRENGTH and h.reason.startswith(FAMILIES)]
    assert not hits, [(h.reason, text[h.start : h.end]) for h in hits]


ADVERSARIAL = [
    "a." * 50000,                                  # many word boundaries, no spaces
    "a" * 100000 + "B",                            # one long lower-case run before a capital
    "Ab" * 50000,                                  # a long camel-case token
    ("Word " * 30 + "\n") * 2000,                  # many lines, no punctuation
    "The the " * 20000,                            # doubled words everywhere
    "(@x) " * 20000 + "May 5, 2017",               # tweet-signature pieces
    "A-" * 50000,                                  # hyphenated capitals
    "Ab:" * 30000,                                 # colon prefixes
]


MODULES = tuple(f"garble.signals.{m}" for m in ("headlines", "links", "seams", "repetition", "boilerplate", "encoding",
                                                   "comments"))


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_signals_run_in_linear_time_on_adversarial_text(text: str) -> None:
    doc = segment(text)
    t0 = time.perf_counter()
    for block in doc.blocks:
        for signal in BLOCK_SIGNALS:
            if signal.__module__ in MODULES:
                list(signal(block, doc))
    for doc_signal in DOCUMENT_SIGNALS:
        if doc_signal.__module__ in MODULES:
            list(doc_signal(doc))
    assert time.perf_counter() - t0 < 5
