"""Injected links: hover cards, teaser chains, headline lists, related-story lines."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator

import pytest

from garble.datatypes import Block, Document, Hit, Label
from garble.segment import segment
from garble.signals import links, related
from garble.signals.boilerplate import MAX_FURNITURE_LINE


def texts(signal: Callable[[Block, Document], Iterator[Hit]], text: str) -> list[str]:
    doc = segment(text)
    return [text[h.start : h.end] for b in doc.blocks for h in signal(b, doc)]


def test_a_hover_card_starts_at_the_repeated_full_name_and_ends_at_more() -> None:
    text = "Gov. Ann Lee Ann Mary LeeState budget passes after long fight Lee signs tax bill MORE (R) said."
    assert texts(links.teaser_runs, text) == [
        "Ann Mary LeeState budget passes after long fight Lee signs tax bill MORE"
    ]


def test_a_card_an_extractor_set_apart_starts_with_its_column_words() -> None:
    # data/wild, the newspaper library's text of a thehill.com page: the card's name is no longer glued on
    text = ("He threatened to kill Rep. Ilhan Omar\n\nIlhan Omar Hillicon Valley: Progressives oppose funding bill"
            " | Senators call for 5G security coordinator | Louisiana hit by ransomware attack MORE (D-Minn.), he said.")
    card = ("Ilhan Omar Hillicon Valley: Progressives oppose funding bill | Senators call for 5G security coordinator"
            " | Louisiana hit by ransomware attack MORE")
    assert texts(links.teaser_runs, text) == [card]


def test_a_glued_seam_before_a_colon_is_strong_and_a_lone_one_weak() -> None:
    doc = segment("He met Joe BidenCawthorn: yes. The SmithJones plan stalled.")
    strengths = {doc.text[h.start : h.end]: h.strength for h in links.glued_seams(doc.blocks[0], doc)}
    assert strengths["BidenCawthorn"] >= 0.8 and strengths["SmithJones"] < 0.5


def test_a_caption_glued_to_its_credit_is_no_link_seam() -> None:
    text = "Villagers who ate the meat sought treatmentCredit: EPA\n\nA hunter ate a rabbitPhoto: Getty"
    assert texts(links.glued_seams, text) == []
    assert texts(links.teaser_runs, text) == []
    # a hover card's teaser column glued to the name is still a seam
    assert texts(links.glued_seams, "He met Joe BidenCawthorn: Biden plan could fail") == ["BidenCawthorn"]


def test_known_camel_case_words_and_handles_are_not_seams() -> None:
    assert texts(links.glued_seams, "YouTube and PlayStation, said @JaneRoe with #BlackFriday.") == []


def test_pipes_and_for_more_in_prose_alone_are_not_a_chain() -> None:
    text = "Enter A | B to call for more help, or press Ctrl | Alt to ask for more time."
    assert texts(links.teaser_runs, text) == []


def test_a_headline_list_is_one_hit_up_to_its_last_stamp() -> None:
    text = "Bridge opens\n10:15 02.03.2024\nFestival ends\n09:50 02.03.2024\nAll"
    assert texts(links.headline_lists, text) == ["Bridge opens\n10:15 02.03.2024\nFestival ends\n09:50 02.03.2024"]


def test_a_list_of_related_headlines_after_a_prompt_is_flagged_line_by_line() -> None:
    text = "Text ends here.\n\nRelated Stories\n\nBridge opens in the north\n\nFestival ends early\n\nA full sentence."
    assert texts(links.after_prompt, text) == ["Bridge opens in the north", "Festival ends early"]


@pytest.mark.parametrize("prompt", ["Also in Business", "More in Politics", "Elsewhere in Sport", "More on this story"])
def test_a_sections_headline_list_after_its_prompt_is_flagged(prompt: str) -> None:
    # l3s-gn1 (News Limited) and scrapinghub-aeb pages: every such prompt line of the *-dev files is gold furniture
    text = f"Shares closed lower.\n\n{prompt}\n\nRecession fears: Market extends its losing streak\n\nBanking group: ANZ India push"
    assert texts(links.after_prompt, text) == ["Recession fears: Market extends its losing streak", "Banking group: ANZ India push"]


def test_more_in_prose_is_no_prompt() -> None:
    text = "He said more in private.\n\nRecession fears: Market extends its losing streak"
    assert texts(links.after_prompt, text) == []


def test_long_glued_text_runs_in_linear_time() -> None:
    text = "AbcDef: Ghi | " * 20000
    t0 = time.perf_counter()
    texts(links.teaser_runs, text)
    assert time.perf_counter() - t0 < 5


def test_another_storys_headline_dateline_and_lede_is_a_teaser() -> None:
    # scrapinghub-aeb-body-dev: a news site's body ends in teasers of other stories
    teaser = ("SC asks Kerala govt to come out with law for Sabarimala temple NEW DELHI: The Supreme Court "
              "on Wednesday asked the Kerala government to come out with a law")
    doc = segment(f"The minister spoke on Monday.\n\n{teaser}")
    assert [(doc.text[h.start : h.end], h.label) for h in links.dateline_teasers(doc.blocks[1], doc)] == [
        (teaser, Label.INJECTED_LINK)]


def test_a_dateline_opening_its_article_or_a_shouted_headline_is_no_teaser() -> None:
    for text in ("NEW DELHI: The Supreme Court on Wednesday asked the Kerala government for a law.",
                 "Car sales dipped WATCH: Kellyanne Conway Gets OWNED By NBC Host For Whining | 10.5 pct to 265,301",
                 "Shares rose and BREAKING: Flynn will plead the fifth and refuse to produce documents, he said."):
        doc = segment(text)
        assert list(links.dateline_teasers(doc.blocks[0], doc)) == [], text


@pytest.mark.parametrize("line", [
    "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing",
    "Related: From Big Bang to Present: Snapshots of Our Universe Through Time",
    "Related post: Pickled Brussels Sprouts Recipe",
    "On HoustonChronicle.com: Car sales plunge nearly 17 percent in August",
    "Also on rt.com Journalists & politicians from Morales’ party threatened with sedition arrests",
    "Watch live: Sondland testifies about Ukraine at pivotal impeachment hearing",
])
def test_a_related_story_line_is_flagged_whole(line: str) -> None:
    assert texts(related.related_lines, f"The minister spoke on Monday.\n\n{line}\n\nTalks resume soon.") == [line]


@pytest.mark.parametrize("line", [
    "Watch the duet Kylie did with Sir Paul McCartney that upset Heather Mills here.",  # no colon: prose
    "Related: the company said. Shares fell 3 pct in early trading.",  # prose after the prompt
    "Also on the agenda: a vote on the budget",  # not a site
    "More from the minister: he said talks would resume",  # the prompt wants a capitalised site name
    "Also on rt.com the story ran",  # no colon and no headline capital
])
def test_prose_after_a_prompt_word_is_no_related_line(line: str) -> None:
    assert texts(related.related_lines, f"{line}\n\nTalks resume soon.") == []


def _after_prompt_by_look_back(doc: Document) -> list[int]:
    """after_prompt's rule, the slow way: from each link line, look back for a prompt across link lines."""
    def link(b: Block) -> bool:
        return len(b.lines) == 1 and len(b.text) <= links.MAX_LINK_LINE and b.text[-1] not in ".!?”\"…"

    def prompt(b: Block) -> bool:
        return bool(len(b.text) <= MAX_FURNITURE_LINE and links.LINK_PROMPT.match(b.text) and links.PROMPT_LINE.match(b.text))

    out = []
    for block in doc.blocks:
        for back in range(block.index - 1, -1, -1):
            if not link(block) or block.index - back > links.MAX_LINK_RUN:
                break
            if prompt(doc.blocks[back]):
                out.append(block.index)
                break
            if not link(doc.blocks[back]):
                break
    return out


def test_after_prompt_flags_what_a_look_back_from_each_line_finds() -> None:
    pieces = ["Read more:", "Related", "See also:", "More in Politics", "Bridge opens", "A sentence.",
              "Fair ends", "x" * 200, "Line one\nline two"]
    rng = random.Random(7)
    for _ in range(500):
        # runs longer than MAX_LINK_RUN, and two documents in turn (each is its own answer)
        docs = [segment("\n\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))) for _ in range(2)]
        for doc in docs + docs[::-1]:
            got = [b.index for b in doc.blocks for _ in links.after_prompt(b, doc)]
            assert got == _after_prompt_by_look_back(doc), doc.text
