"""Rules that read a person's name against how common its words are as given names and as surnames.

A person's name in news opens with a given name and ends with a surname. The US Census 1990 name
lists (``gazetteer.census``) say which words are given names ("Otto", "Hugh") and how many people
bear a word as a surname ("Day" 43 in 100,000, "New" 4, "People" not listed). So a name seen once,
in a person's context (a title or role, an apposition, a reporting verb), is damaged when:

1. it holds given names only: its surname was dropped ("Bundesbank President Karl Otto said");
2. its last word is a common word that is hardly a surname: it replaced the surname ("Fed Chairman
   Paul New told");
3. its first word is a common word that is no given name, before a surname: it replaced the given
   name ("Secretary of State Party Shultz");
4. after a title, a surname and then a given name: the two were swapped ("Secretary of State Shultz George").

None of these has a reference in the text (the rules of ``name_people`` look for one first), so only
the swap suggests a fix, unless the text uses the lost surname alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import Flag, auto

from garble.datatypes import Hit, Label
from garble.gazetteer import Census, Gazetteer, NameKey
from garble.mentions import CALENDAR, PARTICLES, SENTENCE_END, TITLES, Mention, zipf
from garble.signals.name_orphans import OPENERS, OPENING_WORD
from garble.signals.name_people import (
    ADJECTIVE_ENDINGS,
    FOREIGN_ARTICLES,
    NOT_GIVEN_WORDS,
    ORPHAN_MAX_ZIPF,
    PERSON_AFTER,
    PLACE_WORDS,
    REPLACING_WORD_ZIPF,
    SAID_BEFORE,
    WORD_GIVEN_NAMES,
    People,
    person_context,
)
from garble.signals.name_rules import ORG_WORDS, PLACE_HEADS, STRENGTHS, SURNAME_PARTICLES, Conflict

REFERENCE, SOURCE = "given names and surnames", "US census 1990"
# A given name that lost its surname, with no other evidence, is common as one (30 in 100,000 or more)
# and borne as a given name this many times as often as a surname: "Hugh" 60 to 1, "Carlos" 229 to 3;
# "Lillie" (90 to 2), "Viola" (86 to 2) and "Elmer" (74 to 2) are surnames of clean training Reuters
# people, "Otto" (18 to 7), "Howard", "Patrick" plainly both, and "Celeste" (25 to 0, "Ohio Governor
# Richard Celeste") and "Shad" (4) rare given names (10 would also pass those two; no recall is lost at 30).
GIVEN_ONLY_RATIO = 50
GIVEN_ONLY_MIN = 30
# A common word in a surname's place is borne as a surname by fewer than this many of 100,000 people, that
# is, the census does not list it: "People", "Office", "Union"; "Low", "Early", "East" (4 to 6) name
# people of the clean training Reuters, and so do "North" (7) and "Day" (43).
WORD_SURNAME_MAX = 2
GIVEN_SLOT_SURNAME_MAX = 10
# A surname after a common word that took the given name's place: listed in the census (2 in 100,000 or
# more), or rarer than this as a word ("Wezniak" 0, "Shultz" 2.5).
RARE_SURNAME_ZIPF = 3.0
# With no cue, a given name borne by this many of 100,000 men or women, this many times as often as a
# surname, opens a person's name, not a firm's or a place's ("Paul" 1000+, "Thomas"; "Virginia" 215 names a
# state, "Marion" and "Irving" (under 100) counties and banks of the clean training Reuters).
PLAIN_GIVEN_MIN = 100
PLAIN_GIVEN_RATIO = 10
# ... and the last word heads no institution or place ("Charles City", "James River", "Jefferson Bank").
INSTITUTION_HEADS = PLACE_HEADS | frozenset([
    "city", "county", "river", "valley", "lake", "bay", "beach", "bank", "trust", "group", "association", "society",
    "league", "line", "lines", "oil", "department", "life", "fund", "club", "foundation", "company", "press", "post",
    "times", "news", "journal", "daily", "herald", "tribune", "federal", "securities", "capital", "partners"])
# Number words follow a month that is a given name too: "April One".
NUMBERS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])
# Nouns of rank that open a name run in capitals without being a title word: "Finance Head Martin Juenger".
ROLE_WORDS = frozenset(["head", "boss", "member", "partner", "founder", "owner", "veteran", "hero", "star"])


class Cue(Flag):
    """What marks a mention as a person's name: a title or role right before it ("Fed Chairman Paul New"),
    an apposition with a role after it ("Paul New, an analyst"), a reporting verb and a personal pronoun
    ("Paul New said he": firms say things too, "First Boston said it")."""

    NONE = 0
    TITLE = auto()
    APPOSITION = auto()
    SAID = auto()


# Every combination of the three cues, made once: a Flag's "|" is three Python calls, and most names ask.
_CUES = {(t, a, s): (Cue.TITLE if t else Cue.NONE) | (Cue.APPOSITION if a else Cue.NONE) | (Cue.SAID if s else Cue.NONE)
         for t in (False, True) for a in (False, True) for s in (False, True)}


def cues(text: str, end: int, mention: Mention, roled: bool, apposed: bool) -> Cue:
    """The ``Cue`` of a name that ends at ``end`` in ``mention``. A reporting verb counts with a personal
    pronoun after it, or before the name when it ends before "of" and a firm ("said Army Williams of Bankers Trust").

    >>> from garble.mentions import find_mentions
    >>> text = "So Paul New said he would."
    >>> cues(text, 11, next(find_mentions(text, 3)), False, False)
    <Cue.SAID: 4>
    >>> text = "So said Army Williams of Bankers Trust Co."
    >>> cues(text, 21, next(find_mentions(text, 8)), False, False)
    <Cue.SAID: 4>
    """
    if end == mention.end:
        said = person_context(text, mention) == 2
    else:
        # (with "said" before: "Gold Fields of South Africa Ltd said" is a firm's name)
        said = text.startswith(" of ", end) and SAID_BEFORE.search(text, max(0, mention.start - 20), mention.start) is not None
    return _CUES[roled, apposed, said]


def census_conflict(key: NameKey, display: str, cue_of: Callable[[], Cue], people: People, known: Gazetteer,
                    census: Census, start: int = 0) -> Conflict | None:
    """The census rules for a name seen once, marked as a person's by the cue ``cue_of`` gives (asked
    only of a name with a common word at either end, or a given name last: most names pass without it).

    >>> from garble.gazetteer import from_names, census, name_key
    >>> g, c = from_names([]), census()
    >>> census_conflict(name_key("Karl Hugh"), "Karl Hugh", lambda: Cue.TITLE, People({}), g, c).reason
    'name_dropped_token'
    >>> census_conflict(name_key("Paul People"), "Paul People", lambda: Cue.SAID, People({}), g, c).reason
    'name_common_word'
    >>> census_conflict(name_key("Party Shultz"), "Party Shultz", lambda: Cue.TITLE, People({}), g, c).reason
    'name_common_word'
    >>> census_conflict(name_key("Charles Day"), "Charles Day", lambda: Cue.TITLE, People({}), g, c) is None
    True
    """
    words = display.split()
    if (len(words) != len(key) or not 2 <= len(key) <= 3
            or not (zipf(key[0]) >= REPLACING_WORD_ZIPF or zipf(key[-1]) >= REPLACING_WORD_ZIPF or key[-1] in census.given)):
        return None
    cue = cue_of()
    if cue is Cue.NONE:  # a firm or a place: "Royal Bank", "Dakota City", "Arden Group said it"
        if (_has_middle_initial(key, words) and key[0] not in INSTITUTION_HEADS  # "Party T. Fuller"; not "Bank J. Vontobel"
                and (found := common_given(key, words, cue, known, census)) is not None):
            return found
        return common_surname(key, words, people, known, census, start=start) if _is_plain_name(key, words, census) else None
    return ((given_only(key, words, people, known, census, start) if Cue.TITLE in cue else None)
            or surname_first(key, words, cue, people, known, census)
            or common_surname(key, words, people, known, census, adjectives=Cue.TITLE in cue, start=start)
            or common_given(key, words, cue, known, census))


def _is_plain_name(key: NameKey, words: list[str], census: Census) -> bool:
    """A name that needs no cue to be a person's: a common given name, plainly one ("Paul", "Robert"; not
    "Virginia" or "Marion"), maybe a middle initial ("Martin T."), and a last word that heads no institution
    or place ("James River", "Charles City")."""
    return ((len(key) == 2 or _has_middle_initial(key, words))
            and census.given.get(key[0], 0) >= PLAIN_GIVEN_MIN and census.is_given(key[0], PLAIN_GIVEN_RATIO)
            and key[0].capitalize() not in CALENDAR and key[-1] not in INSTITUTION_HEADS and key[-1] not in NUMBERS)


def _has_middle_initial(key: NameKey, words: list[str]) -> bool:
    """Three words, the middle one an initial with its full stop ("Martin T. State"): a person's name."""
    return len(key) == 3 and len(key[1]) == 1 and words[1] == f"{words[1][0]}."


