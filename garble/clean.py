"""Cleaning: the input text with damage repaired or removed, whitespace tidied only where text went.

Each flagged span is handled by what it is:

* a span whose ``suggestion`` is a replacement for exactly its own text (fixed
  mojibake, a mangled name put right, "" for a doubled word, "the" for "a the") is replaced by it;
* a mangled name without a suggestion is kept: cutting it out loses meaning;
* a sentence split across two paragraphs (``SPLIT_WORD``, ``SPLIT_SENTENCE``: the words before the
  break are flagged, the next paragraph carries them on in lower case) is kept, and the break after
  it is closed: "the least they des" + "erved for ..." becomes "the least they deserved for ...";
* anything else (furniture, links, headlines, repetition, broken text, stray
  control characters) is removed, and only the whitespace either side of the
  removed stretch is tidied; the rest of the text is left byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from garble.datatypes import Label, Scan, Span
from garble.segment import BOM  # a byte-order mark opening the text, which the signals read as a space

# The reasons of a cut-off whose sentence the next paragraph carries on (garble.signals.after.split_paragraphs),
# and what the paragraph break after the span becomes: nothing inside a word, a space between two.
SPLIT_WORD = "seam_split_word"
SPLIT_SENTENCE = "seam_split_sentence"
JOINS = {SPLIT_WORD: "", SPLIT_SENTENCE: " "}

# Punctuation that attaches to the word before it, so no space is put back before it.
CLOSING_PUNCT = frozenset(",.;:!?)]}’”")
# The whitespace after a removed stretch, held back and tidied with the whitespace before it.
SPACE = re.compile(r"\s+")
# A line end in any of the conventions segment.py reads as one (fold_breaks, fold_spaces): were the line
# and paragraph separators not line ends here, a line cut out between two of them joined its neighbours
# with a space, and text from JSON or JavaScript sources lost its lines.
_END = r"""
    \r\n                        # Windows
  | \r(?!\n)                    # old Mac (not the first half of a Windows line end)
  | [\n\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}]    # Unix, and the Unicode line and paragraph separators
