"""Seams: missing sentence breaks, cut-off paragraphs and doubled determiners."""

from __future__ import annotations

import pytest

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


def test_a_capitalised_pronoun_of_god_in_a_quoted_verse_is_not_a_missing_break() -> None:
    verse = "Soon shall We cast fear into their hearts, for they chose gods for which He had sent no warrant."
    assert texts(seams.missing_breaks, verse) == []
    # the same pronouns after a clause that has ended are still a seam
    assert texts(seams.missing_breaks, "The plan was approved by the board He said it would pass.") == ["by the board"]


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


def test_a_sentence_cut_before_the_next_one_starts_is_flagged_at_its_stub() -> None:
    # the generator's cut seams (corpus/build/synth-heldout): "about [15 mln dlrs] This included ..."
    assert texts(seams.missing_breaks, "The cost was about 15 mln dlrs This included eight mln dlrs in fees.") == [
        "15 mln dlrs"]
    assert texts(seams.missing_breaks, "He writes for The New York Times and in The Hague the court sits.") == []


def test_a_paragraph_cut_on_a_content_word_after_a_finished_sentence_is_flagged() -> None:
    text = ("Profit rose five pct. The management plan would result in a balance sheet with about 2.5 billion\n\n"
            "More than 100 protesters were killed in Iran unrest this week\n\n"
            "Toronto beat Philadelphia on Wednesday night. He added that it went well\n"
            "with the fans")
    # a one-sentence line (a headline, a caption) and a paragraph of several lines are not cut-offs
    assert texts(seams.cut_offs, text) == ["about 2.5 billion"]


def test_a_short_sign_off_after_the_last_sentence_is_not_a_cut_off() -> None:
    assert texts(seams.cut_offs, "We will continue her mission, he said on Monday in the city. asif aqeel") == []


def test_every_doubled_determiner_and_word_salad_holds_its_core() -> None:
    # the signals search their full pattern only in a paragraph where the core pattern matches
    from garble.signals.salad import SALAD, SALAD_CORE
    from garble.signals.seams import DOUBLED_DETERMINER, DOUBLED_DETERMINER_CORE

    for text in ("share a the willingness", "an  the plan", "the a plan", "the an idea", "to the\nan end"):
        assert DOUBLED_DETERMINER.search(text) and DOUBLED_DETERMINER_CORE.search(text), text
    for text in ("J. of the in Ross", "the in", "a to", "an\tfrom", "met today an in elegant", "for a by"):
        assert SALAD.search(text) and SALAD_CORE.search(text), text
    for text in ("the in-laws", "a to’s", "then in", "area at"):
        assert not SALAD.search(text), text


def test_a_paragraph_split_mid_sentence_is_flagged_where_the_next_goes_on_in_lower_case() -> None:
    # l3s-gn1-body-dev pages split sentences, and words, across paragraphs
    text = ("Kicks from full-back Leigh Hinton were the least they des\n\nerved for their superiority.\n\n"
            "Hillary, the first person to climb the world's\n\nhighest peak, died of heart failure.")
    assert texts(seams.cut_offs, text) == ["least they des", "climb the world's"]


def test_a_heading_or_a_byline_before_a_lower_case_paragraph_is_not_a_split() -> None:
    text = ("Radiohead Play Secret Show In London\n\nby Tim Cashmere - January 16 2008\n\n"
            "The band played a secret show in London on Tuesday night\n\nlast updated: January 13, 2008 at noon\n\n"
            "Reports: EMI to cut up to 2,000 jobs\n\niPhone sales rose again in the quarter.")
    assert texts(seams.cut_offs, text) == []


def test_a_headline_spliced_before_a_pipe_seam_is_flagged_in_title_or_sentence_case() -> None:
    title = ("Prices firmed when trade selling dissipated, allowing Blocked Rhine Navigation Channel Remains Closed"
             " | local and speculative buying to increase, dealers said.")
    sentence = ("Smoking could be viewed as a problem by some crew Kentucky lawmaker a 'probable suicide' amid"
                " misconduct accusations | and passengers, the airline said.")
    assert texts(seams.pipe_seams, title) == ["Blocked Rhine Navigation Channel Remains Closed"]
    assert texts(seams.pipe_seams, sentence) == ["Kentucky lawmaker a 'probable suicide' amid misconduct accusations"]
    doc = segment(title)
    assert {h.label for h in seams.pipe_seams(doc.blocks[0], doc)} == {Label.SPLICED_HEADLINE}


def test_a_pipe_seam_after_a_glued_hover_card_starts_at_the_teaser_not_at_the_name() -> None:
    # the name is the sentence's own ("Council leader Maria Okafor"); the card's teaser is glued to it
    line = ("The owners said deliveries had taken twice as long. Council leader Maria OkaforWestport: Mayor's plan"
            " could fund new schools, critics say | Transport board backs ferry change the board will publish it.")
    assert texts(seams.pipe_seams, line) == ["Westport: Mayor's plan could fund new schools, critics say"]


@pytest.mark.parametrize("line", [
    "main | news | sports | money | arizona travel guide | food & home | style | photos",
    "Council tax to rise by five per cent next year | The Daily Post",
    "The mayor opens the new bridge on Monday. Photo: John Smith | Getty Images",
    "By Jane Doe | Staff writer for the city desk and the courts",
    "you finished the final level in Twitter. What is next? | Seriously, congratulations, you won it",
])
def test_pipes_of_menus_titles_credits_and_tweets_are_no_seam(line: str) -> None:
    assert texts(seams.pipe_seams, line) == []


def test_an_article_before_a_word_no_noun_phrase_starts_with_is_broken_text() -> None:
    assert texts(seams.stray_determiners, "Asked the about the charges, a spokesman declined.") == ["the"]
    assert texts(seams.stray_determiners, "They may sell all of the their stake in the company.") == ["the"]
    assert texts(seams.stray_determiners, "Shevardnadze met today an in elegant Moscow mansion.") == ["an"]
    assert texts(seams.stray_determiners, "\"The to a rigs won't go back to work,\" he said.") == ["The"]


def test_an_article_before_a_noun_or_a_quantity_is_english() -> None:
    for text in ("Giving up on the will to reduce the deficit would hurt.",
                 "Holders get one share for each of the about 880,000 shares.",
                 "The in-crowd met Alan, chairm,an and president.", "Then the whole board voted.",
                 "Vitamin A in the diet, Plan B to follow, and a Type A personality.", "It runs from A to Z."):
        assert texts(seams.stray_determiners, text) == [], text
