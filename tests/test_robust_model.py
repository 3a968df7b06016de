"""Hostile weights, names and settings files (issue 7): clear errors naming the file, nothing run.

A weights file is JSON checked field by field; a damaged or hand-edited one gives a
ModelError that names the file and the fault, before any tree is walked (a cycle
would otherwise make scoring loop forever). Names lists and settings are plain data.
"""

from __future__ import annotations

import ast
import base64
import gzip
import json
import pickle
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

import garble
from garble.classifier import MODEL_VERSION, ModelError, TreeModel, dump, load, load_path
from garble.cli import app
from garble.config import Config
from garble.settings import SettingsError, discover, from_table

PACKAGE = Path(garble.__file__).parent


def tiny() -> TreeModel:
    """One stump on feature 0: the smallest model the loader accepts."""
    return TreeModel(("a", "b"), 0.0, 1.0, 0.0, (0,), (0, -1, -1), (0.5, 0.0, 0.0),
                     (1, -1, -1), (2, -1, -1), (0.0, -3.0, 3.0))


def tiny_json() -> dict[str, Any]:
    return dict(json.loads(dump(tiny())))


def test_the_tiny_model_is_accepted() -> None:
    assert load(dump(tiny()), "w.json", ("a", "b")) == tiny()


def _edit(key: str, value: object) -> dict[str, Any]:
    data = tiny_json()
    data[key] = value
    return data


HAND_EDITS = [
    (_edit("left", [7, -1, -1]), "node 0 has children 7, 2"),
    (_edit("left", [0, -1, -1]), "node 0 has children 0, 2"),  # a cycle: the walk would never end
    (_edit("right", [2, 0, -1]), "node 1 has children -1, 0"),
    (_edit("feature", [5, -1, -1]), "node 0 tests feature 5"),
    (_edit("roots", [3]), "roots must be node indices"),
    (_edit("roots", []), "roots must be node indices"),
    (_edit("threshold", [0.5, 0.0]), "threshold has 2 entries, feature has 3"),
    (_edit("value", [0.0, -3.0, 3.0, 1.0]), "value has 4 entries"),
    (_edit("threshold", [float("nan"), 0.0, 0.0]), "threshold is not a list of finite numbers"),
    (_edit("value", [0.0, float("inf"), 0.0]), "value is not a list of finite numbers"),
    (_edit("baseline", "0.0"), "baseline is '0.0', not a finite number"),
    (_edit("scale", float("nan")), "scale is nan"),
    (_edit("feature", [True, -1, -1]), "feature is not a list of integers"),
    (_edit("left", [1.5, -1, -1]), "left is not a list of integers"),
    (_edit("roots", None), "roots is not a list of integers"),
    (_edit("meta", ["x"]), "meta is not an object"),
    (_edit("feature_names", 5), "feature_names do not match"),
    (_edit("feature_names", ["a", "z"]), "feature_names do not match"),
    (_edit("version", MODEL_VERSION + 1), f"version is {MODEL_VERSION + 1}"),
    (_edit("format", "pickle"), "format is 'pickle'"),
]


@pytest.mark.parametrize("data,message", HAND_EDITS, ids=[m for _, m in HAND_EDITS])
def test_hand_edited_weights_are_refused_naming_the_file_and_the_fault(data: dict[str, Any], message: str) -> None:
    text = json.dumps(data)  # allow_nan: json writes NaN / Infinity, as a hand edit could
    with pytest.raises(ModelError) as err:
        load(text, "weights.json", ("a", "b"))
    assert str(err.value).startswith("weights.json: ") and message in str(err.value)


@pytest.mark.parametrize("cut", [0, 1, 10, 0.5, -2])
def test_truncated_weights_are_a_model_error(cut: float) -> None:
    text = dump(tiny())
    end = int(len(text) * cut) if isinstance(cut, float) else cut
    with pytest.raises(ModelError, match="w.json: not valid JSON.*truncated or corrupted"):
        load(text[:end], "w.json", ("a", "b"))


