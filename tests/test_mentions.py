"""Name mentions: capitalised runs with titles, particles and possessives, offsets into the text."""

from __future__ import annotations

from garble.mentions import find_mentions


def names(text: str) -> list[str]:
    return [m.text for m in find_mentions(text)]


def test_offsets_point_at_the_name_without_title_or_possessive() -> None:
    text = "the Chinese President Xi Jinping’s visit"
    (m,) = find_mentions(text)
    assert (text[m.start : m.end], m.title) == ("Xi Jinping", "Chinese President")


def test_particles_stay_inside_a_name() -> None:
    assert names("talks with Mohammed bin Salman and Ludwig van Beethoven") == [
        "Mohammed bin Salman and Ludwig van Beethoven"]


def test_names_split_at_connectors() -> None:
    (m,) = find_mentions("talks with Mohammed bin Salman and Ludwig van Beethoven")
    assert [" ".join(t.text for t in n) for n in m.names()] == ["Mohammed bin Salman", "Ludwig van Beethoven"]


def test_initials_and_abbreviated_titles_join_the_name() -> None:
    assert names("said Mr. John F. Kennedy") == ["John F. Kennedy"]


def test_punctuation_ends_a_name() -> None:
    assert names("Kim, Xi and Putin met.") == ["Kim", "Xi and Putin"]


def test_sentence_initial_function_words_and_weekdays_are_not_names() -> None:
    assert names("The Monday Kim said. But Xi Jinping left.") == ["Kim", "Xi Jinping"]


def test_sentence_initial_flag() -> None:
    flags = [m.sentence_initial for m in find_mentions("Kim spoke. Then he met Xi.")]
    assert flags == [True, False]


def test_empty_text_has_no_mentions() -> None:
    assert names("") == []