def _is_given(part: str, known: Gazetteer, census: Census) -> bool:
    return census.is_given(part) or known.is_given_name(part)


def _is_word_not_name(part: str, word: str, adjectives: bool, known: Gazetteer, census: Census) -> bool:
    """A frequent word that is no given name ("People", "New", "Council"), written as a name is ("La", "US"
    are not); not a plural, which names firms ("Sales", "Amusements"), nor (unless ``adjectives``) an
    adjective, which names firms too ("National Amusements", "Liberty Financial")."""
    return (part.isalpha() and len(part) >= 3 and word[1:].islower() and zipf(part) >= REPLACING_WORD_ZIPF
            and part not in census.given and part not in ORG_WORDS and part not in FOREIGN_ARTICLES
            and part not in WORD_GIVEN_NAMES and not part.endswith("s")
            and (adjectives or not part.endswith(ADJECTIVE_ENDINGS))
            and not known.closers.get(part) and not known.openers.get(part))


def given_only(key: NameKey, words: list[str], people: People, known: Gazetteer, census: Census,
               start: int = 0) -> Conflict | None:
    """Given names (or initials) only, the last one hardly a surname and never used alone: "Karl Otto"."""
    last = key[-1]
    if (len(last) < 3 or not census.is_given(last, GIVEN_ONLY_RATIO) or census.given[last] < GIVEN_ONLY_MIN
            or known.closers.get(last)
            or last in people.any_alone or not all(len(p) == 1 or _is_given(p, known, census) for p in key[:-1])
            or len(key[0]) == 1 and len(key) == 2 and not words[0].endswith(".")):
        return None
    if len(key) == 2 and (where := people.alone.get(key[0], people.said.get(key[0]))) is not None:
        fixed = f"{words[1]} {words[0]}"  # "Thomas Michael" ... "Thomas said": a swap
        return Conflict("name_swapped_tokens", f'"{words[-1]}" is a given name, and "{words[0]}" is used alone as a'
                        f' surname at {where}', fixed, where, fixed)
    # the surname it lost, used alone after it: "J. Hugh" ... "Liedtke said"
    return _fixed_by_orphan("name_dropped_token", f'"{words[-1]}" is a given name: the surname is missing',
                            key, start, people, known, lambda surname: [*words, surname])


