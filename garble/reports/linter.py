"""Linter lines for editors and pre-commit: ``path:line:col: label: "excerpt" (score 0.93) [reason]``.

For a JSONL corpus, ``line`` is the record's line in the file and ``col`` the column in that line where
the span's first character is written inside the text field's JSON string (escapes counted as written),
so an editor lands on it. When the line cannot be read again (another encoding than UTF-8, a file gone),
``col`` is the span's 1-based offset in the record's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from garble.datatypes import Span
from garble.reports.common import Result, defang, excerpt, line_col


@dataclass(frozen=True, slots=True)
class Location:
    """Where a span starts, 1-based."""

    path: str
    line: int
    col: int


# The raw JSONL lines of the records with findings, by (path, line number): see garble.lint.raw_lines.
RawLines = Mapping[tuple[str, int], str]


def json_column(raw: str, field: str, text: str, offset: int) -> int | None:
    r"""The 1-based column in the JSONL line ``raw`` of character ``offset`` of ``text``, the string value of
    ``field``; None when the line holds no such value.

    >>> raw = '{"id": "a", "text": "caf\\u00e9 \\"Read more:\\""}'
    >>> text = json.loads(raw)["text"]
    >>> text[6:16], raw[json_column(raw, "text", text, 6) - 1 :][:12]
    ('Read more:', 'Read more:\\"')
    """
    columns = _columns(raw, field, text)
    return None if columns is None else columns[offset] + 1


@lru_cache(maxsize=1)  # a record's findings come together: its line is walked once, not once a finding
def _columns(raw: str, field: str, text: str) -> list[int] | None:
    """Where in ``raw`` each character of ``text`` (the string value of ``field``) is written, escapes counted
    as written, and one past its last; None when the line holds no such value."""
    for m in re.finditer(re.escape(json.dumps(field)) + r'\s*:\s*"', raw):
        try:
            value, _ = json.decoder.scanstring(raw, m.end())  # type: ignore[attr-defined]
        except ValueError:
            continue
        if value != text:
            continue
        out, i = [], m.end()
        for _ in range(len(text)):
            out.append(i)
            if raw[i] != "\\":
                i += 1
            elif raw[i + 1] != "u":
                i += 2  # \n, \", \\ ...
            elif 0xD800 <= int(raw[i + 2 : i + 6], 16) < 0xDC00 and raw[i + 6 : i + 8] == "\\u" and (
                    0xDC00 <= int(raw[i + 8 : i + 12], 16) < 0xE000):
                i += 12  # a surrogate pair: one character
            else:
                i += 6
        out.append(i)
        return out
    return None


def locate(result: Result, span: Span, raw: RawLines | None = None, field: str = "text") -> Location:
    """The span's position as a linter reports it; ``raw`` holds the JSONL lines to place it in."""
    return place(result, span.start, raw, field)


def place(result: Result, offset: int, raw: RawLines | None = None, field: str = "text") -> Location:
    """Where character ``offset`` of the record's text is in its file (``offset`` may be the text's length:
    just past its end, as SARIF's ``endColumn`` counts)."""
    record = result.record
    if record.line is not None:
        line = (raw or {}).get((record.path, record.line))
        col = json_column(line, field, result.scan.text, offset) if line is not None else None
        return Location(record.path, record.line, offset + 1 if col is None else col)
    line_number, col = line_col(result.scan.text, offset)
    return Location(record.path, line_number, col)


def format_line(result: Result, span: Span, raw: RawLines | None = None, field: str = "text") -> str:
    """One linter line for ``span``.

    >>> from garble.datatypes import Label, Scan
    >>> from garble.inputs import Record
    >>> text = "Talks resume.\\nRead more:"
    >>> span = Span(14, 24, Label.BOILERPLATE, 0.93, "furniture_prompt")
    >>> format_line(Result(Record("a.txt", text, "a.txt"), Scan(text, (span,))), span)
    'a.txt:2:1: boilerplate: "Read more:" (score 0.93) [furniture_prompt]'
    """
    where = locate(result, span, raw, field)
    quoted = excerpt(result.scan.text[span.start : span.end]).replace('"', '\\"')
    return (f"{defang(where.path)}:{where.line}:{where.col}: {span.label.value}: "
            f'"{quoted}" (score {span.score:.2f}) [{span.reason}]')


def format_lines(findings: Iterable[tuple[Result, Span]], raw: RawLines | None = None,
                 field: str = "text") -> Iterator[str]:
    """Linter lines for ``(result, span)`` pairs."""
    for result, span in findings:
        yield format_line(result, span, raw, field)
