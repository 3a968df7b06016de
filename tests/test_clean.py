"""clean(): repair what has a repair, keep names, remove furniture, tidy whitespace only where text went."""

from __future__ import annotations

import pytest

from garble.clean import remove_spans
from garble.datatypes import Label, Scan, Span
from garble.detector import clean, scan
from garble.segment import fold_breaks, paragraph_bounds


def _span(text: str, part: str, label: Label, suggestion: str | None = None) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), label, 0.9, "test", suggestion)


def test_mojibake_is_repaired_not_cut_out() -> None:
    assert clean("He said he didnâ€™t know.") == "He said he didn’t know."


def test_mojibake_repair_in_a_longer_text_keeps_every_word() -> None:
    text = "The cafÃ© on Main Street opened.\n\nOwners said they werenâ€™t sure."
    out = clean(text)
    assert "café" in out and "weren’t" in out and "Ã" not in out and "â€" not in out


def test_mangled_name_without_suggestion_is_kept() -> None:
    text = "The director, known as Edgar J., has promised reforms."
    result = Scan(text, (_span(text, "Edgar J.", Label.MANGLED_NAME),))
    assert remove_spans(result) == text


def test_mangled_name_with_suggestion_is_replaced() -> None:
    text = "Fed chairman Paul Volcekr said rates would rise."
    result = Scan(text, (_span(text, "Paul Volcekr", Label.MANGLED_NAME, "Paul Volcker"),))
    assert remove_spans(result) == "Fed chairman Paul Volcker said rates would rise."


def test_a_suggestion_for_more_than_the_span_is_not_applied() -> None:
    """A span holding only part of a name must not receive the whole name's repair."""
    text = "Fed chairman Paul Volcekr said."
    result = Scan(text, (_span(text, "Volcekr", Label.MANGLED_NAME, "Paul Volcker"),))
    assert remove_spans(result) == text


def test_doubled_word_suggestion_removes_the_copy() -> None:
    text = "It was the the plan."
    start = text.index("the the") + 4
    result = Scan(text, (Span(start, start + 3, Label.REPETITION, 0.8, "repetition_word", ""),))
    assert remove_spans(result) == "It was the plan."


def test_doubled_determiners_lose_one_word_not_both() -> None:
    """seed-001's "share a the willingness": cutting both articles left "share willingness"."""
    assert clean("Both leaders share a the willingness to engage diplomatically.") == (
        "Both leaders share the willingness to engage diplomatically.")
    assert clean("She said that the a plan was good for the city.") == "She said that a plan was good for the city."


def test_a_broken_text_repair_that_is_not_one_word_fewer_is_not_applied() -> None:
    text = "They share a the willingness."
    result = Scan(text, (_span(text, "a the willingness", Label.BROKEN_TEXT, "the"),))
    assert remove_spans(result) == "They share."


def test_whitespace_is_tidied_only_next_to_removed_text() -> None:
    text = "Talks  resume   today.\n\n\n\nRead more:\n\nMinisters   met."
    result = Scan(text, (_span(text, "Read more:", Label.BOILERPLATE),))
    # The double spaces elsewhere and the four newlines before the removal's gap belong to the text.
    assert remove_spans(result) == "Talks  resume   today.\n\nMinisters   met."


def test_removed_stretch_inside_a_line_leaves_one_space_and_none_before_punctuation() -> None:
    text = "Prices rose CLICK HERE , officials said CLICK HERE today."
    spans = tuple(Span(i, i + 10, Label.BOILERPLATE, 0.9, "x")
                  for i in (text.index("CLICK"), text.rindex("CLICK")))
    assert remove_spans(Scan(text, spans)) == "Prices rose, officials said today."


