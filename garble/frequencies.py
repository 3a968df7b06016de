"""wordfreq's English Zipf frequency of Latin-script words, from a table shipped with garble.

Importing wordfreq and loading its English list takes about a quarter of a second, more
than half of a ``garble check``. For a word of Latin letters (ASCII or accented: "José",
"Straße", mojibake's "Watersâ") and digits, joined by apostrophes, hyphens, dots or
underscores (``FAST``) this module gives exactly what ``wordfreq.zipf_frequency(word, "en")``
gives: it normalises the word as wordfreq does for English (NFC, case folding), splits it as
wordfreq's tokenizer does (Unicode word breaks, TR29, which for these characters are the few
rules of ``_ends_token``, plus wordfreq's French-elision rule), replaces digit runs as
wordfreq does, and looks the pieces up in garble/data/zipf.txt (built from wordfreq's
list by corpus/build_zipf.py, the words outside ASCII in garble/data/zipf_latin.txt; CC-BY-SA
4.0 data). The ASCII table stays one string, so loading it costs one file read and a sample of
every ``SAMPLE_BYTES``-th line (``_Table``); a look-up bisects the sample and finds the word in
the ~1 KB between two sampled lines.
Any other word (another script, a sign) answers None here; ``other_zipf`` answers it with wordfreq's
tokenizer and garble/data/zipf_other.txt (the list's other entries), never loading wordfreq's list.

Table v1 answered ASCII words only, and a word outside them sent 8 % (l3s-gn1-body-test) to
57 % (data/wild's ISOT, for handles like "n_a_t_39") of documents to wordfreq: ``garble check``
of seed-004 with "Biden" written "José Álvarez" took 0.74 s, 0.47 s without the accents; with v2,
0.46 and 0.47 s (medians of 11, interleaved, compiled bytecode). The words outside ASCII sit in a
small file of their own, so the ASCII table stays a one-byte string (first use 11-15 ms; one UTF-8
table took 37 ms). The answers did not change (every FAST token of the pages, data/wild, Reuters and
the synthetic set equals wordfreq's; tests/test_frequencies.py).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

# Latin letters (Basic Latin, Latin-1, Extended-A and -B, Extended Additional): TR29 word characters
# (ALetter) whose case folding stays Latin, except a few checked after folding ("ŉ" -> "ʼn").
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
# Words this module answers: Latin letters and digits, ' and ’, hyphens, dots and underscores.
FAST = re.compile(rf"[{LATIN}0-9_'’.\-]*")

FORMAT = "# garble zipf table v2;"

# wordfreq's elision rule: 1-2 word characters, a straight apostrophe and an initial vowel
# or h ("l'arc", "qu'un", "l'été") split off as their own token (wordfreq tokens.TOKEN_RE, case 4;
# its vowels, folded).
ELISION = re.compile(r"\w\w?'[aehiouyáéíóúàèìòùâêîôûåïöœ]")

# Between two letters, or two digits, these do not break a word (TR29 WB6/7, WB11/12).
MID = frozenset("'’.")

# wordfreq.numbers: a digit run ("2019", "1.5") is looked up with its digits as 0s and
# weighted by an estimate of that number's frequency; the constants are wordfreq 3's.
MULTI_DIGIT = re.compile(r"[0-9][0-9.,]+")
PURE_DIGITS = re.compile(r"[0-9]+")
DIGIT_FREQS = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)
YEAR_LOG_PEAK, NOT_YEAR_PROB, REFERENCE_YEAR, PLATEAU_WIDTH = -1.9185, 0.1, 2019, 20

# zipf_frequency(word, "en") with minimum 0: wordfreq's floor is Zipf 0, a frequency of 1e-9.
MIN_FREQ = 1e-9


# Bytes of the table between two sampled lines: 3.9 MB / 1,024 = ~3,800 samples (~3 ms to take
# at first use), and a look-up searches ~1 KB (~80 lines) with one str.find. zipf_frequency on
# the 15,931 distinct lower-cased words of l3s-gn1-body-test took 4-5 us a word, against 20 us
# when every look-up bisected the whole table line by line.
SAMPLE_BYTES = 1024


@dataclass(frozen=True, slots=True)
class _Table:
    """garble/data/zipf.txt as one string, and the word at every ``SAMPLE_BYTES``-th byte.

    ``starts[i]`` is the offset of a line start and ``words[i]`` that line's word (both
    ascending, since the table is sorted); the last start is the end of the text.
    """

    text: str
    starts: tuple[int, ...]
    words: tuple[str, ...]


def _read(name: str, encoding: str) -> str:
    """A table file of garble/data, its header checked."""
    text = (files("garble") / "data" / name).read_text(encoding=encoding)
    if not text.startswith(FORMAT):
        raise ValueError(f"garble/data/{name}: expected a first line starting {FORMAT!r}; rebuild it "
                         "with corpus/build_zipf.py")
    return text


@cache
def _table() -> _Table:
    """garble/data/zipf.txt, the ASCII words (its header checked), and its sample of lines.

    ASCII, so the text is one byte a character and decodes ~15x faster than UTF-8: the words outside
    ASCII, which made it a two-byte string and its first use 15 -> 37 ms, are in zipf_latin.txt.
    """
    text = _read("zipf.txt", "ascii")
    first = text.index("\n") + 1
    starts = sorted({first, *(text.rfind("\n", first - 1, p) + 1 for p in range(first, len(text), SAMPLE_BYTES))})
    words = tuple(text[s : text.index("\t", s)] for s in starts)
    return _Table(text, (*starts, len(text)), words)


def centibels(key: str) -> int | None:
    """The table's centibels for ``key`` (frequency 10 ** (-cB / 100)), or None when absent.

    >>> centibels("the") < centibels("statement") < centibels("hamlet's")
    True
    >>> centibels("xqzvk") is None, centibels("0") is not None, centibels("zzzzzzzz") is not None
    (True, True, True)
    """
    if not key.isascii():
        return _latin().get(key)
    table = _table()
    i = bisect_right(table.words, key) - 1  # key's line, if any, is in [starts[i], starts[i + 1])
    if i < 0:
        return None
    text = table.text
    # starts[i] - 1 is the newline before a sampled line; a key never holds a tab or newline
    at = text.find(f"\n{key}\t", table.starts[i] - 1, table.starts[i + 1])
    if at < 0:
        return None
    tab = at + len(key) + 1
    return int(text[tab + 1 : text.index("\n", tab)])


@cache
def _latin() -> dict[str, int]:
    """garble/data/zipf_latin.txt: the table's words outside ASCII (3,490 of them), read on first need."""
    lines = _read("zipf_latin.txt", "utf-8").splitlines()[1:]
    return {word: int(cb) for word, cb in (line.split("\t") for line in lines)}


