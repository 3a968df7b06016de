"""What every report shares: scanned results, the running tally, safe excerpts, positions."""

from __future__ import annotations

import codecs
import contextlib
import heapq
import io
import os
import re
import stat
import tempfile
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO, Generic, TextIO, TypeVar

from garble.datatypes import Paragraph, Scan, Span
from garble.inputs import Problem, Record


@dataclass(frozen=True, slots=True)
class Result:
    """One scanned record."""

    record: Record
    scan: Scan


Item = Result | Problem

# Characters that must never reach a terminal or a report as themselves: C0 and C1
# controls (ESC starts ANSI/OSC sequences), DEL, and the bidirectional overrides and
# isolates that can make text display in another order than it is stored.
UNSAFE = re.compile(
    r"""
    [\x00-\x08\x0b-\x1f]   # C0 controls except tab and newline (ESC is \x1b)
  | [\x7f-\x9f]            # DEL and the C1 controls (\x9b is a one-byte CSI)
  | [\N{LEFT-TO-RIGHT EMBEDDING}-\N{RIGHT-TO-LEFT OVERRIDE}]   # bidi embeddings and overrides
  | [\N{LEFT-TO-RIGHT ISOLATE}-\N{POP DIRECTIONAL ISOLATE}]    # bidi isolates
    """,
    re.VERBOSE,
)

NEWLINE = re.compile("\r\n?|\n")  # a line end of any style, as garble.segment reads them


def holds_unicode(out: object) -> bool:
    """Whether a text stream's encoding can write every character (a UTF); JSON written to one that cannot
    (PYTHONIOENCODING=ascii, a legacy code page) escapes its non-ASCII characters, which loses nothing.

    >>> import io
    >>> holds_unicode(io.TextIOWrapper(io.BytesIO(), encoding="ascii")), holds_unicode(io.StringIO())
    (False, True)
    """
    encoding = getattr(out, "encoding", None)
    return encoding is None or codecs.lookup(encoding).name.startswith("utf")


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1 (every noun the reports count takes an "s").

    >>> counted(1, "document"), counted(0, "span"), counted(2, "paragraph")
    ('1 document', '0 spans', '2 paragraphs')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def defang(text: str) -> str:
    """``text`` with control and bidi-override characters shown as ``<U+XXXX>``; same meaning, no effect.

    >>> defang("a\\x1b]8;;http://x\\x07b\\tc")
    'a<U+001B>]8;;http://x<U+0007>b\\tc'
    """
    return UNSAFE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def excerpt(text: str, limit: int = 60, keep_end: bool = False) -> str:
    """One line of ``text``: whitespace collapsed, defanged, cut at ``limit`` characters (at the front with
    ``keep_end``, where a path's file name is).

    >>> excerpt("Read\\n  more:   now")
    'Read more: now'
    >>> excerpt("x" * 70, 10), excerpt("a/b/c.txt", 6, keep_end=True)
    ('xxxxxxxxx…', '…c.txt')
    """
    flat = defang(" ".join(text.split()))
    if len(flat) <= limit:
        return flat
    return "…" + flat[len(flat) - limit + 1 :] if keep_end else flat[: limit - 1] + "…"


def spans_by_paragraph(scan: Scan) -> list[list[Span]]:
    """The spans touching each of ``scan``'s paragraphs, in one sweep: both are sorted and the spans do not
    overlap, so a paragraph's spans start where the previous paragraph's last one (which may run on) is.
    (Testing every span against every paragraph took 3 s of an 8,000-paragraph report.)

    >>> from garble.datatypes import Label, Paragraph
    >>> spans = (Span(0, 3, Label.BOILERPLATE, 0.9, "x"), Span(5, 12, Label.REPETITION, 0.9, "y"))
    >>> paras = (Paragraph(0, 4, 0.1), Paragraph(6, 8, 0.1), Paragraph(10, 14, 0.1), Paragraph(16, 20, 1.0))
    >>> [[s.reason for s in found] for found in spans_by_paragraph(Scan("", spans, paras, 0.5))]
    [['x'], ['y'], ['y'], []]
    """
    spans, out = scan.spans, []
    first = 0  # the first span that may still touch this or a later paragraph
    for para in scan.paragraphs:
        while first < len(spans) and spans[first].end <= para.start:
            first += 1
        last = first  # no slice of the spans after ``first``: copying them for each paragraph was quadratic
        while last < len(spans) and spans[last].start < para.end:
            last += 1
        out.append(list(spans[first:last]))
    return out