def test_crlf_text_keeps_its_line_ends() -> None:
    text = "First.\r\n\r\nShare this\r\n\r\nSecond."
    result = Scan(text, (_span(text, "Share this", Label.BOILERPLATE),))
    assert remove_spans(result) == "First.\r\n\r\nSecond."


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\N{LINE SEPARATOR}", "\N{PARAGRAPH SEPARATOR}"])
def test_a_line_cut_out_of_a_paragraph_leaves_one_paragraph(end: str) -> None:
    """The line ends either side of a removed line are no blank line: the paragraph is not split in two."""
    text = end.join(["Talks resume today.", "Share this", "Ministers met."])
    assert remove_spans(Scan(text, (_span(text, "Share this", Label.BOILERPLATE),))) == (
        f"Talks resume today.{end}Ministers met.")
    # two lines cut out one after the other, and a paragraph break after them
    text = end.join(["Talks resume today.", "Share this", "Read more:", "", "Ministers met."])
    spans = (_span(text, "Share this", Label.BOILERPLATE), _span(text, "Read more:", Label.BOILERPLATE))
    assert remove_spans(Scan(text, spans)) == f"Talks resume today.{end}{end}Ministers met."


def test_cleaning_a_flagged_line_keeps_the_paragraphs_of_the_text() -> None:
    text = ("The minister said on Monday that talks would resume next week.\nShare this article\n"
            "The budget vote is set for Tuesday after a long debate in the chamber.")
    assert [text[s.start : s.end] for s in scan(text).spans] == ["Share this article"]
    cleaned = clean(text)
    assert len(paragraph_bounds(fold_breaks(cleaned))) == len(paragraph_bounds(fold_breaks(text))) == 1
    assert cleaned == text.replace("Share this article\n", "")


@pytest.mark.parametrize("blank", ["\N{NO-BREAK SPACE}", "\N{EM SPACE}", "\N{IDEOGRAPHIC SPACE}"])
def test_a_line_of_unicode_spaces_is_no_paragraph_break_to_clean_either(blank: str) -> None:
    """The benchmark and scan split paragraphs only at lines of spaces and tabs; clean took a line of no-break
    spaces for a break too, and cutting the line after it split the one paragraph in two."""
    text = (f"The council approved the budget on Tuesday after a long debate about the harbour.\n{blank}\n"
            "Share this article\nThe mayor said the vote would let work on the new ferry terminal start in spring.")
    assert len(paragraph_bounds(fold_breaks(text))) == 1
    spans = (_span(text, "Share this article", Label.BOILERPLATE),)
    cleaned = remove_spans(Scan(text, spans))
    assert len(paragraph_bounds(fold_breaks(cleaned))) == 1 and "Share" not in cleaned


@pytest.mark.parametrize("end", ["\N{LINE SEPARATOR}", "\N{PARAGRAPH SEPARATOR}"])
def test_line_and_paragraph_separators_are_kept_as_line_ends(end: str) -> None:
    """garble reads U+2028 and U+2029 as line ends (segment.fold_spaces); cleaning keeps them as the text had them."""
    text = end.join(["The minister said on Monday that talks would resume next week.", "Share this article",
                     "The budget vote is set for Tuesday after a long debate in the chamber."])
    assert [text[s.start : s.end] for s in scan(text).spans] == ["Share this article"]
    assert clean(text) == text.replace(f"Share this article{end}", "")


def test_removing_everything_gives_empty_text() -> None:
    text = "  Share this \n\n Read more:  "
    spans = (_span(text, "Share this", Label.BOILERPLATE), _span(text, "Read more:", Label.BOILERPLATE))
    assert remove_spans(Scan(text, spans)) == ""


def test_text_without_spans_is_returned_unchanged() -> None:
    text = "  Indented  first line.\n\n\n\nSecond  paragraph.  "
    assert remove_spans(Scan(text)) == text


def test_a_suggestion_longer_than_a_partial_name_span_is_not_applied() -> None:
    text = "Fed chairman Paul Volcekr said."
    result = Scan(text, (_span(text, "Paul", Label.MANGLED_NAME, "Paul Volcker"),))
    assert remove_spans(result) == text


