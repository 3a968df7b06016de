"""Seams where text was cut or joined: missing sentence breaks, cut-off sentences, doubled determiners."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from garble.datatypes import Block, Document, Hit, Label
from garble.lexical import DANGLING_WORDS

# Two determiners in a row: "share a the willingness".
DOUBLED_DETERMINER = re.compile(
    r"""
    \b(?:a|an)\s+the\b                  # "a the", "an the"
  | \bthe\s+an?\b                       # "the a", "the an" ("the the" is repetition's)
    """,
    re.VERBOSE,
)

# Each DOUBLED_DETERMINER alternative without its leading word boundary, searched first
# (l3s-gn1-body-test's 5,406 paragraphs: 20 -> 9 ms; 22 of them go on to the full pattern).
DOUBLED_DETERMINER_CORE = re.compile(r"the\s+an?\b|an?\s+the\b")

# An article followed by a word no noun phrase starts with: a preposition, a conjunction, a pronoun or an
# auxiliary ("Asked the about the charges", "sell all of the their stake", "the in the retail market"): a word
# was dropped or one strayed in. Not "the will to" (a noun), "the about 880,000 shares" (a quantity), "the
# in-crowd" or "chairm,an". Measured: 9 in the 7,168 Reuters articles, every one a slip of the source ("it also
# said the are price reductions", "met today an in elegant Moscow mansion"); 1 on the *-body-dev pages ("his
# team mates. The have to beat", not gold: l3s labels furniture only), 2 on the *-page-dev pages (that one and
# "please send us an with the details": a link's text lost); 1 in data/wild ("Why do the they all hate me?");
# 103 in the synthetic training documents, which strew "the", "to a" and "of the in".
# The pattern opens on the article's first letter and looks back from it (the look-behind shifted by that one
# letter), so a search skips to the next "t" or "a" instead of trying the look-behind at every position: the same
# matches (123 in the 158,712 paragraphs of the pages, data/wild and the synthetic and Reuters sets, and 200,000
# random strings of articles, words, spaces and quotes); the *-body-test paragraphs took 18.9 instead of 31.7 ms
# CPU a pass (min of 7).
STRAY_DETERMINER = re.compile(
    r"""
    (?P<article>[Tta](?<![^\s"“(].)           # "the", "The", "a" or "an" after a space, a quote or a bracket
      (?:(?<=[Tt])he|(?<=a)n?))\s+             # not "A": "Vitamin A in the diet", "from A to Z"
    (?:about(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|half|a\b))  # not "the about 880,000"
      |in|of|on|at|to|from|with|by|for|into|which|who|whom|whose|is|was|are|were|he|she|they|we|his|their
      |its|our|my|your|and|or|but|than|would|could|should|has|have|had)
    (?![\w'’-])
    """,
    re.VERBOSE,
)

# Below the 0.9 of "a the": a source's own slip is as likely as a pipeline's scramble.
STRAY_DETERMINER_STRENGTH = 0.7

# A clause that ends without punctuation and a new one that starts capitalised:
# "with US efforts Other countries have tried". The second word is a clause opener that
# is never capitalised mid-sentence (titles aside: the first word must be lower case and
# not a preposition that could open a title, and a lower-case word must follow).
OPENERS = (
    "Other|They|These|Those|However|Meanwhile|But|It|He|She|We"   # seed-004's "Other countries"
    "|The|This|That|There|Its|His|Her|Their|Some|In|And"         # the generator's cut seams (synth held-out)
)
MISSING_BREAK = re.compile(
    rf"""
    \b(?P<tail>(?:[^\s,;:]{{1,40}}\ ){{0,2}}[a-z]{{3,}})   # the clause's last words: up to three, after any comma
    \ (?P<head>{OPENERS})                       # a clause opener
    \ (?=[a-z])                                 # followed by a lower-case word, as prose goes on
    """,
    re.VERBOSE,
)
# What every MISSING_BREAK match contains, searched first: the full pattern tries up to
# three words at every word start, which costs more than the rest of this module.
# Reserved Reuters (924 articles): no match; *-body-dev pages: one each.
MISSING_BREAK_CORE = re.compile(rf"[a-z]{{3}}\ (?:{OPENERS})\ [a-z]")

# A possessive that cannot follow the noun phrase of a preposition: "in the program its
# development" (a word was dropped or the phrase scrambled). After a verb the same
# shape is English ("gave the program its name"), so a preposition must lead.
STRAY_POSSESSIVE = re.compile(
    r"""
    \b(?:in|of|on|for|with|from|by|at|into|about)   # a preposition
    \ (?:the|a|an)\ [a-z]{3,}                        # its noun phrase: "the program"
    \ (?:its|their)\ [a-z]{3,}\b                    # a possessive phrase glued on: "its development"
    """,
    re.VERBOSE,
)

# Nouns that take a that-less clause ("at the news his partner had left"): not a seam.
CLAUSE_NOUNS = frozenset([
    "news", "fact", "idea", "claim", "claims", "report", "reports", "hope", "fear", "fears", "belief",
    "suggestion", "possibility", "assurance", "assurances", "view", "notion", "sense", "feeling",
    # ... and nouns that head a that-less relative clause ("in the way its business works")
    "way", "time", "day", "year", "moment", "place", "reason", "money", "thing", "things", "amount",
])

# Scripture capitalises God's pronouns mid-sentence ("for which He had sent", "Soon shall We cast": quoted
# verses in data/wild). After a relative pronoun or a modal no clause has ended, so a capitalised pronoun
# there is no new sentence's.
DEITY_PRONOUNS = frozenset(["He", "His", "We"])
NO_CLAUSE_END = frozenset(["which", "who", "whom", "whose", "that", "shall", "will", "would", "should", "can",
                           "could", "may", "might", "must", "hath", "doth"])

# Words after which a capitalised opener is legitimate (a title or a quotation starts).
TITLE_LEADS = frozenset([
    "of", "in", "on", "at", "for", "from", "with", "by", "to", "and", "or", "as", "called", "titled",
    "named", "the", "said", "says"
])

# A paragraph this many words long that ends with no terminal punctuation on a
# function word was cut off (headings are shorter and end in content words).
MIN_CUT_WORDS = 8
TERMINAL = ".!?…:;\"”’)]"
# How many words before the cut a hit covers (seed-004's gold seam is three words).
CUT_TAIL_WORDS = 3
# A sentence end after a lower-case word, then a capital: the paragraph holds a finished
# sentence before its last one (not "1. Don't", a numbered list).
SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"'”’]?[ ][\"“]?[A-Z]")
# A one-line paragraph that stops on a lower-case content word is cut off only when it
# finished a sentence before (headlines, captions and tweets are one sentence) and its last
# sentence has this many words (a sign-off "he added. asif aqeel" has two).
MIN_LAST_SENTENCE_WORDS = 4
# Reserved Reuters: 1 paragraph of 924 articles flagged. *-body-dev: cut-off spans (either kind)
# outside the gold are 4 on l3s and 7 on aeb, some of them real cuts the gold does not label
# ("publishers with an" + a new paragraph "effective way ...").
CONTENT_CUT_STRENGTH = 0.6
LOWER_WORD = re.compile(r"[a-z]+")

# A paragraph broken in two mid-sentence, or mid-word ("the least they des" + "erved for their
# superiority."): the next paragraph goes on in lower case. Lower-case bylines and date lines
# ("by Simon Martin", "last updated: ...") are not a continuation, nor is a handle or a URL.
# Measured on the *-body-dev pages: 7 paragraphs, all real splits (4 of them mid-word), none in the
# gold (which labels only boilerplate); 1 in 3,000 training Reuters articles ("sold by Waverly Oil
# Co," + "a selling shareholder").
CONTINUATION = re.compile(r"[a-z]+\b(?![.@/:])")
NOT_CONTINUATIONS = frozenset(["by", "photo", "photos", "last", "updated", "posted", "published", "filed",
                               "source", "via", "and", "or"])
# Words of a paragraph that can be split: shorter ones and Title Case ones are headings and names.
MIN_SPLIT_WORDS = 6
MAX_SPLIT_CAPITALS = 0.4
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def doubled_determiners(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag two articles in a row ("a the"), both, as seed-001 labels them; the suggestion keeps the second,
    the one the noun phrase goes on from, so cleaning drops one word, not both ("share the willingness").

    >>> from garble.segment import segment
    >>> doc = segment("They share a the willingness to engage.")
    >>> [(doc.text[h.start:h.end], h.suggestion) for h in doubled_determiners(doc.blocks[0], doc)]
    [('a the', 'the')]
    """
    if not DOUBLED_DETERMINER_CORE.search(block.text):
        return
    for m in DOUBLED_DETERMINER.finditer(block.text):
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BROKEN_TEXT, "seam_doubled_determiner", 0.9,
                  suggestion=m.group().split()[-1])


def stray_determiners(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag an article that no noun phrase follows ("Asked the about the charges"): the article, the word
    the scramble left in (the word after it is often the sentence's own).

    >>> from garble.segment import segment
    >>> doc = segment("Asked the about the charges, they sold all of the their stake.")
    >>> [doc.text[h.start:h.end] for h in stray_determiners(doc.blocks[0], doc)]
    ['the', 'the']
    """
    for m in STRAY_DETERMINER.finditer(block.text):
        yield Hit(block.start + m.start(), block.start + m.end("article"), Label.BROKEN_TEXT, "seam_stray_determiner",
                  STRAY_DETERMINER_STRENGTH)


def missing_breaks(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a sentence that runs into the next with no punctuation ("efforts Other countries").

    >>> from garble.segment import segment
    >>> doc = segment("It is a partner, with US efforts Other countries have tried to engage.")
    >>> [doc.text[h.start:h.end] for h in missing_breaks(doc.blocks[0], doc)]
    ['with US efforts']
    >>> doc = segment("— Jess Dweck (@TheDweck) May 29, 2017@bessbell He blocked me years ago.")
    >>> list(missing_breaks(doc.blocks[0], doc))
    []
    """
    if not MISSING_BREAK_CORE.search(block.text):
        return
    for m in MISSING_BREAK.finditer(block.text):
        last = m.group("tail").rsplit(" ", 1)[-1]
        at = m.end("tail") - len(last)  # where the last word starts
        # a handle or a hashtag is a tweet's, and a tweet's next sentence may start anyhow ("@bessbell He blocked me")
        if (last in TITLE_LEADS or block.text[at - 1 : at] in ("@", "#")
                or (m.group("head") in DEITY_PRONOUNS and last in NO_CLAUSE_END)):
            continue
        yield Hit(block.start + m.start("tail"), block.start + m.end("tail"), Label.BROKEN_TEXT,
                  "seam_missing_break", 0.6)


def _last_sentence_words(text: str) -> int:
    """Words after the paragraph's last sentence break (0 when it has none).

    >>> _last_sentence_words("Profit rose. It said the drop in crude oil and"), _last_sentence_words("One sentence")
    (8, 0)
    """
    breaks = list(SENTENCE_BREAK.finditer(text))
    return len(text[breaks[-1].end() - 1 :].split()) if breaks else 0


def _runs_on(block: Block, doc: Document) -> bool:
    r"""True when the next paragraph carries on ``block``'s sentence in lower case.

    >>> from garble.segment import segment
    >>> doc = segment("Hinton's penalty and a try were the least they des\n\nerved for their superiority.")
    >>> _runs_on(doc.blocks[0], doc), _runs_on(doc.blocks[1], doc)
    (True, False)
    """
    return block.index + 1 < len(doc.blocks) and carries_on(block.text, doc.blocks[block.index + 1].text)


def carries_on(text: str, following: str) -> bool:
    """True when the paragraph ``following`` carries on the sentence of the paragraph ``text`` in lower case:
    it opens on a lower-case word (not a credit's "by" or "photo"), and ``text`` is prose, not a heading.

    >>> carries_on("It said it expected to operate all of its long-haul", "flights from the airport today.")
    True
    >>> carries_on("It said it expected to operate all of its long-haul", "By Reuters staff in London today")
    False
    """
    lead = CONTINUATION.match(following)
    if lead is None or lead.group() in NOT_CONTINUATIONS or len(following.split()) < 4:
        return False
    words = WORD.findall(text)
    capitals = sum(word[0].isupper() for word in words)
    return len(words) >= MIN_SPLIT_WORDS and capitals <= MAX_SPLIT_CAPITALS * len(words)


def cut_offs(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a paragraph that stops mid-sentence: on a function word ("... talks with the"), on a
    lower-case word after a finished sentence ("... It said the drop in crude oil and"), or where the
    next paragraph goes on in lower case ("... the least they des" + "erved ...").

    >>> from garble.segment import segment
    >>> doc = segment("The minister said the talks would resume next week with the")
    >>> [doc.text[h.start:h.end] for h in cut_offs(doc.blocks[0], doc)]
    ['week with the']
    >>> doc = segment("Profit rose. The management plan would result in a balance sheet with about 2.5 billion")
    >>> [doc.text[h.start:h.end] for h in cut_offs(doc.blocks[0], doc)]
    ['about 2.5 billion']
    """
    text = block.text
    if text[-1] in TERMINAL or " | " in text:
        return
    last = text.rsplit(None, 1)[-1]
    long_enough = len(text.split()) >= MIN_CUT_WORDS
    if long_enough and last.lower() in DANGLING_WORDS:
        strength = 0.7
    elif (long_enough and LOWER_WORD.fullmatch(last) and "\n" not in text
          and _last_sentence_words(text) >= MIN_LAST_SENTENCE_WORDS) or _runs_on(block, doc):
        strength = CONTENT_CUT_STRENGTH
    else:
        return
    # The damage is the stub left of the cut sentence: its last few words, as in seed-004's
    # "with US efforts" (the rest of the sentence is intact text).
    # Only the last CUT_TAIL_WORDS words can be the stub: split off those, not the whole paragraph.
    tail = text.rsplit(None, CUT_TAIL_WORDS)
    words = tail[1:] if len(tail) > CUT_TAIL_WORDS else tail
    start = len(text)
    for word in reversed(words[stub_start(words, len(words)) :]):
        start = text.rindex(word, 0, start)
    yield Hit(block.start + start, block.end, Label.BROKEN_TEXT, "seam_cut_off", strength)


def stub_start(words: Sequence[str], cut: int) -> int:
    """The first word of the stub a cut leaves (the sentence's ``words`` kept before ``cut``): CUT_TAIL_WORDS
    back, not past a comma, semicolon or colon (the clause before it is intact). The corruption generator
    labels its cut-offs so.

    >>> words = "It is the only ally, with US efforts to engage".split()
    >>> " ".join(words[stub_start(words, 8):8]), " ".join(words[stub_start(words, 6):6])
    ('with US efforts', 'with')
    """
    stub = max(0, cut - CUT_TAIL_WORDS)
    for j in range(cut - 1, stub, -1):
        if words[j - 1][-1:] in ",;:":
            return j
    return stub


def stray_possessives(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a possessive phrase glued to a preposition's noun phrase ("in the program its development").

    >>> from garble.segment import segment
    >>> doc = segment("Talks failed due to its engagement in the program its development of arms.")
    >>> [doc.text[h.start:h.end] for h in stray_possessives(doc.blocks[0], doc)]
    ['in the program its development']
    """
    if " its " not in block.text and " their " not in block.text:  # every match has one (a 20x cheaper test)
        return
    for m in STRAY_POSSESSIVE.finditer(block.text):
        if m.group().split()[2] in CLAUSE_NOUNS:
            continue
        yield Hit(block.start + m.start(), block.start + m.end(), Label.BROKEN_TEXT, "seam_stray_possessive", 0.55)


# A " | " inside a sentence: a headline or a hover card spliced in, the pipe the seam where the sentence
# goes on ("… allowing Blocked Rhine Navigation Channel Remains Closed | local and speculative buying").
# Pages write pipes between menu items, after a title ("Headline | Site") and in credits: on short lines,
# between short items. A pipe with prose on both sides and no other pipe near is a seam. Measured: none on
# the *-dev pages, data/wild or the 6,244 training Reuters articles; 200 on synth-train, all gold.
PIPE = " | "
# Lower-case words the line needs before the spliced text, and right after the pipe (within
# PIPE_AFTER_WINDOW words): a sentence on both sides, not a title and its site or a row of menu items.
PIPE_PROSE_BEFORE = 4
PIPE_PROSE_AFTER = 2
PIPE_AFTER_WINDOW = 6
MAX_PIPES = 2  # a menu line holds more ("news | sports | money | ...")
PIPE_STRENGTH = 0.8
SPACED_TOKEN = re.compile(r"\S+")
# A sentence that ends inside the stretch: the line's own prose (a tweet's "What's next? | Seriously"),
# where headlines and cards run on without one ("U.S." and "Jr." end no sentence).
SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.?!][\"'”’)]*\s")
# A hover card's teaser glued to the name before it: "Maria OkaforWestport: Mayor's plan ...", as
# seed-004's "Joe BidenCawthorn: Biden's ...". The spliced text starts at the teaser's capital, not at the
# name, which is the sentence's own ("Council leader Maria Okafor" + the card).
GLUED_TEASER = re.compile(r"(?<=[a-z]{2})[A-Z][a-z]+:(?=\s)")


def _splice_start(tokens: list[re.Match[str]]) -> int | None:
    """Index of the token where spliced text starts: the last capitalised word (or number) right after a
    lower-case one, the sentence around it being in lower case ("allowing [Blocked Rhine …]"); a
    headline's own words are capitalised, or lower case after its first ("[Kentucky lawmaker a …]")."""
    for k in range(len(tokens) - 1, 0, -1):
        word, prev = tokens[k].group().lstrip("(‘'\"“"), tokens[k - 1].group()
        if (word[:1].isupper() or word[:1].isdigit()) and prev[:1].islower() and prev[-1] not in ".!?:;":
            return k
    return None


def pipe_seams(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag text spliced into a sentence before a " | " seam, the sentence going on after the pipe.

    >>> from garble.segment import segment
    >>> t = "Dealers said trade selling dissipated, allowing Blocked Rhine Channel Remains Closed | local buying to rise."
    >>> doc = segment(t)
    >>> [doc.text[h.start:h.end] for h in pipe_seams(doc.blocks[0], doc)]
    ['Blocked Rhine Channel Remains Closed']
    >>> doc = segment("Home | News | Sports | Money | Weather\\n\\nCouncil tax rises | The Daily Post")
    >>> [h for b in doc.blocks for h in pipe_seams(b, doc)]
    []
    """
    if PIPE not in block.text:
        return
    for line in block.lines:
        text = line.text
        first, last = text.find(PIPE), text.rfind(PIPE)
        if first < 0 or text.count("|") > MAX_PIPES:
            continue
        after = SPACED_TOKEN.findall(text, last + len(PIPE))[:PIPE_AFTER_WINDOW]
        if sum(w[:1].islower() for w in after) < PIPE_PROSE_AFTER:
            continue
        tokens = list(SPACED_TOKEN.finditer(text, 0, first))
        k = _splice_start(tokens)
        if k is None or len(tokens) - k < 2 or sum(t.group()[:1].islower() for t in tokens[:k]) < PIPE_PROSE_BEFORE:
            continue
        if SENTENCE_INSIDE.search(text, tokens[k].start(), last + 1):
            continue
        glued = GLUED_TEASER.search(text, tokens[k].start(), first)
        start = glued.start() if glued else tokens[k].start()
        yield Hit(line.start + start, line.start + last, Label.SPLICED_HEADLINE, "seam_pipe", PIPE_STRENGTH)
