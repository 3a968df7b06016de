"""``garble names``: commands for the known-names list (registered on the main app in cli.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from garble.inputs import Record, read_inputs

EX_OK = 0
EX_USAGE = 2  # nothing readable in the corpus (click's own code for usage errors)

names_app = typer.Typer(help="Known names: build a list from your corpus.", no_args_is_help=True,
                        add_completion=False)


@names_app.callback()
def _names() -> None:
    """Known names: build a list from your corpus."""


def _texts(paths: list[str], problems: list[str]) -> Iterator[str]:
    for item in read_inputs(paths):
        if isinstance(item, Record):
            yield item.text
        else:
            problems.append(f"{item.path}: {item.message}")


@names_app.command("build")
def build(
    corpus: Annotated[list[str], typer.Argument(metavar="CORPUS", help="Files, folders or JSONL files of articles ('-' for stdin).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the list here, not to stdout.")] = None,
    min_docs: Annotated[int, typer.Option(min=1, help="Keep names seen in at least this many documents.")] = 3,
    min_share: Annotated[float, typer.Option(min=0.0, max=1.0,
                                             help="Keep names written this way in this share of their variants.")] = 0.9,
) -> None:
    """Build a names list from CORPUS: names seen often and consistently, for --names."""
    from garble.names_build import BuildOptions, build_names

    problems: list[str] = []
    lines = build_names(_texts(corpus, problems), BuildOptions(min_docs, min_share))
    for problem in problems:
        typer.echo(f"garble names build: {problem}", err=True)
    if lines[0].endswith(" 0 documents"):
        typer.echo("garble names build: no readable documents in the corpus", err=True)
        raise typer.Exit(EX_USAGE)
    text = "\n".join(lines) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {len(lines) - 1} names to {output}", err=True)
    raise typer.Exit(EX_OK)
