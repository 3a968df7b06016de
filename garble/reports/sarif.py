"""SARIF 2.1.0 for code-scanning dashboards: one rule per label, one result per span."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from garble.datatypes import LABELS, SCORE_DECIMALS, Span
from garble.reports.common import Result, excerpt, holds_unicode
from garble.reports.linter import RawLines, locate, place

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# SARIF levels: a confident span is an error, a doubtful one a warning. 0.8 is where the
# detector's hand-written signals put their firm hits (signals use 0.85-0.95).
ERROR_SCORE = 0.8


def region(result: Result, span: Span, raw: RawLines | None = None, field: str = "text") -> dict[str, int]:
    """Where ``span`` is in its file: start and end line and column (the end column is one past the span, as
    SARIF counts), so a dashboard marks the span and not its whole line; and for a text file its offset and
    length. A JSONL record gets no offset: ``span.start`` counts in the record's text, and a dashboard read
    it as an offset into the file (its first record's line, while startLine named the record's own).
    """
    start, end = locate(result, span, raw, field), place(result, span.end, raw, field)
    out = {"startLine": start.line, "startColumn": start.col, "endLine": end.line, "endColumn": end.col}
    if result.record.line is None:
        out |= {"charOffset": span.start, "charLength": span.end - span.start}
    return out


def _result(result: Result, span: Span, raw: RawLines | None, field: str) -> dict[str, Any]:
    where = locate(result, span, raw, field)
    return {
        "ruleId": span.label.value,
        "level": "error" if span.score >= ERROR_SCORE else "warning",
        "message": {"text": f'{span.label.value}: "{excerpt(result.scan.text[span.start:span.end])}" '
                            f"(score {span.score:.2f}) [{span.reason}]"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": where.path},
            "region": region(result, span, raw, field),
        }}],
        "properties": {"score": round(span.score, SCORE_DECIMALS), "reason": span.reason},  # as the JSON reports write it
    }


def render(findings: Iterable[tuple[Result, Span]], out: TextIO, version: str, raw: RawLines | None = None,
           field: str = "text") -> None:
    """Write one SARIF log for ``findings`` (``raw``: the JSONL lines to place them in, linter.locate)."""
    rules = [{"id": label.value, "shortDescription": {"text": label.value.replace("_", " ")}} for label in LABELS]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "garble", "version": version, "rules": rules}},
            # columns and offsets count code points, as Python's strings do; SARIF's default is UTF-16 units
            "columnKind": "unicodeCodePoints",
            "results": [_result(r, s, raw, field) for r, s in findings],
        }],
    }
    json.dump(log, out, indent=1, ensure_ascii=not holds_unicode(out))
    out.write("\n")
