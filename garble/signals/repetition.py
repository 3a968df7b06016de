"""Duplication by the pipeline: doubled words, and sentences or paragraphs repeated verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, pairwise
from operator import eq

from garble.datatypes import Block, Document, Hit, Label
from garble.lexical import FUNCTION_WORDS

# The same word twice or more in a row: "the the", "for for for". Case-insensitive, whole words. The
# word is taken whole (possessive): a shorter part of it is never followed by a space, and not backing
# off letter by letter at every word made the search ~20 % faster.
DOUBLED_WORD = re.compile(r"(?<![\w'’-])(?P<word>[^\W\d]++)(?:\s+(?P=word)\b)+", re.IGNORECASE)

# Doubles that English allows ("that that", "had had", "is is", "Sirhan Sirhan",
# reduplications like "bye bye", "no no", "very very").
LEGIT_DOUBLES = frozenset([
    "that", "had", "is", "do", "bye", "no", "yes", "very", "really", "so", "ha", "ho", "knock", "can",
    "far", "again", "more"
])

# A sentence: up to and including terminal punctuation that a space and a capital (or the
# line's end) follow, so decimals and initials ("declined 1.6 pct", "J. Ross") stay inside it.
# Terminal punctuation and closing quotes that a space and a capital follow, or that end the line.
_SENTENCE_END = r"""[.!?]+[\"”’)]*(?=[^\S\n]+[\"“(]?[A-Z]|[^\S\n]*$)"""
SENTENCE = re.compile(
    rf"""
    [^\s]                                # the sentence's first character
    (?: [^\n.!?]++                       # then what cannot end it, a run at a time,
      | (?!{_SENTENCE_END})[.!?] )*+      # or punctuation that does not end it ("1.6 pct", "J. Ross"),
    (?:{_SENTENCE_END}|$)                # up to its end, or the line's end when nothing terminates it
    """,
    re.MULTILINE | re.VERBOSE,
)
# (The same matches as the first character, then as little of the line as possible up to _SENTENCE_END or
# the line's end; every paragraph of the pages and of 1,500 synthetic documents gives the same spans. Not
# trying _SENTENCE_END at every character made the *-body-test paragraphs' search 3x faster.)

# A word for phrase doubling: any run of non-space characters.
WORD = re.compile(r"\S+")
# Longest phrase looked for doubled in a row ("said it had said it had"): the generator
# repeats up to four words, and real pipeline stutters in shared/data/wild are a few words.
MAX_PHRASE = 6

# Repeated sentences shorter than this (characters) are formulae ("He declined to
# comment.", "Ends.") that an honest article repeats; the pipeline's duplicates in
# shared/data/wild are whole quotes and captions, far longer.
MIN_REPEATED_SENTENCE = 50
# ... and a repeated sentence or paragraph needs this many words: a repeated signature line
# ("— The Nigerian Senate (@NGRSenate) October 9, 2018", 8 words) is an honest embed.
MIN_REPEATED_WORDS = 10


def doubled_words(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a word written twice or more in a row (every copy after the first), except the doubles
    English allows.

    Capitalised doubles of content words ("Sirhan Sirhan", "Bora Bora") are names,
    and a doubled name token is the names family's business.

    >>> from garble.segment import segment
    >>> doc = segment("He said that that was the the plan in Bora Bora for for for years.")
    >>> [doc.text[h.start - 4:h.end] for h in doubled_words(doc.blocks[0], doc)]
    ['the the', 'for for for']
    """
    for m in DOUBLED_WORD.finditer(block.text):
        word = m.group("word")
        low = word.lower()
        if low in LEGIT_DOUBLES or (word[:1].isupper() and low not in FUNCTION_WORDS):
            continue
        # The copies after the first are the damage; the first one is the text.
        copies = m.group()[len(word) :]
        second = m.start() + len(word) + len(copies) - len(copies.lstrip())
        yield Hit(block.start + second, block.start + m.end(), Label.REPETITION, "repetition_word", 0.8,
                  suggestion="")


# Punctuation that ends a clause: a doubled phrase never has it inside ("the conflict: the
# conflict between" is an apposition, "a trip. It's been a" a rhetorical repeat).
CLAUSE_END = (".", "!", "?", ":", ";", "…", "”", '"')


def _is_phrase(words: list[str]) -> bool:
    """Whether ``words`` (lower-cased) can be a doubled phrase: a letter, a content word, no clause end inside.

    >>> _is_phrase(["said", "it", "had"]), _is_phrase(["and", "on"]), _is_phrase(["trip.", "it's"])
    (True, False, False)
    """
    return (not any(w.endswith(CLAUSE_END) for w in words[:-1])
            and any(w.strip(",") not in FUNCTION_WORDS and any(c.isalpha() for c in w) for w in words))


def doubled_phrases(block: Block, doc: Document) -> Iterator[Hit]:
    """Flag a phrase of two to MAX_PHRASE words written twice in a row; the second copy is the damage.

    English repeats single words ("that that", "very very") and idioms of function words ("and
    on and on"), not phrases: "said it had said it had" is a stutter of the pipeline.

    >>> from garble.segment import segment
    >>> doc = segment("The company said it had said it had expected more.")
    >>> [doc.text[h.start:h.end] for h in doubled_phrases(doc.blocks[0], doc)]
    ['said it had']
    """
    keys = list(map(str.lower, block.text.split()))  # WORD's matches: \S is exactly not str.isspace
    n = len(keys)
    # a doubled phrase repeats its first two words: without a word pair twice (87 % of the *-body-test
    # paragraphs) there is none, told by one set instead of a scan a phrase size
    if len(set(pairwise(keys))) == n - 1:
        return
    # A phrase of ``size`` words doubled at i has keys[i] == keys[i + size]: only those i can
    # start one (a few a paragraph, found with C-level comparisons), so the rest are skipped.
    starts = sorted({i for size in range(2, MAX_PHRASE + 1)
                     for i in compress(range(n), map(eq, keys, keys[size:]))})
    if not starts:
        return
    words: list[re.Match[str]] = []
    after = 0  # the first word a phrase may start at: the last hit's second copy ends before it
    for i in starts:
        if i < after:
            continue
        for size in range(MAX_PHRASE, 1, -1):
            if i + 2 * size <= n and keys[i : i + size] == keys[i + size : i + 2 * size] \
                    and _is_phrase(keys[i : i + size]):
                words = words or list(WORD.finditer(block.text))
                start, end = words[i + size].start(), words[i + 2 * size - 1].end()
                yield Hit(block.start + start, block.start + end, Label.REPETITION, "repetition_phrase", 0.8,
                          suggestion="")
                after = i + 2 * size
                break


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _key_is_short(text: str) -> bool:
    """Whether ``_key(text)`` is certainly under MIN_REPEATED_SENTENCE characters, told without building it:
    lower() lengthens only U+0130 (to two characters), and joining on single spaces never lengthens."""
    return len(text) + text.count("\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}") < MIN_REPEATED_SENTENCE


def _is_question(key: str) -> bool:
    """Whether a paragraph's key ends a question: an interview or FAQ asks each person the same one.

    >>> _is_question("what do you like to cook? is there a dish you avoid?"), _is_question("he said so.")
    (True, False)
    """
    return key.rstrip("\"'”’»").endswith("?")


def repeated_text(doc: Document) -> Iterator[Hit]:
    """Flag the second and later copies of a paragraph or a long sentence (one dict pass, linear).

    A question asked three times or more (as a paragraph or a sentence) is left alone: an interview series puts the
    same question to each guest (aeb-body-dev: one page asks 20 people the same two questions). A question given
    twice is repetition like any other text (a quoted tweet and its embed, data/wild).

    >>> from garble.segment import segment
    >>> s = "The minister said the talks would resume in Geneva next week."
    >>> doc = segment(f"{s} Then he left.\\n\\nMore text here. {s}")
    >>> [doc.text[h.start:h.end] for h in repeated_text(doc)]
    ['The minister said the talks would resume in Geneva next week.']
    """
    seen_blocks: set[str] = set()
    seen_sentences: set[str] = set()
    asked: dict[str, list[Hit]] = {}  # later copies of each repeated question, held back to the end
    for block in doc.blocks:
        if _key_is_short(block.text):  # and so is every sentence's in it
            continue
        key = _key(block.text)
        if len(key) >= MIN_REPEATED_SENTENCE and key.count(" ") >= MIN_REPEATED_WORDS - 1 and key in seen_blocks:
            hit = Hit(block.start, block.end, Label.REPETITION, "repetition_paragraph", 0.9)
            if _is_question(key):
                asked.setdefault(key, []).append(hit)
            else:
                yield hit
            continue
        seen_blocks.add(key)
        for m in SENTENCE.finditer(block.text):
            chunk = m.group().strip()
            if _key_is_short(chunk):
                continue
            key = _key(chunk)
            if len(key) < MIN_REPEATED_SENTENCE or key.count(" ") < MIN_REPEATED_WORDS - 1:
                continue
            if key in seen_sentences:
                start = block.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
                hit = Hit(start, start + len(chunk), Label.REPETITION, "repetition_sentence", 0.85)
                if _is_question(key):
                    asked.setdefault(key, []).append(hit)
                else:
                    yield hit
            seen_sentences.add(key)
    for copies in asked.values():
        if len(copies) == 1:  # the question twice: repetition; three times or more: a series of interviews
            yield copies[0]
