"""Name mentions: capitalised runs with titles, particles and possessives, offsets into the text."""

from __future__ import annotations

import re

import pytest

from garble.mentions import CONNECTORS, PARTICLES, WORD, _runs, find_mentions


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



def _walk(text: str, start: int = 0) -> list[list[str]]:
    """The runs read word by word over every WORD match (the loop find_mentions used to run)."""
    runs: list[list[str]] = []
    run: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []
    for m in WORD.finditer(text, start):
        word = m.group()
        if run:
            last = (pending or run)[-1]
            gap = text[last.end() : m.start()]
            if (gap == " " and not last.group().endswith("'s")) or (gap == ". " and len(last.group()) == 1):
                if word in PARTICLES or word in CONNECTORS:
                    pending.append(m)
                    continue
                if word[:1].isupper():
                    run += [*pending, m]
                    pending = []
                    continue
            runs.append([r.group() for r in run])
        run, pending = ([m] if word[:1].isupper() else []), []
    return [*runs, [r.group() for r in run]] if run else runs


@pytest.mark.parametrize("start", [0, 22, 23])
def test_skipping_lower_case_prose_gives_the_runs_a_word_by_word_walk_gives(start: int) -> None:
    text = ("the X-Men and U.S.-Japan talks in Las Vegas.The aide; Kim's aide. \N{DESERET CAPITAL LETTER LONG I}dam and Éric met "
            "a.-Bo, ab's'Cd and Ab's Tom of the Bank of Korea, J. Smith and van Dijk")
    assert [[m.group() for m in run] for run in _runs(text, start, len(text))] == _walk(text, start)
