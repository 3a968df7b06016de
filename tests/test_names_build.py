"""`garble names build`: names seen often and consistently in a corpus make the list."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from garble.cli_names import names_app
from garble.names_build import BuildOptions, build_names, read_names


def corpus() -> list[str]:
    steady = [f"Foreign Minister Ri Son Gwon met envoy Jane Roewald on day {i}." for i in range(5)]
    shaky = ["So said analyst Tom Quenby."] * 4 + ["So said analyst Quenby Tom."]
    return steady + shaky + ["Once only: Lara Vexley spoke."]


def test_frequent_consistent_names_are_kept() -> None:
    names = read_names("\n".join(build_names(corpus())))
    assert "Ri Son Gwon" in names and "Jane Roewald" in names


def test_inconsistent_and_rare_names_are_left_out() -> None:
    names = read_names("\n".join(build_names(corpus())))
    assert "Tom Quenby" not in names  # in four documents, but written another way in one mention of five
    assert "Lara Vexley" not in names  # seen in one document


def test_thresholds_come_from_the_options() -> None:
    loose = read_names("\n".join(build_names(corpus(), BuildOptions(min_docs=1, min_share=0.5))))
    assert "Lara Vexley" in loose and "Tom Quenby" in loose


def test_header_counts_documents() -> None:
    assert build_names(corpus())[0].endswith("from 11 documents")


def test_cli_writes_the_list(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(corpus()):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "names.txt"
    result = CliRunner().invoke(names_app, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Ri Son Gwon" in read_names(out.read_text(encoding="utf-8"))


def test_cli_says_when_nothing_is_readable(tmp_path: Path) -> None:
    result = CliRunner().invoke(names_app, ["build", str(tmp_path / "missing")])
    assert result.exit_code == 2
