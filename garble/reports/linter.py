"""Linter lines for editors and pre-commit: ``path:line:col: label: "excerpt" (score 0.93) [reason]``.

For a JSONL corpus, ``line`` is the record's line in the file and ``col`` the
1-based offset of the span in the record's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from garble.datatypes import Span
from garble.reports.common import Result, defang, excerpt, line_col


@dataclass(frozen=True, slots=True)
class Location:
    """Where a span starts, 1-based."""

    path: str
    line: int
    col: int


def locate(result: Result, span: Span) -> Location:
    """The span's position as a linter reports it."""
    record = result.record
    if record.line is not None:
        return Location(record.path, record.line, span.start + 1)
    line, col = line_col(result.scan.text, span.start)
    return Location(record.path, line, col)


def format_line(result: Result, span: Span) -> str:
    """One linter line for ``span``.

    >>> from garble.datatypes import Label, Scan
    >>> from garble.inputs import Record
    >>> text = "Talks resume.\\nRead more:"
    >>> span = Span(14, 24, Label.BOILERPLATE, 0.93, "furniture_prompt")
    >>> format_line(Result(Record("a.txt", text, "a.txt"), Scan(text, (span,))), span)
    'a.txt:2:1: boilerplate: "Read more:" (score 0.93) [furniture_prompt]'
    """
    where = locate(result, span)
    quoted = excerpt(result.scan.text[span.start : span.end]).replace('"', '\\"')
    return (f"{defang(where.path)}:{where.line}:{where.col}: {span.label.value}: "
            f'"{quoted}" (score {span.score:.2f}) [{span.reason}]')


def format_lines(findings: Iterable[tuple[Result, Span]]) -> Iterator[str]:
    """Linter lines for ``(result, span)`` pairs."""
    for result, span in findings:
        yield format_line(result, span)
