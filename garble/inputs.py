"""Inputs: paths, folders, stdin and JSONL corpora -> documents, one record at a time.

Every input record yields exactly one :class:`Record` (text to scan) or one
:class:`Problem` (why it could not be read, with its path and line), so the
output count always equals the input count and one bad record never stops a run.

Decoding policy: a UTF-8, UTF-16 or UTF-32 byte-order mark wins; otherwise ``encoding``
(``--encoding``) if given, else strict UTF-8. A plain file with NUL bytes and no BOM is binary
and skipped with a message. A JSONL corpus in UTF-16 or UTF-32 is split into lines after decoding.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
GZIP_MAGIC = b"\x1f\x8b"  # the first two bytes of every gzip stream (RFC 1952)
# A stream's start this long that inflates to nothing and does not end is no gzip (``_inflates``): a gzip header is
# 10 bytes, more only with a file name, comment or extra field, and the first compressed bytes give text at once.
MIN_INFLATED_HEAD = 32
# How much of a file is sniffed for NUL bytes: git's own binary test looks at the first 8000 bytes.
SNIFF_BYTES = 8000
BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    # (mark, the codec that reads the text and drops the mark, the codec that writes the text after the mark:
    # the one of the mark's byte order, as "utf-16" would write this machine's; garble clean writes files back)
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# Each mark's (reading, writing) codecs, for a mark byte_order_mark found: the one place that tries BOMS in order.
MARK_CODECS = {bom: (read, write) for bom, read, write in BOMS}


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: JSONL field names, a forced encoding, whether stdin is JSONL."""

    text_field: str = "text"
    id_field: str = "id"
    encoding: str | None = None
    stdin_jsonl: bool = False
    # garble clean of a JSONL corpus: keep each line as read (Record.raw, Problem.raw) to write back, and let an
    # id repeat (cleaning needs none, and a corpus with a repeated id is still a corpus to clean)
    raw_lines: bool = False


@dataclass(frozen=True, slots=True)
class Record:
    """One document to scan: its id, its text and where it came from (``line`` for JSONL)."""

    id: str
    text: str
    path: str
    line: int | None = None
    # the bytes it was read from (a JSONL line, escapes, id and all), for the progress bar; 0 where unknown
    size: int = field(default=0, compare=False)
    # the byte-order mark a plain text was read after (decode drops it), for garble clean to write back; b"" for none
    bom: bytes = field(default=b"", compare=False)
    # a JSONL record's line as read, line end and all, when ReadOptions.raw_lines asks; b"" otherwise
    raw: bytes = field(default=b"", compare=False)


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be scanned. ``skipped`` problems (binary files) are not errors."""

    id: str
    path: str
    line: int | None
    message: str
    skipped: bool = False
    # the JSONL line that could not be read as a record, as read, when ReadOptions.raw_lines asks: garble clean
    # copies it through; b"" for none (and for a corpus that cannot be read further)
    raw: bytes = field(default=b"", compare=False)

    def to_dict(self) -> dict[str, object]:
        """The error record of the JSONL output.

        >>> Problem("a.txt", "a.txt", None, "not UTF-8").to_dict()
        {'id': 'a.txt', 'error': 'not UTF-8', 'path': 'a.txt', 'line': None}
        """
        key = "skipped" if self.skipped else "error"
        return {"id": self.id, key: self.message, "path": self.path, "line": self.line}


Item = Record | Problem


def is_jsonl(path: str) -> bool:
    """True for names that hold a JSONL corpus.

    >>> is_jsonl("pages.jsonl.gz"), is_jsonl("a.txt")
    (True, False)
    """
    return path.lower().endswith(JSONL_SUFFIXES)


def byte_order_mark(data: bytes) -> bytes:
    """The byte-order mark ``data`` starts with, the one ``decode`` goes by; b"" for none.

    >>> byte_order_mark(codecs.BOM_UTF32_LE + b"a\\0\\0\\0"), byte_order_mark(b"abc")
    (b'\\xff\\xfe\\x00\\x00', b'')
    """
    return next((bom for bom, _, _ in BOMS if data.startswith(bom)), b"")


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode ``data`` by the policy above; raise ValueError saying what to do.

    >>> decode(codecs.BOM_UTF16_LE + "héllo".encode("utf-16-le"))
    'héllo'
    >>> decode(b"caf\\xe9", "latin-1")
    'café'
    """
    if bom := byte_order_mark(data):
        codec = MARK_CODECS[bom][1]
        try:
            return data[len(bom) :].decode(codec)
        except UnicodeDecodeError as err:
            raise ValueError(not_as_marked(codec, len(bom) + err.start, err.reason)) from None
    if data.startswith(GZIP_MAGIC):  # a.txt.gz was skipped as "NUL bytes", which did not say what to do
        raise ValueError("binary file (gzip-compressed: garble decompresses only .jsonl.gz and .ndjson.gz corpora; "
                         "for a text, zcat it into 'garble audit -')")
    if encoding is None and b"\0" in data[:SNIFF_BYTES]:
        raise ValueError("binary file (NUL bytes and no byte-order mark)")
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"cannot decode as {encoding or 'UTF-8'} at byte {err.start}; pass --encoding (e.g. --encoding cp1252)"
        ) from None
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}; pass a Python codec name such as utf-8 or cp1252") from None


