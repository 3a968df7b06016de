"""The command line: parse -> scan -> render -> named exit code.

One function per command. Shared options are defined once below as ``Annotated``
aliases. The detector and the report modules are imported inside the commands,
so ``garble --help`` starts quickly; ``garble check``'s work is ``garble.lint``'s, which a bare
check (``garble.entry``) runs without importing typer at all.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
import typer.core

from garble import lint
from garble.cli_names import names_app
from garble.entry import main  # the console script was garble.cli:main before garble.entry:main
from garble.inputs import STDIN, Problem, ReadOptions, Record, looks_like_jsonl, read_inputs, same_file
from garble.lint import EX_CLEAN, EX_FOUND, EX_INTERRUPTED, EX_USAGE, CheckFormat, scan, wanted
from garble.settings import Settings

if TYPE_CHECKING:
    from garble.detector import Detector
    from garble.reports.common import Item, Tally


class _Commands(typer.core.TyperGroup):
    """garble's commands, stopped by Ctrl-C with a line on stderr and EX_INTERRUPTED: typer exits 130 without
    a word, and a run that ends silently halfway looks like one that finished."""

    def invoke(self, ctx: Any) -> Any:  # a click Context: typer's own copy of click keeps its class private
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            lint.say("garble: interrupted")
            raise typer.Exit(EX_INTERRUPTED) from None


app = typer.Typer(cls=_Commands, help="Find scraper damage in news text.", no_args_is_help=True,
                  add_completion=False, rich_markup_mode="markdown")
app.add_typer(names_app, name="names")


class AuditFormat(StrEnum):
    """Output formats of ``garble audit``."""

    TERMINAL = "terminal"
    JSON = "json"
    JSONL = "jsonl"
    HTML = "html"


Paths = Annotated[list[str], typer.Argument(metavar="PATH", help="Files, folders (recursive), JSONL(.gz) corpora; '-' for stdin.",
                                            show_default=False)]
TextField = Annotated[str, typer.Option(help="JSONL field holding the text.")]
IdField = Annotated[str, typer.Option(help="JSONL field holding the document id.")]
Encoding = Annotated[str | None, typer.Option(help="Decode files with this codec instead of UTF-8 (a BOM still wins).",
                                              show_default=False)]
# A flag takes no value: an empty metavar keeps typer's help from showing one ("--quiet <bool>").
FLAG = ""
StdinJsonl = Annotated[bool, typer.Option("--jsonl", help="Read '-' (stdin), and pipes named as inputs "
                                                    "(<(zcat x.jsonl.gz)), as a JSONL corpus.", metavar=FLAG)]
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
                                           "'page' for text extracted from whole pages (menus and all), 'strict' to take "
                                           "captions, datelines, bylines and credits for furniture too, 'auto' "
                                           "to pick per document, or a weights file.", show_default=False)]
NamesFile = Annotated[Path | None, typer.Option("--names", help="A file of known names ('First Last'), one a line ('#' lines skipped), "
                                                "added to the gazetteer and the config's names.", show_default=False)]


def _refuse(message: str) -> typer.Exit:
    """Print ``message`` on stderr; the exit (EX_USAGE) to raise."""
    lint.say(message)
    return typer.Exit(EX_USAGE)


def _print_version(value: bool) -> None:
    if value:
        from garble import __version__
        typer.echo(f"garble {__version__}")
        raise typer.Exit(EX_CLEAN)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print garble's version and exit.", metavar=FLAG,
                                          callback=_print_version, is_eager=True)] = False,
) -> None:
    """garble: find scraper damage in news text and score each paragraph's cleanliness."""


@contextlib.contextmanager
def _usage() -> Iterator[None]:
    """Turn garble.lint's errors into typer's: a usage error exits 2 (its message already printed), and a
    bad --labels value is a bad option, which typer reports with the command's usage line."""
    try:
        yield
    except lint.UsageError:
        raise typer.Exit(EX_USAGE) from None
    except lint.LabelsError as err:
        raise typer.BadParameter(str(err), param_hint="--labels") from None


def _settings(model: str | None = None) -> Settings:
    with _usage():
        return lint.settings_for(model)


def _detector(settings: Settings, labels: str | None, names_file: Path | None = None) -> Detector:
    with _usage():
        return lint.detector_for(settings, labels, names_file)


