"""The rules applied after the models (garble.signals.after): site furniture for every weights, copyright and
tag lines for the strict weights only."""

from __future__ import annotations

import re

import pytest

import garble
from garble.segment import segment
from garble.signals import after, detect
from tests.conftest import read_jsonl, shared_path

BODY = ("The council approved the budget on Tuesday after a long debate, officials said. The mayor welcomed "
        "the vote and thanked the members for their work.\n\nWork on the bridge starts in May.")
SITE = ["Skip to main content", "Comments (3)", "12 comments", "Trending Now", "Loading...", "Report an error",
        "Next story", "Listen to this article", "5 Min Read", "Print this article",
        "Please enable JavaScript to view the comments", "Terms of Use | Privacy Policy | Cookie Policy"]
STRICT = ["Copyright 2008 by The Associated Press. All rights reserved.", "(c) 2008 Yahoo! Inc.",
          "Tags: vista , os , us , microsoft", "Filed under: Politics", "Posted in World News"]


def flagged(text: str, line: str, model: str | None = None) -> bool:
    at = text.index(line)
    spans = garble.Detector(garble.Config(model_path=model)).scan(text).spans
    return any(s.start <= at and s.end >= at + len(line) for s in spans)


@pytest.mark.parametrize("line", SITE)
@pytest.mark.parametrize("model", [None, "strict", "page"])
def test_site_furniture_is_flagged_at_either_end_by_every_weights(line: str, model: str | None) -> None:
    """The models passed these (the default scored "Skip to main content" after an article 1.00 clean)."""
    assert flagged(f"{BODY}\n\n{line}", line, model)
    assert flagged(f"{line}\n\n{BODY}", line, model)


@pytest.mark.parametrize("line", STRICT)
def test_copyright_and_tag_lines_are_furniture_to_strict_only(line: str) -> None:
    text = f"{BODY}\n\n{line}"
    assert flagged(text, line, "strict")
    assert not flagged(text, line)


@pytest.mark.parametrize("text,card", [
    ("Prime Minister Boris Johnson Boris JohnsonJohnson faces revolt over lockdown rules said the measures were needed.",
     "Boris JohnsonJohnson"),
    ("President Joe Biden Joe BidenBiden signs executive order on climate said the plan would create jobs.",
     "Joe BidenBiden"),
])
@pytest.mark.parametrize("model", [None, "strict", "page"])
def test_a_hover_cards_doubled_name_is_injected_link_text(text: str, card: str, model: str | None) -> None:
    """The glued word alone was a weak hit every weights passed; the name said again before it marks the card."""
    spans = garble.Detector(garble.Config(model_path=model)).scan(text).spans
    assert [(text[s.start:s.end], s.label.value) for s in spans] == [(card, "injected_link")]


def test_a_hover_card_after_a_full_name_starts_at_its_own_name() -> None:
    """"Elizabeth Warren Elizabeth WarrenWarren ..." was read as the surname "Elizabeth" and then the full name
    "Warren Elizabeth" (Warren is a given name too), so the card's span took in the text's own "Warren"."""
    text = "Sen. Elizabeth Warren Elizabeth WarrenWarren unveils wealth tax plan MORE (D-Mass.) told reporters."
    spans = garble.scan(text).spans
    assert [(text[s.start:s.end], s.label.value) for s in spans] == [
        ("Elizabeth WarrenWarren unveils wealth tax plan MORE", "injected_link")]


def test_a_name_said_twice_without_a_glued_headline_is_no_card() -> None:
    doc = segment("Johnson said Boris Johnson would stay. Biden met Joe Biden Jr. at the White House.")
    assert [h for b in doc.blocks for h in after.hover_names(b, doc)] == []


@pytest.mark.parametrize("prose", [
    "The comments he made on Tuesday were noted by the council.",
    "Trending topics on the site included the budget and the bridge.",
    "Copyright law changed in 2019, lawyers said on Tuesday.",
    "Topics discussed at the meeting included the budget.",
    "Next, the story turns to the bridge, which was closed in May.",
])
def test_prose_with_their_words_is_left_alone(prose: str) -> None:
    doc = segment(prose)
    rules = (after.site_lines, after.hover_names, after.rights_lines, after.tag_lines)
    assert [h for b in doc.blocks for rule in rules for h in rule(b, doc)] == []