@cache
def _other() -> dict[str, int]:
    """garble/data/zipf_other.txt: the list's entries that are not Latin-script words (signs, emoji, other
    scripts; 1,848 of them), read on first need."""
    lines = _read("zipf_other.txt", "utf-8").splitlines()[1:]
    return {word: int(cb) for word, cb in (line.split("\t") for line in lines)}


def other_zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en")`` for any word: wordfreq's own tokenizer and number rules, and
    garble's tables for the frequencies, so wordfreq's English list (about 35 MB in memory, in each worker of
    ``garble audit --jobs``) is never loaded. For the words ``zipf_frequency`` does not answer.

    >>> other_zipf("°"), other_zipf("русский"), other_zipf("ᚠᚢᚦ"), other_zipf("the") == zipf_frequency("the")
    (4.71, 1.55, 0.0, True)
    """
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    return _zipf(_frequency(lossy_tokenize(word, "en"), smash_numbers, digit_freq, _any_centibels))


def _any_centibels(key: str) -> int | None:
    """``centibels``, else the entry of zipf_other.txt: any entry of wordfreq's list (the tables are disjoint)."""
    cb = centibels(key)
    return _other().get(key) if cb is None else cb


def _same_class(a: str, b: str) -> bool:
    return a.isalnum() and b.isalnum() and a.isdigit() == b.isdigit()


def _joins(c: str) -> bool:
    """A letter, a digit or "_" (TR29 ExtendNumLet, which joins them and itself: WB13a/b)."""
    return c.isalnum() or c == "_"


def _ends_token(word: str, j: int) -> bool:
    """True when a word break (TR29) falls before ``word[j]`` (``word`` in FAST, folded)."""
    if j >= len(word):
        return True
    a, b = word[j - 1], word[j]
    if _joins(a) and _joins(b):  # WB5, WB8-10, WB13a/b: letters, digits and "_" hold together
        return False
    if b in MID and j + 1 < len(word) and _same_class(a, word[j + 1]):  # WB6, WB12
        return False
    return not (a in MID and j >= 2 and _same_class(word[j - 2], b))  # WB7, WB11


def fold(word: str) -> str:
    """``word`` as wordfreq normalises English: NFC, then case folding ("Straße" -> "strasse").

    >>> fold("JOSÉ"), fold("Straße"), fold("Kim")
    ('josé', 'strasse', 'kim')
    """
    return word.lower() if word.isascii() else unicodedata.normalize("NFC", word).casefold()


