"""garble as a library user calls it: scan, clean and a Detector inside a scraping pipeline."""

from __future__ import annotations

import gc
import json
import pickle
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
