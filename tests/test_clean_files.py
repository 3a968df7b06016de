"""garble clean writes files: where each goes under -o, what bytes it keeps, how it is replaced, what it refuses."""

from __future__ import annotations

import codecs
import io
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from garble.cli import EX_FOUND, EX_USAGE, app
from garble.datatypes import Label, Scan, Span
from garble.inputs import Record
from garble.reports.cleaned import Cleaner, cleaned_text, file_codec, line_end, replace_file, target
from garble.reports.common import Result

BODY = "The council approved the budget on Tuesday after a long debate."
DAMAGED = f"{BODY}\n\nRead more:\n"  # the detector cuts "Read more:"; the cleaned text is BODY and a line end


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder (so no project config applies)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def put(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8, kept byte for byte) to ``path``, making its folders."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return file


def result(path: str, text: str, cut: str | None = None, suggestion: str | None = None) -> Result:
    """A scanned record of ``text`` whose one span (if any) is ``cut``, replaced by ``suggestion`` if given."""
    if cut is None:
        return Result(Record(path, text, path), Scan(text))
    start = text.index(cut)
    label = Label.BOILERPLATE if suggestion is None else Label.ENCODING
    return Result(Record(path, text, path), Scan(text, (Span(start, start + len(cut), label, 0.9, "test", suggestion),)))


def clean_all(cleaner: Cleaner, *items: Result) -> tuple[list[str], str]:
    """Each item's outcome, and everything said on stderr."""
    out, err = io.StringIO(), io.StringIO()
    return [cleaner.clean(item, out, err) for item in items], err.getvalue()


# Where a file goes under -o

def test_target_is_the_path_under_the_argument_it_was_found_under() -> None:
    roots = ["/abs/src", "cl/in", "../up", "one/file.txt"]
    assert target("/abs/src/a/story.txt", roots, Path("out")) == Path("out/a/story.txt")
    assert target("cl/in/dirty.txt", roots, Path("out")) == Path("out/dirty.txt")
    assert target("../up/b/x.txt", roots, Path("out")) == Path("out/b/x.txt")
    assert target("one/file.txt", roots, Path("out")) == Path("out/file.txt")


def test_target_never_leaves_the_output_folder() -> None:
    assert target("/etc/x.txt", ["."], Path("out")) == Path("out/x.txt")  # "." is no prefix of an absolute path
    assert target("../x.txt", ["."], Path("out")) == Path("out/x.txt")


def test_clean_an_absolute_folder_keeps_its_subfolders(workdir: Path) -> None:
    put("src/a/story.txt", DAMAGED)
    put("src/b/story.txt", f"{BODY}\n")
    code, _, err = run("clean", str(workdir / "src"), "-o", "out")
    assert code == EX_FOUND, err
    assert Path("out/a/story.txt").read_text(encoding="utf-8") == f"{BODY}\n"
    assert Path("out/b/story.txt").read_text(encoding="utf-8") == f"{BODY}\n"
    assert not Path("out/story.txt").exists()


def test_clean_a_relative_folder_drops_its_own_prefix(workdir: Path) -> None:
    put("cl/in/dirty.txt", DAMAGED)
    assert run("clean", "cl/in", "-o", "cl/out")[0] == EX_FOUND
    assert Path("cl/out/dirty.txt").read_text(encoding="utf-8") == f"{BODY}\n"
    assert not Path("cl/out/cl").exists()


def test_a_single_file_goes_to_its_name(workdir: Path) -> None:
    put("deep/down/dirty.txt", DAMAGED)
    assert run("clean", "deep/down/dirty.txt", "-o", "out")[0] == EX_FOUND
    assert Path("out/dirty.txt").read_text(encoding="utf-8") == f"{BODY}\n"


def test_two_inputs_on_one_target_are_an_error_not_an_overwrite(workdir: Path) -> None:
    put("src/a/story.txt", DAMAGED)
    put("src/b/story.txt", f"Other text entirely.\n\n{BODY}\n")
    code, _, err = run("clean", "src/a", "src/b", "-o", "out")
    assert code == EX_USAGE
    assert Path("out/story.txt").read_text(encoding="utf-8") == f"{BODY}\n"  # the first stays
    assert "src/b/story.txt" in err and "src/a/story.txt" in err and "out/story.txt" in err