def test_deeply_nested_json_is_a_model_error_not_a_recursion_error() -> None:
    with pytest.raises(ModelError, match="w.json"):
        load("[" * 200_000, "w.json")


@pytest.mark.parametrize("content", [
    b"\xff\xfe\x00garbage",  # not UTF-8
    pickle.dumps({"format": "garble-line-trees"}),  # a pickle is bytes, never loaded as one
    gzip.compress(b'{"format": "garble-line-trees"}'),
    b"",
])
def test_corrupted_weights_files_name_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.json"
    path.write_bytes(content)
    with pytest.raises(ModelError, match=str(path)):
        load_path(str(path))


def test_a_missing_weights_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="nope.json: cannot read"):
        load_path(str(tmp_path / "nope.json"))


def test_code_in_a_weights_file_is_data_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    data = tiny_json()
    data["meta"] = {"x": f"__import__('pathlib').Path({str(marker)!r}).touch()"}
    data["baseline"] = f"__import__('pathlib').Path({str(marker)!r}).touch() or 0"
    with pytest.raises(ModelError, match="baseline"):
        load(json.dumps(data), "w.json", ("a", "b"))
    data["baseline"] = 0.0
    model = load(json.dumps(data), "w.json", ("a", "b"))  # strings in meta stay strings
    assert model.predict_proba(np.array([[1.0, 0.0]])).shape == (1,)
    assert not marker.exists()


def _calls_and_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    names |= {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return names


def test_no_module_unpickles_or_evaluates_anything() -> None:
    forbidden = {"pickle", "marshal", "shelve", "dill", "joblib", "eval", "exec", "compile", "__import__"}
    for path in sorted(PACKAGE.rglob("*.py")):
        assert not _calls_and_imports(path) & forbidden, path


@pytest.mark.parametrize("names", [
    ("__import__('os').system('false')", "{0.__class__}", "(a+)+$ (b+)+$", "[ x ] \\ y", "%s%n"),
    ("\x00 \x00 Kim \ud800 Yo", "x " * 50_000),
    ("Kim " * 5_000,),
])
def test_user_names_are_data(names: tuple[str, ...]) -> None:
    """Names given by the user go through as text: regex syntax, format strings and junk are inert."""
    text = "Officials said Kim Jong Yo met (a+)+$ and x on Monday.\n\nKim Jong Yo spoke."
    result = garble.scan(text, Config(names=names))
    assert all(0 <= s.start < s.end <= len(text) for s in result.spans)


@pytest.mark.parametrize("name", ["", " ", "\x00", "\ud800", "x" * 100_000, "[", "\\", "(a+)+$"])
def test_junk_that_is_no_name_of_two_parts_is_refused_when_the_config_is_made(name: str) -> None:
    with pytest.raises(ValueError, match="Config.names"):
        Config(names=("Kim Yo Jong", name))


def test_a_broken_model_path_in_settings_is_a_settings_error_naming_both_files(tmp_path: Path) -> None:
    weights = tmp_path / "model.json"
    weights.write_text('{"format": "garble-line-trees", "version": ', encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        from_table({"model-path": str(weights)}, "pyproject.toml")
    assert "model-path in pyproject.toml" in str(err.value) and str(weights) in str(err.value)
    with pytest.raises(SettingsError, match="cannot read"):
        from_table({"model-path": str(tmp_path / "missing.json")})


@pytest.mark.parametrize("body,message", [
    ("[tool.garble]\nspan-threshold = 'high'\n", "must be a number"),
    ("[tool.garble]\nnames = 'Kim Yo Jong'\n", "must be a list of strings"),
    ("[tool.garble]\nlabels = ['nonsense']\n", "unknown label 'nonsense'"),
    ("[tool.garble]\nmodel_path = 3\n", "must be a string"),
    ("[tool.garble]\nexec = 'rm -rf /'\n", "unknown key 'exec'"),
    ("[tool]\ngarble = 5\n", "must be a table"),
    ("[tool.garble\n", "not valid TOML"),
    ("[tool.garble]\nspan-threshold = 0.5\nspan-threshold = 0.6\n", "not valid TOML"),
    ("\xff[tool.garble]", "cannot read"),
])
def test_malformed_settings_are_a_clear_error_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          body: str, message: str) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_bytes(body.encode("latin-1"))
    with pytest.raises(SettingsError, match=message):
        discover(tmp_path)
    (tmp_path / "a.txt").write_text("Talks resume.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "a.txt"])
    assert result.exit_code == 2 and message.split("'")[0] in result.output


def test_a_broken_model_path_exits_2_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "model.json").write_text("{}", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.garble]\nmodel-path = "model.json"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Talks resume.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["audit", "a.txt"])
    assert result.exit_code == 2 and "model.json: format is None" in result.output


