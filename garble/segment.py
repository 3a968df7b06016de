"""Stage 1: text -> paragraphs (blocks) -> lines, with offsets into the original string.

The signals read a copy of the text in which a few characters are read as plain ones, one for one,
so every offset still points into the caller's string (``fold_breaks``, ``fold_spaces``).

Paragraphs are split exactly as the benchmark defines them: on a blank line
(``\\n[ \\t]*\\n``), each trimmed of surrounding whitespace, empty ones dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Line

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
LINE_BREAK = re.compile("\n")  # the only line end of a folded text (fold_breaks)
WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")


# Unicode spaces that scraped HTML is full of (no-break, thin, narrow, ideographic, ...), read as a space:
# the rules and the word model spell their phrases with plain spaces ("Wordcount: 717"). Not a no-break
# space after a lead byte of UTF-8 read as cp1252: "Ã\xa0" is mojibake (of "à"), the encoding signal's to find.
MOJIBAKE_LEADS = "ÂÃÊÔÏâäïÐÄ"  # lead bytes of UTF-8 read as cp1252 ("Ã" for "é", "â" for "’")
# The pattern opens on the space, its look-behind (two characters: a lead byte, then the space) after it,
# so a search skips from space to space instead of trying the look-behind at every position (the same
# matches; the non-ASCII *-body-test texts: 11.8 -> 2.6 ms CPU a pass, min of 5).
UNICODE_SPACE = re.compile(f"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000](?<![{MOJIBAKE_LEADS}].)")
LINE_SEPARATORS = ("\u2028", "\u2029")
CR_BEFORE_LF = re.compile("\r(?=\n)")
BOM = "\ufeff"


def fold_breaks(text: str) -> str:
    r"""``text`` with Windows and old Mac line ends read as "\n", one character for one: a carriage
    return before a line feed becomes a space, a lone one a line feed; and a byte-order mark that
    opens the text a space. So "\r\n\r\n" is a blank line, as "\n\n" is.

    >>> fold_breaks("\ufeffTitle\r\n\r\nBody\rmore")
    ' Title \n \nBody\nmore'
    """
    if "\r" in text:
        text = CR_BEFORE_LF.sub(" ", text).replace("\r", "\n")
    return " " + text[1:] if text.startswith(BOM) else text


def fold_spaces(text: str) -> str:
    r"""``text`` with Unicode spaces read as spaces and the line and paragraph separators U+2028 and
    U+2029 as line feeds, one character for one.

    >>> fold_spaces("Wordcount:\u00a0717\u2028caf\u00c3\u00a0")
    'Wordcount: 717\ncafÃ\xa0'
    """
    if text.isascii():
        return text
    text = UNICODE_SPACE.sub(" ", text)
    # str.replace where str.translate was: translate looks every character of a non-ASCII text up in its
    # table (38 of fold_spaces' 50 ms CPU a pass of the *-body-test files, min of 5), and the separators are rare
    for separator in LINE_SEPARATORS:
        if separator in text:
            text = text.replace(separator, "\n")
    return text


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed, exactly as shared/bench/score.py splits them: on ``\\n`` line
    ends only. garble reads ``paragraph_bounds(fold_breaks(text))`` (``scan`` and ``eval`` alike), which is
    the same for text with ``\\n`` line ends, the BENCHMARK.md format; for ``\\r\\n`` or ``\\r`` text score.py
    sees one paragraph where garble sees the blank lines.

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
    broken = fold_breaks(text)
    folded = fold_spaces(broken)
    # The benchmark's paragraphs, with any line ends: a line of no-break spaces is not blank to it.
    bounds = paragraph_bounds(broken)
    return Document(folded, tuple(_block(folded, i, s, e) for i, (s, e) in enumerate(bounds)), known_names, text)


def _block(text: str, index: int, start: int, end: int) -> Block:
    """The paragraph ``text[start:end]`` and its lines. Most paragraphs are one line: without a
    line break in it, its one line is the paragraph (already trimmed), and the two share the
    string (segment() 33 -> 18 ms CPU a pass of the *-body-test files, min of 9)."""
    chunk = text[start:end]
    if "\n" not in chunk:
        return Block(index, start, end, chunk, (Line(start, end, chunk),))
    return Block(index, start, end, chunk, tuple(_lines(text, start, end)))


def words(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word of ``text``, offsets shifted by ``offset``.

    >>> list(words("Kim Jong-un's visit", 10))
    [(10, 13, 'Kim'), (14, 23, "Jong-un's"), (24, 29, 'visit')]
    """
    for m in WORD.finditer(text):
        yield offset + m.start(), offset + m.end(), m.group()
