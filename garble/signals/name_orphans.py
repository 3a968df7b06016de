"""Rules that read a damaged introduction from an *orphan*: a surname the text uses alone for a
person but never gives in full (see ``name_people``).

A news text introduces a person once in full and then by surname. When that full mention lost
its given name to a common word at the start of a sentence ("Union Arnott, Australia's
delegate"), the mention finder takes the word for an ordinary sentence opener and sees only
"Arnott"; the orphan's first use, preceded by such a word, is the damaged introduction.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from garble.datatypes import Hit, Label
from garble.gazetteer import Gazetteer, NameKey
from garble.mentions import SENTENCE_END, TITLES, Mention, zipf
from garble.signals.name_people import (
    ORPHAN_MAX_ZIPF,
    REPLACING_WORD_ZIPF,
    WORD_GIVEN_NAMES,
    People,
    is_common_word,
    is_surname_word,
)
from garble.signals.name_rules import ORG_WORDS, PLACE_HEADS, SURNAME_MAX_ZIPF, Conflict

# Words that open a sentence before a person's surname in clean text: conjunctions, adverbs,
# prepositions, determiners ("But Arnott said", "Yesterday Arnott", "Under Arnott"). Every
# one is frequent (Zipf >= 5), which is why frequency alone cannot tell them from the nouns
# and adjectives that replace a given name ("Union", "National", "New").
OPENERS = frozenset(["a", "about", "above", "according", "after", "again", "against", "all", "also", "although", "among", "an", "and", "another", "any", "as", "at", "because", "before", "being", "below", "besides", "between", "both", "but", "by", "during", "each", "either", "even", "every", "except", "finally", "first", "for", "from", "further", "given", "having", "he", "her", "here", "hers", "his", "however", "if", "in", "including", "indeed", "instead", "it", "its", "last", "later", "like", "many", "meanwhile", "more", "moreover", "most", "much", "neither", "nevertheless", "next", "no", "nor", "not", "now", "of", "on", "once", "one", "only", "or", "other", "our", "over", "perhaps", "since", "so", "some", "still", "such", "than", "that", "the", "their", "then", "there", "these", "they", "this", "those", "though", "through", "thus", "to", "today", "together", "under", "unlike", "until", "upon", "we", "what", "whatever", "when", "whenever", "where", "whereas", "whether", "which", "while", "who", "whose", "why", "with", "within", "without", "yesterday", "yet", "you", "earlier", "recently", "currently", "separately", "similarly", "asked", "says", "said", "tomorrow", "tonight", "finance", "analysts", "officials", "sources", "police"])
# The word right before a mention, opening a sentence: "Union " of "Union Arnott".
OPENING_WORD = re.compile(r"([A-Z][a-z]+) $")
# What follows the damaged introduction of a person: an apposition ("Arnott, Australia's
# delegate") or a reporting verb ("Arnott said").
APPOSITION = re.compile(r",\ +(?:a\ |an\ |the\ )?[\w'’.-]+", re.VERBOSE)


def opening_word(text: str, mentions: Sequence[Mention], people: People, known: Gazetteer) -> Iterator[Hit]:
    """A common word opening a sentence where an orphan surname is first used: "Union Arnott, a delegate".

    >>> from garble.gazetteer import from_names
    >>> from garble.mentions import find_mentions
    >>> text = "The talks resumed. Union Arnott, the delegate, spoke. Arnott said he would stay."
    >>> ms = list(find_mentions(text))
    >>> people = People({"arnott": 54}, any_alone={"arnott": 25})
    >>> [(text[h.start:h.end], h.reason) for h in opening_word(text, ms, people, from_names([]))]
    [('Union Arnott', 'name_common_word')]
    """
    uses = Counter(m.tokens[0].text.casefold() for m in mentions if len(m.tokens) == 1)
    for m in mentions:
        if len(m.tokens) != 1 or m.title is not None:
            continue
        surname = m.tokens[0].text.casefold()
        if (uses[surname] < 2 or people.any_alone.get(surname) != m.start or surname in people.in_names
                or not m.tokens[0].text[1:].islower() or not is_surname_word(surname, known)
                or zipf(surname) >= ORPHAN_MAX_ZIPF or known.closers.get(surname)):
            continue
        before = OPENING_WORD.search(text, max(0, m.start - 30), m.start)
        if before is None or not SENTENCE_END.search(text[max(0, before.start() - 3) : before.start()]):
            continue
        word = before.group(1)
        low = word.casefold()
        if (low in OPENERS or word in TITLES or low in ORG_WORDS or known.has_part(low) or low in WORD_GIVEN_NAMES
                or zipf(low) < REPLACING_WORD_ZIPF or low.endswith("s")):
            continue
        if not (APPOSITION.match(text, m.end) or surname in people.alone):
            continue  # a person's by an apposition, a title or "he said": "Standard Trustco said it" is a firm
        yield Hit(before.start(), m.end, Label.MANGLED_NAME, "name_common_word", 0.7,
                  evidence=f'common word "{word}" before "{m.tokens[0].text}", a surname the text uses alone'
                           f" and never gives in full")


def common_middle(key: NameKey, display: str, people: People, known: Gazetteer) -> Conflict | None:
    """A common word between a given name (or an initial) and a surname: "Robert World Scherer".

    Middle names are given names, initials or family names, rare as words; a frequent word
    there ("World" 5.9, "People" 6.1) is what a scraper or a re-typing put in a name's place.

    >>> from garble.gazetteer import from_names, name_key
    >>> g = from_names(["Robert Dole", "Robert Byrd"])
    >>> common_middle(name_key("Robert World Scherer"), "Robert World Scherer", People({}), g).reason
    'name_common_word'
    >>> common_middle(name_key("Robert Lee Scherer"), "Robert Lee Scherer", People({}), g) is None
    True
    """
    words = display.split()
    if len(key) != 3 or len(words) != 3:
        return None
    first, middle, surname = key
    initial = len(first) == 1 and words[0].endswith(".")  # "J. Union Michaels", not "N Bank Marts"
    if not (initial or known.is_given_name(first)) or middle in PLACE_HEADS:
        return None
    if not is_common_word(middle, known, adjectives=True) or known.is_given_name(middle):
        return None
    if not is_surname_word(surname, known) or not (
            surname in people.any_alone or zipf(surname) < SURNAME_MAX_ZIPF or known.closers.get(surname)):
        return None
    full = people.full.get(surname)
    return Conflict("name_common_word", f'common word "{words[1]}" inside the name', words[-1],
                    full[1] if full else None, full[0] if full else None)
