"""The rules that compare one name with a known variant, and the lone non-word rule.

Each rule says what kind of corruption turns ``reference`` into ``key``, or None
when the difference is ordinary variation: a surname alone, an initial, a
hyphen, another person with the same surname, a transliteration.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import log

from rapidfuzz.distance import OSA, Levenshtein

from garble.datatypes import Document, Hit, Label
from garble.gazetteer import Gazetteer, NameKey
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
ORG_WORDS = frozenset("ag bhd bv co corp cos gmbh inc llc lp ltd nv plc pty sa spa".split())
# The nouns after a demonym slot ("the Erem nation"): only there is a lone
# non-word taken for a mangled name; elsewhere it is usually a real rare name
# (27 in 6,244 clean Reuters training articles: "the Veslefrikk oil field").
NATION_NOUNS = [[w] for w in "nation country state regime government people kingdom republic leader".split()]
# Letters that romanisations swap ("Qaddafi"/"Gaddafi", "Yeltsin"/"Jeltsin"):
# with "h" dropped and doubled letters merged, such variants are not misspellings.
TRANSLIT = str.maketrans("qgcyjwz", "kkkiivs")
# The gazetteer's word-order evidence overrides the document's (which form is
# seen more often or first) only beyond this log-odds margin: three to one.
ORDER_MARGIN = log(2)
SUFFIXES = frozenset("jr sr ii iii iv".split())
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

    @property
    def strength(self) -> float:
        """The rule's confidence."""
        return STRENGTHS[self.reason]


def _is_unknown(part: str, known: Gazetteer) -> bool:
    return not known.has_part(part)


def transliterated(part: str) -> str:
    """A rough key under which transliteration variants of a name part agree.

    >>> transliterated("qaddafi") == transliterated("gadhafi"), transliterated("thachi") == transliterated("thaci")
    (True, True)
    """
    out = part.translate(TRANSLIT).replace("h", "")
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


def is_person_like(key: NameKey, known: Gazetteer) -> bool:
    """Whether every part of ``key`` could belong to a person's name.

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Kim Jong Un"])
    >>> is_person_like(name_key("Kim Jong Un"), g), is_person_like(name_key("Orion Capital Corp"), g)
    (True, False)
    """
    return len(key[-1]) > 1 and all(
        part not in ORG_WORDS and part.isalpha() and (known.has_part(part) or zipf(part) < NAME_PART_MAX_ZIPF)
        for part in key
    )


