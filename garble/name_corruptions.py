"""A generator of name corruptions, to measure the mangled-name signal (and to train on).

A corruption takes one person-name mention in clean text and damages it the way
scrapers and careless re-typing do: a token written twice (``doubled``), two
neighbouring tokens swapped (``swapped``), one token of a three-part name lost
(``dropped``), one token replaced by a capitalised common word (``replaced``), or
one letter edited (``misspelled``). A target is a person-like name of two or more
parts (see ``signals.name_rules.is_person_like``) that the reader can check: it
occurs twice in the text or is in the gazetteer. Everything is drawn from one
``random.Random``, so a seed reproduces the output.
"""

from __future__ import annotations

import random
import string
from collections import Counter
from dataclasses import dataclass

from garble.gazetteer import Gazetteer, name_key
from garble.mentions import Token, find_mentions
from garble.segment import paragraph_bounds
from garble.signals.name_rules import is_person_like

KINDS = ("doubled", "swapped", "dropped", "replaced", "misspelled")
# Capitalised common words that turn up inside mangled names ("New Son Son Gwon").
COMMON_WORDS = ("New", "State", "House", "North", "Court", "World", "Party", "Union", "Day", "Power",
                "National", "People", "Group", "Office", "South", "Army", "Council", "Bank")


@dataclass(frozen=True, slots=True)
class NameCorruption:
    """A corrupted text and where its damaged name is: ``text[start:end]``."""

    text: str
    start: int
    end: int
    kind: str
    original: str


def name_targets(text: str, known: Gazetteer, checkable: bool = True) -> list[tuple[Token, ...]]:
    """Person names of two or more tokens that the text lets a reader check.

    A target is in the gazetteer, or opens with a known given name and occurs
    twice or has its surname used alone elsewhere ("Paul Volcker ... Volcker said");
    organisations and places are left alone. Without ``checkable``, any name that
    opens with a known given name is a target too.

    >>> from garble.gazetteer import from_names
    >>> [" ".join(t.text for t in n) for n in name_targets("Kim Jong Un spoke. Ri Son Gwon left.",
    ...                                                    from_names(["Kim Jong Un"]))]
    ['Kim Jong Un']
    """
    part = frozenset(known.by_part)
    names_all = [n for s, e in paragraph_bounds(text) for m in find_mentions(text, s, e, part) for n in m.names()]
    names = [n for n in names_all if len(n) >= 2]
    alone = Counter(t.text for n in names_all if len(n) == 1 for t in n)
    keys = [name_key(" ".join(t.text for t in n)) for n in names]
    seen = Counter(keys)
    return [n for n, k in zip(names, keys)
            if k in known or ((not checkable or seen[k] >= 2 or alone[n[-1].text]) and is_person_like(k, known)
                              and known.is_given_name(k[0]) and all(t.text.rstrip(".").isalpha() for t in n))]


def corrupt_tokens(words: list[str], kind: str, rng: random.Random) -> list[str] | None:
    """``words`` damaged by ``kind``, or None when the kind does not apply to them.

    >>> corrupt_tokens(["Ri", "Son", "Gwon"], "dropped", random.Random(1)) in (["Ri", "Son"], ["Ri", "Gwon"])
    True
    >>> corrupt_tokens(["Kim", "Yo", "Jong"], "swapped", random.Random(0))
    ['Kim', 'Jong', 'Yo']
    """
    n = len(words)
    if kind == "doubled":
        i = rng.randrange(n)
        return words[: i + 1] + words[i:]
    if kind == "swapped":
        pairs = [i for i in range(n - 1) if words[i] != words[i + 1]]
        if not pairs:
            return None
        i = rng.choice(pairs)
        return words[:i] + [words[i + 1], words[i]] + words[i + 2 :]
    if kind == "dropped":
        # The surname of a name of three or more parts ("Kim Jong"), or a middle syllable of a
        # name of short parts ("Kim Un"); a two-part name less a part is a surname alone, and a
        # Western name less its middle name ("John Kennedy") is an ordinary short form.
        if n < 3 or len(words[-1].rstrip(".")) < 2:
            return None
        # (a middle initial, "M." of "Mario M. Cuomo", is no syllable: without it the name is an ordinary short form)
        middle = [i for i in range(1, n - 1) if 2 <= len(words[i]) <= 3 and not words[i].endswith(".")]
        i = rng.choice([n - 1, *middle])
        return words[:i] + words[i + 1 :]
    if kind == "replaced":
        i = rng.randrange(n)
        word = rng.choice([w for w in COMMON_WORDS if w != words[i]])
        return words[:i] + [word] + words[i + 1 :]
    if kind == "misspelled":
        return _misspell(words, rng)
    raise ValueError(f"unknown corruption kind {kind!r}; choose one of {', '.join(KINDS)}")


def _misspell(words: list[str], rng: random.Random) -> list[str] | None:
    long = [i for i, w in enumerate(words) if len(w) >= 4]
    if not long:
        return None
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    edit = rng.choice(("transpose", "delete", "insert", "substitute"))
    letter = rng.choice(string.ascii_lowercase)
    if edit == "transpose":
        new = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif edit == "delete":
        new = w[:j] + w[j + 1 :]
    elif edit == "insert":
        new = w[:j] + letter + w[j:]
    else:
        new = w[:j] + letter + w[j + 1 :]
    return None if new == w else words[:i] + [new] + words[i + 1 :]


def corrupt_name(text: str, kind: str, rng: random.Random, known: Gazetteer,
                 checkable: bool = True) -> NameCorruption | None:
    """``text`` with one checkable person name damaged by ``kind``, or None when it has none.

    >>> from garble.gazetteer import from_names
    >>> c = corrupt_name("Foreign Minister Ri Son Gwon spoke.", "doubled", random.Random(0),
    ...                  from_names(["Ri Son Gwon"]))
    >>> c.text[c.start:c.end], c.original
    ('Ri Son Son Gwon', 'Ri Son Gwon')
    """
    targets = name_targets(text, known, checkable)
    rng.shuffle(targets)
    for target in targets:
        start, end = target[0].start, target[-1].end
        words = text[start:end].split()  # "J." keeps its full stop
        damaged = corrupt_tokens(words, kind, rng)
        if damaged is None or damaged == words:
            continue
        new = " ".join(damaged)
        return NameCorruption(text[:start] + new + text[end:], start, start + len(new), kind, text[start:end])
    return None


def damage_name(text: str, rng: random.Random, known: Gazetteer) -> NameCorruption | None:
    """``text`` with one person name damaged by a kind drawn at random, for the training corpus
    (``garble.corrupt``): a name the text lets a reader check when it has one, else any person name.

    >>> from garble.gazetteer import from_names
    >>> c = damage_name("The delegations met Peter Smith in the city.", random.Random(3),
    ...                 from_names(["Peter Pan", "Peter Piper", "Adam Smith"]))
    >>> c.kind in KINDS and c.text[:c.start] == "The delegations met " and c.text[c.end:] == " in the city."
    True
    """
    kinds = list(KINDS)
    rng.shuffle(kinds)
    for checkable in (True, False):
        for kind in kinds:
            if (c := corrupt_name(text, kind, rng, known, checkable)) is not None:
                return c
    return None