def not_as_marked(codec: str, at: int, reason: str) -> str:
    """Why a file whose byte-order mark says ``codec`` cannot be read: Python's "'utf-16-le' codec can't
    decode byte 0x0a in position 26" named neither the mark nor what to do.

    >>> not_as_marked("utf-16-le", 28, "truncated data")
    'not UTF-16-LE at byte 28 (truncated data), though it starts with a UTF-16-LE byte-order mark, which \
wins over --encoding: convert the file to what its mark says, or remove the mark'
    """
    name = codec.upper()
    return (f"not {name} at byte {at} ({reason}), though it starts with a {name} byte-order mark, which wins over "
            "--encoding: convert the file to what its mark says, or remove the mark")


def walk(root: Path, skip: Sequence[Path] = ()) -> Iterator[Path]:
    """Files under ``root`` in sorted order, following symlinks but never around a loop.

    Hidden files and folders (``.git``) are left out, and so are the folders of ``skip`` (``clean -o DIR``'s
    output folder inside its input: a second run cleaned DIR/DIR/...).
    """
    seen = {found for other in skip if (found := file_id(other)) is not None}  # read as already visited

    def visit(folder: Path) -> Iterator[Path]:
        found = file_id(folder)
        if found is None:
            return
        if found in seen:
            return  # a symlink loop or a second link to a folder already read
        seen.add(found)
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            yield folder  # reported by the reader with its error
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from visit(entry)
            else:
                yield entry

    yield from visit(root)


def _unreadable(mode: int, named: bool) -> str | None:
    """Why a file of ``mode`` (its ``st_mode``) is skipped, or None to read it. A regular file is read; so is
    a pipe named on the command line (``garble audit --jsonl <(zcat corpus.jsonl.gz)``, ``cat a.txt | garble
    check /dev/stdin``), which ends when its writer does. A pipe found in a folder may have no writer and
    block forever, and a device (``/dev/zero``) or a socket may never end, so those are skipped."""
    if stat.S_ISREG(mode) or (named and stat.S_ISFIFO(mode)):
        return None
    return "a pipe found in a folder" if stat.S_ISFIFO(mode) else "not a regular file (a device or a socket)"


# A web page's markup, which garble does not parse: its tags and scripts are read as text, every tag flagged.
HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:(?P<doctype>!doctype\s+html)|html)[\s>]", re.IGNORECASE | re.DOTALL)
HTML_PART = re.compile(r"<(?:head|body)[\s>]", re.IGNORECASE)
HTML_SKIPPED = ("a web page's HTML: garble reads the text extracted from a page (by an extractor such as "
                "trafilatura, jusText or boilerpipe), not its markup")


