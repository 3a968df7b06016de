"""Furniture lines (garble.signals.furniture): what they flag, and prose they leave alone."""

from __future__ import annotations

import pytest

import garble
from garble.config import DEFAULT_CONFIG
from garble.segment import segment
from garble.signals import detect


def reasons(text: str) -> list[tuple[str, str]]:
    doc = segment(text)
    return [(h.reason, text[h.start : h.end]) for h in detect(doc) if h.reason.startswith("furniture_")]


@pytest.mark.parametrize("line", [
    "Share this story", "You may also like:", "New, 15 comments", "1 of 6", "Replay",
    "Tempo de leitura: 2 minutos", "5 min read", "• 2 min read", "chevron_left Browse All Posts", "On HoustonChronicle.com:",
    "We welcome your comments on this story. Please keep them civil and on topic.",
    "\N{MULTIPLICATION SIGN} 101 Things All Young Adults Should Know",  # a pop-up's close button (data/wild)
])
def test_widget_lines_are_flagged_whole(line: str) -> None:
    assert ("furniture_widget", line) in reasons(f"The minister spoke on Monday.\n\n{line}\n\nTalks resume soon.")


@pytest.mark.parametrize("text", [
    'He said.<script type="text/javascript">var x = 1;</script> Then he left.',
    'See &lt;a href="http://ads.example.com/click"&gt;here&lt;/a&gt; for more.',
])
def test_leaked_markup_is_flagged(text: str) -> None:
    assert any(reason == "furniture_markup" for reason, _ in reasons(text))


@pytest.mark.parametrize("line, reason", [
    ("Jason Cipriani/ZDNet", "furniture_credit_line"),
    ("Biplov Bhuyan/Hindustan Times/Getty Images", "furniture_credit_line"),
    ("| November 18, 2019 12:01 PM", "furniture_dateline"),
    ("Reuters November 18, 2019 11:03 PM", "furniture_dateline"),
    ("Opinion Columnist", "furniture_role"),
])
def test_contested_lines_are_weak_evidence(line: str, reason: str) -> None:
    doc = segment(line)
    hits = [h for h in detect(doc) if h.reason == reason]
    assert hits and all(h.strength < 0.5 for h in hits)  # below the span threshold: the classifier decides


@pytest.mark.parametrize("text", [
    "Share this story with anyone who doubts that the council will act before the winter.",
    "Reuters reported on November 18, 2019 that the deal had collapsed after weeks of talks.",
    "The company sold 1 of 6 plants and said it would replay the auction next year.",
    "Prices rose 5% in the period, the ministry said, and class sizes fell.",
    "The AC/DC concert was cancelled.",
])
def test_prose_mentioning_the_same_words_is_left_alone(text: str) -> None:
    assert reasons(text) == []


def captions(line: str) -> list[tuple[str, float]]:
    doc = segment(f"The minister spoke on Monday.\n\n{line}\n\nTalks resume soon.")
    return [(doc.text[h.start : h.end], h.strength) for h in detect(doc) if h.reason == "furniture_caption"]


@pytest.mark.parametrize("line", [
    "Spain's Rafael Nadal celebrates a point against Russia's Karen Khachanov in Madrid. (Manu Fernandez/AP)",
    "Home Depot stock fell after the retailer reported third-quarter earnings. Photograph by Robyn Beck/AFP/Getty Images",
    "A stock image of a woman holding a joint. Researchers looked at the drug. Getty",
    "Once the preserve of science fiction, hibernation may become an enabler of travel. Credit: 20th Century Fox",
])
def test_a_caption_told_by_its_credit_is_weak_evidence_for_the_classifier(line: str) -> None:
    # the gold sets disagree on these: l3s keeps them as text
    assert [(text, strength < DEFAULT_CONFIG.span_threshold) for text, strength in captions(line)] == [(line, True)]


@pytest.mark.parametrize("line", [
    "FILE PHOTO: Traders work on the floor at the New York Stock Exchange. REUTERS/Brendan McDermid",
    "Image caption Assange gestures with a thumbs up after he was arrested in London",
    "Media captionJulian Assange being dragged from the Ecuadorean embassy in London",
    "Photo: Getty Images/ Bryan Bedder at the premiere",
    "This Sierra Nevada Corp. illustration shows a concept of the company's lunar lander.",
    "Democratic candidate Pete Buttigieg speaks during a fundraiser, Sunday, Nov. 17, 2019, in Las Vegas.",
])
def test_a_caption_told_by_its_opening_or_its_wire_date_is_a_span(line: str) -> None:
    assert [(text, strength >= DEFAULT_CONFIG.span_threshold) for text, strength in captions(line)] == [(line, True)]


