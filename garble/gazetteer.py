"""Known person names: the shipped gazetteer plus the user's own, indexed by token; and how
common each given name and surname is (``census``).

The shipped list (``garble/data/names.txt``, built by ``corpus/build_gazetteer.py``)
is read on first use through ``functools.cache``; importing garble reads nothing.
Names are compared by their *key*: lower-cased parts split at spaces and hyphens,
full stops and possessives removed, so "Kim Jong-un" and "Kim Jong Un" are one name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from math import log
from types import MappingProxyType

from rapidfuzz.distance import OSA

NameKey = tuple[str, ...]
HEADER_PREFIX = "# garble names gazetteer v1"
CENSUS_HEADER_PREFIX = "# garble census names v1"
PART = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # "O'Neill" is one part
POSSESSIVE = re.compile(r"['’]s$")


# A known name has at least this many parts: a one-word name could never be matched part by part.
MIN_NAME_PARTS = 2


@lru_cache(maxsize=1 << 16)  # a document's names repeat, and the regex split is the cost
def name_key(name: str) -> NameKey:
    """A name's comparison key.

    >>> name_key("Kim Jong-un's")
    ('kim', 'jong', 'un')
    >>> name_key("John F. Kennedy")
    ('john', 'f', 'kennedy')
    """
    words = name.split()
    if all(map(str.isalpha, words)):  # most names: each word is one part, no possessive to strip
        return tuple(w.casefold() for w in words)
    return tuple(p.casefold() for w in words for p in PART.findall(POSSESSIVE.sub("", w)))


def _common_given_names(known: Gazetteer) -> tuple[str, ...]:
    # three or more names open with it, and it mostly opens them
    return tuple(p for p, n in known.openers.items() if n >= 3 and known.is_given_name(p))


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Known names by key, their display forms, and an index from each part to the names holding it."""

    names: MappingProxyType[NameKey, str]
    by_part: MappingProxyType[str, tuple[NameKey, ...]]
    # The last part of every two-part name ("Kennedy" of "John Kennedy"): a name
    # that ends in one can be a first-name-plus-surname short form.
    surnames: frozenset[str]
    # How many known names each part opens, and how many it ends: the usual order.
    openers: MappingProxyType[str, int]
    closers: MappingProxyType[str, int]
    # Given names (``is_given_name``) by every string one letter shorter, so that a
    # misspelled given name finds its candidates in constant time.
    given_by_deletion: MappingProxyType[str, tuple[str, ...]]
    # For each part asked about, the names holding it by each shape ``variant_shapes`` gives them, so
    # that the names a key can be a variant of are a few lookups, not a walk over every name sharing a
    # part ("John ..."). Filled on first use, one part at a time (indexing all names up front costs
    # ~90 ms, a tenth of a cold start); a part's entry is assigned whole, so a reader never sees half of one.
    # Only known parts get one, so it is bounded by the gazetteer, not by the text scanned.
    shapes_by_part: dict[str, MappingProxyType[NameKey, tuple[NameKey, ...]]] = field(
        default_factory=dict, compare=False, repr=False)
    # The common given names (``_common_given_names``), computed on first use: a walk over every opener.
    common_given: list[tuple[str, ...]] = field(default_factory=list, compare=False, repr=False)

    def is_given_name(self, part: str) -> bool:
        """Whether ``part`` mostly opens known names (twice or more, and twice as often as it ends one).

        >>> from_names(["Paul Ryan", "Paul Volcker", "Chris Paul"]).is_given_name("paul")
        True
        """
        opens = self.openers.get(part, 0)
        return opens >= 2 and opens >= 2 * self.closers.get(part, 0)

    def closest_given_name(self, part: str) -> str | None:
        """The common given name (opening three or more known names) one edit from ``part``, if one.

        >>> from_names([f"Paul {s}" for s in "Ryan Volcker Simon Allen Smith".split()]).closest_given_name("pual")
        'paul'
        """
        if len(part) < 3:
            return None
        if not self.common_given:
            self.common_given.append(_common_given_names(self))
        found = [g for g in self.common_given[0] if abs(len(g) - len(part)) <= 1 and OSA.distance(g, part) == 1]
        return found[0] if len(found) == 1 else None

    def given_names_near(self, part: str) -> list[str]:
        """Given names one edit (a transposition counts one) from ``part``, the most common opener first.

        >>> from_names(["Daniel Ortega", "Daniel Craig", "Danilo Medina", "Danilo Turk", "Paul Simon"]).given_names_near("danile")
        ['daniel', 'danilo']
        """
        found = {g for v in _deletions(part) for g in self.given_by_deletion.get(v, ()) if OSA.distance(g, part) == 1}
        return sorted(found, key=lambda g: (-self.openers.get(g, 0), g))

    def order_score(self, key: NameKey) -> float:
        """How usual the order of ``key`` is: log-odds that its first part opens a name and its last ends one.

        >>> g = from_names(["Paul Volcker", "Paul Ryan", "Chris Paul"])
        >>> g.order_score(name_key("Paul Bentsen")) > 0 > g.order_score(name_key("Bentsen Paul"))
        True
        """
        first, last = key[0], key[-1]
        return (log((self.openers.get(first, 0) + 1) / (self.closers.get(first, 0) + 1))
                + log((self.closers.get(last, 0) + 1) / (self.openers.get(last, 0) + 1)))

    def __contains__(self, key: object) -> bool:
        return key in self.names

    def has_part(self, part: str) -> bool:
        """True when some known name holds ``part`` (a lower-cased name part).

        >>> from_names(["Ri Son Gwon"]).has_part("gwon")
        True
        """
        return part in self.by_part

    def variants(self, key: NameKey) -> set[NameKey]:
        """Known names that ``key`` can be a variant of: the same parts in another order, one part
        changed, or one part more (every one of them shares a part with ``key``).

        >>> sorted(from_names(["Kim Yo Jong", "Kim Jong Un", "Kim Jong Un Sr", "Ri Son Gwon"]).variants(("kim", "jong", "un")))
        [('kim', 'jong', 'un', 'sr')]
        >>> sorted(from_names(["Kim Yo Jong", "Kim Jong Un"]).variants(("kim", "jong", "yo")))
        [('kim', 'jong', 'un'), ('kim', 'yo', 'jong')]
        """
        shapes = variant_shapes(key, wider=True)
        found: set[NameKey] = set()
        for part in set(key):
            if part not in self.by_part:  # no known name holds it: nothing to find, and nothing to keep, as
                continue                  # a corpus's unknown parts would grow the memo without end
            if (index := self.shapes_by_part.get(part)) is None:
                index = self.shapes_by_part[part] = _shape_index(self.by_part[part])
            found.update(k for shape in shapes for k in index.get(shape, ()))
        return found - {key}

    def sharing(self, key: NameKey) -> set[NameKey]:
        """Known names that share at least one part with ``key``."""
        return {k for part in set(key) for k in self.by_part.get(part, ())}