def surname_first(key: NameKey, words: list[str], cue: Cue, people: People, known: Gazetteer,
                  census: Census) -> Conflict | None:
    """After a title or role, a surname the census lists that is no given name and rare as a word, then a
    common given name that is hardly a surname: "Secretary of State Shultz George". The two were swapped.

    (The first word must be a listed surname: "Vijay John, a professor" opens with a given name the US
    census does not know. Without a title the rule would read "Ginnie Mae" as a swapped name.)

    >>> from garble.gazetteer import from_names, census, name_key
    >>> g, c = from_names([]), census()
    >>> surname_first(name_key("Graff Joel"), ["Graff", "Joel"], Cue.TITLE, People({}), g, c).suggestion
    'Joel Graff'
    >>> surname_first(name_key("Joel Graff"), ["Joel", "Graff"], Cue.TITLE, People({}), g, c) is None
    True
    """
    if len(key) != 2:
        return None
    first, last = key
    if (len(first) < 3 or not first.isalpha() or not words[0][1:].islower() or first in census.given
            or known.openers.get(first) or zipf(first) >= ORPHAN_MAX_ZIPF
            or not (census.surname.get(first) or known.closers.get(first))  # "Vijay John": no US given name
            or not census.is_given(last, PLAIN_GIVEN_RATIO) or census.given[last] < PLAIN_GIVEN_MIN
            or known.closers.get(last, 0) * 4 > known.openers.get(last, 0) or last in people.any_alone):
        return None
    fixed = f"{words[1]} {words[0]}"
    return Conflict("name_swapped_tokens", f'"{words[1]}" is a given name, "{words[0]}" a surname before it',
                    fixed, None, fixed, SOURCE)


