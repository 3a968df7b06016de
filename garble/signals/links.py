"""Injected links: hover cards, teasers, related-story lines and headline lists pulled into the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from garble.datatypes import Block, Document, Hit, Label
from garble.lexical import is_common
from garble.signals.boilerplate import MAX_FURNITURE_LINE, PROMPT_LINE, TIMESTAMP_LINE

# Two words glued at an injection seam: "BidenCawthorn", "FacebookTwitter".
GLUED_WORDS = re.compile(
    r"""
    (?<![@\#\w])           # not a handle or hashtag (@SheriffClarke, #TodayInSenate)
    [A-Z]?[a-z]{2,}        # the end of the first text (a word, maybe capitalised)
    [A-Z][a-z]{2,}\b       # the start of the second, capitalised
    """,
    re.VERBOSE,
)

# Name prefixes that legitimately carry an inner capital ("MacArthur", "VanDyke").
CAMEL_PREFIXES = ("Mac", "Van", "Von", "Della", "Des")

# Markers of a teaser chain (thehill.com hover cards and "related" boxes).
TEASER_MARKER = re.compile(
    r"""
    (?P<colon>(?:[A-Z][\w.’'-]{0,30}\ ){0,3}[A-Z][\w.’'-]{0,30}:\ (?=[A-Z‘'"]))  # "On The Money: Biden"
  | (?P<pipe>\ \|\ )                                                    # " | " between two titles
  | (?P<more>\bfor\ more\b)                                              # a teaser's "for more"
  | (?P<card_end>\bMORE\b)                                               # the card's "MORE" link
    """,
    re.VERBOSE,
)
# Text every TEASER_MARKER match contains, one per alternative: a block without any is
# not searched (the colon alternative is tried at every capital letter otherwise).
TEASER_CORES = (": ", " | ", "for more", "MORE")

# Markers further apart than this (characters) belong to different chains; a
# hover card's teasers run 100-300 characters between seams and "MORE" (thehill pages
# in shared/data/pages).
CHAIN_GAP = 300

# A capitalised name piece or any other run of non-space text, for walking back over a
# hover card's name ("Kristi Lynn Noem" in "Gov. Kristi NoemKristi Lynn NoemSouth Dakota ...").
NAME_PIECE = re.compile(r"[A-Z][a-z’'.-]*|[^\sA-Z]+")
# A card's name has at most this many words ("Alexandria Ocasio-Cortez", "Donald Trump Jr.").
MAX_NAME_WORDS = 4

# Inline link furniture with one unmistakable shape.
INLINE_LINK = re.compile(
    r"""
    \(Published\ [A-Z][a-z]+,\ [A-Z][a-z]{2,3}\.?\ \d{1,2},\ \d{4}\)   # (Published Monday, Nov. 18, 2019)
  | \bClick\ To\ Tweet\b                                              # tweetable-quote widget
    """,
    re.VERBOSE,
)

# A linked headline is one line up to this long (the longest related-story line in
# the l3s body-dev gold is about 120 characters).
MAX_LINK_LINE = 160
# Related-story lists after a prompt run up to this many blocks (l3s lists have 3-8).
MAX_LINK_RUN = 12

# Prompts after which a short line is a related-story link ("Read more:" + a headline).
LINK_PROMPT = re.compile(r"^(?:read\ (?:more|also|next)|(?:latest\ )?related|see\ also|more\ from|(?:also|more|elsewhere)\ (?:in|on)\ )",
                         re.IGNORECASE | re.VERBOSE)


# A lower-case letter before a capital: every GLUED_WORDS match has one, most paragraphs none.
# Only ever tested for a match: it is found from the capital, looking back at the letter before, so
# the search skips to the few capitals instead of trying every lower-case letter (its two searches
# of each paragraph of the *-body-test files: 25.7 -> 12.8 ms CPU a pass, min of 9).
CASE_SEAM = re.compile(r"[A-Z](?<=[a-z][A-Z])")


def _glued_words(text: str) -> Iterator[re.Match[str]]:
    """``GLUED_WORDS.finditer(text)``, without the search when no lower-case letter precedes a capital."""
    return GLUED_WORDS.finditer(text) if CASE_SEAM.search(text) else iter(())


def _is_glued(token: str, doc: Document) -> bool:
    return not (token.startswith(CAMEL_PREFIXES) or is_common(token.lower()))


# A caption run into its credit ("... who sought treatmentCredit: EPA", data/wild): the credit signals flag
# the credit, and the caption's last word before it is no link text.
CREDIT_WORDS = ("Credit", "Credits", "Photo", "Photos", "Image", "Images", "Picture", "Pictures", "Source")


def _seams(text: str, doc: Document) -> Iterator[re.Match[str]]:
    """The glued words of ``text`` that are seams: not a brand or a name with an inner capital, nor a
    caption glued to its "Credit:"."""
    for m in _glued_words(text):
        if _is_glued(m.group(), doc) and not (m.group().endswith(CREDIT_WORDS) and text.startswith(":", m.end())):
            yield m


def glued_seams(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag tokens that are two words glued at a seam ("BidenCawthorn").

    Strong when a "Name:" colon follows (a teaser's column prefix), weak otherwise:
    brand names ("PlayStation") share the shape, so wordfreq-known ones are skipped.

    >>> from garble.segment import segment
    >>> doc = segment("President Biden Joe BidenCawthorn: Biden’s plan")
    >>> [(doc.text[h.start:h.end], h.strength) for h in glued_seams(doc.blocks[0], doc)]
    [('BidenCawthorn', 0.8)]
    """
    for m in _seams(block.text, doc):
        strength = 0.8 if block.text.startswith(":", m.end()) else 0.35
        yield Hit(block.start + m.start(), block.start + m.end(), Label.INJECTED_LINK, "link_glued_seam", strength)


def _marker_start(text: str, m: re.Match[str]) -> int:
    """A colon marker starts at its last word ("BidenCawthorn:"), the others where they match."""
    if m.lastgroup == "colon":
        return text.rfind(" ", m.start(), m.end() - 1) + 1 or m.start()
    return m.start()


class _Marker(NamedTuple):
    start: int  # a colon marker's last word ("BidenCawthorn:"), the others where they match
    end: int
    kind: str  # the TEASER_MARKER group, or "seam" for glued words
    opens: int  # where the marker's words start: a colon marker's first capitalised word ("Hillicon Valley:")


def _chains(block: Block, doc: Document) -> Iterator[list[_Marker]]:
    # An upper-case column word ("PUBLISHED:", "UPDATED:") is a stamp, not a teaser's column.
    has_marker = any(core in block.text for core in TEASER_CORES)
    markers = [_Marker(_marker_start(block.text, m), m.end(), m.lastgroup or "", m.start())
               for m in (TEASER_MARKER.finditer(block.text) if has_marker else ())
               if not (m.lastgroup == "colon" and m.group().rstrip(": ").rsplit(" ", 1)[-1].isupper())]
    markers += [_Marker(m.start(), m.end(), "seam", m.start()) for m in _seams(block.text, doc)]
    markers.sort()
    chain: list[_Marker] = []
    for marker in markers:
        if chain and marker.start - chain[-1].end > CHAIN_GAP:
            yield chain
            chain = []
        chain.append(marker)
    if chain:
        yield chain


def teaser_runs(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag hover-card and teaser chains: glued seams, "Column:" prefixes, " | " pipes, "for more".

    A chain needs three markers: a glued seam with a column prefix or a "for more"
    (product names like "NetPrint" glue words too, but come without them), or a pipe
    with a column prefix. A seam closed by "MORE" is a card on its own.

    >>> from garble.segment import segment
    >>> t = ("President Biden Joe BidenCawthorn: Biden plan could fail On The Money: Biden fires chief"
    ...      " | IRS scandals follow Biden for more funding in May.")
    >>> doc = segment(t)
    >>> [doc.text[h.start:h.end] for h in teaser_runs(doc.blocks[0], doc)]
    ['Joe BidenCawthorn: Biden plan could fail On The Money: Biden fires chief | IRS scandals follow Biden for more']
    """
    # a card and a seam chain need a glued seam, a pipe chain " | " and a "Column: " prefix
    if not CASE_SEAM.search(block.text) and not (" | " in block.text and ": " in block.text):
        return
    for chain in _chains(block, doc):
        kinds = [marker.kind for marker in chain]
        found = set(kinds)
        # A seam closed by the card's own "MORE" is a card even without a third marker.
        is_card = {"seam", "card_end"} <= found
        seam_chain = "seam" in found and bool({"colon", "more", "card_end"} & found)
        pipe_chain = {"pipe", "colon"} <= found  # "Column: title | title"
        if not is_card and (len(chain) < 3 or not (seam_chain or pipe_chain)):
            continue
        start = _card_start(block.text, chain)
        strength = 0.9 if "seam" in kinds else 0.75
        yield Hit(block.start + start, block.start + chain[-1].end, Label.INJECTED_LINK, "link_teaser_chain", strength)


def _card_start(text: str, chain: list[_Marker]) -> int:
    """Where a hover card starts: the full name that ends at a glued seam.

    thehill.com cards repeat the linked person's full name right after the surname in
    the text, then glue their teasers on: walking back from a seam's inner capital over
    name words, the card starts after the word that equals the name's surname. With no
    seam (an extractor put a space or a paragraph break after the name: "Rep. Ilhan Omar" +
    "Ilhan Omar Hillicon Valley: …"), a chain starts with its first marker's words, the
    capitalised ones before a column's colon included.
    """
    for start, end, kind, _ in chain:
        if kind != "seam":
            continue
        cut = next(i for i in range(start + 1, end) if text[i].isupper())
        pieces = [m for m in NAME_PIECE.finditer(text, max(0, cut - 80), cut)][::-1]
        if not pieces or not pieces[0].group()[:1].isupper():
            continue
        surname = pieces[0].group()
        for n, piece in enumerate(pieces[1 : MAX_NAME_WORDS + 1], 1):
            if piece.group() == surname:
                return pieces[n - 1].start()
            if not piece.group()[:1].isupper():
                break
    return chain[0].opens


def inline_links(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag "(Published Monday, Nov. 18, 2019)" stamps and "Click To Tweet" widgets as boilerplate.

    They are page furniture, not link text: the aeb gold labels a video player's published
    stamp boilerplate (scrapinghub-aeb-body-51d066b0602c9421), and the generator's stamps and
    "Click To Tweet" prompts are furniture too. The reason code keeps its name.
    """
    if "(Published " not in block.text and "Click To Tweet" not in block.text:  # what each alternative holds
        return
    for m in INLINE_LINK.finditer(block.text):
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BOILERPLATE, "link_inline_widget", 0.9)


def headline_lists(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a block of headlines alternating with time stamps, as one injected-link stretch.

    >>> from garble.segment import segment
    >>> doc = segment("Trump could exit talks\\n13:56 27.05.2025\\nOpening held in Baku\\n20:57 21.05.2025")
    >>> [h.reason for h in headline_lists(doc.blocks[0], doc)]
    ['link_headline_list']
    """
    lines = block.lines
    if len(lines) < 4:  # too few for a list (below): most paragraphs are one line, and skip the stamp search
        return
    stamps = sum(1 for ln in lines if TIMESTAMP_LINE.match(ln.text))
    # Two headline/stamp pairs at least, and stamps on at least 40 % of the lines
    # (seed-000's list is 50 %; one stray caption line should not break it).
    if len(lines) >= 4 and stamps >= 2 and stamps >= 0.4 * len(lines):
        # The list ends at its last stamp: a menu word after it ("Hamısı") is furniture of its own.
        end = max(ln.end for ln in lines if TIMESTAMP_LINE.match(ln.text))
        yield Hit(block.start, end, Label.INJECTED_LINK, "link_headline_list", 0.95)


def _is_link_line(block: Block) -> bool:
    """One short line without closing punctuation: the shape of a linked headline."""
    return len(block.lines) == 1 and len(block.text) <= MAX_LINK_LINE and block.text[-1] not in ".!?”\"…"


def after_prompt(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag one-line, unpunctuated blocks in a run that follows a "Read more:"-style prompt.

    >>> from garble.segment import segment
    >>> doc = segment("Read more:\\n\\nIEPF issued a statement on children\\n\\nNew bridge opens in the north")
    >>> [h.reason for b in doc.blocks for h in after_prompt(b, doc)]
    ['link_after_prompt', 'link_after_prompt']
    """
    if block.index in _prompt_runs(doc):
        yield Hit(block.start, block.end, Label.INJECTED_LINK, "link_after_prompt", 0.85)


# The last document _prompt_runs worked on and its answer: every block of a document asks, and the
# answer for all of them is one pass (a look-back of up to MAX_LINK_RUN blocks from each took 1.0 of
# the 6.5 s of a scan of 100,000 one-word paragraphs). Held by identity, so a new document is a miss; it
# keeps the last document alive until the next one, and one tuple is swapped in whole, so threads are safe.
_prompt_runs_memo: tuple[Document, frozenset[int]] | None = None


def _prompt_runs(doc: Document) -> frozenset[int]:
    """The indexes of the link lines (``_is_link_line``) that follow a link prompt ("Read more:") within
    MAX_LINK_RUN blocks, with only link lines between.

    >>> from garble.segment import segment
    >>> sorted(_prompt_runs(segment("Read more:\\n\\nBridge opens\\n\\nA sentence.\\n\\nFair ends")))
    [1]
    """
    global _prompt_runs_memo
    memo = _prompt_runs_memo
    if memo is not None and memo[0] is doc:
        return memo[1]
    flagged = set()
    prompt = None  # the index of the nearest prompt with only link lines after it
    for i, block in enumerate(doc.blocks):
        link = _is_link_line(block)
        if link and prompt is not None and i - prompt <= MAX_LINK_RUN:
            flagged.add(i)
        text = block.text
        if len(text) <= MAX_FURNITURE_LINE and LINK_PROMPT.match(text) and PROMPT_LINE.match(text):
            prompt = i
        elif not link:
            prompt = None
    runs = frozenset(flagged)
    _prompt_runs_memo = (doc, runs)
    return runs


# Another story's teaser: its headline, then its dateline and lede on the same line ("SC asks Kerala
# govt to come out with law for Sabarimala NEW DELHI: The Supreme Court on ..."). An article's own
# dateline opens its line; here a headline (with no closing punctuation) stands before it.
# The lede is prose: lower-case words among its first ones, where a shouted headline spliced into a
# sentence ("... and may WATCH: Anderson Cooper Throws MAJOR Shade At ...") goes on in Title Case.
# *-body-dev: 8 of 8 such lines are gold furniture (aeb), none in l3s; 0 in 3,000 training Reuters,
# 0 of 1,000 synthetic training documents (19 with the lede unchecked, all spliced headlines).
DATELINE_TEASER = re.compile(
    r"""
    ^[^\n]{20,200}?[^.!?\s"”’]               # a headline: no sentence end
    \ (?P<place>[A-Z][A-Z.]{2,}(?:[\ -][A-Z][A-Z.]+){0,2}):   # a dateline in capitals: "NEW DELHI:", "COLOMBO:"
    \ (?P<lede>[A-Z"“][^\n]*)                # the lede
    """,
    re.VERBOSE,
)
# Shouted headline openers, not places (the "WORD:" prefixes of shared/data/lexicon/headlines-fakenews.txt,
# and the page's own labels "PUBLISHED:", "UPDATED:", "VIDEO:", "EXCLUSIVE:"), and the three-letter capitals
# of agencies ("DOJ:", "IRS:"): a dateline is a place of four letters or more.
SHOUTS = frozenset([
    "WATCH", "BREAKING", "OOPS", "REPORT", "REPORTS", "WHOA", "BUSTED", "CONFIRMED", "UPDATE", "UPDATED",
    "LEAKED", "EXPOSED", "ENOUGH", "BACK", "POLL", "SURPRISE", "EXCLUSIVE", "VIDEO", "PUBLISHED", "JUST IN",
    "BREAKING NEWS", "BOMBSHELL", "BOMBSHELL REPORT", "BREAKING REPORT", "NEW", "WOW", "LOL", "WTF",
])
LEDE_WORDS = 8  # the lede's first words, of which MIN_LEDE_LOWER (after the first) are lower case
MIN_LEDE_LOWER = 2


def dateline_teasers(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a line that is another story's headline, dateline and lede: a teaser.

    >>> from garble.segment import segment
    >>> doc = segment("All schools in J-K open; attendance 98pc: Govt NEW DELHI: All schools are now open, it said.")
    >>> [h.reason for h in dateline_teasers(doc.blocks[0], doc)]
    ['link_dateline_teaser']
    >>> doc = segment("NEW DELHI: All schools are now open, the government said.")
    >>> list(dateline_teasers(doc.blocks[0], doc))
    []
    """
    if ": " not in block.text:  # every teaser has one
        return
    for line in block.lines:
        if (m := DATELINE_TEASER.match(line.text)) is None:
            continue
        place, lede = m.group("place"), m.group("lede").split(None, LEDE_WORDS)[1:LEDE_WORDS]
        if place in SHOUTS or (" " not in place and len(place) < 4):
            continue
        if sum(word[0].islower() for word in lede) >= MIN_LEDE_LOWER:
            yield Hit(line.start, line.end, Label.INJECTED_LINK, "link_dateline_teaser", 0.8)