WILDCARD = "_"  # never a name part: ``PART`` matches no underscore
SORTED = "__"  # marks a key's parts in sorted order, apart from any wildcard shape


def variant_shapes(key: NameKey, wider: bool = False) -> set[NameKey]:
    """The shapes under which a name is indexed (``wider=False``) or looked up: each part replaced by
    ``WILDCARD``, and the parts sorted; looking up, also ``key`` itself, as the shape of a name with
    one part more less that part.

    >>> sorted(variant_shapes(("kim", "yo")))
    [('_', 'yo'), ('__', 'kim', 'yo'), ('kim', '_')]
    """
    shapes = {(SORTED, *sorted(key))}
    shapes.update(key[:i] + (WILDCARD,) + key[i + 1 :] for i in range(len(key)))
    if wider:
        shapes.add(key)
    return shapes


def _shape_index(keys: Iterable[NameKey]) -> MappingProxyType[NameKey, tuple[NameKey, ...]]:
    index: dict[NameKey, list[NameKey]] = {}
    for key in keys:
        for shape in variant_shapes(key):
            index.setdefault(shape, []).append(key)
        for i in range(len(key)):  # with one part less, under its own shape: ``variants`` looks the key up
            index.setdefault(key[:i] + key[i + 1 :], []).append(key)
    return MappingProxyType({shape: tuple(dict.fromkeys(ks)) for shape, ks in index.items()})


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _given_index(openers: Counter[str], closers: Counter[str]) -> MappingProxyType[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for part, opens in openers.items():
        if opens >= 2 and opens >= 2 * closers.get(part, 0) and len(part) >= 3:  # is_given_name
            for v in _deletions(part):
                index.setdefault(v, []).append(part)
    return MappingProxyType({v: tuple(g) for v, g in index.items()})


def is_full_name(name: str) -> bool:
    """Whether ``name`` has the MIN_NAME_PARTS a gazetteer keeps (the name signals compare names part by part).

    >>> is_full_name("Kim Yo Jong"), is_full_name("Madonna")
    (True, False)
    """
    return len(name_key(name)) >= MIN_NAME_PARTS


def from_names(names: Iterable[str]) -> Gazetteer:
    """A gazetteer of ``names`` (MIN_NAME_PARTS or more parts each; shorter ones are skipped).

    >>> g = from_names(["Kim Yo Jong", "Xi"])
    >>> (name_key("kim yo-jong") in g, name_key("Xi") in g)
    (True, False)
    """
    display: dict[NameKey, str] = {}
    for name in names:
        key = name_key(name)
        if len(key) >= MIN_NAME_PARTS:
            display.setdefault(key, " ".join(name.split()))
    index: dict[str, list[NameKey]] = {}
    for key in display:
        for part in set(key):
            index.setdefault(part, []).append(key)
    openers, closers = Counter(k[0] for k in display), Counter(k[-1] for k in display)
    return Gazetteer(MappingProxyType(display), MappingProxyType({p: tuple(v) for p, v in index.items()}),
                     frozenset(k[-1] for k in display if len(k) == 2),
                     MappingProxyType(openers), MappingProxyType(closers), _given_index(openers, closers))


@cache
def shipped_names() -> tuple[str, ...]:
    """The names of the shipped gazetteer, its header checked."""
    text = (files("garble") / "data" / "names.txt").read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    if not header.startswith(HEADER_PREFIX):
        raise ValueError(f"garble/data/names.txt: header {header[:40]!r} is not {HEADER_PREFIX!r}")
    return tuple(line for line in body.splitlines() if line.strip())


def load(extra: tuple[str, ...] = ()) -> Gazetteer:
    """The shipped gazetteer plus ``extra`` names (``Config.names``), one object for each ``extra``.

    >>> name_key("Kim Jong Un") in load()
    True
    >>> name_key("Kim Yo Jong") in load(("Kim Yo Jong",))
    True
    >>> load() is load(())  # a cache keyed by the call as written would build the gazetteer twice
    True
    """
    return _load(tuple(extra))


# Gazetteers kept, one for each set of extra names: a pipeline scans with one Config or a few, but a caller
# who gives each document its own names (from its metadata) made a gazetteer for each, some 2 MB apiece,
# and an unbounded cache kept them all (a thousand documents, two gigabytes). Building one takes ~15 ms.
GAZETTEERS_KEPT = 16


@lru_cache(maxsize=GAZETTEERS_KEPT)
def _load(extra: tuple[str, ...]) -> Gazetteer:
    return from_names((*shipped_names(), *extra))


@dataclass(frozen=True, slots=True)
class Census:
    """How many of 100,000 people bear a name part as a given name and as a surname (US Census 1990;
    ``garble/data/census_names.txt``, built by ``corpus/build_census_names.py``); 0 when not listed."""

    given: MappingProxyType[str, int]
    surname: MappingProxyType[str, int]

    def is_given(self, part: str, ratio: int = 1) -> bool:
        """Whether ``part`` is a listed given name borne as one at least ``ratio`` times as often as a surname.

        >>> c = Census(MappingProxyType({"otto": 9, "james": 1664}), MappingProxyType({"otto": 7, "james": 105}))
        >>> c.is_given("otto"), c.is_given("otto", ratio=4), c.is_given("james", ratio=4)
        (True, False, True)
        """
        given = self.given.get(part, 0)
        return given > 0 and given >= ratio * self.surname.get(part, 0)


@cache
def census() -> Census:
    """The shipped census name list, its header checked; read on first use.

    >>> census().given["john"] > census().surname["john"], census().surname["smith"] > 1000
    (True, True)
    """
    text = (files("garble") / "data" / "census_names.txt").read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    if not header.startswith(CENSUS_HEADER_PREFIX):
        raise ValueError(f"garble/data/census_names.txt: header {header[:40]!r} is not {CENSUS_HEADER_PREFIX!r}")
    given: dict[str, int] = {}
    surname: dict[str, int] = {}
    for line in body.splitlines():
        name, g, s = line.split("\t")
        if int(g):
            given[name] = int(g)
        if int(s):
            surname[name] = int(s)
    return Census(MappingProxyType(given), MappingProxyType(surname))
