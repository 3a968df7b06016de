"""``garble train`` end to end on a small labelled corpus: deterministic bytes, weights that load and work."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sklearn", reason="training needs the train extra (scikit-learn)")

import garble
from garble.train import train

PROSE = [
    "The council said on Tuesday that the harbour bridge would close for six weeks from Monday.",
    "Engineers will replace its expansion joints, and traffic will be diverted through the tunnel.",
    "Ferries will run every ten minutes at peak times, a spokeswoman for the council said.",
    "Shopkeepers near the bridge said they expected fewer customers while the work went on.",
    "The last repairs, in 2009, took four months and cost twice what had been planned.",
    "A councillor said the city had learnt from that and would publish weekly progress reports.",
]
# A site's own furniture, which no signal knows: the model has to learn it from the gold.
FURNITURE = ["Quokka Digest", "Bridgewatch weekly", "Quokka Digest extra", "More Bridgewatch", "Bridgewatch Quokka"]


def _corpus(n: int, seed: int) -> list[dict[str, object]]:
    """``n`` labelled documents: article paragraphs with furniture lines put in, on four hosts."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        parts = rng.sample(PROSE, 4)
        for _ in range(rng.randint(0, 3)):
            parts.insert(rng.randrange(len(parts) + 1), "\x00" + rng.choice(FURNITURE))
        text, spans = "", []
        for part in parts:
            if text:
                text += "\n\n"
            if part.startswith("\x00"):
                spans.append({"start": len(text), "end": len(text) + len(part) - 1, "label": "boilerplate"})
                part = part[1:]
            text += part
        docs.append({"id": f"doc-{i}", "text": text, "spans": spans, "meta": {"host": f"host{i % 4}"}})
    return docs


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("train")
    gold = root / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in _corpus(40, 1)), encoding="utf-8")
    outs = []
    for run in ("a", "b"):  # train makes the output folder
        train([str(gold)], [], str(root / run / "model.json"))
        outs.append(root / run)
    return outs[0], outs[1]


def test_training_twice_gives_the_same_bytes(trained: tuple[Path, Path]) -> None:
    a, b = trained
    names = sorted(p.name for p in a.iterdir())
    assert names == ["model.context.json", "model.json", "model.labels.json", "model.words.json"]
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_the_trained_weights_load_and_find_the_furniture_they_learnt(trained: tuple[Path, Path]) -> None:
    config = garble.Config(model_path=str(trained[0] / "model.json"))
    text = f"{PROSE[0]}\n\nQuokka Digest\n\n{PROSE[1]}"
    assert [text[s.start : s.end] for s in garble.scan(text, config).spans] == ["Quokka Digest"]
    assert garble.scan(text).spans == ()  # the shipped weights never saw this site
    assert garble.scan(f"{PROSE[2]}\n\n{PROSE[3]}", config).spans == ()


@pytest.mark.parametrize(
    ("docs", "message"),
    [
        ([], "no labelled documents"),
        (_corpus(12, 3)[::4], r"from 1 source\(s\); training needs at least 3"),  # every 4th doc: one host
        ([dict(d, spans=[]) for d in _corpus(12, 3)], "no damaged lines"),
        (_corpus(3, 3), "no word is in 3 or more documents of every fold"),
    ],
    ids=["empty", "one-host", "no-damage", "too-few-docs"],
)
def test_training_data_that_cannot_fit_a_model_is_refused_with_what_is_missing(
    tmp_path: Path, docs: list[dict[str, object]], message: str
) -> None:
    from typer.testing import CliRunner

    from garble.cli import app

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    result = CliRunner().invoke(app, ["train", str(gold), "--out", str(tmp_path / "m" / "model.json")])
    assert result.exit_code == 2, result.output
    assert re.search(message, result.output), result.output
    assert not (tmp_path / "m" / "model.json").exists()


def test_averaged_trees_score_the_mean_of_the_models_logits() -> None:
    import numpy as np

    from garble.classifier import TreeModel
    from garble.train import average

    def stump(cut: float, low: float, high: float, base: float) -> TreeModel:
        return TreeModel(("a",), base, 1.0, 0.0, (0,), (0, -1, -1), (cut, 0.0, 0.0), (1, -1, -1), (2, -1, -1),
                         (0.0, low, high))

    models = [stump(0.5, -3.0, 3.0, 0.0), stump(1.5, -1.0, 2.0, 1.0)]
    X = np.array([[0.0], [1.0], [2.0]])
    def logit(p: np.ndarray) -> np.ndarray:
        return np.log(p / (1 - p))

    mean = np.mean([logit(m.predict_proba(X)) for m in models], axis=0)
    assert np.allclose(logit(average(models).predict_proba(X)), mean)
    assert len(average(models).roots) == 2


