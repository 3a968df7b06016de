"""Page furniture: prompts, time stamps, credits, tweet signatures, gallery counters, menu words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from garble.datatypes import Block, Document, Hit, Label
from garble.lexical import is_common

# Lines longer than this are prose, not a prompt or a stamp (the longest prompt seen in
# the *-body-dev pages, "Sign up for our daily newsletter", is well under it).
MAX_FURNITURE_LINE = 40

# Whole lines that are page prompts, not article text.
PROMPT_LINE = re.compile(
    r"""
    ^(?:
        read\ (?:more|also|next|the\ full\ story)     # read-more prompts
      | (?:latest\ )?related(?:\ (?:stories|articles|coverage|news|content))?
      | more\ (?:stories|news|from\ \w+)              # more-from lists
      | (?:also|more|elsewhere)\ (?:in|on)\ [\w&'’\ -]{2,30}   # section lists: "Also in Business", "More in Politics"
      | see\ also | recommended(?:\ for\ you)?
      | most\ read(?:\ in\ [\w\ ]+)?                  # "Most read in world news"
      | (?:share|tweet|email|print)(?:\ (?:this|on\ \w+|story|article))?
      | share\ this\ on\ \w+(?::\ \w+)?                      # Share this on Facebook: Facebook
      | click\ (?:here|to\ tweet)
      | (?:advertisement|ad)(?:\ -\ story\ continues\ below)?   # ad slots
      | sponsored(?:\ content)? | subscribe(?:\ now)? | buy\ now
      | sign\ up(?:\ for\ [\w\ ]+)? | follow\ us(?:\ on\ \w+)?
      | (?:news|latest)\ (?:line|news|headlines)      # headline-list titles
      | story\ continued\ below | continue\ reading(?:\ below(?:\ the\ (?:advertisement|ad))?)?
      | like\ this(?::\ like\ loading\.*)? | like\ loading\.*   # WordPress share widget
      | comments? | leave\ a\ (?:comment|reply) | caption | close | back\ to\ gallery
      | published | updated
      | click\ here\ [\w\ ]{3,50}                   # "Click here for football Text Alerts"
      | article\ continues(?:\ below)? | read\ later | have\ your\ say(?:\ read\ comments)?
      | most\ (?:viewed|read|popular|shared)(?:\ (?:articles|stories|news))?
      | sponsored\ links | hosted\ by | get\ your\ newspaper\ delivered
      # the messages of newer sites' scripts and widgets: with SITE_MESSAGE below they add 101 hits on the
      # *-dev pages, all gold furniture (aeb body 7, aeb page 64, l3s page 30), none in Reuters-21578
      | (?:to\ )?read\ the\ full\ story | continue\ reading\ the\ main\ story   # NYT, WSJ
      | this\ slideshow\ requires\ javascript                                 # WordPress gallery
      | you\ have\ (?:been\ )?successfully\ subscribed
      | advert | author | filed\ under | word\ ?count:?\ \d+ | top\ (?:local\ )?stories
    )\s*[:.!»›>|-]*$
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Longer lines of the same kind: a newsletter pitch or its error, a follow-us line naming the networks
# or a link, an author's contact line, a video player's apology. Tried only on lines holding one of
# SITE_MESSAGE_HINTS. (scrapinghub-aeb-body-test keeps one as article text: "Follow NBC Latino on
# Facebook, Twitter and Instagram.")
SITE_MESSAGE = re.compile(
    r"""
    ^(?:
        [^\n]{0,80}\b(?:delivered|straight)\ to\ your\ inbox\b[^\n]{0,80}        # newsletter pitch
      | there\ was\ a\ problem\ subscribing\b[^\n]{0,160}
      | follow\ [^\n]{1,120}?\b(?:on\ (?:facebook|twitter|instagram)|at\ https?://\S+)[^\n]{0,60}
      | write\ to\ [^@\n]{1,60}\ at\ \S+@\S+                                      # Write to Al Root at a@b.com
      | media\ playback\ is\ (?:unsupported|not\ supported)\ on\ your\ device        # BBC video
    )$
    """,
    re.IGNORECASE | re.VERBOSE,
)
SITE_MESSAGE_HINTS = ("inbox", "subscrib", "Follow", "follow", "Write to", "playback")
MAX_SITE_MESSAGE = 200

# A time stamp, alone or after a short section word: "16:05 04.06.2025", "Politics 17:36 17.06.2019".
TIMESTAMP_LINE = re.compile(
    r"""
    ^(?:(?:published|updated|posted):?\ )?            # "Updated: 18 Nov 2019, 19:11"
    (?:[\w&]+\ ){0,2}                                 # an optional section word or two
    (?:
        \d{1,2}:\d{2}(?:\ ?[ap]\.?m\.?)?\ +\d{1,2}[./-]\d{1,2}[./-]\d{2,4}   # 17:36 17.06.2019
      | \d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\ +\d{1,2}:\d{2})?            # 17.06.2019 17:36
      | \d{1,2}\ [A-Z][a-z]{2,8}\ \d{4},?\ \d{1,2}:\d{2}                 # 18 Nov 2019, 19:09
      | date\ \d{4}-\d{2}-\d{2}                                          # date 2021-07-11
    )$
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Photo credits and gallery furniture, anywhere in a line up to its end.
CREDIT = re.compile(
    r"""
    \(AP\ Photo/[^)\n]{1,60}\)                               # (AP Photo/David Zalubowski)
  | \((?:Photo|Image|Picture)s?\ (?:by|credit:?|courtesy(?:\ of)?)\ [^()\n]{1,80}\)   # (Photo by Tasos Katopodis/Getty Images)
  | \|\ (?:[A-Z][\w.'’-]*\ ){0,3}[A-Z][\w.'’-]*\ ?/\ ?(?:Getty\ Images|AFP|AP|EPA|Reuters|Shutterstock)[^\n]{0,30}$
                                                             # a caption's credit: "... | Drew Angerer/Getty Images"
  | (?:Featured\ image|Image|Photo)\ (?:via|by|from|credit:?)\ [^\n]{1,60}$   # Featured image via CNN
  | Featured\ [Ii]mage:\ [^\n]{1,60}$                         # Featured Image: Jeff Swensen/Getty Images
  | ^(?:photo\ by|h/t)\ [^\n]{1,60}$                          # photo by Gage Skidmore / CC BY-SA 3.0; h/t The Right Scoop
  | (?:[A-Z][\w.'’-]*\ ){1,3}[A-Z][\w.'’-]*\ ?/\ ?(?:[A-Z][\w&]*\ ?/\ ?)?Getty\ Images$   # Thaer Mohammad/AFP/Getty Images
  | \(Source:\ [^)\n]{1,40}\)$                               # (Source: Twitter)
  | Photo:\ [^\n]{1,60}$                                     # Photo: X, STF / Associated Press
  | Credit:\ [^\n]{1,40}$                                    # ...treatmentCredit: EPA
  | ^\N{COPYRIGHT SIGN}\ [^\n]{1,40}$                        # © Aaron Schwartz
  | ^Image\ \d{1,3}\ of\ /?\ ?\d{1,3}$                       # Image 1 of 9
  | ^\d{1,3}\ +/\ +\d{1,3}$                                  # 1  /  9 (gallery counter)
    """,
    re.MULTILINE | re.VERBOSE,
)

# A string every CREDIT match holds ("mage" for Image and image, "/" for the gallery counter):
# a text without any of them is passed over without the search (70 ms -> a few ms on the
# 5,406 paragraphs of l3s-gn1-body-test).
CREDIT_HINTS = ("Photo", "photo", "mage", "Source:", "Credit:", "\N{COPYRIGHT SIGN}", "/")

# The signature of an embedded tweet, maybe glued to the next sentence:
# "— Sean Hannity (@seanhannity) November 25, 2017". A display name's words may be a title or a suffix
# with its full stop ("Rep. Ilhan Omar", "Donald Trump Jr.") and stand three spaces apart where a
# scraper dropped the emoji between them ("Annalise   Brown (@SWFLib)", data/wild's ISOT articles).
# Two spaces part the tweet's text from the name in those articles, so no two stand inside a name:
# of the 31 names with two spaces in data/wild, 30 had taken the tweet's last words ("#ResignTrump  Usagi
# Tsukino", "an interview with Gianforte  Alexis Levinson"). Nor does a name open inside a hashtag or a
# handle ("#TrumpChicken  Shelzii" left "#" behind in cleaned text); a hashtag with no two spaces
# before the handle is the name's own ("Julie Harris #Resist (@sabela13)", "#CovertCovfefe (@johnnymags)").
DISPLAY_TITLES = r"(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Prof|Rev|Sgt|Jr|Sr)\."
DISPLAY_WORD = r"(?:[A-Z][a-z'’-]{0,15}(?:[A-Z][a-z]{1,15})?|[A-Z]\.|[A-Z]{2,6}|" + DISPLAY_TITLES + ")"
TWEET_SIGNATURE = re.compile(
    r"""
    (?<![\w/#@])                               # not inside a word, a link, a hashtag or a handle
    (?:\N{EM DASH}\ ?)?                         # the dash Twitter's embed puts first
    (?:\#?""" + DISPLAY_WORD + r"""(?:(?:\ |\ {3})\#?""" + DISPLAY_WORD + r"""){0,3}
       \ {1,3})?                              # display name: up to 4 words ("PFF CLE Browns", "Tyler #Pride")
    \(@\w{1,15}\)\ {1,3}                        # (@handle)
    [A-Z][a-z]{2,8}\.?\ \d{1,2},\ \d{4}         # November 25, 2017
    """,
    re.VERBOSE,
)

# Share counters and button rows: "16505 SHARES SHARES FacebookTwitter ...".
SHARE_ROW = re.compile(r"^\d[\d,.]*[kK]?\ SHARES\b[^\n]*$", re.MULTILINE | re.VERBOSE)


# Words of share bars and article tool rows ("Email | Print | Text size", "Share this with
# Facebook"): a short line made only of these is furniture. Taken from the missed
# boilerplate lines of the *-body-dev gold.
TOOL_WORDS = frozenset([
    "facebook", "twitter", "reddit", "pinterest", "linkedin", "flipboard", "digg", "newsvine", "del.icio.us",
    "delicious", "messenger", "whatsapp", "e-mail", "email", "print", "printer", "friendly", "version",
    "reprints", "tools", "shares", "share", "this", "with", "font", "size", "text", "decrease", "increase",
    "normal", "large", "previous", "next", "article", "send", "to", "a", "friend", "refer", "save", "or",
    "sign", "in", "subscribe", "rss", "feed", "create", "your", "own", "comments", "submit", "comment",
    "post", "stumbleupon", "tumblr", "pocket", "google", "view", "gallery", "all", "news", "single", "page",
    "print-friendly", "+", "-", "–", "«", "»", "|", "[", "]", ":",
])
# ... and at least one of these, so "Article:" or "View all" alone stays text.
TOOL_ANCHORS = frozenset([
    "facebook", "twitter", "reddit", "pinterest", "linkedin", "flipboard", "digg", "newsvine", "del.icio.us",
    "delicious", "messenger", "whatsapp", "e-mail", "email", "print", "printer", "print-friendly", "reprints",
    "share", "shares", "font", "rss", "stumbleupon", "tumblr", "pocket", "google", "«", "»", "+",
])
TOOL_TOKEN = re.compile(r"[\w.+-]+|[^\w\s]")
# Tool rows seen in the gold are at most about 60 characters.
MAX_TOOL_LINE = 80

# A headline with a bracketed section tag: "Beer saves man's life [Illawarra]".
SECTION_TAGGED = re.compile(r"^[^\n\[\].!?]{5,100}\ \[[A-Z][\w\ ]{2,20}\]$")

# A byline with a date or time: "By Tess Bonn - 11/19/19 06:56 AM EST".
BYLINE = re.compile(
    r"""
    ^By\ (?:[A-Z][\w.'’-]*\ ?){1,4}            # By + a name of up to four words
    [,\ -]{1,3}[^\n]{0,40}?                     # a short title ("AP Business Writer")
    (?:\d{1,2}/\d{1,2}/\d{2,4} | \d{1,2}:\d{2} | [A-Z][a-z]{2}\ \d{1,2},\ \d{4})   # a date or a time
    [^\n]{0,25}$
    """,
    re.VERBOSE,
)

# Lines of invisible characters only (zero-width space, joiners, byte-order mark).
INVISIBLE_LINE = re.compile("^[\N{ZERO WIDTH SPACE}\N{ZERO WIDTH NON-JOINER}\N{ZERO WIDTH JOINER}\N{ZERO WIDTH NO-BREAK SPACE}]+$")


def is_tool_line(text: str) -> bool:
    """True when ``text`` is a short share bar or article tool row.

    >>> is_tool_line("Email | Print | Text size – +"), is_tool_line("Share this with Facebook")
    (True, True)
    >>> is_tool_line("Print the article and send it to a friend today."), is_tool_line("Article:")
    (False, False)
    """
    if len(text) > MAX_TOOL_LINE:
        return False
    toks = TOOL_TOKEN.findall(text.lower())
    return all(t in TOOL_WORDS for t in toks) and any(t in TOOL_ANCHORS for t in toks)


def tool_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag share bars, tool rows, section-tagged headlines, dated bylines and invisible lines."""
    for line in block.lines:
        if is_tool_line(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_tools", 0.85)
        elif BYLINE.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_byline", 0.85)
        elif line.text.endswith("]") and SECTION_TAGGED.match(line.text):  # its tag ends the line: "]$"
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_section_tag", 0.75)
        elif INVISIBLE_LINE.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_invisible", 0.6)


# The placeholder a WordPress ad plugin prints where no ad code is set, scraped with the text of sites
# that run it (two FakeNewsNet articles of data/wild, once glued to the next sentence); its wording is the
# plugin's own, so it is matched anywhere in a line.
AD_PLACEHOLDER = re.compile(
    r"Your ads will be inserted here by [^.\n]{1,60}\.(?: Please go to the plugin admin page to)?"
    r"|Paste your ad code(?: OR)?|Suppress this ad slot(?: \.|\.)?"
)


def is_prompt_line(text: str) -> bool:
    """A whole line that is a page prompt (PROMPT_LINE) or a site's longer message (SITE_MESSAGE).

    >>> [is_prompt_line(t) for t in ("Read more:", "Follow us on Facebook, Twitter and Instagram.", "Follow the money.")]
    [True, True, False]
    """
    if len(text) <= MAX_FURNITURE_LINE and PROMPT_LINE.match(text):
        return True
    return (len(text) <= MAX_SITE_MESSAGE and any(hint in text for hint in SITE_MESSAGE_HINTS)
            and SITE_MESSAGE.match(text) is not None)


# A site's cookie notice in its own voice: "This website uses cookies to improve your experience",
# "We use cookies (why?)", "Necessary cookies are absolutely essential for the website to function",
# "Cookie Policy". The *-dev pages: 53 lines, all gold furniture (1,878 characters of them on
# scrapinghub-aeb-page-dev missed by the page recipe's grouped CV before); none in the *-body-dev pages,
# the synthetic training documents, the 7,168 Reuters articles or data/wild. An article about cookies
# says "the site uses cookies", not "this website" or "we".
COOKIE_NOTICE = re.compile(
    r"""
    \b(?:this|our)\ (?:web\ ?)?(?:site|page)\ uses\ cookies\b
  | \bwe\ (?:use|place|store)\ cookies\b
  | \b(?:use|using)\ of\ cookies\b
  | \b(?:necessary|functional|analytics?|performance|advertisement|marketing|third-party|non-necessary)
    \ cookies\ (?:are|help|may|that|is)\b
  | \bany\ cookies\ that\ may\ not\ be\b
  | \b(?:accept|allow|reject|decline|manage)\ (?:all\ )?cookies\b
  | \bcookie\ (?:policy|settings|preferences|consent|notice)\b
  | \bto\ (?:the\ )?use\ of\ cookies\b
  | \bcookies\ (?:on|to\ improve|to\ give|to\ ensure|to\ enhance|to\ personali[sz]e)\ (?:your|this|our|you)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
MAX_COOKIE_NOTICE = 800  # characters: the longest notice in the *-dev pages is about 500


def prompt_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag lines that are read-more, share, subscribe or navigation prompts, cookie notices and an ad
    plugin's placeholder.

    >>> from garble.segment import segment
    >>> doc = segment("Read more:")
    >>> [h.reason for h in prompt_lines(doc.blocks[0], doc)]
    ['furniture_prompt']
    >>> doc = segment("Suppress this ad slot . It is not much money, he said.")
    >>> [doc.text[h.start:h.end] for h in prompt_lines(doc.blocks[0], doc)]
    ['Suppress this ad slot .']
    """
    for line in block.lines:
        if is_prompt_line(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_prompt", 0.9)
        elif "ookie" in line.text and len(line.text) <= MAX_COOKIE_NOTICE and COOKIE_NOTICE.search(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_cookies", 0.9)
        elif "ad" in line.text:
            for m in AD_PLACEHOLDER.finditer(line.text):
                yield Hit(line.start + m.start(), line.start + m.end(), Label.BOILERPLATE,
                          "furniture_ad_placeholder", 0.9)


# A publication stamp line: "PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: ...".
STAMP_LINE = re.compile(
    r"""
    ^(?:published|updated|posted|last\ updated)(?::|\ on)?\ # the stamp's word
    [^\n]{0,60}?\b(?:19|20)\d{2}\b                          # a year somewhere in it
    [^\n]{0,60}$
    """,
    re.IGNORECASE | re.VERBOSE,
)


def timestamp_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag lines that are a time stamp, maybe after a section word.

    >>> from garble.segment import segment
    >>> doc = segment("Politics 17:36 17.06.2019")
    >>> [h.reason for h in timestamp_lines(doc.blocks[0], doc)]
    ['furniture_timestamp']
    """
    for line in block.lines:
        if len(line.text) <= MAX_FURNITURE_LINE and TIMESTAMP_LINE.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_timestamp", 0.9)
        elif STAMP_LINE.match(line.text):
            # Weak: the l3s body-dev gold keeps "Published: 10 January 2008" as article
            # text (32 of its 183 clean documents have one), the aeb gold calls it furniture.
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_stamp_line", 0.45)


def credits(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag photo credits, gallery counters and share-button rows.

    >>> from garble.segment import segment
    >>> doc = segment("He is lying.Featured image via Win McNamee/Getty Images")
    >>> [doc.text[h.start:h.end] for h in credits(doc.blocks[0], doc)]
    ['Featured image via Win McNamee/Getty Images']
    """
    text = block.text
    for m in CREDIT.finditer(text) if any(hint in text for hint in CREDIT_HINTS) else ():
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BOILERPLATE, "furniture_credit", 0.9)
    for m in SHARE_ROW.finditer(text) if "SHARES" in text else ():
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BOILERPLATE, "furniture_share", 0.9)


def tweet_signatures(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag embedded-tweet signatures, which scrapers glue to the next sentence.

    >>> from garble.segment import segment
    >>> doc = segment("Good.  Sean Hannity (@seanhannity) November 25, 2017And again.")
    >>> [doc.text[h.start:h.end] for h in tweet_signatures(doc.blocks[0], doc)]
    ['Sean Hannity (@seanhannity) November 25, 2017']
    """
    if "(@" not in block.text:  # every signature has one: a substring test is ~80x cheaper than the search
        return
    for m in TWEET_SIGNATURE.finditer(block.text):
        # Glued to the next word ("2017And") or with the prose going on after it on its line
        # ("2017 Conservatives have ...", data/wild) the embed was flattened into the text: scraper
        # damage. Ending its line it is an embed that the aeb gold keeps as article text (16 of 16
        # *-body-dev signatures end their line), so only weak evidence.
        rest = block.text[m.end() : m.end() + 40].split("\n", 1)[0]
        flattened = any(c.isalpha() for c in rest)
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BOILERPLATE,
                  "furniture_tweet_signature", 0.9 if flattened else 0.4)


def menu_words(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a lone non-English word on the document's last line, like a menu's "Hamısı" ("All").

    It must have a non-ASCII letter and be unknown to English wordfreq, so an
    English last word ("Ends", "Reuters") stays clean.

    >>> from garble.segment import segment
    >>> doc = segment("Text.\\n\\nTitle\\n11:36 19.05.2025\\nHamısı")
    >>> [doc.text[h.start:h.end] for h in menu_words(doc.blocks[-1], doc)]
    ['Hamısı']
    """
    if block is not doc.blocks[-1] or not block.lines:
        return
    line = block.lines[-1]
    word = line.text
    if word.isalpha() and not word.isascii() and len(word) <= 20 and not is_common(word):
        yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_menu_word", 0.7)
