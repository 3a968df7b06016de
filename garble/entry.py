"""The ``garble`` command's entry point: a bare ``garble check PATH...`` runs without typer.

The pre-commit hook runs ``garble check`` on the staged files with no option, once a commit, so
its start-up is what a writer waits for. That call goes straight to ``garble.lint.check``;
every other command line goes to typer (``garble.cli``). The output and exit code are the same
either way (tests/test_startup.py compares them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def is_bare_check(args: Sequence[str]) -> bool:
    """True for ``check PATH...`` with no option (what the pre-commit hook runs), which ``main`` runs without typer.

    >>> is_bare_check(["check", "a.txt", "b.txt"]), is_bare_check(["check", "a.txt", "--min-score", "0.9"])
    (True, False)
    >>> is_bare_check(["check"]), is_bare_check(["check", "-"]), is_bare_check(["audit", "a.txt"])
    (False, False, False)
    """
    return len(args) > 1 and args[0] == "check" and not any(a.startswith("-") for a in args[1:])


def main() -> None:
    """Run the ``garble`` command."""
    args = sys.argv[1:]
    from garble import lint
    lint.escaping(sys.stderr)  # messages; stdout too, where a report is for people (garble.lint.escaping)
    try:
        if is_bare_check(args):
            try:
                code = lint.check(args[1:])
            except lint.UsageError:  # its message is already on stderr
                code = lint.EX_USAGE
        else:
            from garble.cli import app
            app()
            return
    except KeyboardInterrupt:  # Ctrl-C in a bare check (typer's commands say it in garble.cli): no traceback
        lint.say("garble: interrupted")
        code = lint.EX_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``garble check . | head``): stop quietly, as other command-line tools do,
        # and point stdout at devnull so the interpreter's final flush does not raise again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    raise SystemExit(code)
