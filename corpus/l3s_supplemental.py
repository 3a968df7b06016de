"""How many of garble's false alarms on L3S-GN1 fall on what its annotators called "supplemental".

    garble audit ../shared/data/pages/l3s-gn1-body-test.jsonl.gz -f jsonl -o pred.jsonl
    python corpus/l3s_supplemental.py ../shared/data/pages/l3s-gn1-body-test.jsonl.gz pred.jsonl

L3S-GN1 labels captions, dates, bylines and sub-heads "supplemental" (class sel3) and the converter in
../shared (pages/README.md) maps them to content, keeping their offsets in ``meta.supplemental``. BENCHMARK.md
calls bylines with dates, time stamps and photo credits furniture, and so do the seeds, so a flag there is a
conflict between the two gold sets, not a miss of garble's. This prints BENCHMARK.md's two clean-text
figures as score.py computes them (clean paragraphs scored under 0.9, clean documents with any span), then
the same with every paragraph and span that touches a supplemental stretch set aside. The official figures
are score.py's; this is a reading aid for them. Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

DIRTY_BELOW = 0.9
PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _open(path: str) -> TextIO:
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def _records(path: str) -> Iterator[dict[str, Any]]:
    with _open(path) as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _overlaps(start: int, end: int, stretches: list[list[int]]) -> bool:
    return any(a < end and start < b for a, b in stretches)


def tally(gold_path: str, pred_path: str) -> dict[str, int]:
    """Counts of clean paragraphs and clean documents, flagged or not, inside supplemental stretches or not."""
    preds = {str(p["id"]): p for p in _records(pred_path)}
    n = {"clean_paragraphs": 0, "supplemental_paragraphs": 0, "flagged_paragraphs": 0,
         "flagged_supplemental_paragraphs": 0, "clean_documents": 0, "flagged_documents": 0,
         "flagged_outside_supplemental_documents": 0}
    for doc in _records(gold_path):
        text, spans = doc["text"], doc.get("spans", [])
        supplemental = (doc.get("meta") or {}).get("supplemental") or []
        pred = preds.get(str(doc["id"]), {"spans": [], "paragraphs": []})
        scores = {(int(p["start"]), int(p["end"])): float(p["score"]) for p in pred.get("paragraphs", [])}
        if not spans:
            n["clean_documents"] += 1
            found = pred.get("spans", [])
            n["flagged_documents"] += bool(found)
            n["flagged_outside_supplemental_documents"] += any(
                not _overlaps(int(s["start"]), int(s["end"]), supplemental) for s in found)
        start = 0
        for m in [*PARAGRAPH.finditer(text), None]:
            end = m.start() if m else len(text)
            chunk = text[start:end]
            s, e = start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())
            start = m.end() if m else len(text)
            if s >= e or _overlaps(s, e, [[sp["start"], sp["end"]] for sp in spans]):
                continue
            inside = _overlaps(s, e, supplemental)
            flagged = scores.get((s, e), 1.0) < DIRTY_BELOW
            n["clean_paragraphs"] += 1
            n["supplemental_paragraphs"] += inside
            n["flagged_paragraphs"] += flagged
            n["flagged_supplemental_paragraphs"] += flagged and inside
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", help="an l3s-gn1-*.jsonl.gz file of ../shared/data/pages")
    parser.add_argument("pred", help="garble's predictions for it (garble audit -f jsonl)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args()
    n = tally(args.gold, args.pred)
    if args.json:
        print(json.dumps(n, indent=2))
        return
    outside = n["clean_paragraphs"] - n["supplemental_paragraphs"]
    rest = n["flagged_paragraphs"] - n["flagged_supplemental_paragraphs"]
    print(f"clean paragraphs scored < 0.9: {n['flagged_paragraphs']} of {n['clean_paragraphs']}"
          f" = {n['flagged_paragraphs'] / max(n['clean_paragraphs'], 1):.3f}")
    print(f"  on supplemental stretches: {n['flagged_supplemental_paragraphs']} of {n['supplemental_paragraphs']}")
    print(f"  elsewhere: {rest} of {outside} = {rest / max(outside, 1):.3f}")
    print(f"clean documents with a span: {n['flagged_documents']} of {n['clean_documents']}"
          f" = {n['flagged_documents'] / max(n['clean_documents'], 1):.3f}")
    print(f"  with a span outside supplemental stretches: {n['flagged_outside_supplemental_documents']}"
          f" = {n['flagged_outside_supplemental_documents'] / max(n['clean_documents'], 1):.3f}")


if __name__ == "__main__":
    main()
