"""Mangled names: seed-004's three names are flagged, legitimate variation stays clean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import garble
from garble import gazetteer
from garble.config import Config
from garble.datatypes import Label
from garble.segment import segment
from garble.signals.name_census import common_surname
from garble.signals.name_people import People
from garble.signals.names import find_mangled, mangled_names

CASES = Path(__file__).parent / "cases"
CLEAN = json.loads((CASES / "names_clean.json").read_text(encoding="utf-8"))
MANGLED = json.loads((CASES / "names_mangled.json").read_text(encoding="utf-8"))


def hits(text: str, names: tuple[str, ...] = ()) -> list[garble.datatypes.Hit]:
    return list(find_mangled(segment(text), gazetteer.load(names)))


@pytest.mark.parametrize("case", CLEAN, ids=[c["comment"] for c in CLEAN])
def test_legitimate_variation_is_not_flagged(case: dict[str, Any]) -> None:
    assert [case["text"][h.start : h.end] for h in hits(case["text"])] == []


@pytest.mark.parametrize("case", MANGLED, ids=[c["comment"] for c in MANGLED])
def test_each_kind_of_damage_is_flagged_with_its_reason(case: dict[str, Any]) -> None:
    found = [(case["text"][h.start : h.end], h.reason) for h in hits(case["text"])]
    assert found == [(case["spans"][0]["text"], case["expect"])]


def test_every_hit_is_a_mangled_name_with_evidence() -> None:
    for case in MANGLED:
        for h in hits(case["text"]):
            assert h.label is Label.MANGLED_NAME
            assert h.evidence and 0.5 <= h.strength <= 1.0


def test_a_variant_names_the_mention_it_conflicts_with_and_where() -> None:
    text = MANGLED[3]["text"]
    (hit,) = hits(text)
    assert hit.suggestion == "Vladimir Putin"
    assert f'"Vladimir Putin" (at {text.index("Vladimir Putin")})' in (hit.evidence or "")


def test_user_names_give_the_suggestion_for_a_swap() -> None:
    text = "The remarks came after Kim Jong Yo, the leader's sister, spoke."
    (hit,) = hits(text, ("Kim Yo Jong",))
    assert (text[hit.start : hit.end], hit.suggestion) == ("Kim Jong Yo", "Kim Yo Jong")
    assert "(gazetteer)" in (hit.evidence or "")


def test_a_damaged_name_is_no_evidence_against_the_correct_one() -> None:
    # "Kim Jong Yo" is one part off "Kim Jong Un"; the correct "Kim Yo Jong" later is not its swap
    text = ("Kim Jong Yo, the sister of leader Kim Jong Un, issued a statement on Tuesday.\n\n"
            "Kim Yo Jong said the South had crossed a line.")
    assert [(text[h.start : h.end], h.reason) for h in hits(text)] == [("Kim Jong Yo", "name_variant_conflict")]


def test_a_doubled_token_is_put_right_by_the_name_the_text_gives_elsewhere() -> None:
    # the "New Son Son Gwon" for Ri Son Gwon: with the name in the text, the fix is the name
    text = "Foreign Minister New Son Son Gwon said on Tuesday that talks were over. Ri Son Gwon is a former officer."
    (hit,) = hits(text)
    assert (text[hit.start : hit.end], hit.reason, hit.suggestion) == ("New Son Son Gwon", "name_doubled_token", "Ri Son Gwon")
    assert garble.clean(text).startswith("Foreign Minister Ri Son Gwon said")
    alone = "Foreign Minister New Son Son Gwon said on Tuesday that talks were over."
    assert [h.suggestion for h in hits(alone)] == ["New Son Gwon"]  # nothing better to go on


def test_the_default_signal_uses_the_shipped_gazetteer() -> None:
    doc = segment("Minister New Son Son Gwon said no.")
    assert [h.reason for h in mangled_names(doc)] == ["name_doubled_token"]


def test_seed_004_names_are_flagged(seeds: dict[str, Any]) -> None:
    doc = seeds["seed-004"]
    text = doc["text"]
    found = {text[h.start : h.end]: h for h in hits(text, ("Kim Yo Jong",))}
    for gold in doc["spans"]:
        if gold["label"] == "mangled_name":
            assert text[gold["start"] : gold["end"]] in found
    assert found["Kim Jong Yo"].suggestion == "Kim Yo Jong"


def test_seed_000_has_no_mangled_name(seeds: dict[str, Any]) -> None:
    assert hits(seeds["seed-000"]["text"]) == []
    assert not [s for s in garble.scan(seeds["seed-000"]["text"]).spans if s.label == Label.MANGLED_NAME]


def test_config_names_reach_the_gazetteer() -> None:
    config = Config(names=("Kim Yo Jong",))
    assert gazetteer.name_key("Kim Yo Jong") in gazetteer.load(config.names)


def test_cost_is_linear_in_the_text_length() -> None:
    para = MANGLED[3]["text"] + " " + CLEAN[0]["text"]
    small = hits("\n\n".join([para] * 20))
    big = hits("\n\n".join([para] * 200))
    assert len(big) == 10 * len(small)


def test_a_name_read_against_a_surname_used_alone_suggests_the_whole_name() -> None:
    text = "The plan was drawn up by Pierre Court, the company's founder. Peladeau said he would step down next year."
    (hit,) = hits(text)
    assert (hit.reason, hit.suggestion) == ("name_common_word", "Pierre Peladeau")
    assert f'(at {text.index("Peladeau")})' in (hit.evidence or "")


def test_a_dropped_surname_keeps_the_initial_as_written() -> None:
    text = "The chairman, J. Michael, said the offer was too low. Kaplan said he would not sell."
    (hit,) = hits(text)
    assert hit.suggestion == "J. Michael Kaplan"


def test_a_firm_or_a_place_said_to_speak_is_not_a_person() -> None:
    person = "Finance Minister Union Wilkerson said the budget would balance. Wilkerson said he expected no tax rise."
    firm = "Union Wilkerson Corp said sales rose. Union Wilkerson said it would gain, and Wilkerson said it would cut costs."
    assert [h.reason for h in hits(person)] == ["name_common_word"]
    assert hits(firm) == []


def test_a_common_word_opening_a_sentence_before_a_surname_never_given_in_full_is_flagged() -> None:
    text = "Trade talks resumed on Monday. Union Arnott, Australia's delegate, spoke first. Arnott said he was hopeful."
    (hit,) = hits(text)
    assert (text[hit.start : hit.end], hit.reason) == ("Union Arnott", "name_common_word")


def test_a_common_word_for_a_surname_is_read_against_the_first_surname_used_alone_after_it() -> None:
    text = ("Transport Minister John Bank said the ship would sail. In a later address, Crosbie said "
            "the cost was fair. Crosibie said he would return.")
    (hit,) = hits(text)
    assert (text[hit.start : hit.end], hit.suggestion) == ("John Bank", "John Crosbie")


def test_a_firm_said_to_speak_after_a_person_with_a_common_word_surname_is_not_an_orphan() -> None:
    # (fixed by the census: 31 in 100,000 people are named Cross, so it is a surname, not a replacement)
    assert hits("The plan was backed by investor Theodore Cross, who owns six pct. Harpers said it agreed.") == []


def test_a_common_word_that_is_a_common_surname_is_no_replacement_of_an_orphan() -> None:
    text = "The loss was small, said bank spokesman James Day. Elkins said the bank would recover."
    assert hits(text) == []
    damaged = text.replace("Day", "Office")
    assert [damaged[h.start : h.end] for h in hits(damaged)] == ["James Office"]


def test_a_common_word_opening_a_name_after_said_and_before_of_a_firm() -> None:
    text = "Rates will rise, said Army Williams of Bankers Trust Co. He expects a cut later."
    assert [(text[h.start : h.end], h.reason) for h in hits(text)] == [("Army Williams", "name_common_word")]
    assert hits("Rates rose, and Gold Fields of South Africa Ltd said it would sell the mine.") == []


def test_a_doubled_token_is_flagged_in_its_own_name_not_in_the_firm_joined_to_it() -> None:
    text = "But pharmaceutical analyst Mark Mark Clark of Barclays de Zoete Wedd said the drug would sell."
    (hit,) = hits(text)
    assert (text[hit.start : hit.end], hit.suggestion) == ("Mark Mark Clark", "Mark Clark")


def test_a_run_of_doubled_noise_words_is_no_name() -> None:
    """data/wild: a writer's coughing fit, two repeats in one capitalised run, was flagged name_doubled_token."""
    text = "Because she could be the next *Cough Cough HmHmm Uck Khoff Khak Khak Gack* excuse me, President."
    assert hits(text) == []
    one = "Minister New Son Son Gwon said talks would go on."
    assert [one[h.start : h.end] for h in hits(one)] == ["New Son Son Gwon"]


