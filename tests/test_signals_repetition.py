"""Repetition: doubled words, and the second copy of a repeated sentence or paragraph."""

from __future__ import annotations

import time

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