def _scan_corpus(items: Iterable[Record | Problem], detector: Detector, settings: Settings, jobs: int | None,
                 dask: str | None) -> Iterable[Item]:
    """``lint.scan`` here (--jobs 1), on worker processes, or on a Dask cluster: the same items in the same order."""
    if dask is None and jobs == 1:
        return scan(items, detector, settings)
    if dask is None:
        from garble.parallel import scan_items
        return scan_items(wanted(items, settings), detector.config, jobs)
    from garble.distributed import ClusterError, scan_on_cluster
    try:
        return scan_on_cluster(wanted(items, settings), detector.config, dask)
    except ClusterError as err:
        raise _refuse(f"garble: {err}") from None


def _hinted(items: Iterable[Record | Problem], field: str) -> Iterator[Record | Problem]:
    """``items``, saying on stderr when standard input read as one text looks like a JSONL corpus."""
    for item in items:
        if isinstance(item, Record) and item.path == STDIN and item.line is None and looks_like_jsonl(item.text, field):
            typer.echo("garble: standard input looks like JSONL; it is read as one text unless --jsonl is given",
                       err=True)
        yield item


def _refuse_overwrite(paths: Iterable[str], output: Path) -> None:
    """Exit 2 before anything is written when ``output`` is one of the input files: opening it for the
    report would empty it first (``audit same.jsonl -o same.jsonl`` left 0 bytes and exit 0)."""
    for arg in paths:
        if arg != STDIN and not Path(arg).is_dir() and same_file(Path(arg), output):
            raise _refuse(f"garble: the report {output} is the input {arg}; writing it would destroy the input")


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or ``path`` written whole or not at all (``garble.reports.common.report_file``)."""
    if path is None:
        yield sys.stdout
        return
    from garble.reports.common import report_file
    try:
        with report_file(path) as f:
            yield f
    except KeyboardInterrupt:
        lint.say(f"garble: interrupted; {path} not written")
        raise typer.Exit(EX_INTERRUPTED) from None
    except OSError as err:
        raise _refuse(f"garble: cannot write {path}: {err.strerror or err}") from None


def _exit_code(tally: Tally) -> int:
    return EX_USAGE if tally.errors else EX_FOUND if tally.spans else EX_CLEAN


def _render(fmt: AuditFormat, items: Iterable[Item], out: TextIO, weights: str | None) -> Tally:
    from garble import __version__
    about = {"version": __version__, "weights": weights or "body"}
    if fmt is AuditFormat.TERMINAL:
        from garble.reports import terminal
        lint.escaping(out)
        return terminal.render(items, out)
    if fmt is AuditFormat.HTML:
        from garble.reports import html
        lint.escaping(out, "xmlcharrefreplace")
        return html.render(items, out, about)
    from garble.reports import jsonl
    return jsonl.render_jsonl(items, out) if fmt is AuditFormat.JSONL else jsonl.render_json(items, out, about)


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
    if output is not None:
        _refuse_overwrite(paths, output)
    options = ReadOptions(text_field, id_field, encoding, stdin_jsonl)
    skip = () if output is None else (output,)
    items = _scan_corpus(_hinted(read_inputs(paths, options, skip=skip), text_field), detector, settings, jobs, dask)
    from garble import progress
    if progress.is_shown(quiet, output is None):
        items = progress.track(items, progress.input_size(paths))
    from garble.parallel import WorkerError
    try:
        with _output(output) as out:
            tally = _render(fmt, items, out, detector.config.model_path)
    except WorkerError as err:  # a killed worker: a traceback and exit 1 read as "damage found"
        raise _refuse(f"garble: {err}" + ("" if output is None else f" ({output} not written)")) from None
    if not quiet and (fmt is not AuditFormat.TERMINAL or output is not None):
        for line in tally.lines():
            typer.echo(line, err=True)
    raise typer.Exit(_exit_code(tally))


@app.command()
def check(
    paths: Paths,
    min_score: Annotated[float | None, typer.Option(help="Only spans scoring at least this fail (default: the "
                                                         "config's min-score, else 0).", show_default=False,
                                                    min=0.0, max=1.0)] = None,
    labels: Labels = None,
    baseline: Annotated[Path | None, typer.Option(help="Accepted findings (JSON); only new ones fail (default: "
                                                       "the config's baseline, if any).", show_default=False)] = None,
    write_baseline: Annotated[bool, typer.Option("--write-baseline", help="Accept every current finding into "
                                                 "--baseline (default: the config's baseline, else "
                                                 "garble-baseline.json) and exit 0.", metavar=FLAG)] = False,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.TEXT,
    text_field: TextField = "text",
    id_field: IdField = "id",
    encoding: Encoding = None,
    names_file: NamesFile = None,
    model: Model = None,
) -> None:
    """Lint files for pre-commit: one line per finding, path:line:col: label: "excerpt" (score 0.93) and the reason.

    Exit 0: nothing new found; 1: findings; 2: bad usage or unreadable input.
    """
    with _usage():
        code = lint.check(paths, min_score, labels, baseline, write_baseline, fmt,
                          ReadOptions(text_field, id_field, encoding), names_file, model)
    raise typer.Exit(code)


@app.command()
def clean(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Text files, folders (recursive), JSONL(.gz) "
                                               "corpora; '-' for stdin.", show_default=False)],
    output_dir: Annotated[Path | None, typer.Option("--output-dir", "-o", help="Write cleaned files into this folder.",
                                                    show_default=False)] = None,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Overwrite each file with its cleaned text.",
                                                metavar=FLAG)]
    = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show a unified diff of what would be removed; "
                                          "write nothing.", metavar=FLAG)]
    = False,
    encoding: Encoding = None,
    text_field: TextField = "text",
    stdin_jsonl: StdinJsonl = False,
    labels: Annotated[str | None, typer.Option(help="Comma-separated labels to remove (default: all, or the "
                                                    "config's).", show_default=False)] = None,
    names_file: NamesFile = None,
    model: Model = None,
    jobs: Jobs = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.", metavar=FLAG)] = False,
) -> None:
    """Remove flagged spans from text files and JSONL corpora (stdout, a folder, or in place). Exit 1 when
    something was removed.

    A JSONL corpus keeps every line: each record's text field is cleaned and its other fields kept; a line
    that is no record is copied as it is and reported (exit 2). A corpus is written in place only when a
    record changed, and nowhere when it cannot be read to its end.
    """
    from garble.reports.cleaned import Cleaner

    if output_dir is not None and in_place:
        raise typer.BadParameter("choose one of --output-dir and --in-place", param_hint="--in-place")
    settings = _settings(model)
    detector = _detector(settings, labels, names_file)
    changed = errors = 0
    skip = () if output_dir is None else (output_dir,)  # the output folder inside an input one is not input
    options = ReadOptions(text_field, encoding=encoding, stdin_jsonl=stdin_jsonl, raw_lines=True)
    items = _scan_corpus(read_inputs(paths, options, skip=skip), detector, settings, jobs, None)
    from garble import progress
    if progress.is_shown(quiet, output_dir is None and not in_place):
        items = progress.track(items, progress.input_size(paths))
    from garble.parallel import WorkerError
    try:
        with Cleaner(paths, output_dir, in_place, dry_run, encoding, text_field) as cleaner:
            for item in items:
                outcome = cleaner.clean(item, sys.stdout, sys.stderr)
                changed += outcome == "changed"
                errors += outcome == "error"
    except WorkerError as err:  # the corpus being written is dropped: it would end where the worker died
        raise _refuse(f"garble: {err}") from None
    errors += cleaner.errors
    raise typer.Exit(EX_USAGE if errors else EX_FOUND if changed else EX_CLEAN)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", help="Gold JSONL(.gz) in the BENCHMARK.md format.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object: the keys of shared/bench/score.py "
                                          "--json, plus `error_predictions` and `predictions_without_gold` when not "
                                          "0 and `intervals` (figure: [low, high]) with --intervals; with a "
                                          "comparison, `base`, `other` and `difference` (figure: value, interval).",
                                          metavar=FLAG)] = False,
    model: Model = None,
    intervals: Annotated[int, typer.Option(min=0, metavar="N", help="Also print the 95 % interval of span P, R "
                                           "and F1, paragraph AUC, false alarms and misses, kept-text F1 and clean "
                                           "documents flagged over N resamples of GOLD's documents (e.g. 1000; "
                                           "seeded, so a run repeats): how far each could move on another sample "
                                           "of such documents.")] = 0,
    compare: Annotated[str | None, typer.Option(metavar="WEIGHTS", help="Other weights (a preset or a file) to "
                                                "set beside --model's: both figures, their difference and its "
                                                "95 % interval over the same document resamples (N of "
                                                "--intervals, 1000 if not given).", show_default=False)] = None,
    predictions: Annotated[Path | None, typer.Option(metavar="PRED", help="Score these predictions (JSONL(.gz) "
                                                     "in the BENCHMARK.md format, garble's or another tool's) "
                                                     "instead of scanning GOLD.", show_default=False)] = None,
    compare_predictions: Annotated[Path | None, typer.Option(metavar="PRED", help="Like --compare, with "
                                                             "predictions read from a file.",
                                                             show_default=False)] = None,
) -> None:
    """Print the benchmark figures (span F1, paragraph AUC, ...) of the installed model on GOLD."""
    import json

    from garble.classifier import ModelError
    from garble.evaluate import compare as compare_runs
    from garble.evaluate import predict, read_gold, read_predictions, render, render_comparison, score

    if predictions is not None and model is not None:
        raise _refuse("garble eval: give --model or --predictions, not both")
    if compare is not None and compare_predictions is not None:
        raise _refuse("garble eval: give --compare or --compare-predictions, not both")
    with _usage():  # a mistyped preset is named before the gold is read, as audit names it
        for weights, option in ((model, "--model"), (compare, "--compare")):
            if weights is not None:
                lint.known_weights(weights, option)
    try:
        records = read_gold(gold)  # before any scan: a file that is no gold is refused naming its line
        base = read_predictions(predictions) if predictions is not None else predict(records, model)
        other = (read_predictions(compare_predictions) if compare_predictions is not None
                 else predict(records, compare) if compare is not None else None)
        result = score(records, base, intervals) if other is None else compare_runs(records, base, other,
                                                                                     intervals or 1000)
    except OSError as err:  # a gold or predictions file that is not there or not readable
        raise _refuse(f"garble eval: cannot read {err.filename or gold}: {err.strerror or err}") from None
    except (ModelError, ValueError) as err:  # a broken weights, gold or predictions file: say which, exit 2
        raise _refuse(f"garble eval: {err}") from None
    if as_json:
        typer.echo(json.dumps(result))
    elif other is None:
        typer.echo(render(result))
    else:
        names = [predictions if predictions is not None else model or "body",
                 compare_predictions if compare_predictions is not None else str(compare)]
        # a file by its name, or with its folder where both are called alike (two CV runs' out folders)
        shown = [n.name if isinstance(n, Path) else n for n in names]
        if shown[0] == shown[1]:
            shown = [f"{n.parent.name}/{n.name}" if isinstance(n, Path) else n for n in names]
        typer.echo(render_comparison(result, *shown))
    raise typer.Exit(EX_CLEAN)


@app.command()
def train(
    gold: Annotated[list[Path], typer.Argument(metavar="GOLD", help="Real labelled JSONL(.gz) pages (the *-body-dev files).")],
    out: Annotated[Path, typer.Option(help="The weights file to write, its .words, .context and .labels siblings beside it "
                                      "(garble/data/model.json replaces the shipped body weights).",
                                      show_default=False)],
    synthetic: Annotated[list[Path] | None, typer.Option(help="garble.corrupt output (corpus/build.py).")] = None,
    pages: Annotated[list[Path] | None, typer.Option(help="Whole-page gold (the *-page-dev files), for the page weights.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Leave out the lines a record's meta.supplemental covers "
                                         "(the strict weights).", metavar=FLAG)] = False,
    seed: Annotated[int | None, typer.Option(help="Training seed (default: the shipped weights'); another one "
                                             "shows how far the figures move on the seed alone.",
                                             show_default=False)] = None,
) -> None:
    """Retrain the line classifier (needs the `train` extra: scikit-learn); same data and seed, same bytes."""
    from garble.train import SEED
    from garble.train import train as fit_and_write
    from garble.trainset import TrainingDataError

    try:
        fit_and_write([str(g) for g in gold], [str(s) for s in synthetic or []], str(out), SEED if seed is None else seed,
                      pages=[str(p) for p in pages or []], strict=strict)
    except TrainingDataError as e:  # unusable records: say which
        raise _refuse(f"garble train: {e}") from None
    except OSError as e:  # a file that cannot be read, or an --out that cannot be written: say which
        raise _refuse(f"garble train: {e.filename}: {e.strerror}" if e.filename else f"garble train: {e}") from None
    raise typer.Exit(EX_CLEAN)


__all__ = ["EX_CLEAN", "EX_FOUND", "EX_USAGE", "app", "main"]
