"""garble as a library user calls it: scan, clean and a Detector inside a scraping pipeline."""

from __future__ import annotations

import gc

import garble
from garble import Config
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
