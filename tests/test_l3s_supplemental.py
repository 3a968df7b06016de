"""corpus/l3s_supplemental.py: clean-text false alarms split by L3S "supplemental" stretches."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("l3s_supplemental", ROOT / "corpus" / "l3s_supplemental.py")
assert _spec is not None and _spec.loader is not None
supplemental = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(supplemental)


def _write(path: Path, records: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_flags_on_supplemental_stretches_are_counted_apart(tmp_path: Path) -> None:
    text = "By Ann Lee, Jan. 5, 2008\n\nThe council met on Monday.\n\nIt voted to close the pool."
    byline, meeting, vote = (0, 24), (26, 52), (54, len(text))
    gold = [{"id": "a", "text": text, "spans": [], "meta": {"supplemental": [list(byline)]}},
            {"id": "b", "text": text, "spans": [{"start": 54, "end": len(text), "label": "boilerplate"}], "meta": {}}]
    pred = [{"id": "a", "spans": [{"start": 0, "end": 24, "label": "boilerplate"}],
             "paragraphs": [{"start": s, "end": e, "score": x} for (s, e), x in ((byline, 0.1), (meeting, 0.95), (vote, 0.5))]},
            {"id": "b", "spans": [], "paragraphs": [{"start": s, "end": e, "score": 0.2} for s, e in (byline, meeting, vote)]}]
    n = supplemental.tally(_write(tmp_path / "gold.jsonl", gold), _write(tmp_path / "pred.jsonl", pred))
    # clean paragraphs: a's three and b's first two (b's third is gold damage); flagged: a's byline and vote, b's two
    assert n["clean_paragraphs"] == 5 and n["supplemental_paragraphs"] == 1
    assert n["flagged_paragraphs"] == 4 and n["flagged_supplemental_paragraphs"] == 1
    # one clean document, flagged only on its supplemental byline
    assert (n["clean_documents"], n["flagged_documents"], n["flagged_outside_supplemental_documents"]) == (1, 1, 0)
