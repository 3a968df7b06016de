"""The same article in the forms text arrives in: line ends of any style, a byte-order mark, Unicode
spaces, control characters that Python calls space, decomposed accents; and cleaning what was found."""

from __future__ import annotations

import unicodedata

import pytest

import garble
from garble import Label

ARTICLE = (
    "The city council approved a new budget on Tuesday after a long debate about spending on roads, schools "
    "and parks.\n\nMayor Jane Smith said the plan would keep taxes flat for a third year while adding forty new "
    "teachers.\n\nCritics said the plan relied on optimistic forecasts of sales tax revenue and would leave the "
    "city exposed if the economy slowed.\n\nThe budget takes effect on July 1."
)
PAGE = "Read more:\n\n" + ARTICLE + "\n\nShare this article"


def _flagged(text: str) -> list[str]:
    return [text[s.start : s.end] for s in garble.scan(text).spans]


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_read_as_line_feeds(line_end: str) -> None:
    text = PAGE.replace("\n", line_end)
    result = garble.scan(text)
    assert len(result.paragraphs) == len(garble.scan(PAGE).paragraphs) == 6
    assert _flagged(text) == _flagged(PAGE) == ["Read more:", "Share this article"]
    # cleaning keeps every article paragraph, in the text's own line ends
    assert garble.clean(text) == ARTICLE.replace("\n", line_end)


def test_a_byte_order_mark_does_not_hide_the_first_line() -> None:
    assert _flagged("\ufeff" + PAGE)[0] == "Read more:"
    assert garble.clean("\ufeff" + PAGE) == "\ufeff" + ARTICLE  # the mark kept first, no blank line after it


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u3000"])
def test_unicode_spaces_read_as_spaces(space: str) -> None:
    line = "Wordcount: 717"
    assert _flagged(line + "\n\n" + ARTICLE) == [line]
    odd = line.replace(" ", space)
    assert _flagged(odd + "\n\n" + ARTICLE) == [odd]


def test_a_no_break_space_in_mojibake_is_still_mojibake() -> None:
    text = "The voilÃ\u00a0 moment came on Tuesday, the mayor said after the council meeting ended."
    spans = garble.scan(text).spans
    assert [(text[s.start : s.end], s.label, s.suggestion) for s in spans] == [("voilÃ\u00a0", Label.ENCODING, "voilà")]


@pytest.mark.parametrize("control", ["\x0b", "\x0c", "\x1c", "\x1f", "\x85"])
def test_a_control_character_python_calls_space_is_inside_its_span(control: str) -> None:
    text = f"Shoppers said the sales on Black Friday,{control} were the best in years, the retailer said."
    at = text.index(control)
    assert any(s.start <= at < s.end for s in garble.scan(text).spans)
    assert garble.clean(text) == "Shoppers said the sales on Black Friday, were the best in years, the retailer said."


def test_neighbouring_repairs_are_each_made() -> None:
    text = "It was the mayorâ€™s â€œbest dayâ€\x9d in office, officials said on Monday."
    assert garble.clean(text) == "It was the mayor’s “best day” in office, officials said on Monday."
    text = "Shoppers said the sales on Black \x00Friday \x00were the best in years, the retailer reported."
    assert garble.clean(text) == "Shoppers said the sales on Black Friday were the best in years, the retailer reported."


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u3000", " \u2009"])
def test_repairs_joined_across_a_unicode_space_keep_that_space(space: str) -> None:
    """The text between two repaired words is the caller's: a no-break space there stayed no plain space."""
    text = f"It was the mayorâ€™s{space}â€œbest day in office, officials said on Monday."
    [span] = garble.scan(text).spans
    assert text[span.start : span.end] == f"mayorâ€™s{space}â€œbest" and span.suggestion == f"mayor’s{space}“best"
    assert garble.clean(text) == f"It was the mayor’s{space}“best day in office, officials said on Monday."


def test_a_word_written_three_times_is_cleaned_in_one_go() -> None:
    cleaned = garble.clean("The council voted for for for the budget on Tuesday after a long debate.")
    assert cleaned == "The council voted for the budget on Tuesday after a long debate."
    assert garble.clean(cleaned) == cleaned


def test_no_span_ends_inside_a_decomposed_letter() -> None:
    """The word patterns read a combining mark (an NFD accent) as a word's end; a span ending there once cut
    the letter from its accent, and cleaning left a stray tilde."""
    text = unicodedata.normalize("NFD", "Residents of 3170 W. County Roãd 60 said the bridge had been closed since Tuesday.")
    for span in garble.scan(text).spans:
        assert not unicodedata.combining(text[span.end]) if span.end < len(text) else True


def test_repairs_on_two_lines_are_two_spans_each_made() -> None:
    for line_end in ("\n", "\r\n"):
        text = f"The city said the mayorâ€™s{line_end}â€œbest day in office was Monday, officials said."
        assert garble.clean(text) == f"The city said the mayor’s{line_end}“best day in office was Monday, officials said."


def test_weights_may_be_named_by_a_path() -> None:
    from pathlib import Path

    from garble.pipeline import weights_path

    config = garble.Config(model_path=Path(weights_path("page")))  # type: ignore[arg-type]
    assert config.model_path == weights_path("page") and garble.scan(PAGE, config).spans


def test_eval_reads_the_paragraphs_scan_gives_in_any_line_ends() -> None:
    """garble eval splits gold as scan does; on CRLF text it once saw one paragraph where scan gave three,
    and scored every damaged paragraph a miss."""
    from garble.evaluate import score

    figures = []
    for line_end in ("\n", "\r\n"):
        text = PAGE.replace("\n", line_end)
        gold = [{"id": "a", "text": text, "spans": [{"start": 0, "end": 10, "label": "boilerplate"}]}]
        figures.append(score(gold, {"a": garble.scan(text).to_dict("a")}))
    keys = ("paragraph_miss_rate", "paragraph_false_alarm_rate", "paragraph_mae", "paragraphs_dirty", "paragraphs_clean")
    assert [f[k] for k in keys for f in figures[:1]] == [f[k] for k in keys for f in figures[1:]]
    assert figures[1]["paragraph_miss_rate"] == 0.0
