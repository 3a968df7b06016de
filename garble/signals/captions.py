"""Photo captions: the sentence under a picture, told by its credit, its opening or its wire-photo shape.

A credit alone ("(AP Photo/Manu Fernandez)") is flagged by ``boilerplate.credits``; the caption it
closes is page furniture too (BENCHMARK.md: photo credits are furniture, and the Scrapinghub gold
labels whole captions), but the two gold sets disagree on captions: L3S keeps most as text. So a
caption told only by the credit that ends it is a weak hit, below the span threshold: evidence the
classifier weighs with the line's words and neighbours. One told by its opening ("Image caption",
"Photo:") or by the wire photo's date and verb is a span: L3S has none of those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

# Strength of a caption hit: weak (see above) and a value of its own, so the classifier's trees
# can tell a caption from the other weak furniture hits (0.45). Under the span threshold (0.5).
STRENGTH = 0.4
# ... but a caption told by its opening ("Image caption", "Photo:", "In this photo") or by the wire
# photo's date and verb is a span: on *-body-dev 38 of 38 such aeb lines are gold furniture and
# l3s keeps its 3 ("Photo: US Air Force", "Caption: The Rolling Stones have signed ..."), where it
# keeps 14 credit-tail captions too.
SURE_STRENGTH = 0.6

# Captions are one to four sentences; a longer line is article prose that happens to mention a photo.
MAX_CHARS = 400
MIN_WORDS = 4

_AGENCY = r"(?:AP|AFP|EPA|Reuters|REUTERS|Getty(?:\ Images)?|Shutterstock|iStock|NASA|Invision|Pool|File|Xinhua)"

# A credit that closes the line: "(Manu Fernandez/AP)", "(Photos by Richard Shotwell/Invision/AP)",
# "REUTERS/Brendan McDermid", "Photograph by Robyn Beck/AFP/Getty Images", "Credit: 20th Century Fox",
# "(Source: NASA)", "( STEVE GSCHMEISSNER/SCIENCE PHOTO LIBRARY)", "... drug. Getty".
CREDIT_TAIL = re.compile(
    rf"""
    (?:
        \(\s*(?:(?:[A-Z][\w.'’&-]*\ ?){{1,5}}/\ ?[A-Z][^()\n]{{0,60}}       # (Name/Outlet)
             | (?:Photos?|Image|Picture|Source|Credit|Courtesy)\b[^()\n]{{0,60}}   # (Photo: ...), (Source: X)
             | {_AGENCY}(?:\ Photo)?                               # (AP), (Getty Images)
        )\)
      | \b(?:REUTERS|Reuters|AFP|EPA)/[A-Z][^\n]{{1,40}}               # REUTERS/Brendan McDermid
      | \b(?:Photograph|Photo|Picture|Image)s?(?:\ by|:)\ [^\n]{{1,60}}   # Photograph by X
      | \b(?:Credit|Image\ source|Source):\ [^\n]{{1,50}}             # Credit: X
      | [.!?]\ (?:Getty(?:\ Images)?|AFP|AP|Shutterstock|iStock)       # ... drug. Getty
      | \b(?:Submitted|Contributed|Staff|File|Courtesy)\ (?:photo|image)     # Christopher Tays Submitted photo
    )\s*\.?\s*$
    """,
    re.VERBOSE,
)

# Substrings one of CREDIT_TAIL's alternatives needs (the bracketed credit's ")" is tested apart): a
# line with none of them and no closing bracket at its end cannot match, and most lines are prose
# with none (CREDIT_TAIL.search tried every position of every line: 62 ms a pass of the
# *-body-test files, the most of caption_lines).
CREDIT_NEEDS = (
    "/",  # REUTERS/Name
    "Photo", "Picture", "Image",  # Photograph by, Pictures:, Image by
    ": ",  # Credit: , Source:
    "Getty", "AFP", "AP", "Shutterstock", "iStock",  # ... drug. Getty
    " photo", " image",  # Submitted photo
)


def _may_have_credit(text: str) -> bool:
    """False only when ``CREDIT_TAIL.search(text)`` cannot match.

    >>> _may_have_credit("The minister said so."), _may_have_credit("In Madrid (Manu Fernandez/AP) .")
    (False, True)
    """
    if any(need in text for need in CREDIT_NEEDS):
        return True
    # a bracketed credit: ")" then \s*\.?\s* to the end (rstrip drops what $ and \s* would)
    tail = text.rstrip()
    return tail.removesuffix(".").rstrip().endswith(")")


# How a caption opens: "Image caption Assange gestures…", "FILE PHOTO: Traders work…",
# "Media captionWho is…", "In this photo…", "This Sierra Nevada Corp. illustration shows…".
OPENING = re.compile(
    r"""
    ^(?:
        (?:Image|Media)\ caption(?=\s|[A-Z])                      # glued too: "Media captionWho is…"
      | (?:Caption | FILE\ PHOTO | Pictured | Photo | PHOTO):         # a label with its colon
      | (?:Image\ copyright
      | In\ this\ (?:[\w-]+\ ){0,2}(?:photo|image|picture|file\ photo|photograph|handout)
      | This\ (?:[\w.&’'-]+\ ){0,5}(?:photo|image|picture|illustration|photograph|rendering|screenshot|graphic)\ (?:shows|depicts)
      )\b
    )
    """,
    re.VERBOSE,
)

# The wire-photo caption's date: "… during their Davis Cup match in Madrid, Spain, Tuesday, Nov. 19, 2019."
# A weekday, a date with its year, and at most a place after it before the line ends.
WIRE_DATE = re.compile(
    r"""
    ,?\ (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\ 
    (?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\ \d{1,2},\ \d{4}
    (?:,?\ in\ [A-Z][^\n.]{0,40})?\.?\s*$
    """,
    re.VERBOSE,
)

# Caption verbs in the present tense, the wire-photo caption's voice ("speaks during", "celebrates").
CAPTION_VERB = re.compile(
    r"\b(?:speaks|speak|looks|look|celebrates|celebrate|gestures|poses|pose|walks|walk|rides|arrives|arrive|"
    r"attends|attend|waves|holds|hold|stands|stand|sits|talks|listens|reacts|shake|shakes|greets|leaves|"
    r"work|works|prepare|prepares|dunks|runs|takes|looks\ on|is\ seen|are\ seen|pictured|pictures)\b"
)


def caption_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag lines that read as photo captions (weak, for the classifier, when only a credit tells).

    >>> from garble.segment import segment
    >>> doc = segment("Spain's Rafael Nadal celebrates a point in Madrid. (Manu Fernandez/AP)\\n"
    ...               "The minister said so on Tuesday.")
    >>> [(doc.text[h.start:h.end][:20], h.reason) for h in caption_lines(doc.blocks[0], doc)]
    [("Spain's Rafael Nadal", 'furniture_caption')]
    """
    for line in block.lines:
        text = line.text
        if len(text) > MAX_CHARS or text.count(" ") + 1 < MIN_WORDS:
            continue
        # every weekday WIRE_DATE names ends in "day"
        if OPENING.match(text) or ("day" in text and WIRE_DATE.search(text) and CAPTION_VERB.search(text)):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_caption", SURE_STRENGTH)
        elif _may_have_credit(text) and CREDIT_TAIL.search(text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_caption", STRENGTH)
