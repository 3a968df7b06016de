"""Name mentions: capitalised runs with their particles, titles and possessives, with offsets.

No NLP model: one left-to-right pass over the words of a text, so the cost is
linear in its length. A mention is the *name part* of a run ("Foreign Minister
Ri Son Gwon's" gives title "Foreign Minister" and name "Ri Son Gwon"); a
sentence-initial function word ("But Kim") and weekday or month names are not
part of a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache

from garble import lexical
from garble.gazetteer import NameKey, name_key

WORD = re.compile(
    r"""
    \w+(?: [’'\-]\w+                # "O'Neill", "Jong-un"
         | \.(?![A-Z][a-z])\w+ )*    # "U.S.A", but not a sentence glued on: "in Las Vegas.The shooter"
    (?:['’]s\b)?                     # a possessive
    """,
    re.VERBOSE,
)
POSSESSIVE = re.compile(r"['’]s$")
SENTENCE_END = re.compile(
    r"""
    (?: ^                       # the start of the text
      | [.!?:;]["”’)\]]?\s+     # a sentence end, maybe closing a quote
      | \n\s*                   # a line break
      | ["“‘(\[—–]\s*           # an opening quote, bracket or dash
      | \s-\s+                 # the dash after a dateline: "LONDON, Oct 19 - The"
      | [a-z]{2}\.             # a full stop with no space after it: "Las Vegas.The shooter"
    )$
    """,
    re.VERBOSE,
)
# Lower-case words that join the parts of one name ("Ludwig van Beethoven",
# "Mohammed bin Salman", "Bank of Korea", "Treaty and Cooperation").
PARTICLES = frozenset([
    "al", "bin", "binti", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "ibn", "la",
    "le", "van", "von", "y",
])
CONNECTORS = frozenset({"of", "and", "for", "the", "&"})
# A run of capitalised words is cut after this many: the longest names and titled
# names have ~10 words, and a run of thousands ("John Smith John Smith ...") made the
# name signals quadratic (benchmarks/growth.py, name_reps).
MAX_RUN_WORDS = 40
# Words that end a title before a name: "President Xi", "Foreign Minister Ri Son Gwon".
TITLES = frozenset([
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady", "Sen", "Senator", "Rep",
    "Representative", "Gov", "Governor", "President", "Premier", "Chancellor", "Minister",
    "Secretary", "Chairman", "Chairwoman", "Chair", "Speaker", "Mayor", "Judge", "Justice", "King",
    "Queen", "Prince", "Princess", "Emperor", "Pope", "Ayatollah", "Sheikh", "General", "Gen", "Lt",
    "Col", "Colonel", "Capt", "Captain", "Sgt", "Admiral", "Adm", "Commander", "Ambassador",
    "Envoy", "Director", "Spokesman", "Spokeswoman", "Leader", "Chief", "Officer", "Rev", "Father",
    "Bishop", "Cardinal", "Vice", "Deputy", "Sheriff", "Inspector", "Detective",
])
ABBREVIATIONS = frozenset([
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Adm",
    "Rev", "St", "Jr", "Sr",
])
CALENDAR = frozenset([
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
])
# A sentence-initial word this frequent (wordfreq Zipf, English) is taken for an
# ordinary word unless a known name holds it: "But", "After", "Police" (5.0 is
# about once per 100,000 words; "Kim" is 4.6, "Trump" 4.9, "Biden" 3.9).
SENTENCE_WORD_ZIPF = 5.0
# ... and one this frequent is a function word even when some name holds it
# ("The", "In", "A": all above 6.3; "John", among the most frequent name parts, is 5.4).
FUNCTION_WORD_ZIPF = 6.0
# A word after "Title of" and before a known name part is what the title is of: "Secretary of State" (5.8),
# "Minister of Finance" (4.65), "Commerce" 4.4, "Agriculture" 4.4; a name part is no such word.
TITLE_OBJECT_ZIPF = 4.0


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a mention, its possessive ending removed."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A capitalised name run: offsets and text of its name part (possessive removed), tokens, title, position."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    title: str | None
    sentence_initial: bool
    pieces: tuple[tuple[Token, ...], ...]  # split at connectors: see ``names``

    @property
    def key(self) -> NameKey:
        """The comparison key of the whole run (see ``gazetteer.name_key``)."""
        return name_key(self.text)

    def names(self) -> Iterator[tuple[Token, ...]]:
        """The person-name pieces of the run, split at "and", "of", "for", "the".

        >>> [" ".join(t.text for t in n) for n in next(find_mentions("met Xi and Kim Jong Un.")).names()]
        ['Xi', 'Kim Jong Un']
        """
        return iter(self.pieces)


def _pieces(tokens: tuple[Token, ...]) -> tuple[tuple[Token, ...], ...]:
    """``tokens`` split at connectors (``Mention.names``)."""
    if not any(t.text in CONNECTORS for t in tokens):
        return (tokens,)
    pieces: list[tuple[Token, ...]] = []
    piece: list[Token] = []
    for tok in tokens:
        if tok.text in CONNECTORS:
            if piece:
                pieces.append(tuple(piece))
            piece = []
        else:
            piece.append(tok)
    if piece:
        pieces.append(tuple(piece))
    return tuple(pieces)


# Bounded as ``lexical.zipf`` is: unbounded, this cache kept every distinct word of a corpus, so a
# long run (a worker of ``garble audit --jobs``, a scraper) grew by about 3 MB a thousand short
# fuzzed texts without end (benchmarks/fuzz.py stopped at libFuzzer's 2 GB).
@lru_cache(maxsize=1 << 15)
def zipf(word: str) -> float:
    """wordfreq's English Zipf frequency of ``word`` lower-cased (cached; shares ``lexical.zipf``'s cache)."""
    return lexical.zipf(word.casefold())


def is_capitalised(word: str) -> bool:
    """A word that can be part of a name: it starts with an upper-case letter.

    >>> (is_capitalised("Jong-un"), is_capitalised("leader"), is_capitalised("1961"))
    (True, False, False)
    """
    return word[:1].isupper()


def _next_word_at(text: str, prev: re.Match[str]) -> int | None:
    """Where the word after ``prev`` must start to join it in one name: after one space (not after a
    possessive), or after ". " when ``prev`` is an initial or an abbreviation ("John F. Kennedy")."""
    word, at = prev.group(), prev.end()
    if text[at : at + 1] == " ":
        return None if word.endswith(("'s", "’s")) else at + 1  # POSSESSIVE
    if text[at : at + 2] == ". " and (len(word) == 1 or word in ABBREVIATIONS):
        return at + 2
    return None


@cache
def _capital_start() -> re.Pattern[str]:
    """Where ``WORD.finditer`` could start a capitalised word: an upper-case word character (or any
    character beyond the BMP, checked by the caller) that no word character, nor a word character and
    one of WORD's joiners, comes right before ("Vegas" of "in Vegas", not "Men" of "X-Men"). Compiled
    on first use (about 10 ms: the class lists the BMP's upper-case letters).

    The pattern opens on the character class, its look-behinds (shifted by that one character) after
    it, so a search skips from capital to capital instead of trying them at every position: the same
    matches (every paragraph of the pages and of 1,500 synthetic documents); all of them in the *-body-test
    paragraphs took 13.9 instead of 36.4 ms CPU (min of 9)."""
    word_char = re.compile(r"\w")
    upper = "".join(c for c in map(chr, range(0x10000)) if c.isupper() and word_char.match(c))
    return re.compile(rf"[{re.escape(upper)}\U00010000-\U0010FFFF](?<!\w.)(?<!\w[’'\-].)(?:(?<!\w\..)|(?<=[A-Z])(?=[a-z]))")


def _next_capital(text: str, pos: int, start: int, end: int) -> re.Match[str] | None:
    """The first capitalised ``WORD`` at or after ``pos``, as ``WORD.finditer(text, start, end)`` reads them.

    The first word is found by ``WORD`` itself: it may open at ``start`` whatever comes before it, which
    the look-behinds of ``_capital_start`` would see."""
    if pos == start:
        first = WORD.search(text, start, end)
        if first is None or first.group()[:1].isupper():
            return first
        pos = first.end()
    capital = _capital_start()
    while (found := capital.search(text, pos, end)) is not None:
        at = found.start()
        if text[at].isupper() and (word := WORD.match(text, at, end)) is not None:
            return word
        pos = at + 1  # a character beyond the BMP that is no upper-case word character
    return None


def _runs(text: str, start: int, end: int) -> Iterator[list[re.Match[str]]]:
    """Runs of capitalised words joined by single spaces, particles and connectors (``WORD`` tokens).

    Lower-case prose between runs is skipped by one regex search, not walked word by word: the runs
    are the same as a walk over every ``WORD`` match would give."""
    pos = start
    while (first := _next_capital(text, pos, start, end)) is not None:
        run = [first]
        pending: list[re.Match[str]] = []
        while True:
            at = _next_word_at(text, (pending or run)[-1])
            if at is None or (m := WORD.match(text, at, end)) is None:
                break
            word = m.group()
            if word in PARTICLES or word in CONNECTORS:
                pending.append(m)
                continue
            if not word[:1].isupper() or len(run) >= MAX_RUN_WORDS:
                break
            run += pending
            run.append(m)
            pending = []
        yield run
        pos = run[-1].end()


def _opens_sentence(text: str, at: int) -> bool:
    """Whether a sentence (``SENTENCE_END``) opens at ``at``; a word, a comma and one space before it
    (most capitalised words) answer without the regex."""
    if text[at - 1 : at] == " " and at >= 2 and (text[at - 2].isalnum() or text[at - 2] == ","):
        return False
    return bool(SENTENCE_END.search(text[max(0, at - 3) : at]))


def _is_sentence_word(word: str, known_part: AbstractSet[str]) -> bool:
    """A sentence's first word that is an ordinary word, not a name (``SENTENCE_WORD_ZIPF``)."""
    return (word not in ABBREVIATIONS and zipf(word) >= SENTENCE_WORD_ZIPF
            and (word.casefold() not in known_part or zipf(word) >= FUNCTION_WORD_ZIPF))


def _token(m: re.Match[str]) -> Token:
    word = m.group()
    if word.endswith(("'s", "’s")):  # POSSESSIVE, removed
        return Token(m.start(), m.end() - 2, word[:-2])
    return Token(m.start(), m.end(), word)


def _mention(text: str, run: list[re.Match[str]], known_part: AbstractSet[str]) -> Mention | None:
    if len(run) == 1:  # most runs: the general case below, for one word
        word = run[0].group()
        if word in TITLES or word in CALENDAR:
            return None
        initial = _opens_sentence(text, run[0].start())
        if initial and _is_sentence_word(word, known_part):
            return None
        token = _token(run[0])
        return Mention(token.start, token.end, token.text, (token,), None, initial, ((token,),))
    words = [m.group() for m in run]
    titles = [i for i, w in enumerate(words) if w in TITLES]
    cut = titles[-1] + 1 if titles else 0
    at_start = _opens_sentence(text, run[0].start())
    lead = int(at_start and cut > 0 and zipf(words[0]) >= SENTENCE_WORD_ZIPF and words[0] not in TITLES)
    if (titles and cut + 2 < len(words) and words[cut] == "of" and words[cut + 1].casefold() not in known_part
            and zipf(words[cut + 1]) >= TITLE_OBJECT_ZIPF
            and any(w.casefold() in known_part for w in words[cut + 2 : cut + 4])):
        cut += 2  # what the title is of, before a name: "Secretary of State George Shultz" (or "Shultz George")
    # a title stands right before the name: in "Chairman of Boston Five Bancorp" what follows "of" is
    # what the title is of, and no name
    title = (" ".join(words[lead:cut]) or None) if cut >= len(words) or words[cut] not in CONNECTORS else None
    initial = cut == 0 and at_start
    while cut < len(run) and (
        words[cut] in CALENDAR
        or (initial and _is_sentence_word(words[cut], known_part))
        or words[cut] in CONNECTORS
    ):
        cut, initial = cut + 1, False
    stop = len(run)
    while stop > cut and (words[stop - 1] in CONNECTORS or words[stop - 1] in PARTICLES
                          or words[stop - 1] in CALENDAR):
        stop -= 1
    if stop - 1 > cut and words[stop - 1] == "A" and text[run[stop - 1].end() : run[stop - 1].end() + 1] != ".":
        stop -= 1  # the article of the next sentence, not an initial: "Credit: ESA A cross-section"
    if stop <= cut:
        return None
    tokens = tuple(map(_token, run[cut:stop]))
    return Mention(tokens[0].start, tokens[-1].end, text[tokens[0].start : tokens[-1].end], tokens, title, initial,
                   _pieces(tokens))


def find_mentions(text: str, start: int = 0, end: int | None = None,
                  known_part: AbstractSet[str] = frozenset()) -> Iterator[Mention]:
    """Name mentions in ``text[start:end]``, offsets into ``text``.

    ``known_part`` holds lower-cased name parts that are never taken for an
    ordinary sentence-initial word.

    >>> [(m.title, m.text) for m in find_mentions("But Foreign Minister Ri Son Gwon’s aide met Mr. Kim.")]
    [('Foreign Minister', 'Ri Son Gwon'), ('Mr', 'Kim')]
    """
    for run in _runs(text, start, len(text) if end is None else end):
        if (mention := _mention(text, run, known_part)) is not None:
            yield mention
