"""Stage 3: lines + signal hits -> fixed-order feature vectors (``FEATURE_NAMES`` is the model contract).

Shallow text features per line, after Kohlschütter et al. 2010 ("Boilerplate detection
using shallow text features") and jusText: length, case shape, function-word density,
word commonness (wordfreq), punctuation, furniture shapes, the line's place in the
document and in its block, the same shape of the neighbouring lines, text repeated
elsewhere in the document, similarity to the headline, and the signal hits per family.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from math import log, log1p

import numpy as np
from rapidfuzz import fuzz

from garble import languages
from garble.datatypes import Block, Document, Hit, Line
from garble.lexical import TOKEN, zipf
from garble.near_repeats import near_repeated, normalise

# Signal families, read from each hit's reason prefix (``reason.split("_")[0]``).
FAMILIES: tuple[str, ...] = ("encoding", "furniture", "headline", "link", "seam", "repetition", "name")

# Per-line shape features; also computed for the previous and next line (neighbour context).
SHAPE_NAMES: tuple[str, ...] = (
    "log_words", "log_chars", "mean_word_len", "title_share", "upper_share", "stop_share",
    "mean_zipf", "rare_share", "digit_share", "punct_share", "ends_sentence", "ends_colon",
    "has_timestamp", "starts_by", "has_bar", "has_url", "glued_caps", "sentences",
)

FEATURE_NAMES: tuple[str, ...] = (
    *SHAPE_NAMES,
    *(f"prev_{n}" for n in SHAPE_NAMES),
    *(f"next_{n}" for n in SHAPE_NAMES),
    "only_line", "block_lines", "line_in_block", "block_log_words", "block_stop_share",
    "doc_position", "doc_log_lines", "is_first_line", "is_last_line",
    "prose_distance", "in_prose_run", "before_prose", "after_prose",
    "repeated", "near_repeated", "headline_similarity", "line_words_vs_doc",
    *(f"hits_{f}" for f in FAMILIES),
    *(f"strength_{f}" for f in FAMILIES),
    "hit_cover",
    "prev_block_log_words", "prev_block_stop_share", "next_block_log_words", "next_block_stop_share",
)

# The word model's columns (garble.words: its probability for the line and its two neighbours),
# computed from the lines' words by a separately fitted model and appended to FEATURE_NAMES:
# LINE_NAMES are the first-stage model's columns.
WORD_NAMES: tuple[str, ...] = ("words_p", "words_p_prev", "words_p_next")
LINE_NAMES: tuple[str, ...] = FEATURE_NAMES + WORD_NAMES

# A line this long and this stop-word dense reads as prose (jusText's "good" paragraph:
# length > 70 chars and stopword density > 0.30; we count words: 10 words ~ 60-70 chars).
PROSE_MIN_WORDS = 10
PROSE_MIN_STOP = 0.3

# A time stamp, in two patterns that each open on what a match starts with (a digit; a month's
# name), so a search skips to those characters instead of trying every position: the leading word
# boundary of each alternative is a look-behind after that first character. Together they find a
# stamp where the one pattern with \b first did (same answer on every line of the pages and
# 1,500 synthetic documents; the *-body-test lines with a digit: 17.2 -> 7.0 ms CPU a pass, min of 9).
TIMESTAMP_DIGITS = re.compile(
    r"""\d(?<!\w\d)                              # a digit with no word character before it, then
    (?: \d?:\d{2}\b                              # clock time 16:05
      | \d?[./-]\d{1,2}[./-]\d{2,4}\b            # numeric date 04.06.2025, 11/19/2019
      | \d{3}-\d{2}-\d{2}\b                      # ISO date 2019-11-19
      | \d*\s+(?:minutes?|hours?|days?)\s+ago\b   # relative time: 5 hours ago
    )""",
    re.VERBOSE,
)
TIMESTAMP_MONTH = re.compile(
    r"""(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?<!\w\w\w\w)  # a month with no word character before
    [a-z]*\.?\s+\d{1,2}\b                                                # Nov. 19, Sept 3, November 19
    """,
    re.VERBOSE,
)
URL = re.compile(
    r"""https?://            # a link
    | www\.                  # a bare host
    | (?<!\S)\S[^\s@]*+@\S(?:[^\s.]|\.(?!\w))*+\.\w  # an e-mail address, tried once per word
    # (same matches for search() as \S+@\S+\.\w+, which backtracked quadratically on a long word)
    | (?:^|\s)@\w+           # a social handle
    """,
    re.VERBOSE,
)
DIGIT = re.compile(r"\d")
# A character neither alphanumeric nor space (str.isalnum / str.isspace): \w is isalnum plus "_".
PUNCT = re.compile(r"[^\w\s]|_")
GLUED = re.compile(r"[a-z][A-Z][a-z]")  # "BidenCawthorn": two texts glued without a space
# Whether GLUED matches at all, found from the capital (rare in prose), looking back at the letter
# before: most lines have no glued seam and skip the count (the lines of the *-body-test files:
# 13.9 -> 7.6 ms CPU a pass, min of 9).
GLUED_SEAM = re.compile(r"[A-Z](?<=[a-z][A-Z])[a-z]")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# SENTENCE_END's two character sets, for _ends_sentence.
ENDERS = ".!?…"
CLOSERS = "\"'”’)]"
WORD_OR_SPACE = re.compile(r"[\w\s]+")  # what PUNCT does not match, except "_"
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+[A-Z“\"]")  # a sentence end followed by a capital

# English function words (jusText's English stoplist core); used when garble.lexical is absent.
_STOPWORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "said", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your"]
)


# A word under this Zipf frequency is rare (about once in 300 million words).
RARE_ZIPF = 2.5

TokenStats = tuple[int, bool, bool, bool, float, bool, bool]


# Per-token parts of the shape features, cached by token string: (length, starts
# upper-case, all upper-case, stop word, Zipf, rare, has a digit). Bounded so a corpus's
# vocabulary cannot grow it without limit (2**15 tokens is far more than a document has).
@lru_cache(maxsize=1 << 15)
def _token_stats(token: str, lang: str | None = None) -> TokenStats:
    """The token's parts, its Zipf frequency in English, or, for a document in ``lang`` (not English), from
    that language's wordfreq list (``garble.languages``).

    The stop words stay English in any language. Counting the language's own commonest words as stop words
    made its prose read as prose, so a long listicle's interviews split into many short prose runs and the
    page weights flagged most of it (wday.ru, 56,885 characters: 2,900 flagged before, 32,300 after; HISTORY.md).
    """
    low = token.lower()
    z = zipf(low) if lang is None else languages.zipf_in(low, lang)
    return (len(token), token[0].isupper(), token.isupper() and len(token) > 1, low in _STOPWORDS,
            z, z < RARE_ZIPF, DIGIT.search(token) is not None)


def _shape(text: str, toks: list[str] | None = None,
           stats: Callable[[str], TokenStats] = _token_stats) -> list[float]:
    """The SHAPE_NAMES features of one line's text (``toks``: its TOKEN.findall, when known), its
    tokens read by ``stats``."""
    if toks is None:
        toks = TOKEN.findall(text)
    n = len(toks)
    chars = sum(map(len, text.split()))
    if not n:
        return [0.0, log1p(chars), 0, 0, 0, 0, 0, 0, 0, 1.0 if chars else 0.0,
                0, 0, 0, 0, float("|" in text), 0, 0, 0]
    lens, title, upper, stop, zipfs, rare, digit = zip(*map(stats, toks))
    has_digit = any(digit)
    return [
        log1p(n),
        log1p(chars),
        sum(lens) / n,
        sum(title) / n,
        sum(upper) / n,
        sum(stop) / n,
        sum(zipfs) / n,
        sum(rare) / n,
        sum(digit) / n,
        _punct_count(text) / max(chars, 1),
        float(_ends_sentence(text)),
        float(text.rstrip().endswith(":")),
        # every time stamp has a digit, and a digit is always inside a token
        float(has_digit and _has_timestamp(text)),
        float(text[:3].lower() == "by "),  # = text.lower().startswith("by "): only İ lowers to two characters
        float("|" in text),
        float(_has_url(text)),
        float(len(GLUED.findall(text))) if GLUED_SEAM.search(text) else 0.0,
        float(len(SENTENCE_BREAK.findall(text))),
    ]


def _punct_count(text: str) -> int:
    """``len(PUNCT.findall(text))``, without building the list: what is left when word and space runs go.

    >>> _punct_count("a_b, c!"), len(PUNCT.findall("a_b, c!"))
    (3, 3)
    """
    return len(WORD_OR_SPACE.sub("", text)) + text.count("_")


def _ends_sentence(text: str) -> bool:
    """``bool(SENTENCE_END.search(text))`` from the end of ``text`` only (a search tried every position).

    >>> [_ends_sentence(t) for t in ("Done.", 'He said "no!")', "Done.\\n", "no", ")")]
    [True, True, True, False, False]
    """
    body = text.removesuffix("\n").rstrip(CLOSERS)  # $ also matches before a final newline
    return bool(body) and body[-1] in ENDERS


def _has_timestamp(text: str) -> bool:
    """Whether ``text`` holds a clock time, a date or a relative time.

    >>> [_has_timestamp(t) for t in ("at 16:05", "on Nov. 19", "5 hours ago", "2019-11-19", "x16:05", "Novel 3")]
    [True, True, True, True, False, True]
    """
    return TIMESTAMP_DIGITS.search(text) is not None or TIMESTAMP_MONTH.search(text) is not None


def _has_url(text: str) -> bool:
    """``bool(URL.search(text))``, tried only when the text holds what every URL alternative needs."""
    return ("@" in text or "http" in text or "www." in text) and URL.search(text) is not None


def _prose_run(shapes: np.ndarray) -> tuple[int, int]:
    """[first, last] line index of the longest run of prose-like lines (by word mass).

    The last run counts too: until 2026-12-08 a run that went on to the document's last prose line was never
    weighed, so an article of one run of prose (most are) had only its first prose line in it.

    >>> prose, menu = [log1p(30), 0, 0, 0, 0, 0.5], [log1p(1), 0, 0, 0, 0, 0.0]
    >>> _prose_run(np.array([menu, prose, prose, menu, prose, menu]))
    (1, 4)
    >>> _prose_run(np.array([prose, menu, menu, prose, prose, prose]))
    (3, 5)
    """
    i_words, i_stop = SHAPE_NAMES.index("log_words"), SHAPE_NAMES.index("stop_share")
    prose = (np.expm1(shapes[:, i_words]) >= PROSE_MIN_WORDS) & (shapes[:, i_stop] >= PROSE_MIN_STOP)
    idx = np.flatnonzero(prose)
    if not len(idx):
        return 0, len(shapes) - 1
    words = np.expm1(shapes[:, i_words])
    best, best_mass, start = (idx[0], idx[0]), -1.0, idx[0]
    for a, b in zip(idx, [*idx[1:], None]):
        if b is None or b - a > 2:  # the last prose line, or a gap of more than one non-prose line, ends a run
            mass = float(words[start : a + 1].sum())
            if mass > best_mass:
                best, best_mass = (start, a), mass
            start = b
    return int(best[0]), int(best[1])


def _median(values: np.ndarray) -> float:
    """``np.median`` of a non-empty 1-d array (the middle value, or the mean of the two middle
    ones), without the numpy.ma import that np.median's first call costs (~35 ms of start-up).

    >>> _median(np.array([3.0, 1.0, 2.0])), _median(np.array([4.0, 1.0, 3.0, 2.0]))
    (2.0, 2.5)
    """
    ordered = np.sort(values)
    mid = len(ordered) // 2
    return float(ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2)


def _hits_by_line(lines: Sequence[Line], hits: Sequence[Hit]) -> list[list[Hit]]:
    """The hits overlapping each line, in hit order (lines are sorted and disjoint: bisect, not lines x hits)."""
    starts = [ln.start for ln in lines]
    ends = [ln.end for ln in lines]
    per_line: list[list[Hit]] = [[] for _ in lines]
    for h in hits:
        # lines with end > h.start and start < h.end
        for k in range(bisect_right(ends, h.start), bisect_left(starts, h.end)):
            per_line[k].append(h)
    return per_line


_NO_HITS = [0.0] * (2 * len(FAMILIES) + 1)


def _hit_features(line: Line, hits: Sequence[Hit]) -> list[float]:
    """Hit counts and strongest hit per family, and the share of visible characters covered (``hits`` overlap ``line``)."""
    if not hits:
        return _NO_HITS
    counts = dict.fromkeys(FAMILIES, 0.0)
    strength = dict.fromkeys(FAMILIES, 0.0)
    for h in hits:
        family = h.reason.split("_")[0]
        if family in counts:
            counts[family] += 1
            strength[family] = max(strength[family], h.strength)
    return [*counts.values(), *strength.values(), _covered_share(line, hits)]


def _covered_share(line: Line, hits: Sequence[Hit]) -> float:
    """The share of ``line``'s visible characters inside the union of ``hits`` (merged, then counted).

    >>> from garble.datatypes import Label
    >>> line = Line(10, 19, "ab cd efg")
    >>> _covered_share(line, [Hit(10, 14, Label.ENCODING, "x", 1.0), Hit(13, 16, Label.ENCODING, "x", 1.0)])
    0.5714285714285714
    """
    text, base = line.text, line.start
    covered = 0
    run_a = run_b = -1  # the merged run being built, in offsets into text
    for a, b in sorted((max(h.start, base) - base, min(h.end, line.end) - base) for h in hits):
        if a > run_b:
            covered += sum(map(len, text[run_a:run_b].split())) if run_b > run_a else 0
            run_a, run_b = a, b
        else:
            run_b = max(run_b, b)
    covered += sum(map(len, text[run_a:run_b].split())) if run_b > run_a else 0
    return covered / max(sum(map(len, text.split())), 1)


def _block_context(shapes: dict[int, tuple[float, float]], index: int) -> list[float]:
    """Length and stop-word share of the previous and next paragraph (jusText's neighbour
    revision as features: a short line between prose paragraphs is rarely furniture)."""
    prev, nxt = shapes.get(index - 1, (0.0, 0.0)), shapes.get(index + 1, (0.0, 0.0))
    return [prev[0], prev[1], nxt[0], nxt[1]]


def _block_shapes(placed: Sequence[tuple[Block, int, Line]], shapes: np.ndarray,
                  line_toks: Sequence[list[str]]) -> dict[int, tuple[float, float]]:
    """Each paragraph's log_words and stop_share (the SHAPE_NAMES of its whole text), by block index.

    A paragraph's tokens are its lines' tokens (a token never holds whitespace), so a
    paragraph of several lines adds up its lines' counts instead of tokenising its text again.
    """
    out: dict[int, tuple[float, float]] = {}
    words: dict[int, int] = {}
    stops: dict[int, int] = {}
    for k, (block, _, _) in enumerate(placed):
        if len(block.lines) == 1:
            out[block.index] = (shapes[k, 0], shapes[k, 5])
        else:
            words[block.index] = words.get(block.index, 0) + len(line_toks[k])
            stops[block.index] = stops.get(block.index, 0) + sum(_token_stats(t)[3] for t in line_toks[k])
    for index, n in words.items():
        out[index] = (log1p(n), stops[index] / n) if n else (0.0, 0.0)
    return out


def _foreign_language(shapes: np.ndarray, line_toks: Sequence[list[str]]) -> str | None:
    """The language of a document that is not in English (its lines' English ``shapes`` and tokens), or None.

    >>> toks = [("O governo disse que a proposta não será votada antes de maio " * 10).split()]
    >>> _foreign_language(np.array([_shape(" ".join(toks[0]), toks[0])]), toks)
    'pt'
    """
    n = np.array([len(t) for t in line_toks], dtype=float)
    if languages.is_english(int(n.sum()), float((shapes[:, SHAPE_NAMES.index("stop_share")] * n).sum())):
        return None
    lang = languages.guess([t for toks in line_toks for t in toks])
    return None if lang in (None, "en") or not languages.readable(lang) else lang


def line_features(doc: Document, hits: Sequence[Hit]) -> tuple[list[Line], np.ndarray]:
    """Every line of ``doc`` in order, and its FEATURE_NAMES vector (one row a line).

    >>> from garble.segment import segment
    >>> lines, X = line_features(segment("Read more:\\n\\nThe minister said on Monday that talks resume."), [])
    >>> [l.text for l in lines], X.shape == (2, len(FEATURE_NAMES))
    (['Read more:', 'The minister said on Monday that talks resume.'], True)
    """
    placed: list[tuple[Block, int, Line]] = [(b, i, ln) for b in doc.blocks for i, ln in enumerate(b.lines)]
    lines = [ln for _, _, ln in placed]
    if not lines:
        return [], np.zeros((0, len(FEATURE_NAMES)))
    line_toks = [TOKEN.findall(ln.text) for ln in lines]
    shapes = np.array([_shape(ln.text, t) for ln, t in zip(lines, line_toks)], dtype=float)
    if (lang := _foreign_language(shapes, line_toks)) is not None:  # its words' commonness in its own language
        stats = partial(_token_stats, lang=lang)
        shapes = np.array([_shape(ln.text, t, stats) for ln, t in zip(lines, line_toks)], dtype=float)
    blank = np.zeros((1, len(SHAPE_NAMES)))
    prev = np.vstack([blank, shapes[:-1]])
    nxt = np.vstack([shapes[1:], blank])
    run_a, run_b = _prose_run(shapes)
    norms = [normalise(ln.text, t) for ln, t in zip(lines, line_toks)]
    counts = Counter(norms)
    head = norms[0]
    n = len(lines)
    words = np.expm1(shapes[:, 0])
    median_words = _median(words) + 1.0
    block_shape = _block_shapes(placed, shapes, line_toks)
    line_hits = _hits_by_line(lines, hits)
    near_flags = near_repeated(norms)
    log_n, log_median = log1p(n), log(median_words)
    rows = []
    for k, (block, i, line) in enumerate(placed):
        bs = block_shape[block.index]
        near = near_flags[k]
        dist = 0 if run_a <= k <= run_b else (run_a - k if k < run_a else k - run_b)
        rows.append([
            float(len(block.lines) == 1), log1p(len(block.lines)), i / max(len(block.lines), 1),
            bs[0], bs[1], k / n, log_n, float(k == 0), float(k == n - 1),
            log1p(dist), float(run_a <= k <= run_b), float(k < run_a), float(k > run_b),
            float(counts[norms[k]] > 1 and len(norms[k]) > 0), near,
            fuzz.ratio(norms[k], head) / 100 if k else 1.0,
            log1p(words[k]) - log_median,
            *_hit_features(line, line_hits[k]),
            *_block_context(block_shape, block.index),
        ])
    return lines, np.hstack([shapes, prev, nxt, np.array(rows, dtype=float)])
