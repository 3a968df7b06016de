"""More page furniture: share prompts, gallery counters, credit lines, datelines, leaked markup.

Taken from the furniture the first model missed in grouped CV on the *-body-dev pages
(models/README.md). Each pattern's precision against the *-body-dev gold is in its comment
("n/m": lines matched inside gold spans / lines matched); patterns whose lines the two gold
sets disagree on (datelines, role lines) are weak: below the span threshold, they are
evidence for the classifier, not spans of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label

# Lines longer than this are prose, not a prompt or a stamp.
MAX_LINE = 80

# Whole-line prompts and widgets the first PROMPT_LINE (garble.signals.boilerplate) lacks.
WIDGET_LINE = re.compile(
    r"""
    ^(?:
        share\ this\ (?:story|article|post|page|video)      # share prompts
      | you\ (?:may|might)\ also\ (?:like|enjoy)            # recommendation rails
      | (?:also\ )?on\ [\w.-]+\.(?:com|org|net|co\.uk)      # "On HoustonChronicle.com:"
      | replay | watch\ (?:now|live|video) | play\ video     # video player labels
      | (?:new,\ )?\d{1,5}\ comments?                       # "New, 15 comments"
      | \d{1,3}\ of\ \d{1,3}                                # gallery counter "1 of 6"
      | \N{MULTIPLICATION SIGN}\ [^\n]{1,60}                 # a pop-up's close button and its title
      | (?:reading\ time|tempo\ de\ leitura|lesezeit)\W*\ ?\d{1,2}\ ?(?:min\w*)   # reading time
      | \N{BULLET}?\ ?\d{1,2}\ min(?:ute)?s?\ read           # "5 min read", "• 2 min read"
      | we\ welcome\ your\ comments[^\n]{0,200}             # comment policy
      | (?:getty(?:\ images)?|afp|epa|shutterstock|istock)   # a bare photo-agency credit (not "Reuters":
                                                            # a bare "Reuters" line is a byline to both gold sets)
    )\s*[:.!»›>|-]*$
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Icon-font ligature names glued to link text: "chevron_left Browse All Posts".
ICON_WORD = re.compile(
    r"^(?:chevron|arrow|keyboard_arrow|navigate|expand|play|share|access)_[a-z_]{2,20}\b[^\n]{0,60}$"
)

# A photo credit line: "Jason Cipriani/ZDNet", "Biplov Bhuyan/Hindustan Times/Getty Images".
CREDIT_LINE = re.compile(
    r"""
    ^(?:[A-Z][\w.'’-]*\ ){0,3}[A-Z][\w.'’-]*     # a name of capitalised words
    (?:\ ?/\ ?(?:[A-Z][\w.&'’-]*\ ?){1,4}){1,3}$  # then one to three /Outlet parts
    """,
    re.VERBOSE,
)

# A dateline or stamp line: "| November 18, 2019 12:01 PM", "Reuters November 18, 2019 11:03 PM",
# "Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)", "June 15, 2010".
DATELINE = re.compile(
    r"""
    ^[|•·\s-]*(?:[A-Z][\w.]*\ ){0,2}                 # a separator or an agency or weekday
    (?:[A-Z][a-z]{2,8}day,?\ )?                       # a weekday
    (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\ \d{1,2},?\ \d{4}   # the date
    (?:,?\ (?:at\ )?\d{1,2}:\d{2}(?:\ ?[ap]\.?m\.?)?(?:\ [A-Z]{2,4})?)?       # a time
    [^\n]{0,30}$
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A role line under a byline: "Opinion Columnist", "Staff Writer".
ROLE_LINE = re.compile(
    r"^(?:[A-Z][\w-]*\ ){0,3}(?:Columnist|Writer|Correspondent|Editor|Reporter|Contributor|Producer)s?$"
)

# HTML that leaked into the text as text: tags, escaped tags, attributes.
MARKUP = re.compile(
    r"""
    </?(?:script|div|span|iframe|img|br|p|a|figure|figcaption|blockquote|style|noscript|ul|li|strong|em)
        \b[^<>\n]{0,300}>                              # a tag
  | &lt;/?[a-z][a-z0-9]{0,10}\b[^\n]{0,300}?&gt;     # an escaped tag
  | \b(?:href|src|class|style|data-[a-z-]+)=["'][^"'\n]{0,300}["']   # an attribute
    """,
    re.IGNORECASE | re.VERBOSE,
)


def widget_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag share prompts, recommendation rails, player labels, counters and icon-glued links.

    >>> from garble.segment import segment
    >>> doc = segment("Share this story\\n1 of 6\\nchevron_left Browse All Posts\\nThe minister said so.")
    >>> [doc.text[h.start:h.end] for h in widget_lines(doc.blocks[0], doc)]
    ['Share this story', '1 of 6', 'chevron_left Browse All Posts']
    """
    for line in block.lines:
        if len(line.text) > MAX_LINE and not line.text.lower().startswith("we welcome"):
            continue
        if WIDGET_LINE.match(line.text) or ICON_WORD.match(line.text):
            # *-body-dev gold: 21 of 21 such lines are furniture (with "Reuters" left out).
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_widget", 0.85)


def credit_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag photo-credit lines ("Name/Outlet"), datelines and role lines (the last two weak).

    >>> from garble.segment import segment
    >>> doc = segment("Jason Cipriani/ZDNet\\n| November 18, 2019 12:01 PM\\nOpinion Columnist")
    >>> [(h.reason, h.strength) for h in credit_lines(doc.blocks[0], doc)]
    [('furniture_credit_line', 0.45), ('furniture_dateline', 0.45), ('furniture_role', 0.45)]
    """
    for line in block.lines:
        if len(line.text) > MAX_LINE:
            continue
        if CREDIT_LINE.match(line.text):
            # Weak: 13 of 23 such *-body-dev lines are gold furniture; l3s keeps agency credits.
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_credit_line", 0.45)
        elif DATELINE.match(line.text):
            # Weak: aeb's gold calls 41 of 41 such lines furniture, l3s's 0 of 105.
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_dateline", 0.45)
        elif ROLE_LINE.match(line.text):
            # Weak: aeb 5 of 5 furniture, l3s 0 of 9.
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_role", 0.45)


def markup(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag HTML that leaked into the text: tags, escaped tags and attributes.

    >>> from garble.segment import segment
    >>> doc = segment('He said.<script type="text/javascript"> and &lt;a href=x&gt;')
    >>> [doc.text[h.start:h.end] for h in markup(doc.blocks[0], doc)]
    ['<script type="text/javascript">', '&lt;a href=x&gt;']
    """
    text = block.text
    # every MARKUP alternative holds "<", "&" (of "&lt;") or "=": most paragraphs have none
    for m in MARKUP.finditer(text) if "<" in text or "&" in text or "=" in text else ():
        # *-body-dev gold: 19 of 19 matches are furniture.
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BOILERPLATE, "furniture_markup", 0.9)
