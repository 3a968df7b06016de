"""Mangled names, evidence inside one mention: a doubled token ("Son Son Gwon"), or a name that lost its
surname and ends in an initial ("Edgar J., a director") or a particle ("Jan de said").

Split from ``garble.signals.names``, which runs these first on every mention and then compares mentions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise
from types import MappingProxyType

from garble import gazetteer
from garble.datatypes import Hit, Label
from garble.gazetteer import Gazetteer, NameKey
from garble.mentions import Mention, Token, zipf
from garble.signals.name_rules import COMMON_WORD_ZIPF, SURNAME_PARTICLES

# Strengths: a doubled token inside a name is almost never legitimate (0 of
# the clean Reuters and page documents have one outside the gazetteer); the
# variant rules are surer with a gazetteer reference than with a document one.
DOUBLED_STRENGTH = 0.9
# A name that ends in an initial before a comma or a lower-case word (no clean
# Reuters training article has one after a known given name).
DROPPED_STRENGTH = 0.7
# A doubled token is damage only inside a name with a rare or known part
# ("Gwon" 1.7, "Sino" 3.2; "Show" 5.7, "Dolls" 3.8 are words).
RARE_PART_ZIPF = 3.5
ROMAN = frozenset("IVX")
REGNAL = ("King", "Queen", "Pope", "Tsar", "Czar", "Emperor")  # before "Charles I.", a numeral
# A comma typed between an initial and the surname: "Joseph D., Mahaffey as"; not a list's next name
# ("Sam B., Neomar Resources Inc") nor a possessive ("Lee R., Exxon's new president").
STRAY_COMMA = re.compile(r",\ ([A-Z][a-z]+)(?=[ ,.;:][^A-Z]|$)(?!['’])")

# A given name that opens known names this many times as often as it ends one never ends a person's name
# after an initial ("J. David" lost its surname; "Paul" 21 to 2 is still one, "Wesley Clark"/"John Wesley" not).
GIVEN_OPENS = 4
# A census given name this rare is no evidence: 10 in 100,000 keeps "Terence" (22), not "Man" (4).
CENSUS_GIVEN_MIN = 10


def doubled_token(mention: Mention, known: Gazetteer, seen: Mapping[NameKey, str] = MappingProxyType({})) -> Hit | None:
    """A hit when a token is written twice in a row: "Son Son", or "North Sino-North".

    A repeat that opens a hyphenated token ("Boutros Boutros-Ghali") is a real name form,
    and so is one the document writes the same way twice ("Circus Circus Enterprises").
    A repeat that ends the run is mostly a lost sentence break ("About Zune Zune is ..."),
    unless the name without it is known, ``seen`` elsewhere or opens with a given name
    ("Paul Volcker Volcker"). Two repeats in one run are no name's ("Cough Cough Uck Khak Khak", data/wild).

    >>> from garble.mentions import find_mentions
    >>> [m.text for m in find_mentions("Minister New Son Son Gwon said")]
    ['New Son Son Gwon']
    >>> doubled_token(next(find_mentions("Minister New Son Son Gwon said")), gazetteer.load()).evidence
    'token "Son" doubled'
    """
    if mention.key in known:
        return None
    toks = mention.tokens
    if sum(a.text == b.text for a, b in pairwise(toks)) > 1:
        return None  # a name is doubled once; a run of repeats is noise: "Cough Cough HmHmm Khak Khak Gack"
    for i, (a, b) in enumerate(pairwise(toks)):
        last = b.text.rsplit("-", 1)[-1]
        if len(a.text) < 2 or not a.text[:1].isupper() or a.text.isupper():
            continue  # initials: "Col M M Masur"; a heading or a widget's label: "SHARES SHARES Facebook"
        if not (a.text == b.text or ("-" in b.text and a.text == last)):
            continue
        kept = [t.text for t in toks if t is not b] if a.text == b.text else [t.text for t in toks if t is not a]
        k = gazetteer.name_key(" ".join(kept))
        others = [t.text.casefold() for t in toks if t.text != a.text]
        if not any(zipf(p) < RARE_PART_ZIPF or known.has_part(p) for p in others):
            continue  # titles and brands: "Late Late Show", "Goo Goo Dolls", "Bills Bills Bills"
        if a.text != b.text or i + 2 < len(toks) or (len(k) >= 2 and (k in known or k in seen
                                                                       or known.is_given_name(k[0]))):
            # the hit covers the name that holds the repeat, not a firm joined to it by "of" ("Mark Mark
            # Clark of Barclays"); "and" stays inside, as in seed-004's "... Mutual Aid Treaty and Cooperation"
            cuts = [-1, *(j for j, t in enumerate(toks) if t.text == "of"), len(toks)]
            piece = next(toks[x + 1 : y] for x, y in pairwise(cuts) if x < i < y)
            drop = b if a.text == b.text else a
            fixed = " ".join(t.text for t in piece if t is not drop)
            suggestion = _undoubled(fixed, known, seen)
            elsewhere = "" if suggestion == fixed else f'; the text names "{suggestion}"'
            return Hit(piece[0].start, piece[-1].end, Label.MANGLED_NAME, "name_doubled_token", DOUBLED_STRENGTH,
                       suggestion=suggestion, evidence=f'token "{a.text}" doubled{elsewhere}')
    return None


def _undoubled(fixed: str, known: Gazetteer, seen: Mapping[NameKey, str]) -> str:
    """The suggestion for a name with its doubled token dropped (``fixed``): ``fixed``, unless the name is
    unknown and the text (``seen``: each name's key and how the text writes it) names someone whose name
    of three parts or more differs from it in one, not by a common word, so that the damage replaced a part
    too ("New Son Son Gwon" beside "Ri Son Gwon"; not "Daniel Lee Lee" beside "Analyst Lee").

    >>> none = gazetteer.from_names([])
    >>> _undoubled("New Son Gwon", none, {("ri", "son", "gwon"): "Ri Son Gwon"})
    'Ri Son Gwon'
    >>> _undoubled("New Son Gwon", none, {("ri", "son", "kim"): "Ri Son Kim"})
    'New Son Gwon'
    >>> _undoubled("Daniel Lee", none, {("analyst", "lee"): "Analyst Lee"})
    'Daniel Lee'
    """
    key = gazetteer.name_key(fixed)
    if len(key) < 3 or key in known or key in seen:
        return fixed
    near = []
    for other in seen:
        if len(other) == len(key) and len(diff := [a for a, b in zip(other, key) if a != b]) == 1:
            near.append(other)
            if zipf(diff[0]) >= COMMON_WORD_ZIPF:
                return fixed  # "Analyst Son Gwon": a word before the name, not its part
    return seen[near[0]] if len(near) == 1 else fixed


# A hover card's name after the name it explains: "Mayor Okafor Maria Okafor told", "by Sir John Hawkins
# John Hawkins's book" (data/wild), thehill.com's "President Biden Joe Biden..." without its headlines.
# 0 in 6,244 training Reuters articles, the *-dev pages and the synthetic training documents.
HOVER_NAME_STRENGTH = 0.8


def hover_name(mention: Mention, known: Gazetteer) -> Hit | None:
    """A hit on a full name written right after the same person's surname or full name: the name a
    hover card repeats ("Okafor Maria Okafor": "Maria Okafor"; "John Hawkins John Hawkins": the second).

    >>> from garble.mentions import find_mentions
    >>> m = next(find_mentions("Mayor Okafor Maria Okafor told reporters"))
    >>> h = hover_name(m, gazetteer.load()); h.reason, h.evidence
    ('link_hover_name', 'the full name "Maria Okafor" repeats the name before it')
    >>> hover_name(next(find_mentions("Jacobs Chairman Joseph Jacobs agreed")), gazetteer.load()) is None
    True
    """
    toks = [t.text for t in mention.tokens]
    n = len(toks)
    for size in (1, 2):  # the surname alone, or given name and surname, then the full name again
        for i in range(n - size - 1):
            before, given, surname = toks[i : i + size], toks[i + size], toks[i + size + 1]
            if before[-1] != surname or (size == 2 and before[0] != given):
                continue
            if zipf(surname.casefold()) >= COMMON_WORD_ZIPF or not known.is_given_name(given.casefold()):
                continue
            if size == 1 and i + 3 < n and toks[i + 3].startswith(given):
                # "Elizabeth Warren Elizabeth WarrenWarren ...": the full name said again, its surname glued to a
                # card, not the surname "Elizabeth" and then "Warren Elizabeth" (Warren is a given name too)
                continue
            first, last = mention.tokens[i + size], mention.tokens[i + size + 1]
            return Hit(first.start, last.end, Label.INJECTED_LINK, "link_hover_name", HOVER_NAME_STRENGTH,
                       evidence=f'the full name "{given} {surname}" repeats the name before it')
    return None


def dangling_initial(mention: Mention, text: str, known: Gazetteer) -> Hit | None:
    """A hit when a given name and a middle initial have lost their surname: "Edgar J., a director".

    >>> from garble.mentions import find_mentions
    >>> m = next(find_mentions("said Edgar J., a director"))
    >>> dangling_initial(m, "said Edgar J., a director", gazetteer.load()).reason
    'name_dropped_token'
    >>> dangling_initial(next(find_mentions("in World War I.")), "in World War I.", gazetteer.load()) is None
    True
    >>> text = "elected Joseph D., Mahaffey as president"
    >>> dangling_initial(next(find_mentions(text, 8)), text, gazetteer.load()) is None
    True
    """
    for toks in mention.names():  # also before "and": "Martin T. and MTS Acquisition Corp"
        if (hit := _initial_ends(toks, text, known)) is not None:
            return hit
    return None


def _is_strong_given(part: str, known: Gazetteer) -> bool:
    """A given name that opens known names at least GIVEN_OPENS times as often as it ends one ("William" 18 to 0,
    "David" 36 to 1; not "Wesley", "Lee" or "Kim"), or that the census finds borne as a given name GIVEN_OPENS
    times as often as a surname, and by CENSUS_GIVEN_MIN of 100,000 ("Hugh" 60 to 1, "Terence" 22 to 0; not
    "Howard" 230 to 110, "Everett" 57 to 17 or "Man" 4 to 1, of "E.D. and F. Man")."""
    census = gazetteer.census()
    return len(part) >= 3 and (
        (known.is_given_name(part) and known.openers[part] >= GIVEN_OPENS * known.closers.get(part, 0))
        or (census.is_given(part, GIVEN_OPENS) and census.given[part] >= CENSUS_GIVEN_MIN
            and not known.closers.get(part) and zipf(part) < COMMON_WORD_ZIPF))  # "T. Roosevelt", "I. Will you"


def _initial_given(toks: tuple[Token, ...], mention: Mention, text: str, known: Gazetteer) -> Hit | None:
    """An initial and a given name that end a mention: "Chairman J. Hugh said" lost "Liedtke"; an initial
    opens a name only before a middle name and a surname ("J. Hugh Liedtke", "H. Ross Perot")."""
    first, last = toks[0], toks[-1]
    if (len(toks) != 2 or len(first.text) != 1 or text[first.end : first.end + 1] != "." or last is not mention.tokens[-1]
            or text[first.start - 1 : first.start].isalnum() or text[first.start - 1 : first.start] in ("&", ".")  # "R&B."
            or not last.text[1:].islower() or not _is_strong_given(last.text.casefold(), known)
            or text[last.end : last.end + 1] in ("", ".", "\n") or text.startswith(" (@", last.end)):
        return None  # ("... met J. David." may end a sign-off; "K. Martin" alone on a line is a list's short form)
    return Hit(first.start, last.end, Label.MANGLED_NAME, "name_dropped_token", DROPPED_STRENGTH,
               evidence=f'"{text[first.start:last.end]}" is an initial and a given name: the surname is missing')


def _initial_ends(toks: tuple[Token, ...], text: str, known: Gazetteer) -> Hit | None:
    last = toks[-1]
    after = text[last.end : last.end + 3]
    if (len(toks) < 2 or len(last.text) != 1 or not after.startswith(".")
            or len(toks[0].text) < 2 or not known.is_given_name(toks[0].text.casefold())):
        return None  # ("S and P." is two initials, not a name)
    rest = after[1:].lstrip()
    if last.text in ROMAN and not (len(toks) == 2 and rest[:1].islower() and text[toks[0].start - 1 : toks[0].start] == " "
                                   and not text[max(0, toks[0].start - 6) : toks[0].start].rstrip().endswith(REGNAL)):
        return None  # a numeral ("World War I.", "King Charles I."), unless a verb follows a given name: "Lloyd I. told"
    if rest[:1].isupper() or not rest:
        return None  # the sentence ends there: "... met Edgar J. Then", or the line: a signature ("Jack M.")
    if (stray := STRAY_COMMA.match(text, last.end + 1)) is not None and zipf(stray.group(1)) < RARE_PART_ZIPF:
        return None  # a comma typed before the surname: "Joseph D., Mahaffey"
    name = text[toks[0].start : last.end + 1]
    if len(toks) >= 3 and len(toks[-2].text) > 1 and toks[-2].text[1:].islower():  # "David Mizrahi T."
        words = [text[t.start : t.end + (text[t.end : t.end + 1] == ".")] for t in toks]
        fixed = " ".join([*words[:-2], words[-1], words[-2]])
        return Hit(toks[0].start, last.end + 1, Label.MANGLED_NAME, "name_swapped_tokens", DROPPED_STRENGTH,
                   suggestion=fixed, evidence=f'"{name}" ends in an initial, which belongs before the surname')
    return Hit(toks[0].start, last.end + 1, Label.MANGLED_NAME, "name_dropped_token", DROPPED_STRENGTH,
               evidence=f'"{name}" ends in an initial: the surname is missing')


# What follows a particle that ends a name, with no surname after it: punctuation ("Jan de, the chairman"),
# a full stop, or a lower-case word ("Jan de said").
PARTICLE_END = r"[,;:)]|\.(?:\s|$)| +[a-z]"
# A SURNAME_PARTICLES word after a name's run, joining no surname: "Jan de said".
DANGLING_PARTICLE = re.compile(rf" (?:{'|'.join(sorted(SURNAME_PARTICLES))})(?={PARTICLE_END})")


def dangling_particle(mention: Mention, text: str, known: Gazetteer) -> Hit | None:
    """A hit when a given name ends in a surname particle with no surname after it: "Jan de said".

    >>> from garble.mentions import find_mentions
    >>> text = "the chairman, Jan de, said"
    >>> dangling_particle(next(find_mentions(text, 14)), text, gazetteer.load()).evidence
    '"Jan de" ends in the particle "de": the surname is missing'
    >>> text = "added Robert di of Salomon Brothers Inc."
    >>> dangling_particle(next(find_mentions(text, 6)), text, gazetteer.load()).evidence
    '"Robert di" ends in the particle "di": the surname is missing'
    """
    m = DANGLING_PARTICLE.match(text, mention.end)  # first: it fails fast on almost every mention
    if m is None:
        if len(mention.pieces) > 1:
            return _particle_before_connector(mention, text, known)
        return _capital_particle_at_end(mention, text, known)
    toks = [*mention.names()][-1]
    if not known.is_given_name(toks[0].text.casefold()) or mention.end != toks[-1].end:
        return None
    return _particle_hit(text, toks[0].start, m.end(), m.group().strip())


def _particle_hit(text: str, start: int, end: int, particle: str) -> Hit:
    """The hit on a name from ``start`` that ends at ``end`` in ``particle``, its surname lost."""
    return Hit(start, end, Label.MANGLED_NAME, "name_dropped_token", DROPPED_STRENGTH,
               evidence=f'"{text[start:end]}" ends in the particle "{particle}": the surname is missing')


# A particle written with a capital, as some surnames carry it ("Richard Von Weizsaecker"), ending a name
# before punctuation or a lower-case word: the mention's run stops at it, so ``DANGLING_PARTICLE`` never sees it.
# Not "Del" or "Della", which are given names too.
CAPITAL_PARTICLES = frozenset(p.capitalize() for p in SURNAME_PARTICLES - {"del", "della"})
AFTER_PARTICLE = re.compile(PARTICLE_END)


def _capital_particle_at_end(mention: Mention, text: str, known: Gazetteer) -> Hit | None:
    """A given name and a capitalised particle, then no surname: "President Richard Von said"."""
    toks = mention.tokens
    if (len(toks) < 2 or toks[-1].text not in CAPITAL_PARTICLES or toks[-1].end != mention.end
            or not known.is_given_name(toks[0].text.casefold()) or not AFTER_PARTICLE.match(text, mention.end)):
        return None
    return _particle_hit(text, toks[0].start, toks[-1].end, toks[-1].text)


def _particle_before_connector(mention: Mention, text: str, known: Gazetteer) -> Hit | None:
    """A given name whose piece of the run ends in a particle before "of" or "and": "Robert di of Salomon
    Brothers" lost "Clemente" (the run goes on, so ``DANGLING_PARTICLE`` never sees the particle's end)."""
    for toks in mention.pieces[:-1]:
        last = toks[-1].text
        if len(toks) >= 2 and last in SURNAME_PARTICLES and known.is_given_name(toks[0].text.casefold()):
            return _particle_hit(text, toks[0].start, toks[-1].end, last)
    return None
