"""The public entry points: ``scan``, ``clean`` and a reusable ``Detector``."""

from __future__ import annotations

from garble import pipeline
from garble.clean import remove_spans
from garble.config import DEFAULT_CONFIG, Config
from garble.datatypes import Scan


class Detector:
    """A configured detector to scan many documents with one configuration.

    >>> d = Detector()
    >>> d.scan("").spans
    ()
    >>> Detector(Config(span_threshold=0.7, labels=["encoding"]))
    Detector(Config(span_threshold=0.7, labels=frozenset({<Label.ENCODING: 'encoding'>}), names=(), allow_phrases=(), model_path=None))
    """

    __slots__ = ("config",)

    def __init__(self, config: Config = DEFAULT_CONFIG) -> None:
        if not isinstance(config, Config):
            raise TypeError(f"Detector takes a garble.Config, not {type(config).__name__}")
        self.config = config

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.config!r})"

    def scan(self, text: str) -> Scan:
        """Scan one text (see ``garble.scan``)."""
        return pipeline.scan(text, self.config)

    def clean(self, text: str) -> str:
        """``text`` with every flagged span removed and whitespace tidied."""
        return remove_spans(self.scan(text))


def scan(text: str, config: Config = DEFAULT_CONFIG) -> Scan:
    """Find damage in ``text``: spans with exact code-point offsets, and paragraph scores.

    >>> scan("Read more:\\n\\nTalks resume on Monday.").spans[0].reason
    'furniture_prompt'
    """
    return pipeline.scan(text, config)


def clean(text: str, config: Config = DEFAULT_CONFIG) -> str:
    """``text`` with what garble flags repaired or removed and whitespace tidied (``garble.clean``).

    One scan: a second ``clean`` reads what is left anew and can remove more.

    >>> clean("Read more:\\n\\nTalks resume on Monday.")
    'Talks resume on Monday.'
    """
    return remove_spans(pipeline.scan(text, config))
