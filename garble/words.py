"""The word model: a linear model over the words of a line, the lexical cues the trees cannot see.

The trees of ``garble.classifier`` see a line's shape (length, case, stop words, punctuation);
they cannot see that "Related:", "Getty Images", "Share this on" or "Trending" are page furniture
on any site. A logistic regression over a line's words, word pairs and first and last words learns
those cues from the labelled pages; its probability for the line and its neighbours becomes three
more columns of the first-stage features (``WORD_NAMES``), so the trees weigh it against the shape.

Weights file ``model.words.json``: ``{"format": "garble-line-words", "version": 1, "bias": b,
"terms": {term: weight}}``, scored with the standard library and numpy alone.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, pairwise, repeat
from typing import Any

import numpy as np

from garble.classifier import ModelError, check_header, parse_json, read_weights, shipped_path, sibling
from garble.features import WORD_NAMES

FORMAT, VERSION = "garble-line-words", 1
WORDS_KIND = "words"

# Lowercase letter runs, digit runs (read as "0": a date's digits are not a cue, its shape is),
# and single punctuation marks ("|", ":", "©").
TOKEN = re.compile(r"[a-z]+|\d+|[^\w\s]")
# A line's first 60 tokens: the cues of furniture are near its start, and a 10 MB line costs
# no more than a sentence.
MAX_TOKENS = 60
# What a missing neighbour (before the first line, after the last) reads as: no evidence.
NO_NEIGHBOUR = 0.5


def line_tokens(text: str) -> list[str]:
    """The first MAX_TOKENS tokens of a line, lower case, digit runs as "0" (what its terms are made of).

    >>> line_tokens("Related: 7 Strange Signs")
    ['related', ':', '0', 'strange', 'signs']
    """
    return ["0" if t[0].isdigit() else t for t in TOKEN.findall(text[: MAX_TOKENS * 40].lower())[:MAX_TOKENS]]


def line_terms(text: str) -> list[str]:
    """The terms of a line: words, word pairs, first word, first two words and last word.

    >>> line_terms("Related: 7 Strange Signs")
    ['w:related', 'w::', 'w:0', 'w:strange', 'w:signs', 'b:related :', 'b:: 0', 'b:0 strange', 'b:strange signs', 'F:related', 'L:signs', 'F2:related :']
    >>> line_terms("")
    ['EMPTY']
    """
    toks = line_tokens(text)
    if not toks:
        return ["EMPTY"]
    terms = list(dict.fromkeys("w:" + t for t in toks))
    terms += dict.fromkeys(f"b:{a} {b}" for a, b in pairwise(toks))
    terms += ["F:" + toks[0], "L:" + toks[-1]]
    if len(toks) > 1:
        terms.append(f"F2:{toks[0]} {toks[1]}")
    return terms


@dataclass(frozen=True, slots=True)
class WordModel:
    """A linear model over line terms: probability = sigmoid(bias + sum of the terms' weights)."""

    terms: Mapping[str, float]
    bias: float

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """The probability that each line is damage, from its words alone.

        >>> WordModel({"w:related": 3.0}, -1.0).predict_proba(["Related:", "Said"]).round(3).tolist()
        [0.881, 0.269]
        """
        weights = _Weights.of(self, len(texts))
        if weights is None:
            get = self.terms.get
            raw = [self.bias + sum(get(t, 0.0) for t in line_terms(x)) for x in texts]
        else:
            line_sum = weights.line_sum
            raw = [self.bias + line_sum(x) for x in texts]
        out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(np.array(raw, dtype=float), -30.0, 30.0)))
        return out

    def columns(self, texts: Sequence[str]) -> np.ndarray:
        """The WORD_NAMES columns of consecutive lines: each line's probability and its neighbours'.

        >>> WordModel({"w:related": 3.0}, -1.0).columns(["Related:", "Said"]).round(3).tolist()
        [[0.881, 0.5, 0.269], [0.269, 0.881, 0.5]]
        """
        p = self.predict_proba(texts)
        if not len(p):
            return np.zeros((0, len(WORD_NAMES)))
        # np.concatenate and np.column_stack, not np.r_ / np.c_: 5 instead of 23 us a document (timeit, 20 lines)
        edge = np.array([NO_NEIGHBOUR])
        return np.column_stack((p, np.concatenate((edge, p[:-1])), np.concatenate((p[1:], edge))))


