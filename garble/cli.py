"""The command line: parse -> scan -> render -> named exit code.

One function per command. Shared options are defined once below as ``Annotated``
aliases. The detector and the report modules are imported inside the commands,
so ``garble --help`` and ``garble check`` start quickly.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from garble.cli_names import names_app
from garble.datatypes import LABELS, Label
from garble.inputs import Problem, ReadOptions, Record, read_inputs
from garble.settings import Settings, SettingsError, discover

if TYPE_CHECKING:
    from garble.datatypes import Span
    from garble.detector import Detector
    from garble.reports.common import Item, Result, Tally

EX_CLEAN = 0  # nothing found
EX_FOUND = 1  # damage found
EX_USAGE = 2  # bad usage or unreadable input (click's own code for usage errors)

app = typer.Typer(help="Find scraper damage in news text.", no_args_is_help=True, add_completion=False,
                  rich_markup_mode="markdown")
app.add_typer(names_app, name="names")


class AuditFormat(StrEnum):
    """Output formats of ``garble audit``."""

    TERMINAL = "terminal"
    JSON = "json"
    JSONL = "jsonl"
    HTML = "html"


class CheckFormat(StrEnum):
    """Output formats of ``garble check``."""

    TEXT = "text"
    SARIF = "sarif"


Paths = Annotated[list[str], typer.Argument(metavar="PATH", help="Files, folders (recursive), JSONL(.gz) corpora; '-' for stdin.",
                                            show_default=False)]
TextField = Annotated[str, typer.Option(help="JSONL field holding the text.")]
IdField = Annotated[str, typer.Option(help="JSONL field holding the document id.")]
Encoding = Annotated[str | None, typer.Option(help="Decode files with this codec instead of UTF-8 (a BOM still wins).",
                                              show_default=False)]
# A flag takes no value: an empty metavar keeps typer's help from showing one ("--quiet <bool>").
FLAG = ""
StdinJsonl = Annotated[bool, typer.Option("--jsonl", help="Read '-' (stdin) as a JSONL corpus.", metavar=FLAG)]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.",
                                             show_default=False)]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.", metavar=FLAG)]
Labels = Annotated[str | None, typer.Option(help="Comma-separated labels to report (default: all, or the config's).",
                                            show_default=False)]
Jobs = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: every CPU); 1 scans "
                                          "in this process.", show_default=False)]
DaskAddress = Annotated[str | None, typer.Option("--dask", metavar="SCHEDULER", help="Scan on the Dask cluster at "
                                                 "this scheduler address (needs the dask extra).", show_default=False)]
Model = Annotated[str | None, typer.Option("--model", help="Weights: 'body' (the default) for article bodies, "
                                           "'page' for text extracted from whole pages (menus and all), 'auto' "
                                           "to pick per document, or a weights file.", show_default=False)]
NamesFile = Annotated[Path | None, typer.Option("--names", help="A file of known names, one a line ('#' lines skipped), "
                                                "added to the gazetteer and the config's names.", show_default=False)]


@app.callback()
def _root() -> None:
    """garble: find scraper damage in news text and score each paragraph's cleanliness."""


def _settings(model: str | None = None) -> Settings:
    """The project settings (with the weights ``--model`` names), or exit 2 with the settings error."""
    try:
        settings = discover()
    except SettingsError as err:
        typer.echo(f"garble: {err}", err=True)
        raise typer.Exit(EX_USAGE) from None
    if model is None:
        return settings
    from garble.classifier import ModelError
    from garble.settings import check_weights
    try:
        check_weights(model)
    except ModelError as err:  # read_weights turns OSError and UnicodeDecodeError into ModelError
        typer.echo(f"garble: --model {model}: {err}", err=True)
        raise typer.Exit(EX_USAGE) from None
    return replace(settings, config=replace(settings.config, model_path=model))


def _labels(value: str | None, default: frozenset[Label]) -> frozenset[Label]:
    if value is None:
        return default
    names = [v.strip() for v in value.split(",") if v.strip()]
    bad = [n for n in names if n not in LABELS]
    if bad or not names:
        raise typer.BadParameter(f"unknown label {bad[0] if bad else value!r}; valid labels: {', '.join(LABELS)}",
                                 param_hint="--labels")
    return frozenset(Label(n) for n in names)


