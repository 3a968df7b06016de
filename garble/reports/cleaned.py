"""``garble clean`` output: the cleaned text to stdout, a folder or in place, or a unified diff."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Literal, TextIO

from garble.clean import remove_spans
from garble.inputs import Problem
from garble.reports.common import Item, defang

Outcome = Literal["changed", "unchanged", "error"]


def cleaned_text(text: str, cleaned: str | None) -> str:
    """The text to write: the original when nothing was flagged (``None``), else the cleaned text
    ending as the original did.

    >>> cleaned_text("a\\n", None)
    'a\\n'
    >>> cleaned_text("Read more:\\nb\\n", "b")
    'b\\n'
    """
    if cleaned is None:
        return text
    return cleaned + "\n" if text.endswith("\n") and cleaned else cleaned


def target(path: str, output_dir: Path) -> Path:
    """Where ``path`` goes under ``output_dir``: its relative path, or its name when absolute or above.

    >>> target("news/a.txt", Path("out")).as_posix(), target("/tmp/a.txt", Path("out")).as_posix()
    ('out/news/a.txt', 'out/a.txt')
    """
    rel = Path(path)
    if rel.is_absolute() or ".." in rel.parts:
        rel = Path(rel.name)
    return output_dir / rel


def clean_file(item: Item, output_dir: Path | None, in_place: bool, dry_run: bool, out: TextIO,
               err: TextIO) -> Outcome:
    """Clean one scanned file and write the result where asked."""
    if isinstance(item, Problem):
        err.write(f"garble: {'skipped' if item.skipped else 'error'}: {defang(item.path)}: {defang(item.message)}\n")
        return "unchanged" if item.skipped else "error"
    record, scan = item.record, item.scan
    if record.line is not None:
        err.write(f"garble: error: {defang(record.path)}:{record.line}: clean works on text files, not JSONL\n")
        return "error"
    new = cleaned_text(record.text, remove_spans(scan) if scan.spans else None)
    try:
        if dry_run:  # the whole diff in one write: a console that cannot hold it gets none of it
            out.write("".join(difflib.unified_diff(record.text.splitlines(keepends=True),
                                                   new.splitlines(keepends=True), record.path,
                                                   f"{record.path} (cleaned)")))
        elif in_place:
            if new != record.text:
                Path(record.path).write_text(new, encoding="utf-8", newline="")
        elif output_dir is not None:
            dest = target(record.path, output_dir)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(new, encoding="utf-8", newline="")
        else:
            out.write(new)
    except OSError as error:
        err.write(f"garble: error: cannot write {defang(record.path)}: {error.strerror or error}\n")
        return "error"
    except UnicodeEncodeError as error:  # stdout's encoding cannot hold the text: say so, change nothing
        err.write(f"garble: error: {defang(record.path)}: stdout's encoding ({error.encoding}) cannot hold "
                  f"{error.object[error.start:error.end]!a}; set PYTHONIOENCODING=utf-8 or use --output-dir\n")
        return "error"
    return "changed" if new != record.text else "unchanged"
