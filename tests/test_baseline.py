"""The baseline accepts findings by content, counted, so moved findings stay accepted and copies fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from garble.baseline import Baseline, BaselineError, Finding, fingerprint, kept_entries, read, relative, write


def test_round_trip_accepts_exactly_what_was_written(tmp_path: Path) -> None:
    found = [Finding("a.txt", "boilerplate", "Read more:"), Finding("a.txt", "encoding", "â€™")]
    path = tmp_path / "b.json"
    assert write(path, found) == 2
    assert read(path).new_findings(found) == []
    fresh = Finding("b.txt", "boilerplate", "Read more:")
    assert read(path).new_findings([*found, fresh]) == [fresh]


def test_matching_ignores_position_and_whitespace_but_not_label_or_file() -> None:
    b = Baseline.from_findings([Finding("a.txt", "boilerplate", "Share\nthis")])
    assert b.new_findings([Finding("a.txt", "boilerplate", "Share this")]) == []
    assert len(b.new_findings([Finding("a.txt", "injected_link", "Share this")])) == 1
    assert len(b.new_findings([Finding("c.txt", "boilerplate", "Share this")])) == 1


def test_a_second_copy_of_an_accepted_finding_is_new() -> None:
    f = Finding("a.txt", "boilerplate", "Read more:")
    assert Baseline.from_findings([f]).new_findings([f, f]) == [f]


def test_a_missing_baseline_is_an_error_not_an_empty_one(tmp_path: Path) -> None:
    """A mistyped --baseline once read as empty, and every accepted finding failed as new."""
    with pytest.raises(BaselineError, match="none.json; write one with --write-baseline"):
        read(tmp_path / "none.json")


def test_a_finding_is_one_file_however_its_path_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``news/a.txt``, ``./news/a.txt``, an absolute path and a run from inside ``news`` name one file:
    the baseline keys it relative to its own folder."""
    (tmp_path / "news").mkdir()
    target = tmp_path / "garble-baseline.json"
    monkeypatch.chdir(tmp_path)
    names = {relative(p, target) for p in ("news/a.txt", "./news/a.txt", str(tmp_path / "news" / "a.txt"))}
    monkeypatch.chdir(tmp_path / "news")
    names.add(relative("a.txt", Path("../garble-baseline.json")))
    assert names == {"news/a.txt"}


@pytest.mark.parametrize("content", ["{", "[]", '{"format": "garble-baseline", "version": 99}',
                                     '{"format": "garble-baseline", "version": 1, "findings": [{"path": 1}]}'])
def test_bad_baseline_files_name_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match="b.json"):
        read(path)


def test_written_file_is_readable_json_with_excerpts(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write(path, [Finding("a.txt", "boilerplate", "Read   more:")])
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["findings"][0]["excerpt"] == "Read more:" and doc["version"] == 2


def test_a_version_1_baseline_still_matches_its_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Version 1 named files as typed, from the folder check ran in; read so, its entries still match, an
    absolute path too."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    target = tmp_path / "garble-baseline.json"
    entries = [{"path": p, "label": "boilerplate", "fingerprint": fingerprint("Read more:")}
               for p in ("news/a.txt", str(tmp_path / "news" / "b.txt"))]
    target.write_text(json.dumps({"format": "garble-baseline", "version": 1, "findings": entries}), encoding="utf-8")
    found = [Finding(relative(p, target), "boilerplate", "Read more:") for p in ("./news/a.txt", "news/b.txt")]
    assert read(target).is_new(found) == [False, False]


def test_a_new_baseline_keeps_the_entries_of_existing_files_not_checked(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    path = tmp_path / "b.json"
    old = [Finding(name, "boilerplate", "Read more:") for name in ("a.txt", "b.txt", "gone.txt")]
    write(path, old)
    kept = kept_entries(path, {"a.txt"})
    assert [e["path"] for e in kept] == ["b.txt"] and kept[0]["excerpt"] == "Read more:"
    assert write(path, [Finding("a.txt", "encoding", "â€™")], kept) == 2
    assert read(path).is_new([Finding("b.txt", "boilerplate", "Read more:"), Finding("a.txt", "encoding", "â€™"),
                              Finding("a.txt", "boilerplate", "Read more:")]) == [False, False, True]
