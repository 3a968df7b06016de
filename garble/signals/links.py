"""Injected links: hover cards, teasers, related-story lines and headline lists pulled into the body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label
from garble.lexical import is_common
from garble.signals.boilerplate import PROMPT_LINE, TIMESTAMP_LINE

# Two words glued at an injection seam: "BidenCawthorn", "FacebookTwitter".
GLUED_WORDS = re.compile(
    r"""
    \b[A-Z]?[a-z]{2,}      # the end of the first text (a word, maybe capitalised)
    [A-Z][a-z]{2,}\b       # the start of the second, capitalised
    """,
    re.VERBOSE,
)

# Name prefixes that legitimately carry an inner capital ("MacArthur", "VanDyke").
CAMEL_PREFIXES = ("Mac", "Van", "Von", "Della", "Des")

# Markers of a teaser chain (thehill.com hover cards and "related" boxes).
TEASER_MARKER = re.compile(
    r"""
    (?P<colon>(?:[A-Z][\w.’'-]*\ ){0,3}[A-Z][\w.’'-]*:\ (?=[A-Z‘'"]))  # "On The Money: Biden ..."
  | (?P<pipe>\ \|\ )                                                    # " | " between two titles
  | (?P<more>\bfor\ more\b | \bMORE\b)                                  # the card's "MORE" link
    """,
    re.VERBOSE,
)

# Markers further apart than this (characters) belong to different chains; a
# hover card is 100-250 characters (thehill pages in shared/data/pages).
CHAIN_GAP = 200

# Inline link furniture with one unmistakable shape.
INLINE_LINK = re.compile(
    r"""
    \(Published\ [A-Z][a-z]+,\ [A-Z][a-z]{2,3}\.?\ \d{1,2},\ \d{4}\)   # (Published Monday, Nov. 18, 2019)
  | \bClick\ To\ Tweet\b                                              # tweetable-quote widget
    """,
    re.VERBOSE,
)

# Prompts after which a short line is a related-story link ("Read more:" + a headline).
LINK_PROMPT = re.compile(r"^(?:read\ (?:more|also|next)|related|see\ also|more\ from)", re.IGNORECASE | re.VERBOSE)


def _is_glued(token: str, doc: Document) -> bool:
    return not (token.startswith(CAMEL_PREFIXES) or is_common(token.lower()))


def glued_seams(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag tokens that are two words glued at a seam ("BidenCawthorn").

    Strong when a "Name:" colon follows (a teaser's column prefix), weak otherwise:
    brand names ("PlayStation") share the shape, so wordfreq-known ones are skipped.

    >>> from garble.segment import segment
    >>> doc = segment("President Biden Joe BidenCawthorn: Biden’s plan")
    >>> [(doc.text[h.start:h.end], h.strength) for h in glued_seams(doc.blocks[0], doc)]
    [('BidenCawthorn', 0.8)]
    """
    for m in GLUED_WORDS.finditer(block.text):
        if _is_glued(m.group(), doc):
            strength = 0.8 if block.text.startswith(":", m.end()) else 0.35
            yield Hit(block.start + m.start(), block.start + m.end(), Label.INJECTED_LINK,
                      "link_glued_seam", strength)


def _marker_start(text: str, m: re.Match[str]) -> int:
    """A colon marker starts at its last word ("BidenCawthorn:"), the others where they match."""
    if m.lastgroup == "colon":
        return text.rfind(" ", m.start(), m.end() - 1) + 1 or m.start()
    return m.start()


def _chains(block: Block, doc: Document) -> Iterator[list[tuple[int, int, str]]]:
    markers = [(_marker_start(block.text, m), m.end(), m.lastgroup or "") for m in TEASER_MARKER.finditer(block.text)]
    markers += [(m.start(), m.end(), "seam") for m in GLUED_WORDS.finditer(block.text)
                if _is_glued(m.group(), doc)]
    markers.sort()
    chain: list[tuple[int, int, str]] = []
    for marker in markers:
        if chain and marker[0] - chain[-1][1] > CHAIN_GAP:
            yield chain
            chain = []
        chain.append(marker)
    if chain:
        yield chain


def teaser_runs(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag hover-card and teaser chains: glued seams, "Column:" prefixes, " | " pipes, "for more".

    A chain needs three markers, one of them a glued seam or a pipe, which prose
    alone does not produce, and one a column prefix or a "for more" (product names
    like "NetPrint" and "RoadMate" glue words too, but come without them).

    >>> from garble.segment import segment
    >>> t = ("He Joe BidenCawthorn: Biden plan could fail On The Money: Biden fires chief"
    ...      " | IRS scandals follow Biden for more funding in May.")
    >>> doc = segment(t)
    >>> [doc.text[h.start:h.end] for h in teaser_runs(doc.blocks[0], doc)]
    ['Joe BidenCawthorn: Biden plan could fail On The Money: Biden fires chief | IRS scandals follow Biden for more']
    """
    for chain in _chains(block, doc):
        kinds = [kind for _, _, kind in chain]
        has_anchor = bool({"seam", "pipe"} & set(kinds))
        has_card = bool({"colon", "more"} & set(kinds))
        if len(chain) < 3 or not has_anchor or not has_card:
            continue
        start = _back_over_capitals(block.text, chain[0][0])
        strength = 0.9 if "seam" in kinds else 0.75
        yield Hit(block.start + start, block.start + chain[-1][1], Label.INJECTED_LINK, "link_teaser_chain", strength)


def _back_over_capitals(text: str, pos: int, limit: int = 1) -> int:
    """Move ``pos`` back over up to ``limit`` capitalised words (the first name of "Joe BidenCawthorn")."""
    for _ in range(limit):
        before = text.rfind(" ", 0, max(pos - 1, 0))
        word = text[before + 1 : pos].strip()
        if not word[:1].isupper() or not word.isalpha():
            break
        pos = before + 1
    return pos


def inline_links(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag "(Published Monday, Nov. 18, 2019)" stamps and "Click To Tweet" widgets."""
    for m in INLINE_LINK.finditer(block.text):
        yield Hit(block.start + m.start(), block.start + m.end(), Label.INJECTED_LINK, "link_inline_widget", 0.9)


def headline_lists(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a block of headlines alternating with time stamps, as one injected-link stretch.

    >>> from garble.segment import segment
    >>> doc = segment("Trump could exit talks\\n13:56 27.05.2025\\nOpening held in Baku\\n20:57 21.05.2025")
    >>> [h.reason for h in headline_lists(doc.blocks[0], doc)]
    ['link_headline_list']
    """
    lines = block.lines
    stamps = sum(1 for ln in lines if TIMESTAMP_LINE.match(ln.text))
    # Two headline/stamp pairs at least, and stamps on at least 40 % of the lines
    # (seed-000's list is 50 %; one stray caption line should not break it).
    if len(lines) >= 4 and stamps >= 2 and stamps >= 0.4 * len(lines):
        # The list ends at its last stamp: a menu word after it ("Hamısı") is furniture of its own.
        end = max(ln.end for ln in lines if TIMESTAMP_LINE.match(ln.text))
        yield Hit(block.start, end, Label.INJECTED_LINK, "link_headline_list", 0.95)


def after_prompt(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a one-line, unpunctuated block right after a "Read more:"-style prompt.

    >>> from garble.segment import segment
    >>> doc = segment("Read more:\\n\\nIEPF issued a statement on children")
    >>> [h.reason for h in after_prompt(doc.blocks[1], doc)]
    ['link_after_prompt']
    """
    if block.index == 0 or len(block.lines) != 1 or len(block.text) > 160 or block.text[-1] in ".!?”\"":
        return
    prev = doc.blocks[block.index - 1].text
    if len(prev) <= 40 and PROMPT_LINE.match(prev) and LINK_PROMPT.match(prev):
        yield Hit(block.start, block.end, Label.INJECTED_LINK, "link_after_prompt", 0.85)
