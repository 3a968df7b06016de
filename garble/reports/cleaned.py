"""``garble clean`` output: the cleaned text to stdout, a folder or in place, or a unified diff.

A written file keeps what cleaning did not touch: its encoding and byte-order mark, its line ends and
its permission bits. It is replaced through a temporary file renamed over it, so a crash or a full disk
leaves the old file or the new one, never half of one; and no file is written over its own input or
over the output of another input.

A JSONL corpus is cleaned record by record: each record's text field gets its cleaned text, and
every other field, the record's line end and the lines of records left as they were are written back
as read; a line that is no record (malformed JSON, no text field) is copied through and reported.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import gzip
import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Literal, Self, TextIO

from garble.clean import remove_spans
from garble.inputs import (
    MARK_CODECS,
    STDIN,
    Problem,
    Record,
    byte_order_mark,
    corpus_head,
    is_wide,
    same_file,
    wide_codec,
)
from garble.reports.common import Item, Result, defang, replaced

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


def corpus_codec(head: bytes, encoding: str | None) -> tuple[bytes, str] | None:
    """The byte-order mark and codec to write back a JSONL corpus that starts with ``head`` (its first bytes,
    decompressed) and was read with ``encoding``, when garble.inputs read it from UTF-16 or UTF-32 (its lines
    came in UTF-8, ``wide_codec``); None for a corpus read as it is, whose lines are written as read.

    >>> corpus_codec(codecs.BOM_UTF16_LE + b"{\\0", None), corpus_codec("{}".encode("utf-32-be"), None)
    ((b'\\xff\\xfe', 'utf-16-le'), (b'', 'utf-32-be'))
    >>> corpus_codec(b'{"id"', None) is None
    True
    """
    read = wide_codec(head, encoding)
    if read is None:
        return None
    bom = byte_order_mark(head)
    if bom and bom != codecs.BOM_UTF8:
        return bom, MARK_CODECS[bom][1]
    return b"", MARKLESS.get(codecs.lookup(read).name, read)


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


def cleaned_line(raw: bytes, text_field: str, new: str, codec: str = "utf-8") -> bytes:
    r"""The JSONL line ``raw`` (in ``codec``) with the value of its ``text_field`` replaced by ``new``, and every
    other byte as it was: the other fields, their order, spacing and number forms ("1.50" stays), the line end,
    a leading UTF-8 mark. ``new`` is escaped to ASCII when the line was ASCII (or when ``codec`` cannot hold
    it), so a corpus keeps its style.

    >>> cleaned_line(b'{"id": 7, "text": "Read more:\\nTalks resume.", "n": 1.50}\r\n', "text", "Talks resume.")
    b'{"id": 7, "text": "Talks resume.", "n": 1.50}\r\n'
    >>> cleaned_line('{"text": "café x"}\n'.encode(), "text", "café"), cleaned_line(b'{"text": "x"}', "text", "caf\xe9")
    (b'{"text": "caf\xc3\xa9"}\n', b'{"text": "caf\\u00e9"}')
    >>> cleaned_line(b'\n \n{"text": "x y"}\n', "text", "x")  # blank lines before a record are kept
    b'\n \n{"text": "x"}\n'
    """
    line = raw.decode(codec)
    start, end = _value_at(line, text_field)
    try:
        value = json.dumps(new, ensure_ascii=line.lstrip("\ufeff").isascii()).encode(codec)  # a mark is no style
    except UnicodeEncodeError:  # a repair put in a character the corpus's codec lacks (or a lone surrogate)
        value = json.dumps(new).encode(codec)
    return line[:start].encode(codec) + value + line[end:].encode(codec)


# JSON's whitespace, which may stand between tokens
_JSON_SPACE = " \t\n\r"


def _value_at(line: str, field: str) -> tuple[int, int]:
    r"""Where the value of ``field`` stands in ``line``, a JSON object (after blank lines and a UTF-8 mark, as
    read_jsonl reads it): the last one, as json.loads keeps the last of a key given twice.

    >>> line = '{"a": [1, {"text": 2}], "text" : "x\\"y" , "b": 3}'
    >>> start, end = _value_at(line, "text"); line[start:end]
    '"x\\"y"'
    """
    decoder = json.JSONDecoder()
    at = len(line) - len(line.lstrip(_JSON_SPACE + "\ufeff")) + 1  # past "{"
    found = (0, 0)
    while True:
        at = len(line) - len(line[at:].lstrip(_JSON_SPACE))
        if line[at] == "}":
            return found
        key, at = json.decoder.scanstring(line, at + 1)  # type: ignore[attr-defined]
        at = len(line) - len(line[at:].lstrip(_JSON_SPACE)) + 1  # past ":"
        start = len(line) - len(line[at:].lstrip(_JSON_SPACE))
        _, at = decoder.raw_decode(line, start)
        if key == field:
            found = (start, at)
        at = len(line) - len(line[at:].lstrip(_JSON_SPACE))
        at += line[at] == ","


class _Copy:
    """The cleaned copy of one JSONL corpus, written line by line through a temporary file (``replaced``) that
    takes the corpus's place, or the output folder's, only when ``finish`` keeps it; gzip for a ``.gz`` name."""

    __slots__ = ("_codec", "_stack", "changed", "dest", "line", "out", "path", "unreadable")

    def __init__(self, path: str, dest: Path, mode: int, wide: tuple[bytes, str] | None = None) -> None:
        self.path, self.dest = path, dest
        self.line = 0  # the last line written: a corpus named twice starts again from its first
        self.changed = False
        self.unreadable = False  # the corpus could not be read to its end: its copy would lose the rest
        self._stack = contextlib.ExitStack()
        file = self._stack.enter_context(replaced(dest, mode))
        self.out: BinaryIO | gzip.GzipFile = file
        if dest.name.lower().endswith(".gz"):
            self.out = self._stack.enter_context(gzip.GzipFile(filename="", mode="wb", fileobj=file, mtime=0))
        self._codec = None if wide is None else wide[1]  # a UTF-16 or UTF-32 corpus is written back in it
        if wide is not None and wide[0]:
            self.out.write(wide[0])

    def write(self, data: bytes) -> None:
        """Write a line as garble.inputs gave it: in UTF-8 when the corpus was read from UTF-16 or UTF-32, which
        it is written back in, mark and all (before, a UTF-16 corpus cleaned in place came out in UTF-8)."""
        self.out.write(data if self._codec is None else data.decode("utf-8").encode(self._codec))

    def finish(self, keep: bool) -> None:
        """Put the copy in place (``keep``), or drop it and leave whatever was there."""
        if keep:
            self._stack.close()
        else:  # replaced() deletes its temporary file when the block ends with an exception
            self._stack.__exit__(_Dropped, _Dropped(), None)


# What clean says when told to write standard input's text back to a file.
STDIN_HAS_NO_FILE = "garble: error: -: standard input has no file to write to; leave out --in-place and --output-dir\n"


def _cleaned(result: Result) -> str:
    """The text to write for a scanned file or record: ``cleaned_text`` of what its spans leave."""
    return cleaned_text(result.record.text, remove_spans(result.scan) if result.scan.spans else None)


class _Dropped(Exception):
    """Ends a copy's block without putting the copy in place."""