def compare(key: NameKey, ref: NameKey, display: str, where: int | None, ref_here: bool,
            stronger: bool, known: Gazetteer) -> Conflict | None:
    """The corruption that turns ``ref`` (shown as ``display``, seen ``where`` or in the gazetteer) into ``key``.

    ``ref_here`` says the reference occurs in the document; ``stronger`` that it is
    the more credible of the two (in the gazetteer, or seen more often or earlier).

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Kim Yo Jong"])
    >>> compare(name_key("Kim Jong Yo"), name_key("Kim Yo Jong"), "Kim Yo Jong", None, False, True, g).reason
    'name_swapped_tokens'
    >>> compare(name_key("Hillary Clinton"), name_key("Bill Clinton"), "Bill Clinton", 0, True, True,
    ...         from_names(["Bill Clinton", "Hillary Clinton"])) is None
    True
    """
    def conflict(reason: str, what: str, suggest: bool = True) -> Conflict:
        return Conflict(reason, what, display, where, display if suggest else None)

    if not is_person_like(ref, known):
        return None
    if len(key) == len(ref) and sorted(key) == sorted(ref):
        usual = known.order_score(ref) - known.order_score(key)  # "Paul Volcker" over "Volcker Paul"
        if usual > ORDER_MARGIN or (abs(usual) <= ORDER_MARGIN and stronger):
            return conflict("name_swapped_tokens", "tokens in another order")
        return None
    if len(key) == len(ref):
        diff = [i for i, (a, b) in enumerate(zip(key, ref)) if a != b]
        # a typo against a word form that is known, even when both are seen once
        stronger = stronger or (len(diff) == 1 and zipf(key[diff[0]]) == 0 < zipf(ref[diff[0]]))
        if not stronger:
            return None
        diff = [i for i, (a, b) in enumerate(zip(key, ref)) if a != b]
        if len(diff) != 1:
            return None
        a, b = key[diff[0]], ref[diff[0]]
        if len(a) < 2 or len(b) < 2 or not _is_unknown(a, known):
            return None
        if a.rstrip("s") == b.rstrip("s"):
            return None  # a plural or possessive form: "Gamas" for "Gama"
        if (len(a) >= 4 and OSA.distance(a, b) <= MAX_EDITS and transliterated(a) != transliterated(b)
                and zipf(a) <= zipf(b) and (ref_here or zipf(a) == 0)  # "Rajapakse" (1.9) is a known form and zipf(a) < MISSPELT_MAX_ZIPF
                and OSA.normalized_similarity(a, b) >= MISSPELT_MIN_SIMILARITY):
            return conflict("name_misspelled", f'"{a}" misspelled')
        if (zipf(a) >= COMMON_WORD_ZIPF and a.isalpha() and a not in ORG_WORDS and diff[0] < len(key) - 1
                and (len(key) >= 3 or (ref_here and ref[-1] not in SUFFIXES
                                       and (known.has_part(ref[-1]) or ref[0] in known.openers)))
                and Levenshtein.normalized_similarity(a, b) < 0.5):
            # not the last part ("Bob White", "Charles Rule" have surnames that are words),
            # and a two-part name only against one in the same text with a known given
            # name or surname ("British Petroleum", "South Carney" for "Mark Carney", "Marine II")
            return conflict("name_common_word", f'common word "{a}" in the name')
        if len(key) >= 3 and ref_here and not _is_unknown(b, known) and zipf(a) < COMMON_WORD_ZIPF:
            return conflict("name_variant_conflict", f'"{a}" in place of "{b}"', suggest=False)
        return None
    if len(key) + 1 == len(ref) and len(key) >= 2 and ref_here:
        return _dropped(key, ref, known, conflict)
    return None


def _dropped(key: NameKey, ref: NameKey, known: Gazetteer, conflict: object) -> Conflict | None:
    for j, part in enumerate(ref):
        if ref[:j] + ref[j + 1 :] != key:
            continue
        if len(part) < 2 or part in PARTICLES or part in SUFFIXES or not known.has_part(part):
            return None  # an initial, a particle, "Jr", or a word no name holds ("Telecommunications")
        if j == 0:
            return None  # "Perez de Cuellar" for "Javier Perez de Cuellar"
        if j < len(ref) - 1 and (key[-1] in known.surnames or len(part) > 3):
            return None  # "John Kennedy" for "John Fitzgerald Kennedy"
        assert callable(conflict)
        result: Conflict = conflict("name_dropped_token", f'"{part}" dropped')
        return result
    return None


def lone_nonword(doc: Document, mentions: Sequence[Mention], known: Gazetteer) -> Iterator[Hit]:
    """A capitalised non-word alone in lower-case prose and nowhere else in the text ("the Erem nation").

    >>> from garble.segment import segment
    >>> from garble.gazetteer import from_names
    >>> doc = segment("Others tried to engage with the Erem nation, in vain.")
    >>> [doc.text[h.start:h.end] for h in lone_nonword(doc, list(find_mentions(doc.text)), from_names([]))]
    ['Erem']
    """
    words = Counter(w.casefold() for w in WORD.findall(doc.text))
    for m in mentions:
        if len(m.tokens) != 1 or m.title or m.sentence_initial:
            continue
        tok = m.tokens[0]
        word = tok.text
        before = doc.text[max(0, tok.start - 5) : tok.start]
        if (word.isalpha() and len(word) >= 3 and word[1:].islower() and words[word.casefold()] == 1
                and zipf(word) == 0 and _is_unknown(word.casefold(), known)
                and before.rstrip().split()[-1:] in (["the"], ["a"], ["an"])
                and WORD.findall(doc.text, tok.end, tok.end + 12)[:1] in NATION_NOUNS):
            yield Hit(tok.start, tok.end, Label.MANGLED_NAME, "name_rare_word", 0.6,
                      evidence=f'"{word}" is no known word or name and appears nowhere else')


from garble.mentions import find_mentions  # noqa: E402  (used by the doctest only)
