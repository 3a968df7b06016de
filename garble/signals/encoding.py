"""Encoding damage: mojibake, replacement characters, stray control characters.

ftfy confirms and repairs a mojibake run; it is imported only when a block has one
(about 50 ms of start-up that clean text never needs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

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
        [ÂÃÊÔÏâäïÐÄ]        # a UTF-8 lead byte read as cp1252 (Ã for é, â for ’)
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


def mojibake(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag runs of mojibake ("â€™", "Ã©") that ftfy can repair; suggest the repaired run."""
    for m in MOJIBAKE_RUN.finditer(block.text):
        from ftfy import fix_encoding

        # Confirm with ftfy on the surrounding word: only text it would change counts.
        left = block.text.rfind(" ", 0, m.start()) + 1
        right = block.text.find(" ", m.end())
        word = block.text[left : right if right != -1 else len(block.text)]
        if fix_encoding(word) != word:
            start = block.start + m.start()
            yield Hit(start, block.start + m.end(), Label.ENCODING, "encoding_mojibake", 0.95,
                      suggestion=span_fix(word, m.start() - left, m.end() - left))


def bad_characters(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag U+FFFD replacement characters and control characters inside text."""
    for m in BAD_CHARACTER.finditer(block.text):
        yield Hit(block.start + m.start(), block.start + m.end(), Label.ENCODING, "encoding_bad_character", 0.95)