def test_a_bagged_fit_resamples_groups_and_is_deterministic() -> None:
    import numpy as np

    from garble.train import fit

    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 3))
    y = (X[:, 0] + 0.3 * rng.normal(size=400) > 0).astype(int)
    groups = np.repeat(np.arange(8), 50)
    one = fit(X, y, groups=groups, bags=3, names=("a", "b", "c"))
    again = fit(X, y, groups=groups, bags=3, names=("a", "b", "c"))
    single = fit(X, y, names=("a", "b", "c"))
    assert one == again
    assert len(one.roots) == 3 * len(single.roots)
    assert not np.allclose(one.predict_proba(X), single.predict_proba(X))  # the bags saw other weights
    assert ((one.predict_proba(X) > 0.5) == y).mean() > 0.9


def test_strict_rows_leave_out_the_lines_the_gold_marks_supplemental() -> None:
    """A caption the gold keeps as text (L3S's "supplemental", ``meta.supplemental``) is no evidence for
    the strict weights either way: its line weighs nothing; the other lines, and every line without
    ``strict``, keep the record's weight."""
    from garble.train import _stack
    from garble.trainset import doc_rows

    text = f"{PROSE[0]}\n\nEngineers at work on the bridge on Monday.\n\n{PROSE[1]}"
    start = text.index("Engineers at")
    record = {"id": "d", "text": text, "spans": [],
              "meta": {"host": "h", "supplemental": [[start, start + len("Engineers at work on the bridge on Monday.")]]}}
    _, y, weight = _stack(doc_rows([record], 0.5, strict=True))
    assert y.tolist() == [0, 0, 0] and weight.tolist() == [0.5, 0.0, 0.5]
    _, _, weight = _stack(doc_rows([record], 0.5))
    assert weight.tolist() == [0.5, 0.5, 0.5]


def test_the_train_command_takes_a_seed_and_the_strict_recipe_and_the_weights_say_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from garble.cli import app

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in _corpus(40, 1)), encoding="utf-8")
    out = tmp_path / "m" / "model.json"
    result = CliRunner().invoke(app, ["train", str(gold), "--out", str(out), "--seed", "7", "--strict"])
    assert result.exit_code == 0, result.output
    written = [str(out.with_name(f"model{kind}.json")) for kind in ("", ".context", ".labels", ".words")]
    assert f"wrote {', '.join(written)}: " in result.output  # every file it wrote, not only --out
    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    assert meta["seed"] == "7" and meta["supplemental"] == "left out"
    assert "numpy=" in meta["versions"] and "scikit-learn=" in meta["versions"]


@pytest.mark.parametrize("content, message", [
    (b'{"id": "a", "text": "x"}\nnot json\n', r"gold\.jsonl:2: (not JSON \()?Expecting value"),
    (b'{"id": "a", "text": "hello", "spans": [{"start": 0}]}\n', r"gold\.jsonl:1: spans\[0\] is not a start and an end"),
    (b'{"id": "a", "text": "hello", "spans": [{"start": 3, "end": 99}]}\n', r"spans\[0\] .*<= 5\)"),
    (b'{"id": "a", "spans": []}\n', r'gold\.jsonl:1: no "text" string'),
    (b'{"text": "hi", "spans": []}\n', r'gold\.jsonl:1: no "id"'),
    (b'{"id": "a", "text": "hi", "spans": [], "meta": {"supplemental": [[0, 9]]}}\n', r"meta\.supplemental\[0\]"),
    (b'{"id": "a", "text": "x"}\n\xff\xfe\n', r"gold\.jsonl:2: not UTF-8"),
    (b"[1, 2]\n", r"gold\.jsonl:1: not a JSON object"),
    (b'{"id": "a", "text": "hi", "spans": null}\n', r'gold\.jsonl:1: "spans" is not a list'),
    (b'{"id": "a", "text": "hello", "spans": [{"start": 0, "end": 2, "label": "menu"}]}\n',
     r"gold\.jsonl:1: spans\[0\] has label 'menu', not one of spliced_headline, .*, ignore"),
], ids=["not-json", "span-without-end", "span-past-the-text", "no-text", "no-id", "bad-supplemental", "not-utf8", "not-object",
        "spans-null", "unknown-label"])