@dataclass(frozen=True, slots=True)
class _Weights:
    """A word model's term weights split by kind and keyed by tokens, not term strings: a line's
    sum is looked up without formatting its terms (``line_terms`` built ~45 strings a line).
    The sums of the lines of the *-body-test files took 0.128 instead of 0.172 s CPU (min of 7), and
    are the same sums: the same weights, added in ``line_terms``' order.
    """

    words: dict[str, float]  # "w:<token>"
    pairs: dict[tuple[str, ...], float]  # "b:<token> <token>"
    first: dict[str, float]  # "F:<token>"
    last: dict[str, float]  # "L:<token>"
    first_two: dict[tuple[str, ...], float]  # "F2:<token> <token>"
    empty: float  # "EMPTY"

    @staticmethod
    def of(model: WordModel, lines: int) -> _Weights | None:
        """The split weights of ``model`` for scoring ``lines`` more lines, built once per model and kept
        (like garble.trees.arrays) when the lines it has scored reach SPLIT_AFTER; None before that."""
        entry = _WEIGHTS.get(id(model))
        if entry is None or entry[0] is not model:
            entry = _WEIGHTS[id(model)] = (model, None, 0)
        if entry[1] is None:
            seen = entry[2] + lines
            entry = _WEIGHTS[id(model)] = (model, _Weights.split(model.terms) if seen >= SPLIT_AFTER else None, seen)
        return entry[1]

    @staticmethod
    def split(terms: Mapping[str, float]) -> _Weights:
        """The weights of ``terms`` by kind, in one pass (6.6 ms for the shipped 23,373 terms: a cold start
        pays it once). A pair without exactly one space makes a key no line looks up."""
        words: dict[str, float] = {}
        first: dict[str, float] = {}
        last: dict[str, float] = {}
        pairs: dict[tuple[str, ...], float] = {}
        first_two: dict[tuple[str, ...], float] = {}
        for term, weight in terms.items():
            kind, _, rest = term.partition(":")
            if kind == "b":
                pairs[tuple(rest.split(" "))] = weight
            elif kind == "w":
                words[rest] = weight
            elif kind == "F":
                first[rest] = weight
            elif kind == "L":
                last[rest] = weight
            elif kind == "F2":
                first_two[tuple(rest.split(" "))] = weight
        return _Weights(words, pairs, first, last, first_two, terms.get("EMPTY", 0.0))

    def line_sum(self, text: str) -> float:
        """``sum(terms.get(t, 0.0) for t in line_terms(text))``, the same additions in the same order."""
        toks = line_tokens(text)
        if not toks:
            return sum([self.empty])
        zero = repeat(0.0)
        tail = [self.first.get(toks[0], 0.0), self.last.get(toks[-1], 0.0)]
        if len(toks) > 1:
            tail.append(self.first_two.get((toks[0], toks[1]), 0.0))
        return sum(chain(map(self.words.get, dict.fromkeys(toks), zero),
                         map(self.pairs.get, dict.fromkeys(pairwise(toks)), zero), tail))


_WEIGHTS: dict[int, tuple[WordModel, _Weights | None, int]] = {}  # id -> (model, split weights, lines scored)
# Lines a word model scores from term strings before its weights are split: the split (~7 ms) costs
# what the term strings of ~1,000 lines do, and a cold start on one article has far fewer.
SPLIT_AFTER = 2_000


def to_dict(model: WordModel) -> dict[str, Any]:
    """The JSON object of ``model`` (terms sorted, so the file is reproducible)."""
    return {"format": FORMAT, "version": VERSION, "bias": model.bias,
            "terms": dict(sorted(model.terms.items()))}


def dumps(model: WordModel) -> str:
    """The weights file text of ``model``."""
    return json.dumps(to_dict(model), ensure_ascii=False, separators=(",", ":")) + "\n"


def loads(text: str, source: str = "<string>") -> WordModel:
    """A word model from its file text; a wrong format, version or value is a ModelError naming ``source``.

    >>> loads(dumps(WordModel({"w:a": 0.5}, -1.0))).terms
    {'w:a': 0.5}
    >>> loads('{"format": "garble-line-words", "version": 2}', "x.json")
    Traceback (most recent call last):
    garble.classifier.ModelError: x.json: version is 2, this garble reads 1
    """
    data = check_header(parse_json(text, source, "word model file"), source, FORMAT, VERSION)
    bias, terms = data.get("bias"), data.get("terms")
    # types and finiteness checked by map() in C (JSON numbers are exactly int or float, keys str)
    if not (_finite(bias) and isinstance(terms, dict) and set(map(type, terms.values())) <= {int, float}
            and all(map(math.isfinite, terms.values()))):
        raise ModelError(f"{source}: bias and term weights must be finite numbers")
    return WordModel(terms, float(bias))  # type: ignore[arg-type]  # _finite checked it


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


@cache
def load_words_path(path: str) -> WordModel:
    """The word model beside the user's first-stage weights at ``path`` (cached per path).

    First-stage weights read its columns, so it must be there: ``garble train`` writes it.
    """
    beside = sibling(path, WORDS_KIND)
    return loads(read_weights(beside, "word model, which `garble train` writes beside the weights"), str(beside))


@cache
def shipped_words() -> WordModel:
    """The word model shipped beside ``garble/data/model.json``, read on first use."""
    path = shipped_path()
    if not sibling(path, WORDS_KIND).is_file():
        raise ModelError(f"{sibling(path, WORDS_KIND)}: the shipped word model is missing; reinstall garble")
    return load_words_path(path)