def _detector(settings: Settings, labels: str | None, names_file: Path | None = None) -> Detector:
    from garble.detector import Detector

    config = settings.config
    names = config.names
    if names_file is not None:
        from garble.names_build import read_names
        try:
            names = (*names, *read_names(names_file.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as err:
            typer.echo(f"garble: cannot read names file {names_file}: {getattr(err, 'strerror', None) or err}", err=True)
            raise typer.Exit(EX_USAGE) from None
    return Detector(replace(config, labels=_labels(labels, config.labels), names=names))


def _wanted(items: Iterable[Record | Problem], settings: Settings) -> Iterator[Record | Problem]:
    """Items of files the config does not exclude (stdin is never excluded)."""
    return (item for item in items if item.path == "-" or settings.wants(item.path))


def _scan(items: Iterable[Record | Problem], detector: Detector, settings: Settings) -> Iterator[Item]:
    """Scan each record as it is read; problems pass through. Files the config excludes are dropped."""
    from garble.reports.common import Result

    for item in _wanted(items, settings):
        yield item if isinstance(item, Problem) else Result(item, detector.scan(item.text))


def _scan_corpus(items: Iterable[Record | Problem], detector: Detector, settings: Settings, jobs: int | None,
                 dask: str | None) -> Iterable[Item]:
    """``_scan`` here (--jobs 1), on worker processes, or on a Dask cluster: the same items in the same order."""
    if dask is None and jobs == 1:
        return _scan(items, detector, settings)
    if dask is None:
        from garble.parallel import scan_items
        return scan_items(_wanted(items, settings), detector.config, jobs)
    from garble.distributed import ClusterError, scan_on_cluster
    try:
        return scan_on_cluster(_wanted(items, settings), detector.config, dask)
    except ClusterError as err:
        typer.echo(f"garble: {err}", err=True)
        raise typer.Exit(EX_USAGE) from None


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        with path.open("w", encoding="utf-8", newline="\n") as f:
            yield f
    except OSError as err:
        typer.echo(f"garble: cannot write {path}: {err.strerror or err}", err=True)
        raise typer.Exit(EX_USAGE) from None


def _exit_code(tally: Tally) -> int:
    return EX_USAGE if tally.errors else EX_FOUND if tally.spans else EX_CLEAN


def _render(fmt: AuditFormat, items: Iterable[Item], out: TextIO) -> Tally:
    if fmt is AuditFormat.TERMINAL:
        from garble.reports import terminal
        return terminal.render(items, out)
    if fmt is AuditFormat.HTML:
        from garble.reports import html
        return html.render(items, out)
    from garble.reports import jsonl
    return (jsonl.render_jsonl if fmt is AuditFormat.JSONL else jsonl.render_json)(items, out)


@app.command()
def audit(
    paths: Paths,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="Report format.")] = AuditFormat.TERMINAL,
    output: Output = None,
    text_field: TextField = "text",
    id_field: IdField = "id",
    encoding: Encoding = None,
    stdin_jsonl: StdinJsonl = False,
    labels: Labels = None,
    names_file: NamesFile = None,
    model: Model = None,
    quiet: Quiet = False,
    jobs: Jobs = None,
    dask: DaskAddress = None,
) -> None:
    """Scan texts and report every flagged span and each paragraph's score.

    For JSONL input, --format jsonl writes one object per input record in input order, with any
    number of --jobs or with --dask. A progress bar shows on stderr when it is a terminal, unless
    it is turned off with --quiet.

    Exit 0: nothing found; 1: damage found; 2: bad usage or unreadable input.
    """
    settings = _settings(model)
    detector = _detector(settings, labels, names_file)
    options = ReadOptions(text_field, id_field, encoding, stdin_jsonl)
    items = _scan_corpus(read_inputs(paths, options), detector, settings, jobs, dask)
    from garble import progress
    if progress.is_shown(quiet, output is None):
        items = progress.track(items, progress.input_size(paths))
    with _output(output) as out:
        tally = _render(fmt, items, out)
    if not quiet and (fmt is not AuditFormat.TERMINAL or output is not None):
        for line in tally.lines():
            typer.echo(line, err=True)
    raise typer.Exit(_exit_code(tally))


