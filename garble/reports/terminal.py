"""Terminal report (rich): each document's paragraphs with their score in the margin and
flagged spans highlighted by label, then a per-file summary table.

Colour follows rich: off when the output is not a terminal, is a dumb one (``TERM=dumb``) or ``NO_COLOR``
is set; without colour, spans are marked ``«text»[label]`` so they still show. Article text is
always defanged (control and bidi characters shown as ``<U+XXXX>``) and never parsed as
markup, so a document cannot move the cursor, set a title or hide text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from garble.datatypes import LABELS, Label, Paragraph, Scan, Span
from garble.reports.common import (
    Item,
    Result,
    Tally,
    Worst,
    counted,
    defang,
    excerpt,
    paragraph_pieces,
    paragraph_runs,
)

LABEL_STYLES: dict[Label, str] = {
    Label.SPLICED_HEADLINE: "black on magenta",
    Label.INJECTED_LINK: "black on cyan",
    Label.MANGLED_NAME: "black on yellow",
    Label.BOILERPLATE: "white on grey35",
    Label.REPETITION: "black on green",
    Label.ENCODING: "white on red",
    Label.BROKEN_TEXT: "white on blue",
}
# Rows of the summary table: the worst documents, enough to fill a screen.
TABLE_ROWS = 25
CR = re.compile("\r\n?")
# Paragraph-score colours: the benchmark calls a paragraph dirty below 0.9 and clean at 1.0.
DIRTY, DOUBTFUL = 0.5, 0.9


@dataclass(frozen=True, slots=True)
class Row:
    """One document's line in the summary table."""

    id: str
    score: float
    paragraphs: int
    labels: tuple[str, ...]


def score_style(score: float) -> str:
    """Colour for a cleanliness score.

    >>> score_style(0.2), score_style(0.95)
    ('bold red', 'green')
    """
    return "bold red" if score < DIRTY else "yellow" if score < DOUBTFUL else "green"


def paragraph_text(scan: Scan, para: Paragraph, spans: Sequence[Span], color: bool) -> Text:
    """A paragraph as rich Text, its ``spans`` (those touching it) highlighted (or marked when colour is off)."""
    out = Text()
    for piece, span in paragraph_pieces(scan, para, spans):
        text = CR.sub("\n", piece)  # a line end in any style breaks the line (not "<U+000D>")
        if span is None:
            out.append(defang(text))
        elif color:
            out.append(defang(text), style=LABEL_STYLES[span.label])
        else:
            out.append(f"«{defang(text)}»[{span.label.value}]")
    return out


def render_document(console: Console, result: Result) -> None:
    """Print one document: a header rule, then (when flagged) its paragraphs with their scores, long clean
    runs folded to a line (``paragraph_runs``)."""
    scan = result.scan
    title = Text(f"{defang(result.record.id)}  ", style="bold")
    title.append(f"score {scan.score:.2f}", style=score_style(scan.score))
    title.append(f"  {counted(len(scan.spans), 'span')}" if scan.spans else "  clean")
    console.rule(title, align="left")
    if not scan.spans:
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    color = console.color_system is not None and not console.no_color  # TERM=dumb: a terminal, no colour
    for show, run in paragraph_runs(scan):
        if not show:
            grid.add_row(Text("┆", style="dim"), Text(f"… {counted(len(run), 'clean paragraph')}", style="dim"))
            grid.add_row("", "")
            continue
        for para, spans in run:
            grid.add_row(Text(f"{para.score:.2f} │", style=score_style(para.score)),
                         paragraph_text(scan, para, spans, color))
            grid.add_row("", "")
    console.print(grid)


class _CleanRun:
    """Clean documents printed as they come until a run of them reaches FOLD_CLEAN; then counted, and printed as one
    line naming the first and the last when the run ends (memory: the first FOLD_CLEAN - 1 and the last)."""

    __slots__ = ("_console", "_count", "_first", "_last")

    def __init__(self, console: Console) -> None:
        self._console = console
        self._count = 0
        self._first: list[Result] = []  # the run's first documents, held until the run proves long or ends
        self._last: Result | None = None

    def add(self, result: Result) -> None:
        self._count += 1
        if len(self._first) < FOLD_CLEAN - 1:
            self._first.append(result)
        self._last = result

    def flush(self) -> None:
        """Print the run: each document when it is short, else one dim line."""
        if self._count >= FOLD_CLEAN and self._last is not None:
            first, last = defang(self._first[0].record.id), defang(self._last.record.id)
            self._console.print(Text(f"┆ {self._count} clean documents, {first} … {last}", style="dim"),
                                overflow="fold")
        else:
            for result in self._first:
                render_document(self._console, result)
        self._count, self._first, self._last = 0, [], None


