"""Evaluation gate: figures of the installed model on held-out data at or above pinned floors.

The held-out sets are rebuilt from ../shared exactly as corpus/build.py builds them (sources
checked against corpus/MANIFEST.json): the generator's held-out documents (Reuters articles
whose sha1(id) ends in 2, never trained on) and the reserved clean Reuters articles (sha1
ends in 0 or 1). Floors sit a little under the figures measured when the model was shipped
(models/README.md), so a change that makes detection worse fails here.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from garble.corrupt import corrupt
from garble.evaluate import evaluate
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "corpus" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sources(build: ModuleType) -> dict[str, Path]:
    paths: dict[str, Path] = build.check_manifest(shared_path())
    return paths


@pytest.fixture(scope="module")
def articles(sources: dict[str, Path]) -> list[dict[str, Any]]:
    with gzip.open(sources["data/news/reuters21578.jsonl.gz"], "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_generator_heldout_documents(build: ModuleType, sources: dict[str, Path],
                                     articles: list[dict[str, Any]]) -> None:
    heldout = [d for d in articles if build.bucket(d["id"]) == "2"][: build.N_HELDOUT]
    rng = random.Random(build.SEED + 1)
    slips = build.source_slips()
    docs = [corrupt(d, rng, build.lexicon(sources), slips.get(d["id"], ())) for d in heldout[:200]]
    r = evaluate(docs)
    # measured at ship time (first 200 docs; weights of 18:02 UTC 2026-11-23, after title runs past commas
    # and a headline list's date stamps joining the list): precision 0.99, F1 0.95, AUC 0.98, clean docs
    # flagged 4.0 %; per label boilerplate 0.94, encoding 1.0, injected_link 0.93, mangled_name 0.66,
    # repetition 1.0, spliced_headline 0.82, broken_text 0.41. Since headlines glued or piped to link text
    # are labelled as the link run they belong to (spans._link_runs, 2026-12-06): injected_link 0.96,
    # spliced_headline 0.88, mangled_name 0.75; 2026-12-06 late, with a name inside spliced or link text left
    # to that text (spans._without_names_in_links): the same, broken_text 0.41. 2026-12-07, the names the
    # Reuters source itself misspells labelled (corpus/names_source_slips.json): mangled_name 0.82 (P 1.0).
    # 2026-12-07 06:25, a cut-off labelled as its stub, as garble's seam rules span it (seams.stub_start):
    # broken_text 0.51 (P 0.80, R 0.37), F1 0.95, boilerplate 0.95, clean docs flagged 2.7 %
    assert r["span_precision"] >= 0.95
    assert r["span_f1"] >= 0.91
    assert r["paragraph_auc"] >= 0.95
    assert r["clean_document_false_alarm_rate"] <= 0.06
    per_label = {label: m["f1"] for label, m in r["per_label"].items()}
    assert per_label["injected_link"] >= 0.92
    assert per_label["boilerplate"] >= 0.90
    assert per_label["spliced_headline"] >= 0.83
    assert per_label["repetition"] >= 0.95
    assert per_label["encoding"] >= 0.95
    assert per_label["mangled_name"] >= 0.75
    assert per_label["broken_text"] >= 0.45


def test_reserved_clean_reuters_articles_are_left_alone(build: ModuleType,
                                                        articles: list[dict[str, Any]]) -> None:
    reserved = [{"id": d["id"], "text": d["text"], "spans": []}
                for d in articles if build.bucket(d["id"]) in "01"][:500]
    r = evaluate(reserved)
    # measured at ship time: 0.4% of 924 documents with any span; the goal is <= 3%
    assert r["clean_document_false_alarm_rate"] <= 0.03
    assert r["paragraph_false_alarm_rate"] <= 0.01


@pytest.fixture(scope="module")
def eval_names() -> ModuleType:
    shared_path("data", "news")  # skips with the reason when ../shared is absent
    spec = importlib.util.spec_from_file_location("eval_names", ROOT / "corpus" / "eval_names.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mangled_names_on_reserved_reuters_articles(eval_names: ModuleType) -> None:
    """corpus/eval_names.py --split reserved (seed 0): each kind of name damage found, few false alarms."""
    from garble import gazetteer

    docs = list(eval_names.reuters("reserved"))
    kinds = eval_names.evaluate([text for _, text in docs], (0,))
    # measured at ship time (seed 0): precision 1.0 for every kind; recall doubled 0.928, swapped 0.911,
    # dropped 0.800 (15 articles), replaced 0.833, misspelled 0.867
    assert all(k["precision"] >= 0.95 for k in kinds.values())
    assert kinds["doubled"]["recall"] >= 0.9
    assert kinds["swapped"]["recall"] >= 0.88
    assert kinds["dropped"]["recall"] >= 0.66
    assert kinds["replaced"]["recall"] >= 0.8
    assert kinds["misspelled"]["recall"] >= 0.83
    hits, slips = eval_names.clean_hits(docs, gazetteer.load())
    # measured at ship time: 7 hits on 924 articles, 6 of them audited slips of the source
    # (corpus/names_source_slips.json); the goal is under 1 false alarm per 200 documents
    assert 200 * (hits - slips) / len(docs) < 1
    assert hits <= 9
