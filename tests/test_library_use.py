"""garble as a library user calls it: scan, clean and a Detector inside a scraping pipeline."""

from __future__ import annotations

import gc
import json
import pickle
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import garble
from garble import Config, Label
from garble.gazetteer import GAZETTEERS_KEPT, Gazetteer

ARTICLE = "The council approved the budget on Tuesday after a long debate, John Smith said."


def _gazetteers() -> int:
    return sum(isinstance(o, Gazetteer) for o in gc.get_objects())


def test_each_document_may_bring_its_own_names_without_memory_growing() -> None:
    """A caller passing every article's names (from its tags) built a gazetteer per article, and kept them all."""
    before = _gazetteers()
    for i in range(GAZETTEERS_KEPT + 24):
        result = garble.scan(ARTICLE, Config(names=("John Smith", f"Person Number{i}")))
        assert result.text == ARTICLE
    gc.collect()
    assert _gazetteers() - before <= GAZETTEERS_KEPT


def _library_example() -> str:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Library\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_library_example_runs_and_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Read more:\n\nThe council approved the budget on Tuesday after a long debate.\r\n\r\nShare this article"
    namespace: dict[str, object] = {"text": text}
    exec(compile(_library_example(), "README.md", "exec"), namespace)  # noqa: S102 -- the README's own code
    printed = [line.split() for line in capsys.readouterr().out.splitlines()]
    result = garble.scan(text)
    assert result.spans and result.paragraphs
    # one line a span (start, end, label, score, reason, suggestion), then one a paragraph (start, end, score)
    assert [line[:3] for line in printed[: len(result.spans)]] == [
        [str(s.start), str(s.end), s.label.value] for s in result.spans]
    assert [line[:2] for line in printed[len(result.spans) :]] == [[str(p.start), str(p.end)] for p in result.paragraphs]
    assert len(result.paragraphs) == 3  # \r\n\r\n parts paragraphs, as the example's comment says
    assert isinstance(namespace["detector"], garble.Detector)


TEXTS = [
    "",
    ARTICLE,
    f"Read more:\n\n{ARTICLE}\n\nShare this article",
    f"{ARTICLE}\r\n\r\nHe said he didnâ€™t know.\r\nAdvertisement",
    f"Fed chairman Paul Volcekr said rates would rise.\n\n{ARTICLE} It was the the plan.",
    "Home\nNews\nSport\n" * 12 + ARTICLE,
]


def test_results_and_configs_pickle_for_other_processes() -> None:
    config = Config(span_threshold=0.6, labels=frozenset({Label.BOILERPLATE, Label.ENCODING}), names=("Kim Yo Jong",),
                    allow_phrases=("Photo:",), model_path="auto")
    assert pickle.loads(pickle.dumps(config)) == config
    for text in TEXTS:
        result = garble.scan(text, config)
        assert pickle.loads(pickle.dumps(result)) == result
        assert json.loads(json.dumps(result.to_dict("doc"))) == result.to_dict("doc")
    detector = pickle.loads(pickle.dumps(garble.Detector(config)))
    assert detector.config == config and detector.scan(TEXTS[2]) == garble.scan(TEXTS[2], config)


def test_one_detector_scans_from_many_threads_as_from_one() -> None:
    detector = garble.Detector()
    texts = TEXTS * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(detector.scan, texts))
        cleaned = list(pool.map(detector.clean, texts))
    assert threaded == [detector.scan(t) for t in texts]
    assert cleaned == [detector.clean(t) for t in texts]
    assert any(r.spans for r in threaded)


def test_a_scan_cleans_as_clean_does_without_scanning_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from garble import pipeline

    results = [garble.scan(t) for t in TEXTS]
    expected = [garble.clean(t) for t in TEXTS]
    assert any(r.spans for r in results) and expected != TEXTS

    def no_scan(*args: object) -> None:
        raise AssertionError("Scan.clean scanned again")

    monkeypatch.setattr(pipeline, "scan", no_scan)
    assert [r.clean() for r in results] == expected


USER_SCRIPT = '''
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import garble
from garble import Config, Detector, Label, Paragraph, Scan, Span


def run(texts: list[str]) -> list[str]:
    result: Scan = garble.scan(texts[0])
    spans: list[tuple[int, int, Label, float, str, str | None]] = [
        (s.start, s.end, s.label, s.score, s.reason, s.suggestion) for s in result.spans]
    first: Span | None = result.spans[0] if result.spans else None
    scores: list[float] = [p.score for p in result.paragraphs]
    paragraph: Paragraph | None = result.paragraphs[0] if result.paragraphs else None
    config = Config(labels=["encoding", Label.BOILERPLATE], names=["Kim Yo Jong"], allow_phrases={"Read more"},
                    model_path=Path("model.json"))
    labels: frozenset[Label] = config.labels
    names: tuple[str, ...] = config.names
    detector = Detector(replace(Config(), span_threshold=0.7, allow_phrases=("Read more",)))
    narrower = replace(config, labels=["repetition"], names=["Ri Son Gwon"], model_path=Path("page.json"))
    model: str | None = narrower.model_path
    with ThreadPoolExecutor() as pool:
        scans: list[Scan] = list(pool.map(detector.scan, texts))
    print(spans, first, scores, paragraph, labels, names, model, json.dumps(result.to_dict("id")), result.score)
    return [garble.clean(texts[0]), detector.clean(texts[0]), result.clean(), *(s.clean() for s in scans)]
'''


def test_a_user_script_type_checks_under_mypy_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """py.typed: the public API as the README uses it, options given as the lists and sets Config accepts,
    to Config and to dataclasses.replace alike (which mypy checks against the fields' declared types)."""
    api = pytest.importorskip("mypy.api", reason="mypy is not installed")
    script = tmp_path / "pipeline.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # garble found as installed (an editable install's finder: through MYPYPATH)
    monkeypatch.setenv("MYPYPATH", str(Path(garble.__file__).resolve().parents[1]))
    out, err, status = api.run(["--strict", "--cache-dir", str(tmp_path / "cache"), "--python-executable",
                                sys.executable, str(script)])
    assert status == 0, out + err
