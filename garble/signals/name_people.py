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

from garble import gazetteer
from garble.gazetteer import Census, Gazetteer, NameKey
from garble.mentions import Mention, zipf
from garble.signals.name_rules import ORG_WORDS, PLACE_HEADS, Conflict

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
# What only follows a person: "Watson, 64, is", "Baker, who spoke".
PERSON_AFTER = re.compile(r",\ (?:\d{2},|who\b)", re.VERBOSE)
# Lower-case roles that only people hold.
ROLES = r"""(?:spokesman|spokeswoman|spokesperson|analyst|economist|chairman|chairwoman|president|director
    |official|minister|secretary|staff|executive|aide|senator|manager|founder|investor|trader|leader|governor
    |representative|adviser|advisor|successor|lawyer|attorney|treasurer|banker|broker|strategist|consultant
    |professor|editor|shareholder|financier|negotiator|delegate|envoy|ambassador|commissioner|administrator
    |counsel|filmmaker|film\ maker)"""
# A role right before a name marks a person as a title does: "chief of staff Donald Regan" (the first list,
# tuned on the training Reuters); "Hong Kong representative Michael Cartland" (the longer one, read off the
# generator's missed replacements in the training Reuters: roles only people hold).
ROLE_BEFORE = re.compile(rf"\b{ROLES},?\ $", re.VERBOSE)
ROLE_WINDOW = 21  # characters before a name: the longest role and its space ("spokesperson ", "film maker ")
# ... and so does one in an apposition right after it: "Thomas Kay, administrator of", "Donald Stewart,
# a private investment banker", "Martin Sosnoff, Caesars World's largest shareholder".
ROLE_AFTER = re.compile(
    rf""",\ (?:(?!(?:by|of|for|to|in|at|with|from|and|or|said|says)\ )[\w'’-]+(?<!ed)\ ){{0,3}}  # not "controlled by"
    {ROLES}\b""",
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
# ... and is no plural of a word this common, unless a surname (US census): "Wines" of "Drayton's Family Wines"
# ("wine" 4.7) names a firm; "Mills" ("mill" 4.3), "Banks" ("bank" 5.4) and "Woods" are surnames as well.
PLURAL_WORD_ZIPF = 4.5
# A common word that replaced a given name is at least this frequent: the
# replacements in seed-004 and the generator ("New" 6.25, "Union" 5.08, "Army" 5.06)
# are, and "Soviet" (4.2) or "Senate" (4.4) before a surname are ordinary descriptors.
REPLACING_WORD_ZIPF = 5.0
# Words that open place names ("New Brunswick", "North Dakota", "Fort Worth"): before
# a word the text uses alone they name a place, unless the text has the person's full name.
PLACE_WORDS = frozenset(["new", "north", "south", "east", "west", "upper", "lower", "great", "saint", "fort",
                         "port", "mount", "lake", "cape", "radio"])
# Articles of other languages, frequent as English words: "Die Welt", "Le Monde".
FOREIGN_ARTICLES = frozenset(["die", "das", "le", "les", "la", "los", "il"])
# An adjective before a name is how firms are named ("National Distillers",
# "European Airbus", "General Motors", "Eastern Air"); nouns in a name's place are damage.
ADJECTIVE_ENDINGS = ("al", "an", "ic", "ese", "ish", "ive", "ern")
# An orphan surname, the only evidence that a name lost its own, is rarer still:
# "Peladeau" 0, "Elkins" 2.8, "Regan" 3.2; "Analysts" (3.8) and "Harper" (4.0, of
# "Harper and Row") open sentences and name firms (tuned on the training Reuters).
ORPHAN_MAX_ZIPF = 3.5
# After a title, a common word and a surname this rare need no other evidence: "Gov. Army Bellmon"
# ("Bellmon" 1.9), seed-004's "Foreign Minister New Son ..."; "Chairman Union Carbide" (3.6) is a firm.
TITLED_SURNAME_MAX_ZIPF = 3.0
# Given names that are also common words, which the gazetteer of politicians may lack ("analyst Will
# Zachmann" in the training Reuters).
WORD_GIVEN_NAMES = frozenset(["will", "bill", "mark", "rich", "don", "ray", "guy", "jack", "frank", "grant",
                              "dean", "earl", "rose", "june", "may", "joy", "hope", "faith", "art", "bob", "pat",
                              "chase", "max", "bud", "gene", "drew", "lance", "miles", "wade", "herb", "rob",
                              "ken", "hunter", "dawn", "sky", "red", "dick", "jim", "tom", "ted"])
# Words before a surname that are no given name a scraper replaced: function words ("So Comey told",
# "USA For Trump", a lost sentence break), and words of address or of a group ("Mother Jones", "God",
# "Team Trump", "Brother Cadfael"); none is a replacement the generator makes or seed-004 shows.
NOT_GIVEN_WORDS = frozenset(["for", "so", "to", "as", "at", "by", "if", "or", "and", "but", "of", "in", "on",
                             "with", "from", "that", "this", "than", "thank", "thanks", "via", "like", "when",
                             "then", "now", "why", "how", "what", "who", "yes", "no", "not", "oh", "hey", "dear",
                             "mother", "father", "brother", "sister", "uncle", "aunt", "god", "lord", "saint",
                             "team", "coach", "doctor", "agent", "comrade", "madam", "master", "pastor", "elder"])
# ... and one used alone with no reporting verb or title, rarer than this: "Jacoby" 2.9 and "Lutz" 3.0
# of the training Reuters were introduced in a damaged name; "Newsweek" (3.1), "Newfoundland" (3.4)
# and "EDT" (3.5) are used alone as they are.
ANYWHERE_MAX_ZIPF = 3.0
# A common word after a given name is a surname, not a replacement, when this many of 100,000 people bear it as
# one (US census 1990): "James Day" (43), "Edward White" (279), "Theodore Cross" (45) of the training Reuters, where
# an orphan surname was another person's; "House" (17) and "North" (7) can still be damage.
PLAIN_SURNAME_MIN = 20


@dataclass(frozen=True, slots=True)
class People:
    """What the document says about surnames used alone.

    ``alone``: surnames used alone in a sure person's context, by first offset
    (see ``person_context``); ``said``: those used alone with a reporting verb;
    ``full_surnames``: how many distinct names of two or more parts end with each part;
    ``in_names``: how many distinct names of two or more parts hold each part; ``any_alone``: every capitalised
    word used alone (in any context); ``full``: by surname, the first name in the
    text that opens with a known given name and ends with it ("Paul Volcker"), and where.
    """

    alone: Mapping[str, int]
    said: Mapping[str, int] = field(default_factory=dict)
    full_surnames: Mapping[str, int] = field(default_factory=dict)
    in_names: Mapping[str, int] = field(default_factory=dict)
    any_alone: Mapping[str, int] = field(default_factory=dict)
    full: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    roled: Collection[int] = frozenset()  # offsets of mentions right after a lower-case role (ROLE_BEFORE)
    apposed: Collection[int] = frozenset()  # ... and of those before an apposition with a role (ROLE_AFTER)
    plain: Collection[str] = frozenset()  # words used alone written as a surname is ("Jacoby", not "HBJ")
    listed: Collection[int] = frozenset()  # offsets of mentions in paragraphs with no lower-case word: lists

    def orphans(self, key: NameKey, start: int, known: Gazetteer, said: bool = False,
                loose: bool = False, anywhere: bool = False) -> list[tuple[str, int]]:
        """Surnames used alone after ``start`` that no longer name holds, save ``key``: introduced nowhere intact,
        in the order the text first uses them.

        With ``said``, surnames with only a reporting verb count too; with ``anywhere``, those used alone in
        any context. A surname the gazetteer knows, or a word as common as "Sullivan" (3.8), is left out: a
        famous person ("Reagan") needs no introduction; but not when the gazetteer knows it after the given
        names of ``key`` ("James" ... "Baker" for "James Baker"). With ``loose`` (the name itself is damaged
        beyond doubt), they count too.
        """
        alone = {**self.said, **self.alone} if said or loose else self.alone
        if anywhere:  # rarer still: a place or a firm named alone is no person ("Newsweek" 3.1)
            alone = {**{s: at for s, at in self.any_alone.items() if zipf(s) < ANYWHERE_MAX_ZIPF and s in self.plain},
                     **alone}
        given = key[:-1]
        return sorted(((s, at) for s, at in alone.items() if s not in self.in_names and s not in key and at > start
                       and is_surname_word(s, known)
                       and (loose or (zipf(s) < ORPHAN_MAX_ZIPF and not known.closers.get(s))
                            or (*given, s) in known or (*given[:1], s) in known)),
                      key=lambda o: o[1])


    def sole_orphan(self, key: NameKey, start: int, known: Gazetteer, said: bool = False,
                    loose: bool = False) -> tuple[str, int] | None:
        """The one surname ``orphans`` finds, with where the text first uses it alone; None for none or several
        (then no surname is surely the one a name lost)."""
        orphans = self.orphans(key, start, known, said=said, loose=loose)
        return orphans[0] if len(orphans) == 1 else None


def person_context(text: str, mention: Mention) -> int:
    """How surely a one-word mention is a person's surname by its context.

    2: a title, or a reporting verb and a personal pronoun ("Volcker said he");
    1: a reporting verb only (firms say things too: "Carbide said it"); 0: neither.

    >>> from garble.mentions import find_mentions
    >>> texts = ("Yes Volcker said he would.", "The Japan Times", "So Carbide said it would.", "So Watson, 64, is")
    >>> [person_context(t, next(find_mentions(t, 3))) for t in texts]
    [2, 0, 1, 2]
    """
    if mention.title is not None or PERSON_AFTER.match(text, mention.end):
        return 2
    if (SAID_AFTER.match(text, mention.end, mention.end + 30) is None
            and SAID_BEFORE.search(text, max(0, mention.start - 20), mention.start) is None):
        return 0
    return 2 if PRONOUN.search(text, mention.end, mention.end + PRONOUN_WINDOW) else 1


def is_surname_word(part: str, known: Gazetteer) -> bool:
    """Whether ``part`` can be a surname used alone: a known name ends with it, or it is rare as a word and no
    plural of a common word that the census does not list as a surname ("Wines"; not "Mills" or "Banks").

    >>> from garble.gazetteer import from_names
    >>> [is_surname_word(w, from_names([])) for w in ("volcker", "wines", "mills")]
    [True, False, True]
    """
    return (part.isalpha() and len(part) >= 3 and not known.is_given_name(part)
            and (known.closers.get(part, 0) > 0 or (
                zipf(part) < ALONE_MAX_ZIPF and not (part.endswith("s") and zipf(part[:-1]) >= PLURAL_WORD_ZIPF
                                                     and not gazetteer.census().surname.get(part)))))


def is_common_word(part: str, known: Gazetteer, adjectives: bool = False) -> bool:
    """A frequent word no known name holds; an adjective counts only with ``adjectives`` (in a surname's place)."""
    return (part.isalpha() and zipf(part) >= REPLACING_WORD_ZIPF and not known.has_part(part)
            and part not in ORG_WORDS and part not in FOREIGN_ARTICLES
            and (adjectives or not part.endswith(ADJECTIVE_ENDINGS)))


def replaced_given(key: NameKey, display: str, titled: bool, people: People, known: Gazetteer,
                   apposed: bool = False) -> Conflict | None:
    """A common word where the given name was, before a surname the text uses alone ("Council Volcker").

    The surname must be a person's by its context (``People.alone``), or be said to
    speak (``People.said``) while the name itself follows a title ("Finance Minister North Wilson").
    ``apposed``: the name is a person's by a role in an apposition after it only ("Day Krolik, NBC's vice
    president"), which is not enough without a surname used alone.

    >>> from garble.gazetteer import from_names, name_key
    >>> people = People({"volcker": 40})
    >>> replaced_given(name_key("Council Volcker"), "Council Volcker", False, people, from_names([])).reason
    'name_common_word'
    """
    words = display.split()
    if (not 2 <= len(key) <= 3 or len(words) != len(key) or key[0] in NOT_GIVEN_WORDS or key[0] in WORD_GIVEN_NAMES
            or not is_common_word(key[0], known, adjectives=titled)):  # "Sen. National Dodd", "National Distillers"
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
    # a firm or a place says things too ("Carbide said", "Moscow said"), but a firm's short name
    # also occurs in its full one ("Union Carbide Corp"), and a place follows "New", "North", ...
    sure = titled or (people.in_names.get(surname, 0) <= 1 and key[0] not in PLACE_WORDS)
    alone = {**people.any_alone, **people.said, **people.alone} if titled else (
        {**people.said, **people.alone} if sure else people.alone)
    if surname in alone and people.full_surnames.get(surname, 0) <= 1:  # this name only
        return Conflict("name_common_word", what, words[-1], alone[surname], None)
    if (titled and not apposed and len(key) == 2 and zipf(surname) < TITLED_SURNAME_MAX_ZIPF
            and key[0] not in PLACE_WORDS):
        return Conflict("name_common_word", what + " after a title", words[-1], None, None)  # "Gov. Army Bellmon"
    return None


def lost_surname(key: NameKey, display: str, start: int, titled: bool, people: People,
                 known: Gazetteer, census: Census | None = None) -> Conflict | None:
    """Given names whose surname was dropped or replaced by a common word, when the text has one orphan surname.

    With ``census``, a common word that PLAIN_SURNAME_MIN of 100,000 people bear as a surname is theirs.

    "Jose Luis" (dropped) or "Pierre New" (replaced) before "Machinea said" / "Peladeau said".

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Pierre Trudeau", "Pierre Poilievre", "Jose Luis Lopez", "Jose Ramos", "Luis Arce", "Luis Diaz"])
    >>> lost_surname(name_key("Pierre New"), "Pierre New", 0, False, People({"peladeau": 50}), g).suggestion
    'Pierre Peladeau'
    >>> lost_surname(name_key("Jose Luis"), "Jose Luis", 0, False, People({"machinea": 50}), g).reason
    'name_dropped_token'
    """
    words = display.split()
    if len(key) != len(words) or not 2 <= len(key) <= 3 or not all(known.is_given_name(p) or len(p) == 1 for p in key[:-1]):
        return None
    last = key[-1]
    if known.is_given_name(last) and not known.closers.get(last) and not (len(key) == 3 and len(key[1]) == 1):
        # ("Charles B. Wang": after a middle initial comes a surname)
        # an initial before a given name ("J. Hugh") never ends a name, so a surname said to speak is enough
        orphan = people.sole_orphan(key, start, known, said=len(key[0]) == 1)
        # (an orphan right after the name, past a stray comma, is its own surname: "Joseph D., Mahaffey")
        if orphan is not None and people.any_alone.get(orphan[0], orphan[1]) > start + len(display) + len("., "):
            surname, where = orphan
            fixed = " ".join([*words, surname.capitalize()])
            return Conflict("name_dropped_token", f'no surname; the text names "{surname.capitalize()}" alone',
                            fixed, where, fixed)
    # a common word after a given name is itself evidence, so a surname said to speak is enough, and the
    # first orphan after the name is the one it introduced
    if (len(key[0]) > 1 and known.is_given_name(key[0]) and is_common_word(last, known, adjectives=True)
            and last not in people.any_alone and last not in PLACE_HEADS  # "Oliver North ... North is"
            and (census is None or census.surname.get(last, 0) < PLAIN_SURNAME_MIN)):  # "James Day", "Edward White"
        orphans = people.orphans(key, start, known, said=True)
        if not orphans and titled and people.full_surnames.get(last, 0) <= 1:
            orphans = people.orphans(key, start, known, said=True, loose=True)
            orphans = orphans if len(orphans) == 1 else []
        if orphans:
            (surname, where) = orphans[0]
            fixed = " ".join([*words[:-1], surname.capitalize()])
            return Conflict("name_common_word", f'common word "{words[-1]}" in place of the surname',
                            fixed, where, fixed)
    return None


def swapped_alone(key: NameKey, display: str, titled: bool, people: People, known: Gazetteer) -> Conflict | None:
    """A surname the text uses alone for a person, then a given name: "Volcker Paul" for "Paul Volcker".

    After a title ("Treasury Secretary Baker James") the surname may be used alone in any context.

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Paul Ryan", "Paul Simon", "Chris Volcker"])
    >>> swapped_alone(name_key("Volcker Paul"), "Volcker Paul", False, People({}, said={"volcker": 80}), g).suggestion
    'Paul Volcker'
    """
    words = display.split()
    if len(key) != 2 or len(words) != 2:
        return None
    first, last = key
    where = people.alone.get(first, people.said.get(first, people.any_alone.get(first) if titled else None))
    if (where is None or not known.is_given_name(last) or last in people.any_alone
            or known.openers.get(first, 0) > known.closers.get(first, 0) or not is_surname_word(first, known)):
        return None
    fixed = f"{words[1]} {words[0]}"
    return Conflict("name_swapped_tokens", f'"{words[0]}" is used alone as a surname at {where}', fixed, where, fixed)
