"""Rules that read a name against the people the rest of the document names by surname alone.

News text introduces a person once in full ("Paul Volcker") and then by surname
("Volcker said"). When the one full mention is damaged, the surname used alone is
the reference: a common word before it ("Council Volcker"), given names that lost
it ("Jose Luis" before "Machinea said"), a common word in its place ("Pierre New"
before "Peladeau said"), or the given name after it ("Volcker Paul").

A surname used alone counts as a person's only in a person's context: after a title
("Mr Volcker", "Treasury Secretary Baker"), before or after a reporting verb
("Volcker said", "said Volcker"); an *orphan* is such a surname that no full name
in the text ends with, so the text must have introduced it in a mention now damaged.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from garble.gazetteer import Gazetteer, NameKey
from garble.mentions import Mention, zipf
from garble.signals.name_rules import COMMON_WORD_ZIPF, ORG_WORDS, Conflict

# Reporting verbs next to a surname used alone: "Volcker said", "said Volcker".
SAID_AFTER = re.compile(
    r"""
    (?:\s+(?:also|later|earlier|then|further))?   # an adverb between: "Volcker also said"
    \s+(?:said|says|told|added|noted|declined|argued|stated|replied|warned|estimated|predicted
        |explained|insisted|acknowledged|conceded|denied|contended|suggested|disclosed
        |announced|indicated|asserted|cautioned|stressed|complained|urged|expects|believes)\b
    """,
    re.VERBOSE,
)
# A personal pronoun soon after a surname used alone: "Volcker said he", not "Carbide said it".
PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
PRONOUN_WINDOW = 120  # characters after the surname: the rest of a Reuters sentence (median 140)
SAID_BEFORE = re.compile(r"\b(?:said|says|according\ to)\s+$", re.VERBOSE)  # "said Volcker", "according to Volcker"
# A surname used alone must be rarer than this as a word (wordfreq Zipf), unless
# known names end with it: "Volcker" 2.0, "Regan" 3.2, "Baker" 4.2 (a common noun
# too, but in the text's person context a name); "Korea" 4.65 and "Japan" 5.3
# "said" things in Reuters, and are not people.
ALONE_MAX_ZIPF = 4.5
# A common word that replaced a given name is at least this frequent: the
# replacements in seed-004 and the generator ("New" 6.25, "Union" 5.08, "Army" 5.06)
# are, and "Soviet" (4.2) or "Senate" (4.4) before a surname are ordinary descriptors.
REPLACING_WORD_ZIPF = 5.0
# Articles of other languages, frequent as English words: "Die Welt", "Le Monde".
FOREIGN_ARTICLES = frozenset(["die", "das", "le", "les", "la", "los", "il"])
# An orphan surname, the only evidence that a name lost its own, is rarer still:
# "Peladeau" 0, "Elkins" 2.8, "Regan" 3.2; "Analysts" (3.8) and "Harper" (4.0, of
# "Harper and Row") open sentences and name firms (tuned on the training Reuters).
ORPHAN_MAX_ZIPF = 3.5


@dataclass(frozen=True, slots=True)
class People:
    """What the document says about surnames used alone.

    ``alone``: surnames used alone in a sure person's context, by first offset
    (see ``person_context``); ``said``: those used alone with a reporting verb;
    ``full_surnames``: how many distinct names of two or more parts end with each part;
    ``in_names``: every part of those names; ``any_alone``: every capitalised
    word used alone (in any context); ``full``: by surname, the first name in the
    text that opens with a known given name and ends with it ("Paul Volcker"), and where.
    """

    alone: Mapping[str, int]
    said: Mapping[str, int] = field(default_factory=dict)
    full_surnames: Mapping[str, int] = field(default_factory=dict)
    in_names: Collection[str] = frozenset()
    any_alone: Mapping[str, int] = field(default_factory=dict)
    full: Mapping[str, tuple[str, int]] = field(default_factory=dict)

    def orphans(self, key: NameKey, start: int, known: Gazetteer) -> list[str]:
        """Surnames used alone after ``start`` that no longer name occurs in, save ``key``: introduced nowhere intact.

        A surname the gazetteer knows is left out: a famous person ("Reagan") needs no introduction.
        """
        return [s for s in self.alone if s not in self.in_names and s not in key and self.alone[s] > start
                and zipf(s) < ORPHAN_MAX_ZIPF and is_surname_word(s, known) and not known.closers.get(s)]


def person_context(text: str, mention: Mention) -> int:
    """How surely a one-word mention is a person's surname by its context.

    2: a title, or a reporting verb and a personal pronoun ("Volcker said he");
    1: a reporting verb only (firms say things too: "Carbide said it"); 0: neither.

    >>> from garble.mentions import find_mentions
    >>> texts = ("Yes Volcker said he would.", "The Japan Times", "So Carbide said it would.")
    >>> [person_context(t, next(find_mentions(t, 3))) for t in texts]
    [2, 0, 1]
    """
    if mention.title is not None:
        return 2
    if (SAID_AFTER.match(text, mention.end, mention.end + 30) is None
            and SAID_BEFORE.search(text, max(0, mention.start - 20), mention.start) is None):
        return 0
    return 2 if PRONOUN.search(text, mention.end, mention.end + PRONOUN_WINDOW) else 1


def is_surname_word(part: str, known: Gazetteer) -> bool:
    """Whether ``part`` can be a surname used alone: a known name ends with it, or it is rare as a word."""
    return (part.isalpha() and len(part) >= 3 and not known.is_given_name(part)
            and (known.closers.get(part, 0) > 0 or zipf(part) < ALONE_MAX_ZIPF))


def _is_common_word(part: str, known: Gazetteer) -> bool:
    return (part.isalpha() and zipf(part) >= REPLACING_WORD_ZIPF and not known.has_part(part)
            and part not in ORG_WORDS and part not in FOREIGN_ARTICLES)


def replaced_given(key: NameKey, display: str, titled: bool, people: People, known: Gazetteer) -> Conflict | None:
    """A common word where the given name was, before a surname the text uses alone ("Council Volcker").

    The surname must be a person's by its context (``People.alone``), or be said to
    speak (``People.said``) while the name itself follows a title ("Finance Minister North Wilson").

    >>> from garble.gazetteer import from_names, name_key
    >>> people = People({"volcker": 40})
    >>> replaced_given(name_key("Council Volcker"), "Council Volcker", False, people, from_names([])).reason
    'name_common_word'
    """
    words = display.split()
    if not 2 <= len(key) <= 3 or len(words) != len(key) or not _is_common_word(key[0], known):
        return None
    if len(key) == 3 and len(key[1]) != 1:  # a middle initial: "State J. Greco"
        return None
    surname = key[-1]
    if not is_surname_word(surname, known):
        return None
    what = f'common word "{words[0]}" in place of a given name'
    if surname in people.full:
        full, where = people.full[surname]
        return Conflict("name_common_word", what, full, where, full)
    alone = people.alone if not titled else {**people.said, **people.alone}
    if surname in alone and people.full_surnames.get(surname, 0) <= 1:  # this name only
        return Conflict("name_common_word", what, words[-1], alone[surname], None)
    return None


def lost_surname(key: NameKey, display: str, start: int, people: People, known: Gazetteer) -> Conflict | None:
    """Given names whose surname was dropped or replaced by a common word, when the text has one orphan surname.

    "Jose Luis" (dropped) or "Pierre New" (replaced) before "Machinea said" / "Peladeau said".

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Pierre Trudeau", "Pierre Poilievre", "Jose Luis Lopez", "Jose Ramos", "Luis Arce", "Luis Diaz"])
    >>> lost_surname(name_key("Pierre New"), "Pierre New", 0, People({"peladeau": 50}), g).suggestion
    'Pierre Peladeau'
    >>> lost_surname(name_key("Jose Luis"), "Jose Luis", 0, People({"machinea": 50}), g).reason
    'name_dropped_token'
    """
    words = display.split()
    if len(key) != len(words) or not 2 <= len(key) <= 3 or not known.is_given_name(key[0]):
        return None
    orphans = people.orphans(key, start, known)
    if len(orphans) != 1:
        return None
    surname = orphans[0]
    given = [p for p in key[:-1]]
    if not all(known.is_given_name(p) or len(p) == 1 for p in given):
        return None
    last = key[-1]
    if known.is_given_name(last) and not known.closers.get(last):  # "David Simon", "Paul Simon"
        fixed = " ".join([*words, surname.capitalize()])
        return Conflict("name_dropped_token", f'no surname; the text names "{surname.capitalize()}" alone',
                        fixed, people.alone[surname], fixed)
    if _is_common_word(last, known) and last not in people.any_alone:  # "Oliver North ... North is"
        fixed = " ".join([*words[:-1], surname.capitalize()])
        return Conflict("name_common_word", f'common word "{words[-1]}" in place of the surname',
                        fixed, people.alone[surname], fixed)
    return None
