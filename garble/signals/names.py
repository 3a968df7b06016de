"""Mangled names: a proper name whose form was corrupted.

Evidence, from the surest to the weakest:

1. inside a mention: a doubled token ("Son Son Gwon", "North Sino-North Korea");
2. against the same document and the gazetteer: a variant of a known name with
   its tokens swapped ("Kim Jong Yo" for "Kim Yo Jong"), one token misspelled, one
   replaced by a common word ("New Son Gwon"), or one dropped ("Kim Jong");
3. against the surnames the text uses alone for a person (``name_people``): the
   one full mention of "Volcker" damaged ("Council Volcker", "Volcker Paul",
   "Pual Volcker", "Paul Volcekr"), or given names that lost it ("Jose Luis");
4. against how common its words are as given names and surnames (US census 1990, ``name_census``),
   for a name in a person's context: given names only ("Chairman Karl Hugh said"), a common word no
   census lists as a name in a given name's or a surname's place ("Fed Chairman Paul People"), or a
   surname whose particle the text keeps elsewhere ("Michael Groote" ... "de Groote said");
5. a capitalised non-word inside lower-case prose that appears nowhere else ("the Erem nation").

Mentions are indexed by name part, so only mentions that share a part are
compared: the cost stays linear in the length of the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import repeat

from garble import gazetteer
from garble.datatypes import Document, Hit, Label
from garble.gazetteer import Gazetteer, NameKey
from garble.mentions import Mention, Token, find_mentions, zipf
from garble.signals.name_census import census_conflict, cues, dropped_particle, opening_census
from garble.signals.name_orphans import common_middle, opening_word
from garble.signals.name_people import (
    ROLE_AFTER,
    ROLE_BEFORE,
    ROLE_WINDOW,
    People,
    lost_surname,
    person_context,
    replaced_given,
    swapped_alone,
)
from garble.signals.name_rules import (
    COMMON_WORD_ZIPF,
    Conflict,
    Reference,
    compare,
    is_person_like,
    lone_nonword,
)
from garble.signals.name_tokens import (
    _initial_given,
    dangling_initial,
    dangling_particle,
    doubled_token,
    hover_name,
)
from garble.signals.name_typos import Alone, misspelled_given, misspelled_surname, surname_conflict

# A paragraph with no word in lower case is a list or a heading ("Tags: Football Premier League Newcastle"),
# where every word is capitalised: a title word there ("Premier") opens no person's name.
LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z]")
THING_BEFORE = re.compile(r"\bthe\ (?:\d{4}\ )?$")  # "the Milan Design Week", "the 2018 Milan Design Week"
DISPLAY_NAME_END = re.compile(r"\.?\ \(@", re.VERBOSE)  # "Tea Pain (@TeaPainUSA)", "Elizabeth M. (@_ElizabethMay)"
# Names compared through one shared part, at most: an article names far fewer
# people who share a part, and the cap keeps a huge text linear.
MAX_POSTING = 64  # "World War I.", "George V."


@dataclass(frozen=True, slots=True)
class _Name:
    key: NameKey
    tokens: tuple[Token, ...]
    mention: Mention


def mangled_names(doc: Document) -> Iterator[Hit]:
    """Mangled names in ``doc``, checked against the shipped gazetteer plus ``doc.known_names``."""
    return find_mangled(doc, gazetteer.load(doc.known_names))


def find_mangled(doc: Document, known: Gazetteer) -> Iterator[Hit]:
    """Mangled names in ``doc``, checked against ``known`` (the shipped gazetteer plus the user's names).

    >>> from garble.segment import segment
    >>> text = "Later Kim Jong Yo said no."
    >>> [(text[h.start:h.end], h.suggestion) for h in find_mangled(segment(text), gazetteer.load(("Kim Yo Jong",)))]
    [('Kim Jong Yo', 'Kim Yo Jong')]
    """
    known_part = known.by_part.keys()  # a set view: no per-document copy of the gazetteer's parts
    mentions: list[Mention] = []
    listed: set[int] = set()  # starts of the mentions in paragraphs with no lower-case word (lists, headings)
    for b in doc.blocks:
        prose = LOWER_WORD.search(doc.text, b.start, b.end) is not None
        for m in find_mentions(doc.text, b.start, b.end, known_part):
            if not is_handle(doc.text, m):
                mentions.append(m if prose or m.title is None else replace(m, title=None))
                if not prose:
                    listed.add(m.start)
    flagged: set[int] = set()
    seen = Counter(m.text for m in mentions)
    keys = _Keys(mentions)
    dangling: list[Hit] = []  # yielded once the people are read: their surname may be used alone after them
    for mention in mentions:
        hit = doubled_token(mention, known, keys) if seen[mention.text] == 1 else None
        if (hit := hit or hover_name(mention, known)) is not None:
            flagged.add(mention.start)
            yield hit
        elif (hit := dangling_initial(mention, doc.text, known) or dangling_particle(mention, doc.text, known)) is not None:
            flagged.add(mention.start)
            dangling.append(hit)
    names = [_Name(k, toks, m) for m in mentions if m.start not in flagged
             for toks in map(_strip_opening_word, m.names(), repeat(m), repeat(known))
             if len(toks) >= 2 and not _is_heading(toks) and (k := gazetteer.name_key(" ".join(t.text for t in toks)))]
    parts = Counter(part for m in mentions for part in m.key)
    alone, people = read_people(doc.text, mentions, names, known)
    yield from (_with_surname(doc.text, h, people, known) for h in dangling)
    yield from _variant_hits(doc.text, names, known, parts, alone, replace(people, listed=listed))
    opened = [*opening_word(doc.text, mentions, people, known)]
    yield from opened
    yield from (h for h in opening_census(doc.text, mentions, people, known, gazetteer.census())
                if all(h.end != o.end for o in opened))
    yield from lone_nonword(doc, mentions, known)


class _Keys(Mapping[NameKey, str]):
    """The key of every name piece of ``mentions`` and how the text first writes it, built on first use:
    only a doubled token asks."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._mentions = mentions
        self._keys: dict[NameKey, str] | None = None

    def _get(self) -> dict[NameKey, str]:
        if self._keys is None:
            self._keys = {}
            for m in self._mentions:
                for n in m.names():
                    written = " ".join(t.text for t in n)
                    self._keys.setdefault(gazetteer.name_key(written), written)
        return self._keys

    def __getitem__(self, key: NameKey) -> str:
        return self._get()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._get()

    def __iter__(self) -> Iterator[NameKey]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def is_handle(text: str, mention: Mention) -> bool:
    """A social-media handle or hashtag ("@GPollowitz", "#MAGA"), or the display name a user chose, which
    signs a quoted post: "— Tea Pain (@TeaPainUSA) May 29". Neither is how the text itself names anyone.

    >>> text = "— USA For Trump (@USAforTrump2016) told Greg Pollowitz, @GPollowitz"
    >>> [(m.text, is_handle(text, m)) for m in find_mentions(text)]
    [('USA For Trump', True), ('USAforTrump2016', True), ('Greg Pollowitz', False), ('GPollowitz', True)]
    """
    return text[mention.start - 1 : mention.start] in ("@", "#") or DISPLAY_NAME_END.match(text, mention.end) is not None


def _with_surname(text: str, hit: Hit, people: People, known: Gazetteer) -> Hit:
    """A hit on a name that lost its surname ("Edgar J."), with the surname suggested when exactly one
    surname used alone after it is introduced nowhere ("Edgar J., a banker, ... Smith said he")."""
    if hit.suggestion is not None:
        return hit
    name = text[hit.start : hit.end]
    if (orphan := people.sole_orphan(gazetteer.name_key(name), hit.start, known, said=True)) is None:
        return hit
    surname, where = orphan
    fixed = f"{name} {surname.capitalize()}"
    return replace(hit, suggestion=fixed, evidence=f'{hit.evidence}; the text names "{surname.capitalize()}" alone'
                                                   f' at {where}')


def read_people(text: str, mentions: list[Mention], names: list[_Name], known: Gazetteer) -> tuple[Alone, People]:
    """What the text says about the people it names: every word used alone, and the ``People`` record."""
    alone: dict[str, int] = {}
    plain: set[str] = set()  # used alone, written as a surname is: "Jacoby", not "HBJ" or a sentence's first word
    person: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})  # by person_context
    for m in mentions:
        for piece in m.names():
            if len(piece) == 1:
                alone.setdefault(piece[0].text.casefold(), piece[0].start)
                word = piece[0].text
                if word[1:].islower() and not m.sentence_initial:
                    plain.add(word.casefold())
                if len(m.tokens) == 1 and word[1:].islower() and word.casefold() not in person[2]:
                    person[person_context(text, m)].setdefault(word.casefold(), piece[0].start)
    full: dict[str, tuple[str, int]] = {}
    for n in names:
        if known.is_given_name(n.key[0]) and is_person_like(n.key, known):
            full.setdefault(n.key[-1], (" ".join(t.text for t in n.tokens), n.tokens[0].start))
    keys = {n.key for n in names}
    people = People(person[2], person[1], Counter(k[-1] for k in keys), Counter(p for k in keys for p in set(k)),
                    alone, full,
                    roled={m.start for m in mentions if text[max(0, m.start - 3) : m.start - 1].rstrip(",")[-1:].islower()  # a role's last letter
                           and ROLE_BEFORE.search(text, max(0, m.start - ROLE_WINDOW), m.start)},
                    plain={w for w in alone if w in plain},
                    apposed={m.start for m in mentions
                             if text.startswith(", ", m.end) and ROLE_AFTER.match(text, m.end)})
    return Alone(alone), people