# A run of at least FOLD_MIN paragraphs with no span, CONTEXT paragraphs away from any flagged one, is
# folded (the HTML report under a "N clean paragraphs" line a click opens, the terminal to that line),
# as a diff folds unchanged lines: a long article's few flagged paragraphs are not lost between
# hundreds of clean ones.
CONTEXT = 1
FOLD_MIN = 3


def paragraph_pieces(scan: Scan, para: Paragraph, spans: Sequence[Span]) -> Iterator[tuple[str, Span | None]]:
    """``para``'s text in order, in pieces: each of ``spans`` clipped to the paragraph with its text, the text
    around them with None (the terminal and the HTML report draw the same pieces).

    >>> from garble.datatypes import Label
    >>> scan = Scan("ab cd ef", (Span(3, 5, Label.REPETITION, 0.9, "x"),), (Paragraph(0, 8, 0.5),), 0.5)
    >>> [(text, span is not None) for text, span in paragraph_pieces(scan, scan.paragraphs[0], scan.spans)]
    [('ab ', False), ('cd', True), (' ef', False)]
    """
    pos = para.start
    for span in spans:
        start, end = max(span.start, para.start), min(span.end, para.end)
        if start >= end:
            continue
        yield scan.text[pos:start], None
        yield scan.text[start:end], span
        pos = end
    yield scan.text[pos : para.end], None


def shown_paragraphs(flagged: Sequence[bool]) -> list[bool]:
    """Which paragraphs a report shows unfolded: the flagged ones, ``CONTEXT`` paragraphs on
    each side of them, and any clean run shorter than ``FOLD_MIN``.

    >>> shown_paragraphs([False] * 4 + [True] + [False] * 5)
    [False, False, False, True, True, True, False, False, False, False]
    >>> shown_paragraphs([False, False, True, False, False, False, True])
    [True, True, True, True, True, True, True]
    """
    near = [any(flagged[max(0, i - CONTEXT) : i + CONTEXT + 1]) for i in range(len(flagged))]
    shown: list[bool] = []
    for is_near, run in groupby(near):
        length = len(list(run))
        shown += [is_near or length < FOLD_MIN] * length  # a run too short to fold stays shown
    return shown