def test_no_reuters_article_has_a_hover_cards_doubled_name() -> None:
    """The module's claim for HOVER_NAME, on every Reuters-21578 article of the shared news set."""
    found = [m.group() for path in sorted(shared_path("data", "news").glob("*.jsonl*")) for record in read_jsonl(path)
             for m in after.HOVER_NAME.finditer(record.get("text", ""))]
    assert found == []


def test_no_gold_keeps_a_site_line_as_text() -> None:
    """The module's claim, on every *-dev file: each line SITE_LINE takes is inside a gold span (17 in the body
    files, 643 in the page files when written)."""
    matched = 0
    for name in ("l3s-gn1-body-dev", "scrapinghub-aeb-body-dev", "l3s-gn1-page-dev", "scrapinghub-aeb-page-dev"):
        for record in read_jsonl(shared_path("data", "pages", f"{name}.jsonl.gz")):
            text, spans = record["text"], record.get("spans", [])
            for m in re.finditer(r"[^\n]+", text):
                if len(m.group()) <= after.MAX_SITE_LINE and after.SITE_LINE.match(m.group().strip()):
                    matched += 1
                    inside = sum(min(s["end"], m.end()) - max(s["start"], m.start()) for s in spans
                                 if s["start"] < m.end() and s["end"] > m.start())
                    assert inside >= 0.5 * (m.end() - m.start()), f"{name} {record['id']}: {m.group()!r} is gold text"
    assert matched >= 600


def spans_of(text: str, model: str | None = None) -> list[tuple[str, str]]:
    scan = garble.Detector(garble.Config(model_path=model)).scan(text)
    return [(text[s.start : s.end], s.label.value) for s in scan.spans]


LEAD = "The council approved the budget on Tuesday after a long debate, officials said.\n\n"


@pytest.mark.parametrize("model", [None, "strict", "page"])
@pytest.mark.parametrize("writing", [
    "Sajid is making a hush hush trip to Hollywood next week, his friends said.",  # l3s-body-dev
    "The Juggalos give a big whoop whoop to the plan, the organisers said on Monday.",  # data/wild
    "And you can't just take, take, take, take, take, take from the people who vote.",  # data/wild
    "After that, Ford wrote, and wrote, and wrote. His body of work grew for decades.",  # aeb-body-test
    'She cried, "Move back. I am scared. Stop it. Stop it. I want to get back in the car."',  # l3s-body-test
])
def test_a_writers_own_repetition_makes_no_span(writing: str, model: str | None) -> None:
    """Each was a repetition span; the signals still see them (the trees were fitted so), the spans are gone."""
    assert [s for s in spans_of(LEAD + writing, model) if s[1] == "repetition"] == []


def test_a_pipelines_stutter_is_still_repetition() -> None:
    assert ("said he", "repetition") in spans_of(LEAD + "The mayor said he said he told them to stay at home.")
    assert ("the", "repetition") in spans_of(LEAD + "The mayor said the the vote was fair and the work would start.")
    assert ("Stop it.", "repetition") in spans_of(LEAD + "Move back. I am scared. Stop it. Stop it. I want to go.")


HEADING = "7. Clinton Defends Being ‘Prepared’ When Trump Questions Her Time Off the Trail"
TITLE = "These Are the Industries Where Staff Are Most Likely to Smoke Weed"


@pytest.mark.parametrize("model", [None, "strict", "page"])
def test_an_articles_own_title_case_heading_is_no_spliced_headline(model: str | None) -> None:
    # data/wild: a list article's numbered heading and an article's title on its first line were each a
    # spliced headline up to their first lower-case small word ("… Her Time Off" | "the Trail")
    listicle = f"{LEAD}{HEADING}\n\nTrump was talking about her schedule on the campaign trail this week."
    titled = f"{TITLE}\n\nCannabis use differs a lot from one trade to the next, a survey found on Monday."
    for text in (listicle, titled):
        assert [s for s in spans_of(text, model) if s[1] == "spliced_headline"] == []


def test_the_same_title_where_no_heading_stands_is_still_flagged() -> None:
    # unnumbered after the article's text it is a related headline, as the pages' gold has it: the title-case
    # hit is not withdrawn, and the line is flagged whole as link text (spliced or injected: BENCHMARK.md's
    # injected_link covers related-story lines too, and the label head may name it so)
    doc = segment(f"{LEAD}{TITLE}")
    kept = after.withdrawn(doc, detect(doc))
    assert [h.reason for h in kept if h.start >= len(LEAD)] == ["headline_title_case"]
    [(text, label)] = spans_of(f"{LEAD}{TITLE}")
    assert text == TITLE and label in ("spliced_headline", "injected_link")
