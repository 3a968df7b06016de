"""The hook as users run it: the real ``pre-commit try-repo`` against this repository.

The hook is installed from the committed HEAD (``--ref HEAD``), as a user's pre-commit
would install a released revision, so work in progress in the tree does not leak in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
def find_pre_commit() -> str | None:
    """pre-commit beside the running Python (a virtual environment's bin) or on PATH."""
    beside = Path(sys.executable).parent / "pre-commit"
    return str(beside) if beside.exists() else shutil.which("pre-commit")


pytestmark = [
    pytest.mark.skipif(find_pre_commit() is None, reason="needs pre-commit (pip install '.[test]')"),
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs this project as a git checkout"),
]

CLEAN = "The council approved the budget on Tuesday after a long debate.\n"
DAMAGED = "The council approved the budget on Tuesday after a long debate.\n\nRead more:\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_hook_fails_on_the_damaged_file_only(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q")
    (work / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (work / "damaged.txt").write_text(DAMAGED, encoding="utf-8")
    git(work, "add", "clean.txt", "damaged.txt")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env.pop("GIT_DIR", None)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(find_pre_commit()), "try-repo", str(REPO), "garble", "--ref", "HEAD", "--files", *files],
                              cwd=work, env=env, capture_output=True, text=True, timeout=900, check=False)

    both = try_repo("clean.txt", "damaged.txt")
    assert both.returncode == 1, both.stdout + both.stderr
    assert 'damaged.txt:3:1: boilerplate: "Read more:"' in both.stdout
    assert "clean.txt:" not in both.stdout
    clean = try_repo("clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
