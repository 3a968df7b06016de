"""The rules that compare one name with a known variant, and the lone non-word rule.

Each rule says what kind of corruption turns ``reference`` into ``key``, or None
when the difference is ordinary variation: a surname alone, an initial, a
hyphen, another person with the same surname, a transliteration.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import log

from rapidfuzz.distance import OSA, Levenshtein

from garble.datatypes import Document, Hit, Label
from garble.gazetteer import Gazetteer, NameKey, census
from garble.mentions import PARTICLES, WORD, Mention, zipf

# A misspelled part is at most this many edits from the reference part (a
# transposition counts one): a dropped plus a doubled letter is two.
MAX_EDITS = 2
# ... and is not a common word form: wordfreq's Zipf below this. Typos of
# names are mostly 0 but some hit rare words ("Palu" 2.1 for "Paul"); 2.5 was
# tuned on the non-reserved Reuters articles (transliterations such as "Qaddafi",
# 2.2, are exempted by ``transliterated`` instead).
MISSPELT_MAX_ZIPF = 2.5
# ... and as like it as this (normalised optimal-string-alignment similarity,
# where a transposition is one edit): "Trupm" for "Trump" is 0.8, "Goria" for
# "Tria" (another person, in the gazetteer) 0.6.
MISSPELT_MIN_SIMILARITY = 0.75
# A replacing word this frequent, and unlike the part it replaces ("Korean"
# for "Korea" is a demonym), is an ordinary word, not a name ("New" 6.2,
# "State" 5.6; "Yo" 4.45 stays a name syllable); given names that are also words ("Bill", "Will", "Mark") are
# gazetteer parts and so exempt.
COMMON_WORD_ZIPF = 4.5
# A part this frequent that no known name holds marks an organisation or a
# phrase, not a person ("Capital" 5.0, "Mining" 4.6; Korean syllables such as
# "Yo" 4.45 stay below it; "Kim" is 4.6 but a gazetteer part). Variants are compared between person-like names only.
NAME_PART_MAX_ZIPF = 4.5
# Company-form suffixes: rare as words, never parts of a person's name.
ORG_WORDS = frozenset([
    "ag", "bhd", "bv", "co", "corp", "cos", "gmbh", "inc", "llc", "lp", "ltd", "nv", "plc", "pty",
    "sa", "spa", "bancorp", "bancshares", "holdings", "savings", "industries",
])
# The nouns after a demonym slot ("the Erem nation"): only there is a lone
# non-word taken for a mangled name; elsewhere it is usually a real rare name
# (27 in 6,244 clean Reuters training articles: "the Veslefrikk oil field").
NATION_NOUNS = [[w] for w in ["nation", "country", "state", "regime", "government", "people", "kingdom", "republic", "leader"]]
# Letters that romanisations swap ("Qaddafi"/"Gaddafi", "Yeltsin"/"Jeltsin"):
# with "h" dropped and doubled letters merged, such variants are not misspellings.
TRANSLIT = str.maketrans("qgcyjwz", "kkkiivs")
# The gazetteer's word-order evidence overrides the document's (which form is
# seen more often or first) only beyond this log-odds margin: three to one.
ORDER_MARGIN = log(2)
# A surname the gazetteer lacks is rarer than this as a word ("Volcker" 2.0;
# "Savings" 4.4 ends a bank's name, not a person's).
SURNAME_MAX_ZIPF = 3.5
# ... and against the gazetteer alone, a surname must be rarer still to say
# that a common word took the given name's place ("Museveni" 2.6; "Carney" of
# "South Carney", a place, is 3.2).
GAZETTEER_SURNAME_MAX_ZIPF = 3.0
# Particles that belong to a surname and are written with it ("de Groote", "von Schack"); not articles that
# open a firm's or a paper's name ("El Forge", "LA Times", "Al Gore").
SURNAME_PARTICLES = frozenset(["de", "di", "da", "del", "della", "der", "dos", "du", "van", "von"])
# The heads of place and institution names, which follow a person's name: "Queen Elizabeth College",
# "Prince Edward Island", "Ronald Reagan Airport"; in a surname's place they are no damage,
# and after a word that is no given name they end a place's name ("Kildonan Park", "Kilcona Park").
PLACE_HEADS = frozenset(["college", "university", "school", "hospital", "street", "avenue", "road", "park",
                         "square", "island", "islands", "bridge", "airport", "station", "hotel", "center",
                         "centre", "institute", "museum", "church", "cathedral", "stadium", "library", "memorial"])
MONTHS = frozenset(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
VOWELS = str.maketrans("eiou", "aaaa")
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
STRENGTHS = {
    "name_swapped_tokens": 0.85,
    "name_misspelled": 0.8,
    "name_common_word": 0.8,
    "name_dropped_token": 0.7,
    "name_variant_conflict": 0.65,
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """Why ``key`` looks like a corrupted form of ``reference``."""

    reason: str
    what: str
    reference: str
    where: int | None
    suggestion: str | None
    source: str | None = None  # where ``reference`` comes from when not the text or the gazetteer ("US census ...")

    @property
    def strength(self) -> float:
        """The rule's confidence."""
        return STRENGTHS[self.reason]


