"""Reader comments: a thread of signed comments that the scraper kept with the article.

Two kinds of signature tell a thread: "Posted by ... <date>" lines (``comment_threads``), and a line
that is only a time stamp ("2 days ago at 08:12 am", "15:44") repeating in the same shape between a
few paragraphs each (``stamped_records``): a comment thread without "Posted by", or a time-stamped
headline list.

A comment thread is told by its signatures, not by its text (readers write prose as the
article does): a line that opens the same way each time ("Posted by:", "Comment by") and
holds a date or a time, repeated a few paragraphs apart. An article's own byline ("By Jane
Doe, January 8, 2008") stands once, or twice far apart when the page repeats its header.
Between two such signatures lie one comment's paragraphs; the signatures and what lies
between them are page furniture (both gold sets label comment threads; *-dev: 502 of 502
paragraphs flagged are gold furniture, 51,386 characters; no hit in 6,244 training Reuters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from garble.datatypes import Document, Hit, Label

# "Posted by: Sean | Jan 10, 2008 4:49:12 PM", "Comment by Dawn — January 7, 2008 @ 8:48 pm",
# "Posted By: clarry | December 14 2007 at 08:28 AM", "Posted by nolasad on 01/13/08 at 12:02PM".
SIGNATURE = re.compile(
    r"""
    ^(?P<opener>(?:posted|submitted|comment(?:ed)?|written|reply)(?:\ by)?\ ?:?)\ [^\n]{1,100}?
    (?:\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|\d{1,2}/\d{1,2}/\d{2,4})[^\n]{0,40}$     # a time or a date
    """,
    re.IGNORECASE | re.VERBOSE,
)
MAX_SIGNATURE = 160  # characters: a longer paragraph is prose that opens with "Posted"
MAX_GAP = 4  # paragraphs from one signature to the next: a comment is one to three paragraphs
MAX_COMMENT = 1500  # characters of one paragraph between two signatures
STRENGTH = 0.7


def comment_threads(doc: Document) -> Iterator[Hit]:
    """Flag the signatures of a comment thread and the comments between them (one pass over the blocks).

    >>> from garble.segment import segment
    >>> doc = segment("The council met on Monday.\\n\\nGreat news for the town!\\n\\n"
    ...               "Posted by: Sean | Jan 10, 2008 4:49 PM\\n\\nI disagree with the mayor.\\n\\n"
    ...               "Posted by: Dan | Jan 10, 2008 6:02 PM")
    >>> [doc.text[h.start:h.end] for h in comment_threads(doc)]
    ['Posted by: Sean | Jan 10, 2008 4:49 PM', 'I disagree with the mayor.', 'Posted by: Dan | Jan 10, 2008 6:02 PM']
    """
    signatures: dict[str, list[int]] = {}  # block indices by the signature's opening words
    for i, block in enumerate(doc.blocks):
        if len(block.text) <= MAX_SIGNATURE and (m := SIGNATURE.match(block.text)):
            signatures.setdefault(m.group("opener").casefold().replace(" ", ""), []).append(i)
    flagged: set[int] = set()
    for where in signatures.values():
        for a, b in pairwise(where):
            if _follows(doc, a, b, MAX_GAP):
                flagged.update(range(a, b + 1))
    yield from _block_hits(doc, flagged, "furniture_comments")


def _follows(doc: Document, a: int, b: int, most: int) -> bool:
    """Whether the signature at paragraph ``b`` closes a record opened at ``a``: at most ``most`` paragraphs
    on, with at least one paragraph between and none of them longer than MAX_COMMENT."""
    return 1 < b - a <= most and all(len(doc.blocks[k].text) <= MAX_COMMENT for k in range(a + 1, b))


def _block_hits(doc: Document, flagged: set[int], reason: str) -> Iterator[Hit]:
    """A hit on each of the ``flagged`` paragraphs, in order."""
    for i in sorted(flagged):
        block = doc.blocks[i]
        yield Hit(block.start, block.end, Label.BOILERPLATE, reason, STRENGTH)


# A stamp line: a clock time or a relative time ("2 days ago", "5 hours ago at 07:52 am") in a short line.
# Dates alone are left out: an events listing repeats "Saturday, January 19, 2008" between its venues
# and is the article (the one such list in the *-dev pages).
UNITS = r"\b(?:second|minute|min|hour|hr|day|week|month|year)s?\b"  # the time units of "2 days ago"
STAMP = re.compile(rf"\b\d{{1,2}}:\d{{2}}\b|\b\d+ {UNITS} ago\b", re.IGNORECASE)
TIME_RANGE = re.compile(r"\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)? ?[-–—] ?\d{1,2}(?::\d{2})?")  # opening hours: "2:00 – 8:00 pm"
MAX_STAMP = 60  # characters of a stamp line: a byline with a date and a name fits, a sentence does not
# Paragraphs from one stamp to the next: a record is its stamp, a name or a headline, up to four
# paragraphs of comment and a "Rating: 9 Votes" line.
MAX_RECORD = 8
# Mean characters of the paragraphs between a run's stamps: comments, names, ratings and headlines are
# short (the *-dev hits: 140 at most), where a live blog's entries (a time, then paragraphs of reporting,
# which are the article) run longer.
MAX_MEAN_RECORD = 150
MIN_STAMPS = 3  # stamps of one shape in a row: two could be a story's "updated" lines
# The shape of a stamp line: digits, month and weekday names and time units read alike, so
# "2 days ago at 07:52 am" and "19 hours ago at 11:03 pm" are one shape.
_SHAPE_PARTS = (
    (re.compile(r"\d+"), "0"),
    (re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"), "M"),
    (re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"), "D"),
    (re.compile(UNITS), "U"),
    (re.compile(r"\b[ap]\.?m\b\.?"), "m"),
)


def _stamp_shape(text: str) -> str:
    """The shape of a stamp line.

    >>> _stamp_shape("2 days ago at 07:52 am") == _stamp_shape("19 hours ago at 11:03 pm")
    True
    """
    shape = text.strip().lower()
    for pattern, to in _SHAPE_PARTS:
        shape = pattern.sub(to, shape)
    return shape


def _records(doc: Document, stamps: list[int]) -> range:
    """The paragraphs from the first to the last of a run of ``stamps``, when it has MIN_STAMPS and its
    paragraphs are short (MAX_MEAN_RECORD)."""
    if len(stamps) < MIN_STAMPS:
        return range(0)
    run, opening = range(stamps[0], stamps[-1] + 1), set(stamps)  # a set: a run can hold thousands of stamps
    between = [len(doc.blocks[i].text) for i in run if i not in opening]
    return run if sum(between) <= MAX_MEAN_RECORD * len(between) else range(0)


def stamped_records(doc: Document) -> Iterator[Hit]:
    """Flag a run of records each opened by a stamp line of one shape, MIN_STAMPS or more, each within
    MAX_RECORD paragraphs of the last: a comment thread ("PickUrPoison / 2 days ago at 08:49 am / ... /
    Rating: 9 Votes") or a time-stamped headline list ("15:44 / Iraq: Rice makes surprise visit").
    Flagged from the first stamp to the last; the last record's own text is left to the classifier.

    Measured: on l3s-gn1-page-dev 26,075 visible characters flagged and on scrapinghub-aeb-page-dev
    9,091, all gold furniture (4,998 and 1,368 of them missed by the page recipe's grouped CV before);
    no hit on the *-body-dev pages, the synthetic training documents, the reserved Reuters articles or
    data/wild.

    >>> from garble.segment import segment
    >>> doc = segment("The council met.\\n\\nann\\n\\n2 days ago at 07:52 am\\n\\nGood.\\n\\nbob\\n\\n"
    ...               "2 days ago at 08:10 am\\n\\nNo.\\n\\ncy\\n\\n1 day ago at 09:00 pm\\n\\nWhy?")
    >>> [doc.text[h.start:h.end] for h in stamped_records(doc)]
    ['2 days ago at 07:52 am', 'Good.', 'bob', '2 days ago at 08:10 am', 'No.', 'cy', '1 day ago at 09:00 pm']
    """
    by_shape: dict[str, list[int]] = {}
    for i, block in enumerate(doc.blocks):
        text = block.text
        if (len(text) <= MAX_STAMP and (":" in text or "ago" in text.lower()) and "\n" not in text
                and STAMP.search(text) and not TIME_RANGE.search(text)):
            by_shape.setdefault(_stamp_shape(text), []).append(i)
    flagged: set[int] = set()
    for where in by_shape.values():
        run = where[:1]
        for a, b in pairwise(where):
            if _follows(doc, a, b, MAX_RECORD):
                run.append(b)
            else:
                flagged.update(_records(doc, run))
                run = [b]
        flagged.update(_records(doc, run))
    yield from _block_hits(doc, flagged, "furniture_stamped_records")
