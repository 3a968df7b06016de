"""``scan()``: the whole algorithm, one stage a line."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

import numpy as np

from garble.classifier import load_path, shipped_model
from garble.config import DEFAULT_CONFIG, Config
from garble.context import line_blocks, load_context_path, shipped_context, stacked
from garble.datatypes import Document, Hit, Label, Line, Scan
from garble.features import line_features
from garble.labelling import load_labels_path, shipped_labels
from garble.segment import segment
from garble.signals import after_hits, detect
from garble.spans import LineLabels, LineProbs, assemble, count_visible
from garble.words import load_words_path, shipped_words

TYPE_ERROR_TEXT = (
    "garble.scan() and garble.clean() take the text as a str, not {name}. Decode bytes first, "
    "for example text = data.decode('utf-8', errors='replace')."
)


# Weights shipped with garble that ``Config.model_path`` may name instead of a path: "body" (the default
# weights, trained on article bodies), "page", trained with whole-page gold too (menus, footers, link
# lists), for text extracted from whole pages, and "strict", the body weights' recipe without the lines
# one gold keeps and the others call furniture (captions, datelines, bylines, credits: garble.trainset.doc_rows).
PRESETS = {"page": "page/model.json", "body": "model.json", "strict": "strict/model.json"}
# ``model_path = "auto"`` picks per document: the page weights for text that looks like a whole page
# (``is_page``), the default (article-body) weights for the rest.
AUTO = "auto"
# A whole page is many lines, most of them menu items, links and labels of a few words: on the *-dev
# files (docs called pages / all docs) l3s body 1.9 %, aeb body 6.4 %, l3s page 77.5 %, aeb page 98.2 %.
PAGE_MIN_LINES = 30
PAGE_SHORT_WORDS = 4
PAGE_SHORT_SHARE = 0.45


def is_page(doc: Document) -> bool:
    """True when ``doc`` reads like a whole web page rather than an article body: at least
    PAGE_MIN_LINES lines, PAGE_SHORT_SHARE of them PAGE_SHORT_WORDS words or fewer.

    >>> is_page(segment("Home\\nNews\\nSport\\n" * 12 + "The minister said talks would resume."))
    True
    >>> is_page(segment("The minister said on Monday that talks would resume next week.\\n\\n" * 40))
    False
    """
    lengths = [len(line.text.split()) for block in doc.blocks for line in block.lines]
    return len(lengths) >= PAGE_MIN_LINES and sum(n <= PAGE_SHORT_WORDS for n in lengths) >= PAGE_SHORT_SHARE * len(lengths)


def weights_for(doc: Document, model_path: str | None) -> str | None:
    """The weights to scan ``doc`` with: None for the shipped body weights ("body", or "auto" for a doc
    that is no whole page), "page" for "auto" on a whole page, else ``model_path`` as given."""
    if model_path == AUTO:
        return "page" if is_page(doc) else None
    return None if model_path == "body" else model_path


@cache
def weights_path(model_path: str) -> str:
    """The weights file ``model_path`` names: a shipped preset (``PRESETS``) or a path as given.

    >>> weights_path("page").endswith("page/model.json"), weights_path("my/model.json")
    (True, 'my/model.json')
    """
    if model_path in PRESETS:
        return str(files("garble") / "data" / PRESETS[model_path])
    return model_path


def line_scores(doc: Document, hits: Sequence[Hit], model_path: str | None = None,
                threshold: float = DEFAULT_CONFIG.span_threshold) -> tuple[LineProbs, LineLabels]:
    """Stages 3-4: each line's probability of being damage, and the label of each flagged line.

    3. features: every line's FEATURE_NAMES vector (garble.features), and the word model's
       probabilities for the line and its neighbours (garble.words, WORD_NAMES)
    4. classify: the shipped tree model (or the weights at ``model_path``) scores them with numpy,
       then the context model (garble.context), where there is one, scores them again with the
       first-stage probabilities of their neighbours, and the label head (garble.labelling)
       names the damage of each line at or over ``threshold``.
    Without any model a line is as likely damage as the strongest hit covering 90 % of it.
    """
    if model_path and model_path not in PRESETS:
        reload_if_changed(model_path)
    model_path = weights_path(model_path) if model_path else None
    model = load_path(model_path) if model_path else shipped_model()
    if model is None:
        return _hit_probabilities(doc, hits), {}
    lines, X = line_matrix(doc, hits, model_path)
    probs = model.predict_proba(X)
    context = load_context_path(model_path) if model_path else shipped_context()
    labels: dict[tuple[int, int], Label] = {}
    if context is not None and len(lines):
        X2 = stacked(X, probs, line_blocks(doc))
        probs = context.predict_proba(X2)
        flagged = np.flatnonzero(probs >= threshold)
        # loaded only when a line needs a label: a clean article's cold start never reads it
        head = (load_labels_path(model_path) if model_path else shipped_labels()) if len(flagged) else None
        if head is not None:
            for i, label in zip(flagged, head.predict(X2[flagged])):
                labels[(lines[i].start, lines[i].end)] = label
    return {(ln.start, ln.end): float(p) for ln, p in zip(lines, probs)}, labels


# (mtime, size) of each user weights file when its models were read: a file rewritten since (garble train into
# the same --out, in a notebook) is read again, where the caches kept serving the old weights.
_READ_AS: dict[str, tuple[int, int]] = {}


def reload_if_changed(path: str) -> None:
    """Empty the weights caches when the file at ``path`` is not as it was when last read (one stat a scan).

    The caches are keyed by path; emptying them all is simpler than evicting one path's four models, and
    rewriting weights is rare. The shipped models are held by ``shipped_model`` and its kin, not these caches.
    """
    try:
        st = os.stat(path)
    except OSError:
        return  # the loader names the file and the fault
    stamp = (st.st_mtime_ns, st.st_size)
    if _READ_AS.setdefault(path, stamp) != stamp:
        _READ_AS[path] = stamp
        for loader in (load_path, load_context_path, load_labels_path, load_words_path):
            loader.cache_clear()


def line_matrix(doc: Document, hits: Sequence[Hit], model_path: str | None = None) -> tuple[list[Line], np.ndarray]:
    """Every line of ``doc`` and its first-stage columns (LINE_NAMES): its features, then the word
    model's probabilities for it and its neighbours (the shipped word model, or the one beside
    ``model_path``)."""
    lines, X = line_features(doc, hits)
    words = load_words_path(model_path) if model_path else shipped_words()
    return lines, np.hstack([X, words.columns([ln.text for ln in lines])])


def _hit_probabilities(doc: Document, hits: Sequence[Hit]) -> LineProbs:
    probs: dict[tuple[int, int], float] = {}
    for block in doc.blocks:
        for line in block.lines:
            visible = count_visible(line.text)
            best = 0.0
            for h in hits:
                if h.end <= line.start or h.start >= line.end:
                    continue
                covered = count_visible(doc.text[max(h.start, line.start) : min(h.end, line.end)])
                if covered >= 0.9 * visible:
                    best = max(best, h.strength)
            probs[(line.start, line.end)] = best
    return probs


def scan(text: str, config: Config = DEFAULT_CONFIG) -> Scan:
    """Find damage in ``text``; return spans with exact offsets and paragraph scores.

    1. segment: paragraphs and lines, offsets into ``text``
    2. detect: every signal's hits
    3. features and 4. classify: each line's probability of being damage
    5. assemble: labelled spans, paragraph and document cleanliness

    >>> result = scan("Read more:\\n\\nThe minister said on Monday that talks would resume.")
    >>> [(result.text[s.start:s.end], s.label.value) for s in result.spans]
    [('Read more:', 'boilerplate')]
    """
    if not isinstance(text, str):
        raise TypeError(TYPE_ERROR_TEXT.format(name=type(text).__name__))
    if not isinstance(config, Config):
        raise TypeError(f"scan takes a garble.Config, not {type(config).__name__}")
    doc = segment(text, config.names)
    hits = detect(doc)
    weights = weights_for(doc, config.model_path)
    probs, labels = line_scores(doc, hits, weights, config.span_threshold)
    hits = after_hits(doc, hits, strict=weights == "strict")  # rules the models never saw: garble.signals.after
    spans, paragraphs, score = assemble(doc, hits, probs, config, labels)
    chosen = (weights or "body") if config.model_path == AUTO else None  # "auto" says what it chose
    return Scan(text, spans, paragraphs, score, chosen)