def test_records_that_cannot_be_read_are_refused_with_their_file_and_line(tmp_path: Path, content: bytes,
                                                                           message: str) -> None:
    """garble train and garble eval: a clear error naming the record, exit 2, no traceback."""
    from typer.testing import CliRunner

    from garble.cli import app

    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(content)
    commands = [["train", str(gold), "--out", str(tmp_path / "m" / "model.json")], ["eval", str(gold)]]
    if b"supplemental" in content:  # only training reads meta.supplemental (--strict); eval leaves it alone
        commands.pop()
    for command in commands:
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert re.search(message, result.output) and "Traceback" not in result.output, result.output
    assert not (tmp_path / "m" / "model.json").exists()


@pytest.mark.parametrize("meta", [None, "scraped 2024", ["a.com"]])
def test_a_meta_that_is_no_object_is_no_meta(tmp_path: Path, meta: object) -> None:
    """BENCHMARK.md's meta is free-form: one that is null or a string has no host, so the record is its own
    group, and no supplemental stretches (it was a traceback when the rows were built)."""
    from garble.trainset import _checked, doc_rows, group_of

    record = {"id": "r1", "text": f"Quokka Digest\n\n{PROSE[0]}", "spans": [{"start": 0, "end": 13}], "meta": meta}
    assert group_of(_checked(record)) == "r1"
    rows = doc_rows([record], strict=True)
    assert rows[0].y.tolist() == [1, 0] and rows[0].line_weight is None