def read_plain(path: Path, options: ReadOptions) -> Item:
    """A plain text file as one record, or the problem reading it (read_path has seen it is one to read). A file
    that is a web page's HTML is skipped, saying so: scanned as text, every tag of it was flagged as furniture."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        return Problem(name, name, None, f"cannot read: {err.strerror or err}")
    return plain_item(name, data, options.encoding)


def plain_item(name: str, data: bytes, encoding: str | None = None) -> Item:
    """The bytes of a plain text (a file, standard input) as one record named ``name``, or why not: a binary
    file or a web page's HTML is skipped, an undecodable text is an error."""
    try:
        text = decode(data, encoding)
    except ValueError as err:
        return Problem(name, name, None, str(err), skipped=str(err).startswith("binary"))
    if is_html(text):
        return Problem(name, name, None, HTML_SKIPPED, skipped=True)
    return Record(name, text, name, bom=byte_order_mark(data))


def is_html(text: str) -> bool:
    r"""Whether ``text`` is a web page's markup: it opens (after comments and space) with a doctype, or with <html>
    and holds a <head> or <body> tag.

    >>> is_html("<!DOCTYPE html><p>x</p>"), is_html("<!-- saved -->\n<html lang=en><body><p>x</p></body></html>")
    (True, True)
    >>> is_html("<html> opens a page and </html> closes it."), is_html("The <html> and <body> tags.")
    (False, False)
    """
    start = HTML_START.match(text, 0, 4096)
    return start is not None and (start["doctype"] is not None or HTML_PART.search(text, 0, 100_000) is not None)


class FirstLines:
    """The line each id of a JSONL file was first seen on, in 24 to 48 bytes per id whatever its length.

    A dict of the ids themselves grew with the corpus (95 MB for the 575,591 ids of a 2 GB file);
    this keeps a 64-bit BLAKE2b digest of each id and its line in an open-addressed table of two
    machine arrays, grown by doubling at two thirds full. Two different ids share a digest with
    probability about n^2 / 2^65: one in three million for ten million ids.

    >>> lines = FirstLines()
    >>> lines.first("a", 1), lines.first("b", 2), lines.first("a", 7)
    (None, None, 1)
    """

    __slots__ = ("_keys", "_lines", "_mask", "_used")

    def __init__(self, capacity: int = 1024) -> None:  # a power of two
        self._keys = array("Q", bytes(8 * capacity))  # 0 marks an empty slot; no digest is stored as 0
        self._lines = array("q", bytes(8 * capacity))
        self._mask = capacity - 1
        self._used = 0

    def __len__(self) -> int:
        return self._used

    def first(self, doc_id: str, line: int) -> int | None:
        """The line ``doc_id`` was first seen on, or None after recording it as first seen on ``line``."""
        digest = hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        key = int.from_bytes(digest, "little") or 1
        i = self._slot(key)
        if self._keys[i]:
            return self._lines[i]
        self._keys[i], self._lines[i] = key, line
        self._used += 1
        if 3 * self._used > 2 * self._mask:
            self._grow()
        return None

    def _slot(self, key: int) -> int:
        """The slot holding ``key``, or the empty slot where it goes (linear probing)."""
        keys, mask = self._keys, self._mask
        i = key & mask
        while keys[i] and keys[i] != key:
            i = (i + 1) & mask
        return i

    def _grow(self) -> None:
        old_keys, old_lines = self._keys, self._lines
        capacity = 2 * len(old_keys)
        self._keys, self._lines = array("Q", bytes(8 * capacity)), array("q", bytes(8 * capacity))
        self._mask = capacity - 1
        for key, line in zip(old_keys, old_lines):
            if key:
                i = self._slot(key)
                self._keys[i], self._lines[i] = key, line


