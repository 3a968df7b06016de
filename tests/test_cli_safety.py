"""The command line never destroys or re-reads what it writes, and places findings right in any line ends."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn, TextIO

import pytest
from typer.testing import CliRunner

from garble import entry, lint
from garble.cli import EX_FOUND, EX_INTERRUPTED, EX_USAGE, app

DAMAGED = ("The council approved the budget on Tuesday after a long debate.\n\nRead more:\n\n"
           "The mayor said she did not expect further cuts.\n")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding one JSONL corpus of three records, as the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    records = [{"id": f"d{i}", "text": DAMAGED} for i in range(3)]
    (tmp_path / "news" / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return tmp_path


def test_a_report_written_inside_the_input_folder_is_not_read(corpus: Path) -> None:
    """``audit news -o news/out.jsonl`` once read its own growing report: 720 MB in a minute, never ending."""
    # a process with a timeout, so that the old endless loop fails the test instead of hanging the suite
    done = subprocess.run([sys.executable, "-m", "garble", "audit", "news", "-f", "jsonl", "-j", "1", "-q", "-o",
                           "news/out.jsonl"], capture_output=True, timeout=120, check=False, cwd=corpus)
    assert done.returncode == EX_FOUND, done.stderr
    lines = (corpus / "news" / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["d0", "d1", "d2"]


@pytest.mark.parametrize("output", ["news/c.jsonl", "./news/../news/c.jsonl"])
def test_a_report_onto_its_input_is_refused_before_anything_is_written(corpus: Path, output: str) -> None:
    before = (corpus / "news" / "c.jsonl").read_bytes()
    code, _, err = run("audit", "news/c.jsonl", "-f", "jsonl", "-o", output)
    assert code == EX_USAGE and "would destroy the input" in err
    assert (corpus / "news" / "c.jsonl").read_bytes() == before


def test_check_does_not_read_its_own_baseline(corpus: Path) -> None:
    """The baseline's excerpts are the findings it accepts: checked as text, they were new findings."""
    (corpus / "news" / "a.txt").write_text(DAMAGED, encoding="utf-8")
    assert run("check", "news", "--write-baseline", "--baseline", "news/garble-baseline.json")[0] == 0
    code, out, err = run("check", "news", "--baseline", "news/garble-baseline.json")
    assert code == 0 and out == "", (out, err)


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_check_places_findings_by_lines_of_any_style(tmp_path: Path, line_end: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(DAMAGED.replace("\n", line_end).encode("utf-8"))
    code, out, _ = run("check", str(path))
    assert code == EX_FOUND and out.startswith(f"{path}:3:1: boilerplate: \"Read more:\"")


def test_the_terminal_report_breaks_crlf_lines_instead_of_showing_them(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("Line one of a paragraph\r\nline two of it.\r\n\r\n" + DAMAGED.replace("\n", "\r\n")).encode())
    code, out, _ = run("audit", str(path))
    assert code == EX_FOUND and "U+000D" not in out and "Read more:" in out


def test_check_places_a_jsonl_finding_where_its_text_is_written_in_the_line(tmp_path: Path) -> None:
    """line:col is the record's line and the column of the span inside the JSON string, escapes and all,
    so an editor lands on it (it was the offset in the decoded text, 28 columns short here)."""
    text = "Caf\u00e9 \"news\"\n\nRead more:\n\nThe minister said on Monday that talks would resume."
    raw = json.dumps({"id": "a", "text": text})  # \u00e9, \", \n written as escapes
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "z", "text": "Talks resume."}) + "\n" + raw + "\n", encoding="utf-8")
    code, out, _ = run("check", str(path))
    where = re.match(rf"{re.escape(str(path))}:(\d+):(\d+): boilerplate: \"Read more:\"", out)
    assert code == EX_FOUND and where, out
    line, col = int(where[1]), int(where[2])
    assert line == 2 and raw[col - 1 :].startswith("Read more:") and col - 1 != text.index("Read more:")
    sarif = json.loads(run("check", str(path), "--format", "sarif")[1])
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (line, col)
    # the end is in the same line, one past the span; no charOffset: that counted in the text, not the file
    assert region["endLine"] == line and raw[col - 1 : region["endColumn"] - 1] == "Read more:"
    assert "charOffset" not in region and "charLength" not in region


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_sarif_regions_of_a_text_file_agree_with_the_file(tmp_path: Path, line_end: str) -> None:
    """Line and column, end line and end column, and offset and length all mark the span in the file."""
    path = tmp_path / "a.txt"
    path.write_bytes(("Talks resume.\n\tThe minister said.\n\n" + DAMAGED).replace("\n", line_end).encode())
    sarif = json.loads(run("check", str(path), "--format", "sarif")[1])
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    content = path.read_bytes().decode()
    lines = content.splitlines(keepends=True)
    assert region["startLine"] == region["endLine"]
    assert lines[region["startLine"] - 1][region["startColumn"] - 1 : region["endColumn"] - 1] == "Read more:"
    assert content[region["charOffset"] :][: region["charLength"]] == "Read more:"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_check_on_a_named_jsonl_pipe_ends(tmp_path: Path) -> None:
    """Placing findings re-reads a JSONL file's lines; a pipe, once read, would wait for a writer forever."""
    fifo = tmp_path / "p.jsonl"
    os.mkfifo(fifo)
    record = json.dumps({"id": "a", "text": DAMAGED}) + "\n"
    writer = subprocess.Popen(["sh", "-c", f"printf '%s' '{record}' > {fifo}"])
    done = subprocess.run([sys.executable, "-m", "garble", "check", str(fifo)], capture_output=True, text=True,
                          timeout=120, check=False)
    writer.wait(timeout=10)
    assert done.returncode == EX_FOUND and ':3:1: boilerplate: "Read more:"' not in done.stdout
    assert re.search(r"p\.jsonl:1:\d+: boilerplate: \"Read more:\"", done.stdout), done.stdout


