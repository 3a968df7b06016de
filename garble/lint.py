"""``garble check``'s work, and the pieces of the command line it shares, without typer.

A bare ``garble check PATH...`` (what the pre-commit hook runs) comes here straight from
``garble.entry``: importing typer (and click and rich with it) was ~80 ms of a ~0.5 s cold start
on one 5 KB article. ``garble.cli`` builds its commands on the same functions, so a check with
options gives the same output. A usage error prints its message and raises ``UsageError``, which the
callers turn into the exit code ``EX_USAGE`` (``typer.Exit`` in ``garble.cli``, ``SystemExit`` in
``garble.entry``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from garble.datatypes import LABELS, Label
from garble.inputs import Problem, ReadOptions, Record, numbered_lines, read_inputs, same_file
from garble.settings import Settings, SettingsError, discover

if TYPE_CHECKING:
    from garble.datatypes import Span
    from garble.detector import Detector
    from garble.reports.common import Item, Result, Tally

EX_CLEAN = 0  # nothing found
EX_FOUND = 1  # damage found
EX_USAGE = 2  # bad usage or unreadable input (click's own code for usage errors)
EX_INTERRUPTED = 130  # stopped by Ctrl-C (128 + SIGINT, as a shell reports it, and typer's own code)


class CheckFormat(StrEnum):
    """Output formats of ``garble check``."""

    TEXT = "text"
    SARIF = "sarif"


class UsageError(Exception):
    """Bad usage or unreadable input; its message is already on stderr, and the command exits EX_USAGE."""


class LabelsError(ValueError):
    """A ``--labels`` value naming no label or an unknown one (the command line reports it as a bad option)."""


def say(message: str) -> None:
    """One line on stderr, as ``typer.echo(message, err=True)`` writes it."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def escaping(stream: TextIO, errors: str = "backslashreplace") -> None:
    """Let ``stream`` write what its encoding cannot (PYTHONIOENCODING=ascii, a legacy code page) as escapes
    ("\\u2019"), not fail with a UnicodeEncodeError halfway through its output. For what people read (linter
    lines, the terminal report, messages) and for HTML with ``errors="xmlcharrefreplace"`` (lossless there);
    never for text a program reads back: ``garble clean``'s output had better fail than change, and JSON
    escapes what the stream cannot hold by its own rules (``reports.common.holds_unicode``)."""
    if (reconfigure := getattr(stream, "reconfigure", None)) is not None:
        reconfigure(errors=errors)


def usage_error(message: str) -> UsageError:
    """Print ``garble: message`` on stderr; the error to raise."""
    say(f"garble: {message}")
    return UsageError(message)


def settings_for(model: str | None = None) -> Settings:
    """The project settings (with the weights ``--model`` names), or exit 2 with the settings error."""
    try:
        settings = discover()
    except SettingsError as err:
        raise usage_error(str(err)) from None
    if model is None:
        return settings
    from garble.classifier import ModelError
    from garble.settings import check_weights
    known_weights(model)
    try:
        check_weights(model)
    except ModelError as err:  # read_weights turns OSError and UnicodeDecodeError into ModelError
        raise usage_error(f"--model {model}: {err}") from None
    return replace(settings, config=replace(settings.config, model_path=model))


def known_weights(model: str, option: str = "--model") -> None:
    """Exit 2 unless ``model`` is a preset, "auto" or a file that exists, with a message listing the presets.

    >>> known_weights("page")
    """
    from garble.pipeline import AUTO, PRESETS
    if model not in PRESETS and model != AUTO and not Path(model).exists():
        raise usage_error(f"{option} {model}: no such weights; give {', '.join(PRESETS)} or {AUTO}, or a weights "
                          "file written by garble train")


def labels_from(value: str | None, default: frozenset[Label]) -> frozenset[Label]:
    """The labels a ``--labels`` value names (``default`` when it is None).

    >>> sorted(labels_from("encoding, boilerplate", frozenset()))
    [<Label.BOILERPLATE: 'boilerplate'>, <Label.ENCODING: 'encoding'>]
    >>> labels_from("colour", frozenset())
    Traceback (most recent call last):
    ...
    garble.lint.LabelsError: unknown label 'colour'; valid labels: spliced_headline, injected_link, mangled_name, boilerplate, repetition, encoding, broken_text
    """
    if value is None:
        return default
    names = [v.strip().lower() for v in value.split(",") if v.strip()]  # "Boilerplate" is meant as boilerplate
    bad = [n for n in names if n not in LABELS]
    if bad or not names:
        raise LabelsError(f"unknown label {bad[0] if bad else value!r}; valid labels: {', '.join(LABELS)}")
    return frozenset(Label(n) for n in names)