def test_span_suggestion_replaces_exactly_the_span_text() -> None:
    from garble.config import DEFAULT_CONFIG
    from garble.datatypes import Hit
    from garble.segment import segment
    from garble.spans import assemble

    text = "Fed chairman Paul Volcekr MORE said."
    name = text.index("Paul")
    misspelled = Hit(name, name + len("Paul Volcekr"), Label.MANGLED_NAME, "name_misspelled", 0.8, "Paul Volcker")
    alone, _, _ = assemble(segment(text), [misspelled], {}, DEFAULT_CONFIG)
    assert [(s.start, s.end, s.suggestion) for s in alone] == [(misspelled.start, misspelled.end, "Paul Volcker")]
    # a stronger hit takes "Volcekr": the name's span is cut to "Paul", which the suggestion must not replace
    cut = Hit(text.index("Volcekr"), text.index("said"), Label.BOILERPLATE, "furniture", 0.9)
    spans, _, _ = assemble(segment(text), [misspelled, cut], {}, DEFAULT_CONFIG)
    assert [(text[s.start : s.end], s.suggestion) for s in spans] == [("Paul", None), ("Volcekr MORE", None)]
    # joined with another name hit that has no suggestion, the span's suggestion repairs the first hit
    # and keeps the second as it stands (cleaning keeps a name it has no repair for)
    after = Hit(misspelled.end + 1, text.index("said"), Label.MANGLED_NAME, "name_doubled_token", 0.7)
    joined, _, _ = assemble(segment(text), [misspelled, after], {}, DEFAULT_CONFIG)
    assert [(text[s.start : s.end], s.suggestion) for s in joined] == [("Paul Volcekr MORE", "Paul Volcker MORE")]
    # joined with a hit whose suggestion is for more than the span holds, the span has none
    wider = Hit(misspelled.end + 1, len(text), Label.MANGLED_NAME, "name_misspelled", 0.7, "More said.")
    cut_short = Hit(text.index("said"), len(text), Label.BOILERPLATE, "furniture", 0.9)
    joined, _, _ = assemble(segment(text), [misspelled, wider, cut_short], {}, DEFAULT_CONFIG)
    assert [(text[s.start : s.end], s.suggestion) for s in joined] == [("Paul Volcekr MORE", None), ("said.", None)]


SPLIT = ("Leeds began with a remarkable work-rate and held the ball for long spells.\n\n"
         "A converted try from prop Tommy McGee and a penalty from full-back Leigh Hinton were the least they des"
         "\n\nerved for their superiority in the first half.\n\n"
         "The Finnish centre did a great job, I thought, of hanging on\n\n"
         "to the puck and really challenging their defence all night.")


def test_a_sentence_split_across_paragraphs_is_flagged_where_it_breaks() -> None:
    # l3s-body-dev and -test: a page split a sentence, once inside a word; the words are the text's own
    spans = [(SPLIT[s.start : s.end], s.label, s.reason) for s in scan(SPLIT).spans]
    assert ("least they des", Label.BROKEN_TEXT, "seam_split_word") in spans
    assert ("of hanging on", Label.BROKEN_TEXT, "seam_split_sentence") in spans


def test_cleaning_a_split_sentence_closes_the_break_and_keeps_its_words() -> None:
    # before, the words before the break were cut out: "Hinton were the\n\nerved for their superiority"
    cleaned = clean(SPLIT)
    assert "Leigh Hinton were the least they deserved for their superiority in the first half." in cleaned
    assert "of hanging on to the puck and really challenging" in cleaned
    assert cleaned.count("\n\n") == 2 and clean(cleaned) == cleaned


def test_a_sentence_cut_off_before_a_new_paragraph_is_still_cut_out() -> None:
    text = ("Leeds began with a remarkable work-rate and held the ball for long spells. A converted try from prop "
            "Tommy McGee and a penalty from Leigh Hinton were the least they deserved and\n\n"
            "They were the better side for the whole of the first half.")
    assert [(text[s.start : s.end], s.reason) for s in scan(text).spans] == [("they deserved and", "seam_cut_off")]
    assert "Hinton were the least\n\nThey were" in clean(text)


def test_a_sentence_split_by_a_paragraph_of_furniture_is_joined_past_it() -> None:
    # l3s-body-dev: "Barack Obama isn't just going to break" | "Advertisement" | "the mold — together, we are ..."
    text = ("Kerry said the party had a hard time with a candidate who breaks the mold. Barack Obama isn't just "
            "going to break\n\nAdvertisement\n\nthe mold, together we are going to shatter it into a million pieces.")
    assert ("going to break", "seam_split_sentence") in [(text[s.start : s.end], s.reason) for s in scan(text).spans]
    assert clean(text).endswith("Barack Obama isn't just going to break the mold, together we are going to shatter "
                                "it into a million pieces.")