def test_clean_does_not_read_its_output_folder_inside_its_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second 'clean . -o out' once cleaned out/ into out/out/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    for _ in range(2):
        assert run("clean", ".", "-o", "out")[0] == EX_FOUND
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "a.txt", "out/a.txt"]


def test_clean_in_place_keeps_a_hard_link_a_link(tmp_path: Path) -> None:
    """Renaming a temporary file over a hard-linked file leaves the other name with the old text."""
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    os.link(path, other)
    assert run("clean", "-i", str(path))[0] == EX_FOUND
    assert "Read more:" not in other.read_text(encoding="utf-8") and path.stat().st_ino == other.stat().st_ino


def test_write_baseline_onto_a_file_to_check_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    code, _, err = run("check", str(path), "--write-baseline", "--baseline", str(path))
    assert code == EX_USAGE and "would destroy it" in err and path.read_text(encoding="utf-8") == DAMAGED


def test_jsonl_on_stdin_without_the_option_gets_a_hint() -> None:
    corpus = json.dumps({"id": "a", "text": DAMAGED}) + "\n"
    result = CliRunner().invoke(app, ["audit", "-", "-q", "-f", "jsonl"], input=corpus)
    assert "looks like JSONL" in result.stderr and "--jsonl" in result.stderr
    result = CliRunner().invoke(app, ["audit", "-", "--jsonl", "-q", "-f", "jsonl"], input=corpus)
    assert "looks like JSONL" not in result.stderr and json.loads(result.stdout)["id"] == "a"


def _interrupted(*_: object, **__: object) -> NoReturn:
    raise KeyboardInterrupt


def _interrupted_after_a_line(items: Iterable[object], out: TextIO) -> NoReturn:
    next(iter(items))
    out.write('{"id": "d0"}\n')
    raise KeyboardInterrupt


@pytest.mark.parametrize("before", [None, b'{"id": "old"}\n'], ids=["new", "previous-report"])
def test_an_interrupted_report_is_not_left_half_written(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                                        before: bytes | None) -> None:
    """A Ctrl-C halfway left news/out.jsonl holding the first records, exit 130 and not a word: a report that
    looked whole. Now there is no report (or the previous one, untouched), and stderr says so."""
    from garble.reports import jsonl
    monkeypatch.setattr(jsonl, "render_jsonl", _interrupted_after_a_line)
    if before is not None:
        (corpus / "out.jsonl").write_bytes(before)
    code, _, err = run("audit", "news", "-f", "jsonl", "-j", "1", "-o", "out.jsonl")
    assert code == EX_INTERRUPTED and err == "garble: interrupted; out.jsonl not written\n"
    assert sorted(p.name for p in corpus.iterdir()) == (["news"] if before is None else ["news", "out.jsonl"])
    if before is not None:
        assert (corpus / "out.jsonl").read_bytes() == before


