"""Span assembly: which candidates become spans."""

from __future__ import annotations

from dataclasses import replace

from garble.config import DEFAULT_CONFIG, Config
from garble.datatypes import Hit, Label
from garble.segment import segment
from garble.spans import assemble

TEXT = "Prices rose on Monday. Prices rose on Monday.\n\nThe bank said it would act."


def _spans(label: Label) -> list[tuple[str, str]]:
    doc = segment(TEXT)
    line = doc.blocks[0].lines[0]
    copy = TEXT.index("Prices", 1)
    hits = [Hit(copy, line.end, Label.REPETITION, "repetition_sentence", 0.9)]
    spans, _, _ = assemble(doc, hits, {(line.start, line.end): 0.95}, DEFAULT_CONFIG,
                           {(line.start, line.end): label})
    return [(TEXT[s.start : s.end], s.label.value) for s in spans]


def test_a_line_the_label_head_calls_inline_damage_is_left_to_the_hit_that_explains_it() -> None:
    assert _spans(Label.REPETITION) == [("Prices rose on Monday.", "repetition")]


def test_a_line_the_label_head_calls_furniture_is_a_span_of_its_own() -> None:
    # the whole line is flagged: its first sentence as boilerplate, the copy by the stronger-ranked piece
    assert _spans(Label.BOILERPLATE)[0] == ("Prices rose on Monday.", "boilerplate")
    assert "".join(t for t, _ in _spans(Label.BOILERPLATE)).replace(" ", "") == \
        "Prices rose on Monday. Prices rose on Monday.".replace(" ", "")


CARD = "He threatened Rep. Ilhan OmarIlhan OmarHillicon Valley: Progressives oppose funding bill MORE last year."


def test_a_line_flagged_as_a_link_keeps_only_the_hover_card_a_signal_found_in_it() -> None:
    doc = segment(CARD)
    line = doc.blocks[0].lines[0]
    card = (CARD.index("Ilhan OmarHillicon"), CARD.index(" last"))
    hits = [Hit(*card, Label.INJECTED_LINK, "link_teaser_chain", 0.9)]
    spans, _, _ = assemble(doc, hits, {(line.start, line.end): 0.95}, DEFAULT_CONFIG,
                           {(line.start, line.end): Label.INJECTED_LINK})
    assert [(CARD[s.start : s.end], s.reason) for s in spans] == [(CARD[slice(*card)], "link_teaser_chain")]


GLUED = "Sales rose by Steve CohenTrump Gets An Epic Rebuke From Britain | Board Rejects Sales MORE in March."


def _glued_spans(*hits: tuple[str, Label], config: Config = DEFAULT_CONFIG) -> list[tuple[str, str]]:
    doc = segment(GLUED)
    found = [Hit(GLUED.index(t), GLUED.index(t) + len(t), label, "test", 0.9) for t, label in hits]
    spans, _, _ = assemble(doc, sorted(found, key=lambda h: h.start), {}, config)
    return [(GLUED[s.start : s.end], s.label.value) for s in spans]


CARD_NAME = ("Steve Cohen", Label.INJECTED_LINK)
HEADLINE = ("Trump Gets An Epic Rebuke From Britain", Label.SPLICED_HEADLINE)
SECOND = ("Board Rejects Sales", Label.SPLICED_HEADLINE)


def test_a_headline_glued_to_a_hover_cards_name_is_the_cards_link_text() -> None:
    assert _glued_spans(CARD_NAME, HEADLINE) == [("Steve CohenTrump Gets An Epic Rebuke From Britain", "injected_link")]


def test_headlines_piped_together_or_ending_on_more_are_a_link_list() -> None:
    assert _glued_spans(HEADLINE, SECOND) == [(HEADLINE[0], "injected_link"), (SECOND[0], "injected_link")]
    assert _glued_spans(SECOND) == [(SECOND[0], "injected_link")]  # "... MORE"


def test_a_headline_alone_in_a_sentence_stays_a_spliced_headline() -> None:
    assert _glued_spans(HEADLINE) == [(HEADLINE[0], "spliced_headline")]


def test_no_span_takes_a_label_the_config_leaves_out() -> None:
    only = replace(DEFAULT_CONFIG, labels=frozenset({Label.SPLICED_HEADLINE}))
    assert _glued_spans(CARD_NAME, HEADLINE, SECOND, config=only) == [(HEADLINE[0], "spliced_headline"),
                                                                      (SECOND[0], "spliced_headline")]


SPLICE = "The plant was closed by the Harbour Mayor Praises Ship Captain Young Mister Brown In Speech agency."
NAME = "Young Mister Brown"


def _splice_spans(splice: tuple[str, Label]) -> list[tuple[str, str, str | None]]:
    doc = segment(SPLICE)
    at = SPLICE.index(splice[0])
    # the name hit is the stronger, so without the rule it would win the characters it shares with the splice
    name = Hit(SPLICE.index(NAME), SPLICE.index(NAME) + len(NAME), Label.MANGLED_NAME, "test", 0.9,
               suggestion="Mister Young Brown")
    found = sorted([Hit(at, at + len(splice[0]), splice[1], "test", 0.8), name], key=lambda h: h.start)
    spans, _, _ = assemble(doc, found, {}, DEFAULT_CONFIG)
    return [(SPLICE[s.start : s.end], s.label.value, s.suggestion) for s in spans]