def test_cleaner_refuses_a_second_input_on_a_written_target(tmp_path: Path) -> None:
    a, b = put(tmp_path / "a" / "x.txt", "one\n"), put(tmp_path / "b" / "x.txt", "two\n")
    cleaner = Cleaner([str(a.parent), str(b.parent)], tmp_path / "out")
    outcomes, err = clean_all(cleaner, result(str(a), "one\n"), result(str(a), "one\n"), result(str(b), "two\n"))
    assert outcomes == ["unchanged", "unchanged", "error"]  # the same input twice is no collision
    assert (tmp_path / "out" / "x.txt").read_text(encoding="utf-8") == "one\n"
    assert err.count("\n") == 1 and "already written from" in err


# The bytes a file keeps

def test_line_end_and_cleaned_text_keep_the_text_own_line_end() -> None:
    assert [line_end(t) for t in ("a\r\n", "a\r", "a\n", "a")] == ["\r\n", "\r", "\n", ""]
    assert cleaned_text("a\r\nRead more:\r\n", "a") == "a\r\n"
    assert cleaned_text("a\rRead more:\r", "a") == "a\r"
    assert cleaned_text("Read more:\n\nb\n", "b\n") == "b\n"  # no second line end when the first was kept


def test_file_codec_follows_the_reading_policy() -> None:
    assert file_codec(codecs.BOM_UTF8 + b"a", "latin-1") == (codecs.BOM_UTF8, "utf-8")  # a mark wins
    assert file_codec(codecs.BOM_UTF32_LE + b"a", None) == (codecs.BOM_UTF32_LE, "utf-32-le")
    assert file_codec(codecs.BOM_UTF16_LE + b"a\0", None) == (codecs.BOM_UTF16_LE, "utf-16-le")
    assert file_codec(b"caf\xe9", "latin-1") == (b"", "latin-1")
    assert file_codec(b"abc", "utf-8-sig") == (b"", "utf-8")  # read without a mark, written without
    assert file_codec(b"abc", None) == (b"", "utf-8")


@pytest.mark.parametrize("flag", ["-i", "-o"])
def test_a_byte_order_mark_and_crlf_line_ends_are_kept(workdir: Path, flag: str) -> None:
    put("a.txt", codecs.BOM_UTF8 + DAMAGED.replace("\n", "\r\n").encode("utf-8"))
    assert run("clean", "a.txt", *([flag] if flag == "-i" else [flag, "out"]))[0] == EX_FOUND
    written = Path("a.txt" if flag == "-i" else "out/a.txt").read_bytes()
    assert written == codecs.BOM_UTF8 + f"{BODY}\r\n".encode()


def test_a_utf16_file_is_written_back_in_utf16(workdir: Path) -> None:
    put("a.txt", codecs.BOM_UTF16_BE + DAMAGED.encode("utf-16-be"))
    assert run("clean", "a.txt", "-i")[0] == EX_FOUND
    assert Path("a.txt").read_bytes() == codecs.BOM_UTF16_BE + f"{BODY}\n".encode("utf-16-be")