def legend(width: int = 80) -> Text:
    """The label colours, as chips broken into lines of ``width`` between chips: rich wrapped the line
    at the spaces that pad a chip, leaving a coloured blank at the end of a line and " repetition " on the next.

    >>> lines = legend(40).plain.splitlines()
    >>> max(map(len, lines)) <= 40, [line.split() for line in lines][:2]
    (True, [['labels:', 'spliced_headline'], ['injected_link', 'mangled_name']])
    """
    prefix = "labels:"
    out = Text(prefix)
    column = len(prefix)
    for label in LABELS:
        chip = f" {label.value} "
        if column + 1 + len(chip) > width:
            out.append("\n" + " " * len(prefix))
            column = len(prefix)
        out.append(" ")
        out.append(chip, style=LABEL_STYLES[label])
        column += 1 + len(chip)
    return out


def shown_id(doc_id: str, limit: int = 50) -> str:
    """A document id for the summary table on one line, cut at the front when long: its end (a file's name,
    a record's number) is what tells documents apart, and two files deep in one folder were both shown as
    "deep/corpora/2024/scrape-run-17/outlets/example-n…".

    >>> shown_id("corpora/2024/run-17/outlets/news/articles/0001234.txt", 22)
    '…/articles/0001234.txt'
    >>> shown_id("a.txt")
    'a.txt'
    """
    return excerpt(doc_id, limit, keep_end=True)


def summary_table(rows: Worst[Row], tally: Tally) -> Table:
    """The per-file summary: the worst documents first (the TABLE_ROWS ``rows`` keeps), a line for the rest
    (how many, and the best score among them), and a totals row."""
    table = Table(title="garble summary", title_justify="left", show_footer=True)
    table.add_column("document", footer=counted(tally.documents, "document"), overflow="fold")
    table.add_column("score", justify="right", footer=f"{tally.flagged_documents} flagged", min_width=4)
    table.add_column("paras", justify="right", footer=str(tally.paragraphs))
    table.add_column("spans", justify="right", footer=str(tally.spans))
    worst = rows.items()
    counts = ["\n".join(f"{k} {row.labels.count(k)}" for k in sorted(set(row.labels))) or "-" for row in worst]
    footer = "\n".join(f"{k} {v}" for k, v in sorted(tally.labels.items())) or "-"
    # one label and its count a line, never broken: at 60 columns they were cut to "boilerpla…", then
    # folded into "injected_link" and "2"; the document column folds instead
    widest = max(len(line) for cell in [*counts, footer] for line in cell.splitlines())
    table.add_column("labels", footer=footer, no_wrap=True, min_width=widest)
    for row, count in zip(worst, counts):
        table.add_row(Text(shown_id(row.id)), Text(f"{row.score:.2f}", style=score_style(row.score)),
                      str(row.paragraphs), str(len(row.labels)), Text(count))
    if (first := rows.first_of_rest()) is not None:
        table.add_row(Text(f"… {rows.rest} more, all scoring ≥ {first.score:.2f}"), "", "", "", "")
    return table


# Consecutive clean documents from this many on print as one line: a corpus of 924 Reuters articles, 2.5 % of
# them flagged, printed 900 rules saying "clean" around the 23 that were not.
FOLD_CLEAN = 3


def render(items: Iterable[Item], out: TextIO) -> Tally:
    """Print every document as it is scanned (a run of FOLD_CLEAN or more clean ones as one line), then the label
    legend, the table and any problems."""
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    tally = Tally()
    rows = Worst[Row](TABLE_ROWS)  # the table's: memory bounded by its rows, not by the corpus
    clean = _CleanRun(console)
    for item in items:
        tally.add(item)
        if isinstance(item, Result):
            if item.scan.spans:
                clean.flush()
                render_document(console, item)
            else:
                clean.add(item)
            rows.add((item.scan.score,), Row(item.record.id, item.scan.score, len(item.scan.paragraphs),
                                             tuple(s.label.value for s in item.scan.spans)))
        else:
            clean.flush()
            where = item.path if item.line is None else f"{item.path}:{item.line}"
            kind = "skipped" if item.skipped else "error"
            console.print(Text(f"{kind}: {defang(where)}: {defang(item.message)}",
                               style="yellow" if item.skipped else "bold red"))
    clean.flush()
    console.print()
    console.print(legend(console.width))
    console.print(summary_table(rows, tally))
    if tally.errors or tally.skipped:
        console.print(Text(f"{counted(tally.errors, 'error')}, {tally.skipped} skipped",
                           style="bold red" if tally.errors else ""))
    return tally
