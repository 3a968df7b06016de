"""corpus/cv.py: its command line refuses what cannot run before any fold is fitted."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("sklearn", reason="corpus/cv.py trains (the train extra: scikit-learn)")

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("corpus_cv", ROOT / "corpus" / "cv.py")
assert _spec is not None and _spec.loader is not None
cv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cv)


@pytest.mark.parametrize(("args", "message"), [
    (["--fit-only", "1", "5"], "--fit-only 5: folds are 0 to 4"),  # fold 5 holds out nothing: a fit on all of it
    (["--folds", "3", "--fit-only", "-1"], "--fit-only -1: folds are 0 to 2"),
    (["--folds", "1"], "--folds 1: at least 2"),
])
def test_folds_that_do_not_exist_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  args: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as stop:
        cv.main(["--out", str(tmp_path / "cv"), *args])
    assert stop.value.code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "cv").exists()


def test_missing_shared_data_or_synthetic_file_is_a_line_not_a_traceback(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A clone without ../shared, or before corpus/build.py: it was a FileNotFoundError traceback."""
    monkeypatch.setattr(cv, "PAGES", tmp_path / "shared" / "data" / "pages")
    with pytest.raises(SystemExit) as stop:
        cv.main(["--out", str(tmp_path / "cv"), "--pages", "--synthetic", str(tmp_path / "synth.jsonl.gz")])
    lines = str(stop.value.code).splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        *(str(tmp_path / "shared" / "data" / "pages" / f"{name}.jsonl.gz") for name in (*cv.BODY, *cv.WHOLE)),
        str(tmp_path / "synth.jsonl.gz")]
    assert lines[-1].endswith("missing (python corpus/build.py writes it)")
    assert not (tmp_path / "cv").exists()


def test_fold_weights_of_another_recipe_are_not_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run into the same --out with --strict or another --seed reported the first run's fold weights
    as its own; it is refused before anything is read or fitted."""
    def fitted(*args: object, **kwargs: object) -> None:
        raise AssertionError("a fold was fitted")

    monkeypatch.setattr(cv, "train", fitted)
    monkeypatch.setattr(cv, "PAGES", tmp_path / "pages")
    (tmp_path / "pages").mkdir()
    for name in (*cv.BODY, *cv.WHOLE):
        (tmp_path / "pages" / f"{name}.jsonl.gz").write_bytes(gzip.compress(b""))
    cv.cross_validate(tmp_path, fit_only=[])  # the first run: its recipe is recorded
    for change in ({"seed": 7}, {"strict": True}, {"pages": True}, {"folds": 3}, {"extra": (tmp_path / "x.jsonl",)}):
        with pytest.raises(SystemExit) as stop:
            cv.cross_validate(tmp_path, fit_only=[], **change)  # type: ignore[arg-type]
        assert str(stop.value.code).startswith(f"{tmp_path}: holds the fold weights of another recipe")
    cv.cross_validate(tmp_path, fit_only=[])  # the same recipe again: its weights are reused


def test_extra_gold_is_trained_on_by_every_fold_but_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--extra: more real gold (corpus/wild_silver.py's) is folded by host like the body files, so a site's
    extractor output never trains the fold that scans its page."""
    import json

    trained: dict[int, list[str]] = {}

    def fitted(body: list[str], *args: object, **kwargs: object) -> None:
        k = int(Path(body[0]).parent.name)
        trained[k] = [json.loads(line)["id"] for line in Path(body[0]).read_text(encoding="utf-8").splitlines()]

    monkeypatch.setattr(cv, "train", fitted)
    monkeypatch.setattr(cv, "PAGES", tmp_path / "pages")
    (tmp_path / "pages").mkdir()
    for name in cv.BODY:
        (tmp_path / "pages" / f"{name}.jsonl.gz").write_bytes(gzip.compress(b""))
    records = [{"id": f"out-{host}", "text": "A story.", "spans": [], "meta": {"host": host}}
               for host in ("a.com", "b.org", "c.net", "d.de", "e.fr", "f.it")]
    extra = tmp_path / "extra.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    cv.cross_validate(tmp_path / "cv", fit_only=list(range(cv.FOLDS)), extra=(extra,))
    for k, ids in trained.items():
        assert ids == [r["id"] for r in records if cv.fold_of(r) != k]
    assert set(trained) == set(range(cv.FOLDS))