def _is_unknown(part: str, known: Gazetteer) -> bool:
    return not known.has_part(part)


def is_latin(part: str) -> bool:
    """Whether ``part`` is written in Latin letters (inflected Cyrillic names are not misspellings).

    >>> is_latin("gwon"), is_latin("кристины")
    (True, False)
    """
    return all("a" <= c <= "z" or "\u00c0" <= c <= "\u024f" for c in part)


def transliterated(part: str, vowels: bool = False) -> str:
    """A rough key under which transliteration variants of a name part agree.

    >>> transliterated("qaddafi") == transliterated("gadhafi"), transliterated("thachi") == transliterated("thaci")
    (True, True)
    """
    out = part.translate(TRANSLIT).replace("h", "")
    if vowels:  # "Mohammedmian" for the gazetteer's "Mohammadmian"
        out = out.translate(VOWELS)
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


def is_vowel_variant(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ in one vowel only: spelling variants of one name ("Poul", "Paul").

    >>> is_vowel_variant("poul", "paul"), is_vowel_variant("miichael", "michael")
    (True, False)
    """
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(a) == len(b) and len(diff) == 1 and all(c in "aeiouy" for c in diff[0])


def is_person_like(key: NameKey, known: Gazetteer) -> bool:
    """Whether every part of ``key`` could belong to a person's name.

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Kim Jong Un"])
    >>> is_person_like(name_key("Kim Jong Un"), g), is_person_like(name_key("Orion Capital Corp"), g)
    (True, False)
    >>> is_person_like(name_key("Kildonan Park"), g)
    False
    """
    if key[-1] in PLACE_HEADS and not known.is_given_name(key[0]):
        return False
    return len(key[-1]) > 1 and all(
        part not in ORG_WORDS and part.isalpha() and (known.has_part(part) or zipf(part) < NAME_PART_MAX_ZIPF)
        for part in key
    )


@dataclass(frozen=True, slots=True)
class Reference:
    """A known variant to compare a name with, and what the document says about it."""

    key: NameKey
    display: str
    where: int | None  # offset of its first mention, None when only the gazetteer has it
    stronger: bool  # more credible than the name: in the gazetteer, or seen more often or first
    doc_parts: Mapping[str, int]  # how often each name part occurs in the document's names

    def conflict(self, reason: str, what: str, suggest: bool = True) -> Conflict:
        """A conflict with this reference."""
        return Conflict(reason, what, self.display, self.where, self.display if suggest else None)


def compare(key: NameKey, ref: Reference, known: Gazetteer) -> Conflict | None:
    """The corruption that turns the reference into ``key``, or None for ordinary variation.

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Kim Yo Jong"])
    >>> compare(name_key("Kim Jong Yo"), Reference(name_key("Kim Yo Jong"), "Kim Yo Jong", None, True, {}), g).reason
    'name_swapped_tokens'
    >>> g = from_names(["Bill Clinton", "Hillary Clinton"])
    >>> compare(name_key("Hillary Clinton"), Reference(name_key("Bill Clinton"), "Bill Clinton", 0, True, {}), g)
    """
    if not is_person_like(ref.key, known):
        return None
    if len(key) == len(ref.key) and sorted(key) == sorted(ref.key):
        usual = known.order_score(ref.key) - known.order_score(key)  # "Paul Volcker" over "Volcker Paul"
        if usual > ORDER_MARGIN or (abs(usual) <= ORDER_MARGIN and ref.stronger):
            return ref.conflict("name_swapped_tokens", "tokens in another order")
        return None
    if len(key) == len(ref.key):
        diff = [i for i, (a, b) in enumerate(zip(key, ref.key)) if a != b]
        return _replaced(key, ref, diff[0], known) if len(diff) == 1 else None
    if len(key) + 1 == len(ref.key) and len(key) >= 2 and ref.where is not None:
        return _dropped(key, ref, known)
    return None


def _replaced(key: NameKey, ref: Reference, i: int, known: Gazetteer) -> Conflict | None:
    """One part differs: a misspelling, a common word, or (in a long name) an unknown part."""
    a, b = key[i], ref.key[i]
    here = ref.where is not None
    if len(a) < 2 or len(b) < 2 or known.is_given_name(a) or a.rstrip("s") == b.rstrip("s"):
        return None  # an initial, a given name ("Bill" for "Hillary"), a plural or possessive ("Gamas")
    if (_is_unknown(a, known) and len(b) >= 4 and is_latin(a) and OSA.distance(a, b) <= MAX_EDITS
            and (here or transliterated(a, vowels=True) != transliterated(b, vowels=True)) and transliterated(a) != transliterated(b)
            and OSA.normalized_similarity(a, b) >= MISSPELT_MIN_SIMILARITY
            and zipf(a) < MISSPELT_MAX_ZIPF and zipf(a) <= zipf(b)
            and (here or zipf(a) == 0)  # against the gazetteer alone "Rajapakse" (1.9) is a known form
            and (ref.stronger or zipf(a) == 0 < zipf(b))):
        return ref.conflict("name_misspelled", f'"{a}" misspelled')
    # a common word against a rare name part: the name is the damaged one, whichever came first
    if not (ref.stronger or (zipf(a) >= COMMON_WORD_ZIPF and zipf(b) < SURNAME_MAX_ZIPF)):
        return None
    if (zipf(a) >= COMMON_WORD_ZIPF and a.isalpha() and len(a) >= 3 and a not in ORG_WORDS  # "Chung In-yong"
            and len(key) >= 3  # two-part names: "Manchester United", "Coach Ryan", "Rich Rodriguez", "Tom Pink"
            and Levenshtein.normalized_similarity(a, b) < 0.5 and _common_word_fits(key, ref, i, known)):
        return ref.conflict("name_common_word", f'common word "{a}" in the name')
    if len(key) >= 3 and here and _is_unknown(a, known) and not _is_unknown(b, known) and zipf(a) < COMMON_WORD_ZIPF:
        return ref.conflict("name_variant_conflict", f'"{a}" in place of "{b}"', suggest=False)
    return None


def _common_word_fits(key: NameKey, ref: Reference, i: int, known: Gazetteer) -> bool:
    """Where a common word in a name is evidence of damage.

    In a name of three or more parts anywhere but its end; in a two-part name
    only against a reference in the same text that opens with a given name or
    ends in a known surname ("British Petroleum", "South Carney" for the gazetteer's
    "Mark Carney" and "Marine II" stay clean). A common word in the last place
    ("Bob White", "Charles Rule") counts only against a reference in the text
    that opens with a given name, and when the word is a name part nowhere else there.
    """
    last = len(key) - 1
    surname = ref.key[-1]
    if ref.where is None:  # the gazetteer's "Yoweri Museveni" for "Union Museveni"
        return i < last and (len(key) >= 3 or (i == 0 and not known.openers.get(key[0])
                                               and zipf(surname) < GAZETTEER_SURNAME_MAX_ZIPF))
    if surname in SUFFIXES or not (known.has_part(surname) or zipf(surname) < SURNAME_MAX_ZIPF):
        return len(key) >= 3 and i < last
    if not (known.is_given_name(ref.key[0]) or known.has_part(surname)):
        return len(key) >= 3 and i < last
    if i < last:
        return i > 0 or not known.openers.get(key[0])  # "Dick Ferris" for "Richard Ferris"
    return known.is_given_name(ref.key[0]) and _is_unknown(key[-1], known) and ref.doc_parts.get(key[-1], 0) <= 1


def _dropped(key: NameKey, ref: Reference, known: Gazetteer) -> Conflict | None:
    for j, part in enumerate(ref.key):
        if ref.key[:j] + ref.key[j + 1 :] != key:
            continue
        if j == 0 or len(part) < 2 or part in PARTICLES or part in SUFFIXES:
            return None  # "Perez de Cuellar", an initial, a particle, "Jr"
        if j == len(ref.key) - 1 and not known.has_part(part) and not (
                ref.doc_parts.get(part, 0) >= 2 and zipf(part) < SURNAME_MAX_ZIPF and census().is_given(key[-1])):
            # "Hong Kong" for "Hong Kong Telecommunications", "Joe Cole" for "Joe Cole Compilation"; but a
            # rare word the text also uses apart from the name is a surname: "Karl Otto" for "Karl Otto Poehl"
            # beside "Baker, Stoltenberg and Poehl"
            return None
        if j < len(ref.key) - 1 and (key[-1] in known.surnames or len(part) > 3 or known.is_given_name(part)):
            return None  # "John Kennedy" for "John Fitzgerald Kennedy", "Isaac Burks" for "Isaac Don Burks"
        return ref.conflict("name_dropped_token", f'"{part}" dropped')
    return None


def lone_nonword(doc: Document, mentions: Sequence[Mention], known: Gazetteer) -> Iterator[Hit]:
    """A capitalised non-word alone in lower-case prose and nowhere else in the text ("the Erem nation").

    >>> from garble.segment import segment
    >>> from garble.gazetteer import from_names
    >>> from garble.mentions import find_mentions
    >>> doc = segment("Others tried to engage with the Erem nation, in vain.")
    >>> [doc.text[h.start:h.end] for h in lone_nonword(doc, list(find_mentions(doc.text)), from_names([]))]
    ['Erem']
    """
    words: Counter[str] | None = None  # every word of the text, counted only when a candidate needs it
    for m in mentions:
        if len(m.tokens) != 1 or m.title or m.sentence_initial:
            continue
        tok = m.tokens[0]
        word = tok.text
        before = doc.text[max(0, tok.start - 5) : tok.start]
        if not (word.isalpha() and len(word) >= 3 and word[1:].islower() and zipf(word) == 0
                and _is_unknown(word.casefold(), known) and before.rstrip().split()[-1:] in (["the"], ["a"], ["an"])
                and WORD.findall(doc.text, tok.end, tok.end + 12)[:1] in NATION_NOUNS):
            continue
        if words is None:
            words = Counter(w.casefold() for w in WORD.findall(doc.text))
        if words[word.casefold()] == 1:
            yield Hit(tok.start, tok.end, Label.MANGLED_NAME, "name_rare_word", 0.6,
                      evidence=f'"{word}" is no known word or name and appears nowhere else')

