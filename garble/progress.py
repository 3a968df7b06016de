"""A progress bar for long audits: documents, MB/s and time left, drawn by rich on stderr.

The bar counts UTF-8 bytes of scanned text. Its total is the size of the named input files
when every one is a plain file or uncompressed JSONL (a gzip file or stdin has no known
size, and then the bar shows no time left); the count snaps to a file's size once the
scan moves past that file, so JSON escapes and ids do not leave it short.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from garble.inputs import STDIN, Problem, Record, walk

if TYPE_CHECKING:
    from rich.console import Console

    from garble.reports.common import Item


def input_size(paths: Sequence[str]) -> int | None:
    """Bytes of every named input, or None when a size is unknowable (stdin, gzip).

    >>> input_size(["-"]) is None
    True
    """
    total = 0
    for arg in paths:
        if arg == STDIN:
            return None
        files = walk(Path(arg)) if os.path.isdir(arg) else [Path(arg)]
        for file in files:
            if file.name.lower().endswith(".gz"):
                return None
            try:
                total += file.stat().st_size
            except OSError:
                continue  # reported by the reader as an error record
    return total


def is_shown(quiet: bool, report_on_stdout: bool) -> bool:
    """True when a bar should be drawn: stderr is a terminal, not ``--quiet``, and the report
    is not itself being written to that terminal (the two would interleave)."""
    if quiet or not os.isatty(2):
        return False
    return not (report_on_stdout and os.isatty(1))


def track(items: Iterable[Item], total: int | None, console: Console | None = None) -> Iterator[Item]:
    """``items`` unchanged, while a bar on ``console`` (default: stderr) counts them and their bytes."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (TextColumn("garble: {task.fields[docs]:,} documents"), BarColumn(), TaskProgressColumn(),
               TransferSpeedColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console or Console(stderr=True), transient=False) as bar:
        task = bar.add_task("scan", total=total, docs=0)
        done = in_file = size = docs = 0  # bytes of finished files; bytes and size of this one; documents
        current: str | None = None
        for item in items:
            path = item.path if isinstance(item, Problem) else item.record.path
            if path != current:
                done += size if total is not None else in_file
                current, in_file, size = path, 0, _size(path)
            if not isinstance(item, Problem):
                docs += 1
                in_file += record_bytes(item.record)
            shown = min(in_file, size) if total is not None else in_file
            bar.update(task, completed=done + shown, docs=docs)
            yield item
        bar.update(task, completed=total if total is not None else done + in_file, docs=docs)


def record_bytes(record: Record) -> int:
    """The bytes of input ``record`` was read from, as the bar counts them: its JSONL line where it came from one,
    else its text's UTF-8 bytes. (Counting texts alone, a corpus of pages stood at 42 % on its last record, as
    JSON escapes, ids and other fields are bytes of the file too, then jumped to 100 %.)

    >>> record_bytes(Record("a", "h\u00e9llo", "a.txt")), record_bytes(Record("a", "x", "c.jsonl", 1, 40))
    (6, 40)
    """
    return record.size or len(record.text.encode("utf-8", "surrogatepass"))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size if path != STDIN else 0
    except OSError:
        return 0