def detector_for(settings: Settings, labels: str | None, names_file: Path | None = None) -> Detector:
    """The detector of ``settings`` with ``--labels`` and a ``--names`` file applied (exit 2 if it is unreadable)."""
    from garble.detector import Detector

    config = settings.config
    names = config.names
    if names_file is not None:
        from garble.names_build import read_names
        try:
            names = (*names, *read_names(names_file.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as err:
            raise usage_error(f"cannot read names file {names_file}: {getattr(err, 'strerror', None) or err}") from None
    config = replace(config, labels=labels_from(labels, config.labels))
    try:
        config = replace(config, names=names)
    except ValueError as err:  # a one-word name of the file: the config's own were checked when it was read
        raise usage_error(f"names file {names_file}: {err}") from None
    return Detector(config)


def wanted(items: Iterable[Record | Problem], settings: Settings) -> Iterator[Record | Problem]:
    """Items of files the config does not exclude (stdin is never excluded)."""
    return (item for item in items if item.path == "-" or settings.wants(item.path))


def scan(items: Iterable[Record | Problem], detector: Detector, settings: Settings) -> Iterator[Item]:
    """Scan each record as it is read; problems pass through. Files the config excludes are dropped."""
    from garble.reports.common import Result

    for item in wanted(items, settings):
        yield item if isinstance(item, Problem) else Result(item, detector.scan(item.text))


def findings(results: Iterable[Item], min_score: float, tally: Tally) -> Iterator[tuple[Result, Span]]:
    """Each span scoring at least ``min_score``, with its result; every item is counted in ``tally``."""
    from garble.reports.common import Result

    for item in results:
        tally.add(item)
        if isinstance(item, Result):
            yield from ((item, s) for s in item.scan.spans if s.score >= min_score)


def check(paths: list[str], min_score: float | None = None, labels: str | None = None, baseline: Path | None = None,
          write_baseline: bool = False, fmt: CheckFormat = CheckFormat.TEXT, options: ReadOptions | None = None,
          names_file: Path | None = None, model: str | None = None) -> int:
    """``garble check``'s work; its exit code (a usage error raises UsageError, a bad ``labels`` LabelsError).
    ``model`` is ``--model``: the weights, instead of the config's."""
    from garble import baseline as baselines
    from garble.reports.common import Tally, counted, defang

    settings = settings_for(model)
    detector = detector_for(settings, labels, names_file)
    floor = settings.min_score if min_score is None else min_score
    tally = Tally()
    options = options or ReadOptions()
    configured = baseline is not None or settings.baseline is not None
    baseline = baseline or settings.baseline
    target = baseline or Path("garble-baseline.json")
    if write_baseline and any(p != "-" and Path(p).is_file() and same_file(Path(p), target) for p in paths):
        raise usage_error(f"the baseline {target} is one of the files to check; writing it would destroy it")
    # the baseline is no text to check (its excerpts are the findings it accepts), wherever it lies
    items = scan(read_inputs(paths, options, skip=(target,)), detector, settings)
    read: set[str] = set()  # the files whose findings this run knows, clean ones too
    found = list(findings(noting(items, read), floor, tally))
    keys = [baselines.Finding(baselines.relative(r.record.path, target), s.label.value, r.scan.text[s.start:s.end])
            for r, s in found]
    try:
        if write_baseline:
            kept = _kept(target, {baselines.relative(path, target) for path in read})
            count = baselines.write(target, keys, kept)
            say(f"garble: wrote {counted(count, 'accepted finding')} to {target}"
                + (f" ({len(kept)} of them kept for files not checked now)" if kept else ""))
            if not configured:  # a check reads no baseline it is not given: the next run failed on them all
                say(f'garble: a check accepts them with --baseline {target}, or with baseline = "{target}" '
                    "in [tool.garble]")
            return EX_USAGE if tally.errors else EX_CLEAN
        accepted = baselines.read(baseline) if baseline else baselines.Baseline()
    except (baselines.BaselineError, OSError) as err:
        say(f"garble: {err}")
        return EX_USAGE
    fresh = [pair for pair, new in zip(found, accepted.is_new(keys)) if new]
    _report(fmt, fresh, raw_lines(fresh), options.text_field)
    for p in tally.problems:
        where = f"{p.path}:{p.line}" if p.line is not None else p.path
        say(f"{defang(where)}: {'skipped' if p.skipped else 'error'}: {defang(p.message)}")
    if tally.unlisted:
        say(f"garble: {tally.unlisted}")
    return EX_USAGE if tally.errors else EX_FOUND if fresh else EX_CLEAN


def noting(items: Iterable[Item], paths: set[str]) -> Iterator[Item]:
    """``items`` unchanged, the path of each result added to ``paths`` as it passes."""
    from garble.reports.common import Result

    for item in items:
        if isinstance(item, Result):
            paths.add(item.record.path)
        yield item


def _kept(target: Path, checked: set[str]) -> list[dict[str, str]]:
    """The entries of the baseline ``target`` that a baseline written now keeps: none when there is no such file, or
    it is none garble reads (it is written anew, as before)."""
    from garble import baseline as baselines

    if not target.exists():
        return []
    try:
        return baselines.kept_entries(target, checked)
    except baselines.BaselineError as err:
        say(f"garble: {err}; writing it anew")
        return []


def raw_lines(found: list[tuple[Result, Span]]) -> dict[tuple[str, int], str]:
    """The lines of the JSONL files that hold the records of ``found``, by (path, line number), read again
    (each file once, only as far as its last such line) to place findings in them (linter.json_column).
    A file that cannot be read again as UTF-8 gives none: its findings fall back to offsets in the text."""
    wanted: dict[str, set[int]] = {}
    for result, _ in found:
        # not stdin, and not a pipe: read once already, opening it again would wait for a writer forever
        if result.record.line is not None and Path(result.record.path).is_file():
            wanted.setdefault(result.record.path, set()).add(result.record.line)
    out: dict[tuple[str, int], str] = {}
    for path, numbers in wanted.items():
        last = max(numbers)
        try:
            for number, line in numbered_lines(path):
                if number in numbers:
                    out[path, number] = line.rstrip("\r\n")
                if number >= last:
                    break
        except (OSError, ValueError):
            continue
    return out


def _report(fmt: CheckFormat, found: list[tuple[Result, Span]], raw: dict[tuple[str, int], str],
            field: str) -> None:
    if fmt is CheckFormat.SARIF:
        from garble import __version__
        from garble.reports import sarif
        sarif.render(found, sys.stdout, __version__, raw, field)
        return
    from garble.reports.linter import format_lines
    escaping(sys.stdout)
    for line in format_lines(found, raw, field):
        sys.stdout.write(line + "\n")
    sys.stdout.flush()  # a closed pipe raises here, where the caller handles it, not at exit
