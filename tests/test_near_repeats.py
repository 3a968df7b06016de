"""garble.near_repeats: which lines another line close by says again."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import pytest

from garble.near_repeats import NEAR_ALL_PAIRS, NEAR_MAX_CHARS, NEAR_WINDOW, near_repeated


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(["council", "budget", "minister", "talks", "resume", "monday", "said", "would",
                                "the", "on", "of", "prices", "rose", "week"]) for _ in range(words))


def test_a_line_and_its_near_copy_close_by_are_both_marked_and_a_far_copy_is_not() -> None:
    line = "the council approved the budget on tuesday after a long debate"
    norms = [line, "short", line + " today", *(f"filler line number {i} of the text" for i in range(60)), line]
    near = near_repeated(norms)
    assert near[0] == near[2] == 1.0
    assert near[1] == 0.0 and near[-1] == 0.0  # the last copy is more than NEAR_WINDOW lines away


def test_the_all_pairs_and_the_windowed_search_agree() -> None:
    """Over NEAR_ALL_PAIRS candidate lines the search goes a window at a time; the marks must be the same."""
    rng = random.Random(5)
    base = [_sentence(rng, 8) for _ in range(40)]
    norms = [rng.choice(base) + (" x" if rng.random() < 0.5 else "") for _ in range(3 * NEAR_ALL_PAIRS)]
    windowed = near_repeated(norms)
    pieces = [near_repeated(norms[i : i + NEAR_ALL_PAIRS]) for i in range(0, len(norms), NEAR_ALL_PAIRS)]
    # each piece alone goes through the all-pairs search; away from the pieces' edges the window sees the same lines
    for p, marks in enumerate(pieces):
        for k in range(NEAR_WINDOW, NEAR_ALL_PAIRS - NEAR_WINDOW):
            assert marks[k] == windowed[p * NEAR_ALL_PAIRS + k]
    assert 0 < sum(windowed) < len(norms)


def test_a_line_over_the_length_cap_is_marked_only_by_its_own_text_repeated() -> None:
    """fuzz.ratio costs the product of two lengths, so a paragraph-long line is compared for equality only."""
    rng = random.Random(7)
    long_line = _sentence(rng, NEAR_MAX_CHARS // 4)
    assert len(long_line) > NEAR_MAX_CHARS
    assert near_repeated([long_line, "other", long_line]) == [1.0, 0.0, 1.0]
    assert near_repeated([long_line, long_line[:-3] + "xyz"]) == [0.0, 0.0]  # near, but not the same
    assert near_repeated([long_line]) == [0.0]


def test_no_string_longer_than_the_cap_reaches_the_fuzzy_scorer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost bound behind benchmarks/growth.py's 10 MB paragraph, counted instead of timed: fuzz.ratio
    costs the product of two lengths, and one 10 MB line scored against itself took ten minutes."""
    from garble import near_repeats

    longest: list[int] = []
    real_cdist, real_extract = near_repeats.process.cdist, near_repeats.process.extractOne

    def cdist(a: Sequence[str], b: Sequence[str], **kw: Any) -> Any:
        longest.extend(len(t) for t in (*a, *b))
        return real_cdist(a, b, **kw)

    def extract_one(query: str, choices: Sequence[str], **kw: Any) -> Any:
        longest.extend(len(t) for t in (query, *choices))
        return real_extract(query, choices, **kw)

    monkeypatch.setattr(near_repeats.process, "cdist", cdist)
    monkeypatch.setattr(near_repeats.process, "extractOne", extract_one)
    paragraph = "the minister said talks would resume on monday " * 20_000  # about 1 MB, one line
    lines = [paragraph, *(f"line {i} of a long list of lines" for i in range(3 * NEAR_ALL_PAIRS)), paragraph]
    near = near_repeated(lines)
    assert near[0] == 0.0 and near[-1] == 0.0  # the two copies are more than NEAR_WINDOW lines apart
    assert longest and max(longest) <= NEAR_MAX_CHARS