def test_a_name_inside_spliced_or_link_text_is_that_texts_not_a_mangled_name_of_the_article() -> None:
    for label in (Label.SPLICED_HEADLINE, Label.INJECTED_LINK):
        splice = ("Harbour Mayor Praises Ship Captain Young Mister Brown In Speech", label)
        assert _splice_spans(splice) == [(splice[0], label.value, None)]


def test_a_name_reaching_out_of_the_spliced_text_keeps_its_label() -> None:
    splice = ("Harbour Mayor Praises Ship Captain Young Mister", Label.SPLICED_HEADLINE)
    assert _splice_spans(splice) == [("Harbour Mayor Praises Ship Captain", "spliced_headline", None),
                                     (NAME, "mangled_name", "Mister Young Brown")]


LIST = "Trump urges voters to back Moore\n16:05 04.06.2025\nCanada approves gas exports\n12:03 03.06.2025"


def _list_spans(first: Label) -> list[tuple[str, str]]:
    doc = segment(LIST)
    lines = doc.blocks[0].lines
    stamps = [Hit(line.start, line.end, Label.BOILERPLATE, "furniture_timestamp", 0.9) for line in lines[1::2]]
    probs = {(line.start, line.end): 0.95 for line in lines[::2]}
    labels = {(lines[0].start, lines[0].end): first, (lines[2].start, lines[2].end): Label.INJECTED_LINK}
    spans, _, _ = assemble(doc, stamps, probs, DEFAULT_CONFIG, labels)
    return [(LIST[s.start : s.end], s.label.value) for s in spans]


def test_the_date_stamps_of_a_headline_list_join_the_list_as_seed_000_labels_it() -> None:
    assert _list_spans(Label.INJECTED_LINK) == [(LIST, "injected_link")]


def test_a_date_stamp_after_furniture_stays_furniture() -> None:
    assert _list_spans(Label.BOILERPLATE) == [("Trump urges voters to back Moore\n16:05 04.06.2025", "boilerplate"),
                                              ("Canada approves gas exports\n12:03 03.06.2025", "injected_link")]


def test_a_paragraph_without_hits_scores_as_the_sweep_over_its_lines_would() -> None:
    # _block_score adds up the lines directly when no hit is in the paragraph; a hit of strength 0
    # over the whole paragraph adds no cut inside a line and no damage, but takes the sweep
    import random

    from garble.spans import _block_score, count_visible

    random.seed(2)
    text = "Read more:\n  Talks resume on Monday.\nShare this\n\nOne line only.\n\nA\nB b\nC c c\nD"
    doc = segment(text)
    for _ in range(200):
        probs = {(ln.start, ln.end): random.choice([0.0, 1.0, random.random()]) for b in doc.blocks
                 for ln in b.lines}
        for block in doc.blocks:
            whole = Hit(block.start, block.end, Label.BOILERPLATE, "test", 0.0)
            visible = count_visible(block.text)
            assert _block_score(doc, block, [], probs, visible) == _block_score(doc, block, [whole], probs, visible)


HEADING = "7. Clinton Defends Being Prepared When Trump Questions Her Time Off the Trail"


def _heading_spans(line_label: Label, signal_end: int) -> list[tuple[str, str]]:
    doc = segment(HEADING)
    line = doc.blocks[0].lines[0]
    hits = [Hit(0, signal_end, Label.SPLICED_HEADLINE, "headline_title_case", 0.75)]
    spans, _, _ = assemble(doc, hits, {(line.start, line.end): 0.64}, DEFAULT_CONFIG,
                           {(line.start, line.end): line_label})
    return [(HEADING[s.start : s.end], s.label.value) for s in spans]


def test_the_rest_of_a_flagged_line_joins_the_headline_that_covers_most_of_it() -> None:
    # one span with one label, not the headline and "the Trail" as boilerplate beside it (data/wild)
    assert _heading_spans(Label.BOILERPLATE, HEADING.index(" the")) == [(HEADING, "spliced_headline")]


def test_the_rest_of_a_line_stays_the_line_label_when_the_headline_is_the_smaller_part() -> None:
    short = HEADING.index(" Being")
    assert _heading_spans(Label.BOILERPLATE, short) == [
        (HEADING[:short], "spliced_headline"), (HEADING[short + 1 :], "boilerplate")]


def test_a_line_the_label_head_calls_a_link_keeps_its_own_label_beside_the_headline() -> None:
    # the head's inline label is evidence of its own, not taken up by the headline: the link run it starts
    # then takes the headline in (garble.spans._link_runs), as before
    assert _heading_spans(Label.INJECTED_LINK, HEADING.index(" the")) == [(HEADING, "injected_link")]
