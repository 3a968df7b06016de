"""Encoding: mojibake that ftfy can repair and broken characters; accented text is clean."""

from __future__ import annotations

from garble.segment import segment
from garble.signals import encoding


def texts(text: str) -> list[tuple[str, str]]:
    doc = segment(text)
    return [(text[h.start : h.end], h.reason) for b in doc.blocks
            for s in (encoding.mojibake, encoding.bad_characters) for h in s(b, doc)]


def test_mojibake_is_flagged_with_its_repair() -> None:
    doc = segment("Mark Oâ€™Donnell")
    [hit] = encoding.mojibake(doc.blocks[0], doc)
    assert doc.text[hit.start : hit.end] == "â€™" and hit.suggestion == "’"  # replaces exactly the flagged run


def test_replacement_and_control_characters_are_flagged() -> None:
    assert texts("a\N{REPLACEMENT CHARACTER}b c\x07d") == [("\N{REPLACEMENT CHARACTER}", "encoding_bad_character"),
                                                         ("\x07", "encoding_bad_character")]


def test_accented_and_non_latin_text_is_clean() -> None:
    assert texts("Café José Müller, Zoë Ørsted, Ångström, Тбилиси, 東京, naïve façade.") == []
