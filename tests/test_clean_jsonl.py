"""garble clean on JSONL corpora: each record's text cleaned, everything else kept, every line accounted for."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from garble import clean
from garble.cli import EX_FOUND, EX_USAGE, app
from garble.datatypes import Scan
from garble.inputs import Record
from garble.reports.cleaned import Cleaner
from garble.reports.common import Result

BODY = "The council approved the budget on Tuesday after a long debate."
DAMAGED = f"Share this article\n\n{BODY}"  # the detector cuts "Share this article"


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder (so no project config applies)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout_bytes, result.stderr


def line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


CORPUS = b"".join([
    line(id="a", text=DAMAGED, url="https://example.com/a", tags=["x", 1.5]),
    line(id="b", text=BODY),
    b"not json\n",
    line(id="c"),  # no text field
    b"\n",
    b'{"id": "a", "n": 1.50, "text": "Read more:\\n\\nPrices rose.", "z": null}\r\n',  # a repeated id, CRLF
])


def test_stdout_gets_every_line_with_only_the_text_fields_cleaned(workdir: Path) -> None:
    Path("corpus.jsonl").write_bytes(CORPUS)
    code, out, err = run("clean", "corpus.jsonl")
    assert code == EX_USAGE  # the two lines that are no records
    assert err.splitlines() == [
        "garble: error: corpus.jsonl:3: malformed JSONL line: Expecting value: line 1 column 1 (char 0)",
        "garble: error: corpus.jsonl:4: text field 'text' is missing",
    ]
    lines = out.splitlines(keepends=True)
    assert len(lines) == 6  # the blank line too
    first = json.loads(lines[0])
    assert first == {"id": "a", "text": clean(DAMAGED), "url": "https://example.com/a", "tags": ["x", 1.5]}
    assert first["text"] == BODY and list(first) == ["id", "text", "url", "tags"]
    assert lines[1:5] == CORPUS.splitlines(keepends=True)[1:5]  # clean, malformed, textless, blank: as read
    assert lines[5] == b'{"id": "a", "n": 1.50, "text": "Prices rose.", "z": null}\r\n'  # 1.50 and CRLF as they were


@pytest.mark.parametrize("raw", [
    '{"meta": {"text": "Read more:"}, "text": "Read more:\\n\\nPrices rose."}',  # the key nested too
    '{ "text" :"Read more:\\n\\nPrices \\"rose\\".","x":"}"  }',  # odd spacing, escapes, a brace in a string
    '{"text": "old", "id": [1, {"a": "b"}], "text": "Read more:\\n\\nPrices rose."}',  # a key twice: the last
    '\ufeff{"text": "Read more:\\n\\n\\u00c9lys\\u00e9e said so."}',  # a mark, escaped non-ASCII
])
def test_only_the_text_value_changes(workdir: Path, raw: str) -> None:
    Path("c.jsonl").write_text(raw + "\n", encoding="utf-8")
    out = run("clean", "c.jsonl")[1].decode("utf-8")
    before, after = json.loads(raw.lstrip("\ufeff")), json.loads(out.lstrip("\ufeff"))
    assert after == {**before, "text": clean(before["text"])} and after["text"] != before["text"]
    assert out.startswith("\ufeff") == raw.startswith("\ufeff") and out.lstrip("\ufeff").isascii() == raw.lstrip("\ufeff").isascii()


def test_a_corpus_with_nothing_to_clean_comes_out_byte_for_byte(workdir: Path) -> None:
    corpus = line(id=1, text=BODY) + b"\n" + line(id=2, text="Prices rose.")[:-1]  # no final line end
    Path("clean.jsonl").write_bytes(corpus)
    code, out, _ = run("clean", "clean.jsonl")
    assert (code, out) == (0, corpus)


@pytest.mark.parametrize("last", [line(id=2, text=DAMAGED), b"not json\n"])
def test_blank_lines_at_the_end_of_a_corpus_are_kept(workdir: Path, last: bytes) -> None:
    tail = b"\n \n\r\n"
    Path("c.jsonl").write_bytes(line(id=1, text=DAMAGED) + b"\n" + last + tail)
    _, out, _ = run("clean", "c.jsonl")
    cleaned_last = line(id=2, text=BODY) if last.startswith(b"{") else last
    assert out == line(id=1, text=BODY) + b"\n" + cleaned_last + tail


def test_output_folder_keeps_gzip_and_the_folder_layout(workdir: Path) -> None:
    Path("in/sub").mkdir(parents=True)
    Path("in/sub/c.jsonl.gz").write_bytes(gzip.compress(CORPUS))
    Path("in/d.jsonl").write_bytes(line(id="d", text=BODY))
    code, _, _ = run("clean", "in", "-o", "out")
    assert code == EX_USAGE  # the malformed lines, copied through
    assert gzip.decompress(Path("out/sub/c.jsonl.gz").read_bytes()) == run("clean", "in/sub/c.jsonl.gz")[1]
    assert Path("out/d.jsonl").read_bytes() == line(id="d", text=BODY)  # written although nothing changed


def test_in_place_rewrites_a_changed_corpus_and_leaves_an_unchanged_one_alone(workdir: Path) -> None:
    Path("dirty.jsonl").write_bytes(line(id=1, text=DAMAGED) + line(id=2, text=BODY))
    Path("clean.jsonl").write_bytes(line(id=1, text=BODY))
    os.utime("clean.jsonl", (1_000_000_000, 1_000_000_000))
    code, out, err = run("clean", "-i", "dirty.jsonl", "clean.jsonl")
    assert (code, out, err) == (EX_FOUND, b"", "")
    assert Path("dirty.jsonl").read_bytes() == line(id=1, text=BODY) + line(id=2, text=BODY)
    assert os.stat("clean.jsonl").st_mtime == 1_000_000_000  # not written at all
    assert sorted(os.listdir()) == ["clean.jsonl", "dirty.jsonl"]  # no temporary file left


@pytest.mark.parametrize("mark, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
    (b"", "utf-16-le"), (b"", "utf-32-be"),  # no mark: told from the zero bytes, as the reader does
])
@pytest.mark.parametrize("name", ["wide.jsonl", "wide.jsonl.gz"])
def test_a_utf16_or_utf32_corpus_is_written_back_in_its_own_encoding(workdir: Path, mark: bytes, codec: str,
                                                                     name: str) -> None:
    """Before, a UTF-16 or UTF-32 corpus cleaned in place or to a folder came out in UTF-8."""
    def corpus(first: str) -> str:
        records = [{"id": 1, "text": f"{first} Café au lait."}, {"id": 2, "text": BODY}]
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)

    data = mark + corpus(DAMAGED).encode(codec)
    Path(name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    code, _, err = run("clean", "-i", name)
    assert (code, err) == (EX_FOUND, "")
    written = Path(name).read_bytes()
    written = gzip.decompress(written) if name.endswith(".gz") else written
    assert written == mark + corpus(BODY).encode(codec)


@pytest.mark.parametrize("kept", [0.5, 12])  # half of it, or its first 12 bytes: cut in its first block
def test_a_corpus_that_cannot_be_read_to_its_end_is_not_written(workdir: Path, kept: float) -> None:
    whole = gzip.compress(line(id=1, text=DAMAGED) * 3 + b"".join(line(id=n, text=BODY) for n in range(2, 3000)))
    cut = whole[: int(len(whole) * kept) if kept < 1 else int(kept)]
    Path("cut.jsonl.gz").write_bytes(cut)
    code, _, err = run("clean", "cut.jsonl.gz", "-o", "out")
    assert code == EX_USAGE
    assert "cannot read further" in err and "cut.jsonl.gz: not read to its end, so its cleaned copy is not written" in err
    assert not Path("out/cut.jsonl.gz").exists()
    code, _, _ = run("clean", "-i", "cut.jsonl.gz")
    assert code == EX_USAGE and Path("cut.jsonl.gz").read_bytes() == cut


def test_in_place_refuses_a_corpus_with_other_hard_links(workdir: Path) -> None:
    """replaced() writes such a file where it is, which would truncate the corpus while it is being read."""
    Path("a.jsonl").write_bytes(line(id=1, text=DAMAGED))
    os.link("a.jsonl", "b.jsonl")
    code, _, err = run("clean", "-i", "a.jsonl")
    assert code == EX_USAGE and "other hard links" in err and "--output-dir" in err
    assert Path("b.jsonl").read_bytes() == line(id=1, text=DAMAGED)


def test_dry_run_shows_each_record_that_would_change(workdir: Path) -> None:
    Path("c.jsonl").write_bytes(CORPUS)
    code, out, _ = run("clean", "--dry-run", "c.jsonl")
    assert code == EX_USAGE and Path("c.jsonl").read_bytes() == CORPUS
    assert out.decode().splitlines() == [
        "--- c.jsonl:1", "+++ c.jsonl:1 (cleaned)", "@@ -1,3 +1 @@", "-Share this article", "-", f" {BODY}",
        "\\ No newline at end of file",
        "--- c.jsonl:6", "+++ c.jsonl:6 (cleaned)", "@@ -1,3 +1 @@", "-Read more:", "-", " Prices rose.",
        "\\ No newline at end of file",
    ]


def test_text_field_encoding_and_style_are_kept(workdir: Path) -> None:
    raw = '{"body": "Café owners said didnâ€™t mind, the mayor said on Monday.", "id": 1}\n'
    Path("c.jsonl").write_bytes(raw.encode("cp1252"))
    code, out, _ = run("clean", "--encoding", "cp1252", "--text-field", "body", "c.jsonl")
    assert code == EX_FOUND
    assert out.decode("cp1252") == raw.replace("didnâ€™t", "didn’t")  # in cp1252, unescaped as it was


def test_stdin_as_jsonl(workdir: Path) -> None:
    code, out, _ = run("clean", "--jsonl", "-", stdin=line(id=1, text=DAMAGED))
    assert (code, out) == (EX_FOUND, line(id=1, text=BODY))
    code, _, err = run("clean", "--jsonl", "-", "-i", stdin=line(id=1, text=DAMAGED))
    assert code == EX_USAGE and "standard input has no file" in err


def test_two_jobs_write_what_one_does(workdir: Path) -> None:
    records = b"".join(line(id=n, text=DAMAGED if n % 3 else BODY) for n in range(40))  # three batches
    Path("c.jsonl").write_bytes(records + b"not json\n" + records.replace(b'"id": ', b'"id": -'))
    one, two = run("clean", "--jobs", "1", "c.jsonl"), run("clean", "--jobs", "2", "c.jsonl")
    assert one == two and one[0] == EX_USAGE and len(one[1].splitlines()) == 81


def test_an_interrupted_run_leaves_no_copy(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_bytes(line(id=1, text=DAMAGED))
    record = Record("1", DAMAGED, str(src), 1, raw=line(id=1, text=DAMAGED))
    scan = Scan(DAMAGED, ())
    with pytest.raises(KeyboardInterrupt), Cleaner([str(src)], tmp_path / "out") as cleaner:
        assert cleaner.clean(Result(record, scan), io.StringIO(), io.StringIO()) == "unchanged"
        raise KeyboardInterrupt
    assert not (tmp_path / "out" / "c.jsonl").exists()
    assert os.listdir(tmp_path / "out") == []  # nor its temporary file


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal (POSIX)")
@pytest.mark.parametrize("command", [["clean", "-o", "out"], ["audit", "-f", "jsonl", "-o", "out.jsonl"]])
def test_the_progress_bar_shows_on_a_terminal_and_not_with_quiet(workdir: Path, command: list[str]) -> None:
    """clean had no bar (a corpus takes minutes) and no --quiet; both commands draw it on a terminal's stderr."""
    import pty
    import subprocess

    Path("c.jsonl").write_bytes(b"".join(line(id=n, text=DAMAGED) for n in range(40)))
    said = {}
    for quiet in (False, True):
        parent, child = pty.openpty()
        subprocess.run([sys.executable, "-m", "garble", *command, *(["--quiet"] if quiet else []), "--jobs", "1",
                        "c.jsonl"], stderr=child, stdout=subprocess.DEVNULL, timeout=120, check=False)
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:  # the terminal's other side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(parent)
        said[quiet] = b"".join(chunks).decode("utf-8", "replace")
    assert "40 documents" in said[False] and "B/s" in said[False]  # the bar's rate (kB/s, MB/s): no summary has it
    assert "B/s" not in said[True]


