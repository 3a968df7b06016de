"""garble eval refuses what is no gold or no predictions of it, instead of printing figures of nothing.

Each case once printed plausible figures with exit 0: unannotated or empty gold ("documents 0"), gold that
breaks BENCHMARK.md (unknown label, overlapping or out-of-bounds spans, a repeated id), predictions of another
file ("missing_predictions 5"), garble audit's error records scored as "nothing found", and 0.000 printed for
a precision or recall of nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from garble.cli import app
from garble.evaluate import check_gold, evaluate, read_gold, render, score
from tests.conftest import shared_path

TEXT = "Read more:\n\nThe minister said on Monday that talks would resume."
GOLD = [
    {"id": "d1", "text": TEXT, "spans": [{"start": 0, "end": 10, "label": "boilerplate"}]},
    {"id": "d2", "text": "A clean paragraph of ordinary text here.", "spans": []},
]


def write(path: Path, records: list[Any], blank_after: int | None = None) -> Path:
    """``records`` as JSONL (a str record written as it is), with a blank line after the ``blank_after``-th."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    if blank_after is not None:
        lines.insert(blank_after, "")
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, ["eval", *map(str, args)])


# 1. a file that is not gold


def test_unannotated_records_are_not_gold(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", [{"id": "a", "text": TEXT}, {"id": "b", "text": TEXT}])
    result = run(gold)
    assert result.exit_code == 2 and 'no record has "spans"' in result.output and "not gold" in result.output
    with pytest.raises(ValueError, match=r'gold\.jsonl: no record has "spans" \(.*gold\.jsonl:1: none\)'):
        read_gold(gold)


def test_an_empty_gold_file_holds_no_documents(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n", encoding="utf-8")
    result = run(gold)
    assert result.exit_code == 2 and "no documents" in result.output and "documents   " not in result.output
    with pytest.raises(ValueError, match="no documents"):
        score([], {})


def test_evaluate_refuses_no_gold_before_scanning(monkeypatch: pytest.MonkeyPatch) -> None:
    import garble.evaluate

    monkeypatch.setattr(garble.evaluate, "predict", lambda *a: pytest.fail("scanned records that are no gold"))
    with pytest.raises(ValueError, match='no record has "spans"'):
        evaluate([{"id": "a", "text": TEXT}])


def test_unannotated_records_among_gold_are_skipped_as_score_py_skips_them() -> None:
    gold = [*GOLD, {"id": "d3", "text": TEXT}]
    assert check_gold(gold) == GOLD
    assert score(gold, {"d1": {"spans": []}})["documents"] == 2


def test_the_shared_unlabelled_candidates_are_refused_as_gold() -> None:
    candidates = shared_path("data", "wild", "candidates-isot.jsonl.gz")
    result = run(candidates)
    assert result.exit_code == 2 and 'no record has "spans"' in result.output, result.output


# 4. gold that breaks BENCHMARK.md


BAD_GOLD = [
    ({"id": "b", "text": TEXT, "spans": [{"start": 0, "end": 10, "label": "menu"}]},
     "spans[0] has label 'menu', not one of spliced_headline"),
    ({"id": "b", "text": TEXT, "spans": [{"start": 0, "end": 10, "label": "boilerplate"},
                                          {"start": 5, "end": 20, "label": "injected_link"}]},
     "spans[1] (5-20) overlaps spans[0] (0-10)"),
    ({"id": "b", "text": TEXT, "spans": [{"start": 12, "end": 99, "label": "boilerplate"}]},
     f"spans[0] is not a start and an end inside the text (0 <= start <= end <= {len(TEXT)})"),
    ({"id": "d1", "text": TEXT, "spans": []}, "id 'd1' again (first at "),
    ({"id": "b", "text": TEXT, "spans": None}, '"spans" is not a list'),
]


@pytest.mark.parametrize(("record", "problem"), BAD_GOLD)
def test_gold_breaking_the_format_is_refused_naming_the_record(tmp_path: Path, record: dict[str, Any],
                                                              problem: str) -> None:
    gold = write(tmp_path / "gold.jsonl", [GOLD[0], record], blank_after=1)  # the record is on line 3
    result = run(gold)
    assert result.exit_code == 2 and problem in result.output, result.output
    with pytest.raises(ValueError, match="^gold record 2: ") as err:
        check_gold([GOLD[0], record])
    assert problem in str(err.value)
    with pytest.raises(ValueError, match=f"^{tmp_path / 'gold.jsonl'}:3: ") as err:
        read_gold(gold)
    assert problem in str(err.value)


def test_gold_the_format_allows_is_accepted() -> None:
    """Spans out of order but apart, empty ones, "ignore" and none at all (score.py's "garble") score."""
    record = {"id": "a", "text": TEXT, "spans": [{"start": 12, "end": 20, "label": "ignore"},
                                                   {"start": 0, "end": 10}, {"start": 5, "end": 5}]}
    assert check_gold([record]) == [record]
    assert score([record], {"a": {"spans": [{"start": 0, "end": 10}]}})["span_f1"] == 1.0


# 2. predictions of other documents


def test_predictions_of_no_gold_document_are_refused(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", GOLD)
    preds = write(tmp_path / "pred.jsonl", [{"id": "x1", "spans": []}, {"id": "x2", "spans": []}])
    result = run(gold, "--predictions", preds)
    assert result.exit_code == 2 and "no prediction is of a gold document" in result.output
    assert "'x1'" in result.output and "'d1'" in result.output
    empty = write(tmp_path / "empty.jsonl", [])
    assert "no predictions" in run(gold, "--predictions", empty).output


def test_predictions_of_documents_not_in_the_gold_are_counted(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", GOLD)
    preds = write(tmp_path / "pred.jsonl", [{"id": "d1", "spans": []}, {"id": "d2", "spans": []},
                                            {"id": "x1", "spans": []}])
    as_json = json.loads(run(gold, "--predictions", preds, "--json").output)
    assert as_json["predictions_without_gold"] == 1 and as_json["missing_predictions"] == 0
    text = run(gold, "--predictions", preds)
    assert text.exit_code == 0 and "predictions_without_gold           1" in text.output
    every = write(tmp_path / "every.jsonl", [{"id": "d1", "spans": []}, {"id": "d2", "spans": []}])
    assert "predictions_without_gold" not in run(gold, "--predictions", every, "--json").output  # score.py's keys


# 3. garble audit's error records


def test_an_error_record_is_a_missing_prediction(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", GOLD)
    error = {"id": "d1", "error": "not UTF-8", "path": "d1.txt", "line": None}  # garble.inputs.Problem.to_dict
    preds = write(tmp_path / "pred.jsonl", [error, {"id": "d2", "spans": []}])
    result = json.loads(run(gold, "--predictions", preds, "--json").output)
    assert result["missing_predictions"] == 1 and result["error_predictions"] == 1
    absent = score(GOLD, {"d2": {"spans": []}})  # the figures are those of no prediction at all
    assert {k: v for k, v in result.items() if k != "error_predictions"} == absent
    skipped = score(GOLD, {"d1": {"id": "d1", "skipped": "binary"}, "d2": {"spans": []}})
    assert skipped["missing_predictions"] == 1 and skipped["error_predictions"] == 1


def test_a_comparison_shows_which_run_lacks_predictions(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", GOLD)
    a = write(tmp_path / "a.jsonl", [{"id": "d1", "error": "boom"}, {"id": "d2", "spans": []}])
    b = write(tmp_path / "b.jsonl", [{"id": "d1", "spans": []}, {"id": "d2", "spans": []}])
    result = run(gold, "--predictions", a, "--compare-predictions", b, "--intervals", "20")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()[1:]}
    assert lines["missing_predictions"] == ["1", "0"] and lines["error_predictions"] == ["1", "0"]
    assert "predictions_without_gold" not in lines


# 5. undefined figures


def test_a_recall_of_no_gold_is_printed_as_undefined() -> None:
    """The figures stay score.py's (0.0 where nothing was there to find); the text says n/a, not a recall of 0
    that reads as "all missed"."""
    gold = [{"id": "a", "text": TEXT, "spans": [{"start": 0, "end": 10, "label": "boilerplate"}]}]
    preds = {"a": {"spans": [{"start": 0, "end": 10, "label": "boilerplate"}, {"start": 12, "end": 24,
                                                                                "label": "encoding"}]}}
    r = score(gold, preds)
    assert r["per_label"]["encoding"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert r["per_label"]["boilerplate"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 9}
    assert "encoding           P=0.000 R=n/a F1=0.000 (gold chars 0)" in render(r)
    assert "boilerplate        P=1.000 R=1.000 F1=1.000 (gold chars 9)" in render(r)


def test_the_figures_that_exist_are_score_pys(tmp_path: Path) -> None:
    """Against the shared scorer, with an error record, a stray prediction and labels of no gold: every figure
    garble gives is score.py's."""
    scorer = shared_path("bench", "score.py")
    gold = [*GOLD, {"id": "d3", "text": TEXT, "spans": [{"start": 12, "end": 20, "label": "mangled_name"}]}]
    preds = [{"id": "d1", "spans": [{"start": 0, "end": 10, "label": "boilerplate"}],
              "paragraphs": [{"start": 0, "end": 10, "score": 0.1}]},
             {"id": "d2", "spans": [{"start": 0, "end": 7, "label": "encoding"}], "paragraphs": []},
             {"id": "d3", "error": "boom"}, {"id": "x9", "spans": []}]
    gold_path, pred_path = write(tmp_path / "gold.jsonl", gold), write(tmp_path / "pred.jsonl", preds)
    out = subprocess.run([sys.executable, str(scorer), str(gold_path), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True)
    theirs: dict[str, Any] = json.loads(out.stdout)
    ours = json.loads(run(gold_path, "--predictions", pred_path, "--json").output)
    assert set(ours) - set(theirs) == {"error_predictions", "predictions_without_gold"}
    assert ours["missing_predictions"] == theirs["missing_predictions"] + 1  # score.py took d3's error as clean
    for key, value in theirs.items():
        if key == "per_label":
            assert value.keys() == ours[key].keys()
            for label, m in value.items():
                for name, figure in m.items():
                    mine = ours[key][label][name]
                    assert mine == pytest.approx(figure, abs=5e-4), (label, name)
        elif key != "missing_predictions":
            assert ours[key] == pytest.approx(value, abs=5e-4), key
