"""Hostile files and JSONL lines (issue 7) beyond tests/test_inputs.py: nothing lost, nothing fatal.

Each case asserts the issue's behaviour: an error record with the file and line (or a
message for a skipped file), the rest of the corpus read, and as many output records
as input records.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from garble.cli import app
from garble.inputs import FirstLines, Problem, ReadOptions, Record, read_inputs, read_jsonl


def items(*paths: str | Path, stdin: bytes = b"", **options: object) -> list[Record | Problem]:
    return list(read_inputs([str(p) for p in paths], ReadOptions(**options), io.BytesIO(stdin)))  # type: ignore[arg-type]


def test_a_deeply_nested_jsonl_line_is_an_error_record_not_a_crash(tmp_path: Path) -> None:
    """Found while preparing the fuzz run: json.loads raised RecursionError and stopped the run."""
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b"[" * 100_000 + b"\n" + json.dumps({"id": "ok", "text": "Fine."}).encode() + b"\n")
    got = items(path)
    assert isinstance(got[0], Problem) and got[0].line == 1 and "nested too deeply" in got[0].message
    assert isinstance(got[1], Record) and got[1].id == "ok"


def test_a_50_mb_jsonl_line_is_read_whole_between_broken_lines(tmp_path: Path) -> None:
    text = "word " * 10_000_000  # 50 MB of text in one line, the size
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.write(b"{broken\n")
        f.write(json.dumps({"id": "huge", "text": text}).encode())
        f.write(b"\n" + json.dumps({"id": "after", "text": "Still read."}).encode() + b"\n")
    got = items(path)
    assert [type(g).__name__ for g in got] == ["Problem", "Record", "Record"]
    assert isinstance(got[1], Record) and len(got[1].text) == len(text) and got[1].line == 2
    assert got[2].id == "after"


def test_invalid_utf8_in_a_jsonl_line_is_a_line_error_and_encoding_overrides(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"id": "a", "text": "Café"}\n'.encode("cp1252") + b'{"id": "b", "text": "ok"}\n')
    bad = items(path)
    assert isinstance(bad[0], Problem) and bad[0].line == 1 and "--encoding" in bad[0].message
    assert isinstance(bad[1], Record)
    good = items(path, encoding="cp1252")
    assert isinstance(good[0], Record) and good[0].text == "Café"


def test_a_utf8_bom_at_the_start_of_a_jsonl_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + b'{"id": "a", "text": "x"}\n')
    assert items(path) == [Record("a", "x", str(path), 1)]


# Records whose UTF-16 code units hold a 0x0A byte that is no line end: U+010A, U+0A05, a hair space (U+200A).
WIDE_RECORDS = [{"id": "a", "text": "Talks resume.\n\nRead more:"}, {"id": "b", "text": "\u010a\u0a05 x\u200ay"},
                {"id": "c", "text": "caf\u00e9 \U0001f600"}]
WIDE_LINES = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in WIDE_RECORDS)


@pytest.mark.parametrize("mark,codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                        (codecs.BOM_UTF32_LE, "utf-32-le")])
@pytest.mark.parametrize("name", ["wide.jsonl", "wide.jsonl.gz", "-"])
def test_a_jsonl_corpus_with_a_utf16_or_utf32_mark_is_read_by_it(tmp_path: Path, mark: bytes, codec: str,
                                                                  name: str) -> None:
    """Split into lines as bytes, a UTF-16 corpus came apart at every 0x0A byte ("\\n" is 0A 00): one
    "cannot decode" and then "malformed JSONL line" a line, no record read, and --encoding utf-16 no help. The
    mark wins, as it does for a plain file: every record is read, on its own line, as from the UTF-8 file."""
    data = mark + WIDE_LINES.encode(codec)
    utf8 = tmp_path / "utf8.jsonl"
    utf8.write_text(WIDE_LINES, encoding="utf-8")
    path = tmp_path / name
    if name == "-":
        got = list(read_inputs(["-"], ReadOptions(stdin_jsonl=True), io.BufferedReader(io.BytesIO(data))))  # type: ignore[arg-type]
    else:
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
        got = items(path)
    expected = items(utf8)
    assert [(g.id, g.text, g.line) for g in got] == [(e.id, e.text, e.line) for e in expected]  # type: ignore[union-attr]
    assert all(isinstance(g, Record) for g in got)


@pytest.mark.parametrize("encoding", ["utf-16-le", "UTF-16BE", "utf_32"])
def test_encoding_utf16_reads_a_jsonl_corpus_without_a_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes(WIDE_LINES.encode(encoding))
    got = items(path, encoding=encoding)
    assert [(g.id, g.text, g.line) for g in got] == [(r["id"], r["text"], i) for i, r in enumerate(WIDE_RECORDS, 1)]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("name", ["wide.jsonl", "wide.jsonl.gz"])
def test_a_jsonl_corpus_in_utf16_or_utf32_without_a_mark_is_told_by_its_zero_bytes(tmp_path: Path, codec: str,
                                                                                   name: str) -> None:
    """Without a mark or --encoding it gave "cannot decode" on every line; RFC 4627's test of the first four bytes
    (a JSON text's first two characters are ASCII) tells the codec, and a UTF-8 JSON line has no zero byte."""
    path = tmp_path / name
    data = WIDE_LINES.encode(codec)
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    got = items(path)
    assert [(g.id, g.text, g.line) for g in got] == [(r["id"], r["text"], i) for i, r in enumerate(WIDE_RECORDS, 1)]


def test_an_unmarked_utf16_corpus_is_checked_as_its_utf8_twin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines = WIDE_LINES + json.dumps({"id": "d", "text": "Talks resume.\n\nRead more:\n\nShare this article"}) + "\n"
    Path("utf8.jsonl").write_text(lines, encoding="utf-8")
    Path("wide.jsonl").write_bytes(lines.encode("utf-16-be"))
    runs = [CliRunner().invoke(app, ["check", name]) for name in ("utf8.jsonl", "wide.jsonl")]
    assert runs[0].exit_code == runs[1].exit_code == 1 and "furniture_prompt" in runs[0].stdout
    assert runs[1].stdout.replace("wide.jsonl", "utf8.jsonl") == runs[0].stdout


def test_a_utf16_corpus_broken_part_way_names_the_line_reading_stopped_at(tmp_path: Path) -> None:
    """Read as UTF-16, as its mark says, until it stops being UTF-16: then one error with its line, as a .gz cut
    short gives, in words that say what (Python's were "'utf-16-le' codec can't decode bytes in position ...")."""
    lines = "".join(json.dumps({"id": str(i), "text": "Talks resume."}) + "\n" for i in range(2000))
    path = tmp_path / "wide.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + lines.encode("utf-16-le") + b"\x00\xd8{\x00")  # a lone surrogate
    *records, problem = items(path)
    assert len(records) > 1000 and [r.id for r in records] == [str(i) for i in range(len(records))]
    assert isinstance(problem, Problem) and problem.line == len(records) + 1
    assert "UTF-16" in problem.message and "codec" not in problem.message, problem.message


def test_a_utf8_corpus_whose_first_line_starts_like_a_utf16_mark_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xff\xfe\n" + b'{"id": "next", "text": "ok"}\n')
    assert items(path)[-1] == Record("next", "ok", str(path), 2, 29)


@pytest.mark.parametrize("data,words", [
    (codecs.BOM_UTF16_LE + "Talks resume.".encode("utf-16-le") + b"\n", ("UTF-16", "byte 28", "truncated")),
    (codecs.BOM_UTF16_BE + b"\x00a\xdc\x00", ("UTF-16", "byte 4")),
    (codecs.BOM_UTF8 + b"caf\xe9", ("UTF-8", "byte 6", "--encoding")),
])
def test_a_plain_file_that_is_not_what_its_mark_says_is_named_so(tmp_path: Path, data: bytes,
                                                                 words: tuple[str, ...]) -> None:
    """A broken UTF-16 file gave Python's own words: "'utf-16-le' codec can't decode byte 0x0a in position 26:
    truncated data"; and a UTF-8 mark before cp1252 text said nothing of the mark, which wins over --encoding."""
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    [got] = items(path, encoding="cp1252")
    assert isinstance(got, Problem) and not got.skipped and "byte-order mark" in got.message
    assert all(word in got.message for word in words) and "codec" not in got.message, got.message


@pytest.mark.parametrize("line,word", [
    (b'"just a string"', "str"), (b"null", "NoneType"), (b"3.5", "float"), (b"true", "bool"),
    (b'{"id": "x", "text": null}', "missing"), (b'{"id": "x", "text": ["a"]}', "list"),
    (b'{"id": "x", "text": {"t": "a"}}', "dict"), (b'{"id": "x"} {"id": "y"}', "malformed"),
    (b'{"id": "x", "text": "a"', "malformed"), (b"\x00\x01\x02", "malformed"), (b"\xff\xfe", "decode"),
])
def test_non_object_and_broken_lines_each_name_the_fault(tmp_path: Path, line: bytes, word: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(line + b"\n" + b'{"id": "next", "text": "ok"}\n')
    got = items(path)
    assert isinstance(got[0], Problem) and word in got[0].message and (got[0].path, got[0].line) == (str(path), 1)
    assert got[1] == Record("next", "ok", str(path), 2)


def test_odd_ids_are_kept_as_text_and_duplicates_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    rows = [{"id": 1, "text": "a"}, {"id": "1", "text": "b"}, {"id": ["x"], "text": "c"}, {"id": None, "text": "d"}]
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in rows))
    got = items(path)
    assert isinstance(got[0], Record) and got[0].id == "1"
    assert isinstance(got[1], Problem) and "duplicate id '1' (first at line 1)" in got[1].message
    assert isinstance(got[2], Record) and got[2].id == "['x']"
    assert isinstance(got[3], Record) and got[3].id == f"{path}:4"


def test_duplicates_far_apart_are_found_and_every_first_line_is_kept() -> None:
    lines = FirstLines(capacity=4)  # grown many times over
    assert [lines.first(f"id-{i}", i + 1) for i in range(5000)] == [None] * 5000
    assert [lines.first(f"id-{i}", 0) for i in range(0, 5000, 7)] == list(range(1, 5001, 7))
    assert len(lines) == 5000


def test_the_duplicate_check_does_not_keep_the_ids() -> None:
    """A corpus of long ids: the reader's memory must not grow with the ids' text (200 bytes each)."""
    n = 50_000
    corpus = io.BytesIO(b"".join(b'{"id": "%s", "text": "t"}\n' % (b"%08d" % i * 25) for i in range(n)))
    tracemalloc.start()
    try:
        count = sum(1 for item in read_jsonl(corpus, "big.jsonl", ReadOptions()) if isinstance(item, Record))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == n
    assert peak < 8_000_000  # keeping 50,000 ids of 200 characters as text takes 17 MB


def test_a_jsonl_file_truncated_while_it_is_read_never_raises(tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl"
    lines = [json.dumps({"id": str(i), "text": "word " * 500}).encode() for i in range(400)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    reader = read_inputs([str(path)], ReadOptions())
    first = next(reader)
    with path.open("r+b") as f:  # another process cuts the file in the middle of a line
        f.truncate(len(b"\n".join(lines)) // 2 + 7)
    rest = list(reader)
    assert isinstance(first, Record)
    assert all(isinstance(g, Record | Problem) for g in rest) and len(rest) < 399
    assert [g.line for g in [first, *rest]] == sorted({g.line for g in [first, *rest]})  # type: ignore[type-var]


def test_a_gzip_corpus_rewritten_while_it_is_read_reports_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl.gz"
    data = b"".join(json.dumps({"id": str(i), "text": "word " * 2000}).encode() + b"\n" for i in range(200))
    path.write_bytes(gzip.compress(data))
    reader = read_inputs([str(path)], ReadOptions())
    first = next(reader)
    path.write_bytes(b"not gzip any more" * 1000)  # same inode, new content
    rest = list(reader)
    assert isinstance(first, Record) and rest and isinstance(rest[-1], Problem)


def test_a_plain_file_growing_while_read_is_one_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "grow.txt"
    path.write_text("First.\n", encoding="utf-8")
    reader = read_inputs([str(path), str(path)], ReadOptions())
    first = next(reader)
    with path.open("a", encoding="utf-8") as f:
        f.write("Second.\n")
    second = next(reader)
    assert isinstance(first, Record) and first.text == "First.\n"
    assert isinstance(second, Record) and second.text == "First.\nSecond.\n"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_an_unreadable_file_is_an_error_with_its_path() -> None:
    [p] = items("/proc/self/mem")  # a regular file whose read fails, even for root
    assert isinstance(p, Problem) and not p.skipped and p.path == "/proc/self/mem"
    assert p.message.startswith("cannot read")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    [p] = items(path)
    assert isinstance(p, Problem) and "cannot read" in p.message


def test_a_symlink_to_itself_is_an_error_and_the_run_goes_on(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    ok = tmp_path / "ok.txt"
    ok.write_text("fine", encoding="utf-8")
    got = items(loop, ok)
    assert isinstance(got[0], Problem) and got[0].path == str(loop) and "cannot read" in got[0].message
    assert got[1] == Record(str(ok), "fine", str(ok))


def test_two_folders_linking_to_each_other_are_each_read_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "y.txt").write_text("y", encoding="utf-8")
    (tmp_path / "a" / "to_b").symlink_to(tmp_path / "b", target_is_directory=True)
    (tmp_path / "b" / "to_a").symlink_to(tmp_path / "a", target_is_directory=True)
    names = sorted(Path(g.path).name for g in items(tmp_path))
    assert names == ["x.txt", "y.txt"]


@pytest.mark.parametrize("data,skipped", [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", True),  # an executable
    (b"PK\x03\x04\x14\x00\x00\x00", True),  # a zip
    (codecs.BOM_UTF16_LE + "plain text".encode("utf-16-le"), False),  # NUL bytes, but a BOM says UTF-16
    (codecs.BOM_UTF32_BE + "x".encode("utf-32-be"), False),
    (codecs.BOM_UTF8 + b"\xff", None),  # a BOM and then invalid UTF-8: an error, not a skip
])
def test_binary_files_are_skipped_and_bom_files_are_text(tmp_path: Path, data: bytes, skipped: bool | None) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    [got] = items(path)
    if skipped is False:
        assert isinstance(got, Record)
    else:
        assert isinstance(got, Problem) and got.skipped is bool(skipped) and got.path == str(path)
        # every report prefixes a skip with "skipped": the message says why, once ("...; skipped" was doubled)
        assert "skipped" not in got.message


@pytest.mark.parametrize("name", ["a.txt.gz", "corpus.json.gz", "a.txt"])
def test_a_gzip_file_that_is_no_jsonl_corpus_is_skipped_saying_what_to_do(tmp_path: Path, name: str) -> None:
    """A gzipped text was skipped as 'NUL bytes and no byte-order mark', which did not say it was compressed."""
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"Talks resume on Monday.\n", mtime=0))
    for encoding in (None, "latin-1"):  # --encoding once read the compressed bytes as Latin-1 text
        [got] = items(path, encoding=encoding)
        assert isinstance(got, Problem) and got.skipped and "gzip-compressed" in got.message
        assert ".jsonl.gz" in got.message and "zcat" in got.message and "skipped" not in got.message


def test_a_gzipped_corpus_on_stdin_or_misnamed_is_read_as_jsonl(tmp_path: Path) -> None:
    """``cat corpus.jsonl.gz | garble audit --jsonl -`` gave a 'cannot decode' error per compressed line."""
    corpus = "".join(json.dumps({"id": f"d{i}", "text": f"Talks resume, day {i}."}) + "\n" for i in range(3))
    packed = gzip.compress(corpus.encode(), mtime=0)
    stdin = io.BufferedReader(io.BytesIO(packed))  # type: ignore[arg-type]  # buffered, as sys.stdin.buffer is
    got = list(read_inputs(["-"], ReadOptions(stdin_jsonl=True), stdin))
    assert [(r.id, r.line) for r in got if isinstance(r, Record)] == [("d0", 1), ("d1", 2), ("d2", 3)]
    misnamed = tmp_path / "corpus.jsonl"
    misnamed.write_bytes(packed)
    assert [r.id for r in items(misnamed)] == ["d0", "d1", "d2"]
    misnamed.write_bytes(packed[: len(packed) // 2])  # cut off: one error record where it stops, as for .gz
    *_, last = items(misnamed)
    assert isinstance(last, Problem) and "cannot read further" in last.message


def test_a_misnamed_gzip_with_a_file_name_in_its_header_is_still_read_as_jsonl(tmp_path: Path) -> None:
    """A gzip start must inflate to text (inputs._inflates); a header holding the original file name, as the gzip
    command writes it, is longer than the 32 bytes a start may give nothing in, and still reads."""
    corpus = "".join(json.dumps({"id": f"d{i}", "text": f"Talks resume, day {i}."}) + "\n" for i in range(3))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="a-corpus-with-a-long-original-file-name.jsonl", mode="wb", fileobj=buffer,
                       mtime=0) as packed:
        packed.write(corpus.encode())
    misnamed = tmp_path / "corpus.jsonl"
    misnamed.write_bytes(buffer.getvalue())
    assert [r.id for r in items(misnamed)] == ["d0", "d1", "d2"]


def test_binary_stdin_is_skipped_with_a_message() -> None:
    [p] = items("-", stdin=b"\x00\x01\x02binary")
    assert isinstance(p, Problem) and p.skipped and "binary" in p.message


def test_audit_writes_one_output_record_per_input_record(tmp_path: Path) -> None:
    rows = [json.dumps({"id": "a", "text": "Read more:\n\nTalks resume."}).encode(), b"{bad", b"[1]",
            json.dumps({"id": "a", "text": "dup"}).encode(), json.dumps({"id": "c"}).encode(), b"[" * 5_000,
            "{\"id\": \"e\", \"text\": \"caf\xe9\"}".encode("latin-1"), json.dumps({"id": "f", "text": ""}).encode()]
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"\n".join(rows) + b"\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["audit", str(path), "-f", "jsonl", "-o", str(out), "-q"])
    assert result.exit_code == 2, result.output  # errors were found, and reported
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(rows)
    assert [r.get("line") for r in records if "error" in r] == [2, 3, 4, 5, 6, 7]
    assert [r["id"] for r in records if "error" not in r] == ["a", "f"]


@pytest.mark.parametrize("command", [["check"], ["check", "--format", "sarif"], ["audit", "-f", "jsonl", "--jobs", "1"]])
def test_a_utf16_corpus_reports_as_its_utf8_twin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 command: list[str]) -> None:
    """Lines, columns (read again from the file, garble.lint.raw_lines) and records as for the same corpus in UTF-8."""
    monkeypatch.chdir(tmp_path)
    lines = WIDE_LINES + json.dumps({"id": "d", "text": "Talks resume.\n\nRead more:\n\nShare this article"}) + "\n"
    Path("utf8.jsonl").write_text(lines, encoding="utf-8")
    Path("wide.jsonl").write_bytes(lines.encode("utf-16"))
    runs = [CliRunner().invoke(app, [*command, name]) for name in ("utf8.jsonl", "wide.jsonl")]
    assert runs[0].exit_code == runs[1].exit_code == 1 and "furniture_prompt" in runs[0].stdout
    assert runs[1].stdout.replace("wide.jsonl", "utf8.jsonl") == runs[0].stdout


def test_an_unknown_encoding_for_a_jsonl_corpus_is_an_error_a_record_not_a_traceback(tmp_path: Path) -> None:
    """A plain file read with --encoding nonsense was an error naming the encoding; a JSONL corpus a LookupError."""
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n\n{"id": "b", "text": "y"}\n', encoding="utf-8")
    got = items(path, encoding="nonsense")
    assert [(g.line, type(g)) for g in got] == [(1, Problem), (3, Problem)]
    assert all("unknown encoding 'nonsense'" in g.message for g in got if isinstance(g, Problem))


def test_a_web_pages_html_is_skipped_saying_what_garble_reads(tmp_path: Path) -> None:
    """Scanned as text, every tag and script of a saved page was flagged as furniture (score 0.75, 7 spans)."""
    page = '<!DOCTYPE html>\n<html><head><script>var a=1;</script></head><body><p>Talks resume.</p></body></html>\n'
    (tmp_path / "saved.html").write_text(page, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("<html> opens a page, and </html> closes it, the tutorial says.",
                                        encoding="utf-8")
    got = list(read_inputs([str(tmp_path)]))
    html = next(g for g in got if g.path.endswith("saved.html"))
    assert isinstance(html, Problem) and html.skipped and "extracted from a page" in html.message
    assert any(isinstance(g, Record) and g.path.endswith("notes.txt") for g in got)  # prose about tags is text
    piped = list(read_inputs(["-"], ReadOptions(), io.BufferedReader(io.BytesIO(page.encode()))))  # type: ignore[arg-type]
    assert isinstance(piped[0], Problem) and piped[0].skipped
    result = CliRunner().invoke(app, ["audit", "-f", "jsonl", str(tmp_path / "saved.html")])
    assert result.exit_code == 0 and json.loads(result.stdout)["skipped"].startswith("a web page's HTML")