@pytest.mark.parametrize("line", [
    "This compared with deliveries of 24.38 mln tonnes a year ago, the ministry said on Monday.",
    "He said he was seen at the bank on Tuesday, Nov. 19, 2019.",  # a date, but no caption verb
    "The company said the photo was taken by a staff member in 2018.",
    "Harden leads the Sun Devils in scoring (17.6 ppg./sixth in Pac-10) and steals (25/leads the Pac-10)",
])
def test_prose_about_photos_and_dates_is_no_caption(line: str) -> None:
    assert not any(reason == "furniture_caption" for reason, _ in reasons(f"{line}\n\nTalks resume soon."))


@pytest.mark.parametrize("text, prompt", [
    ("Follow us on Twitter @Spacedotcom and on Facebook.", "Follow us on Twitter @Spacedotcom and on Facebook."),
    ("Sign up for our FREE newsletter", "Sign up for our FREE newsletter"),
    ("Need more space? Subscribe to our sister title for the latest news!", "Subscribe to our sister title for the latest news!"),
    ("Search for more stories on this topic. Click here", "Click here"),
    ("Email Newsletter", "Email Newsletter"),
    # data/wild (FakeNewsNet): a prompt after shouting, and one after a Markdown bullet
    ("It was a lie. BUSTED!!  Share this EVERYWHERE! #BootGate", "Share this EVERYWHERE! #BootGate"),
    ("**SUBSCRIBE to Playbook: http://politi.co/1M75UbX", "SUBSCRIBE to Playbook: http://politi.co/1M75UbX"),
    ("Hawkins gives advice in short, digestible chapters. Buy now", "Buy now"),  # a book advert's tail
])
def test_calls_to_action_are_flagged_from_the_prompt_on(text: str, prompt: str) -> None:
    assert ("furniture_promo", prompt) in reasons(f"The minister spoke on Monday.\n\n{text}\n\nTalks resume soon.")


@pytest.mark.parametrize("text", [
    "It invited shareholders to subscribe to a warrant bond issue of 150 mln Swiss francs.",
    "The fraudsters recruit money mules through spam emails, newsletters and chat rooms.",
    "Farmers would likely sign up for the programme since the incentives are greater.",
    "The brothers share it with friends, and share this with their cousins.",
])
def test_prose_that_mentions_a_newsletter_or_a_subscription_is_no_prompt(text: str) -> None:
    assert not any(reason == "furniture_promo" for reason, _ in reasons(f"{text}\n\nTalks resume soon."))


@pytest.mark.parametrize("text", [
    "Nadal in Madrid (Manu Fernandez/AP)", "Nadal in Madrid (AP) .", "Nadal (Getty Images)\u2003.\u2003",
    "Traders work. REUTERS/Brendan McDermid", "Beck. Photograph by Robyn Beck", "Fox. Credit: 20th Century Fox",
    "A new drug. Getty", "Christopher Tays Submitted photo", "(Source: NASA).", "( STEVE/SCIENCE PHOTO LIBRARY)",
])
def test_the_credit_prefilter_passes_every_credit(text: str) -> None:
    from garble.signals.captions import CREDIT_TAIL, _may_have_credit

    assert CREDIT_TAIL.search(text) and _may_have_credit(text)


def test_a_product_blurb_ending_in_a_shop_button_is_furniture_whole() -> None:
    blurb = ("× 101 Things All Young Adults Should Know by Sir John Hawkins John Hawkins's book 101 Things All "
             "Young Adults Should Know is filled with lessons that newly minted adults need in order to get the "
             "most out of life. Gleaned from a lifetime of trial, error, and writing it down, Hawkins provides "
             "advice everyone can benefit from in short, digestible chapters. Buy Now")
    text = f"The minister spoke on Monday.\n\n{blurb}\n\nTalks resume soon."
    result = garble.scan(text)
    assert any(s.start <= text.index(blurb) and s.end >= text.index(blurb) + len(blurb) for s in result.spans)
    assert ("furniture_promo_blurb", blurb) in reasons(text)


@pytest.mark.parametrize("text", [
    "It is a Wi-Fi 6 mesh router, and it feels like a future pick this year that you can buy now.",
    "Buyers rushed in. Buy now, pay later schemes have grown fast, the report said.",
])
def test_prose_about_buying_now_is_no_blurb(text: str) -> None:
    assert not any(reason == "furniture_promo_blurb" for reason, _ in reasons(f"{text}\n\nTalks resume soon."))


def test_a_pop_up_blurb_glued_inside_a_paragraph_is_flagged_from_its_close_button_to_its_shop_button() -> None:
    blurb = ("× 101 Things All Young Adults Should Know by Sir John Hawkins John Hawkins's book is filled with "
             "lessons that newly minted adults need. Buy Now")
    text = f"They were permitted to do so. {blurb} The lawsuit says that the police were reckless.\n\nTalks resume."
    assert ("furniture_promo_blurb", blurb) in reasons(text)
    assert not any(r == "furniture_promo_blurb" for r, _ in reasons("The room measures 3 × 4 metres. Buy now."))
