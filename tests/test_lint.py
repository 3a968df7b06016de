"""garble.lint: check's work without typer, its exit codes and its usage errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from garble import lint
from garble.datatypes import Label

DAMAGED = "The council approved the budget on Tuesday.\n\nRead more:\n\nThe mayor said she expects no cuts.\n"


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "damaged.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("The council approved the budget on Tuesday.\n", encoding="utf-8")
    return tmp_path


def test_check_prints_one_line_per_finding_and_returns_the_exit_code(workdir: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert lint.check(["damaged.txt", "clean.txt"]) == lint.EX_FOUND
    # the score is the model's; the rest of the line is the linter format
    assert re.fullmatch(r'damaged.txt:3:1: boilerplate: "Read more:" \(score (?:0\.\d\d|1\.00)\) \[furniture_prompt\]\n',
                        capsys.readouterr().out)
    assert lint.check(["clean.txt"]) == lint.EX_CLEAN
    assert lint.check(["damaged.txt"], min_score=1.01) == lint.EX_CLEAN


def test_an_unreadable_input_is_reported_on_stderr_and_exits_2(workdir: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert lint.check(["clean.txt", "missing.txt"]) == lint.EX_USAGE
    assert capsys.readouterr().err == "missing.txt: error: no such file or folder\n"


def test_a_usage_error_prints_its_message_and_raises(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(lint.UsageError):
        lint.check(["clean.txt"], names_file=workdir / "no-names.txt")
    assert capsys.readouterr().err.startswith("garble: cannot read names file ")
    (workdir / "pyproject.toml").write_text("[tool.garble]\nmin_scor = 0.5\n", encoding="utf-8")
    with pytest.raises(lint.UsageError):
        lint.check(["clean.txt"])
    assert "min_scor" in capsys.readouterr().err


def test_labels_name_the_bad_value_and_the_valid_ones() -> None:
    assert lint.labels_from(" encoding ,boilerplate", frozenset()) == {Label.ENCODING, Label.BOILERPLATE}
    assert lint.labels_from(None, frozenset({Label.ENCODING})) == {Label.ENCODING}
    with pytest.raises(lint.LabelsError, match="unknown label 'colour'; valid labels: spliced_headline"):
        lint.labels_from("encoding,colour", frozenset())
    with pytest.raises(lint.LabelsError, match="unknown label ' , '"):
        lint.labels_from(" , ", frozenset())
