"""garble.corrupt: labelled synthetic documents, deterministic from a seed."""

from __future__ import annotations

import random
from collections import Counter

from garble.corrupt import CLEAN_SHARE, NO_ARTICLE_WORDS, Lexicon, corrupt
from garble.datatypes import LABELS

LEX = Lexicon(
    ("Senate passes stopgap spending bill", "Markets slide as oil jumps", "Storm batters coast | Live updates"),
    ("Jane Doe", "Ri Son Gwon", "Kim Yo Jong"),
)
ARTICLES = [
    {"id": f"a{i}", "meta": {"title": "TALKS RESUME"}, "text": (
        f"GENEVA, March {i % 28 + 1} - Officials said on Monday that talks with Acme Holdings would resume "
        "next week after a pause of several months. The delegations met Peter Smith in the city.\n\n"
        "The talks are expected to last three days, according to a statement issued by the ministry on "
        "Sunday evening. Prices rose 1.05 dlrs in early trade.\n\n"
        "A spokesman for the company declined to comment on the details of the proposal when reached by "
        "telephone on Monday afternoon.")}
    for i in range(300)
]


def make(seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [corrupt(a, rng, LEX) for a in ARTICLES]


def test_same_seed_same_corpus_and_another_seed_differs() -> None:
    assert make(7) == make(7)
    assert make(7) != make(8)


def test_spans_are_sorted_disjoint_in_bounds_and_non_blank() -> None:
    for doc in make(1):
        ends = 0
        for sp in doc["spans"]:
            assert ends <= sp["start"] < sp["end"] <= len(doc["text"])
            assert doc["text"][sp["start"] : sp["end"]].strip()
            ends = sp["end"]


def test_every_label_is_produced() -> None:
    counts = Counter(sp["label"] for doc in make(2) for sp in doc["spans"])
    assert set(counts) == {label.value for label in LABELS}


def test_a_share_of_documents_stays_clean_and_untouched() -> None:
    docs = make(3)
    clean = [d for d in docs if not d["spans"]]
    assert 0.5 * CLEAN_SHARE < len(clean) / len(docs) < 2 * CLEAN_SHARE
    source = {a["id"]: a for a in ARTICLES}
    for d in clean:
        assert source[d["meta"]["source"]]["text"] in d["text"]


def test_joinings_vary() -> None:
    texts = [d["text"][sp["start"] - 1 : sp["start"]] for d in make(4) for sp in d["spans"]
             if sp["label"] == "injected_link" and sp["start"]]
    assert {" ", "\n"} <= set(texts)
    assert any(ch.isalnum() for ch in texts)  # glued to the preceding word without a space


def test_a_source_paragraph_repeated_word_for_word_is_gold_repetition() -> None:
    para = "The talks are expected to last three days, according to a statement issued by the ministry."
    art = {"id": "dup", "meta": {}, "text": f"{para}\n\nA short line.\n\n{para}\n\nA short line."}
    for seed in range(40):
        doc = corrupt(art, random.Random(seed), LEX)
        second = doc["text"].rfind(para)
        if doc["text"].find(para) == second:
            continue  # the generator damaged one copy: no verbatim second copy is left
        labels = {sp["label"] for sp in doc["spans"] if sp["start"] == second and sp["end"] == second + len(para)}
        assert labels == {"repetition"}, seed
        assert not any(sp["start"] <= doc["text"].find(para) < sp["end"] for sp in doc["spans"]
                       if sp["label"] == "repetition")  # the first copy is the text
        assert not any(doc["text"][sp["start"]:sp["end"]] == "A short line." for sp in doc["spans"])


def test_a_name_the_source_misspells_is_gold_mangled_name_and_the_corpus_is_otherwise_the_same() -> None:
    """corpus/names_source_slips.json: "Peter Smith" stands in for a name the source got wrong."""
    plain = make(3)
    rng = random.Random(3)
    slipped = [corrupt(a, rng, LEX, ("Peter Smith",)) for a in ARTICLES]
    labelled = 0
    for before, after in zip(plain, slipped):
        assert after["text"] == before["text"]
        at = before["text"].find("Peter Smith")
        clean = at >= 0 and not any(s["start"] < at + len("Peter Smith") and s["end"] > at for s in before["spans"])
        added = [s for s in after["spans"] if s not in before["spans"]]
        assert [(after["text"][s["start"]:s["end"]], s["label"]) for s in added] == (
            [("Peter Smith", "mangled_name")] if clean else [])
        assert len(after["spans"]) == len(before["spans"]) + len(added)
        labelled += clean
    assert 100 < labelled < len(ARTICLES)  # most articles keep the name clean; some damage lands on it


def test_broken_text_is_a_visible_stray_or_the_stub_before_a_cut() -> None:
    """A stray "the" stands before a word no noun phrase starts with ("amount of the corn" reads as English,
    so it is never labelled); a cut sentence's label is its stub, at most three words and none past a comma,
    as seed-004's "partner, [with US efforts] Other", the span garble's seam rules give."""
    seen: Counter[str] = Counter()
    for doc in make(4) + make(5):
        text = doc["text"]
        for sp in doc["spans"]:
            if sp["label"] != "broken_text":
                continue
            piece = text[sp["start"] : sp["end"]]
            if piece in ("a the", "of the in", "to a", "the"):
                seen[piece] += 1
                if piece == "the":
                    assert text[sp["end"] :].split()[0] in NO_ARTICLE_WORDS, text[sp["start"] : sp["end"] + 30]
                continue
            seen["stub"] += 1
            words = piece.split()
            assert 1 <= len(words) <= 3 and not any(w[-1] in ",;:" for w in words), piece
    assert seen["stub"] > 20 and seen["the"] > 2, seen
