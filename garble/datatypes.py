"""The data that flows through garble: labels, segments, hits and results.

Every offset is a half-open code-point index into the caller's original string,
so ``text[x.start:x.end]`` is the thing described.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Label(StrEnum):
    """The closed set of damage labels of the garble benchmark (shared BENCHMARK.md)."""

    SPLICED_HEADLINE = "spliced_headline"
    INJECTED_LINK = "injected_link"
    MANGLED_NAME = "mangled_name"
    BOILERPLATE = "boilerplate"
    REPETITION = "repetition"
    ENCODING = "encoding"
    BROKEN_TEXT = "broken_text"


LABELS: tuple[Label, ...] = tuple(Label)

# Decimals of the scores a result writes (JSON, JSONL, the benchmark's prediction format). A paragraph
# garble leaves unflagged scores 0.9 + 0.1 * its expected cleanliness, so most clean paragraphs differ
# only in the fifth decimal: rounded to four, they tied at 1.0 and the paragraph AUC lost their order
# (grouped CV on the *-body-dev pages, score.py on the written predictions: l3s 0.9711 -> 0.9751,
# aeb 0.9530 -> 0.9550 with six).
SCORE_DECIMALS = 6


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a paragraph (split on single ``\\n``), whitespace-trimmed."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph as the signals see it: its text, its lines and its place in the document."""

    index: int
    start: int
    end: int
    text: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented document: the text as the signals read it (the caller's, with line ends and Unicode
    spaces folded one for one by ``garble.segment``, so offsets are the caller's), its paragraphs in
    order, the caller's own known names (``Config.names``) for the name signals to check against, and
    the caller's text as given, which a repair keeps between the hits it joins ("" when not given)."""

    text: str
    blocks: tuple[Block, ...]
    known_names: tuple[str, ...] = ()
    original: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    """One signal's claim that ``text[start:end]`` is damaged.

    ``reason`` is the signal's stable code; it flows unchanged into the Span.
    ``strength`` is the signal's own confidence in [0, 1].
    """

    start: int
    end: int
    label: Label
    reason: str
    strength: float
    suggestion: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A flagged stretch of the input: ``text[span.start:span.end]``.

    >>> Span(0, 4, Label.BOILERPLATE, 0.9, "furniture_prompt").label
    <Label.BOILERPLATE: 'boilerplate'>
    """

    start: int
    end: int
    label: Label
    score: float
    reason: str
    suggestion: str | None = None
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The span as a JSON-ready dict in the benchmark's prediction format."""
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label.value,
            "score": round(self.score, SCORE_DECIMALS),
            "reason": self.reason,
        }
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        if self.evidence is not None:
            out["evidence"] = self.evidence
        return out


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the input with its cleanliness ``score`` in [0, 1] (1 = clean)."""

    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        """The paragraph as a JSON-ready dict."""
        return {"start": self.start, "end": self.end, "score": round(self.score, SCORE_DECIMALS)}


@dataclass(frozen=True, slots=True)
class Scan:
    """The result of scanning one text.

    ``spans`` are sorted and never overlap; ``paragraphs`` follow the benchmark's
    paragraph split; ``score`` is the document's cleanliness (1 = clean). ``weights`` says
    which weights ``Config(model_path="auto")`` chose for this text ("body" or "page"), else None.
    """

    text: str
    spans: tuple[Span, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    score: float = 1.0
    weights: str | None = None

    @property
    def is_clean(self) -> bool:
        """True when nothing was flagged."""
        return not self.spans

    def clean(self) -> str:
        """The text with these spans repaired or removed and whitespace tidied, as ``garble.clean`` gives
        it, without scanning again: a caller who keeps the spans and the cleaned text scans once.

        >>> Scan("Read more:\\n\\nTalks resume.", (Span(0, 10, Label.BOILERPLATE, 0.9, "furniture_prompt"),)).clean()
        'Talks resume.'
        """
        from garble.clean import remove_spans  # garble.clean reads these types: imported on use

        return remove_spans(self)

    def to_dict(self, doc_id: str | None = None) -> dict[str, Any]:
        """The scan in the benchmark's prediction format (plus ``score`` and ``reason``)."""
        out: dict[str, Any] = {} if doc_id is None else {"id": doc_id}
        out["score"] = round(self.score, SCORE_DECIMALS)
        out["paragraphs"] = [p.to_dict() for p in self.paragraphs]
        out["spans"] = [s.to_dict() for s in self.spans]
        if self.weights is not None:
            out["weights"] = self.weights
        return out
