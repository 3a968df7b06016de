"""Repetition: doubled words, and the second copy of a repeated sentence or paragraph."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from garble.segment import segment
from garble.signals import repetition

QUOTE = "The minister said the new rules would take effect across the country next spring."


def block_texts(text: str) -> list[str]:
    doc = segment(text)
    return [text[h.start : h.end] for b in doc.blocks for h in repetition.doubled_words(b, doc)]


def doc_hits(text: str) -> list[tuple[int, str]]:
    return [(h.start, h.reason) for h in repetition.repeated_text(segment(text))]


def test_the_second_copy_of_a_doubled_word_is_the_damage() -> None:
    text = "He saw the the car."
    doc = segment(text)
    [hit] = repetition.doubled_words(doc.blocks[0], doc)
    assert (hit.start, hit.end) == (11, 14)


def test_doubles_english_allows_and_doubled_names_are_left_alone() -> None:
    assert block_texts("I said that that was what I had had in mind in Bora Bora, really really.") == []


def test_a_sentence_repeated_later_is_flagged_at_its_second_copy() -> None:
    text = f"{QUOTE} He left.\n\nThen more. {QUOTE}"
    assert doc_hits(text) == [(text.rindex(QUOTE), "repetition_sentence")]


def test_a_repeated_paragraph_is_one_hit() -> None:
    para = f"{QUOTE} Officials agreed with the plan on Monday."
    text = f"{para}\n\nOther text in between.\n\n{para}"
    assert doc_hits(text) == [(text.rindex(para), "repetition_paragraph")]


def test_short_formulae_may_repeat() -> None:
    assert doc_hits("He declined to comment.\n\nShe declined to comment. He declined to comment.") == []


def test_repeated_sentences_are_found_in_linear_time() -> None:
    text = "\n\n".join(f"Sentence number {i} is here and it is long enough to count for this." for i in range(20000))
    t0 = time.perf_counter()
    assert doc_hits(text + "\n\n" + text[:70]) != []
    assert time.perf_counter() - t0 < 5


def phrase_texts(text: str) -> list[str]:
    doc = segment(text)
    return [text[h.start : h.end] for b in doc.blocks for h in repetition.doubled_phrases(b, doc)]


def test_a_phrase_written_twice_in_a_row_is_flagged_at_its_second_copy() -> None:
    assert phrase_texts("It set a monthly record of 235,916 monthly record of 235,916 contracts.") == [
        "monthly record of 235,916"]
    assert phrase_texts("The company said it had said it had expected more.") == ["said it had"]


def test_idioms_appositions_and_rhetorical_repeats_are_not_doubled_phrases() -> None:
    assert phrase_texts("It went on and on and on. He reached the end of the conflict: the conflict that"
                        " lasted years. It's been a trip. It's been a strange trip.") == []


def test_a_sentence_with_decimals_and_initials_repeats_as_one_sentence() -> None:
    s = "Midway Airlines said its February load factor declined 1.6 pct to 55.9 pct from 57.5 pct a year ago."
    text = f"{s} {s}"
    assert [(text[h.start:h.end], h.reason) for h in repetition.repeated_text(segment(text))] == [
        (s, "repetition_sentence")]


def test_doubled_phrases_are_found_in_linear_time() -> None:
    t0 = time.perf_counter()
    assert len(phrase_texts("word " * 200_000)) > 0
    assert len(phrase_texts("the cat sat " * 50_000)) > 0
    assert time.perf_counter() - t0 < 5


def test_doubled_phrases_of_every_length_and_overlapping_repeats() -> None:
    # only word positions whose word recurs 2..MAX_PHRASE words later are tried: check that every
    # phrase length is still found, the longest first, and that the word after a hit's second copy
    # is where the search goes on
    for size in range(2, repetition.MAX_PHRASE + 1):
        phrase = " ".join(f"w{i}" for i in range(size))
        assert phrase_texts(f"Before {phrase} {phrase} after.") == [phrase]
    assert phrase_texts("He said it had said it had said it had gone.") == ["said it had"]
    assert phrase_texts("ab cd ef gh ij kl mn ab cd ef gh ij kl mn") == []  # seven words: longer than MAX_PHRASE
    assert phrase_texts("One two One two\nthree four three four") == ["One two", "three four"]


def test_lower_case_lengthens_only_the_dotted_capital_i() -> None:
    # repeated_text skips a text whose length (plus one per U+0130) is under MIN_REPEATED_SENTENCE
    # without building its key: that holds only while no other character lowers to two or more
    import sys

    assert [c for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1] == [0x130]
    short = "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}" * 25  # 25 characters, a key of 50
    assert len(repetition._key(short)) == repetition.MIN_REPEATED_SENTENCE and not repetition._key_is_short(short)


def test_an_interview_that_asks_each_guest_the_same_question_is_no_repetition() -> None:
    question = "What kind of food do you like to cook yourself, and is there a dish you never eat?"
    answers = ["Anna: Soup, mostly, and never liver.", "Olga: Anything Italian; I avoid fish.", "Ivan: Pies."]
    text = "\n\n".join(f"{question}\n\n{a}" for a in answers)
    assert doc_hits(text) == []
    assert doc_hits(text.replace("\n\nOlga", " Asked again.\n\nOlga")) == []  # the question as a repeated sentence
    said = "The minister said the talks would resume in Geneva next week, officials confirmed."
    assert len(doc_hits(f"{said}\n\nMore text here.\n\n{said}")) == 1  # a statement repeated is still flagged


def test_a_question_given_twice_is_repetition() -> None:
    # data/wild: an article quotes a tweet, then the embedded tweet repeats it
    tweet = "Did you or did you not call the White House and ask for an interview about the award?"
    assert len(doc_hits(f"He wrote:\n\n{tweet}\n\nThe embed followed.\n\n{tweet}")) == 1


# SENTENCE as it was written first: as little of the line as possible up to a sentence end, tried at every character.
LAZY_SENTENCE = re.compile(r"""[^\s][^\n]*?(?:[.!?]+[\"”’)]*(?=[^\S\n]+[\"“(]?[A-Z]|[^\S\n]*$)|$)""", re.MULTILINE)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab A.!?\"”’)“( \n", max_size=40))
def test_sentences_are_the_ones_the_lazy_pattern_finds(text: str) -> None:
    assert [m.span() for m in repetition.SENTENCE.finditer(text)] == [m.span() for m in LAZY_SENTENCE.finditer(text)]