def _is_heading(tokens: tuple[Token, ...]) -> bool:
    """A run in capitals ("RON PAUL AT 12/9/07 GOP DEBATE"): a heading or a menu, where words of every kind
    are capitalised, so a common word in it is no evidence (a name in capitals is rare in news prose)."""
    return all(len(t.text) > 1 and t.text.isupper() for t in tokens)


def _strip_opening_word(tokens: tuple[Token, ...], mention: Mention, known: Gazetteer) -> tuple[Token, ...]:
    """Drop a common word that opens a sentence: "Earlier Wang said" names "Wang"."""
    first = tokens[0].text
    if (mention.sentence_initial and tokens[0] is mention.tokens[0] and zipf(first) >= COMMON_WORD_ZIPF
            and not known.has_part(first.casefold())):
        return tokens[1:]
    return tokens


def _variant_hits(text: str, names: list[_Name], known: Gazetteer, parts: Counter[str],
                  alone: dict[str, int], people: People) -> Iterator[Hit]:
    counts = Counter(n.key for n in names)
    first: dict[NameKey, _Name] = {}
    by_part: dict[str, set[NameKey]] = {}
    for n in names:
        first.setdefault(n.key, n)
        for part in n.key:
            posting = by_part.setdefault(part, set())
            if len(posting) < MAX_POSTING:
                posting.add(n.key)
    verdicts: dict[NameKey, Conflict | None] = {}
    against: dict[NameKey, NameKey] = {}  # the name in the text a verdict found its conflict with
    for n in names:
        if n.key not in verdicts:
            verdicts[n.key], ref = _best_conflict(n, counts, first, by_part, known, parts)
            if ref is not None and ref in first:
                against[n.key] = ref
            if verdicts[n.key] is None and counts[n.key] == 1 and n.key not in known:
                verdicts[n.key] = _alone_conflict(text, n, alone, people, known)
    for n in names:
        conflict = verdicts[n.key]
        if conflict is not None and n.key in against and verdicts[against[n.key]] is not None:
            # A damaged name is no evidence against another: with "Kim Jong Yo" (one part off "Kim Jong Un")
            # earlier in the text, the correct "Kim Yo Jong" is not its swap, nor "Kim Jong Yo" its fix.
            conflict = None
        if conflict is None:
            if (hit := _initial_given(n.tokens, n.mention, text, known)) is not None:  # no surname to suggest
                yield hit
            continue
        start, end = n.tokens[0].start, n.tokens[-1].end
        where = conflict.source or ("gazetteer" if conflict.where is None else f"at {conflict.where}")
        yield Hit(start, end, Label.MANGLED_NAME, conflict.reason, conflict.strength,
                  suggestion=conflict.suggestion,
                  evidence=f'{conflict.what}; conflicts with "{conflict.reference}" ({where})')


