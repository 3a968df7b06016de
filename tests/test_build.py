"""corpus/build.py: the sources are checked against corpus/MANIFEST.json before anything is built."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "corpus" / "build.py")
assert _spec is not None and _spec.loader is not None
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)
SOURCES = json.loads((ROOT / "corpus" / "MANIFEST.json").read_text(encoding="utf-8"))["sources"]


def test_a_missing_source_stops_the_build_naming_it(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        build.check_manifest(tmp_path)
    assert stop.value.code == f"{tmp_path / SOURCES[0]['path']}: missing (see corpus/MANIFEST.json)"


def test_a_changed_source_stops_the_build_with_both_hashes(tmp_path: Path) -> None:
    changed = tmp_path / SOURCES[0]["path"]
    changed.parent.mkdir(parents=True)
    changed.write_bytes(b"not the manifest's file\n")
    with pytest.raises(SystemExit) as stop:
        build.check_manifest(tmp_path)
    got = hashlib.sha256(changed.read_bytes()).hexdigest()
    assert stop.value.code == (f"{changed}: sha256 {got} differs from MANIFEST.json {SOURCES[0]['sha256']}; "
                               "the corpus would differ")
