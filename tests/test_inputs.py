"""Reading inputs: every record yields a Record or a Problem, with path and line, in order."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from garble.inputs import Problem, ReadOptions, Record, decode, read_inputs, walk


def items(*paths: str | Path, stdin: bytes = b"", **options: object) -> list[Record | Problem]:
    return list(read_inputs([str(p) for p in paths], ReadOptions(**options), io.BytesIO(stdin)))  # type: ignore[arg-type]


def test_plain_file_is_one_record_with_its_path_as_id(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Talks resume.\n", encoding="utf-8")
    [rec] = items(f)
    assert rec == Record(str(f), "Talks resume.\n", str(f))


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_byte_order_marks_are_honoured_and_removed(tmp_path: Path, bom: bytes, codec: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(bom + "Café – naïve".encode(codec))
    [rec] = items(f)
    assert isinstance(rec, Record) and rec.text == "Café – naïve"


def test_invalid_utf8_is_a_clear_error_and_encoding_overrides(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Café au lait".encode("cp1252"))
    [bad] = items(f)
    assert isinstance(bad, Problem) and not bad.skipped
    assert "--encoding" in bad.message and bad.path == str(f)
    [good] = items(f, encoding="cp1252")
    assert isinstance(good, Record) and good.text == "Café au lait"


def test_unknown_encoding_names_the_codec(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    [bad] = items(f, encoding="klingon")
    assert isinstance(bad, Problem) and "klingon" in bad.message


def test_binary_file_is_skipped_with_a_message(tmp_path: Path) -> None:
    f = tmp_path / "image.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    [p] = items(f)
    assert isinstance(p, Problem) and p.skipped and "binary" in p.message


def test_empty_file_is_an_empty_record(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert items(f) == [Record(str(f), "", str(f))]


def test_missing_path_is_an_error_and_the_run_goes_on(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("ok", encoding="utf-8")
    got = items(tmp_path / "nope.txt", f)
    assert isinstance(got[0], Problem) and "no such file" in got[0].message
    assert isinstance(got[1], Record)


def test_folders_are_read_recursively_in_sorted_order_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (tmp_path / "b" / "z.txt").write_text("z", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    assert [Path(r.path).name for r in items(tmp_path)] == ["a.txt", "z.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [p.name for p in walk(tmp_path)] == ["a.txt"]


def write_jsonl(path: Path, lines: list[bytes]) -> Path:
    data = b"\n".join(lines) + b"\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


BROKEN_CORPUS = [
    json.dumps({"id": "a", "text": "First."}).encode(),
    b"{not json",
    b"[1, 2]",
    json.dumps({"id": "c"}).encode(),
    json.dumps({"id": "d", "text": 42}).encode(),
    b"",
    "{\"id\": \"e\", \"text\": \"caf\xe9\"}".encode("latin-1"),
    json.dumps({"id": "a", "text": "Again."}).encode(),
    json.dumps({"text": "No id."}).encode(),
]


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_every_jsonl_line_yields_a_record_or_an_error_with_its_line(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name, BROKEN_CORPUS)
    got = items(path)
    assert len(got) == 8  # nine lines, one blank
    kinds = [(type(g).__name__, g.line) for g in got]
    assert kinds == [("Record", 1), ("Problem", 2), ("Problem", 3), ("Problem", 4), ("Problem", 5),
                     ("Problem", 7), ("Problem", 8), ("Record", 9)]
    messages = [g.message for g in got if isinstance(g, Problem)]
    assert "malformed" in messages[0] and "list" in messages[1] and "missing" in messages[2]
    assert "int" in messages[3] and "decode" in messages[4] and "duplicate id 'a'" in messages[5]
    assert got[-1].id == f"{path}:9"  # no id field: the location is the id
    assert all(g.path == str(path) for g in got)


def test_jsonl_fields_can_be_renamed(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [json.dumps({"key": 7, "body": "Hi."}).encode()])
    [rec] = items(path, text_field="body", id_field="key")
    assert isinstance(rec, Record) and (rec.id, rec.text, rec.line) == ("7", "Hi.", 1)


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    lines = [json.dumps({"id": str(i), "text": "word " * 2000}).encode() for i in range(50)]
    data = gzip.compress(b"\n".join(lines) + b"\n")
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    got = items(path)
    assert isinstance(got[0], Record) and isinstance(got[-1], Problem)
    assert "cannot read further" in got[-1].message


def test_gzip_cut_short_in_its_first_block_is_an_error_record_not_an_abort(tmp_path: Path) -> None:
    """The reader's first look at the stream raised EOFError outside its error handling: the command line said
    "Aborted." with exit 1, and no record or error was written for the corpus."""
    data = gzip.compress(b"".join(json.dumps({"id": n, "text": "Talks resume."}).encode() + b"\n" for n in range(3000)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[:12])  # the gzip header and two bytes: not one byte of text can be had
    [problem] = items(path)
    assert isinstance(problem, Problem) and problem.line == 1 and "cannot read further" in problem.message


def test_stdin_is_one_document_or_a_corpus() -> None:
    assert items("-", stdin=b"Read more:\n") == [Record("-", "Read more:\n", "-")]
    got = items("-", stdin=b'{"id": "x", "text": "t"}\n{bad\n', stdin_jsonl=True)
    assert isinstance(got[0], Record) and isinstance(got[1], Problem) and got[1].line == 2


def test_decode_prefers_a_bom_over_the_forced_encoding() -> None:
    assert decode(codecs.BOM_UTF8 + "é".encode(), "cp1252") == "é"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_special_files_are_skipped_not_read_forever(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "folder" / "pipe.txt")  # found in a folder: it may have no writer
    [p] = items(tmp_path / "folder")
    assert isinstance(p, Problem) and p.skipped and "pipe" in p.message
    if Path("/dev/zero").exists():  # named, a device still never ends
        [z] = items("/dev/zero")
        assert isinstance(z, Problem) and z.skipped and "regular file" in z.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("jsonl", [False, True])
def test_a_pipe_named_on_the_command_line_is_read(tmp_path: Path, jsonl: bool) -> None:
    """``garble audit <(zcat corpus.jsonl.gz) --jsonl`` and ``cat a.txt | garble check /dev/stdin``: once
    skipped with exit 0, as if the corpus were empty."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    body = '{"id": "a", "text": "Read more:"}\n{"id": "b", "text": "Talks resume."}\n' if jsonl else "Read more:\n"

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as f:
            f.write(body)

    writer = threading.Thread(target=write)
    writer.start()
    got = list(read_inputs([str(fifo)], ReadOptions(stdin_jsonl=jsonl)))
    writer.join(timeout=10)
    assert [(r.id, r.text) for r in got if isinstance(r, Record)] == (
        [("a", "Read more:"), ("b", "Talks resume.")] if jsonl else [(str(fifo), "Read more:\n")])