def test_a_common_word_for_a_given_name_after_a_title_needs_no_other_evidence() -> None:
    text = "The river rose after heavy rain. Gov. Army Bellmon, who declared an emergency, toured the area."
    (hit,) = hits(text)
    assert (text[hit.start : hit.end], hit.reason) == ("Army Bellmon", "name_common_word")


def test_a_name_that_ends_in_an_initial_before_and_lost_its_surname() -> None:
    text = "Caesars World Inc said it filed a lawsuit against Martin T. and MTS Acquisition Corp on Monday."
    (hit,) = hits(text)
    assert (text[hit.start : hit.end], hit.reason) == ("Martin T.", "name_dropped_token")


def test_given_names_only_after_a_title_suggest_the_surname_the_text_then_uses_alone() -> None:
    text = "Bundesbank President Karl Hugh said rates would hold. Liedtke said he agreed with the bank."
    assert [(text[h.start : h.end], h.reason, h.suggestion) for h in hits(text)] == [
        ("Karl Hugh", "name_dropped_token", "Karl Hugh Liedtke")]


def test_given_names_only_with_the_first_used_alone_suggest_the_swap() -> None:
    text = "Bundesbank President Thomas Michael said rates would hold. Thomas said he agreed."
    assert [h.suggestion for h in hits(text)] == ["Michael Thomas"]