@pytest.mark.parametrize("sibling", ["model.context.json", "model.labels.json", "model.words.json"])
def test_a_broken_context_model_or_label_head_beside_model_path_is_a_settings_error(tmp_path: Path,
                                                                                     sibling: str) -> None:
    model = garble.classifier.shipped_model()
    if model is None:
        pytest.skip("no shipped model")
    (tmp_path / "model.json").write_text(dump(model), encoding="utf-8")
    (tmp_path / sibling).write_text('{"format": ', encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        from_table({"model-path": str(tmp_path / "model.json")}, "pyproject.toml")
    assert str(tmp_path / sibling) in str(err.value) and "truncated or corrupted" in str(err.value)


def _packed_edit(key: str, value: object) -> dict[str, Any]:
    data = tiny_json()
    assert isinstance(data[key], dict)  # version 2 writes every node array packed
    data[key] = value
    return data


PACKED_EDITS = [
    (_packed_edit("threshold", {"float64": base64.b64encode(struct.pack("<3d", float("nan"), 0, 0)).decode()}),
     "threshold is not a list of finite numbers"),
    (_packed_edit("left", {"int32": base64.b64encode(struct.pack("<3i", 7, -1, -1)).decode()}), "node 0 has children 7, 2"),
    (_packed_edit("left", {"int32": "not base64!"}), "left is not whole int32 values"),
    (_packed_edit("value", {"float64": base64.b64encode(b"\0" * 20).decode()}), "value is not whole float64 values"),
    (_packed_edit("value", {"pickle": "gASVAAAAAAAAAAA="}), "value is packed as 'pickle'"),
    (_packed_edit("roots", {"int32": ""}), "roots must be node indices"),
]


@pytest.mark.parametrize("data,message", PACKED_EDITS, ids=[m for _, m in PACKED_EDITS])
def test_damaged_packed_arrays_are_refused_naming_the_file_and_the_fault(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ModelError) as err:
        load(json.dumps(data), "weights.json", ("a", "b"))
    assert str(err.value).startswith("weights.json: ") and message in str(err.value)


def test_version_1_weights_with_node_arrays_as_json_lists_still_load() -> None:
    data = tiny_json()
    data["version"] = 1
    for key in ("roots", "feature", "left", "right"):
        data[key] = list(getattr(tiny(), key))
    data["threshold"], data["value"] = [0.5, 0, 0], [0, -3.0, 3.0]  # JSON writes 0.0 as 0
    assert load(json.dumps(data), "old.json", ("a", "b")) == tiny()


def test_the_shipped_weights_are_packed_and_load_in_their_own_right() -> None:
    for name in ("model.json", "model.context.json", "page/model.json", "page/model.context.json",
                 "strict/model.json", "strict/model.context.json"):
        data = json.loads((PACKAGE / "data" / name).read_text(encoding="utf-8"))
        assert data["version"] == MODEL_VERSION == 2
        assert all(set(data[key]) <= {"int32", "float64"} for key in ("roots", "feature", "threshold", "value"))
