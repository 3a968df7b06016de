"""Related-story lines: a prompt and another story's headline on one line.

"Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing", "Related: The 15
Weirdest Galaxies in Our Universe", "On HoustonChronicle.com: Car sales plunge…", "Also on rt.com
Journalists & politicians…". The prompt alone is furniture (``boilerplate.PROMPT_LINE``) and a prompt
on its own line followed by headlines is ``links.after_prompt``; here the headline follows on the
prompt's line.

*-body-dev gold: 12 of 12 matched lines are furniture (all aeb; l3s pages put the headlines on lines
of their own); none in the 6,244 training Reuters articles; data/wild has 6, all related-story lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

RELATED_LINE = re.compile(
    r"""
    ^(?:
        (?:
            (?:read|see|watch|listen)\ (?:more|also|next)(?:\ (?:on|from|at)\ [\w.\ ]{2,30})?
          | related(?:\ (?:posts?|story|stories|articles?|coverage|content|news|videos?|reading|links?))?
          | more\ (?:from|on)\ (?-i:[A-Z])[\w.\ ]{1,30} | recommended(?:\ (?:reading|for\ you))?
          | don['’]?t\ miss | also\ read | must\ read | (?:watch|listen)(?:\ live|\ now)?
          | trending(?:\ now)? | most\ (?:read|popular|viewed) | editor['’]?s\ picks?
          | (?:also\ )?on\ [\w-]+\.(?:com|org|net|co\.uk|ca|com\.au|ie|in)    # "On HoustonChronicle.com:"
        )\ ?:
      | also\ on\ [\w-]+\.(?:com|org|net|co\.uk|ca|com\.au|ie|in)(?=\ (?-i:[A-Z]))  # rt.com's, without a colon
    )
    \ *(?P<title>(?-i:[A-Z0-9"“‘'])[^\n]{8,150})$       # a headline, capitalised
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A headline is one sentence: a sentence end followed by a capital means prose follows the prompt.
SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+[A-Z]")
# Every RELATED_LINE prompt holds one of these (lower-cased): most lines hold none and skip the match.
HINTS = ("read", "see", "watch", "listen", "related", "more", "recommended", "miss", "must", "trending",
         "most", "pick", "on ")
STRENGTH = 0.9


def related_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a line that is a related-story prompt followed by a headline.

    >>> from garble.segment import segment
    >>> doc = segment("Read more: Tencent profit falls as Alibaba threat weighs\\nRelated: He said so. Then he left.")
    >>> [doc.text[h.start:h.end] for h in related_lines(doc.blocks[0], doc)]
    ['Read more: Tencent profit falls as Alibaba threat weighs']
    """
    for line in block.lines:
        head = line.text[:40].lower()
        if (":" in head or "also on" in head) and any(hint in head for hint in HINTS):
            m = RELATED_LINE.match(line.text)
            if m and not SENTENCE_END.search(m.group("title")):
                yield Hit(line.start, line.end, Label.INJECTED_LINK, "link_related_line", STRENGTH)
