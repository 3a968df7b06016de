"""Page furniture: prompts, time stamps, credits, navigation words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

# Whole lines that are page prompts, not article text.
PROMPT_LINE = re.compile(
    r"""
    ^(?:
        read\ (?:more|also|next|the\ full\ story)     # read-more prompts
      | related(?:\ (?:stories|articles|coverage|news))?
      | more\ (?:stories|news|from\ \w+)
      | see\ also | recommended(?:\ for\ you)?
      | (?:share|tweet|email|print)(?:\ (?:this|on\ \w+|story|article))?
      | click\ (?:here|to\ tweet)
      | advertisement | sponsored(?:\ content)? | subscribe(?:\ now)?
      | sign\ up(?:\ for\ [\w\ ]+)? | follow\ us(?:\ on\ \w+)?
      | (?:news|latest)\ (?:line|news|headlines)
      | comments? | leave\ a\ (?:comment|reply) | caption | close | back\ to\ gallery
    )\s*[:.!»›>|-]*$
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A time stamp, alone or after a short section word: "16:05 04.06.2025", "Politics 17:36 17.06.2019".
TIMESTAMP_LINE = re.compile(
    r"""
    ^(?:[\w&]+\ ){0,2}                                # an optional section word or two
    (?:
        \d{1,2}:\d{2}(?:\ ?[ap]\.?m\.?)?\ +\d{1,2}[./-]\d{1,2}[./-]\d{2,4}   # 17:36 17.06.2019
      | \d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\ +\d{1,2}:\d{2})?            # 17.06.2019 17:36
      | date\ \d{4}-\d{2}-\d{2}                                          # date 2021-07-11
    )$
    """,
    re.IGNORECASE | re.VERBOSE,
)


def prompt_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag lines that are read-more, share, subscribe or navigation prompts."""
    for line in block.lines:
        if len(line.text) <= 40 and PROMPT_LINE.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_prompt", 0.9)


def timestamp_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag lines that are a time stamp, maybe after a section word."""
    for line in block.lines:
        if len(line.text) <= 40 and TIMESTAMP_LINE.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_timestamp", 0.9)
