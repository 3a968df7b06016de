"""[tool.garble] settings: every Config field is a key; unknown keys are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from garble.config import Config
from garble.datatypes import Label
from garble.settings import Settings, SettingsError, discover, from_table, valid_keys


def test_keys_set_config_fields_by_replace() -> None:
    s = from_table({"span-threshold": 0.8, "names": ["Maria Okafor"], "allow_phrases": ["Read more"]})
    assert s.config == Config(span_threshold=0.8, names=("Maria Okafor",), allow_phrases=("Read more",))


def test_labels_can_be_chosen_and_switched_off() -> None:
    assert from_table({"labels": ["encoding"]}).config.labels == {Label.ENCODING}
    off = from_table({"exclude-labels": ["boilerplate", "repetition"]}).config.labels
    assert Label.BOILERPLATE not in off and Label.REPETITION not in off and Label.ENCODING in off


def test_unknown_key_names_the_key_and_the_valid_ones() -> None:
    with pytest.raises(SettingsError) as err:
        from_table({"treshold": 0.5}, "pyproject.toml")
    message = str(err.value)
    assert "'treshold'" in message and "pyproject.toml" in message
    assert "span-threshold" in message and "min-score" in message


@pytest.mark.parametrize("table,word", [
    ({"span-threshold": "high"}, "number"),
    ({"labels": ["garbage"]}, "unknown label 'garbage'"),
    ({"names": "Maria Okafor"}, "list of strings"),
    ({"include": [1]}, "list of strings"),
])
def test_wrong_types_are_errors_that_say_what_is_expected(table: dict[str, object], word: str) -> None:
    with pytest.raises(SettingsError, match=word):
        from_table(table)


@pytest.mark.parametrize("table,word", [
    ({"min-score": "high"}, "min-score in garble.toml must be a number"),
    ({"labels": ["garbage"]}, "labels in garble.toml: unknown label"),
    ({"exclude-labels": "boilerplate"}, "exclude-labels in garble.toml must be a list of labels"),
    ({"include": "*.txt"}, "include in garble.toml must be a list of strings"),
    ({"span-threshold": 2}, "in garble.toml"),
    ({"names": ["Maria Okafor", "Madonna"]}, "in garble.toml: Config.names: 'Madonna'"),
])
def test_a_wrong_value_names_its_file(table: dict[str, object], word: str) -> None:
    """'[tool.garble] min-score must be a number' left a user to find which of the config files said so."""
    with pytest.raises(SettingsError, match=word):
        from_table(table, "garble.toml")


@pytest.mark.parametrize("value", [2, -0.1, 1.5])
def test_min_score_is_refused_out_of_range_as_on_the_command_line(value: float) -> None:
    """--min-score 2 is a usage error; min-score = 2 in a config file silently let every finding pass."""
    with pytest.raises(SettingsError, match="min-score in garble.toml must be a number from 0 to 1"):
        from_table({"min-score": value}, "garble.toml")
    assert from_table({"min-score": 1}).min_score == 1.0 and from_table({"min-score": 0}).min_score == 0.0


def test_a_baseline_is_a_path_beside_the_settings_file_that_names_it(tmp_path: Path) -> None:
    assert from_table({"baseline": "a/b.json"}, str(tmp_path / "pyproject.toml")).baseline == tmp_path / "a/b.json"
    assert from_table({}).baseline is None and "baseline" in valid_keys()
    with pytest.raises(SettingsError, match="baseline in x.toml must be a string"):
        from_table({"baseline": ["a.json"]}, "x.toml")


def test_globs_choose_files() -> None:
    s = from_table({"include": ["*.txt", "corpus/**"], "exclude": ["*/drafts/*"]})
    assert s.wants("a.txt") and s.wants("corpus/x.md")
    assert not s.wants("a.py") and not s.wants("news/drafts/a.txt")


def test_discover_reads_pyproject_from_a_parent_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.garble]\nmin-score = 0.75\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    s = discover(tmp_path / "sub")
    assert s.min_score == 0.75 and s.source == str(tmp_path / "pyproject.toml")


def test_garble_toml_wins_and_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.garble]\nmin-score = 0.2\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert discover(tmp_path / "sub").min_score == 0.2
    (tmp_path / ".garble.toml").write_text("min-score = 0.6\n", encoding="utf-8")
    assert discover(tmp_path / "sub").min_score == 0.6


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    assert discover(tmp_path) == Settings()


def test_broken_toml_is_a_settings_error(tmp_path: Path) -> None:
    (tmp_path / ".garble.toml").write_text("min-score = = 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        discover(tmp_path)


def test_every_config_field_is_a_valid_key() -> None:
    from dataclasses import fields
    keys = valid_keys()
    assert all(f.name.replace("_", "-") in keys for f in fields(Config))
