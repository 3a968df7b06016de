"""Machine formats: JSONL (one object per input record, in input order) and one JSON document."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from garble.reports.common import Item, Result, Tally, holds_unicode


def to_dict(item: Item) -> dict[str, Any]:
    """One record's output: ``Scan.to_dict(id)``, or the error record of a problem.

    >>> from garble.datatypes import Scan
    >>> from garble.inputs import Record
    >>> to_dict(Result(Record("a", "", "a.txt"), Scan("")))
    {'id': 'a', 'score': 1.0, 'paragraphs': [], 'spans': []}
    """
    if isinstance(item, Result):
        return item.scan.to_dict(item.record.id)
    return item.to_dict()


def render_jsonl(items: Iterable[Item], out: TextIO) -> Tally:
    """Write one JSON object a line, flushed per record so a pipe sees results as they come."""
    tally = Tally()
    ascii_only = not holds_unicode(out)
    for item in items:
        tally.add(item)
        out.write(json.dumps(to_dict(item), ensure_ascii=ascii_only) + "\n")
        out.flush()
    return tally


def render_json(items: Iterable[Item], out: TextIO, about: Mapping[str, str] | None = None) -> Tally:
    """Write one JSON document: ``{"documents": [...], "summary": {...}}``, the summary naming what made it
    (``about``: garble's version and the weights; three weight sets flag different things) when given.

    Each document is written as it comes, laid out as ``json.dump(..., indent=1)`` lays out the whole: the
    whole was held in memory until the end, a corpus's every scan.
    """
    tally = Tally()
    ascii_only = not holds_unicode(out)
    out.write('{\n "documents": [')
    written = 0
    for item in items:
        tally.add(item)
        doc = _indented(json.dumps(to_dict(item), ensure_ascii=ascii_only, indent=1), "  ")
        out.write(f"{',' if written else ''}\n  {doc}")
        written += 1
    summary = _indented(json.dumps({**tally.to_dict(), **({"garble": dict(about)} if about else {})},
                                   ensure_ascii=ascii_only, indent=1), " ")
    out.write(f'{chr(10) + " ]" if written else "]"},\n "summary": {summary}\n}}\n')
    return tally


def _indented(text: str, margin: str) -> str:
    """``text`` with ``margin`` before every line but the first (json.dumps's nested levels).

    >>> _indented('{\\n "a": 1\\n}', "  ")
    '{\\n   "a": 1\\n  }'
    """
    return text.replace("\n", "\n" + margin)
