"""Shared fixtures: the seeds and pages from ../shared, skipped with a reason when absent."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL or JSONL.gz file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the project's shared data, absent in a user's clone)")
    return path


@pytest.fixture(scope="session")
def seeds() -> dict[str, dict[str, Any]]:
    """The two hand-labelled seed articles, by id."""
    return {d["id"]: d for d in read_jsonl(shared_path("data", "seeds", "seeds.jsonl"))}
