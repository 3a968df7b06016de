"""Near-repeated lines: a line that another line close to it says again, almost word for word.

A related-story list, a share bar or a caption block pasted twice, or a pull quote, repeats lines of
the document; ``garble.features`` gives each line a 0/1 column for it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from garble.lexical import TOKEN


def normalise(text: str, toks: list[str] | None = None) -> str:
    """The line's tokens in lower case, space-joined (``toks``: its TOKEN.findall, when known).

    >>> normalise("Kim Jong-un's VISIT"), normalise("Kim Jong-un's VISIT", ["Kim", "Jong-un's", "VISIT"])
    ("kim jong-un's visit", "kim jong-un's visit")
    """
    if toks is not None and text.isascii():  # lower() keeps ASCII tokens' boundaries
        return " ".join(toks).lower()
    return " ".join(TOKEN.findall(text.lower()))


# A line is near-repeated when another line of NEAR_MIN_CHARS or more (normalised) within NEAR_WINDOW
# lines is NEAR_RATIO % like it (fuzz.ratio): a document's few lines are compared all at once.
NEAR_MIN_CHARS, NEAR_WINDOW, NEAR_RATIO = 20, 40, 90
# Up to this many candidate lines, of this many characters in all, every pair is scored by one process.cdist
# call (in C) and the pairs outside the window are dropped; more would cost quadratic time, and are compared
# one window a line. fuzz.ratio costs the product of the two lengths, hence the characters' bound too.
NEAR_ALL_PAIRS = 200
NEAR_ALL_PAIRS_CHARS = 40_000
# A line longer than this (normalised) is near-repeated only by the same line word for word: fuzz.ratio on
# two such lines costs the product of their lengths, and cdist scored each line against itself too, so one
# 10 MB paragraph took ten minutes (benchmarks/growth.py --issue: 615 s, against 155 s for 5 MB). No line
# of the *-dev or *-test pages, data/wild or Reuters-21578 is longer than 9,400 characters, and a pasted
# paragraph that long repeats word for word; none of them changes (their audits compared byte for byte).
NEAR_MAX_CHARS = 2_000


def near_repeated(norms: Sequence[str]) -> list[float]:
    """1.0 for each line (``normalise``) of NEAR_MIN_CHARS or more that some other one of them among the lines
    NEAR_WINDOW before it to NEAR_WINDOW - 1 after it is NEAR_RATIO % like, else 0.0. The lines of the
    *-body-test documents took 31 instead of 53 ms CPU a pass (min of 5) with one cdist call a document.

    >>> near_repeated(["the minister said talks would resume", "short", "the minister said talks would resume."])
    [1.0, 0.0, 1.0]
    """
    near = [0.0] * len(norms)
    _same_nearby([j for j, t in enumerate(norms) if len(t) > NEAR_MAX_CHARS], norms, near)
    long_rows = [j for j, t in enumerate(norms) if NEAR_MIN_CHARS <= len(t) <= NEAR_MAX_CHARS]  # candidates, in order
    if len(long_rows) <= NEAR_ALL_PAIRS and sum(len(norms[j]) for j in long_rows) <= NEAR_ALL_PAIRS_CHARS:
        texts = [norms[j] for j in long_rows]
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=NEAR_RATIO, dtype=np.float64)
        rows, cols = np.nonzero(scores)  # the pairs at or over the cutoff (cdist gives 0 under it)
        for a, b in zip(rows.tolist(), cols.tolist()):
            k, j = long_rows[a], long_rows[b]
            if j != k and -NEAR_WINDOW <= j - k < NEAR_WINDOW:
                near[k] = 1.0
        return near
    for k in long_rows:
        window = long_rows[bisect_left(long_rows, k - NEAR_WINDOW) : bisect_left(long_rows, k + NEAR_WINDOW)]
        others = [norms[j] for j in window if j != k]
        near[k] = float(process.extractOne(norms[k], others, scorer=fuzz.ratio, score_cutoff=NEAR_RATIO) is not None)
    return near


def _same_nearby(rows: Sequence[int], norms: Sequence[str], near: list[float]) -> None:
    """Set ``near`` to 1.0 at each of ``rows`` (in order) whose very text another of them repeats NEAR_WINDOW
    lines before it to NEAR_WINDOW - 1 after it, as near_repeated's window reads.

    >>> near = [0.0] * 4
    >>> _same_nearby([0, 1, 3], ["a" * 9, "b" * 9, "x", "a" * 9], near)
    >>> near
    [1.0, 0.0, 0.0, 1.0]
    """
    seen: dict[str, int] = {}  # each text's row last seen
    for j in rows:
        k = seen.get(norms[j])
        if k is not None and j - k <= NEAR_WINDOW:
            near[j] = 1.0  # k is NEAR_WINDOW or fewer before j
            if j - k < NEAR_WINDOW:
                near[k] = 1.0  # j is NEAR_WINDOW - 1 or fewer after k
        seen[norms[j]] = j
