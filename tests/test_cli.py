"""The command line: every command's output format and exit codes, through typer's CliRunner."""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from garble.cli import EX_CLEAN, EX_FOUND, EX_USAGE, app

CLEAN = "The council approved the budget on Tuesday after a long debate.\n"
DAMAGED = ("The council approved the budget on Tuesday after a long debate.\n\nRead more:\n\n"
           "The mayor said she didnâ€™t expect further cuts.\n")


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of one clean and one damaged file, as the current folder (so no project config applies)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    Path("clean.txt").write_text(CLEAN, encoding="utf-8")
    Path("damaged.txt").write_text(DAMAGED, encoding="utf-8")
    return tmp_path


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["audit", "check", "clean"])
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Usage" in out and len(out.splitlines()) > 5


@pytest.mark.parametrize(("command", "flag"), [("audit", "--quiet"), ("audit", "--jsonl"), ("check", "--write-baseline"),
                                               ("clean", "--in-place"), ("clean", "--dry-run"), ("eval", "--json")])
def test_help_shows_no_value_for_a_flag(command: str, flag: str) -> None:
    out = run(command, "--help")[1]
    line = next(line for line in out.splitlines() if f"{flag} " in line)
    assert "<bool>" not in line


@pytest.mark.parametrize("command", ["audit", "check", "clean", "eval", "train", "names"])
def test_help_offers_no_negative_twin_of_a_flag(command: str) -> None:
    # "--write-baseline --no-write-basel…" took a column for a flag no one needs to turn off
    out = run(command, "--help")[1]
    assert "--no-" not in out, out
def test_audit_exit_codes(workdir: Path) -> None:
    assert run("audit", "clean.txt")[0] == EX_CLEAN
    assert run("audit", "damaged.txt")[0] == EX_FOUND
    assert run("audit", "missing.txt")[0] == EX_USAGE
    assert run("audit", "--format", "yaml", "clean.txt")[0] == EX_USAGE


