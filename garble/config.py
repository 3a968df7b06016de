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
    # The weights: "auto" picks per document the shipped page weights for text that looks like a whole
    # web page and the article-body weights for the rest (garble.pipeline.is_page; grouped CV on the
    # *-dev files: span F1 0.66 -> 0.70 on l3s bodies, 0.63 -> 0.64 on aeb bodies, kept-text F1
    # 0.73 -> 0.89 on aeb pages); "body" or None the article-body weights, "page" the page weights,
    # or a weights file (JSON, header checked).
    model_path: str | None = "auto"


DEFAULT_CONFIG = Config()
