"""garble.evaluate: the BENCHMARK.md figures, agreeing with shared/bench/score.py."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from garble.evaluate import auc, evaluate, predict, score, text_f1
from tests.conftest import read_jsonl, shared_path

GOLD = [
    {"id": "d1", "text": "Read more:\n\nThe minister said on Monday that talks would resume.",
     "spans": [{"start": 0, "end": 10, "label": "boilerplate"}]},
    {"id": "d2", "text": "A clean paragraph of ordinary text here.", "spans": []},
]


def test_perfect_predictions_score_perfectly() -> None:
    preds = {"d1": {"spans": GOLD[0]["spans"], "paragraphs": [{"start": 0, "end": 10, "score": 0.0}]},
             "d2": {"spans": [], "paragraphs": []}}
    r = score(GOLD, preds)
    assert (r["span_f1"], r["paragraph_auc"], r["kept_text_f1"]) == (1.0, 1.0, 1.0)
    assert r["clean_document_false_alarm_rate"] == 0.0


def test_a_false_alarm_counts_against_precision_and_clean_documents() -> None:
    preds = {"d1": {"spans": [], "paragraphs": []},
             "d2": {"spans": [{"start": 0, "end": 7, "label": "boilerplate"}], "paragraphs": []}}
    r = score(GOLD, preds)
    assert r["span_precision"] == 0.0 and r["span_recall"] == 0.0
    assert r["clean_document_false_alarm_rate"] == 1.0


def test_auc_and_text_f1_definitions() -> None:
    assert auc([1.0], [0.0]) == 1.0 and auc([0.5], [0.5]) == 0.5 and auc([], [0.1]) is None
    assert text_f1("", "") == 1.0 and text_f1("one two three four", "") == 0.0


def test_evaluate_scans_every_document() -> None:
    r = evaluate(GOLD)
    assert r["documents"] == 2 and r["missing_predictions"] == 0


def test_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    scorer = shared_path("bench", "score.py")
    gold = list(islice(read_jsonl(shared_path("data", "pages", "scrapinghub-aeb-body-dev.jsonl.gz")), 25))
    gold += list(islice(read_jsonl(shared_path("data", "seeds", "seeds.jsonl")), 2))
    preds = predict(gold)
    gold_path, pred_path = tmp_path / "gold.jsonl.gz", tmp_path / "pred.jsonl"
    with gzip.open(gold_path, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(d) + "\n" for d in gold)
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds.values()), encoding="utf-8")
    out = subprocess.run([sys.executable, str(scorer), str(gold_path), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True)
    theirs: dict[str, Any] = json.loads(out.stdout)
    ours = score(gold, preds)
    assert theirs.keys() == ours.keys()
    assert ours["span_f1"] > 0  # the comparison is about real, non-trivial figures
    for key, value in theirs.items():
        if isinstance(value, float):
            assert ours[key] == pytest.approx(value, abs=5e-4), key
        elif key == "per_label":
            for label, m in value.items():
                assert ours[key][label]["f1"] == pytest.approx(m["f1"], abs=5e-4), label
        else:
            assert ours[key] == value, key


def test_cli_eval_prints_the_figures_and_json(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from garble.cli import app

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in GOLD), encoding="utf-8")
    text = CliRunner().invoke(app, ["eval", str(gold)])
    assert text.exit_code == 0 and "span_f1" in text.output and "paragraph_auc" in text.output
    as_json = CliRunner().invoke(app, ["eval", str(gold), "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.output) == score(GOLD, predict(GOLD))