def _findings(results: Iterable[Item], min_score: float, tally: Tally) -> Iterator[tuple[Result, Span]]:
    from garble.reports.common import Result

    for item in results:
        tally.add(item)
        if isinstance(item, Result):
            yield from ((item, s) for s in item.scan.spans if s.score >= min_score)


@app.command()
def check(
    paths: Paths,
    min_score: Annotated[float | None, typer.Option(help="Only spans scoring at least this fail (default: the "
                                                         "config's min-score, else 0).", show_default=False)] = None,
    labels: Labels = None,
    baseline: Annotated[Path | None, typer.Option(help="Accepted findings (JSON); only new ones fail.",
                                                  show_default=False)] = None,
    write_baseline: Annotated[bool, typer.Option(help="Accept every current finding into --baseline "
                                                      "(default garble-baseline.json) and exit 0.", metavar=FLAG)] = False,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.TEXT,
    text_field: TextField = "text",
    id_field: IdField = "id",
    encoding: Encoding = None,
    names_file: NamesFile = None,
) -> None:
    """Lint files for pre-commit: one line per finding, path:line:col: label: "excerpt" (score 0.93) and the reason.

    Exit 0: nothing new found; 1: findings; 2: bad usage or unreadable input.
    """
    raise typer.Exit(_check(paths, min_score, labels, baseline, write_baseline, fmt,
                            ReadOptions(text_field, id_field, encoding), names_file))


def _check(paths: list[str], min_score: float | None = None, labels: str | None = None, baseline: Path | None = None,
           write_baseline: bool = False, fmt: CheckFormat = CheckFormat.TEXT, options: ReadOptions | None = None,
           names_file: Path | None = None) -> int:
    """``garble check``'s work; its exit code (a usage error still raises typer.Exit)."""
    from garble import baseline as baselines
    from garble.reports.common import Tally, counted, defang

    settings = _settings()
    detector = _detector(settings, labels, names_file)
    floor = settings.min_score if min_score is None else min_score
    tally = Tally()
    items = _scan(read_inputs(paths, options or ReadOptions()), detector, settings)
    found = list(_findings(items, floor, tally))
    keys = [baselines.Finding(r.record.path, s.label.value, r.scan.text[s.start:s.end]) for r, s in found]
    target = baseline or Path("garble-baseline.json")
    try:
        if write_baseline:
            count = baselines.write(target, keys)
            typer.echo(f"garble: wrote {counted(count, 'accepted finding')} to {target}", err=True)
            return EX_USAGE if tally.errors else EX_CLEAN
        accepted = baselines.read(baseline) if baseline else baselines.Baseline()
    except (baselines.BaselineError, OSError) as err:
        typer.echo(f"garble: {err}", err=True)
        return EX_USAGE
    fresh = [pair for pair, new in zip(found, accepted.is_new(keys)) if new]
    _report_check(fmt, fresh)
    for p in tally.problems:
        where = f"{p.path}:{p.line}" if p.line is not None else p.path
        typer.echo(f"{defang(where)}: {'skipped' if p.skipped else 'error'}: {defang(p.message)}", err=True)
    return EX_USAGE if tally.errors else EX_FOUND if fresh else EX_CLEAN


def _report_check(fmt: CheckFormat, findings: list[tuple[Result, Span]]) -> None:
    if fmt is CheckFormat.SARIF:
        from garble import __version__
        from garble.reports import sarif
        sarif.render(findings, sys.stdout, __version__)
        return
    from garble.reports.linter import format_lines
    for line in format_lines(findings):
        typer.echo(line)


