"""Stage 1: text -> paragraphs (blocks) -> lines, with offsets into the original string.

Paragraphs are split exactly as the benchmark defines them: on a blank line
(``\\n[ \\t]*\\n``), each trimmed of surrounding whitespace, empty ones dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Line

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed, exactly as shared/bench/score.py splits them.

    >>> paragraph_bounds("a b\\n\\n  c  \\n \\n")
    [(0, 3), (7, 8)]
    """
    out: list[tuple[int, int]] = []
    pos = 0
    breaks: list[re.Match[str] | None] = [*PARAGRAPH_BREAK.finditer(text), None]
    for m in breaks:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        s = pos + (len(chunk) - len(chunk.lstrip()))
        e = pos + len(chunk.rstrip())
        if e > s:
            out.append((s, e))
        if m:
            pos = m.end()
    return out


def _lines(text: str, start: int, end: int) -> Iterator[Line]:
    pos = start
    for m in [*LINE_BREAK.finditer(text, start, end), None]:
        stop = m.start() if m else end
        chunk = text[pos:stop]
        s = pos + (len(chunk) - len(chunk.lstrip()))
        e = pos + len(chunk.rstrip())
        if e > s:
            yield Line(s, e, text[s:e])
        if m:
            pos = m.end()


def segment(text: str, known_names: tuple[str, ...] = ()) -> Document:
    """Split ``text`` into blocks (paragraphs) and their lines.

    >>> doc = segment("Title\\n\\nFirst line\\nsecond line")
    >>> [b.text for b in doc.blocks]
    ['Title', 'First line\\nsecond line']
    >>> [l.text for l in doc.blocks[1].lines]
    ['First line', 'second line']
    """
    return Document(text, tuple(_block(text, i, s, e) for i, (s, e) in enumerate(paragraph_bounds(text))), known_names)


def _block(text: str, index: int, start: int, end: int) -> Block:
    """The paragraph ``text[start:end]`` and its lines. Most paragraphs are one line: without a
    line break in it, its one line is the paragraph (already trimmed), and the two share the
    string (segment() 33 -> 18 ms CPU a pass of the *-body-test files, min of 9)."""
    chunk = text[start:end]
    if "\n" not in chunk and "\r" not in chunk:  # LINE_BREAK's characters
        return Block(index, start, end, chunk, (Line(start, end, chunk),))
    return Block(index, start, end, chunk, tuple(_lines(text, start, end)))


def words(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word of ``text``, offsets shifted by ``offset``.

    >>> list(words("Kim Jong-un's visit", 10))
    [(10, 13, 'Kim'), (14, 23, "Jong-un's"), (24, 29, 'visit')]
    """
    for m in WORD.finditer(text):
        yield offset + m.start(), offset + m.end(), m.group()
