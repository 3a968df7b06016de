"""Calls to action: "Follow us on Twitter", "Sign up for our newsletter", "Click here", "Subscribe to…".

A line that tells the reader to do something with the site, not what happened, is page furniture.
The prompt must stand where an imperative stands (the line's start, or after a sentence or a
separator), so prose that mentions a newsletter or a bond subscription is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

# *-body-dev gold: 40 of 44 matched lines are furniture (aeb 16 of 17, l3s 24 of 27; l3s keeps two
# "Click here for the latest odds" lines inside a sports story); 0 lines in 3,000 training Reuters.
# Below the 0.9 of a sure prompt: a "Click here" inside a story stays the classifier's call.
STRENGTH = 0.6

# Longer than this, a line is prose that may quote a prompt.
MAX_CHARS = 250

PROMO = re.compile(
    r"""
    (?:^[*#>•\s]*|[.!?:)|]\s+)                           # where an imperative stands (after a bullet too)
    (?P<prompt>
        (?:please\ )?follow\ (?:us|him|her|me|@\w+)
      | sign\ up\ (?:for|to|now|here)
      | subscribe\ (?:to|now|today|here)\b
      | download\ (?:our|the)\ (?:free\ )?app
      | get\ the\ latest
      | (?:click|tap)\ here
      | buy\ now\b
      | share\ (?:this|it)\ (?:everywhere|with\ (?:your|all\ your)\ friends)
      | like\ us\ on\ facebook
      | join\ us\ on
      | for\ (?:the\ )?latest\ (?:news|headlines|updates)
      | (?:e-?mail|contact)\ (?:the\ )?(?:author|reporter|us)\ at
      | (?:\w+\ )?(?:e-?mail\ )?newsletters?\b
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Every PROMO alternative holds one of these (lower-cased): most lines hold none and skip the search.
HINTS = ("follow", "sign up", "subscribe", "download", "latest", "here", "facebook", "join us", " at", "newsletter",
         "share", "buy now")


# A paragraph-long product blurb that ends in a shop button: "× 101 Things All Young Adults Should Know by
# Sir John Hawkins ... in short, digestible chapters. Buy Now" (a pop-up in 18 of the 70 FakeNewsNet articles
# of data/wild, on a line of its own or glued inside a paragraph). The button stands alone after the blurb's
# last sentence, title-cased: prose that says "a pick you can buy now." does not. The whole line is the
# advertisement, so the hit starts where the line does, at any length up to BLURB_MAX_CHARS. *-dev gold:
# 1 such line ("DLP® HDTV. The clear choice. Shop Now"), furniture; none in the synthetic training
# documents or in the 7,168 Reuters articles.
BLURB_TAIL = re.compile(r"[.!?:)|][ \t]+(?:Buy|Shop|Order|Pre-?order) (?:Now|Today)!?[ \t]*$")
BLURB_ENDS = ("Now", "Now!", "Today", "Today!")  # every BLURB_TAIL ends in one: most lines skip the search
BLURB_MAX_CHARS = 800
BLURB_STRENGTH = 0.9
# ... and the same pop-up glued inside a paragraph, from its close button to its shop button: "... to do
# so. × 101 Things All Young Adults Should Know by Sir John Hawkins ... chapters. Buy Now The lawsuit says".
INLINE_BLURB = re.compile(
    rf"(?<!\S)×[ \t]+[A-Z0-9][^\n×]{{20,{BLURB_MAX_CHARS}}}?[.!?:)][ \t]+(?:Buy|Shop|Order) Now\b!?"
)


def promo_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a call to action in an imperative's place, from the prompt to the end of its line, and a
    blurb that ends in a shop button (``BLURB_TAIL``) whole.

    >>> from garble.segment import segment
    >>> doc = segment("Follow us on Twitter.\\nShe reads our newsletter every day. Sign up here for it.")
    >>> [doc.text[h.start:h.end] for h in promo_lines(doc.blocks[0], doc)]
    ['Follow us on Twitter.', 'Sign up here for it.']
    >>> doc = segment("The clear choice in televisions, for every room. Shop Now")
    >>> [(doc.text[h.start:h.end], h.reason) for h in promo_lines(doc.blocks[0], doc)]
    [('The clear choice in televisions, for every room. Shop Now', 'furniture_promo_blurb')]
    """
    for line in block.lines:
        if "×" in line.text:
            for blurb in INLINE_BLURB.finditer(line.text):
                if blurb.start() > 0 or blurb.end() < len(line.text.rstrip()):  # a whole line is BLURB_TAIL's
                    yield Hit(line.start + blurb.start(), line.start + blurb.end(), Label.BOILERPLATE,
                              "furniture_promo_blurb", BLURB_STRENGTH)
        if (len(line.text) <= BLURB_MAX_CHARS and line.text.rstrip().endswith(BLURB_ENDS)
                and BLURB_TAIL.search(line.text)):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_promo_blurb", BLURB_STRENGTH)
            continue
        if len(line.text) > MAX_CHARS:
            continue
        lower = line.text.lower()
        if any(hint in lower for hint in HINTS) and (m := PROMO.search(line.text)):
            yield Hit(line.start + m.start("prompt"), line.end, Label.BOILERPLATE, "furniture_promo", STRENGTH)
