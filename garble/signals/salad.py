"""Function-word salad: small words in an order no sentence has ("of the in", "no to a details").

Scrapers that drop a link or an inline element leave its neighbouring small words
behind, glued into an impossible sequence: an article followed by a preposition
("the in"), or a preposition, article and preposition ("of the in"). Two articles in
a row are garble.signals.seams' (doubled determiners).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

# Measured: synthetic held-out 9 of 9 matches are gold broken_text; reserved Reuters 1 match
# in 924 articles (a typo in the source, "met today an in elegant"); *-body-dev none.
STRENGTH = 0.8

SALAD = re.compile(
    r"""
    \b(?:of|in|to|for|on|at|by|with|from)\s+(?:the|a|an)\s+(?:of|in|to|for|on|at|by|with|from)\b(?![-'’])
                                                         # "of the in": preposition, article, preposition
  | (?<![\w'’-])(?:the|a|an)\s+(?:of|in|to|for|at|by|with|from)\b(?![-'’])
                                                         # "the in", "a to": an article with no noun
    """,
    re.VERBOSE,  # lower case only: "A" is a credit rating, "An" a name
)


# An article before a preposition, which every SALAD match holds: searched first, as it has no
# lookbehind or leading word boundary to try at every position (l3s-gn1-body-test's 5,406
# paragraphs: 89 -> 15 ms, and 153 of them go on to the full pattern).
SALAD_CORE = re.compile(r"(?:the|an?)\s+(?:of|in|to|for|on|at|by|with|from)\b(?![-'’])")


def function_word_salad(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag an article followed by a preposition, with the preposition before it if there is one.

    >>> from garble.segment import segment
    >>> doc = segment("Chairman Steven J. of the in Ross said so, and the in-laws agreed.")
    >>> [doc.text[h.start:h.end] for h in function_word_salad(doc.blocks[0], doc)]
    ['of the in']
    """
    if not SALAD_CORE.search(block.text):
        return
    for m in SALAD.finditer(block.text):
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BROKEN_TEXT, "seam_word_salad", STRENGTH)