def test_broken_symlink_is_an_error_with_its_path(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing-target.txt")
    [p] = items(tmp_path)
    assert isinstance(p, Problem) and not p.skipped and p.path == str(link)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40), st.dictionaries(st.sampled_from(["id", "text", "x"]),
                                                                   st.one_of(st.text(max_size=20), st.integers(),
                                                                             st.none()), max_size=3)
                          .map(lambda d: json.dumps(d).encode())), max_size=12))
def test_jsonl_reader_yields_one_item_per_nonblank_line_and_never_raises(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    got = list(read_inputs(["-"], ReadOptions(stdin_jsonl=True), io.BytesIO(b"\n".join(lines))))
    assert len(got) == sum(1 for line in lines if line.strip())
    assert all(g.line is not None and g.path == "-" for g in got)


def test_a_long_jsonl_line_is_read_whole(tmp_path: Path) -> None:
    text = "word " * 400_000  # 2 MB: a bounded stand-in for the 50 MB line of the robustness brief
    path = write_jsonl(tmp_path / "long.jsonl", [json.dumps({"id": "long", "text": text}).encode(), b"{}"])
    got = items(path)
    assert isinstance(got[0], Record) and len(got[0].text) == len(text) and isinstance(got[1], Problem)


def test_an_id_in_two_files_is_a_duplicate_naming_the_first(tmp_path: Path) -> None:
    """``audit a.jsonl b.jsonl`` once gave an id twice in its output when both files held it."""
    for name, ids in (("a.jsonl", ["x", "y"]), ("b.jsonl", ["z", "x"])):
        (tmp_path / name).write_text("".join(json.dumps({"id": i, "text": "t"}) + "\n" for i in ids), encoding="utf-8")
    got = list(read_inputs([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]))
    assert [type(r).__name__ for r in got] == ["Record", "Record", "Record", "Problem"]
    assert got[3].line == 2 and f"duplicate id 'x' (first at {tmp_path / 'a.jsonl'}:1)" in got[3].message


def _stat_calls(monkeypatch: pytest.MonkeyPatch, run: object) -> int:
    """How many times ``run()`` calls os.stat (Path.stat and os.path.samefile go through it)."""
    calls = 0
    real = os.stat

    def counting(*args: object, **kwargs: object) -> os.stat_result:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(os, "stat", counting)
        run()  # type: ignore[operator]
    return calls


def test_skip_paths_are_looked_up_once_not_once_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file of a folder was compared with each skip path by os.path.samefile, two stat calls a pair:
    a folder of a million files read with -o, a baseline and clean's output folder cost six million."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02}.txt").write_text("Talks resume.\n", encoding="utf-8")
    (tmp_path / "base.json").write_text("{}", encoding="utf-8")
    (tmp_path / "out").mkdir()
    skip = (tmp_path / "report.json", tmp_path / "base.json", tmp_path / "out")  # the report is not there yet
    without = _stat_calls(monkeypatch, lambda: list(read_inputs([str(folder)])))
    with_skip = _stat_calls(monkeypatch, lambda: list(read_inputs([str(folder)], skip=skip)))
    assert with_skip - without <= 40 + 2 * len(skip)  # one stat a file, and the skip paths' own


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_skip_path_is_left_out_by_any_name_even_before_it_exists(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks resume.\n", encoding="utf-8")
    report = folder / "report.json"
    report.write_text("{}", encoding="utf-8")
    os.link(report, folder / "hard.json")
    (folder / "soft.json").symlink_to(report)
    (folder / "dangling.txt").symlink_to(folder / "future.json")  # a link to a report not written yet
    (folder / "other.txt").symlink_to(tmp_path / "nowhere.txt")
    got = [item.path for item in read_inputs([str(folder)], skip=(report, folder / "future.json"))]
    assert got == [str(folder / "a.txt"), str(folder / "other.txt")]  # the link to nothing is still reported