def split(word: str) -> list[str]:
    """The tokens wordfreq's English ``lossy_tokenize`` makes of ``word`` (which matches FAST).

    >>> split("Jong-un’s"), split("U.S."), split("l'arc"), split("covid-19"), split("a.1")
    (['jong', "un's"], ['u.s'], ['l', 'arc'], ['covid', '19'], ['a', '1'])
    >>> split("Tête-à-tête"), split("l'été"), split("state_of_ohio")
    (['tête', 'à', 'tête'], ['l', 'été'], ['state_of_ohio'])
    """
    return _tokens(fold(word))


def _tokens(word: str) -> list[str]:
    """``split`` of a word already ``fold``-ed."""
    out, i, n = [], 0, len(word)
    while i < n:
        if not _joins(word[i]):
            i += 1
        elif ELISION.match(word, i):  # "l'" / "qu'" as a token of its own, apostrophe stripped
            j = i + 2 if word[i + 1] != "'" else i + 1
            out.append(word[i:j])
            i = j + 1
        else:
            j = i + 1
            while not _ends_token(word, j):
                j += 1
            out.append(word[i:j].replace("’", "'"))
            i = j
    return out


def _benford_freq(text: str) -> float:
    return DIGIT_FREQS[int(text[0])] / float(10 ** (len(text) - 1))


def _year_freq(text: str) -> float:
    year = int(text)
    if year <= REFERENCE_YEAR:
        year_log_freq = YEAR_LOG_PEAK - 0.0083 * (REFERENCE_YEAR - year)
    elif REFERENCE_YEAR < year <= REFERENCE_YEAR + PLATEAU_WIDTH:
        year_log_freq = YEAR_LOG_PEAK
    else:
        year_log_freq = YEAR_LOG_PEAK - 0.2 * (year - (REFERENCE_YEAR + PLATEAU_WIDTH))
    return float(10.0**year_log_freq) + NOT_YEAR_PROB * _benford_freq(text)


def _digit_freq(text: str) -> float:
    freq = 1.0
    for match in MULTI_DIGIT.findall(text):
        for digits in PURE_DIGITS.findall(match):
            freq *= _year_freq(digits) if len(digits) == 4 else _benford_freq(digits)
    return freq


def _smash(token: str) -> str:
    return MULTI_DIGIT.sub(lambda m: re.sub("[0-9]", "0", m.group()), token)


def zipf_frequency(word: str) -> float | None:
    """``wordfreq.zipf_frequency(word, "en")`` for a word matching FAST, else None.

    >>> zipf_frequency("the") > 7 > zipf_frequency("Jong-un’s") > zipf_frequency("xqzvk") == 0.0
    True
    >>> zipf_frequency("naïve") > 2, zipf_frequency("русский") is None
    (True, True)
    """
    if word.isalpha() and word.isascii():  # one token without digits (most words): split() gives [word.lower()]
        return _plain_zipf(centibels(word.lower()))
    if not FAST.fullmatch(word):
        return None
    key = fold(word)  # once: NFC and case folding are the costly part of a word outside ASCII
    if not (word.isascii() or FAST.fullmatch(key)):
        return None
    return _zipf(_frequency(_tokens(key)))


def _zipf(freq: float) -> float:
    return round(math.log(freq, 10) + 9, 2)  # noqa: FURB163 -- wordfreq's log(x, 10), not log10: last bits


@cache
def _plain_zipf(cb: int | None) -> float:
    """``_zipf(_frequency([token]))`` for a token of letters with centibels ``cb`` (None: absent),
    the same operations on the same numbers; cached, since the table holds only ~560 values."""
    return _zipf(MIN_FREQ if cb is None else _rounded(1.0 / 10 ** (-cb / 100)))


def _frequency(tokens: list[str], smash: Callable[[str], str] = _smash, digit_freq: Callable[[str], float] = _digit_freq,
               lookup: Callable[[str], int | None] = centibels) -> float:
    """wordfreq's ``_word_frequency`` with minimum MIN_FREQ: 1/f = sum of 1/f_token, rounded. ``other_zipf``
    passes wordfreq's own number rules (Unicode digits too) and a look-up of every table."""
    if not tokens:
        return MIN_FREQ
    one_over_result = 0.0
    for token in tokens:
        smashed = smash(token)
        cb = lookup(smashed)
        if cb is None:
            return MIN_FREQ
        freq = 10 ** (-cb / 100)
        if smashed != token:
            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    return _rounded(one_over_result)


def _rounded(one_over_result: float) -> float:
    """The frequency whose inverse is ``one_over_result``, at least MIN_FREQ, to three significant digits."""
    unrounded = max(1.0 / one_over_result, MIN_FREQ)
    return round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)  # noqa: FURB163 -- as wordfreq
