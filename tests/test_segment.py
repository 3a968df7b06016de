"""garble.segment: the folded text the signals read, one character for one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from garble.segment import MOJIBAKE_LEADS, fold_spaces

# fold_spaces as first written: the look-behind before the space, then one str.translate.
_SPACE_AFTER_NO_LEAD = re.compile(f"(?<![{MOJIBAKE_LEADS}])[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SEPARATORS = str.maketrans("\u2028\u2029", "\n\n")

# the characters fold_spaces reads, the lead bytes it must not split from a space, and some plain ones
_CHARS = st.sampled_from([*MOJIBAKE_LEADS, "\u00a0", "\u1680", "\u2000", "\u2009", "\u200a", "\u200b", "\u202f",
                          "\u205f", "\u3000", "\u2028", "\u2029", "\n", " ", "a", "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=12).map("".join))
def test_fold_spaces_is_the_look_behind_then_translate_definition(text: str) -> None:
    assert fold_spaces(text) == _SPACE_AFTER_NO_LEAD.sub(" ", text).translate(_SEPARATORS)


def test_fold_spaces_keeps_length_and_the_no_break_space_of_mojibake() -> None:
    text = "\u00a0Wordcount:\u00a0717\u2029caf\u00c3\u00a0\u3000"
    assert fold_spaces(text) == " Wordcount: 717\ncaf\u00c3\u00a0 "
    assert len(fold_spaces(text)) == len(text)
