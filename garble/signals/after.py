"""Furniture rules applied after the models: lines whose hits are spans of their own, never model features.

A hit of a registered signal (``garble.signals.BLOCK_SIGNALS``) is also a feature of the line it lies on, so a
new one changes what the shipped trees were fitted on, and their weights would have to be retrained and their
figures measured again. These rules find lines the models miss and that need no model to judge:

* ``site_lines``, for every weights: a site's own widgets and links ("Skip to main content", "Comments (3)",
  "Terms of Use | Privacy Policy"). No gold keeps one as text: on the *-dev files 17 lines in the body gold,
  all furniture (l3s 11, aeb 6), 643 in the page gold, all furniture; none in the Reuters articles.
* ``hover_names``, for every weights: a hover card's name, the person's name given again and glued to the
  card's first headline ("Prime Minister Boris Johnson Boris JohnsonJohnson faces revolt ... said"). The glued
  word alone is a weak hit (brand names glue words too) that the models passed unless a "Name:" column or a
  "MORE" followed; the name said twice before it is the card's own mark. Once in all the labelled data (the seed,
  which other signals find too), never in the 7,168 Reuters articles, the pages or data/wild.
* ``rights_lines`` and ``tag_lines``, for the strict weights only (``garble.signals.STRICT_SIGNALS``): a
  copyright line and a site's tag or category line after an article. Both golds keep them as text where they
  end an article body (copyright: l3s-body-dev 67 of 70 lines, aeb-body-dev 3 of 5; tags and categories: l3s 7
  of 7) and call them furniture in their page files, so the default weights, which follow the body gold, leave
  them; a corpus that wants article text only (what strict is for) wants them gone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

# A site's widget or link, the whole line: none is article text in any gold (counts in the module docstring).
SITE_LINE = re.compile(
    r"""
    ^(?:
        comments?\ \(\d+\) | \d+\ comments? | (?:view|show)\ comments          # Comments (3), 2 comments
      | trending(?:\ now|\ stories|\ news)? | loading\ ?\.* | skip\ to\ (?:main\ )?content | skip\ to\ navigation
      | report\ an?\ (?:error|typo|correction) | (?:next|previous)\ (?:story|article|post)
      | listen\ to\ (?:this\ )?(?:article|story) | print\ this\ (?:article|story|page)
      | please\ enable\ javascript[^\n]{0,120}                                 # ... to view the comments
      | \d{1,2}\ min(?:ute)?s?\ read                                           # 5 Min Read
      | (?:terms\ of\ (?:use|service)|privacy\ policy|cookie\ policy|contact\ us|about\ us)   # footer links,
        (?:\ ?[|·•]\ ?[\w&\ ]{3,30}){0,8}                                      # one or a row of them
    )\s*[.:!|]*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
MAX_SITE_LINE = 200

# A copyright or rights line: "Copyright 2008 by The Associated Press. All rights reserved. This material may not
# be published, broadcast, rewritten or redistributed."
RIGHTS_LINE = re.compile(
    r"""
    ^(?:copyright\ ?)?\N{COPYRIGHT SIGN}[^\n]{1,200}$               # © 2019 Hearst Communications, Inc.
  | ^copyright\ (?:by\ )?(?:19|20)\d{2}\b[^\n]{1,200}$              # Copyright 2007 The New York Times Company
  | ^\(c\)\ ?(?:19|20)\d{2}\b[^\n]{1,200}$                         # (c) 2008 Yahoo! Inc.
  | ^[^\n]{0,150}\ball\ rights\ reserved\b[^\n]{0,150}$             # Copyright PA Sport 2007, All Rights Reserved
  | ^[^\n]{0,100}\bmay\ not\ be\ published,\ broadcast,\ rewritten\b[^\n]{0,100}$   # the AP's notice
    """,
    re.IGNORECASE | re.VERBOSE,
)
RIGHTS_HINTS = ("\N{COPYRIGHT SIGN}", "opyright", "OPYRIGHT", "(c)", "(C)", "eserved", "ESERVED", "broadcast")

# A site's tag or category line: "Tags: vista , os , us , microsoft", "Filed under: Politics", "Posted in World News".
TAG_LINE = re.compile(r"^(?:tags?|filed\ under|posted\ in|categor(?:y|ies)|topics?):?\ [^\n.]{1,150}$",
                      re.IGNORECASE | re.VERBOSE)
TAG_HINTS = ("ag", "AG", "iled", "ILED", "osted in", "ategor", "opic")


# A name, one or two capitalised words, the name again glued to a capitalised word: "Johnson Boris JohnsonJohnson",
# "Biden Joe BidenCawthorn". The card is from the words between to the glued word.
HOVER_NAME = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?P<card>(?:\ [A-Z][\w.'’-]*){1,2}\ (?P=name)"
                        r"[A-Z][a-z][\w'’]*)")


def hover_names(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a hover card's name said again and glued to its first headline (``HOVER_NAME``).

    >>> from garble.segment import segment
    >>> doc = segment("Prime Minister Boris Johnson Boris JohnsonJohnson faces revolt said the measures were needed.")
    >>> [doc.text[h.start:h.end] for b in doc.blocks for h in hover_names(b, doc)]
    ['Boris JohnsonJohnson']
    """
    for m in HOVER_NAME.finditer(block.text):
        yield Hit(block.start + m.start("card") + 1, block.start + m.end(), Label.INJECTED_LINK, "link_hover_doubled",
                  0.8)


def site_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a site's widgets and links (``SITE_LINE``).

    >>> from garble.segment import segment
    >>> doc = segment("Skip to main content\\n\\nComments (3)\\n\\nThe comments he made were noted.")
    >>> [doc.text[h.start:h.end] for b in doc.blocks for h in site_lines(b, doc)]
    ['Skip to main content', 'Comments (3)']
    """
    for line in block.lines:
        if len(line.text) <= MAX_SITE_LINE and SITE_LINE.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_site", 0.9)


def rights_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag copyright and rights lines (``RIGHTS_LINE``).

    >>> from garble.segment import segment
    >>> doc = segment("Copyright 2019 Hawaii News Now. All rights reserved.\\nCopyright law changed in 2019.")
    >>> [doc.text[h.start:h.end] for b in doc.blocks for h in rights_lines(b, doc)]
    ['Copyright 2019 Hawaii News Now. All rights reserved.']
    """
    return _hinted_lines(block, RIGHTS_LINE, RIGHTS_HINTS, "furniture_rights")


def tag_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a site's tag and category lines (``TAG_LINE``).

    >>> from garble.segment import segment
    >>> doc = segment("Tags: vista , os , us , microsoft\\nTopics discussed included the budget.")
    >>> [doc.text[h.start:h.end] for b in doc.blocks for h in tag_lines(b, doc)]
    ['Tags: vista , os , us , microsoft']
    """
    return _hinted_lines(block, TAG_LINE, TAG_HINTS, "furniture_tags")


def _hinted_lines(block: Block, pattern: re.Pattern[str], hints: tuple[str, ...], reason: str) -> Iterator[Hit]:
    """A furniture hit for each line of ``block`` that ``pattern`` matches, tried only on lines holding one of
    ``hints`` (a string every match holds)."""
    for line in block.lines:
        if any(hint in line.text for hint in hints) and pattern.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, reason, 0.9)
