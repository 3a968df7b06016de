"""Cold start (issue 5): scanning plain English text loads none of the slow optional imports, and a bare
``garble check FILE...`` (the pre-commit hook) runs without typer (nor its pydantic adapters)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from garble.cli import EX_CLEAN, EX_FOUND, app

# wordfreq (with langcodes and regex) and its English table cost ~0.5 s, ftfy ~50 ms,
# numpy.ma ~35 ms; scikit-learn 1.5 s. garble answers plain text without any of them.
SLOW = ("wordfreq", "langcodes", "regex", "ftfy", "numpy.ma", "sklearn")

SCRIPT = """
import sys
import garble
text = ("Chinese President Xi Jinping will make a state visit to North Korea this week, state media "
        "announced on Monday, as U.S. talks with North Korea's leader Kim Jong-un are at a standstill.\\n\\n"
        "Read more: Xi's 2019 trip, the first in 14 years")
garble.scan(text)
print(" ".join(m for m in %r if m in sys.modules))
"""


def test_scanning_english_text_imports_no_slow_module():
    out = subprocess.run([sys.executable, "-c", SCRIPT % (SLOW,)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


def test_accented_names_and_handles_import_no_slow_module():
    # Latin-script words outside ASCII are answered from the shipped table (garble.frequencies)
    script = SCRIPT.replace("garble.scan(text)", "garble.scan(text + ' José Álvarez, Hamısı, naïve @n_a_t_39')")
    out = subprocess.run([sys.executable, "-c", script % (SLOW,)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


def test_a_word_outside_the_table_still_gets_wordfreqs_answer():
    script = SCRIPT.replace("garble.scan(text)", "garble.scan(text + ' русский язык')")
    out = subprocess.run([sys.executable, "-c", script % (SLOW,)], capture_output=True, text=True, check=True)
    assert "wordfreq" in out.stdout.split()


BARE_CHECK = """
import sys
sys.argv = ["garble", "check", *%r]
from garble.entry import main
try:
    main()
except SystemExit as done:
    print("exit", done.code)
print("pydantic" in sys.modules, "typer" in sys.modules)
"""


def test_a_bare_check_gives_the_typer_commands_output_without_importing_typer(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_text("Read more:\n\nThe minister said on Monday that talks would resume.\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("The minister said on Monday that talks would resume.\n", encoding="utf-8")
    for paths, code in (([str(damaged), str(clean)], EX_FOUND), ([str(clean)], EX_CLEAN)):
        fast = subprocess.run([sys.executable, "-c", BARE_CHECK % (paths,)], capture_output=True, text=True,
                              check=True).stdout.splitlines()
        typer_run = CliRunner().invoke(app, ["check", *paths])
        assert fast[-2:] == [f"exit {code}", "False False"]
        assert fast[:-2] == typer_run.output.splitlines() and typer_run.exit_code == code


def test_a_check_with_options_still_goes_through_typer(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Read more:\n\nTalks resume.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", BARE_CHECK % ([str(path), "--min-score", "1"],)], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out == ["exit 0", "True True"]  # the option was parsed (no span here scores 1), by typer (pydantic imported)


@pytest.mark.parametrize("case", ["missing file", "bad settings"])
def test_a_bare_check_reports_errors_as_the_typer_command_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               case: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_text("Read more:\n\nTalks resume.\n", encoding="utf-8")
    paths = [str(path), str(tmp_path / "missing.txt")]
    if case == "bad settings":
        (tmp_path / "pyproject.toml").write_text("[tool.garble]\nmin_scor = 0.5\n", encoding="utf-8")
        paths = [str(path)]
    fast = subprocess.run([sys.executable, "-c", BARE_CHECK % (paths,)], capture_output=True, text=True, check=True)
    typer_run = CliRunner().invoke(app, ["check", *paths])
    assert fast.stdout.splitlines()[-2] == f"exit {typer_run.exit_code}" and typer_run.exit_code == 2
    assert fast.stdout.splitlines()[:-2] == typer_run.stdout.splitlines()
    assert fast.stderr == typer_run.stderr and fast.stderr.startswith(("garble: ", str(tmp_path)))
