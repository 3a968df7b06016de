"""Title-case headlines spliced into a sentence: "…chaired by Atlantis Group Tells Sec It Seeks…".

Headline lists and hover cards are written in Title Case, where even the small words
are capitalised ("Bank Of Japan To Sell 200 Billion Yen In Bills"), or in shouting
capitals ("BREAKING:", "HUMILIATING"). Prose capitalises names, not "Of" and "To", so
a long capitalised run inside a line with capitalised small words or shouted words is
a headline that does not belong there. The run must sit inside prose (a lower-case
word before it or after it on its line): a title on a line of its own is the page's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

TOKEN = re.compile(r"\(?[\w’'&.$%-]+\)?:?|[|,“”\"]")
# Small words prose writes in lower case and Title Case capitalises.
SMALL = frozenset(
    "of to in for on with and at by from is as up over after into vs but or not its it he she we they be are "
    "was were will has have had can just this that than so out off down about how why what who when says"
    .split()
)
# A run must be this many tokens: shorter capitalised runs are names ("Bank of New England Corp").
MIN_RUN = 6
# ... with this many capitalised small words or shouted words (synthetic held-out and *-body-dev).
MIN_MARKS = 2
# Synthetic held-out: 88 of 88 runs are gold headlines; reserved Reuters: none flagged;
# *-body-dev: 3 flagged, all titles of works or headlines the gold keeps.
STRENGTH = 0.75


def _is_title_token(tok: str) -> bool:
    """A token a Title Case headline is made of: capitalised, a number, or a bracketed ticker.

    >>> [_is_title_token(t) for t in ["Of", "(Bkne)", "4Th", "200", "said", "|", ","]]
    [True, True, True, True, False, False, False]
    """
    core = tok.strip("():")
    if tok in "|,“”\"":
        return False
    return bool(core) and (core[0].isupper() or core[0].isdigit() or core[0] in "$‘'")


def _small(tok: str) -> bool:
    """A capitalised small word: "Of", "To", "Says"."""
    return tok.lower() in SMALL and tok[0].isupper() and not tok.isupper()


def _shouted(tok: str) -> bool:
    """A shouted word of five letters or more ("BREAKING:", "HUMILIATING"), not a bracketed ticker."""
    return not tok.startswith("(") and sum(c.isalpha() for c in tok) >= 5 and tok.strip(":").isupper()


def title_runs(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag Title Case runs spliced inside a prose line.

    >>> from garble.segment import segment
    >>> t = "The study will be chaired by Atlantis Group Tells Sec It Seeks Negotiated Purchase Of Charter | Richard Shinn."
    >>> doc = segment(t)
    >>> [doc.text[h.start:h.end] for h in title_runs(doc.blocks[0], doc)]
    ['Atlantis Group Tells Sec It Seeks Negotiated Purchase Of Charter']
    >>> doc = segment("Shares of the Bank of New England Corp and First Boston Corp rose in New York on Monday.")
    >>> list(title_runs(doc.blocks[0], doc))
    []
    """
    for line in block.lines:
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(line.text)]
        i = 0
        while i < len(toks):
            if not _is_title_token(toks[i][2]):
                i += 1
                continue
            j = i
            while j < len(toks) and _is_title_token(toks[j][2]):
                j += 1
            run = toks[i:j]
            inside = (i > 0 and toks[i - 1][2][:1].islower()) or (j < len(toks) and (
                toks[j][2][:1].islower() or toks[j][2] == "|"))
            # the first word of a sentence is capitalised anyway: it is not a mark
            small = sum(_small(t) for _, _, t in run[1:])
            shouted = sum(_shouted(t) for _, _, t in run)  # a sentence does not start by shouting
            # at least one capitalised small word: lines of capitals alone are racecards and specs
            if len(run) >= MIN_RUN and small and small + shouted >= MIN_MARKS and inside:
                yield Hit(line.start + run[0][0], line.start + run[-1][1], Label.SPLICED_HEADLINE, "headline_title_case",
                          STRENGTH)
            i = j
