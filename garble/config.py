"""One frozen Config holds every option; variants come from ``dataclasses.replace``."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from numbers import Real
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from garble.datatypes import LABELS, Label

_In = TypeVar("_In")
_Out = TypeVar("_Out")


class _Coerced(Generic[_In, _Out]):
    """For a type checker only: a field that takes ``_In`` and holds ``_Out``, as ``__post_init__`` coerces.

    Typed as a descriptor, which the typing spec's dataclass rules read as "pass ``__set__``'s type, read
    ``__get__``'s" for the generated ``__init__`` and for ``dataclasses.replace`` alike. Plain field types
    made a user's ``replace(config, labels=["encoding"])`` a mypy error that ran fine.
    """

    @overload
    def __get__(self, obj: None, owner: Any) -> _Coerced[_In, _Out]: ...
    @overload
    def __get__(self, obj: object, owner: Any) -> _Out: ...
    def __get__(self, obj: object, owner: Any) -> Any: ...
    def __set__(self, obj: object, value: _In) -> None: ...


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
    if TYPE_CHECKING:  # what a caller may pass (Config(...), dataclasses.replace) and what is read back
        labels: _Coerced[Iterable[Label | str], frozenset[Label]] = _Coerced()
        names: _Coerced[Iterable[str], tuple[str, ...]] = _Coerced()
        allow_phrases: _Coerced[Iterable[str], tuple[str, ...]] = _Coerced()
        model_path: _Coerced[str | os.PathLike[str] | None, str | None] = _Coerced()
    else:
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
        # "auto" is not the default: it made whole pages far better (grouped CV, aeb page-dev kept-text
        # F1 0.73 -> 0.89) but scanned 6 of the 72 scrapinghub-aeb-body-test articles, bodies with many
        # short paragraphs, with the page weights, and their clean paragraphs under 0.9 went from 3 % to 26 %.
        model_path: str | None = None

    def __repr__(self) -> str:
        """The options as the dataclass writes them, but the labels in ``LABELS``' order: a frozenset of
        strings iterates in an order that changes from one process to the next, so a logged Config did too.

        >>> Config(labels=["repetition", "encoding"])  # doctest: +NORMALIZE_WHITESPACE
        Config(span_threshold=0.5, labels=frozenset({<Label.REPETITION: 'repetition'>, <Label.ENCODING: 'encoding'>}),
               names=(), allow_phrases=(), model_path=None)
        """
        labels = ", ".join(repr(label) for label in LABELS if label in self.labels)
        shown = {f.name: repr(getattr(self, f.name)) for f in fields(self)}
        shown["labels"] = f"frozenset({{{labels}}})" if labels else "frozenset()"
        return f"{type(self).__name__}({', '.join(f'{k}={v}' for k, v in shown.items())})"

    def __post_init__(self) -> None:
        """Check every option, so a wrong one fails here with its name, not deep in a scan or never.

        The threshold may be any real number (a numpy float32, a Fraction) and is stored as a float.
        Collections may be given as any iterable of the right items (a list, a set); they are stored as
        the frozen types above. A lone string where a collection is meant is an error: read a character at
        a time, ``allow_phrases="Read more"`` allowed every span holding an "e".

        >>> from fractions import Fraction
        >>> Config(span_threshold=Fraction(3, 4)).span_threshold
        0.75
        >>> Config(labels=["encoding"]).labels
        frozenset({<Label.ENCODING: 'encoding'>})
        >>> Config(allow_phrases="Read more")
        Traceback (most recent call last):
        ...
        TypeError: Config.allow_phrases must be a collection of strings, not a str
        """
        threshold = self.span_threshold
        if isinstance(threshold, bool) or not isinstance(threshold, Real):
            raise TypeError(f"Config.span_threshold must be a number, not a {type(threshold).__name__}")
        if not (math.isfinite(threshold) and 0.0 <= threshold <= 1.0):
            raise ValueError(f"Config.span_threshold must be in [0, 1], not {threshold!r}")
        object.__setattr__(self, "span_threshold", float(threshold))
        object.__setattr__(self, "labels", _labels(self.labels))
        object.__setattr__(self, "names", _names(self.names))
        phrases = _strings("allow_phrases", self.allow_phrases)
        if not all(p.strip() for p in phrases):
            raise ValueError("Config.allow_phrases holds an empty phrase, which would allow every span")
        object.__setattr__(self, "allow_phrases", phrases)
        if isinstance(self.model_path, os.PathLike):  # a pathlib.Path to a weights file, as before
            object.__setattr__(self, "model_path", os.fspath(self.model_path))
        if self.model_path is not None and (not isinstance(self.model_path, str) or not self.model_path.strip()):
            raise (TypeError if not isinstance(self.model_path, str) else ValueError)(
                f"Config.model_path must be None, 'body', 'page', 'strict', 'auto' or a weights file, "
                f"not {self.model_path!r}")


def _strings(name: str, value: object) -> tuple[str, ...]:
    """``value`` as a tuple of strings, or a TypeError naming the option."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"Config.{name} must be a collection of strings, not a {type(value).__name__}")
    items = tuple(value)
    if not all(isinstance(item, str) for item in items):
        raise TypeError(f"Config.{name} must hold strings only")
    return items


def _names(value: object) -> tuple[str, ...]:
    """``value`` as a tuple of known names, or an error naming the first that is no full name.

    The gazetteer keys a name by its parts and keeps only names of two or more (garble.gazetteer.from_names):
    the name signals compare a mention with known names part by part. A one-word name ("Madonna") was
    dropped there without a word, and its user believed it in use.

    >>> Config(names=["Kim Yo Jong", "Madonna"])
    Traceback (most recent call last):
    ...
    ValueError: Config.names: 'Madonna' has fewer than two parts; a known name needs two or more ("First Last"), \
as the name signals compare names part by part
    """
    names = _strings("names", value)
    if names:
        from garble.gazetteer import is_full_name  # here, not at the top: importing garble loads no rapidfuzz
        for name in names:
            if not is_full_name(name):
                raise ValueError(f"Config.names: {name!r} has fewer than two parts; a known name needs two or "
                                 'more ("First Last"), as the name signals compare names part by part')
    return names


def _labels(value: object) -> frozenset[Label]:
    """``value`` as a frozenset of labels (Label members or their names), or an error naming the bad one."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"Config.labels must be a collection of labels, not a {type(value).__name__}")
    out = set()
    for item in value:
        if isinstance(item, Label):
            out.add(item)
        elif isinstance(item, str) and item in LABELS:
            out.add(Label(item))
        else:
            raise ValueError(f"Config.labels: unknown label {item!r}; valid labels: {', '.join(LABELS)}")
    return frozenset(out)


DEFAULT_CONFIG = Config()
