"""Seams: missing sentence breaks, cut-off paragraphs and doubled determiners."""

from __future__ import annotations

from garble.datatypes import Label
from garble.segment import segment
from garble.signals import seams


def texts(signal: object, text: str) -> list[str]:
    doc = segment(text)
    return [text[h.start : h.end] for b in doc.blocks for h in signal(b, doc)]  # type: ignore[operator]


def test_a_sentence_running_into_the_next_is_flagged_at_its_stub() -> None:
    assert texts(seams.missing_breaks, "It is the partner, with EU efforts Other nations have tried.") == ["with EU efforts"]


def test_a_title_after_a_preposition_is_not_a_missing_break() -> None:
    assert texts(seams.missing_breaks, "She wrote for The Times and a book called The Other Side.") == []


def test_a_paragraph_cut_on_a_function_word_is_flagged_and_a_heading_is_not() -> None:
    text = "The board said it would vote on the plan at its next meeting in the\n\nMarket news\n\nShort one of"
    assert texts(seams.cut_offs, text) == ["meeting in the"]


def test_doubled_determiners_are_broken_text() -> None:
    doc = segment("They share a the wish and the an hope.")
    found = list(seams.doubled_determiners(doc.blocks[0], doc))
    assert [doc.text[h.start : h.end] for h in found] == ["a the", "the an"]
    assert {h.label for h in found} == {Label.BROKEN_TEXT}


def test_a_capitalised_determiner_pair_is_not_flagged() -> None:
    assert texts(seams.doubled_determiners, "The A Team won. Plan A: The plan.") == []


def test_a_possessive_glued_to_a_prepositional_phrase_is_flagged_but_a_ditransitive_is_not() -> None:
    text = "Its work in the program its development stalled. They gave the program its name at the news his team won."
    assert texts(seams.stray_possessives, text) == ["in the program its development"]


def test_the_same_article_twice_is_left_to_repetition() -> None:
    assert texts(seams.doubled_determiners, "He saw the the car and a a dog.") == []
