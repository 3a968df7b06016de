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
from itertools import pairwise
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


def line_terms(text: str) -> list[str]:
    """The terms of a line: words, word pairs, first word, first two words and last word.

    >>> line_terms("Related: 7 Strange Signs")
    ['w:related', 'w::', 'w:0', 'w:strange', 'w:signs', 'b:related :', 'b:: 0', 'b:0 strange', 'b:strange signs', 'F:related', 'L:signs', 'F2:related :']
    >>> line_terms("")
    ['EMPTY']
    """
    toks = ["0" if t[0].isdigit() else t for t in TOKEN.findall(text[: MAX_TOKENS * 40].lower())][:MAX_TOKENS]
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
        get = self.terms.get
        raw = [self.bias + sum(get(t, 0.0) for t in line_terms(x)) for x in texts]
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
