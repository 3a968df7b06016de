"""`--names FILE` on audit, check and clean: the user's names reach the name signal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from garble.cli import EX_CLEAN, EX_FOUND, EX_USAGE, app

TEXT = "North Korea said on Tuesday that Kim Jong Yo, the sister of the leader, had criticised the drills.\n"


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The article and a names list holding Kim Yo Jong, in the current folder (no project config applies)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    Path("article.txt").write_text(TEXT, encoding="utf-8")
    Path("names.txt").write_text("# my names\nKim Yo Jong\n\nRi Son Gwon\n", encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def name_spans(stdout: str) -> list[tuple[str, str | None]]:
    (record,) = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return [(TEXT[s["start"] : s["end"]], s.get("suggestion"))
            for s in record["spans"] if s["label"] == "mangled_name"]


def test_audit_uses_the_names_file_for_the_swap_and_its_suggestion(workdir: Path) -> None:
    _, without, _ = run("audit", "article.txt", "-f", "jsonl", "-q")
    code, with_names, _ = run("audit", "article.txt", "-f", "jsonl", "-q", "--names", "names.txt")
    assert name_spans(without) == []
    assert name_spans(with_names) == [("Kim Jong Yo", "Kim Yo Jong")]
    assert code == EX_FOUND


def test_check_and_clean_take_the_names_file(workdir: Path) -> None:
    assert run("check", "article.txt")[0] == EX_CLEAN
    code, out, _ = run("check", "article.txt", "--names", "names.txt")
    assert code == EX_FOUND and "mangled_name" in out and "Kim Jong Yo" in out
    code, out, _ = run("clean", "article.txt", "--names", "names.txt", "--dry-run")
    assert code == EX_FOUND and "Kim Yo Jong" in out


def test_a_missing_names_file_is_a_usage_error(workdir: Path) -> None:
    code, _, err = run("audit", "article.txt", "--names", "nowhere.txt")
    assert code == EX_USAGE and "nowhere.txt" in err


def test_a_one_word_name_in_the_names_file_is_a_usage_error_naming_it(workdir: Path) -> None:
    """A one-word line was dropped silently: the user's "Madonna" never reached the name signals."""
    Path("names.txt").write_text("Kim Yo Jong\nMadonna\n", encoding="utf-8")
    code, _, err = run("audit", "article.txt", "--names", "names.txt")
    assert code == EX_USAGE and "names.txt" in err and "'Madonna'" in err and "Traceback" not in err
