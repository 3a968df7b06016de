"""Rules that read a misspelled name part against the surnames the text uses alone for people.

"Jospeh Jacobs" before "Jacobs said": a first part that is no word and no known name, one edit from
common given names; "Jim Wrigt" before "Wright said he": a last part one edit from a surname used alone.
Real names that differ from common ones by a letter ("Poul", "Arlan", "Horis") stay clean. Split from
``name_people``, whose ``People`` record these rules read.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

from garble.gazetteer import Gazetteer, NameKey
from garble.mentions import zipf
from garble.signals.name_people import People, is_surname_word
from garble.signals.name_rules import MISSPELT_MAX_ZIPF, Conflict, is_vowel_variant, transliterated

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
    which ``name_rules.surname_conflict`` leaves to this rule).

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