"""
LINE_END = re.compile(_END, re.VERBOSE)
# A blank line: two line ends with only spaces and tabs between, the benchmark's paragraph break
# (segment.PARAGRAPH_BREAK) in any line-end style. A line of no-break spaces is no break to the benchmark
# or to scan, so a cut next to one does not split its paragraph in two either.
BLANK_LINE = re.compile(rf"(?:{_END}) [\ \t]* (?:{_END})", re.VERBOSE)


def _fits(span: Span, own: str) -> bool:
    """Whether ``span.suggestion`` plausibly replaces exactly ``own`` (the span's text).

    A span can carry the suggestion of a hit it covers only part of (spans are cut
    and joined from several hits), so a suggestion is only taken when it has the
    shape of a repair of ``own``: fixed mojibake is never longer than the mojibake and
    stays on one line; a name's repair shares a word with it and has the same number
    of words (a swap, a misspelling) or one fewer (a doubled token), never more.

    >>> _fits(Span(0, 7, Label.ENCODING, 1.0, "x", "’"), "â€™")
    True
    >>> _fits(Span(0, 12, Label.MANGLED_NAME, 1.0, "x", "Paul Volcker"), "Paul Volcekr")
    True
    >>> _fits(Span(0, 7, Label.MANGLED_NAME, 1.0, "x", "Paul Volcker"), "Volcekr")
    False
    >>> _fits(Span(0, 4, Label.MANGLED_NAME, 1.0, "x", "Paul Volcker"), "Paul")
    False

    Broken text's repair drops one of its words and keeps the rest as they are:

    >>> _fits(Span(0, 5, Label.BROKEN_TEXT, 0.9, "x", "the"), "a the"), _fits(Span(0, 9, Label.BROKEN_TEXT, 0.9, "x", "the"), "a the end")
    (True, False)
    """
    new = span.suggestion
    if new is None or "\n" in new or "\r" in new:
        return False
    if span.label is Label.ENCODING:
        return bool(new) and len(new) <= len(own) and not ("\n" in own or "\r" in own)
    if span.label is Label.MANGLED_NAME:
        a, b = own.split(), new.split()
        return bool(b) and 0 <= len(a) - len(b) <= 1 and bool(set(a) & set(b)) and "\n" not in own
    if span.label is Label.BROKEN_TEXT and new:  # one word of a doubled pair kept ("a the" -> "the")
        a = own.split()
        return "\n" not in own and new.split() in [a[:i] + a[i + 1 :] for i in range(len(a))]
    return new == ""


def replacement(span: Span, own: str) -> str | None:
    """What ``own`` (the span's text) becomes: a string, or None to keep it as it is.

    >>> replacement(Span(0, 7, Label.ENCODING, 1.0, "encoding_mojibake", "’"), "â€™")
    '’'
    >>> replacement(Span(0, 9, Label.MANGLED_NAME, 1.0, "name_dropped_token"), "Edgar J.") is None
    True
    >>> replacement(Span(0, 10, Label.BOILERPLATE, 1.0, "furniture_prompt"), "Read more:")
    ''
    """
    if _fits(span, own):
        return span.suggestion
    if span.label is Label.MANGLED_NAME:
        return None
    return ""


def _joiner(gaps: Sequence[str], following: str) -> str:
    """What the whitespace ``gaps`` either side of removed text becomes before ``following``.

    Spaces become one space (none before closing punctuation, none when there were
    none: a stretch cut out of a word closes up); line breaks become one paragraph
    break if one of the gaps held a blank line, else one line break, in the text's own
    style. Each gap is read on its own: the line ends either side of a line cut out of a
    paragraph are no blank line, and the paragraph stays one.

    >>> _joiner([" "], ", has"), _joiner([""], "t"), _joiner([" \\n\\n "], "Next"), _joiner(["\\r\\n"], "b")
    ('', '', '\\n\\n', '\\r\\n')
    >>> _joiner(["\\n", "\\n"], "Next"), _joiner(["\\n", "\\n\\n"], "Next")
    ('\\n', '\\n\\n')
    """
    if not any(gaps):
        return ""
    breaks = [end for gap in gaps for end in LINE_END.findall(gap)]
    if breaks:
        return str(breaks[0]) * (2 if any(BLANK_LINE.search(gap) for gap in gaps) else 1)
    return "" if following[:1] in CLOSING_PUNCT else " "


class _Writer:
    """The cleaned text being written, with the whitespace around removed text held back."""

    __slots__ = ("gaps", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.gaps: list[str] | None = None  # the whitespace either side of each removed stretch since the last text

    def write(self, piece: str) -> None:
        if not piece:
            return
        if self.gaps is not None:
            if self.parts:  # nothing before: leading whitespace of a removed start goes
                self.parts.append(_joiner(self.gaps, piece))
            self.gaps = None
        self.parts.append(piece)

    def remove(self, before: str, after_gap: str) -> None:
        """Text was cut out after ``before``; ``after_gap`` is the whitespace that followed it."""
        head = before.rstrip()
        self.write(head)
        self.gaps = [*(self.gaps or ()), before[len(head):], after_gap]

    def text(self) -> str:
        return "".join(self.parts)  # a gap still held back is trailing whitespace: dropped


def _carried_on(text: str, spans: Sequence[Span], end: int, k: int) -> tuple[int, int]:
    """Where the sentence a split span ends (at ``end``) goes on, past the whitespace and any spans cut out
    whole between (an "Advertisement" paragraph), and the index of the next span to handle after those; or
    ``(end, k)`` when no lower-case word carries it on (the text ends, or kept text comes first).

    >>> text = "expected to\\n\\nAdvertisement\\n\\noperate all"
    >>> _carried_on(text, [Span(13, 26, Label.BOILERPLATE, 1.0, "furniture_prompt")], 11, 0)
    (28, 1)
    >>> _carried_on("expected to\\n\\nOperations", [], 11, 0)
    (11, 0)
    """
    at, j = end, k
    while True:
        gap = SPACE.match(text, at)
        at = gap.end() if gap else at
        if j < len(spans) and spans[j].start < at:  # a span opens in the break: it is its own to handle
            return end, k
        if (j < len(spans) and spans[j].start == at and spans[j].reason not in JOINS
                and replacement(spans[j], text[spans[j].start : spans[j].end]) == ""):
            at, j = spans[j].end, j + 1
            continue
        break
    return (at, j) if at > end and text[at : at + 1].islower() else (end, k)


def remove_spans(result: Scan) -> str:
    """The scanned text with its spans repaired or removed (see the module docstring).

    >>> from garble.datatypes import Label, Span
    >>> text = "Read more:\\n\\nTalks resume.  Share this\\n\\n"
    >>> remove_spans(Scan(text, (Span(0, 10, Label.BOILERPLATE, 1.0, "x"), Span(27, 37, Label.BOILERPLATE, 1.0, "x"))))
    'Talks resume.'
    >>> remove_spans(Scan("didnâ€™t", (Span(4, 7, Label.ENCODING, 1.0, "encoding_mojibake", "’"),)))
    'didn’t'
    >>> remove_spans(Scan("were the least they des\\n\\nerved it.", (Span(9, 23, Label.BROKEN_TEXT, 0.6, SPLIT_WORD),)))
    'were the least they deserved it.'
    """
    text = result.text
    if text.startswith(BOM) and result.spans:  # the mark stays first; what follows is tidied as a text's start
        rest = remove_spans(replace(result, text=text[1:], spans=tuple(
            replace(s, start=max(0, s.start - 1), end=s.end - 1) for s in result.spans if s.end > 1)))
        return BOM + rest if rest else rest
    out = _Writer()
    pos = 0
    spans = result.spans
    k = 0
    while k < len(spans):
        span = spans[k]
        k += 1
        if span.reason in JOINS:  # the words stay; the break after them closes
            end, k = _carried_on(text, spans, max(pos, span.end), k)
            out.write(text[pos : span.end] + (JOINS[span.reason] if end > max(pos, span.end) else ""))
            pos = max(pos, end)
            continue
        own = text[span.start : span.end]
        new = replacement(span, own)
        if new is None:
            continue  # kept: it is written with the text around it
        if new:
            out.write(text[pos : span.start])
            out.write(new)
            pos = span.end
        else:
            after = SPACE.match(text, span.end)
            end = after.end() if after else span.end
            out.remove(text[pos : span.start], text[span.end : end])
            pos = end
    out.write(text[pos:])
    return out.text()