def common_surname(key: NameKey, words: list[str], people: People, known: Gazetteer, census: Census,
                   adjectives: bool = False, start: int = 0) -> Conflict | None:
    """A given name (and a middle initial or name), then a common word that is hardly a surname: "Paul New".
    An adjective ends firms' names ("Liberty Financial"); with ``adjectives`` (after a title, or a middle
    initial) it may be the replacement: "Rep. John National", "Ronald G. National"."""
    last = key[-1]
    if (len(key[0]) < 2 or not _is_given(key[0], known, census) or last in people.any_alone
            or last in NOT_GIVEN_WORDS or last in OPENERS  # "Why Jerry Why?"
            or last in PLACE_HEADS or census.surname.get(last, 0) >= WORD_SURNAME_MAX
            or not _is_word_not_name(last, words[-1], adjectives or _has_middle_initial(key, words), known, census)
            or not all(len(p) == 1 or _is_given(p, known, census) for p in key[1:-1])):
        return None
    # the surname it replaced, used alone after it: "Lloyd Office" ... "Bentsen said"
    return _fixed_by_orphan("name_common_word", f'common word "{words[-1]}" in place of the surname',
                            key, start, people, known, lambda surname: [*words[:-1], surname])


def _fixed_by_orphan(reason: str, what: str, key: NameKey, start: int, people: People, known: Gazetteer,
                     mend: Callable[[str], list[str]]) -> Conflict:
    """A census conflict, suggesting the name ``mend`` makes with the one surname the text uses alone after
    ``start`` and introduces nowhere (the surname the name lost); without exactly one, the census is the reference."""
    if (orphan := people.sole_orphan(key, start, known, said=True, loose=True)) is None:
        return Conflict(reason, what, REFERENCE, None, None, SOURCE)
    surname, where = orphan
    fixed = " ".join(mend(surname.capitalize()))
    return Conflict(reason, f'{what}; the text names "{surname.capitalize()}" alone', fixed, where, fixed)


def common_given(key: NameKey, words: list[str], cue: Cue, known: Gazetteer, census: Census) -> Conflict | None:
    """A common word that is no given name, then a surname: "Party Shultz", "Power M. Bass".

    Only after a title or role may the word be a place's ("North Wiggins") or a surname the census lists
    ("Day Krolik, NBC's vice president" is a person, "Day" a given name too).
    """
    first, last = key[0], key[-1]
    titled = Cue.TITLE in cue
    if (first in NOT_GIVEN_WORDS or first in OPENERS or first in ROLE_WORDS
            or (first in INSTITUTION_HEADS and len(key) == 3 and len(key[1]) > 1)  # "Justice Department Karl Rove"
            or (first in PLACE_WORDS and not titled)
            or (census.surname.get(first, 0) >= GIVEN_SLOT_SURNAME_MAX and not titled)
            or not _is_word_not_name(first, words[0], titled, known, census)
            or not (census.surname.get(last, 0) or zipf(last) < RARE_SURNAME_ZIPF) or zipf(last) >= REPLACING_WORD_ZIPF
            or not all(len(p) == 1 or _is_given(p, known, census) for p in key[1:-1])):
        return None
    return Conflict("name_common_word", f'common word "{words[0]}" in place of the given name', REFERENCE, None, None,
                    SOURCE)


