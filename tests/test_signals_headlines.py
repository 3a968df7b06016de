"""Headline runs: chained headlines inside prose are flagged, ordinary prose is not."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from garble.datatypes import Label
from garble.segment import segment
from garble.signals.headlines import headline_runs

SPLICED = (
    "Officials and the party leader Lee Min Jun Seoul’s Lee Min Jun reports ‘grave error’ over Busan’s"
    " port plan state TV admits Lee Min Jun’s ‘weak stance’ Seoul slams trade door now for more"
    " pledged to keep the talks going."
)


def hits(text: str) -> list[tuple[str, float]]:
    doc = segment(text)
    return [(text[h.start : h.end], h.strength) for b in doc.blocks for h in headline_runs(b, doc)]


def test_chained_headlines_inside_a_sentence_are_one_strong_hit() -> None:
    [(span, strength)] = hits(SPLICED)
    assert span.startswith("Seoul’s Lee Min Jun reports") and span.endswith("now for more")
    assert strength >= 0.9


def test_the_hit_is_labelled_spliced_headline() -> None:
    doc = segment(SPLICED)
    assert {h.label for h in headline_runs(doc.blocks[0], doc)} == {Label.SPLICED_HEADLINE}


def test_headline_verbs_without_quotes_are_weak_evidence_only() -> None:
    text = ("Officials said Seoul port reports grow Busan dock admits delay Incheon yard slams plan"
            " amid protests over wages")
    assert all(strength < 0.5 for _, strength in hits(text))


def test_prose_full_of_names_is_left_alone() -> None:
    text = ("President Anna Berg of Norway met Prime Minister John Roe of Canada and Chancellor Eva Lind"
            " in Oslo on Monday to discuss trade.")
    assert hits(text) == []


def test_a_long_paragraph_of_capitalised_words_runs_in_linear_time() -> None:
    text = " ".join(["North Korea’s Kim reports ‘x’ over"] * 20000)
    t0 = time.perf_counter()
    hits(text)
    assert time.perf_counter() - t0 < 5


def test_the_long_run_check_agrees_with_the_runs_themselves() -> None:
    # headline_runs passes over a paragraph when _has_long_run says no run reaches MIN_RUN: it must
    # say so exactly when _bare_runs finds none (dots inside "U.S" and "1.5" do not break a run,
    # a dot ending a word, a comma, a spaced dash or a determiner does)
    from garble.signals.headlines import MIN_RUN, _bare_runs, _has_long_run, _long_runs

    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"]
    joins = [" ", " U.S ", " 1.5 ", ". ", ", ", " - ", " the ", " – ", " U.S. ", "—", " (", "’s "]
    texts = [SPLICED, "word " * 40, "Kim Jong-un’s  visit " * 8]
    for k, join in enumerate(joins):
        for cut in range(9, len(words)):
            texts.append(" ".join(words[:cut]) + join + " ".join(words[cut:]) + join + " ".join(words[: k + 1]))
    long_ones = 0
    for text in texts:
        block = segment(text).blocks[0]
        expected = any(len(run) >= MIN_RUN for run in _bare_runs(block))
        assert _has_long_run(block.text) == expected, text
        assert list(_long_runs(block.text)) == [run for run in _bare_runs(block) if len(run) >= MIN_RUN], text
        long_ones += expected
    assert 0 < long_ones < len(texts)


WORDS = ["Korea", "slams", "Kim", "reports", "‘serious", "Jong-un’s", "A-B", "the", ",", "studies", "Öl", "sees", "x",
         "McDonald", "U.S.", "abCs", "‘", "'-", "is"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "", " - ", "’ ", "'-"])), max_size=16))
def test_mark_hint_finds_two_wherever_a_run_holds_two_marks(pieces: list[tuple[str, str]]) -> None:
    # headline_runs passes over a paragraph with fewer than two MARK_HINT matches: no run may hold two marks
    from garble.signals.headlines import MARK_HINT, _bare_runs, _evidence

    text = "".join(word + gap for word, gap in pieces).strip()
    if not text:
        return
    block = segment(text).blocks[0]
    if any(len(_evidence(run, block.text)) >= 2 for run in _bare_runs(block)):
        assert len(MARK_HINT.findall(block.text)) >= 2, block.text