def test_cleaned_line_changes_only_the_text_value_of_many_shapes_of_record() -> None:
    """Seeded random records in the layouts json.dumps and other writers give (separators, key order, escapes,
    nesting with text keys of its own, a text key given twice): the line comes back with the top-level text's
    value, and nothing else, replaced; escaped to ASCII where the line was ASCII."""
    import random

    from garble.reports.cleaned import cleaned_line

    rng = random.Random(20261207)
    words = ["Read more:", "café", "\u00e9", 'say "no"', "a\\b", "\u2028", "tab\there", "😀", "{}", "[1]", ""]
    for n in range(500):
        sentinel = f"SENTINEL-{n}"  # the text value to replace, spelt once in the line
        record: dict[str, object] = {}
        for key in rng.sample(["id", "url", "meta", "n", "tags", "text"], rng.randint(1, 6)):
            record[key] = {"meta": {"text": "nested", "x": [1, {"text": "deep"}]}, "n": rng.choice([1, 1.5, -2e-3, None]),
                           "tags": [rng.choice(words) for _ in range(3)], "text": sentinel}.get(key, rng.choice(words))
        record["text"] = sentinel
        raw = json.dumps(record, ensure_ascii=rng.random() < 0.5,
                         separators=rng.choice([(", ", ": "), (",", ":"), (" ,  ", " :  ")]))
        if rng.random() < 0.2:  # a key given twice: json.loads keeps the last, and so must the cleaning
            raw = raw[:1] + '"text": "first", ' + raw[1:]
        line = raw + rng.choice(["\n", "\r\n", ""])
        new = rng.choice(["", "Prices rose.", "café “quoted”", 'back\\slash "q"', "😀"])
        expected = line.replace(json.dumps(sentinel), json.dumps(new, ensure_ascii=line.isascii()))
        assert cleaned_line(line.encode("utf-8"), "text", new) == expected.encode("utf-8"), line