class SeenIds:
    """The ids of every JSONL record of a run, across its files: where each was first seen, as FirstLines keeps
    it, with the file's index above the line's bits. An id twice, in one file or in two, is an error record
    (``audit a.jsonl a.jsonl`` gave every id twice).

    >>> seen = SeenIds()
    >>> seen.first("a", "x.jsonl", 1), seen.first("a", "x.jsonl", 4), seen.first("a", "y.jsonl", 2)
    (None, 'line 1', 'x.jsonl:1')
    """

    __slots__ = ("_files", "_lines")
    LINE_BITS = 40  # a trillion lines a file

    def __init__(self) -> None:
        self._lines = FirstLines()
        self._files: list[str] = []

    def first(self, doc_id: str, name: str, line: int) -> str | None:
        """Where ``doc_id`` was first seen ("line 3" in this file, "other.jsonl:3"), or None after noting it."""
        if not self._files or self._files[-1] != name:
            self._files.append(name)
        at = self._lines.first(doc_id, ((len(self._files) - 1) << self.LINE_BITS) | line)
        if at is None:
            return None
        file, number = self._files[at >> self.LINE_BITS], at & ((1 << self.LINE_BITS) - 1)
        return f"line {number}" if file == name else f"{file}:{number}"


def _jsonl_record(raw: bytes, name: str, number: int, options: ReadOptions, seen: SeenIds,
                  encoding: str | None) -> Item:
    """The record of line ``number``, ``raw`` in ``encoding`` (None: UTF-8), or the problem with it."""
    where = f"{name}:{number}"
    try:
        obj = json.loads(raw.decode(encoding or "utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError as err:
        return Problem(where, name, number, f"cannot decode as {encoding or 'UTF-8'} at byte {err.start}; "
                       "pass --encoding")
    except ValueError as err:  # json.JSONDecodeError
        return Problem(where, name, number, f"malformed JSONL line: {err}")
    except RecursionError:  # "[[[[..." deeper than the interpreter's stack allows
        return Problem(where, name, number, "malformed JSONL line: nested too deeply to parse")
    except LookupError:  # --encoding names no codec: what decode says of a plain file, not a traceback
        return Problem(where, name, number, f"unknown encoding {encoding!r}; pass a Python codec name such as "
                       "utf-8 or cp1252")
    if not isinstance(obj, dict):
        return Problem(where, name, number, f"JSONL line is of type {type(obj).__name__}, not an object")
    raw_id = obj.get(options.id_field)
    doc_id = where if raw_id is None else str(raw_id)
    text = obj.get(options.text_field)
    if not isinstance(text, str):
        what = "missing" if text is None else f"of type {type(text).__name__}, not a string"
        return Problem(doc_id, name, number, f"text field {options.text_field!r} is {what}")
    first = None if options.raw_lines else seen.first(doc_id, name, number)  # clean lets an id repeat (ReadOptions)
    if first is not None:
        return Problem(doc_id, name, number, f"duplicate id {doc_id!r} (first at {first})")
    return Record(doc_id, text, name, number, len(raw))


class NotDecodable(ValueError):
    """A UTF-16 or UTF-32 JSONL stream that stops being so part-way (``_transcoded``)."""


# What reading a truncated or corrupt .gz (or a failing disk) raises part-way through a file:
# gzip.BadGzipFile is an OSError, a cut-off stream an EOFError, a damaged deflate stream a zlib.error;
# and a UTF-16 or UTF-32 stream broken part-way a NotDecodable.
UNREADABLE = (OSError, EOFError, zlib.error, NotDecodable)
# Codecs in which a line end is no 0x0A byte of its own ("\n" is 0A 00 in UTF-16-LE, and 0x0A is a byte of
# other characters too, U+010A or U+200A): a stream in one is split into lines after it is decoded.
WIDE_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})


def read_jsonl(stream: BinaryIO, name: str, options: ReadOptions, seen: SeenIds | None = None) -> Iterator[Item]:
    """Records of a JSONL stream, one line at a time; blank lines are not records. ``seen``: the ids of the
    run's files read before, if any."""
    seen = SeenIds() if seen is None else seen
    number = 0
    # With raw_lines, the blank lines around a record are given in its raw line so that clean keeps them: those
    # before it, and after the last record those at the end of the file, so each record is held until the next.
    blank = b""
    held: Item | None = None
    try:
        # inside: its first look at the stream reads (a .gz cut short in its first block ended the run, "Aborted.")
        lines, encoding = _lines(stream, options.encoding)
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                blank += raw if options.raw_lines else b""
                continue
            item = _jsonl_record(raw, name, number, options, seen, encoding)
            if options.raw_lines:
                if held is not None:
                    yield held
                held, blank = replace(item, raw=blank + raw), b""
            else:
                yield item
    except UNREADABLE as err:
        if held is not None:
            yield held
        yield Problem(f"{name}:{number + 1}", name, number + 1, f"cannot read further: {err}")
        return
    if held is not None:
        yield replace(held, raw=held.raw + blank)


