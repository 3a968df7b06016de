"""Property tests (issue 7): ``scan`` and ``clean`` on arbitrary, hostile Unicode text.

The strategies mix realistic news words and known damage (furniture, links, names,
mojibake) with control characters, lone surrogates, combining marks, right-to-left
text, emoji, zero-width characters, NUL and every line-end convention, joined by
spaces, newlines and blank lines so that paragraphs and lines really occur.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

import garble
from garble.clean import SPLIT_SENTENCE, SPLIT_WORD, remove_spans
from garble.datatypes import Label, Span
from garble.detector import clean as garble_clean  # garble.clean can be shadowed by the garble.clean module
from garble.segment import fold_breaks, paragraph_bounds

WORDS = [
    "the", "minister", "said", "on", "Monday", "that", "talks", "would", "resume.", "It", "was",
    "John", "Smith", "Smith,", "Kim", "Jong-un", "Paul", "Volcker", "Volcekr", "J.", "the the",
    "Read more:", "Share this", "Advertisement", "Click here", "http://example.com/a?b=1",
    "www.example.org", "@reuters", "didnâ€™t", "cafÃ©", "â€œquotedâ€\x9d", "Ã", "â€", "\ufffd",
    "BREAKING:", "Photo: AP", "(Reporting by Jane Doe)", "...", "--", "!!!", "'", '"',
]
SPECIALS = [
    "\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9d", "\ud800", "\udfff", "\ud83d",
    "\u0301", "e\u0301", "\u0308\u0308\u0308", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060",
    "\u202e", "\u200f", "שלום", "مرحبا", "\U0001f600", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\t", "\r", "\r\n", "\n", "\n\n", "\n \t\n", "\r\n\r\n",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\n \n", "\t", ""]

piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(SPECIALS),
    st.text(max_size=8),  # any code points, surrogates included
    st.characters(codec=None),
)
texts = st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda pairs: "".join(p + s for p, s in pairs)
)
any_text = st.one_of(texts, st.text(max_size=200))

PROPS = settings(max_examples=60, deadline=None)

HOSTILE = [
    "",
    "\ud800",
    "\x00\n\n\x00",
    "didnâ€™t\r\n\r\nRead more:\r\rShare this",
    "\u202eJohn Smith\u202c said\n \n\u200b\n\nJohn Smiht said",
    "e\u0301" * 30 + "\n\n" + "\U0001f600" * 10,
]


def _check_scan(text: str) -> garble.Scan:
    result = garble.scan(text)
    assert result.text == text
    prev_end = 0
    for span in result.spans:
        assert 0 <= prev_end <= span.start < span.end <= len(text), (span, prev_end)
        assert span.label in garble.LABELS
        assert 0.0 <= span.score <= 1.0
        prev_end = span.end
    assert [(p.start, p.end) for p in result.paragraphs] == paragraph_bounds(fold_breaks(text))  # any line ends
    assert all(0.0 <= p.score <= 1.0 for p in result.paragraphs)
    assert 0.0 <= result.score <= 1.0
    return result


@settings(PROPS)
@given(any_text)
@example("")
@example("\ud800\n\n\udfff")
@example("\r\n\r\n\r\n")
def test_scan_spans_paragraphs_and_scores_are_well_formed(text: str) -> None:
    _check_scan(text)


@settings(PROPS)
@given(texts)
def test_scan_is_deterministic(text: str) -> None:
    assert garble.scan(text) == garble.scan(text)
    assert garble.scan(text).to_dict("x") == garble.scan(text).to_dict("x")


def test_hostile_examples_scan_cleanly() -> None:
    for text in HOSTILE:
        _check_scan(text)


def _visible(text: str) -> Counter[str]:
    return Counter("".join(text.split()))


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(PROPS)
@given(any_text)
@example("didnâ€™t\n\nRead more:")
@example("the the plan\n\nShare this")
def test_clean_never_adds_text(text: str) -> None:
    """clean() only deletes and tidies whitespace, apart from applying span suggestions.

    Precisely: the multiset of non-space characters of ``clean(text)`` is contained in
    that of ``text`` plus those of every flagged span's ``suggestion``; and when no span
    carries a suggestion, the cleaned text's non-space characters are a subsequence of
    the input's (order kept, nothing invented).
    """
    result = garble.scan(text)
    cleaned = garble_clean(text)
    allowed = _visible(text)
    for span in result.spans:
        allowed += _visible(span.suggestion or "")
    assert not _visible(cleaned) - allowed
    if all(s.suggestion is None for s in result.spans):
        assert _subsequence("".join(cleaned.split()), "".join(text.split()))


@settings(PROPS)
@given(texts)
def test_clean_of_clean_text_keeps_every_visible_character(text: str) -> None:
    """A text with no flagged span comes back with all its non-space characters, in order."""
    result = garble.scan(text)
    if result.spans:
        return
    assert "".join(garble_clean(text).split()) == "".join(text.split())


def test_non_text_input_is_a_type_error_that_says_to_decode() -> None:
    import pytest

    for value in (b"bytes", None, 42, ["a"]):
        with pytest.raises(TypeError, match="decode"):
            garble.scan(value)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"garble\.clean\(\).*decode"):  # not only scan(), which clean calls
            garble.clean(value)  # type: ignore[arg-type]


@st.composite
def scans_with_splits(draw: st.DrawFn) -> garble.Scan:
    """A text of words, line and paragraph breaks, and sorted, disjoint spans, some of them split sentences."""
    text = draw(st.lists(st.sampled_from(["ab", "cd ", " ", "\n", "\n\n", "Ef", "."]), max_size=40).map("".join))
    bounds = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    spans = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        if start < end:
            reason = draw(st.sampled_from(["x", SPLIT_WORD, SPLIT_SENTENCE]))
            label = Label.BROKEN_TEXT if reason != "x" else draw(st.sampled_from([Label.BOILERPLATE, Label.BROKEN_TEXT]))
            spans.append(Span(start, end, label, 0.9, reason))
    return garble.Scan(text, tuple(spans))


@settings(PROPS)
@given(scans_with_splits())
def test_cleaning_keeps_a_split_sentences_words_and_invents_none(result: garble.Scan) -> None:
    """Whatever the layout, a split span's words stay, in order, and nothing but a space is written between."""
    cleaned = remove_spans(result)
    assert _subsequence("".join(cleaned.split()), "".join(result.text.split()))
    kept = "".join(result.text[s.start : s.end] for s in result.spans if s.reason in (SPLIT_WORD, SPLIT_SENTENCE))
    assert _subsequence("".join(kept.split()), "".join(cleaned.split()))
