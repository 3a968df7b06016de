"""garble.frequencies answers exactly what wordfreq.zipf_frequency(word, "en") answers."""

from __future__ import annotations

import itertools
import random

import pytest
from wordfreq import get_frequency_dict, zipf_frequency
from wordfreq.tokens import lossy_tokenize

from garble import frequencies
from garble.frequencies import FAST, split


def test_split_is_wordfreqs_tokenizer_on_every_short_string():
    # every string of up to 4 characters over letters (vowel, h, consonant, capital, accented
    # vowel), a digit, "_" and the joiners: word breaks, elision and apostrophes in all combinations
    alphabet = "ahBé1_'’.-"
    words = ["".join(t) for k in range(1, 5) for t in itertools.product(alphabet, repeat=k)]
    assert [w for w in words if split(w) != lossy_tokenize(w, "en")] == []
    # and up to 3 over letters whose folding or elision is special: capitals, ß, œ, ı, ǅ
    words = ["".join(t) for k in range(1, 4) for t in itertools.product("ÉÀßŒıǅy'’-", repeat=k)]
    assert [w for w in words if split(w) != lossy_tokenize(w, "en")] == []


def test_elision_splits_before_every_initial_vowel_and_h_only():
    for c in "abcdefghijklmnopqrstuvwxyz0123456789":
        for word in (f"l'{c}x", f"qu'{c}x", f"l’{c}x"):
            assert split(word) == lossy_tokenize(word, "en"), word


@pytest.fixture(scope="module")
def english() -> dict[str, float]:
    return get_frequency_dict("en")


def test_table_holds_every_reachable_wordfreq_entry_with_its_frequency(english):
    reachable = {w: f for w, f in english.items() if FAST.fullmatch(w) and split(w) == [w]}
    random.seed(5)
    for word in random.sample(sorted(reachable), 20_000):
        cb = frequencies.centibels(word)
        assert cb is not None and 10 ** (-cb / 100) == reachable[word], word


def test_zipf_equals_wordfreq_on_words_numbers_and_compounds(english):
    random.seed(7)
    keys = random.sample(sorted(w for w in english if FAST.fullmatch(w)), 5_000)
    numbers = [str(random.randrange(10 ** random.randrange(1, 10))) for _ in range(2_000)]
    years = [str(y) for y in range(1890, 2070)]
    compounds = ["-".join(random.sample(keys, 2)) for _ in range(2_000)]
    shaped = ["Kim", "NATO", "Jong-un’s", "U.S.", "covid-19", "40-year-old", "10.5", "25am", "l'arc",
              "don’t", "xqzvk", "", "-", "'", "a.1", "1990s", "o'brien", "rock'n'roll"]
    for word in [*keys, *numbers, *years, *compounds, *shaped]:
        assert frequencies.zipf_frequency(word) == zipf_frequency(word, "en"), word


def test_words_outside_the_fast_alphabet_are_left_to_wordfreq():
    # other scripts, a space, a sign, and a Latin letter whose folding leaves the Latin letters ("ŉ" -> "ʼn")
    words = ("русский", "사진", "a b", "µm", "ŉ", "ﺐ", "e\u0301")
    assert [frequencies.zipf_frequency(w) for w in words] == [None] * len(words)


def test_zipf_equals_wordfreq_on_accented_words_names_mojibake_and_handles(english):
    # the Latin-script words of data/wild and the pages that had sent garble to wordfreq, every
    # Latin entry of wordfreq's list outside ASCII (and capitalised), and compounds of them
    random.seed(13)
    latin = sorted(w for w in english if not w.isascii() and FAST.fullmatch(w))
    keys = random.sample(latin, min(5_000, len(latin)))  # 3,490 in wordfreq 3.1
    shaped = ["José", "Álvarez", "Benítez's", "Jean-François", "tête-à-tête", "Straße", "STRASSE", "Hamısı",
              "naïve", "Watersâ", "Ã©", "l'été", "d'Artagnan", "qu'à", "n_a_t_39", "_blank", "state_of_ohio",
              "ucla_007", "______", "snake_case", "Mägdefrau", "Œuvre", "ǅemal", "1â½", "2º"]
    words = [*keys, *(w.title() for w in keys[:1_000]), *("-".join(random.sample(keys, 2)) for _ in range(1_000)),
             *("_".join(random.sample(keys, 2)) for _ in range(500)), *shaped]
    assert [w for w in words if frequencies.zipf_frequency(w) not in (None, zipf_frequency(w, "en"))] == []
    assert [w for w in keys if frequencies.zipf_frequency(w) is None] == []


def test_every_table_line_is_found_and_nothing_between_lines(english):
    # the look-up bisects a sample of lines and then searches between two samples: check the
    # words on, just before and just after every sampled line, the first and last lines, and
    # keys that sort between two neighbouring lines
    table = frequencies._table()
    lines = table.text.splitlines()[1:]
    words = [line.split("\t")[0] for line in lines]
    index = {w: i for i, w in enumerate(words)}
    near = {j for w in table.words for j in (index[w] - 1, index[w], index[w] + 1) if 0 <= j < len(words)}
    for j in sorted(near | {0, len(words) - 1}):
        assert frequencies.centibels(words[j]) == int(lines[j].split("\t")[1]), words[j]
        between = words[j] + "'"  # sorts after words[j]; absent unless it is the next line
        if between not in index:
            assert frequencies.centibels(between) is None, between
    assert frequencies.centibels("") is None and frequencies.centibels("\x00") is None
    assert frequencies.centibels("zzzzzzzzzzzz") is None


def test_plain_words_take_the_short_path_to_the_same_answer(english):
    random.seed(11)
    plain = random.sample(sorted(w for w in english if w.isascii() and w.isalpha()), 5_000)
    for word in [*plain, "Kim", "NATO", "xqzvk", "Xqzvk"]:
        assert frequencies.zipf_frequency(word) == frequencies._zipf(frequencies._frequency(split(word))), word
        assert frequencies.zipf_frequency(word) == zipf_frequency(word, "en"), word


def test_other_words_equal_wordfreq_without_its_list(english):
    # every entry of the list outside Latin script, capitalised and glued to others, words of other
    # scripts and digits (wordfreq smashes Unicode digit runs too), and signs: other_zipf reads garble's
    # tables, never wordfreq's list, and answers what wordfreq answers
    random.seed(17)
    other = sorted(w for w in english if not FAST.fullmatch(w))
    words = [*other, *(w.upper() for w in other[:500]), *("".join(random.sample(other, 2)) for _ in range(1_000)),
             "русский", "Москва", "사진", "sns에", "日本語", "東京", "ﺐ", "µm", "ŉ", "e\u0301", "a b", "٣٤٥",
             "२०१९", "2019年", "°C", "€5", "½", "—", "🙂🙂", "ᚠᚢᚦ", "", " "]
    assert [w for w in words if frequencies.other_zipf(w) != zipf_frequency(w, "en")] == []