def _diff(text: str, new: str, path: str) -> str:
    r"""A unified diff of ``text`` and ``new``, marking a last line without a line end as diff(1) does: a JSONL
    record's text rarely ends in one, and its diff ran into the next file's header.

    >>> print(_diff("Read more:\nTalks resume.", "Talks resume.", "a.jsonl:3"), end="")
    --- a.jsonl:3
    +++ a.jsonl:3 (cleaned)
    @@ -1,2 +1 @@
    -Read more:
     Talks resume.
    \ No newline at end of file
    """
    lines = difflib.unified_diff(text.splitlines(keepends=True), new.splitlines(keepends=True), path,
                                 f"{path} (cleaned)")
    return "".join(line if line.endswith(("\n", "\r")) else f"{line}\n\\ No newline at end of file\n"
                   for line in lines)


class Cleaner:
    """``garble clean`` over one run's items, in the order read: the text files and the JSONL corpora (each
    corpus's copy open while its records come, ``_Copy``), and which input each written file came from.

    ``roots`` are the command line's paths: a file found in a folder goes to its path relative to that
    folder under ``output_dir`` (see ``target``); ``encoding`` is ``--encoding``, to write files back in;
    ``text_field`` is the JSONL field cleaned. Use it as a context manager: leaving the block puts the last
    corpus's copy in place, or drops it when the block ends with an exception (Ctrl-C). ``errors`` counts
    what went wrong after a ``clean`` call had returned (a copy that could not be put in place).
    """

    __slots__ = ("_copy", "_refused", "_written", "dry_run", "encoding", "errors", "in_place", "output_dir", "roots",
                 "text_field")

    def __init__(self, roots: Sequence[str], output_dir: Path | None = None, in_place: bool = False,
                 dry_run: bool = False, encoding: str | None = None, text_field: str = "text") -> None:
        self.roots, self.output_dir, self.in_place, self.dry_run = tuple(roots), output_dir, in_place, dry_run
        self.encoding, self.text_field = encoding, text_field
        self.errors = 0
        self._copy: _Copy | None = None  # the JSONL corpus being written
        self._refused: set[str] = set()  # corpora that cannot be written: said once, their records not written
        self._written: dict[tuple[int, int], str] = {}  # (device, inode) of a file written -> its input

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._copy is not None:
            self._finish(sys.stderr, drop=kind is not None)

    def clean(self, item: Item, out: TextIO, err: TextIO) -> Outcome:
        """Clean one scanned file or JSONL record and write the result where asked; say on ``err`` what went wrong."""
        path, line = (item.path, item.line) if isinstance(item, Problem) else (item.record.path, item.record.line)
        if self._copy is not None and (line is None or path != self._copy.path or line <= self._copy.line):
            self._finish(err)
        if isinstance(item, Problem) and item.line is None:
            err.write(f"garble: {'skipped' if item.skipped else 'error'}: {defang(item.path)}: "
                      f"{defang(item.message)}\n")
            return "unchanged" if item.skipped else "error"
        if line is not None:
            return self._clean_line(item, path, line, out, err)
        assert isinstance(item, Result)
        record = item.record
        new = _cleaned(item)
        outcome: Outcome = "changed" if new != record.text else "unchanged"
        try:
            if self.dry_run:  # the whole diff in one write: a console that cannot hold it gets none of it
                out.write(_diff(record.text, new, record.path))
            elif self.output_dir is None and not self.in_place:
                out.write(new)
            elif record.path == STDIN:
                err.write(STDIN_HAS_NO_FILE)
                return "error"
            elif not self._write(record, new, err):
                return "error"
        except UnicodeEncodeError as error:  # stdout's encoding cannot hold the text: say so, change nothing
            err.write(f"garble: error: {defang(record.path)}: stdout's encoding ({error.encoding}) cannot hold "
                      f"{error.object[error.start:error.end]!a}; set PYTHONIOENCODING=utf-8 or use --output-dir\n")
            return "error"
        return outcome

    def _clean_line(self, item: Item, path: str, line: int, out: TextIO, err: TextIO) -> Outcome:
        """Line ``line`` of the JSONL corpus ``path``: its record with the text cleaned, or the line as read when
        it is no record (said on ``err``), to stdout, as a diff, or into the corpus's copy."""
        if isinstance(item, Problem):
            err.write(f"garble: error: {defang(path)}:{line}: {defang(item.message)}\n")
            data, new = item.raw, None
            outcome: Outcome = "error"
        else:
            record = item.record
            cleaned = _cleaned(item)
            new = cleaned if cleaned != record.text else None
            data = record.raw if new is None else cleaned_line(record.raw, self.text_field, new, self._codec())
            outcome = "unchanged" if new is None else "changed"
        if self.dry_run:
            if new is not None and isinstance(item, Result):
                out.write(_diff(item.record.text, new, f"{path}:{line}"))
        elif self.output_dir is None and not self.in_place:
            if (buffer := getattr(out, "buffer", None)) is None:  # a text stream only (io.StringIO)
                out.write(data.decode(self._codec(), "replace"))
            else:
                out.flush()
                buffer.write(data)
        else:
            copy, refused_now = self._copy_of(path, err)
            if copy is None:  # said once, when refused: the corpus's later records are not written, unsaid
                return "error" if refused_now else outcome
            copy.line = line
            if not data:  # the corpus cannot be read further: its copy would lose the rest, so none is kept
                copy.unreadable = True
                return outcome
            try:
                copy.write(data)
            except OSError as error:
                err.write(f"garble: error: cannot write {defang(str(copy.dest))}: {error.strerror or error}; "
                          "nothing written\n")
                self._refused.add(path)
                self._finish(err, drop=True)
                return "error"
            copy.changed |= new is not None
        return outcome

    def _codec(self) -> str:
        """The codec of a JSONL line as read: --encoding's, but UTF-8 where garble.inputs transcodes (UTF-16, UTF-32)."""
        return "utf-8" if self.encoding is None or is_wide(self.encoding) else self.encoding

    def _copy_of(self, path: str, err: TextIO) -> tuple[_Copy | None, bool]:
        """The copy of the corpus ``path`` being written, started on its first record; None when it cannot be
        written, and whether that was found (and said) just now."""
        if self._copy is not None:
            return self._copy, False
        if path in self._refused:
            return None, False
        self._refused.add(path)  # until the copy is open
        if path == STDIN:
            err.write(STDIN_HAS_NO_FILE)
            return None, True
        try:
            st = Path(path).stat()
            dest = self._destination(path, err, st)
            if dest is None:
                return None, True
            dest.parent.mkdir(parents=True, exist_ok=True)
            # read again for its codec only when it is a file: a pipe's bytes would be taken from the reader
            wide = corpus_codec(corpus_head(Path(path)), self.encoding) if stat.S_ISREG(st.st_mode) else None
            self._copy = _Copy(path, dest, stat.S_IMODE(st.st_mode), wide)
        except OSError as error:
            err.write(f"garble: error: cannot write the cleaned copy of {defang(path)}: {error.strerror or error}\n")
            return None, True
        self._refused.discard(path)
        return self._copy, False

    def _finish(self, err: TextIO, drop: bool = False) -> None:
        """Put the open corpus copy in place: in the output folder always, in place when a record changed; drop
        it when asked, or when the corpus could not be read to its end (counted in ``errors``)."""
        copy, self._copy = self._copy, None
        if copy is None:
            return
        keep = not drop and not copy.unreadable and (self.output_dir is not None or copy.changed)
        try:
            copy.finish(keep)
        except OSError as error:
            err.write(f"garble: error: cannot write {defang(str(copy.dest))}: {error.strerror or error}\n")
            self.errors += 1
            return
        if copy.unreadable and not drop:
            err.write(f"garble: error: {defang(copy.path)}: not read to its end, so its cleaned copy is not "
                      "written\n")
            self.errors += 1
        elif keep:
            self._remember(copy.dest, copy.path)

    def _write(self, record: Record, new: str, err: TextIO) -> bool:
        """Write ``new`` in place of ``record``'s file or under the output folder; False after saying why not."""
        if self.output_dir is None and new == record.text:
            return True
        dest = self._destination(record.path, err)
        if dest is None:
            return False
        try:
            data = encode_like(new, record, self.encoding)
            dest.parent.mkdir(parents=True, exist_ok=True)
            replace_file(dest, data, stat.S_IMODE(Path(record.path).stat().st_mode))
            self._remember(dest, record.path)
        except UnicodeEncodeError as error:
            err.write(f"garble: error: {defang(record.path)}: {error.encoding} cannot encode "
                      f"{error.object[error.start:error.end]!a} of the cleaned text; nothing written\n")
            return False
        except OSError as error:
            err.write(f"garble: error: cannot write {defang(str(dest))}: {error.strerror or error}\n")
            return False
        return True

    def _destination(self, path: str, err: TextIO, corpus: os.stat_result | None = None) -> Path | None:
        """Where the cleaned input ``path`` is written: under the output folder (``target``), or in place, through a
        symlink to the file it names; None after saying why it cannot be. ``corpus`` is the stat of a JSONL corpus,
        whose copy is written while the corpus is read: in place, it must be a file of its own in a folder garble
        may write, or replaced() would write the copy over it."""
        if self.output_dir is not None:
            dest = target(path, self.roots, self.output_dir)
            return dest if self._may_write(path, dest, err) else None
        source = Path(path)
        if not (source.is_file() if corpus is None else stat.S_ISREG(corpus.st_mode)):
            err.write(f"garble: error: {defang(path)}: not a regular file (a pipe?) to write in place; use "
                      "--output-dir\n")
            return None
        dest = Path(os.path.realpath(source))  # a symlink stays one, to the file now cleaned
        if corpus is not None and (corpus.st_nlink > 1 or not os.access(dest.parent, os.W_OK | os.X_OK)):
            err.write(f"garble: error: {defang(path)}: a corpus with other hard links, or in a folder garble "
                      "may not write, cannot be cleaned in place; use --output-dir\n")
            return None
        return dest

    def _remember(self, dest: Path, path: str) -> None:
        """Note that ``dest`` was written from the input ``path``, for ``_may_write``. One argument's files cannot
        land on each other (their relative paths differ), so a folder of a million files keeps no table; only
        the outputs of several arguments can collide."""
        if self.output_dir is not None and len(self.roots) > 1:
            st = dest.stat()
            self._written[st.st_dev, st.st_ino] = path

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