def _lines(stream: BinaryIO, encoding: str | None = None) -> tuple[Iterable[bytes], str | None]:
    """The lines of a JSONL stream (decompressed when it is gzip, ``_unzipped``) and the codec to decode each
    with (None: UTF-8). A UTF-16 or UTF-32 byte-order mark at its start wins, as it does for a plain file; such
    a stream, or one ``encoding`` says is UTF-16 or UTF-32, is decoded as it is read and split at its "\\n"
    characters, each line given in UTF-8. Split as bytes, a UTF-16 corpus came apart at every 0x0A byte:
    "cannot decode", then "malformed JSONL line" for every line, and no record read."""
    stream = _unzipped(stream)
    codec = wide_codec(_head(stream), encoding)
    if codec is None:
        return stream, encoding
    return _transcoded(stream, codec), None


def wide_codec(head: bytes, encoding: str | None = None) -> str | None:
    """The UTF-16 or UTF-32 codec that reads a JSONL stream starting with ``head`` (up to WIDE_SNIFF bytes), read with
    ``encoding`` (``--encoding``): a mark's, else the zero bytes' when no encoding is given, else ``encoding``
    when it is one of them; None for a stream read line by line as bytes.

    >>> wide_codec(codecs.BOM_UTF16_LE + b"{\\0"), wide_codec("{}".encode("utf-32-be")), wide_codec(b"{}", "UTF-16LE")
    ('utf-16', 'utf-32-be', 'UTF-16LE')
    >>> wide_codec(b'{"id"'), wide_codec(b'{"id"', "cp1252")
    (None, None)
    """
    codec = _marked_wide(head) or (_unmarked_wide(head) if encoding is None else None)
    if codec is None and encoding is not None and is_wide(encoding):
        codec = encoding
    return codec


def _marked_wide(head: bytes) -> str | None:
    """The codec that reads a JSONL stream starting with ``head`` when a UTF-16 or UTF-32 mark says it is in one:
    the mark, then an ASCII character (a JSON line starts with "{" or a space). A UTF-8 corpus whose first line
    is broken can start with a mark's bytes too ("\\xff\\xfe\\n{..."): read as UTF-16, its good lines were lost.

    >>> _marked_wide(codecs.BOM_UTF16_LE + b"{\\0"), _marked_wide(codecs.BOM_UTF16_LE + b"\\n{"), _marked_wide(b"{")
    ('utf-16', None, None)
    >>> _marked_wide(codecs.BOM_UTF16_BE + b"\\x002\\x01{o\\n")  # a mark, then no JSONL in UTF-16 (fuzz.py jsonl)
    """
    bom = byte_order_mark(head)
    if not bom or bom == codecs.BOM_UTF8:
        return None  # UTF-8's: lines split as bytes, and the mark dropped from the first (_jsonl_record)
    read, write = MARK_CODECS[bom]
    return read if _reads_as_jsonl(head[len(bom) :], write) else None


def _reads_as_jsonl(sample: bytes, codec: str) -> bool:
    """Whether ``sample``, a stream's start after any mark, reads in ``codec`` as JSONL does: its first character
    past white space opens an object or an array, and all of it decodes (it may end inside a character) with no
    NUL in it, which JSON escapes. Garbage that only opens with a mark or with zero bytes where '{"id' has them
    (benchmarks/fuzz.py jsonl) was transcoded and gave one error for all its lines, where each must give its own.

    >>> _reads_as_jsonl('{"id": 1}\\n'.encode("utf-16-le"), "utf-16-le"), _reads_as_jsonl(b"2\\x01{o\\n", "utf-16-be")
    (True, False)
    """
    try:
        text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return text.lstrip()[:1] in JSON_OPENERS and "\0" not in text