def test_a_name_that_ends_in_an_initial_suggests_the_surname_the_text_then_uses_alone() -> None:
    text = "The board named Edgar J., a former banker, as chairman on Monday. Kellerman said he was pleased."
    assert [(text[h.start : h.end], h.suggestion) for h in hits(text)] == [("Edgar J.", "Edgar J. Kellerman")]


def test_an_initial_after_the_surname_is_a_swap_and_goes_back_before_it() -> None:
    text = "The company said David Mizrahi T. would join the board. Mizrahi said he was pleased."
    assert [(h.reason, h.suggestion) for h in hits(text)] == [("name_swapped_tokens", "David T. Mizrahi")]


def test_a_common_word_for_a_surname_read_against_the_census_suggests_the_one_surname_used_alone_after_it() -> None:
    key, words, g, c = gazetteer.name_key("Paul Office"), ["Paul", "Office"], gazetteer.from_names([]), gazetteer.census()
    one = common_surname(key, words, People({"baker": 30}), g, c, start=0)
    two = common_surname(key, words, People({"baker": 30, "hamm": 40}), g, c, start=0)
    assert (one and one.suggestion, two and two.reason, two and two.suggestion) == ("Paul Baker", "name_common_word", None)


@pytest.mark.parametrize("text, name", [
    ("It had been closed since March. Mayor Okafor Maria Okafor told reporters it would reopen.", "Maria Okafor"),
    ("101 Things All Young Adults Should Know by Sir John Hawkins John Hawkins's book is out.", "John Hawkins"),
])
def test_a_hover_cards_name_after_the_same_name_is_an_injected_link(text: str, name: str) -> None:
    found = [(text[h.start : h.end], h.label, h.reason) for h in hits(text)]
    assert found == [(name, Label.INJECTED_LINK, "link_hover_name")]
    assert text.rindex(name) == next(h.start for h in hits(text))  # the repeat, not the first name
