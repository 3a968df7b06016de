"""Encoding damage: mojibake, replacement characters, stray control characters.

ftfy confirms and repairs a mojibake run; it is imported only when a block has one
(about 50 ms of start-up that clean text never needs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label
from garble.segment import MOJIBAKE_LEADS

# What a UTF-8 continuation byte (0x80-0xBF) becomes when decoded as cp1252 or Latin-1:
# a C1 control or Latin-1 sign, or one of cp1252's punctuation and letter substitutes.
CONTINUATION = (
    "\N{PADDING CHARACTER}-\N{INVERTED QUESTION MARK}"           # U+0080-U+00BF, Latin-1 reading
    "\N{LEFT SINGLE QUOTATION MARK}-\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"  # ‘ ’ “ ” • – — … ‰ ‹ ›
    "\N{EURO SIGN}\N{TRADE MARK SIGN}"                           # € ™
    "\N{LATIN CAPITAL LIGATURE OE}\N{LATIN SMALL LIGATURE OE}"   # Œ œ
    "\N{LATIN CAPITAL LETTER S WITH CARON}\N{LATIN SMALL LETTER S WITH CARON}"  # Š š
    "\N{LATIN CAPITAL LETTER Y WITH DIAERESIS}"                   # Ÿ
    "\N{LATIN CAPITAL LETTER Z WITH CARON}\N{LATIN SMALL LETTER Z WITH CARON}"  # Ž ž
    "\N{LATIN SMALL LETTER F WITH HOOK}"                          # ƒ
    "\N{MODIFIER LETTER CIRCUMFLEX ACCENT}\N{SMALL TILDE}"       # ˆ ˜
)

# Runs of characters that are typical of UTF-8 decoded as Latin-1/cp1252.
# The run must contain at least one of these lead characters followed by a
# continuation-looking character, which keeps plain accented text (café) clean.
MOJIBAKE_RUN = re.compile(
    rf"""
    (?:
        [{MOJIBAKE_LEADS}]        # a UTF-8 lead byte read as cp1252 (Ã for é, â for ’)
        [{CONTINUATION}]     # its first continuation byte
        [{CONTINUATION}]?    # a second one (three-byte sequences such as â€™)
    )+
    """,
    re.VERBOSE,
)

BAD_CHARACTER = re.compile(
    r"""
    [\N{REPLACEMENT CHARACTER}]+          # decoder gave up
    | [\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+   # C0 controls other than tab/newline/carriage return
    | [\x80-\x9f]+                        # C1 controls: bytes decoded as Latin-1
    """,
    re.VERBOSE,
)


def span_fix(word: str, start: int, end: int) -> str | None:
    """ftfy's repair of ``word[start:end]`` read in its word, or None if ftfy leaves it alone.

    The word is fixed as a whole (ftfy needs the context); the fix is mapped back to
    the stretch by the unchanged text either side, so the result replaces exactly
    ``word[start:end]``. When the fix reaches outside the stretch (a second mojibake
    run in the same word), the stretch is fixed on its own.

    >>> span_fix("didnâ€™t", 4, 7)
    '’'
    >>> span_fix("cafÃ©", 3, 5)
    'é'
    >>> span_fix("â€œquotedâ€\x9d", 0, 3)
    '“'
    >>> span_fix("plain", 0, 5) is None
    True
    """
    from ftfy import fix_encoding

    prefix, own, suffix = word[:start], word[start:end], word[end:]
    fixed = fix_encoding(word)
    if fixed == word:
        return None
    if fixed.startswith(prefix) and fixed.endswith(suffix) and len(fixed) >= len(prefix) + len(suffix):
        out = fixed[len(prefix) : len(fixed) - len(suffix)]
    else:
        out = fix_encoding(own)
    return out if out != own else None


# The rest of a whitespace-delimited token from a position: the extent of an encoding hit
# is its whole token. The benchmark's encoding gold (corpus/build/synth-heldout) covers the
# damaged word, not just its bad characters ("wiâ€™th", "s\N{REPLACEMENT CHARACTER}aid"): a
# reader sees one broken word, and `garble clean` repairs it whole.
REST_OF_TOKEN = re.compile(r"\S*")


def _tokens(block: Block, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """The tokens of ``block`` holding the (sorted, block-relative) ``spans``, each with its spans.

    A span may itself hold characters Python calls space (C0 controls such as U+001C):
    the token then runs on over it.

    >>> from garble.segment import segment
    >>> doc = segment("a bcd ef g\x1ch i")
    >>> [(a, b, len(s)) for a, b, s in _tokens(doc.blocks[0], [(2, 3), (3, 4), (7, 8), (10, 11)])]
    [(2, 5, 2), (6, 8, 1), (9, 12, 1)]
    """
    text = block.text
    i = 0
    while i < len(spans):
        left = spans[i][0]
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        right = spans[i][1]
        j = i
        while j < len(spans) and spans[j][0] <= right:
            right = max(right, REST_OF_TOKEN.match(text, spans[j][1]).end())  # type: ignore[union-attr]
            j += 1
        yield left, right, spans[i:j]
        i = j


# One character of the set each pattern's matches start with: a search for it is far cheaper
# than the full pattern (l3s-gn1-body-test's paragraphs: 47 -> 9 ms and 71 -> 8 ms), and a text
# without one has no match.
MOJIBAKE_LEAD = re.compile(f"[{MOJIBAKE_LEADS}]")
BAD_LEAD = re.compile("[\N{REPLACEMENT CHARACTER}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _runs(block: Block) -> list[tuple[int, int]]:
    if not MOJIBAKE_LEAD.search(block.text):
        return []
    return [m.span() for m in MOJIBAKE_RUN.finditer(block.text)]


def mojibake(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag each word with a run of mojibake ("didnâ€™t", "cafÃ©") that ftfy can repair; suggest the repaired word.

    >>> from garble.segment import segment
    >>> doc = segment("He said he didnâ€™t know.")
    >>> [(doc.text[h.start:h.end], h.suggestion) for h in mojibake(doc.blocks[0], doc)]
    [('didnâ€™t', 'didn’t')]
    """
    runs = _runs(block)
    if not runs:
        return
    from ftfy import fix_encoding

    for left, right, _ in _tokens(block, runs):
        # Confirm with ftfy on the whole word: only text it would change counts.
        word = block.text[left:right]
        fixed = fix_encoding(word)
        if fixed != word:
            yield Hit(block.start + left, block.start + right, Label.ENCODING, "encoding_mojibake", 0.95,
                      suggestion=fixed)


def bad_characters(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag each word with U+FFFD replacement characters or control characters inside it.

    The suggestion is the word without them (nothing is left to suggest when the word is
    only bad characters). C1 controls that end a mojibake run ("â€\x9d") are mojibake's.

    >>> from garble.segment import segment
    >>> doc = segment("He s\N{REPLACEMENT CHARACTER}aid so.")
    >>> [(doc.text[h.start:h.end], h.suggestion) for h in bad_characters(doc.blocks[0], doc)]
    [('s\ufffdaid', 'said')]
    """
    bad = [m.span() for m in BAD_CHARACTER.finditer(block.text)] if BAD_LEAD.search(block.text) else []
    if not bad:
        return
    runs = _runs(block)
    if runs:
        bad = [(a, b) for a, b in bad if not any(s <= a and b <= e for s, e in runs)]
    for left, right, _ in _tokens(block, bad):
        word = block.text[left:right]
        rest = BAD_CHARACTER.sub("", word)
        yield Hit(block.start + left, block.start + right, Label.ENCODING, "encoding_bad_character", 0.95,
                  suggestion=rest or None)