@pytest.mark.parametrize("damage", ["truncated", "not-gzip"])
def test_a_damaged_gz_is_refused_with_its_file_and_line(tmp_path: Path, damage: str) -> None:
    """A .jsonl.gz cut short in transfer (or not gzip at all) is a clear error naming where reading stopped,
    exit 2, not click's bare "Aborted!" from an EOFError."""
    import gzip

    from typer.testing import CliRunner

    from garble.cli import app

    records = b"".join(b'{"id": "d%d", "text": "%s", "spans": []}\n' % (i, b"word " * 200) for i in range(50))
    packed = gzip.compress(records, mtime=0)
    gold = tmp_path / "gold.jsonl.gz"
    gold.write_bytes(packed[: len(packed) // 2] if damage == "truncated" else b"plain bytes, not gzip")
    (tmp_path / "ok.jsonl").write_bytes(records)
    expected = r"gold\.jsonl\.gz:\d+: cannot read further"
    for command in (["train", str(gold), "--out", str(tmp_path / "m" / "model.json")], ["eval", str(gold)],
                    ["eval", str(tmp_path / "ok.jsonl"), "--predictions", str(gold)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert re.search(expected, result.output) and "Traceback" not in result.output, result.output


def test_train_needs_out_and_refuses_a_folder_before_fitting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--out has no default: a bare run wrote over garble/data/model.json when run from the repository (the
    shipped weights); and a folder for --out was an IsADirectoryError after every stage had been fitted."""
    from typer.testing import CliRunner

    from garble.cli import app

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in _corpus(40, 1)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where the old default would have written, not this checkout's weights
    bare = CliRunner().invoke(app, ["train", str(gold)])
    assert bare.exit_code == 2 and "Missing option '--out'" in bare.output, bare.output
    assert not (tmp_path / "garble").exists()
    folder = CliRunner().invoke(app, ["train", str(gold), "--out", str(tmp_path)])
    assert folder.exit_code == 2, folder.output
    assert f"garble train: {tmp_path}: a folder; --out names the weights file" in folder.output, folder.output
    missing = CliRunner().invoke(app, ["train", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "m.json")])
    assert missing.exit_code == 2 and f"{tmp_path / 'none.jsonl'}: No such file or directory" in missing.output


def test_a_run_stopped_while_writing_leaves_the_previous_weights_whole(
    trained: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or a full disk) while the four files are written, here in the third: every file is still the
    old one (it was: two new files, one cut short, one old), and no temporary file is left behind."""
    import shutil

    weights = tmp_path / "w"
    shutil.copytree(trained[0], weights)
    before = {p.name: p.read_bytes() for p in weights.iterdir()}
    write_text = Path.write_text
    calls = []

    def interrupted(self: Path, data: str, *args: Any, **kwargs: Any) -> int:
        calls.append(self)
        if len(calls) == 3:
            write_text(self, data[: len(data) // 2])  # a write cut short
            raise KeyboardInterrupt
        return write_text(self, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        train([str(trained[0].parent / "gold.jsonl")], [], str(weights / "model.json"), seed=7)
    assert len(calls) == 3
    assert {p.name: p.read_bytes() for p in weights.iterdir()} == before


@pytest.mark.parametrize("bad", ["missing", "bad-record"])
def test_every_input_file_is_read_and_checked_before_any_features(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  bad: str) -> None:
    """A mistyped --pages path, or a bad record in the last file, stopped garble train only after the features
    of every file before it had been computed (a minute and more on the real recipe); now before any."""
    from typer.testing import CliRunner

    from garble import train as training
    from garble.cli import app

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in _corpus(12, 1)), encoding="utf-8")
    pages = tmp_path / "pages.jsonl"
    if bad == "bad-record":
        pages.write_text('{"id": "p", "text": "hi", "spans": []}\n{"id": "q", "spans": []}\n', encoding="utf-8")

    def computed(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("features computed before every file was read")

    monkeypatch.setattr(training, "doc_rows", computed)
    result = CliRunner().invoke(app, ["train", str(gold), "--pages", str(pages), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 2, result.output
    expected = f"{pages}: No such file or directory" if bad == "missing" else f'{pages}:2: no "text" string'
    assert f"garble train: {expected}" in result.output, result.output


def test_the_first_weights_file_is_replaced_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """corpus/cv.py reuses a fold whose model.json exists: stopped between two renames, model.json must not
    be new while a sibling is missing or old."""
    import os

    from garble import train as training

    replace = os.replace
    calls = []

    def interrupted(src: Any, dst: Any) -> None:
        calls.append(Path(dst).name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        training.write_weights([(tmp_path / name, "{}") for name in ("model.json", "model.context.json",
                                                                      "model.labels.json", "model.words.json")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.words.json"] and "model.json" not in calls


@pytest.mark.parametrize("name", ["l3s-gn1-body-test.jsonl", "scrapinghub-aeb-page-test.jsonl.gz", "X-TEST-copy.jsonl"])
def test_a_benchmark_test_file_is_never_trained_on(tmp_path: Path, name: str) -> None:
    """The *-test files hold the held-out figures (models/README.md); garble train took one as readily as a dev file."""
    import gzip

    from typer.testing import CliRunner

    from garble.cli import app

    data = "".join(json.dumps(d) + "\n" for d in _corpus(40, 1)).encode("utf-8")
    test_file = tmp_path / name
    test_file.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    dev = tmp_path / "gold-dev.jsonl"
    dev.write_bytes(data)
    for option in ([], ["--pages"], ["--synthetic"]):
        result = CliRunner().invoke(app, ["train", str(dev), *option, str(test_file), "--out", str(tmp_path / "m.json")])
        assert result.exit_code == 2, result.output
        assert f"garble train: {test_file}: " in result.output and "test" in result.output.split(str(test_file))[1]
    assert not (tmp_path / "m.json").exists()


def test_a_record_of_the_test_split_is_never_trained_on(tmp_path: Path) -> None:
    """A test file renamed, or its records copied into another, still says where it comes from: meta.split."""
    from typer.testing import CliRunner

    from garble.cli import app

    docs = _corpus(40, 1)
    docs[3]["meta"] = {"host": "host3", "split": "test"}
    gold = tmp_path / "mine.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    result = CliRunner().invoke(app, ["train", str(gold), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 2 and f"garble train: {gold}:4: " in result.output, result.output
    assert not (tmp_path / "m.json").exists()


@pytest.mark.parametrize("name", ["testimonials.jsonl", "my-testimonials.jsonl", "contest-dev.jsonl"])
def test_a_name_that_only_holds_test_is_no_test_file(name: str) -> None:
    from garble.trainset import is_test_file

    assert not is_test_file(name)