def _alone_conflict(text: str, n: _Name, alone: dict[str, int], people: People, known: Gazetteer) -> Conflict | None:
    """Evidence from the surnames the text uses alone, for a name seen once; failing that, from the census.
    None for a name in a list or a heading (no sentence to read a person's context in: "Margaret River"
    among towns), and for one after "the" ("the 2018 Milan Design Week": a thing's name)."""
    m = n.mention
    if len(n.key) > 3 or m.start in people.listed or (n.tokens[0] is m.tokens[0] and THING_BEFORE.search(
            text, max(0, m.start - len("the 2018 ")), m.start)):  # every rule reads names of two or three parts
        return None
    display = m.text[n.tokens[0].start - m.start : n.tokens[-1].end - m.start]  # "J. Michael", full stops kept
    first = n.tokens[0] is m.tokens[0]
    roled = first and (m.title is not None or m.start in people.roled)
    apposed = first and not roled and m.start in people.apposed
    titled = roled or apposed
    return (surname_conflict(n.key, display, alone, known)
            or replaced_given(n.key, display, titled, people, known, apposed)
            or lost_surname(n.key, display, n.tokens[0].start, titled, people, known, gazetteer.census())
            or swapped_alone(n.key, display, titled, people, known) or common_middle(n.key, display, people, known)
            or misspelled_given(n.key, display, people, known)
            or misspelled_surname(n.key, display, people, known)
            or dropped_particle(n.key, display.split(), text, n.tokens[-1].start, known, gazetteer.census())
            or census_conflict(n.key, display, lambda: cues(text, n.tokens[-1].end, m, roled, apposed),
                               people, known, gazetteer.census(), n.tokens[0].start))


