"""The language of a document not in English, and its word frequencies.

garble's shape features read word commonness from English word frequencies, so on a page in
Portuguese or Russian every word is rare, menus and articles alike. For such a document (``guess``),
``garble.features`` reads commonness from wordfreq's list of the document's own language, so its everyday
words are common, as an English article's are. (Its stop words stay English: garble.features says why.)

The commonest words of each language (English too, to tell English menus from another language) are
shipped (garble/data/function_words.txt, built from wordfreq by corpus/build_function_words.py), so
guessing costs no wordfreq import; a language's frequencies come from wordfreq's "small" list, loaded
on its first document (3-8 MB each).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib.resources import files

FORMAT = "# garble function words v1;"
# A document of at least MIN_TOKENS tokens, under ENGLISH_MAX of them English function words, may
# not be in English (English prose is 40-50 % function words, a page's menus and credits 15-30 %) ...
MIN_TOKENS = 100
ENGLISH_MAX = 0.2
# ... and its language is the one (English too) whose GUESS_WORDS commonest words make up the largest
# share of its tokens, if that share is at least MIN_SHARE (Portuguese prose: about 40 %; a Brazilian
# city hall's menus 8 %).
GUESS_WORDS = 50
MIN_SHARE = 0.06


@cache
def _table() -> dict[str, tuple[str, ...]]:
    """Each language's commonest words, commonest first (garble/data/function_words.txt)."""
    text = (files("garble") / "data" / "function_words.txt").read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    if not header.startswith(FORMAT):
        raise ValueError(f"garble/data/function_words.txt: expected a '{FORMAT}' header, got {header[:40]!r}")
    return {lang: tuple(words.split()) for lang, _, words in (row.partition("\t") for row in body.splitlines())}


@cache
def _guessing_words() -> dict[str, tuple[str, ...]]:
    """Each of the GUESS_WORDS commonest words of any language, with the languages it is one of."""
    index: dict[str, list[str]] = {}
    for lang, words in _table().items():
        for word in words[:GUESS_WORDS]:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def guess(tokens: Sequence[str]) -> str | None:
    """The language (wordfreq's code) whose commonest words ``tokens`` use most, or None when none
    makes up MIN_SHARE of them.

    >>> guess("The government said the bill would not be put to a vote before May".split())
    'en'
    >>> guess("O governo disse que a proposta não será votada antes de maio".split())
    'pt'
    >>> guess("Правительство заявило что законопроект не будет рассмотрен до мая".split())
    'ru'
    >>> guess("Xyzzy plugh".split()) is None
    True
    """
    index = _guessing_words()
    counts: Counter[str] = Counter()
    for token in tokens:
        counts.update(index.get(token.lower(), ()))
    if not counts:
        return None
    lang, n = counts.most_common(1)[0]
    return lang if n >= MIN_SHARE * len(tokens) else None


def is_english(tokens: int, function_words: float) -> bool:
    """Whether a document of ``tokens`` tokens, ``function_words`` of them English function words, is
    read as English: short texts always are (too few words to tell).

    >>> is_english(40, 0), is_english(500, 150), is_english(500, 25)
    (True, True, False)
    """
    return tokens < MIN_TOKENS or function_words >= ENGLISH_MAX * tokens


@cache
def readable(lang: str) -> bool:
    """Whether wordfreq answers word frequencies in ``lang`` here: for some languages it needs a tokenizer it
    does not install (Korean: MeCab), and a scan must not fail for it; such a page is read as English.

    >>> readable("pt"), readable("xx")
    (True, False)
    """
    from wordfreq import zipf_frequency

    try:
        zipf_frequency("a", lang, wordlist="small")
    except (ImportError, LookupError, OSError, ValueError):
        return False
    return True


# Bounded as garble.lexical.zipf is: a corpus's vocabulary in many languages must not grow it without limit.
@lru_cache(maxsize=1 << 15)
def zipf_in(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang``, from its small list (0 for a word not in it)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang, wordlist="small"))
