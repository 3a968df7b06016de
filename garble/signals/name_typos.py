"""Rules that read a misspelled or swapped name against the surnames the text uses alone for people.

Before "Volcker said": "Volcker Paul" (swapped), "Paul Volcekr" or "Pual Volcker" (``surname_conflict``);
before "Jacobs said", "Jospeh Jacobs": a first part that is no word and no known name, one edit from common
given names (``misspelled_given``); before "Wright said he", "Jim Wrigt": a last part one edit from a surname
used alone (``misspelled_surname``). Real names that differ from common ones by a letter ("Poul", "Arlan",
"Horis") stay clean. Split from ``name_people`` and ``name_rules``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz.distance import OSA

from garble import gazetteer
from garble.gazetteer import Gazetteer, NameKey
from garble.mentions import zipf
from garble.signals.name_people import People, is_surname_word
from garble.signals.name_rules import (
    COMMON_WORD_ZIPF,
    MAX_EDITS,
    MISSPELT_MAX_ZIPF,
    MISSPELT_MIN_SIMILARITY,
    MONTHS,
    SURNAME_MAX_ZIPF,
    Conflict,
    is_vowel_variant,
    transliterated,
)

# A given name that fewer than this many of 100,000 Americans bear (US census 1990) is mostly transliterated,
# and its vowels vary ("Muhammud", "Muhammad"); a vowel changed in a common one ("Jahn") is a typo.
TRANSLITERATED_GIVEN_MAX = 10
# Longest word given one-deletion variants: the longest surnames on record are ~35 letters
# (Wolfeschlegelsteinhausenbergerdorff), so 64 leaves every real name part alone.
NEAR_MAX_LEN = 64
# A misspelled given name is no common word form: typos of names are mostly 0 or
# rare ("Jospeh" 1.4, "Jhon" 2.0); "Roald" (2.8) is a real name. Shared with name_rules.
MISSPELT_GIVEN_MAX_ZIPF = MISSPELT_MAX_ZIPF
# ... and one that is a rare word form must be this much rarer (Zipf) than the given
# name it is one edit from: "Jhon" 2.0 against "John" 5.4, "Rober" 1.9 against "Robert"
# 4.85; real rare names are closer to their neighbours: "Achmad" 1.5 / "Ahmad" 3.6,
# "Robbin" 2.2 / "Robin" 4.3, "Pik" 2.4 / "Pak" 3.4 (tuned on the training Reuters; 3.0 would also pass
# "Arlan" 1.6 / "Alan" 4.45, but lose the real slips "Rober" 1.9 and "Wiliam" of the training Reuters).
GIVEN_TYPO_GAP = 2.5
# ... but a letter changed or added, rather than lost or swapped, is how other real names differ from common
# ones ("Arlan" 1.6 / "Alan" 4.45, "Anze" 1.5 / "Anne" 4.3 of Slovenian "Anze Kopitar"): those must be rarer still.
# Of the generator's misspelled given names in the training Reuters only "Roder" (2.86 below "Roger") is lost.
GIVEN_VARIANT_GAP = 2.9
# A given name shorter than this is no reference for a misspelling: a letter added to a short name is how
# nicknames are spelt ("Tedy" for "Ted", *-body-dev; "Tomi", "Dany"), and the generator misspells only
# words of four letters or more.
MISSPELT_GIVEN_MIN_LEN = 4


def misspelled_given(key: NameKey, display: str, people: People, known: Gazetteer) -> Conflict | None:
    """A first part that is no word and no known name, one edit from known given names, before a surname
    the text uses alone: "Jospeh Jacobs ... Jacobs said"; the given name is suggested when one is clearly the commonest.

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Joseph Biden", "Joseph Stalin", "Joseph Kabila", "Josh Hawley", "Josh Gottheimer"])
    >>> misspelled_given(name_key("Jospeh Jacobs"), "Jospeh Jacobs", People({"jacobs": 90}), g).suggestion
    'Joseph Jacobs'
    """
    words = display.split()
    first, last = key[0], key[-1]
    if (len(key) != len(words) or not 2 <= len(key) <= 3 or len(first) < 3 or known.has_part(first)
            or not first.isalpha() or not words[0][1:].islower() or zipf(first) >= MISSPELT_GIVEN_MAX_ZIPF):
        return None
    where = people.alone.get(last, people.said.get(last))
    if where is None or not is_surname_word(last, known):
        return None
    # (a typo keeps a name's first letter: "Horis" and "Boris", "Terry" and "Kerry" are different names)
    near = [g for g in known.given_names_near(first) if len(g) >= MISSPELT_GIVEN_MIN_LEN and g[0] == first[0]]
    if any(is_vowel_variant(g, first) or (len(g) == len(first) and transliterated(g) == transliterated(first))
           for g in near):  # (a doubled letter lost, "Wiliam", is a typo: the lengths differ)
        return None  # a spelling variant of a given name is a name too: "Poul" for "Paul", "Marjo" for "Mario"
    if zipf(first) > 0:
        near = [g for g in near if zipf(g) - zipf(first) >= _typo_gap(first, g)]
    if not near:
        return None
    counts = [known.openers.get(g, 0) for g in near]
    fixed = None
    if len(near) == 1 or counts[0] >= 2 * counts[1]:
        fixed = " ".join([near[0].capitalize(), *words[1:]])
    return Conflict("name_misspelled", f'"{words[0]}" is one edit from the given name{"s" if len(near) > 1 else ""} '
                    + ", ".join(f'"{g.capitalize()}"' for g in near[:3]), words[-1], where, fixed)


def _typo_gap(word: str, given: str) -> float:
    """How much rarer than ``given`` a word one edit from it must be to be its typo: GIVEN_TYPO_GAP for a lost
    or swapped letter, GIVEN_VARIANT_GAP for a changed or added one.

    >>> _typo_gap("wiliam", "william"), _typo_gap("jospeh", "joseph"), _typo_gap("arlan", "alan")
    (2.5, 2.5, 2.9)
    """
    return GIVEN_TYPO_GAP if len(word) < len(given) or sorted(word) == sorted(given) else GIVEN_VARIANT_GAP


def misspelled_surname(key: NameKey, display: str, people: People, known: Gazetteer) -> Conflict | None:
    """A given name and a last part one edit from a surname the text uses alone for a person, and no
    commoner a word than it: "Jim Wrigt ... Wright said he" (common surnames and doubled letters included,
    which ``surname_conflict`` leaves to this rule).

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Jim Jordan", "Jim Banks"])
    >>> misspelled_surname(name_key("Jim Wrigt"), "Jim Wrigt", People({"wright": 70}), g).suggestion
    'Jim Wright'
    """
    words = display.split()
    last = key[-1]
    if (len(key) != len(words) or not 2 <= len(key) <= 3 or not known.is_given_name(key[0]) or len(last) < 3
            or known.has_part(last) or not last.isalpha() or zipf(last) >= MISSPELT_MAX_ZIPF or last in people.any_alone):
        return None
    found = [(s, at) for s, at in {**people.said, **people.alone}.items()
             if len(s) >= 4 and abs(len(s) - len(last)) <= 1 and zipf(s) >= zipf(last)
             and OSA.distance(s, last) == 1 and not is_vowel_variant(s, last)]
    if len(found) != 1:
        return None
    (surname, where), = found
    fixed = " ".join([*words[:-1], surname.capitalize()])
    return Conflict("name_misspelled", f'"{words[-1]}" is one edit from "{surname.capitalize()}", used alone',
                    fixed, where, fixed)


class Alone(dict[str, int]):
    """Surnames used alone in a document, by first offset, with their ``near_index``."""

    def __init__(self, first_seen: Mapping[str, int]) -> None:
        super().__init__(first_seen)
        self._near: dict[str, list[str]] | None = None

    @property
    def near(self) -> dict[str, list[str]]:
        """The ``near_index`` of the surnames, built on first use (most documents never ask)."""
        if self._near is None:
            self._near = near_index(self)
        return self._near


def surname_conflict(key: NameKey, display: str, alone: Mapping[str, int], known: Gazetteer) -> Conflict | None:
    """Evidence from surnames the text uses alone ("Volcker said"), for a name seen only once.

    A known given name after a surname used alone is a swap ("Volcker Paul"); an
    unknown last part one edit from a surname used alone is a misspelling ("Paul
    Volcekr"); before a surname used alone, an unknown word one edit from a
    common given name is a misspelling ("Pual Volcker").

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names([f"Paul {s}" for s in ("Ryan", "Volcker", "Simon", "Allen")])
    >>> surname_conflict(name_key("Volcker Paul"), "Volcker Paul", {"volcker": 9}, g).suggestion
    'Paul Volcker'
    >>> surname_conflict(name_key("Paul Volcekr"), "Paul Volcekr", {"volcker": 9}, g).suggestion
    'Paul Volcker'
    """
    first, last = key[0], key[-1]
    words = display.split()
    if len(key) != len(words) or len(key) > 3:
        return None
    if (len(key) == 2 and first in alone and last not in alone and known.is_given_name(last) and not words[0].isupper()
            and last not in MONTHS and zipf(first) < SURNAME_MAX_ZIPF  # "Fed Jan. 8", "Orange Julius", "Villa Park"
            and known.openers.get(last, 0) >= 2 * known.closers.get(last, 0) + 1  # not "Saddam Hussein" (6 to 3)
            and known.closers.get(first, 0) >= known.openers.get(first, 0)):
        fixed = f"{words[-1]} {words[0]}"
        return Conflict("name_swapped_tokens", f'"{words[0]}" is used alone as a surname at {alone[first]}',
                        fixed, alone[first], fixed)
    if last not in alone or zipf(last) >= COMMON_WORD_ZIPF:
        return _misspelt_surname(key, words, alone, known)
    if (not known.has_part(first) and zipf(first) == 0 and (given := known.closest_given_name(first))
            and not (is_vowel_variant(given, first) and gazetteer.census().given.get(given, 0) < TRANSLITERATED_GIVEN_MAX)):
        fixed = " ".join([given.capitalize(), *words[1:]])
        return Conflict("name_misspelled", f'"{words[0]}" misspelled', given.capitalize(), None, fixed)
    return None


def one_deletion(word: str) -> set[str]:
    """``word`` and every string one letter shorter: two words one edit apart share one.

    A word longer than NEAR_MAX_LEN is only itself: no name part is that long, and its
    deletions would cost the square of its length (a 1 MB "word" of scraped junk).

    >>> sorted(one_deletion("abc"))
    ['ab', 'abc', 'ac', 'bc']
    >>> one_deletion("x" * (NEAR_MAX_LEN + 1)) == {"x" * (NEAR_MAX_LEN + 1)}
    True
    """
    if len(word) > NEAR_MAX_LEN:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def near_index(words: Iterable[str]) -> dict[str, list[str]]:
    """``one_deletion`` index of ``words``, so that a misspelling finds its word in constant time."""
    index: dict[str, list[str]] = {}
    for word in words:
        for variant in one_deletion(word):
            index.setdefault(variant, []).append(word)
    return index


def _misspelt_surname(key: NameKey, words: list[str], alone: Mapping[str, int],
                      known: Gazetteer) -> Conflict | None:
    last = key[-1]
    if not known.is_given_name(key[0]) or known.has_part(last) or zipf(last) > 0:
        return None
    near = alone.near if isinstance(alone, Alone) else near_index(alone)
    for surname in sorted({w for v in one_deletion(last) for w in near.get(v, ())}):
        where = alone[surname]
        if (len(surname) >= 4 and abs(len(surname) - len(last)) <= MAX_EDITS and zipf(surname) < COMMON_WORD_ZIPF
                and OSA.distance(surname, last) <= MAX_EDITS
                and OSA.normalized_similarity(surname, last) >= MISSPELT_MIN_SIMILARITY
                and transliterated(surname) != transliterated(last)):
            fixed = " ".join([*words[:-1], surname.capitalize()])
            return Conflict("name_misspelled", f'"{words[-1]}" misspelled', surname.capitalize(), where, fixed)
    return None
