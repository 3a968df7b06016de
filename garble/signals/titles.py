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
from functools import lru_cache
from itertools import pairwise

from garble.datatypes import Block, Document, Hit, Label, Line
from garble.signals.boilerplate import TWEET_SIGNATURE

# possessive: nothing after a part can make it give characters back (findall ~10 % faster)
TOKEN = re.compile(r"\(?+[\w’'&.$%-]++\)?+:?+|[|,“”\"]")
# Small words prose writes in lower case and Title Case capitalises.
SMALL = frozenset([
    "of", "to", "in", "for", "on", "with", "and", "at", "by", "from", "is", "as", "up", "over", "after",
    "into", "vs", "but", "or", "not", "its", "it", "he", "she", "we", "they", "be", "are", "was",
    "were", "will", "has", "have", "had", "can", "just", "this", "that", "than", "so", "out", "off",
    "down", "about", "how", "why", "what", "who", "when", "says",
])
# Present-tense verbs headlines are built on ("Minister Sees", "Boeing Gets", "Trump Signs"),
# capitalised in Title Case; a name or a title of a work rarely holds one after its first word.
# 128 verbs (40 before 2026-12-06): runs on 2,500 synthetic training documents 884 -> 913, every one
# gold; the *-dev pages one more, gold too; 6,244 training Reuters articles still 1 ("Smith Barney").
HEADLINE_VERBS = frozenset([
    "accuses", "acquires", "adds", "admits", "adopts", "agrees", "announces", "appoints", "approves",
    "attacks", "backs", "blasts", "buys", "calls", "cancels", "climbs", "completes", "confirms", "cuts",
    "declares", "defends", "deletes", "demands", "denies", "destroys", "dismisses", "drops", "elects", "ends",
    "establishes", "expects", "explodes", "extends", "eyes", "faces", "fails", "falls", "fights", "files",
    "finds", "fires", "gains", "gets", "gives", "grows", "halts", "hires", "hits", "joins", "jumps", "kills",
    "launches", "leads", "leaves", "lifts", "lists", "loses", "lowers", "makes", "mocks", "moves", "names",
    "needs", "offers", "opens", "owns", "pays", "plans", "plunges", "posts", "praises", "proposes", "pushes",
    "quits", "raises", "recalls", "receives", "redeems", "reduces", "refuses", "rejects", "remains", "renews",
    "reports", "resigns", "responds", "restates", "resumes", "returns", "reveals", "reverses", "rises",
    "rules", "says", "scraps", "seeks", "sees", "seizes", "sells", "sets", "settles", "shuts", "signs",
    "slams", "slashes", "slips", "slows", "soars", "spends", "starts", "stops", "sues", "surges", "suspends",
    "takes", "tells", "tests", "threatens", "tops", "trims", "unveils", "ups", "urges", "vows", "wants",
    "warns", "weighs", "wins",
])
# A run must be this many tokens: shorter capitalised runs are names ("Bank of New England Corp").
MIN_RUN = 6
# ... with this many capitalised small words or shouted words (synthetic held-out and *-body-dev).
MIN_MARKS = 2
# ... or one, when prose stands on both sides: a line's own title never does.
SANDWICH_MARKS = 1
# Headlines hold a number or two ("Sees 4Th Qtr Profit", "0.50 Ct To 26.50 Cts"); racecards far more.
MAX_NUMERIC_SHARE = 0.3
# Synthetic train docs (first 1,500): 481 of 482 runs are gold headlines, 285 of 368 spliced headlines
# found (236 before runs went past commas and sandwiched runs needed one mark); 2,000 training Reuters
# articles: 1 flagged ("Smith Barney, Harris Upham And Co Inc"); *-body-dev: 3 flagged, all titles of
# works or headlines the gold keeps.
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


# Bounded: a corpus's tokens would grow an unbounded cache without limit (2**16 distinct tokens
# hold several thousand documents' worth; a miss only costs one _is_title_token call).
@lru_cache(maxsize=1 << 16)
def _title_flag(tok: str) -> str:
    """"1" for a title token, "," for a comma, "0" for any other (a line's flags joined show its runs)."""
    return "1" if _is_title_token(tok) else "," if tok == "," else "0"


# MIN_RUN title tokens, a comma allowed between two of them: a run long enough to be a hit
RUN_FLAGS = re.compile(rf"1(?:,?1){{{MIN_RUN - 1}}}")
# A maximal run in a line's flags: title tokens, a comma between two of them does not end it.
RUN = re.compile(r"1(?:1|,(?=1))*")

