"""Headline-shaped runs spliced into prose: title case, no articles, ‘single quotes’, present-tense verbs."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from garble.datatypes import Block, Document, Hit, Label
from garble.lexical import DETERMINERS, FUNCTION_WORDS, TOKEN, is_capitalised

# Punctuation that ends a clause: a headline run never crosses one.
CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”—]|\s[-–]\s")

# CLAUSE_BREAK's matches between tokens: every dot with a word character on both sides is
# inside a token (TOKEN takes "U.S" and "1.5" whole), and no other match can be.
GAP_BREAK = re.compile(r"[,;:!?()\"“”—]|(?<!\w)\.|\.(?!\w)|\s[-–]\s")

# A present-tense headline verb after a capitalised subject: "Kim Jong Un reports", "TV admits".
HEADLINE_VERB = re.compile(r"[a-z]{2,}[^s\W]s|[a-z]+ies")

# Where _evidence can mark a token, read on the text without tokenising it: a superset of its marks (a
# capitalised word, then a word HEADLINE_VERB takes whole; or a left single quote before a word). A hit needs
# two marks, and most paragraphs have fewer: they skip the run search. The search opens on a character no
# lower-case word, digit or space is, and starts a word only where a TOKEN match can (no word character
# before it, nor a word character and a joiner), so it stays linear ("A-A-A-...", benchmarks/growth.py).
# Every paragraph of the pages and of 1,500 synthetic documents: 2,395 of 146,867 have two or more, and
# all 55 with a hit do. headline_runs over the *-body-test paragraphs: 98.7 -> 41.7 ms CPU (min of 7).
MARK_HINT = re.compile(
    r"""
    [^\s\da-z_]
    (?: (?<=\N{LEFT SINGLE QUOTATION MARK})(?=\w)            # a scare quote opening a word: ‘serious
      | (?<=[^\W\d_a-z])(?<!\w.)(?<!\w[’'\-.].)              # or a capitalised word, from where TOKEN starts it,
        \w*+(?:[’'\-.]\w++)*+                                  # the rest of it as TOKEN reads it ("Korea’s"),
        \W+(?:[a-z]{2,}[^s\W]s|[a-z]+ies)(?!\w) )              # then the next word, a headline verb: "slams"
    """,
    re.VERBOSE,
)

# A run must be this long (tokens) between clause breaks and determiners to be looked at:
# in the clean Reuters articles fewer than 1 % of such runs reach 14 tokens (measured
# with tests/test_signals_headlines.py's helper over the reserved Reuters split).
MIN_RUN = 14

Token = tuple[int, int, str]


def _bare_runs(block: Block) -> Iterator[list[Token]]:
    """Maximal token runs with no clause punctuation and no article or determiner.

    A clause break between two tokens is a CLAUSE_BREAK match in the gap between them;
    the matches are found once for the block (a match never spans a token, so each lies
    in one gap or, like the dot of "U.S", inside a token, where it does not count).
    """
    text = block.text
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text)]
    b, n_breaks = 0, len(breaks)
    run: list[Token] = []
    last_end = 0
    for m in TOKEN.finditer(text):
        start, word = m.start(), m.group()
        while b < n_breaks and breaks[b] < last_end:
            b += 1
        is_determiner = word.lower() in DETERMINERS
        if (b < n_breaks and breaks[b] < start) or is_determiner:
            if run:
                yield run
            run = []
        if not is_determiner:
            run.append((start, m.end(), word))
        last_end = m.end()
    if run:
        yield run


# A token or a clause break, in text order: no token holds a GAP_BREAK match (its characters are
# not a token's, and a token's inner dots have a word character on both sides), so this finds the
# same tokens as TOKEN and the same breaks as GAP_BREAK, interleaved.
TOKEN_OR_BREAK = re.compile(f"{TOKEN.pattern}|{GAP_BREAK.pattern}")


def _has_long_run(text: str) -> bool:
    """Whether ``_bare_runs`` finds a run of MIN_RUN tokens or more in ``text``: most paragraphs
    have none, told here from the cached flags of its tokens and clause breaks in one pass
    (it was the whole text's tokens, then each piece's between breaks again: 0.124 -> 0.078 s CPU
    a pass of the *-body-test files, min of 9).

    >>> _has_long_run("one two three four five six seven eight nine ten eleven twelve thirteen fourteen")
    True
    >>> _has_long_run("one two three four five six seven, eight nine ten eleven twelve thirteen fourteen")
    False
    """
    # a run is at least 2 * MIN_RUN - 1 characters (tokens and the gaps between them)
    return len(text) >= 2 * MIN_RUN - 1 and _DETERMINER_FREE in "".join(map(_run_flag, TOKEN_OR_BREAK.findall(text)))


# MIN_RUN or more tokens in a row in the flags of TOKEN_OR_BREAK's matches: a run _bare_runs yields
# and headline_runs looks at (a determiner or a clause break ends one).
LONG_RUN = re.compile(f"0{{{MIN_RUN},}}")


def _long_runs(text: str) -> Iterator[list[Token]]:
    """The runs of ``_bare_runs`` with MIN_RUN tokens or more, found on the flags of the text's tokens and
    clause breaks (TOKEN_OR_BREAK) instead of a Python step a token: headline_runs over the body and page
    dev/test paragraphs 0.60 -> 0.41 s CPU; the *-body-test files have few long runs (0.103 -> 0.101 s)."""
    matches = list(TOKEN_OR_BREAK.finditer(text))
    flags = "".join(_run_flag(m.group()) for m in matches)
    for run in LONG_RUN.finditer(flags):
        yield [(m.start(), m.end(), m.group()) for m in matches[run.start() : run.end()]]


# Bounded: a corpus's distinct tokens would grow an unbounded cache without limit.
@lru_cache(maxsize=1 << 16)
def _run_flag(word: str) -> str:
    """"1" for an article or determiner or a clause break (TOKEN_OR_BREAK's matches that do not start
    with a word character), which end a run, "0" for any other token."""
    return "1" if word.lower() in DETERMINERS or not (word[0].isalnum() or word[0] == "_") else "0"


_DETERMINER_FREE = "0" * MIN_RUN  # MIN_RUN tokens in a row without a determiner


def _evidence(run: Sequence[Token], text: str) -> list[int]:
    """Indices of run tokens that look like headline clauses or headline quotes."""
    marks: list[int] = []
    for i, (start, _, word) in enumerate(run):
        prev = run[i - 1][2] if i else ""
        if i and is_capitalised(prev) and HEADLINE_VERB.fullmatch(word) and word not in FUNCTION_WORDS:
            marks.append(i)  # capitalised subject + present-tense verb: "Korea slams"
        elif text[start - 1 : start] == "\N{LEFT SINGLE QUOTATION MARK}":
            marks.append(i)  # a scare-quoted phrase: ‘serious incident’
    return marks


def _span_of(run: Sequence[Token], marks: Sequence[int], text: str) -> tuple[int, int]:
    """From the capitalised subject before the first mark to the run's "for more" or last mark."""
    first = subject = marks[0] - 1
    while first > 0 and is_capitalised(run[first - 1][2]):
        first -= 1
    # The sentence's own subject often names the headline's subject first ("leader Kim
    # Jong Un North Korea’s Kim Jong Un reports"): the headline starts after that mention.
    earlier = [i for i in range(first, subject - 1) if run[i][2] == run[subject][2]]
    if earlier and is_capitalised(run[earlier[0] + 1][2]):
        first = earlier[0] + 1
    last = min(marks[-1] + 4, len(run) - 1)
    words = [w for _, _, w in run]
    for i in range(marks[-1], len(run) - 1):
        if words[i] == "for" and words[i + 1] == "more":
            last = i + 1
            break
    start = run[first][0] - (text[run[first][0] - 1 : run[first][0]] == "\N{LEFT SINGLE QUOTATION MARK}")
    return start, run[last][1]


def headline_runs(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag runs of chained headlines inside prose.

    A run is a stretch with no clause punctuation and no determiner, at least
    MIN_RUN tokens long, with two headline clauses or quotes or more and a third
    of its tokens capitalised.

    >>> from garble.segment import segment
    >>> t = ("Leader Kim Jong Un North Korea’s Kim Jong Un reports ‘serious incident’ over North"
    ...      " Korea’s COVID-19 state TV admits Kim Jong Un’s ‘weak views’ North Korea slams dialogue"
    ...      " door now for more pledged to continue a relationship.")
    >>> doc = segment(t)
    >>> [doc.text[h.start:h.end][:22] for h in headline_runs(doc.blocks[0], doc)]
    ['North Korea’s Kim Jong']
    """
    if len(MARK_HINT.findall(block.text)) < 2 or not _has_long_run(block.text):
        return
    for run in _long_runs(block.text):
        marks = _evidence(run, block.text)
        if len(marks) < 2:
            continue
        start, end = _span_of(run, marks, block.text)
        inside = [w for s, e, w in run if start <= s and e <= end]
        # A third capitalised: seed-004's headlines are 0.5, Reuters prose runs mostly under 0.25.
        if sum(map(is_capitalised, inside)) < 0.33 * len(inside):
            continue
        # Verbs alone are weak (a plural noun after a name looks the same); a headline's
        # ‘scare quote’ or a teaser's "for more" makes the run a span.
        quoted = "\N{LEFT SINGLE QUOTATION MARK}" in block.text[start:end] or block.text[start:end].endswith("for more")
        strength = min(0.95, 0.45 + 0.15 * len(marks)) if quoted else 0.4
        yield Hit(block.start + start, block.start + end, Label.SPLICED_HEADLINE, "headline_run", strength)
