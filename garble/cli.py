"""The command line: parse -> scan -> render -> named exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from garble.detector import Detector

EX_CLEAN = 0  # nothing found
EX_FOUND = 1  # damage found
EX_USAGE = 2  # bad usage or unreadable input (click's own code for usage errors)

app = typer.Typer(help="Find scraper damage in news text.", no_args_is_help=True)


@app.callback()
def _root() -> None:
    """garble: find scraper damage in news text and score each paragraph's cleanliness."""


@app.command()
def audit(
    paths: Annotated[list[Path], typer.Argument(help="Files to scan ('-' for stdin).")],
) -> None:
    """Scan text files and print one JSON line per file."""
    detector = Detector()
    found = False
    for path in paths:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        result = detector.scan(text)
        found = found or bool(result.spans)
        typer.echo(json.dumps(result.to_dict(str(path)), ensure_ascii=False))
    raise typer.Exit(EX_FOUND if found else EX_CLEAN)


def main() -> None:
    """Run the ``garble`` command."""
    app()