def test_audit_jsonl_for_a_corpus_is_one_line_per_record_in_order(workdir: Path) -> None:
    lines = [json.dumps({"id": "d1", "text": DAMAGED}), "{broken", json.dumps({"id": "d2", "text": CLEAN})]
    Path("c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("audit", "c.jsonl", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["d1", "c.jsonl:2", "d2"]
    assert rows[1]["line"] == 2 and "error" in rows[1]
    text = DAMAGED
    assert "Read more:" in [text[s["start"]:s["end"]] for s in rows[0]["spans"]]
    assert set(rows[0]) == {"id", "score", "paragraphs", "spans"}
    assert "3 documents" not in err and "2 documents" in err and "1 error," in err
    assert code == EX_USAGE  # an unreadable record is reported in the exit code


def test_audit_reads_stdin_and_folders(workdir: Path) -> None:
    code, out, _ = run("audit", "-", "--format", "jsonl", "--quiet", stdin=DAMAGED)
    assert code == EX_FOUND and json.loads(out)["id"] == "-"
    code, out, _ = run("audit", ".", "--format", "jsonl")
    assert sorted(json.loads(line)["id"] for line in out.splitlines()) == ["clean.txt", "damaged.txt"]


def test_audit_quiet_drops_the_stderr_summary(workdir: Path) -> None:
    assert "garble: 1 document (0 flagged)" in run("audit", "clean.txt", "-f", "json")[2]
    assert run("audit", "clean.txt", "-f", "json", "-q")[2] == ""


def test_audit_terminal_shows_spans_and_the_summary_table(workdir: Path) -> None:
    code, out, _ = run("audit", "damaged.txt", "clean.txt")
    assert code == EX_FOUND
    assert "«Read more:»[boilerplate]" in out and "garble summary" in out and "2 documents" in out


def test_audit_html_to_a_file(workdir: Path) -> None:
    code, _, err = run("audit", "damaged.txt", "-f", "html", "-o", "r.html")
    assert "1 flagged" in err  # the summary goes to stderr when the report goes to a file
    page = Path("r.html").read_text(encoding="utf-8")
    assert code == EX_FOUND and page.startswith("<!DOCTYPE html>") and 'class="l-boilerplate"' in page


def test_audit_json_and_html_say_which_garble_and_weights_made_them(workdir: Path) -> None:
    """Three weight sets flag different things: a report a person reads later names the one used."""
    from garble import __version__

    _, out, _ = run("audit", "damaged.txt", "-f", "json", "-q")
    assert json.loads(out)["summary"]["garble"] == {"version": __version__, "weights": "body"}
    _, out, _ = run("audit", "damaged.txt", "-f", "json", "-q", "--model", "strict")
    assert json.loads(out)["summary"]["garble"]["weights"] == "strict"
    run("audit", "damaged.txt", "-f", "html", "-q", "--model", "page", "-o", "r.html")
    assert f'<p class="meta">garble {__version__} · weights: page</p>' in Path("r.html").read_text(encoding="utf-8")


def test_audit_labels_option_chooses_and_validates(workdir: Path) -> None:
    code, out, _ = run("audit", "damaged.txt", "-f", "jsonl", "--labels", "encoding")
    assert {s["label"] for s in json.loads(out)["spans"]} == {"encoding"}
    code, _, err = run("audit", "damaged.txt", "--labels", "garbage")
    assert code == EX_USAGE and "valid labels" in err


def test_check_prints_linter_lines_and_exits_by_findings(workdir: Path) -> None:
    code, out, _ = run("check", "clean.txt", "damaged.txt")
    assert code == EX_FOUND
    assert 'damaged.txt:3:1: boilerplate: "Read more:" (score ' in out
    assert all(line.startswith("damaged.txt:") for line in out.splitlines())
    assert run("check", "clean.txt") == (EX_CLEAN, "", "")


def test_check_min_score_and_labels_choose_what_fails(workdir: Path) -> None:
    assert run("check", "damaged.txt", "--min-score", "1")[0] == EX_CLEAN
    code, out, _ = run("check", "damaged.txt", "--labels", "encoding")
    assert code == EX_FOUND and out and all(": encoding: " in line for line in out.splitlines())


def test_check_baseline_accepts_findings_by_content(workdir: Path) -> None:
    code, _, err = run("check", "damaged.txt", "--write-baseline", "--baseline", "base.json")
    assert code == EX_CLEAN and re.search(r"wrote (1 accepted finding|[02-9]\d* accepted findings) to", err)
    assert run("check", "damaged.txt", "--baseline", "base.json") == (EX_CLEAN, "", "")
    Path("damaged.txt").write_text("A new first paragraph moves everything down.\n\n" + DAMAGED, encoding="utf-8")
    assert run("check", "damaged.txt", "--baseline", "base.json")[0] == EX_CLEAN
    Path("damaged.txt").write_text(DAMAGED + "\nShare this\n", encoding="utf-8")
    code, out, _ = run("check", "damaged.txt", "--baseline", "base.json")
    assert code == EX_FOUND and '"Share this"' in out and "Read more" not in out


def test_writing_a_baseline_for_some_files_keeps_what_it_accepted_in_the_others(workdir: Path) -> None:
    """``garble check --write-baseline new.txt``, to accept one new file's findings, wrote a baseline of that file
    only, and every finding the baseline had accepted in the other files failed the next commit."""
    Path("other.txt").write_text(DAMAGED, encoding="utf-8")
    assert run("check", "damaged.txt", "other.txt", "--write-baseline")[0] == EX_CLEAN
    Path("new.txt").write_text(CLEAN + "\nShare this article\n", encoding="utf-8")
    code, _, err = run("check", "new.txt", "--write-baseline")
    assert code == EX_CLEAN and "kept for files not checked now" in err
    assert run("check", "damaged.txt", "other.txt", "new.txt", "--baseline", "garble-baseline.json") == (EX_CLEAN, "", "")
    Path("new.txt").write_text(CLEAN, encoding="utf-8")  # fixed: a file checked again drops its old entries
    Path("other.txt").unlink()  # gone: its entries go with it
    run("check", "new.txt", "--write-baseline")
    paths = {e["path"] for e in json.loads(Path("garble-baseline.json").read_text(encoding="utf-8"))["findings"]}
    assert paths == {"damaged.txt"}


def test_writing_a_baseline_over_a_file_that_is_none_writes_it_anew(workdir: Path) -> None:
    Path("garble-baseline.json").write_text("{", encoding="utf-8")
    code, _, err = run("check", "damaged.txt", "--write-baseline")
    assert code == EX_CLEAN and "writing it anew" in err
    assert run("check", "damaged.txt", "--baseline", "garble-baseline.json") == (EX_CLEAN, "", "")


def test_a_baseline_in_the_config_is_written_and_read_by_every_check(workdir: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """``--write-baseline`` wrote garble-baseline.json, and the next ``garble check`` (the pre-commit hook's,
    which takes no option) failed on every finding in it: no config could name a baseline."""
    code, _, err = run("check", "damaged.txt", "--write-baseline")
    assert code == EX_CLEAN and "--baseline garble-baseline.json" in err  # how to use it, since nothing will
    assert run("check", "damaged.txt")[0] == EX_FOUND
    Path("garble-baseline.json").unlink()
    Path("sub").mkdir()
    Path("pyproject.toml").write_text('[tool.garble]\nbaseline = "sub/accepted.json"\n', encoding="utf-8")
    code, _, err = run("check", "damaged.txt", "--write-baseline")
    assert code == EX_CLEAN and Path("sub/accepted.json").is_file() and "--baseline" not in err
    monkeypatch.chdir("sub")  # the baseline's path is the config file's, not the current folder's
    assert run("check", "../damaged.txt") == (EX_CLEAN, "", "")
    Path("../damaged.txt").write_text(DAMAGED + "\nRead more:\n", encoding="utf-8")
    assert run("check", "../damaged.txt")[0] == EX_FOUND


def test_check_help_says_where_the_baseline_comes_from() -> None:
    out = " ".join(run("check", "--help")[1].replace("│", " ").split())
    assert "the config's baseline, if any" in out and "the config's baseline, else garble-baseline.json" in out


def test_check_reads_tool_garble_config(workdir: Path) -> None:
    Path("pyproject.toml").write_text('[tool.garble]\nexclude-labels = ["boilerplate", "encoding"]\n',
                                      encoding="utf-8")
    assert run("check", "damaged.txt")[0] == EX_CLEAN
    Path("pyproject.toml").write_text('[tool.garble]\ninclude = ["*.md"]\n', encoding="utf-8")
    assert run("check", "damaged.txt")[0] == EX_CLEAN
    Path("pyproject.toml").write_text("[tool.garble]\nmin_scor = 0.5\n", encoding="utf-8")
    code, _, err = run("check", "damaged.txt")
    assert code == EX_USAGE and "'min_scor'" in err and "min-score" in err


def test_check_sarif(workdir: Path) -> None:
    code, out, _ = run("check", "damaged.txt", "--format", "sarif")
    log = json.loads(out)
    assert code == EX_FOUND and log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]


@pytest.mark.parametrize("mark,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_check_sarif_regions_do_not_count_a_byte_order_mark(workdir: Path, mark: bytes, codec: str) -> None:
    """SARIF 2.1.0 3.30.2: "The values of text properties SHALL NOT depend on the presence or absence of a byte
    order mark (BOM) at the start of the artifact." A file with a mark gets the regions of the same file
    without one, each of which holds its span's text there (offsets and columns count no mark)."""
    text = "Read more:\n\n" + DAMAGED
    Path("plain.txt").write_bytes(text.encode(codec))
    Path("marked.txt").write_bytes(mark + text.encode(codec))

    def regions(name: str) -> list[dict[str, int]]:
        log = json.loads(run("check", name, "--format", "sarif", "--encoding", codec)[1])  # the mark wins
        return [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]

    marked, lines = regions("marked.txt"), text.split("\n")
    assert marked and marked == regions("plain.txt")
    for region in marked:
        start = region["charOffset"]
        excerpt = text[start : start + region["charLength"]]
        assert lines[region["startLine"] - 1][region["startColumn"] - 1 :].startswith(excerpt.split("\n")[0])
    assert marked[0]["charOffset"] == 0 and marked[0]["startColumn"] == 1  # "Read more:", first in the file


def test_check_reports_unreadable_files_on_stderr_with_exit_2(workdir: Path) -> None:
    Path("bad.txt").write_bytes(b"caf\xe9 au lait")
    code, out, err = run("check", "bad.txt", "clean.txt")
    assert code == EX_USAGE and "bad.txt: error: cannot decode" in err and out == ""
    assert run("check", "bad.txt", "--encoding", "cp1252")[0] == EX_CLEAN


def test_clean_writes_stdout_a_folder_in_place_or_a_diff(workdir: Path) -> None:
    code, out, _ = run("clean", "damaged.txt")
    assert code == EX_FOUND and "Read more:" not in out and out.startswith("The council approved")
    code, out, _ = run("clean", "damaged.txt", "--dry-run")
    assert "-Read more:" in out and "+++ damaged.txt (cleaned)" in out
    assert Path("damaged.txt").read_text(encoding="utf-8") == DAMAGED
    run("clean", "damaged.txt", "clean.txt", "-o", "out")
    assert "Read more:" not in Path("out/damaged.txt").read_text(encoding="utf-8")
    assert Path("out/clean.txt").read_text(encoding="utf-8") == CLEAN
    assert run("clean", "damaged.txt", "--in-place")[0] == EX_FOUND
    assert "Read more:" not in Path("damaged.txt").read_text(encoding="utf-8")
    assert run("clean", "clean.txt", "--in-place")[0] == EX_CLEAN
    assert run("clean", "clean.txt", "--in-place", "-o", "x")[0] == EX_USAGE


def test_importing_the_cli_loads_no_report_module_beyond_the_package() -> None:
    code = ("import sys, garble; before = set(sys.modules); import garble.cli; "
            "print(sorted(m for m in set(sys.modules) - before if m.startswith(('garble.reports', 'garble.baseline', 'rich'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_eval_with_a_broken_weights_file_names_it_and_exits_2(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "Read more:\\n\\nTalks resume.", "spans": []}\n', encoding="utf-8")
    weights = tmp_path / "model.json"
    weights.write_text('{"format": "garble-line-trees"', encoding="utf-8")  # truncated
    result = CliRunner().invoke(app, ["eval", str(gold), "--model", str(weights)])
    assert result.exit_code == 2
    assert str(weights) in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("content", [None, b"\xff\xfe not UTF-8", b'{"format": "something else"}'],
                         ids=["missing", "not-utf8", "wrong-format"])
def test_a_bad_model_file_is_a_usage_error_that_names_it(tmp_path: Path, content: bytes | None) -> None:
    weights = tmp_path / "weights.json"
    if content is not None:
        weights.write_bytes(content)
    doc = tmp_path / "a.txt"
    doc.write_text("The council said the bridge would close.", encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", str(doc), "--model", str(weights)])
    assert result.exit_code == 2, result.output
    assert f"--model {weights}" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["check", "audit"])
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path, command: str) -> None:
    """``garble check . | head -1``: the closed pipe ends the run quietly, as it does for other tools."""
    line = "Read more:\n\nThe minister said on Monday that talks would resume next week.\n\n"
    for i in range(40):
        (tmp_path / f"a{i}.txt").write_text(line * 20, encoding="utf-8")
    with subprocess.Popen([sys.executable, "-m", "garble", command, str(tmp_path)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parents[1]) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline()  # the first finding, then the reader goes away
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert proc.returncode != 0


@pytest.mark.parametrize("command, stdout, stderr, code", [
    (["check"], b'"didn\\xe2\\u20ac\\u2122t"', b"", 1),  # for people: escaped
    (["audit", "-q", "-j", "1"], b"didn\\xe2\\u20ac\\u2122t", b"", 1),
    (["audit", "-q", "-j", "1", "-f", "html"], b"didn&#226;&#8364;&#8482;t", b"", 1),  # lossless: references
    (["clean"], b"", b"stdout's encoding (ascii) cannot hold '\\u2019'", 2),  # text to keep: refused, not changed
    (["clean", "--dry-run"], b"", b"stdout's encoding (ascii) cannot hold '\\xe2\\u20ac\\u2122'", 2),  # no half a diff
    (["audit", "-q", "-j", "1", "-f", "jsonl"], b'"suggestion": "didn\\u2019t"', b"", 1),  # JSON's own escapes
    (["check", "--format", "sarif"], b'\\"didn\\u00e2\\u20ac\\u2122t\\"', b"", 1),
])
def test_a_console_that_cannot_encode_the_text_gets_no_traceback(tmp_path: Path, command: list[str], stdout: bytes,
                                                                 stderr: bytes, code: int) -> None:
    (tmp_path / "a.txt").write_text("Read more:\n\nThe mayor didnâ€™t say.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "garble", *command, str(tmp_path / "a.txt")], capture_output=True,
                          cwd=Path(__file__).resolve().parents[1], env={**os.environ, "PYTHONIOENCODING": "ascii"},
                          timeout=120, check=False)
    assert b"Traceback" not in done.stderr and done.returncode == code
    assert stdout in done.stdout and stderr in done.stderr
    assert done.stdout if stdout else not done.stdout


@pytest.mark.parametrize("args, code, message", [
    (["audit", "damaged.txt", "--model", "bogus"], EX_USAGE, "no such weights; give page, body, strict or auto"),
    (["eval", "nope.jsonl"], EX_USAGE, "cannot read nope.jsonl: No such file or directory"),
    (["eval", "nope.jsonl", "--model", "bogus"], EX_USAGE, "--model bogus: no such weights; give page, body, strict"),
    (["eval", "nope.jsonl", "--compare", "bogus"], EX_USAGE, "--compare bogus: no such weights; give page, body"),
    (["check", "damaged.txt", "--min-score", "2"], EX_USAGE, "less than or equal to 1"),
    (["check", "damaged.txt", "--labels", "Boilerplate"], EX_FOUND, ""),
    (["--version"], EX_CLEAN, ""),
])
def test_what_a_user_mistypes_gets_a_plain_answer(workdir: Path, args: list[str], code: int, message: str) -> None:
    got, out, err = run(*args)
    assert got == code and message in " ".join((out + err).split()), (out, err)
    if args == ["--version"]:
        assert re.fullmatch(r"garble \d+\.\d+\.\d+\n", out)


def test_a_summary_names_a_thousand_bad_lines_and_counts_the_rest(workdir: Path) -> None:
    """Every problem was held and printed at the end: a corpus of a million bad lines, a million lines."""
    Path("bad.jsonl").write_text('{"id": "ok", "text": "Prices rose."}\n' + "not json\n" * 1003, encoding="utf-8")
    code, out, err = run("audit", "-f", "jsonl", "bad.jsonl")
    assert code == EX_USAGE
    assert len(out.splitlines()) == 1004  # every bad line is still an error record, in its place
    said = err.splitlines()
    assert sum("malformed JSONL line" in line for line in said) == 1000
    assert said[-1] == "garble: ... and 3 more inputs not scanned"
    code, _, err = run("check", "--min-score", "0", "bad.jsonl")
    assert code == EX_USAGE and err.splitlines()[-1] == "garble: ... and 3 more inputs not scanned"
    code, _, _ = run("audit", "-f", "html", "-o", "r.html", "bad.jsonl")
    assert "<li>... and 3 more inputs not scanned</li>" in Path("r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["check", "clean"])
def test_check_and_clean_take_the_weights_audit_takes(workdir: Path, command: str) -> None:
    """--model was audit's alone: a corpus audited with --model strict was checked and cleaned with the default."""
    Path("a.txt").write_text("The council approved the budget on Tuesday after a long debate, officials said.\n\n"
                             "Copyright 2008 by The Associated Press. All rights reserved.\n", encoding="utf-8")
    default, strict = run(command, "a.txt"), run(command, "--model", "strict", "a.txt")
    audited = {m: json.loads(run("audit", "-f", "json", "--model", m, "a.txt")[1]) for m in ("body", "strict")}
    flagged = {m: bool(d["documents"][0]["spans"]) for m, d in audited.items()}
    assert flagged == {"body": False, "strict": True}  # the copyright line: furniture to strict only
    assert (default[0], strict[0]) == (EX_CLEAN, EX_FOUND)
    assert run(command, "--model", "nonesuch", "a.txt")[0] == EX_USAGE