@app.command()
def clean(
    paths: Paths,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", "-o", help="Write cleaned files into this folder.",
                                                    show_default=False)] = None,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Overwrite each file with its cleaned text.",
                                                metavar=FLAG)]
    = False,
    dry_run: Annotated[bool, typer.Option(help="Show a unified diff of what would be removed; write nothing.",
                                               metavar=FLAG)]
    = False,
    encoding: Encoding = None,
    labels: Labels = None,
    names_file: NamesFile = None,
) -> None:
    """Remove flagged spans from text files (stdout, a folder, or in place). Exit 1 when something was removed."""
    from garble.reports.cleaned import clean_file

    if output_dir is not None and in_place:
        raise typer.BadParameter("choose one of --output-dir and --in-place", param_hint="--in-place")
    settings = _settings()
    detector = _detector(settings, labels, names_file)
    changed = errors = 0
    for item in _scan(read_inputs(paths, ReadOptions(encoding=encoding)), detector, settings):
        outcome = clean_file(item, output_dir, in_place, dry_run, sys.stdout, sys.stderr)
        changed += outcome == "changed"
        errors += outcome == "error"
    raise typer.Exit(EX_USAGE if errors else EX_FOUND if changed else EX_CLEAN)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", help="Gold JSONL(.gz) in the BENCHMARK.md format.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.", metavar=FLAG)] = False,
    model: Model = None,
) -> None:
    """Print the benchmark figures (span F1, paragraph AUC, ...) of the installed model on GOLD."""
    import json

    from garble.classifier import ModelError
    from garble.evaluate import evaluate, render
    from garble.train import read_jsonl

    try:
        result = evaluate(list(read_jsonl(gold)), model)
    except (ModelError, OSError, ValueError) as err:  # a broken weights or gold file: say which, exit 2
        typer.echo(f"garble eval: {err}", err=True)
        raise typer.Exit(EX_USAGE) from None
    typer.echo(json.dumps(result) if as_json else render(result))
    raise typer.Exit(EX_CLEAN)


@app.command()
def train(
    gold: Annotated[list[Path], typer.Argument(metavar="GOLD", help="Real labelled JSONL(.gz) pages (the *-body-dev files).")],
    synthetic: Annotated[list[Path] | None, typer.Option(help="garble.corrupt output (corpus/build.py).")] = None,
    pages: Annotated[list[Path] | None, typer.Option(help="Whole-page gold (the *-page-dev files), for the page weights.")] = None,
    out: Annotated[Path, typer.Option(help="Where to write the weights JSON.")] = Path("garble/data/model.json"),
) -> None:
    """Retrain the line classifier (needs the `train` extra: scikit-learn); same data and seed, same bytes."""
    from garble.train import TrainingDataError
    from garble.train import train as fit_and_write

    try:
        fit_and_write([str(g) for g in gold], [str(s) for s in synthetic or []], str(out),
                      pages=[str(p) for p in pages or []])
    except TrainingDataError as e:
        typer.echo(f"garble train: {e}", err=True)
        raise typer.Exit(EX_USAGE) from None
    raise typer.Exit(EX_CLEAN)


def is_bare_check(args: Sequence[str]) -> bool:
    """True for ``check PATH...`` with no option (what the pre-commit hook runs), which ``main`` runs without typer.

    >>> is_bare_check(["check", "a.txt", "b.txt"]), is_bare_check(["check", "a.txt", "--min-score", "0.9"])
    (True, False)
    >>> is_bare_check(["check"]), is_bare_check(["check", "-"]), is_bare_check(["audit", "a.txt"])
    (False, False, False)
    """
    return len(args) > 1 and args[0] == "check" and not any(a.startswith("-") for a in args[1:])


def main() -> None:
    """Run the ``garble`` command.

    A bare ``garble check PATH...`` calls the command's work directly: typer builds a pydantic
    adapter per option when it parses, and importing pydantic for it was ~0.13 s of the ~0.7 s
    cold start on one 5 KB article (benchmarks/bench.py). The exit code is the same either way.
    """
    args = sys.argv[1:]
    try:
        if not is_bare_check(args):
            app()
            return
        try:
            code = _check(args[1:])
        except typer.Exit as done:  # a usage error (bad settings file): its message is already on stderr
            code = done.exit_code
    except BrokenPipeError:
        # the reader went away (``garble check . | head``): stop quietly, as other command-line tools do,
        # and point stdout at devnull so the interpreter's final flush does not raise again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    raise SystemExit(code)