def test_a_finished_report_has_the_permissions_of_a_file_the_user_creates(corpus: Path) -> None:
    """The report is written through a temporary file (made private, 0600); once whole it gets the umask's bits."""
    mask = os.umask(0o027)
    try:
        assert run("audit", "news", "-f", "html", "-q", "-j", "1", "-o", "r.html")[0] == EX_FOUND
    finally:
        os.umask(mask)
    assert stat.S_IMODE((corpus / "r.html").stat().st_mode) == 0o640
    assert "</html>" in (corpus / "r.html").read_text(encoding="utf-8")


def test_a_report_onto_a_symbolic_link_goes_to_the_file_it_names(corpus: Path) -> None:
    """``-o latest.jsonl`` (a link to this week's report) replaced the link with a file and left the target old."""
    (corpus / "week.jsonl").write_text("old\n", encoding="utf-8")
    (corpus / "latest.jsonl").symlink_to("week.jsonl")
    assert run("audit", "news", "-f", "jsonl", "-q", "-j", "1", "-o", "latest.jsonl")[0] == EX_FOUND
    assert (corpus / "latest.jsonl").is_symlink()
    lines = (corpus / "week.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["d0", "d1", "d2"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_report_the_user_may_not_write_is_not_renamed_over(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only report was refused ('cannot write'); renaming a temporary file over it would replace it
    anyway. It is opened where it is, as before (root may write it: then in place, the same file)."""
    report = corpus / "out.jsonl"
    report.write_text("kept\n", encoding="utf-8")
    report.chmod(0o444)
    inode = report.stat().st_ino
    if os.geteuid() == 0:  # os.access lets root write anything; say no as it does to a user
        monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != report.resolve())
    code, _, err = run("audit", "news", "-f", "jsonl", "-q", "-j", "1", "-o", "out.jsonl")
    if os.geteuid() == 0:  # root may write it after all: in place, the same file
        assert code == EX_FOUND and report.stat().st_ino == inode
    else:
        assert code == EX_USAGE and "cannot write out.jsonl" in err and report.read_text(encoding="utf-8") == "kept\n"


@pytest.mark.skipif(not os.path.exists(os.devnull) or os.name != "posix", reason="needs /dev/null")
def test_a_report_to_a_device_is_written_to_it(corpus: Path) -> None:
    """``-o /dev/null`` (or /dev/stdout, a pipe) is written where it is, never replaced by a renamed file."""
    assert run("audit", "news", "-f", "jsonl", "-q", "-j", "1", "-o", os.devnull)[0] == EX_FOUND
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/stdout") or os.name != "posix", reason="needs /dev/stdout")
def test_a_report_to_dev_stdout_reaches_a_pipe(corpus: Path) -> None:
    """``-o /dev/stdout`` into a pipe failed with 'No such file or directory': the link was followed to the
    pipe's /proc name, which cannot be opened, where opening /dev/stdout itself writes to the pipe."""
    done = subprocess.run([sys.executable, "-m", "garble", "audit", "news", "-f", "jsonl", "-j", "1", "-q", "-o",
                           "/dev/stdout"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == EX_FOUND, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["d0", "d1", "d2"]


@pytest.mark.parametrize("args", [["audit", "news", "-j", "1"], ["check", "news", "--min-score", "0.5"]])
def test_an_interrupted_command_says_so_without_a_traceback(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                                            args: list[str]) -> None:
    """typer turned a Ctrl-C into exit 130 with nothing on stderr; a run that ends silently looks finished."""
    monkeypatch.setattr(lint, "check", _interrupted)
    monkeypatch.setattr("garble.cli.scan", _interrupted)
    code, _, err = run(*args)
    assert code == EX_INTERRUPTED and err == "garble: interrupted\n"


def test_an_interrupted_bare_check_says_so_without_a_traceback(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The pre-commit hook's ``garble check FILE`` runs without typer: a Ctrl-C printed a 30-line traceback."""
    monkeypatch.setattr(lint, "check", _interrupted)
    monkeypatch.setattr(sys, "argv", ["garble", "check", "news/c.jsonl"])
    with pytest.raises(SystemExit) as stopped:
        entry.main()
    assert stopped.value.code == EX_INTERRUPTED and capsys.readouterr().err == "garble: interrupted\n"
