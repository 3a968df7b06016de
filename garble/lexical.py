"""Shared lexical helpers: word commonness, function words and the case shape of tokens.

Signals and the classifier's features use these so that "is this a common English
word" and "is this token title-cased" mean the same thing everywhere. Nothing is
loaded at import: word frequencies come from garble's own tables (``garble.frequencies``)
on first use, and wordfreq's tokenizer is imported only for a word outside Latin script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

from garble.frequencies import other_zipf, zipf_frequency

# A token: letters/digits with inner apostrophes, hyphens or dots ("Jong-un's", "U.S"). Possessive: nothing
# after a part can make it give characters back, and without the backtracking findall is ~15 % faster.
TOKEN = re.compile(r"\w++(?:[’'\-.]\w++)*+")

# Articles and determiners: a headline drops them, prose is full of them.
DETERMINERS: frozenset[str] = frozenset(
    [
        "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my",
        "your", "some", "any", "each", "every", "no",
    ]
)

# Closed-class words that cannot end a finished English sentence (a cut-off shows as one).
DANGLING_WORDS: frozenset[str] = frozenset(
    [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "with", "by", "and", "or", "but",
        "as", "that", "which", "who", "whose", "into", "onto", "than", "its", "their", "his", "her", "our",
        "your", "my", "this", "these", "those",
    ]
)

# Closed-class English words (articles, prepositions, conjunctions, pronouns, auxiliaries).
FUNCTION_WORDS: frozenset[str] = DETERMINERS | DANGLING_WORDS | frozenset(
    [
        "i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "is", "are", "was", "were",
        "be", "been", "being", "am", "have", "has", "had", "do", "does", "did", "will", "would", "shall",
        "should", "can", "could", "may", "might", "must", "not", "so", "if", "then", "there", "here",
        "when", "where", "while", "what", "how", "why", "also", "just", "about", "over", "after", "before",
        "under", "between", "against", "during", "without", "within", "up", "down", "out", "off",
    ]
)

Shape = Literal["lower", "title", "upper", "mixed", "other"]


def tokens(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, token) for each token of ``text``, offsets shifted by ``offset``.

    >>> [t for _, _, t in tokens("Kim Jong-un’s visit, 2019.")]
    ['Kim', 'Jong-un’s', 'visit', '2019']
    """
    for m in TOKEN.finditer(text):
        yield offset + m.start(), offset + m.end(), m.group()


def case_shape(token: str) -> Shape:
    """The case shape of ``token``: lower, title, upper, mixed (camel) or other (no letters).

    >>> [case_shape(t) for t in ("news", "Biden", "NATO", "BidenCawthorn", "2019", "iPhone")]
    ['lower', 'title', 'upper', 'mixed', 'other', 'mixed']
    """
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return "other"
    if all(c.islower() for c in letters):
        return "lower"
    if all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "title"
    return "mixed"


def is_capitalised(token: str) -> bool:
    """True when ``token`` starts with an upper-case letter (title or upper case).

    >>> is_capitalised("Korea’s"), is_capitalised("COVID-19"), is_capitalised("state")
    (True, True, False)
    """
    return token[:1].isupper()


# Bounded: a multi-gigabyte corpus has millions of distinct words, and a cache that kept
# them all would grow without limit (2**15 entries, a few MB, hold any document's words).
@lru_cache(maxsize=1 << 15)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0 = unknown, 7 = "the").

    A word of Latin letters (accented too) and digits joined by apostrophes, hyphens, dots or
    underscores is answered from garble's shipped table by ``garble.frequencies``, equal to
    wordfreq; any other word (another script, a symbol) by ``frequencies.other_zipf``, with
    wordfreq's tokenizer (imported on first need) and garble's table of the list's other entries.

    >>> zipf("the") > 7 > zipf("xqzv")
    True
    >>> from wordfreq import zipf_frequency as wordfreq_zipf
    >>> [zipf(w) == wordfreq_zipf(w, "en") for w in ("the", "Kim", "Москва", "°C", "日本")]
    [True, True, True, True, True]
    """
    value = zipf_frequency(word)
    return other_zipf(word) if value is None else value


# Zipf 3 is about once per million words: everyday vocabulary sits above it
# (wordfreq's own documentation uses 3 as the border of "common").
COMMON_ZIPF = 3.0


def is_common(word: str) -> bool:
    """True when ``word`` is everyday English (Zipf frequency at or above COMMON_ZIPF).

    >>> is_common("statement"), is_common("Hamısı")
    (True, False)
    """
    return zipf(word.lower()) >= COMMON_ZIPF
