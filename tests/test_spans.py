"""Span assembly: which candidates become spans."""

from __future__ import annotations

from garble.config import DEFAULT_CONFIG
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