# A JSON text in UTF-16 or UTF-32 without a mark, by which of its first four bytes are zero (its first two characters
# are ASCII, so each has zero bytes beside it): RFC 4627 section 3's way of telling the encoding. A UTF-8 JSON line holds no
# zero byte (JSON escapes U+0000), so no UTF-8 corpus is read otherwise than before.
UNMARKED_WIDE: dict[tuple[bool, ...], str] = {
    (False, True, True, True): "utf-32-le",
    (True, True, True, False): "utf-32-be",
    (False, True, False, True): "utf-16-le",
    (True, False, True, False): "utf-16-be",
}


def _unmarked_wide(head: bytes) -> str | None:
    """The codec of a JSONL stream in UTF-16 or UTF-32 with no byte-order mark, by the zero bytes of its first
    four (``UNMARKED_WIDE``); None for anything else. Without it, such a corpus gave "cannot decode" on every line
    unless --encoding named the codec.

    The first character past any white space must open an object or an array, and the first 8 bytes be
    printable ASCII: a UTF-8 corpus whose first line is control bytes and zeros ("\\x01\\0\\0\\0{...", "{\\0\\0\\0\\0...",
    benchmarks/fuzz.py jsonl) was read as UTF-32 and gave one error for all its lines, where each must give its own.

    >>> [_unmarked_wide(t.encode(c)) for t, c in [('{"id', "utf-16-le"), ('{"id', "utf-16-be"), ("{}", "utf-32-le"), ("{}", "utf-8")]]
    ['utf-16-le', 'utf-16-be', 'utf-32-le', None]
    >>> _unmarked_wide(b"\\x01\\0\\0\\0{"), _unmarked_wide(b"{\\0\\0\\0\\0\\0\\0\\0"), _unmarked_wide(b"\\0\\0\\0\\n")
    (None, None, None)
    """
    codec = UNMARKED_WIDE.get(tuple(byte == 0 for byte in head[:4]))
    if codec is None:
        return None
    unit = 4 if codec.startswith("utf-32") else 2
    # RFC 4627 takes a JSON text's first two characters for ASCII; a line of JSONL opens '{"id' or so, and 8 bytes
    # of ASCII (four UTF-16 characters, two UTF-32) keep garbage with zero bytes in it from passing for either
    start = head[:8].decode(codec, "replace")
    if not (len(start) == 8 // unit and all(c.isascii() and (c.isprintable() or c in "\t\r\n") for c in start)):
        return None
    return codec if _reads_as_jsonl(head, codec) else None


# How much of a JSONL stream's start tells whether it is in UTF-16 or UTF-32 without a mark (``wide_codec``): what
# a buffered stream shows unread (``peek``), up to this.
WIDE_SNIFF = 4096
# The characters a JSONL record's line opens with, after any white space: an object, or an array.
JSON_OPENERS = frozenset("{[")


def is_wide(encoding: str) -> bool:
    """Whether ``encoding`` is one of WIDE_CODECS, by any of its names ("UTF-16LE", "utf_16_le")."""
    try:
        return codecs.lookup(encoding).name in WIDE_CODECS
    except LookupError:
        return False


def _transcoded(stream: BinaryIO, codec: str) -> Iterator[bytes]:
    """The lines of ``stream``, in ``codec``, in UTF-8; NotDecodable where it stops being ``codec``. The text is
    decoded a chunk of some thousand characters at a time, so the lines of the chunk that holds the fault are
    not given: the error names the first of them."""
    text = io.TextIOWrapper(stream, encoding=codec, newline="\n")  # split at "\n" only, as bytes are
    try:
        for line in text:
            yield line.encode("utf-8")
    except UnicodeDecodeError as err:
        raise NotDecodable(f"not {err.encoding.upper()} from here on ({err.reason})") from None
    finally:
        text.detach()  # the caller closes the stream it opened


def _unzipped(stream: BinaryIO) -> BinaryIO:
    """``stream``, decompressed when it starts as gzip does although its name did not say so:
    ``cat corpus.jsonl.gz | garble audit --jsonl -`` gave one "cannot decode" error per line of compressed
    bytes. A JSON line cannot start with that byte (U+001F), so no corpus is read otherwise than before. A stream
    already decompressed (a .gz name) is not looked into again: gzip inside gzip is no corpus, and decompressing its
    text again gave one error for all its lines (benchmarks/fuzz.py jsonl), where each must give its own."""
    if isinstance(stream, gzip.GzipFile):
        return stream
    head = _peeked(stream)
    if head[: len(GZIP_MAGIC)] == GZIP_MAGIC and _inflates(head):
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def _inflates(head: bytes) -> bool:
    """Whether ``head``, the start of a stream with gzip's magic bytes, begins as a gzip stream goes on: its header
    and first compressed bytes read without error (they may stop short), and give a byte of text or end the stream,
    unless ``head`` is too short to hold more than a header (a pipe's first read can be). Bytes that only open
    with the magic are lines to read, each its own error (benchmarks/fuzz.py jsonl), not one gzip error for all
    of them: a header whose extra field claimed the rest of the bytes read without error and gave nothing.

    >>> _inflates(gzip.compress(b'{"id": 1}\\n')[:12]), _inflates(b'\\x1f\\x8bid": "a"}\\n')
    (True, False)
    >>> _inflates(b"\\x1f\\x8b\\x08\\x04" + bytes(6) + b"\\xd1\\x15" + b'{"id": 1}\\n' * 4)  # extra field, 5,585 bytes long
    False
    """
    inflate = zlib.decompressobj(31)  # 31: gzip's header and trailer around the deflate data
    try:
        text = inflate.decompress(head, 1)
    except zlib.error:
        return False
    return bool(text) or inflate.eof or len(head) < MIN_INFLATED_HEAD


def _peeked(stream: BinaryIO) -> bytes:
    """What a buffered stream (stdin, an opened file) shows of its start unread: its buffer, filled by one read
    when empty (``peek``'s size is only a hint); b"" for a stream that cannot show it."""
    peek = getattr(stream, "peek", None)
    return peek(WIDE_SNIFF) if peek is not None else b""


def _head(stream: BinaryIO) -> bytes:
    """``_peeked``, up to WIDE_SNIFF bytes: the sample ``wide_codec`` decides on."""
    return _peeked(stream)[:WIDE_SNIFF]


def corpus_head(path: Path) -> bytes:
    """The start of the JSONL corpus ``path`` that ``read_jsonl`` decides its codec on (``_head``, decompressed), so
    that a caller reading it again decides the same; b"" when it cannot be had (a .gz cut short in its first
    block: its reading reports that, not this)."""
    try:
        with _open_jsonl(path) as stream:
            return _head(_unzipped(stream))
    except (OSError, EOFError):
        return b""


def _open_jsonl(path: Path) -> BinaryIO:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def is_offset(value: Any) -> bool:
    """A character offset as a JSON record gives one: an integer, not a bool (JSON true is no offset).

    >>> is_offset(3), is_offset(True), is_offset(3.0)
    (True, False, False)
    """
    return isinstance(value, int) and not isinstance(value, bool)


def numbered_lines(path: str | Path, error: type[ValueError] = ValueError) -> Iterator[tuple[int, str]]:
    """The non-blank lines of a JSONL(.gz) file a program reads whole (gold, predictions), with their 1-based
    numbers; a line that is not UTF-8, or a truncated or corrupt .gz, raises ``error`` naming the file and
    the line. Decoded a line at a time, so that a bad line is named, not the file.
    """
    path = Path(path)
    number = 0
    with _open_jsonl(path) as f:
        try:
            for number, raw in enumerate(_lines(f)[0], 1):  # as read_jsonl reads them
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise error(f"{path}:{number}: not UTF-8 text") from None
                if line.strip():
                    yield number, line
        except UNREADABLE as err:
            raise error(f"{path}:{number + 1}: cannot read further: {err}") from None


def read_path(path: Path, options: ReadOptions, named: bool = False, seen: SeenIds | None = None) -> Iterator[Item]:
    """The records of one file (plain or JSONL); ``named``: given on the command line, not found in a folder.

    A pipe named on the command line is JSONL when its name says so or with ``--jsonl``
    (``options.stdin_jsonl``), as standard input is: ``<(zcat corpus.jsonl.gz)`` has no name to tell.
    """
    name = str(path)
    try:
        mode = path.stat().st_mode  # once a file: a folder walk of many files stats each here only
    except OSError as err:
        yield Problem(name, name, None, f"cannot read: {err.strerror or err}")
        return
    if (why := _unreadable(mode, named)) is not None:
        yield Problem(name, name, None, why, skipped=True)
        return
    if not (is_jsonl(name) or (named and options.stdin_jsonl and stat.S_ISFIFO(mode))):
        yield read_plain(path, options)
        return
    try:
        stream = _open_jsonl(path)
    except OSError as err:
        yield Problem(name, name, None, f"cannot read: {err.strerror or err}")
        return
    with stream:
        yield from read_jsonl(stream, name, options, seen)


def looks_like_jsonl(text: str, field: str) -> bool:
    """Whether ``text`` read as one document is a JSONL corpus instead: its first line a JSON object with the
    text field (``head -2 corpus.jsonl | garble audit -`` without ``--jsonl`` scanned the JSON as prose).

    >>> looks_like_jsonl('{"id": 1, "text": "a"}\\n{"id": 2, "text": "b"}', "text"), looks_like_jsonl("{a}", "text")
    (True, False)
    """
    first = text.lstrip().split("\n", 1)[0]
    if not first.startswith("{"):
        return False
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and field in record


def read_stdin(options: ReadOptions, stdin: BinaryIO | None = None, seen: SeenIds | None = None) -> Iterator[Item]:
    """Standard input as one text document (id ``-``), or as JSONL with ``stdin_jsonl``."""
    stream = stdin if stdin is not None else sys.stdin.buffer
    if options.stdin_jsonl:
        yield from read_jsonl(stream, STDIN, options, seen)
        return
    try:
        data = stream.read()
    except ValueError as err:  # a closed stream
        yield Problem(STDIN, STDIN, None, str(err))
        return
    yield plain_item(STDIN, data, options.encoding)


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file (through links too); for a file not yet there, the same path.

    >>> same_file(Path("news/../a.txt"), Path("a.txt"))
    True
    """
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def file_id(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of the file ``path`` names, through links; None when it cannot be stat()ed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def skipper(skip: Sequence[Path]) -> Callable[[Path], bool]:
    """A test of whether a file is one of ``skip``, as ``same_file`` tells, with each of ``skip`` stat()ed once
    and each file once: comparing every file with every skip path by ``same_file`` cost two stat calls a pair.

    A skip path that cannot be stat()ed (a report not written yet) is one file with another when their resolved
    paths are equal (same_file); so it is known by what its resolved path names, and when that is nothing, no
    file that can be stat()ed resolves to it. A file that cannot be (a dangling link) goes to same_file itself.
    """
    ids = {found for other in skip if (found := file_id(other) or file_id(other.resolve())) is not None}

    def holds(file: Path) -> bool:
        found = file_id(file)
        return found in ids if found is not None else any(same_file(file, other) for other in skip)

    return holds


def read_inputs(paths: Iterable[str], options: ReadOptions = ReadOptions(),
                stdin: BinaryIO | None = None, skip: Sequence[Path] = ()) -> Iterator[Item]:
    """Every record of every input, in order: files, folders (recursive), ``-`` for stdin.

    Files and folders in a folder that are one of ``skip`` are left out: the report being written (``-o``),
    a baseline, clean's output folder. Read in a folder, a report that garble is writing grew with every
    record it read of itself.
    """
    seen = SeenIds()  # one id twice is an error across the run's files too
    is_skipped = skipper(skip)
    for arg in paths:
        if arg == STDIN:
            yield from read_stdin(options, stdin, seen)
            continue
        path = Path(arg)
        if path.is_dir():
            for file in walk(path, skip):
                if not is_skipped(file):
                    yield from read_path(file, options, seen=seen)
        elif path.exists() or os.path.islink(path):
            yield from read_path(path, options, named=True, seen=seen)
        else:
            yield Problem(arg, arg, None, "no such file or folder")
