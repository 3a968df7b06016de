"""Furniture rules applied after the models: lines whose hits are spans of their own, never model features.

A hit of a registered signal (``garble.signals.BLOCK_SIGNALS``) is also a feature of the line it lies on, so a
new one changes what the shipped trees were fitted on, and their weights would have to be retrained and their
figures measured again. These rules find lines the models miss and that need no model to judge:

* ``site_lines``, for every weights: a site's own widgets and links ("Skip to main content", "Comments (3)",
  "Terms of Use | Privacy Policy"). No gold keeps one as text: on the *-dev files 17 lines in the body gold,
  all furniture (l3s 11, aeb 6), 643 in the page gold, all furniture; none in the Reuters articles.
* ``hover_names``, for every weights: a hover card's name, the person's name given again and glued to the
  card's first headline ("Prime Minister Boris Johnson Boris JohnsonJohnson faces revolt ... said"). The glued
  word alone is a weak hit (brand names glue words too) that the models passed unless a "Name:" column or a
  "MORE" followed; the name said twice before it is the card's own mark. Once in all the labelled data (the seed,
  which other signals find too), never in the 7,168 Reuters articles, the pages or data/wild.
* ``rights_lines`` and ``tag_lines``, for the strict weights only (``garble.signals.STRICT_SIGNALS``): a
  copyright line and a site's tag or category line after an article. Both golds keep them as text where they
  end an article body (copyright: l3s-body-dev 67 of 70 lines, aeb-body-dev 3 of 5; tags and categories: l3s 7
  of 7) and call them furniture in their page files, so the default weights, which follow the body gold, leave
  them; a corpus that wants article text only (what strict is for) wants them gone.

A cut-off whose sentence the next paragraph carries on in lower case ("the least they des" + "erved for their
superiority") is a paragraph break in the wrong place, not words to cut: ``split_paragraphs`` gives it the reason
``SPLIT_WORD`` or ``SPLIT_SENTENCE``, and cleaning keeps the words and closes the break (``garble.clean``).

Hits the models saw can be withdrawn here too, for the same reason (``withdrawn``): a signal's hit that is a
writer's doing, not damage, stays a feature of its line as the trees were fitted, and makes no span of its own.

* a word English says twice ("a hush hush trip", "a big whoop whoop"), flagged as a doubled word;
* a writer's repetition flagged as a doubled phrase: one word over and over ("take, take, take, take"), a content
  word and its link said three times ("wrote, and wrote, and wrote"), a short sentence said twice inside a
  quotation ("Stop it. Stop it.");
* an article's own heading read as a spliced headline: the document's first line, or a list article's numbered
  heading, in Title Case from end to end with its small words in lower case ("7. Clinton Defends Being
  'Prepared' When Trump Questions Her Time Off the Trail", the run cut at "the").

As signal changes these were tried first (2026-12-07): they touch six training lines (l3s and aeb body-dev, one
generated document), and the retrained body weights moved aeb-body-test span F1 0.615 -> 0.573 and l3s 0.655 ->
0.662, the seed-sized noise of a refit, for no change in what they were fixed for.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import replace

from garble.clean import SPLIT_SENTENCE, SPLIT_WORD
from garble.datatypes import Block, Document, Hit, Label, Line
from garble.lexical import FUNCTION_WORDS, zipf
from garble.signals.repetition import WORD
from garble.signals.seams import carries_on
from garble.signals.titles import SMALL, TOKEN, _is_title_token

# A site's widget or link, the whole line: none is article text in any gold (counts in the module docstring).
SITE_LINE = re.compile(
    r"""
    ^(?:
        comments?\ \(\d+\) | \d+\ comments? | (?:view|show)\ comments          # Comments (3), 2 comments
      | trending(?:\ now|\ stories|\ news)? | loading\ ?\.* | skip\ to\ (?:main\ )?content | skip\ to\ navigation
      | report\ an?\ (?:error|typo|correction) | (?:next|previous)\ (?:story|article|post)
      | listen\ to\ (?:this\ )?(?:article|story) | print\ this\ (?:article|story|page)
      | please\ enable\ javascript[^\n]{0,120}                                 # ... to view the comments
      | \d{1,2}\ min(?:ute)?s?\ read                                           # 5 Min Read
      | (?:terms\ of\ (?:use|service)|privacy\ policy|cookie\ policy|contact\ us|about\ us)   # footer links,
        (?:\ ?[|·•]\ ?[\w&\ ]{3,30}){0,8}                                      # one or a row of them
    )\s*[.:!|]*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
