"""``garble clean`` output: the cleaned text to stdout, a folder or in place, or a unified diff.

A written file keeps what cleaning did not touch: its encoding and byte-order mark, its line ends and
its permission bits. It is replaced through a temporary file renamed over it, so a crash or a full disk
leaves the old file or the new one, never half of one; and no file is written over its own input or
over the output of another input.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, TextIO

from garble.clean import remove_spans
from garble.inputs import MARK_CODECS, STDIN, Problem, Record, byte_order_mark, same_file
from garble.reports.common import Item, defang, replaced

Outcome = Literal["changed", "unchanged", "error"]

# Codecs whose encoder puts a mark first: a file read with one (--encoding) and found without a mark is
# written back without, in the byte order their decoder assumed then (this machine's).
MARKLESS = {"utf-8-sig": "utf-8", "utf-16": f"utf-16-{sys.byteorder[0]}e", "utf-32": f"utf-32-{sys.byteorder[0]}e"}


def line_end(text: str) -> str:
    """The line end ``text`` finishes with: ``"\\r\\n"``, ``"\\r"``, ``"\\n"``, or ``""`` for none.

    >>> line_end("a\\r\\n"), line_end("a\\r"), line_end("a\\n"), line_end("a")
    ('\\r\\n', '\\r', '\\n', '')
    """
    for end in ("\r\n", "\r", "\n"):
        if text.endswith(end):
            return end
    return ""


def cleaned_text(text: str, cleaned: str | None) -> str:
    """The text to write: the original when nothing was flagged (``None``), else the cleaned text
    ending as the original did. Cleaning drops the whitespace after text cut from the end, so the
    original's last line end is put back, in its own style; a cleaned text that kept its end is left.

    >>> cleaned_text("a\\n", None)
    'a\\n'
    >>> cleaned_text("Read more:\\nb\\n", "b"), cleaned_text("b\\r\\nRead more:\\r\\n", "b")
    ('b\\n', 'b\\r\\n')
    >>> cleaned_text("Read more:\\n\\nb\\n", "b\\n")
    'b\\n'
    """
    if cleaned is None:
        return text
    if not cleaned or cleaned.endswith(("\n", "\r")):
        return cleaned
    return cleaned + line_end(text)


def target(path: str, roots: Sequence[str], output_dir: Path) -> Path:
    """Where the file ``path`` goes under ``output_dir``: its path relative to the first of ``roots``
    (the command line's arguments) it was found under, or its name when it is one of them or under none.

    >>> roots = ["/src", "cl/in/", "notes/a.txt"]
    >>> [target(p, roots, Path("out")).as_posix() for p in ("/src/b/a.txt", "cl/in/x.txt", "notes/a.txt")]
    ['out/b/a.txt', 'out/x.txt', 'out/a.txt']
    >>> target("../up/a.txt", ["."], Path("out")).as_posix()  # never above the folder
    'out/a.txt'
    """
    file = Path(path)
    for root in map(Path, roots):
        rest = file.parts[len(root.parts):]
        if file.parts[: len(root.parts)] != root.parts or root.is_absolute() != file.is_absolute():
            continue  # "." is a prefix of every relative path, and of no absolute one
        if not rest:
            break  # a file named on the command line
        if ".." not in rest:
            return output_dir.joinpath(*rest)
    return output_dir / file.name


def file_codec(head: bytes, encoding: str | None) -> tuple[bytes, str]:
    """The byte-order mark and codec to write back a file that starts with ``head`` and was read with
    ``encoding`` (``--encoding``), by garble.inputs.decode's policy: a mark wins, else ``encoding``,
    else UTF-8.

    >>> file_codec(codecs.BOM_UTF16_BE + b"\\0a", None), file_codec(b"caf\\xe9", "latin-1")
    ((b'\\xfe\\xff', 'utf-16-be'), (b'', 'latin-1'))
    """
    if bom := byte_order_mark(head):  # garble.inputs.decode's mark, with the codec that writes after it
        return bom, MARK_CODECS[bom][1]
    if encoding is None:
        return b"", "utf-8"
    return b"", MARKLESS.get(codecs.lookup(encoding).name, encoding)


def encode_like(text: str, record: Record, encoding: str | None) -> bytes:
    """``text`` in the bytes ``record`` was read from: its byte-order mark (``Record.bom``) and codec (see
    ``file_codec``). The mark is the one read: the file was read again for it, which found none in a named
    pipe (gone once read) and the mark of whatever a file held by then. Raises UnicodeEncodeError when the
    codec cannot hold the text (a repair put in a character it lacks).
    """
    bom, codec = file_codec(record.bom, encoding)
    return bom + text.encode(codec)


def replace_file(path: Path, data: bytes, mode: int) -> None:
    """Make ``data`` the content of ``path``, with permission bits ``mode``, through a temporary file renamed
    over it (``replaced``: a file with other hard links, or in a folder garble may not create files in, is
    written where it is; a writable file in a read-only folder was cleaned in place before)."""
    with replaced(path, mode) as f:
        f.write(data)


def _diff(text: str, new: str, path: str) -> str:
    return "".join(difflib.unified_diff(text.splitlines(keepends=True), new.splitlines(keepends=True), path,
                                        f"{path} (cleaned)"))


class Cleaner:
    """``garble clean`` over one run's items, in the order read: remembers which JSONL corpora it has
    refused (one error each, not one per record) and which input each written file came from.

    ``roots`` are the command line's paths: a file found in a folder goes to its path relative to that
    folder under ``output_dir`` (see ``target``); ``encoding`` is ``--encoding``, to write files back in.
    """

    __slots__ = ("_corpora", "_written", "dry_run", "encoding", "in_place", "output_dir", "roots")

    def __init__(self, roots: Sequence[str], output_dir: Path | None = None, in_place: bool = False,
                 dry_run: bool = False, encoding: str | None = None) -> None:
        self.roots, self.output_dir, self.in_place, self.dry_run = tuple(roots), output_dir, in_place, dry_run
        self.encoding = encoding
        self._corpora: set[str] = set()
        self._written: dict[tuple[int, int], str] = {}  # (device, inode) of a file written -> its input

    def clean(self, item: Item, out: TextIO, err: TextIO) -> Outcome:
        """Clean one scanned file and write the result where asked; say on ``err`` what went wrong."""
        if isinstance(item, Problem) and item.line is None:
            err.write(f"garble: {'skipped' if item.skipped else 'error'}: {defang(item.path)}: "
                      f"{defang(item.message)}\n")
            return "unchanged" if item.skipped else "error"
        if isinstance(item, Problem) or item.record.line is not None:
            return self._refuse_corpus(item.path if isinstance(item, Problem) else item.record.path, err)
        record = item.record
        new = cleaned_text(record.text, remove_spans(item.scan) if item.scan.spans else None)
        outcome: Outcome = "changed" if new != record.text else "unchanged"
        try:
            if self.dry_run:  # the whole diff in one write: a console that cannot hold it gets none of it
                out.write(_diff(record.text, new, record.path))
            elif self.output_dir is None and not self.in_place:
                out.write(new)
            elif record.path == STDIN:
                err.write("garble: error: -: standard input has no file to write to; leave out "
                          "--in-place and --output-dir\n")
                return "error"
            elif not self._write(record, new, err):
                return "error"
        except UnicodeEncodeError as error:  # stdout's encoding cannot hold the text: say so, change nothing
            err.write(f"garble: error: {defang(record.path)}: stdout's encoding ({error.encoding}) cannot hold "
                      f"{error.object[error.start:error.end]!a}; set PYTHONIOENCODING=utf-8 or use --output-dir\n")
            return "error"
        return outcome

    def _refuse_corpus(self, path: str, err: TextIO) -> Outcome:
        """A record (or a bad line) of a JSONL corpus: an error for its first, the rest not cleaned, unsaid."""
        if path in self._corpora:
            return "unchanged"
        self._corpora.add(path)
        err.write(f"garble: error: {defang(path)}: a JSONL corpus; clean works on text files, not JSONL\n")
        return "error"

    def _write(self, record: Record, new: str, err: TextIO) -> bool:
        """Write ``new`` in place of ``record``'s file or under the output folder; False after saying why not."""
        source = Path(record.path)
        if self.output_dir is None:
            if new == record.text:
                return True
            if not source.is_file():
                err.write(f"garble: error: {defang(record.path)}: not a regular file (a pipe?) to write in "
                          "place; use --output-dir\n")
                return False
            dest = Path(os.path.realpath(source))  # a symlink stays one, to the file now cleaned
        else:
            dest = target(record.path, self.roots, self.output_dir)
            if not self._may_write(record.path, dest, err):
                return False
        try:
            data = encode_like(new, record, self.encoding)
            dest.parent.mkdir(parents=True, exist_ok=True)
            replace_file(dest, data, stat.S_IMODE(source.stat().st_mode))
            if self.output_dir is not None and len(self.roots) > 1:
                # One argument's files cannot land on each other (their relative paths differ), so a
                # folder of a million files keeps no table; only files of several arguments can collide.
                st = dest.stat()
                self._written[st.st_dev, st.st_ino] = record.path
        except UnicodeEncodeError as error:
            err.write(f"garble: error: {defang(record.path)}: {error.encoding} cannot encode "
                      f"{error.object[error.start:error.end]!a} of the cleaned text; nothing written\n")
            return False
        except OSError as error:
            err.write(f"garble: error: cannot write {defang(str(dest))}: {error.strerror or error}\n")
            return False
        return True

    def _may_write(self, path: str, dest: Path, err: TextIO) -> bool:
        """Whether ``dest``, the target of the input ``path``, is neither that input itself nor the
        output of another input of this run; False after saying which."""
        try:
            st = dest.stat()
        except OSError:
            return True  # nothing there yet
        first = self._written.get((st.st_dev, st.st_ino))
        if first is not None and not same_file(Path(first), Path(path)):
            err.write(f"garble: error: {defang(path)}: its target {defang(str(dest))} is already written from "
                      f"{defang(first)}; nothing written\n")
            return False
        if same_file(dest, Path(path)):
            self._written[st.st_dev, st.st_ino] = path  # claimed: no other input may land on it either
            err.write(f"garble: error: {defang(path)}: its target {defang(str(dest))} is the input file "
                      "itself; choose another --output-dir, or use --in-place\n")
            return False
        return True
