"""One frozen Config holds every option; variants come from ``dataclasses.replace``."""

from __future__ import annotations

from dataclasses import dataclass, field

from garble.datatypes import LABELS, Label


@dataclass(frozen=True, slots=True)
class Config:
    """Every threshold and switch garble has, with where its value came from.

    >>> from dataclasses import replace
    >>> replace(Config(), span_threshold=0.7).span_threshold
    0.7
    """

    # A hit or a line probability at or above this becomes a span. 0.5 is the
    # decision point of a calibrated classifier; raise it for fewer, surer spans.
    span_threshold: float = 0.5
    # Labels to report; the rest are dropped after detection.
    labels: frozenset[Label] = field(default_factory=lambda: frozenset(LABELS))
    # Extra known names (one "First Last" each) added to the shipped gazetteer.
    names: tuple[str, ...] = ()
    # Phrases never to flag (matched case-insensitively against a span's text).
    allow_phrases: tuple[str, ...] = ()
    # The weights: None or "body" the shipped article-body weights; "page" the shipped page weights
    # (trained with whole pages too); "strict" article-body weights that also take captions, datelines,
    # bylines and credits for furniture (more of them found, more false alarms where a corpus keeps
    # them: models/README.md); "auto" picks per document, the page weights for text that looks
    # like a whole web page (garble.pipeline.is_page); or a weights file (JSON, header checked).
    # "auto" is not the default: it made whole pages far better (grouped CV, aeb page-dev kept-text F1
    # 0.73 -> 0.89) but scanned 6 of the 72 scrapinghub-aeb-body-test articles, bodies with many short
    # paragraphs, with the page weights, and their clean paragraphs under 0.9 went from 3 % to 26 %.
    model_path: str | None = None


DEFAULT_CONFIG = Config()
