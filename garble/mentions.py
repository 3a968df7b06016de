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
from functools import cache

from garble import lexical
from garble.gazetteer import NameKey, name_key

WORD = re.compile(r"\w+(?:[’'\-.]\w+)*(?:['’]s\b)?")
POSSESSIVE = re.compile(r"['’]s$")
SENTENCE_END = re.compile(
    r"""
    (?: ^                       # the start of the text
      | [.!?:;]["”’)\]]?\s+     # a sentence end, maybe closing a quote
      | \n\s*                   # a line break
      | ["“‘(\[—–]\s*           # an opening quote, bracket or dash
      | \s-\s+                 # the dash after a dateline: "LONDON, Oct 19 - The"
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

    @property
    def key(self) -> NameKey:
        """The comparison key of the whole run (see ``gazetteer.name_key``)."""
        return name_key(self.text)

    def names(self) -> Iterator[tuple[Token, ...]]:
        """The person-name pieces of the run, split at "and", "of", "for", "the".

        >>> [" ".join(t.text for t in n) for n in next(find_mentions("met Xi and Kim Jong Un.")).names()]
        ['Xi', 'Kim Jong Un']
        """
        piece: list[Token] = []
        for tok in (*self.tokens, None):
            if tok is None or tok.text in CONNECTORS:
                if piece:
                    yield tuple(piece)
                piece = []
            else:
                piece.append(tok)


@cache
def zipf(word: str) -> float:
    """wordfreq's English Zipf frequency of ``word`` lower-cased (cached; shares ``lexical.zipf``'s cache)."""
    return lexical.zipf(word.casefold())


def is_capitalised(word: str) -> bool:
    """A word that can be part of a name: it starts with an upper-case letter.

    >>> (is_capitalised("Jong-un"), is_capitalised("leader"), is_capitalised("1961"))
    (True, False, False)
    """
    return word[:1].isupper()


def _joins(text: str, prev: str, gap_start: int, gap_end: int) -> bool:
    """Whether the gap between two words lets them be one name."""
    gap = text[gap_start:gap_end]
    if gap == " ":
        return not POSSESSIVE.search(prev)
    return gap == ". " and (len(prev) == 1 or prev in ABBREVIATIONS)


def _runs(text: str, start: int, end: int) -> Iterator[list[re.Match[str]]]:
    run: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []
    for m in WORD.finditer(text, start, end):
        word = m.group()
        capitalised = word[:1].isupper()  # is_capitalised, inlined: this loop sees every word
        if run:
            last = (pending or run)[-1]
            if _joins(text, last.group(), last.end(), m.start()):
                if word in PARTICLES or word in CONNECTORS:
                    pending.append(m)
                    continue
                if capitalised and len(run) < MAX_RUN_WORDS:
                    run += pending
                    run.append(m)
                    pending = []
                    continue
            yield run
        run = [m] if capitalised else []
        pending = []
    if run:
        yield run


def _mention(text: str, run: list[re.Match[str]], known_part: AbstractSet[str]) -> Mention | None:
    words = [m.group() for m in run]
    titles = [i for i, w in enumerate(words) if w in TITLES]
    cut = titles[-1] + 1 if titles else 0
    at_start = bool(SENTENCE_END.search(text[max(0, run[0].start() - 3) : run[0].start()]))
    lead = int(at_start and cut > 0 and zipf(words[0]) >= SENTENCE_WORD_ZIPF and words[0] not in TITLES)
    title = " ".join(words[lead:cut]) or None
    initial = cut == 0 and at_start
    while cut < len(run) and (
        words[cut] in CALENDAR
        or (initial and words[cut] not in ABBREVIATIONS and zipf(words[cut]) >= SENTENCE_WORD_ZIPF
            and (words[cut].casefold() not in known_part or zipf(words[cut]) >= FUNCTION_WORD_ZIPF))
        or words[cut] in CONNECTORS
    ):
        cut, initial = cut + 1, False
    stop = len(run)
    while stop > cut and (words[stop - 1] in CONNECTORS or words[stop - 1] in PARTICLES
                          or words[stop - 1] in CALENDAR):
        stop -= 1
    if stop <= cut:
        return None
    tokens = tuple(
        Token(m.start(), m.end() - len(p.group()) if (p := POSSESSIVE.search(m.group())) else m.end(),
              POSSESSIVE.sub("", m.group()))
        for m in run[cut:stop]
    )
    return Mention(tokens[0].start, tokens[-1].end, text[tokens[0].start : tokens[-1].end], tokens, title, initial)


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