def opening_census(text: str, mentions: Sequence[Mention], people: People, known: Gazetteer,
                   census: Census) -> Iterator[Hit]:
    """A common word that is no given name opening a sentence before a surname introduced there with a
    role: "Office Gerard, managing director of Morgan Stanley, said". (The mention finder takes a frequent
    word that opens a sentence for an ordinary one, so the name it sees is "Gerard".)

    >>> from garble.gazetteer import from_names, census
    >>> from garble.mentions import find_mentions
    >>> text = "Rates rose. Office Greenbaum, managing director of the bank, said so."
    >>> ms = list(find_mentions(text))
    >>> people = People({}, any_alone={"greenbaum": 19}, apposed={19})  # (read_people finds the apposition)
    >>> [(text[h.start:h.end], h.reason) for h in opening_census(text, ms, people, from_names([]), census())]
    [('Office Greenbaum', 'name_common_word')]
    """
    for m in mentions:
        if len(m.tokens) != 1 or m.title is not None or text[m.end : m.end + 1] != ",":
            continue
        word = m.tokens[0].text
        surname = word.casefold()
        if (not word[1:].islower() or people.any_alone.get(surname) != m.start or surname in people.in_names
                or not (m.start in people.apposed or PERSON_AFTER.match(text, m.end))  # a role: ROLE_AFTER
                or zipf(surname) >= REPLACING_WORD_ZIPF or census.is_given(surname, GIVEN_ONLY_RATIO)
                or not (census.surname.get(surname, 0) or zipf(surname) < RARE_SURNAME_ZIPF)):
            continue
        before = OPENING_WORD.search(text, max(0, m.start - 30), m.start)
        lead = text[max(0, before.start() - 3) : before.start()] if before else ""
        if before is None or not SENTENCE_END.search(lead) or ";" in lead:
            continue  # (after a semicolon a capital is no sentence's: "chairman; Court Shannon, executive")
        opener = before.group(1)
        low = opener.casefold()
        if (low in OPENERS or low in NOT_GIVEN_WORDS or low in ROLE_WORDS or opener in TITLES
                or census.surname.get(low, 0) >= GIVEN_SLOT_SURNAME_MAX or not _is_word_not_name(low, opener, False, known, census)):
            continue
        yield Hit(before.start(), m.end, Label.MANGLED_NAME, "name_common_word", STRENGTHS["name_common_word"],
                  evidence=f'common word "{opener}" in place of the given name, before "{word}" introduced with a role;'
                           f' conflicts with "{REFERENCE}" ({SOURCE})')


def dropped_particle(key: NameKey, words: list[str], text: str, start: int, known: Gazetteer,
                     census: Census) -> Conflict | None:
    """A given name and a surname (at ``start``) that elsewhere in the text carries its particle: "Michael
    Groote" where the text says "de Groote said" (a text that introduces "Michael de Groote" names him "de
    Groote" after). The particle is in lower case, or opens a sentence ("Al Gore" is no particle's); the name
    opens with a given name ("Telegraph Co" is no person's, whatever "de Co" is).

    >>> from garble.gazetteer import from_names, census
    >>> g, c = from_names([]), census()
    >>> text = "Laidlaw president Michael Groote told analysts. De Groote said sales rose."
    >>> dropped_particle(("michael", "groote"), ["Michael", "Groote"], text, 26, g, c).suggestion
    'Michael de Groote'
    >>> dropped_particle(("tipper", "gore"), ["Tipper", "Gore"], "Tipper Gore met Al Gore.", 7, g, c) is None
    True
    """
    surname = words[-1]
    if (len(key) < 2 or len(key[-1]) < 3 or not surname[:1].isupper() or key[-2] in PARTICLES
            or key[-1] in ORG_WORDS or not _is_given(key[0], known, census)):
        return None
    at = text.find(surname)
    while at != -1:
        word = text[max(0, at - 6) : at].rsplit(None, 1)[-1:] if at != start and text[at - 1 : at] == " " else []
        particle = word[0].casefold() if word else ""
        if particle in SURNAME_PARTICLES and (word[0].islower() or (word[0] == particle.capitalize()
                                                                    and _opens_sentence(text, at - len(particle) - 1))):
            fixed = " ".join([*words[:-1], particle, surname])
            return Conflict("name_dropped_token", f'"{particle}" dropped before "{surname}"',
                            f"{word[0]} {surname}", at - len(particle) - 1, fixed)
        at = text.find(surname, at + len(surname))
    return None


def _opens_sentence(text: str, at: int) -> bool:
    return SENTENCE_END.search(text[max(0, at - 3) : at]) is not None
