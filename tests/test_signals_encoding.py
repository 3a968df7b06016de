"""Encoding: mojibake that ftfy can repair and broken characters; accented text is clean."""

from __future__ import annotations

from garble.segment import segment
from garble.signals import encoding


def texts(text: str) -> list[tuple[str, str]]:
    doc = segment(text)
    return [(text[h.start : h.end], h.reason) for b in doc.blocks
            for s in (encoding.mojibake, encoding.bad_characters) for h in s(b, doc)]


def test_mojibake_flags_the_damaged_word_with_its_repair() -> None:
    doc = segment("Mark Oâ€™Donnell said")
    [hit] = encoding.mojibake(doc.blocks[0], doc)
    # the gold convention (corpus/build/synth-heldout) is the whole damaged word
    assert doc.text[hit.start : hit.end] == "Oâ€™Donnell" and hit.suggestion == "O’Donnell"


def test_two_mojibake_runs_in_one_word_are_one_hit() -> None:
    assert texts("He wrote â€œquotedâ€\x9d today.") == [("â€œquotedâ€\x9d", "encoding_mojibake")]


def test_mojibake_at_a_line_start_stops_at_the_line_break() -> None:
    assert texts("First line\ncafÃ© au lait") == [("cafÃ©", "encoding_mojibake")]


def test_replacement_and_control_characters_flag_their_words() -> None:
    assert texts("a\N{REPLACEMENT CHARACTER}b c\x07d") == [("a\N{REPLACEMENT CHARACTER}b", "encoding_bad_character"),
                                                         ("c\x07d", "encoding_bad_character")]


def test_bad_character_suggestion_drops_the_bad_characters() -> None:
    doc = segment("He s\N{REPLACEMENT CHARACTER}aid \N{REPLACEMENT CHARACTER}\N{REPLACEMENT CHARACTER} so.")
    assert [h.suggestion for h in encoding.bad_characters(doc.blocks[0], doc)] == ["said", None]


def test_accented_and_non_latin_text_is_clean() -> None:
    assert texts("Café José Müller, Zoë Ørsted, Ångström, Тбилиси, 東京, naïve façade.") == []


def test_bad_characters_after_other_unicode_spaces_end_their_own_token() -> None:
    # U+2028 and U+00A0 are spaces to Python but not to a " \t\n\r" search (a hang once)
    assert texts("x\u2028\N{REPLACEMENT CHARACTER}y z\xa0\N{REPLACEMENT CHARACTER}") == [
        ("\N{REPLACEMENT CHARACTER}y", "encoding_bad_character"), ("\N{REPLACEMENT CHARACTER}", "encoding_bad_character")]


def test_the_lead_character_sets_are_exactly_where_matches_can_start() -> None:
    # mojibake and bad_characters search the full patterns only in a text holding a lead character
    for lead, pattern in ((encoding.MOJIBAKE_LEAD, encoding.MOJIBAKE_RUN), (encoding.BAD_LEAD, encoding.BAD_CHARACTER)):
        starts = {chr(i) for i in range(0x10000) if pattern.match(chr(i) + "\N{PADDING CHARACTER}" * 2)}
        assert starts == {chr(i) for i in range(0x10000) if lead.match(chr(i))}