MAX_SITE_LINE = 200

# A copyright or rights line: "Copyright 2008 by The Associated Press. All rights reserved. This material may not
# be published, broadcast, rewritten or redistributed."
RIGHTS_LINE = re.compile(
    r"""
    ^(?:copyright\ ?)?\N{COPYRIGHT SIGN}[^\n]{1,200}$               # © 2019 Hearst Communications, Inc.
  | ^copyright\ (?:by\ )?(?:19|20)\d{2}\b[^\n]{1,200}$              # Copyright 2007 The New York Times Company
  | ^\(c\)\ ?(?:19|20)\d{2}\b[^\n]{1,200}$                         # (c) 2008 Yahoo! Inc.
  | ^[^\n]{0,150}\ball\ rights\ reserved\b[^\n]{0,150}$             # Copyright PA Sport 2007, All Rights Reserved
  | ^[^\n]{0,100}\bmay\ not\ be\ published,\ broadcast,\ rewritten\b[^\n]{0,100}$   # the AP's notice
    """,
    re.IGNORECASE | re.VERBOSE,
)
RIGHTS_HINTS = ("\N{COPYRIGHT SIGN}", "opyright", "OPYRIGHT", "(c)", "(C)", "eserved", "ESERVED", "broadcast")

# A site's tag or category line: "Tags: vista , os , us , microsoft", "Filed under: Politics", "Posted in World News".
TAG_LINE = re.compile(r"^(?:tags?|filed\ under|posted\ in|categor(?:y|ies)|topics?):?\ [^\n.]{1,150}$",
                      re.IGNORECASE | re.VERBOSE)
TAG_HINTS = ("ag", "AG", "iled", "ILED", "osted in", "ategor", "opic")


