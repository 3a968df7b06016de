"""Cleaning: the input text with flagged spans removed and whitespace tidied."""

from __future__ import annotations

import re

from garble.datatypes import Scan

SPACE_RUN = re.compile(r"[ \t]{2,}")
SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:!?])")
BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
LINE_EDGES = re.compile(r"[ \t]*\n[ \t]*")


def remove_spans(result: Scan) -> str:
    """The scanned text without its spans, whitespace tidied, paragraphs kept apart.

    >>> from garble.datatypes import Label, Span
    >>> text = "Read more:\\n\\nTalks resume.  Share this\\n\\n"
    >>> remove_spans(Scan(text, (Span(0, 10, Label.BOILERPLATE, 1.0, "x"), Span(27, 37, Label.BOILERPLATE, 1.0, "x"))))
    'Talks resume.'
    """
    text = result.text
    parts: list[str] = []
    pos = 0
    for span in result.spans:
        parts.append(text[pos : span.start])
        parts.append(" ")
        pos = span.end
    parts.append(text[pos:])
    out = "".join(parts)
    out = SPACE_RUN.sub(" ", out)
    out = SPACE_BEFORE_PUNCT.sub(r"\1", out)
    out = LINE_EDGES.sub("\n", out)
    out = BLANK_LINES.sub("\n\n", out)
    return out.strip()