def paragraph_runs(scan: Scan) -> Iterator[tuple[bool, list[tuple[Paragraph, list[Span]]]]]:
    """``scan``'s paragraphs with their spans, in runs a report shows (True) or folds (False), in order.

    >>> from garble.datatypes import Label
    >>> paras = tuple(Paragraph(10 * i, 10 * i + 5, 1.0) for i in range(6))
    >>> scan = Scan("", (Span(50, 52, Label.BOILERPLATE, 0.9, "x"),), paras, 0.9)
    >>> [(show, [(p.start, len(spans)) for p, spans in run]) for show, run in paragraph_runs(scan)]
    [(False, [(0, 0), (10, 0), (20, 0), (30, 0)]), (True, [(40, 0), (50, 1)])]
    """
    inside = spans_by_paragraph(scan)
    for show, run in groupby(zip(shown_paragraphs([bool(spans) for spans in inside]), scan.paragraphs, inside),
                             key=itemgetter(0)):
        yield show, [(para, spans) for _, para, spans in run]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset`` in ``text``; lines end at ``\\n``, ``\\r\\n``
    or ``\\r``.

    >>> line_col("ab\\ncd", 4), line_col("ab\\ncd", 2), line_col("ab\\ncd", 0), line_col("ab\\r\\ncd\\ref", 8)
    ((2, 2), (1, 3), (1, 1), (3, 2))
    """
    ends = _newlines(text)
    before = bisect_left(ends, offset, key=lambda end: end[0])  # the line ends before ``offset``
    return before + 1, offset - (ends[before - 1][1] if before else 0) + 1


@lru_cache(maxsize=1)  # the document whose findings are being located: they come one document at a time
def _newlines(text: str) -> list[tuple[int, int]]:
    """Where ``text``'s newlines are, once a document: counting them from the start for every finding took
    6 s for the 20,000 findings of a 0.8 MB file."""
    return [m.span() for m in NEWLINE.finditer(text)]


T = TypeVar("T")


class Worst(Generic[T]):
    """The ``keep`` items of smallest key seen, and of the rest their count and the first: what a report shows
    worst first, in memory bounded by ``keep`` instead of the corpus (an HTML report of a 2 GB corpus held
    every document's text and scan until its end). Ties keep the order of arrival, as a stable sort of every
    item would.

    >>> worst = Worst[str](2)
    >>> [worst.add((score,), name) for score, name in [(0.9, "a"), (0.2, "b"), (0.5, "c"), (0.2, "d")]]
    [None, None, 'a', 'c']
    >>> worst.items(), worst.rest, worst.first_of_rest()
    (['b', 'd'], 2, 'c')
    """

    __slots__ = ("_arrived", "_first_of_rest", "_heap", "keep", "rest")

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.rest = 0  # items seen and not kept
        self._arrived = 0
        self._heap: list[tuple[tuple[float, ...], int, T]] = []  # (negated key, -arrival, item): the top is the one to drop
        self._first_of_rest: tuple[tuple[float, ...], int, T] | None = None  # the smallest dropped, as in _heap

    def add(self, key: tuple[float, ...], item: T) -> T | None:
        """Take ``item``; return the item this drops from the kept ones (``item`` itself, or one kept before), if any."""
        self._arrived += 1
        entry = (tuple(-k for k in key), -self._arrived, item)
        if len(self._heap) < self.keep:
            heapq.heappush(self._heap, entry)
            return None
        dropped = heapq.heappushpop(self._heap, entry)
        self.rest += 1
        if self._first_of_rest is None or dropped[:2] > self._first_of_rest[:2]:
            self._first_of_rest = dropped
        return dropped[2]

    def items(self) -> list[T]:
        """The kept items, smallest key first."""
        return [item for _, _, item in sorted(self._heap, key=lambda e: e[:2], reverse=True)]

    def first_of_rest(self) -> T | None:
        """The smallest of the items not kept (the first of them a sort of all would give), or None."""
        return None if self._first_of_rest is None else self._first_of_rest[2]


# Problems a summary names one by one; past this it counts them ("... and 5 more"): a corpus of a million bad
# lines held and printed a million at the end (each is an error record in -f jsonl's output, in its place).
MAX_PROBLEMS = 1000


@dataclass(slots=True)
class Tally:
    """Running counts for the closing summary (filled as items stream past); the first ``MAX_PROBLEMS`` problems."""

    documents: int = 0
    paragraphs: int = 0
    flagged_documents: int = 0
    errors: int = 0
    skipped: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def add(self, item: Item) -> None:
        """Count one item."""
        if isinstance(item, Problem):
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(item)
            if item.skipped:
                self.skipped += 1
            else:
                self.errors += 1
            return
        self.documents += 1
        self.paragraphs += len(item.scan.paragraphs)
        self.flagged_documents += bool(item.scan.spans)
        self.labels.update(s.label.value for s in item.scan.spans)

    @property
    def unlisted(self) -> str | None:
        """The line that counts the problems past ``problems``, or None when it holds them all.

        >>> Tally(errors=1001, skipped=2, problems=[Problem("a", "a", 1, "x")] * 1000).unlisted
        '... and 3 more inputs not scanned'
        """
        more = self.errors + self.skipped - len(self.problems)
        return f"... and {more} more input{'s' if more != 1 else ''} not scanned" if more > 0 else None

    @property
    def spans(self) -> int:
        """Spans of every label."""
        return sum(self.labels.values())

    def to_dict(self) -> dict[str, object]:
        """The summary as JSON-ready data."""
        return {
            "documents": self.documents, "flagged_documents": self.flagged_documents,
            "paragraphs": self.paragraphs, "spans": self.spans,
            "spans_per_label": dict(sorted(self.labels.items())), "errors": self.errors, "skipped": self.skipped,
        }

    def lines(self) -> list[str]:
        """The summary as plain lines, for stderr."""
        per_label = ", ".join(f"{k} {v}" for k, v in sorted(self.labels.items())) or "none"
        out = [(f"garble: {counted(self.documents, 'document')} ({self.flagged_documents} flagged), "
                f"{counted(self.paragraphs, 'paragraph')}, {counted(self.spans, 'span')} ({per_label}), "
                f"{counted(self.errors, 'error')}, {self.skipped} skipped")]
        out += [(f"garble: {'skipped' if p.skipped else 'error'}: {defang(p.path)}"
                 f"{'' if p.line is None else f':{p.line}'}: {defang(p.message)}") for p in self.problems]
        if self.unlisted:
            out.append(f"garble: {self.unlisted}")
        return out


@contextlib.contextmanager
def replaced(path: Path, mode: int | None = None, direct: bool = False) -> Iterator[BinaryIO]:
    """``path`` open for writing bytes through a temporary file in its folder, synced and renamed over ``path``
    with permission bits ``mode`` (None: a new file's, by the umask) only when the block ends normally: a run
    stopped halfway (Ctrl-C, a crash, a full disk) leaves the old file whole, and no temporary file.

    Where a rename would change more than the content, the file is written where it is: when ``direct``, a
    file with other hard links (they would keep the old text), and a file in a folder garble may not create
    files in. The one mechanism behind an ``-o`` report (``report_file``) and ``garble clean``'s files.
    """
    try:
        linked = path.stat().st_nlink > 1
    except FileNotFoundError:
        linked = False
    try:
        fd, temp = (-1, "") if direct or linked else tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                                                       dir=path.parent)
    except PermissionError:
        fd, temp = -1, ""
    if fd < 0:
        with path.open("wb") as f:
            yield f
        return
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())  # on disk before the rename, or a crash can leave an empty file behind it
        os.chmod(temp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:  # an interrupt too: the temporary file goes, the exception stays
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def report_file(path: Path) -> Iterator[TextIO]:
    """``path`` open for a report, written whole or not at all (``replaced``): a run stopped halfway left a
    report that looked whole but held the first documents only; now it leaves no report, or the previous one.

    A path that is not a regular file (``/dev/stdout``, a pipe) or that garble may not write is written where
    it is, as before (a report the user may not write, chmod a-w, is refused by open(), not renamed over). A
    symbolic link is followed: the file it names gets the report, and the link stays a link (``-o latest.html``).
    """
    try:
        st: os.stat_result | None = path.stat()  # through any link: /dev/stdout's pipe, latest.html's file
    except FileNotFoundError:
        st = None
    if st is None or stat.S_ISREG(st.st_mode):
        # renaming onto a link itself made it a file and left its target old; a pipe or a device is opened
        # by the name given, since /dev/stdout's target (/proc/self/fd/1 -> "pipe:[n]") cannot be
        path = Path(os.path.realpath(path))
    direct = st is not None and (not stat.S_ISREG(st.st_mode) or not os.access(path, os.W_OK))
    with replaced(path, None if st is None else stat.S_IMODE(st.st_mode), direct) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        yield text
        text.detach()  # flushed into ``raw``, which is replaced()'s to sync and close (a failed run's is closed)


def _umask() -> int:
    """The process's umask (read by setting it, the only way there is), for a new file's permission bits."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def span_text(scan: Scan, span: Span) -> str:
    """The flagged text of ``span``."""
    return scan.text[span.start : span.end]
