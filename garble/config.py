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
    # A weights file to use instead of the shipped model (JSON, header checked).
    model_path: str | None = None


DEFAULT_CONFIG = Config()