# What a title token opens with, as TOKEN matches it (after its "(" if any): a superset of what
# _is_title_token takes (an upper-case letter or a digit, "$" or "'"), any word character but "_" and a-z.
_TITLE_START = r"(?:[^\W_a-z]|[$'])"
# TOKEN's first alternative, opening as a title token.
_TITLE_TOKEN = rf"\(?+{_TITLE_START}[\w’'&.$%-]*+\)?+:?+"
# What can stand between two title tokens of a run: anything TOKEN does not match, or matches as ","
# (a "(" opening the next token is taken here, and that token from its first title character).
_BETWEEN = r"""[^\w’'&.$%\-|“”"]*+"""
# A superset of the runs RUN_FLAGS finds, on the line itself: MIN_RUN tokens opening like title tokens,
# nothing but _BETWEEN between them. The search opens on a character no lower-case word starts with and
# looks back to check it, so most lines are passed over without being tokenised; it starts only where a
# token can (after "(", or after no token character), so each token is read by at most MIN_RUN attempts
# and the search stays linear ("A-A-A-...", benchmarks/growth.py). Every line of the pages and of 1,500
# synthetic documents: 9,787 match, 9,241 have a run, none has a run and no match.
MAY_RUN = re.compile(
    rf"""[^\sa-z_]                                       # a character no lower-case word starts with:
    (?: (?<=\(){_TITLE_START}                            # a "(" and a title token's first character,
      | (?<={_TITLE_START})(?<![\w’'&.$%-].) )           # or that first character, no token's inside
    [\w’'&.$%-]*+\)?+:?+{_BETWEEN}                       # the rest of the first token
    (?:{_TITLE_TOKEN}{_BETWEEN}){{{MIN_RUN - 2}}}\(?+{_TITLE_START}   # and MIN_RUN - 1 more tokens
    """,
    re.VERBOSE,
)


def _small(tok: str) -> bool:
    """A capitalised small word: "Of", "To", "Says"."""
    return tok.lower() in SMALL and tok[0].isupper() and not tok.isupper()


def _shouted(tok: str) -> bool:
    """A shouted word of five letters or more ("BREAKING:", "HUMILIATING"), not a bracketed ticker."""
    return not tok.startswith("(") and sum(c.isalpha() for c in tok) >= 5 and tok.strip(":").isupper()


# What only a mechanical Title Casing writes: a ticker in brackets with lower-case letters after its first
# ("(Amn)", "(Bmy)"; prose writes "(AMN)") and an ordinal with a capital suffix ("4Th Qtr", "1St").
CASED = re.compile(r"\([A-Z][a-z]{1,4}\):?|\d+(?:St|Nd|Rd|Th):?")


def _cased(tok: str) -> bool:
    """A token Title Casing made: "(Amn)", "4Th".

    >>> [_cased(t) for t in ["(Amn)", "4Th", "(AMN)", "4th", "(Reuters)", "Amn"]]
    [True, True, False, False, False, False]
    """
    return CASED.fullmatch(tok) is not None


def _verb(tok: str) -> bool:
    """A capitalised headline verb: "Sees", "Gets".

    >>> _verb("Sees"), _verb("sees"), _verb("SEES")
    (True, False, False)
    """
    return tok.lower() in HEADLINE_VERBS and tok[:1].isupper() and not tok.isupper()


def _neighbour(toks: list[tuple[int, int, str]], k: int, step: int) -> str:
    """The first word from ``k`` in direction ``step`` past commas (prose goes on after "Exchange, [run] LMFE,")."""
    while 0 <= k < len(toks) and toks[k][2] == ",":
        k += step
    return toks[k][2] if 0 <= k < len(toks) else ""


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
        # a hit is a run of MIN_RUN title tokens or more: most lines have none, and are passed
        # over by MAY_RUN or on their tokens' cached flags, without their offsets
        if not MAY_RUN.search(line.text):
            continue
        flags = "".join(map(_title_flag, TOKEN.findall(line.text)))
        if not RUN_FLAGS.search(flags):
            continue
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(line.text)]
        if "(@" in line.text:  # a tweet's signature is no headline, nor is a run through one
            flags = _unsigned(line.text, toks, flags)
        # each maximal run of title tokens: a comma between two title tokens does not end it, headlines
        # run on with commas ("… Stuns CNN Host, Wants To Starve …") and so do numbers ("5,000 Billion Yen")
        for run in RUN.finditer(flags):
            i, j = run.span()
            if flags.count("1", i, j) < MIN_RUN:  # too few words for _is_headline, and so is every part
                continue
            if _is_cited(line.text, toks, i, j):
                continue
            if _is_headline(toks, i, j):
                yield _hit(line, toks, i, j)
            else:  # ... unless the commas part names from a headline ("The … Exchange, [headline], will")
                parts = [k for k in range(i, j) if toks[k][2] == ","]
                for a, b in pairwise([i - 1, *parts, j]):
                    if b - a - 1 >= MIN_RUN and _is_headline(toks, a + 1, b):  # a part's words are its tokens
                        yield _hit(line, toks, a + 1, b)


CLOSING_QUOTES = frozenset(["”", '"'])