def test_the_mark_written_is_the_one_read_not_what_the_file_holds_by_then(workdir: Path) -> None:
    """clean read each file's first bytes again to find its mark when it wrote the cleaned text: a file saved
    over meanwhile (an editor, without its mark) had its UTF-16 text written out as UTF-8."""
    from garble.detector import Detector
    from garble.inputs import read_inputs

    put("a.txt", codecs.BOM_UTF16_LE + DAMAGED.encode("utf-16-le"))
    [record] = read_inputs(["a.txt"])
    assert isinstance(record, Record)
    put("a.txt", DAMAGED)  # saved again, in UTF-8, before clean writes
    outcomes, _ = clean_all(Cleaner(["a.txt"], Path("out")), Result(record, Detector().scan(record.text)))
    assert outcomes == ["changed"]
    assert Path("out/a.txt").read_bytes() == codecs.BOM_UTF16_LE + f"{BODY}\n".encode("utf-16-le")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_keeps_its_mark_and_encoding_under_output_dir(workdir: Path) -> None:
    """A pipe cannot be read twice, so its mark was taken to be none: UTF-16 text came out as UTF-8."""
    import subprocess

    os.mkfifo("p.txt")
    put("data", codecs.BOM_UTF16_BE + DAMAGED.encode("utf-16-be"))
    writer = subprocess.Popen(["sh", "-c", "cat data > p.txt"])
    try:
        assert run("clean", "p.txt", "-o", "out")[0] == EX_FOUND
    finally:
        writer.wait(timeout=10)
    assert Path("out/p.txt").read_bytes() == codecs.BOM_UTF16_BE + f"{BODY}\n".encode("utf-16-be")


def test_a_file_read_with_encoding_is_written_in_it(workdir: Path) -> None:
    put("a.txt", f"Café owners met.\n\n{BODY}\n\nRead more:\n".encode("latin-1"))
    assert run("clean", "a.txt", "--encoding", "latin-1", "-i")[0] == EX_FOUND
    assert Path("a.txt").read_bytes() == f"Café owners met.\n\n{BODY}\n".encode("latin-1")


def test_text_the_encoding_cannot_hold_is_an_error_and_the_file_is_untouched(tmp_path: Path) -> None:
    original = "Caf\xe9 news: x\n".encode("latin-1")
    file = put(tmp_path / "a.txt", original)
    repaired = result(str(file), "Caf\xe9 news: x\n", "x", "\N{RIGHT SINGLE QUOTATION MARK}")
    outcomes, err = clean_all(Cleaner([str(file)], in_place=True, encoding="latin-1"), repaired)
    assert outcomes == ["error"] and "latin-1 cannot encode '\\u2019'" in err
    assert file.read_bytes() == original and os.listdir(tmp_path) == ["a.txt"]


# How a file is replaced

def test_replace_file_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    file = put(tmp_path / "a.txt", "old")
    replace_file(file, b"new", 0o640)
    assert file.read_bytes() == b"new" and stat.S_IMODE(file.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["a.txt"]


def test_a_failed_write_leaves_the_original_whole(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put("a.txt", DAMAGED)

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, _, err = run("clean", "a.txt", "-i")
    assert code == EX_USAGE and "No space left on device" in err
    assert Path("a.txt").read_text(encoding="utf-8") == DAMAGED
    assert os.listdir(workdir) == ["a.txt"]  # the temporary file is gone too


def test_in_place_keeps_permission_bits_and_symlinks(workdir: Path) -> None:
    real = put("real.txt", DAMAGED)
    real.chmod(0o640)
    Path("link.txt").symlink_to("real.txt")
    assert run("clean", "link.txt", "-i")[0] == EX_FOUND
    assert Path("link.txt").is_symlink() and real.read_text(encoding="utf-8") == f"{BODY}\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


# What clean refuses

def test_a_target_that_is_the_input_itself_is_refused(workdir: Path) -> None:
    put("same.txt", DAMAGED)
    code, _, err = run("clean", "same.txt", "-o", ".")
    assert code == EX_USAGE and "same.txt" in err and "is the input file itself" in err
    assert Path("same.txt").read_text(encoding="utf-8") == DAMAGED


def test_a_hard_link_to_the_input_is_the_input(workdir: Path) -> None:
    put("in/a.txt", DAMAGED)
    Path("out").mkdir()
    os.link("in/a.txt", "out/a.txt")
    assert run("clean", "in", "-o", "out")[0] == EX_USAGE
    assert Path("in/a.txt").read_text(encoding="utf-8") == DAMAGED


def test_standard_input_cannot_be_cleaned_in_place(workdir: Path) -> None:
    code, _, err = run("clean", "-", "-i", stdin=DAMAGED)
    assert code == EX_USAGE and "standard input has no file" in err
    assert os.listdir(workdir) == []
