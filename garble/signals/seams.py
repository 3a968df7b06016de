"""Seams where text was cut or joined: missing sentence breaks, cut-off sentences, doubled determiners."""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label
from garble.lexical import DANGLING_WORDS

# Two determiners in a row: "share a the willingness".
DOUBLED_DETERMINER = re.compile(
    r"""
    \b(?:a|an)\s+the\b                  # "a the", "an the"
  | \bthe\s+an?\b                       # "the a", "the an" ("the the" is repetition's)
    """,
    re.VERBOSE,
)

# A clause that ends without punctuation and a new one that starts capitalised:
# "with US efforts Other countries have tried". The second word is a closed-class
# clause opener, which is never capitalised mid-sentence (titles aside: the first
# word must be lower case and not a preposition that could open a title).
MISSING_BREAK = re.compile(
    r"""
    \b(?P<tail>(?:\S{1,40}\ ){0,2}[a-z]{3,})   # up to three words ending the first clause, last lower case
    \ (?P<head>Other|They|These|Those|However|Meanwhile|But|It|He|She|We)   # a clause opener
    \ (?=[a-z])                            # followed by a lower-case word, as prose goes on
    """,
    re.VERBOSE,
)
# What every MISSING_BREAK match contains, searched first: the full pattern tries up to
# three words at every word start, which costs more than the rest of this module.
MISSING_BREAK_CORE = re.compile(r"[a-z]{3}\ (?:Other|They|These|Those|However|Meanwhile|But|It|He|She|We)\ [a-z]")

# A possessive that cannot follow the noun phrase of a preposition: "in the program its
# development" (a word was dropped or the phrase scrambled). After a verb the same
# shape is English ("gave the program its name"), so a preposition must lead.
STRAY_POSSESSIVE = re.compile(
    r"""
    \b(?:in|of|on|for|with|from|by|at|into|about)   # a preposition
    \ (?:the|a|an)\ [a-z]{3,}                        # its noun phrase: "the program"
    \ (?:its|their)\ [a-z]{3,}\b                    # a possessive phrase glued on: "its development"
    """,
    re.VERBOSE,
)

# Nouns that take a that-less clause ("at the news his partner had left"): not a seam.
CLAUSE_NOUNS = frozenset([
    "news", "fact", "idea", "claim", "claims", "report", "reports", "hope", "fear", "fears", "belief",
    "suggestion", "possibility", "assurance", "assurances", "view", "notion", "sense", "feeling",
    # ... and nouns that head a that-less relative clause ("in the way its business works")
    "way", "time", "day", "year", "moment", "place", "reason", "money", "thing", "things", "amount",
])

# Words after which a capitalised opener is legitimate (a title or a quotation starts).
TITLE_LEADS = frozenset([
    "of", "in", "on", "at", "for", "from", "with", "by", "to", "and", "or", "as", "called", "titled",
    "named", "the", "said", "says"
])

# A paragraph this many words long that ends with no terminal punctuation on a
# function word was cut off (headings are shorter and end in content words).
MIN_CUT_WORDS = 8
TERMINAL = ".!?…:;\"”’)]"
# How many words before the cut a hit covers (seed-004's gold seam is three words).
CUT_TAIL_WORDS = 3


def doubled_determiners(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag two articles in a row ("a the").

    >>> from garble.segment import segment
    >>> doc = segment("They share a the willingness to engage.")
    >>> [doc.text[h.start:h.end] for h in doubled_determiners(doc.blocks[0], doc)]
    ['a the']
    """
    for m in DOUBLED_DETERMINER.finditer(block.text):
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BROKEN_TEXT, "seam_doubled_determiner", 0.9)


def missing_breaks(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a sentence that runs into the next with no punctuation ("efforts Other countries").

    >>> from garble.segment import segment
    >>> doc = segment("It is a partner, with US efforts Other countries have tried to engage.")
    >>> [doc.text[h.start:h.end] for h in missing_breaks(doc.blocks[0], doc)]
    ['with US efforts']
    """
    if not MISSING_BREAK_CORE.search(block.text):
        return
    for m in MISSING_BREAK.finditer(block.text):
        last = m.group("tail").rsplit(" ", 1)[-1]
        if last in TITLE_LEADS:
            continue
        yield Hit(block.start + m.start("tail"), block.start + m.end("tail"), Label.BROKEN_TEXT,
                  "seam_missing_break", 0.6)


def cut_offs(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a paragraph that stops mid-sentence on a function word ("... talks with the").

    >>> from garble.segment import segment
    >>> doc = segment("The minister said the talks would resume next week with the")
    >>> [doc.text[h.start:h.end] for h in cut_offs(doc.blocks[0], doc)]
    ['week with the']
    """
    text = block.text
    if text[-1] in TERMINAL or len(text.split()) < MIN_CUT_WORDS or " | " in text:
        return
    last = text.rsplit(None, 1)[-1]
    if last.lower() not in DANGLING_WORDS:
        return
    # The damage is the stub left of the cut sentence: its last few words, as in seed-004's
    # "with US efforts" (the rest of the sentence is intact text).
    tail = text.rsplit(None, CUT_TAIL_WORDS)
    start = len(text) - len(" ".join(tail[1:])) if len(tail) > CUT_TAIL_WORDS else 0
    yield Hit(block.start + start, block.end, Label.BROKEN_TEXT, "seam_cut_off", 0.7)


def stray_possessives(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a possessive phrase glued to a preposition's noun phrase ("in the program its development").

    >>> from garble.segment import segment
    >>> doc = segment("Talks failed due to its engagement in the program its development of arms.")
    >>> [doc.text[h.start:h.end] for h in stray_possessives(doc.blocks[0], doc)]
    ['in the program its development']
    """
    for m in STRAY_POSSESSIVE.finditer(block.text):
        if m.group().split()[2] in CLAUSE_NOUNS:
            continue
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BROKEN_TEXT, "seam_stray_possessive", 0.55)