def _is_cited(text: str, toks: list[tuple[int, int, str]], i: int, j: int) -> bool:
    """Whether the run of title tokens ``toks[i:j]`` ends a quotation opened before it: a cited title, not a
    spliced one ('GOTHAM WATCH -- "De Blasio, Focusing on Small Donors, Hires Team That Bolstered Sanders," by
    NYT's William Neuman', data/wild). The quote after a headline's own quoted word opens it, a word right
    after ('"I don't know what Times Will Start Calling Trump A "Liar"', a spliced headline inside a quotation).

    >>> def cited(text, first, last):
    ...     toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    ...     words = [t for _, _, t in toks]
    ...     return _is_cited(text, toks, words.index(first), words.index(last) + 1)
    >>> cited('Read "De Blasio, Focusing on Small Donors, Hires Team," by NYT', "Focusing", "Team")
    True
    >>> cited('"I know what Times Will Start Calling Trump A "Liar" means', "Times", "A")
    False
    """
    after = toks[j : j + 2]
    quote = after[0] if after and after[0][2] in CLOSING_QUOTES else (
        after[1] if len(after) == 2 and after[0][2] == "," and after[1][2] in CLOSING_QUOTES else None)
    # a closing quote: no word right after it ('A "Liar"' opens one)
    closes = quote is not None and not text[quote[1] : quote[1] + 1].isalnum()
    before = text[: toks[i][0]]
    return closes and (before.count("“") > before.count("”") or before.count('"') % 2 == 1)


def _unsigned(text: str, toks: list[tuple[int, int, str]], flags: str) -> str:
    """``flags`` with the tokens of embedded-tweet signatures ("Dawn McCallan (@DawnMacc) June 4, 2017")
    as non-title tokens: their display name, handle and date are capitalised, and a run through them
    left, once the signature took its own span, a word either side as a spliced headline ("[So] was Hitler").

    >>> text = "We are. Dawn McCallan (@DawnMacc) June 4, 2017 So was Hitler."
    >>> toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    >>> _unsigned(text, toks, "".join(_title_flag(t) for _, _, t in toks))
    '100000000101'
    """
    signed = [m.span() for m in TWEET_SIGNATURE.finditer(text)]
    if not signed:
        return flags
    # Tokens and signatures both in order, signatures disjoint: one walk through each. (Testing every
    # signature at every token was quadratic: a 2 MB paragraph of embedded tweets took 68 s.)
    out = []
    k = 0
    for (start, _, _), flag in zip(toks, flags):
        while k < len(signed) and signed[k][1] <= start:
            k += 1
        out.append("0" if k < len(signed) and signed[k][0] <= start else flag)
    return "".join(out)


def _hit(line: Line, toks: list[tuple[int, int, str]], i: int, j: int) -> Hit:
    return Hit(line.start + toks[i][0], line.start + toks[j - 1][1], Label.SPLICED_HEADLINE, "headline_title_case",
               STRENGTH)


def _is_headline(toks: list[tuple[int, int, str]], i: int, j: int) -> bool:
    """True when the title tokens ``toks[i:j]`` are a Title Case headline spliced into the prose around them."""
    run = toks[i:j]
    before = _neighbour(toks, i - 1, -1)
    # a run that opens its line is inside prose only if a lower-case word follows it at once
    after = _neighbour(toks, j, 1) if i else (toks[j][2] if j < len(toks) else "")
    inside = before[:1].islower() or after[:1].islower() or after == "|"
    # the first word of a sentence is capitalised anyway: it is not a mark
    # a headline verb marks a run inside a line, not a line's own title ("Romo Gets Ready With ...")
    # and neither is one that opens a sentence inside the run ("… Group PLC. For 1985 …")
    small = sum((_small(t) or (i > 0 and _verb(t))) and not p.endswith((".", "?", "!"))
                for (_, _, p), (_, _, t) in pairwise(run))
    shouted = sum(_shouted(t) or _cased(t) for _, _, t in run)  # a sentence does not start by shouting
    # at least one capitalised small word: lines of capitals alone are racecards and specs
    # a run with prose on both sides cannot be the line's own title: one mark is enough
    sandwiched = i > 0 and before[:1].islower() and (after[:1].islower() or after == "|")
    marks = SANDWICH_MARKS if sandwiched else MIN_MARKS
    words = [t for _, _, t in run if t != ","]
    ordinal = any(_cased(t) and t[0].isdigit() for t in words)  # prose never writes "4Th": no small word needed
    # racecards and tables are runs of names and numbers ("1. Friday Friend (2) Shailesh 59.5, 2. …")
    numeric = sum(not any(c.isalpha() for c in t) for t in words)
    return (len(words) >= MIN_RUN and (small > 0 or ordinal) and small + shouted >= marks and inside
            and numeric <= MAX_NUMERIC_SHARE * len(words))