# A name, one or two capitalised words, the name again glued to a capitalised word: "Johnson Boris JohnsonJohnson",
# "Biden Joe BidenCawthorn". The card is from the words between to the glued word.
HOVER_NAME = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?P<card>(?:\ [A-Z][\w.'’-]*){1,2}\ (?P=name)"
                        r"[A-Z][a-z][\w'’]*)")


def hover_names(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a hover card's name said again and glued to its first headline (``HOVER_NAME``).

    >>> from garble.segment import segment
    >>> doc = segment("Prime Minister Boris Johnson Boris JohnsonJohnson faces revolt said the measures were needed.")
    >>> [doc.text[h.start:h.end] for b in doc.blocks for h in hover_names(b, doc)]
    ['Boris JohnsonJohnson']
    """
    for m in HOVER_NAME.finditer(block.text):
        yield Hit(block.start + m.start("card") + 1, block.start + m.end(), Label.INJECTED_LINK, "link_hover_doubled",
                  0.8)


def site_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a site's widgets and links (``SITE_LINE``).

    >>> from garble.segment import segment
    >>> doc = segment("Skip to main content\\n\\nComments (3)\\n\\nThe comments he made were noted.")
    >>> [doc.text[h.start:h.end] for b in doc.blocks for h in site_lines(b, doc)]
    ['Skip to main content', 'Comments (3)']
    """
    for line in block.lines:
        if len(line.text) <= MAX_SITE_LINE and SITE_LINE.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, "furniture_site", 0.9)


def rights_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag copyright and rights lines (``RIGHTS_LINE``).

    >>> from garble.segment import segment
    >>> doc = segment("Copyright 2019 Hawaii News Now. All rights reserved.\\nCopyright law changed in 2019.")
    >>> [doc.text[h.start:h.end] for b in doc.blocks for h in rights_lines(b, doc)]
    ['Copyright 2019 Hawaii News Now. All rights reserved.']
    """
    return _hinted_lines(block, RIGHTS_LINE, RIGHTS_HINTS, "furniture_rights")


def tag_lines(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a site's tag and category lines (``TAG_LINE``).

    >>> from garble.segment import segment
    >>> doc = segment("Tags: vista , os , us , microsoft\\nTopics discussed included the budget.")
    >>> [doc.text[h.start:h.end] for b in doc.blocks for h in tag_lines(b, doc)]
    ['Tags: vista , os , us , microsoft']
    """
    return _hinted_lines(block, TAG_LINE, TAG_HINTS, "furniture_tags")


def _hinted_lines(block: Block, pattern: re.Pattern[str], hints: tuple[str, ...], reason: str) -> Iterator[Hit]:
    """A furniture hit for each line of ``block`` that ``pattern`` matches, tried only on lines holding one of
    ``hints`` (a string every match holds)."""
    for line in block.lines:
        if any(hint in line.text for hint in hints) and pattern.match(line.text):
            yield Hit(line.start, line.end, Label.BOILERPLATE, reason, 0.9)


# Words English says twice that the doubled-word signal flags (its LEGIT_DOUBLES are the ones it passes):
# reduplicated interjections and words (data/wild, l3s-body-dev: "a hush hush trip", "a big whoop whoop").
REDUPLICATED = frozenset([
    "hush", "whoop", "tut", "tsk", "yum", "boo", "choo", "woof", "blah", "chop", "rah", "yada", "ooh", "aah",
    "oh", "ah", "uh", "huh", "hmm", "wow", "hey", "bling", "hip", "boom", "bang",
])
# The reasons of the hits ``withdrawn`` may take back; any other hit is kept without a look.
WITHDRAWABLE = frozenset(["repetition_word", "repetition_phrase", "headline_title_case"])


def withdrawn(doc: Document, hits: list[Hit]) -> list[Hit]:
    """``hits`` without those that are a writer's doing, not damage (the module docstring lists them).

    >>> from garble.segment import segment
    >>> from garble.signals import detect
    >>> doc = segment("A hush hush trip. He said, “Stop it. Stop it.” Then he said he said no.")
    >>> [(doc.text[h.start:h.end], h.reason) for h in withdrawn(doc, detect(doc)) if h.label == Label.REPETITION]
    [('he said', 'repetition_phrase')]
    """
    if not any(hit.reason in WITHDRAWABLE for hit in hits):
        return hits
    starts = [block.start for block in doc.blocks]
    blocks: dict[int, _Words] = {}  # each block's words read once, however many hits it has ("John Smith " * 10**5)
    kept = []
    for hit in hits:
        if hit.reason in WITHDRAWABLE:
            index = bisect_right(starts, hit.start) - 1
            words = blocks.get(index)
            if words is None:
                words = blocks[index] = _Words(doc.blocks[index])
            if words.is_writing(hit):
                continue
        kept.append(hit)
    return kept


class _Words:
    """A block's words and line starts, read once for every withdrawable hit in it."""

    def __init__(self, block: Block) -> None:
        self.block = block
        self.words = list(WORD.finditer(block.text))
        self.word_starts = [m.start() for m in self.words]
        self.keys = [m.group().lower() for m in self.words]
        self.line_starts = [line.start for line in block.lines]
        self._quoted: list[bool] | None = None

    def quoted(self, k: int) -> bool:
        """Whether a quotation is open before word ``k``: more “ than ” before it, or an odd count of ".
        Counted once for the block, word by word (words hold every quote mark: WORD is any run of non-space)."""
        if self._quoted is None:
            self._quoted = []
            curly = straight = 0
            for m in self.words:
                self._quoted.append(curly > 0 or straight % 2 == 1)
                word = m.group()
                curly += word.count("“") - word.count("”")
                straight += word.count('"')
        return self._quoted[k]

    def is_writing(self, hit: Hit) -> bool:
        """Whether ``hit`` (of a WITHDRAWABLE reason, in this block) is a writer's doing."""
        block = self.block
        text = block.text[hit.start - block.start : hit.end - block.start]
        if hit.reason == "repetition_word":
            return text.split()[0].lower() in REDUPLICATED
        if hit.reason == "repetition_phrase":
            size = len(text.split())
            at = bisect_left(self.word_starts, hit.start - block.start) - size
            return at >= 0 and (_is_rhetoric(self.keys, at, size)
                                or (_is_sentence(self.words, at, size) and self.quoted(at)))
        line = block.lines[bisect_right(self.line_starts, hit.start) - 1]
        return _is_heading_line(line, block) and _is_title_line(line.text)


def _bare(word: str) -> str:
    """A lower-cased word without the punctuation around it: "take," and "take." are the same word."""
    return word.strip(".,;:!?…\"'“”‘’()")


def _is_rhetoric(keys: list[str], i: int, size: int) -> bool:
    """Whether the phrase ``keys[i : i + size]``, given twice from ``i``, is a writer's repetition, not a stutter:

    - one word over and over, "take, take, take, take";
    - a content word and its link said three times, "Jewels after Jewels after Jewels", "wrote, and wrote,
      and wrote", "post after post after post after post".

    The pipeline pastes a phrase whole: "said it had said it had said it had gone", "he said he said he told".

    >>> _is_rhetoric("and you can't just take, take, take, take.".split(), 4, 2)
    True
    >>> _is_rhetoric("ford wrote, and wrote, and wrote.".split(), 1, 2)
    True
    >>> _is_rhetoric("post after post after post after post after post.".split(), 0, 4)
    True
    >>> _is_rhetoric("he said he said he told them".split(), 0, 2)
    False
    >>> _is_rhetoric("of the common stock of the common stock of its".split(), 0, 4)
    False
    """
    bare = [_bare(w) for w in keys[i : i + 2 * size + 1]]
    if all(w == bare[0] for w in bare[: 2 * size]):
        return True
    return (size % 2 == 0 and all(bare[k] == bare[k % 2] for k in range(2 * size))
            and bare[0] not in FUNCTION_WORDS and len(bare) > 2 * size and bare[2 * size] == bare[0])


# Sentence-final punctuation, then any closing quotes: a word that ends a sentence.
SENTENCE_FINAL = re.compile(r"[.!?…][\"”’]*$")


def _is_sentence(words: list[re.Match[str]], i: int, size: int) -> bool:
    """Whether the ``size`` words from ``words[i]`` are a whole sentence: the word before ends one (or there is
    none, or it ends in a colon or comma, a quotation's opening), and the last ends one. Said twice inside a
    quotation ("Stop it. Stop it.") it is a speaker's emphasis; the pipeline's pasted sentences are long, and
    ``repetition.repeated_text`` finds those.

    >>> ws = list(WORD.finditer('She said, "Move back. Stop it. Stop it. I want to go."'))
    >>> _is_sentence(ws, 4, 2), _is_sentence(ws, 5, 2)
    (True, False)
    """
    if not SENTENCE_FINAL.search(words[i + size - 1].group()):
        return False
    return i == 0 or SENTENCE_FINAL.search(words[i - 1].group()) is not None or words[i - 1].group().endswith((":", ","))


# A list item's number opening a line: "7. ", "12) ".
LIST_NUMBER = re.compile(r"\d{1,3}[.)]\s")
# Words Title Case leaves in lower case that titles.SMALL does not name.
ARTICLES = frozenset(["the", "a", "an"])


def _is_heading_line(line: Line, block: Block) -> bool:
    """Whether ``line`` stands where an article's own heading does: the document's first line, or a numbered
    item of a list article ("7. Clinton Defends Being ‘Prepared’ …"). Related headlines come after the text
    they hang on, and a related list numbers its items on lines of their own (aeb page-dev)."""
    return (block.index == 0 and line.start == block.lines[0].start) or LIST_NUMBER.match(line.text) is not None


def _is_title_line(text: str) -> bool:
    """Whether ``text`` is a title from end to end: title tokens, and small words and articles in lower case,
    a title token last ("… Her Time Off the Trail"), not prose ("… Off said the aide").

    >>> _is_title_line("These Are the Industries Where Staff Are Most Likely to Smoke Weed")
    True
    >>> _is_title_line("Atlantis Group Tells Sec It Seeks Negotiated Purchase the company said.")
    False
    """
    words = [t for t in TOKEN.findall(text) if t != ","]
    return (bool(words) and _is_title_token(words[-1])
            and all(_is_title_token(t) or t in SMALL or t in ARTICLES for t in words))


def split_paragraphs(doc: Document, hits: list[Hit]) -> list[Hit]:
    """``hits`` with each cut-off whose sentence the next paragraph carries on given the reason ``SPLIT_WORD`` (the
    break falls inside a word) or ``SPLIT_SENTENCE``, so that cleaning closes the break instead of cutting out
    the words before it (in data/wild and the *-dev and *-test pages, 17 such cut-offs; none in the generator's
    documents, whose cut-offs lose the rest of their sentence).

    >>> from garble.segment import segment
    >>> from garble.signals.seams import cut_offs
    >>> doc = segment("A try and a penalty were the least they des\\n\\nerved for their superiority at home.")
    >>> [(doc.text[h.start:h.end], h.reason) for h in split_paragraphs(doc, list(cut_offs(doc.blocks[0], doc)))]
    [('least they des', 'seam_split_word')]
    """
    if not any(hit.reason == "seam_cut_off" for hit in hits):
        return hits
    starts = [block.start for block in doc.blocks]
    # the paragraphs a furniture hit covers whole ("Advertisement"), which a split sentence may run past
    furniture = {index for hit in hits if hit.label is Label.BOILERPLATE
                 for index in [bisect_right(starts, hit.start) - 1]
                 if hit.start <= doc.blocks[index].start and hit.end >= doc.blocks[index].end}
    out = []
    for hit in hits:
        if hit.reason == "seam_cut_off":
            block = doc.blocks[bisect_right(starts, hit.start) - 1]
            following = _carried_on(block, doc, furniture)
            if following is not None:
                hit = replace(hit, reason=SPLIT_WORD if _splits_word(block.text, following) else SPLIT_SENTENCE)
        out.append(hit)
    return out


def _carried_on(block: Block, doc: Document, furniture: set[int]) -> str | None:
    """The paragraph that carries on ``block``'s sentence: the next one, or the one after a paragraph of
    ``furniture`` (l3s-body-dev: "... isn't just going to break" | "Advertisement" | "the mold — together, ...").

    >>> from garble.segment import segment
    >>> doc = segment("It said earlier on Monday that it expected to\\n\\nAdvertisement\\n\\noperate all of its flights.")
    >>> _carried_on(doc.blocks[0], doc, {1}), _carried_on(doc.blocks[0], doc, set())
    ('operate all of its flights.', None)
    """
    blocks = doc.blocks
    after = block.index + 1
    if after < len(blocks) and carries_on(block.text, blocks[after].text):
        return blocks[after].text
    if after in furniture and after + 1 < len(blocks) and carries_on(block.text, blocks[after + 1].text):
        return blocks[after + 1].text
    return None


def _splits_word(before: str, after: str) -> bool:
    """Whether a break between ``before`` and ``after`` falls inside a word: the two pieces either side make
    a word, more common than the rarer of them ("des" + "erved", "eligibl" + "e", "bowl" + "ing"; not "on" +
    "to": "onto" is rarer than either, as "anyway", "without" and "newspaper" are than their pieces).

    >>> _splits_word("the least they des", "erved for it"), _splits_word("off the bowl", "ing of Clark")
    (True, True)
    >>> _splits_word("hanging on", "to the puck"), _splits_word("the news", "paper said")
    (False, False)
    """
    left, right = before.rsplit(None, 1)[-1], after.split(None, 1)[0].rstrip(".,;:!?\"”’)")
    if not (left.isalpha() and right.isalpha()):
        return False
    joined = zipf(left + right)
    return joined >= MIN_JOINED_ZIPF and joined >= min(zipf(left), zipf(right))


# A word two pieces make when rejoined is a common one: "deserved" 4.1, "materials" 4.8, "eligible" 4.3.
MIN_JOINED_ZIPF = 3.0