def _comparable(key: NameKey, ref: NameKey, ref_here: bool) -> bool:
    """The shapes ``name_rules.compare`` can find a corruption in, checked before building its Reference:
    the same parts in another order or with one part changed, or (for a reference in the text) one part fewer.

    >>> _comparable(("kim", "jong", "yo"), ("kim", "yo", "jong"), False), _comparable(("kim", "jong"), ("kim", "yo", "jong"), False)
    (True, False)
    """
    if len(ref) == len(key):
        return sum(a != b for a, b in zip(key, ref)) == 1 or sorted(key) == sorted(ref)
    if len(ref) == len(key) + 1 and ref_here:
        return any(ref[:j] + ref[j + 1 :] == key for j in range(len(ref)))
    return False


def _best_conflict(n: _Name, counts: Counter[NameKey], first: dict[NameKey, _Name],
                   by_part: dict[str, set[NameKey]], known: Gazetteer,
                   parts: Counter[str]) -> tuple[Conflict | None, NameKey | None]:
    """The strongest corruption that turns another name (in the text or the gazetteer) into ``n``, and that name."""
    key = n.key
    if len(key) < 2 or key in known:
        return None, None
    in_doc = {k for part in set(key) for k in by_part.get(part, ())} - {key}
    best: Conflict | None = None
    best_ref: NameKey | None = None
    best_here = False
    for ref in sorted(in_doc | known.variants(key)):  # the rest of ``known.sharing(key)`` is never _comparable
        ref_name = first.get(ref)
        ref_here = ref_name is not None
        if not _comparable(key, ref, ref_here):
            continue
        ref_first_seen = ref_name.mention.start if ref_name else None
        stronger = (ref in known, counts.get(ref, 0)) > (False, counts[key]) or (
            ref_here and counts[ref] == counts[key] and ref_first_seen is not None
            and ref_first_seen < n.mention.start)
        display = known.names.get(ref) or (" ".join(t.text for t in ref_name.tokens) if ref_name else "")
        conflict = compare(key, Reference(ref, display, ref_first_seen, stronger, parts), known)
        if conflict is not None and conflict.reason == "name_variant_conflict" and len(n.tokens) < len(key):
            conflict = None  # a part of a hyphenated token: "Locksley-von Moltke"
        if conflict is not None and (best is None or (conflict.strength, ref_here) > (best.strength, best_here)):
            best, best_ref, best_here = conflict, ref, ref_here
    return best, best_ref


__all__ = ["doubled_token", "find_mangled", "mangled_names", "zipf"]
