"""Measure the mangled-name signal on generated name corruptions and on clean text.

    python corpus/eval_names.py --split reserved   # report (ids reserved for evaluation)
    python corpus/eval_names.py --split train      # tune on these only
    python corpus/eval_names.py --clean-pages dev  # hits on the clean documents of *-body-dev pages
    python corpus/eval_names.py --list-clean       # ... and each hit on a clean document, to audit (stderr)

For each clean Reuters article (../shared/data/news) and each corruption kind,
``garble.name_corruptions.corrupt_name`` damages one checkable person name; a
corruption is found when a mangled-name hit overlaps it, and every other new hit
is a false positive. Hits the clean article already had are left out of both.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

# This tree's garble, not an installed one: run as a script, the script's folder leads sys.path, so
# an editable install of another work tree would be measured instead.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from garble import gazetteer
from garble.gazetteer import name_key
from garble.name_corruptions import KINDS, corrupt_name
from garble.segment import segment
from garble.signals.names import find_mangled

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def is_reserved(doc_id: str) -> bool:
    """Reuters ids whose sha1 ends in 0 or 1 are kept for evaluation (shared/README)."""
    return hashlib.sha1(doc_id.encode()).hexdigest()[-1] in "01"


def reuters(split: str) -> Iterator[str]:
    """Texts of the clean Reuters articles of ``split`` ("reserved" or "train")."""
    with gzip.open(SHARED / "news" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if is_reserved(doc["id"]) == (split == "reserved"):
                yield doc["text"]


def clean_pages(split: str) -> Iterator[str]:
    """Texts of the clean documents (``spans == []``) of the *-body-``split`` pages."""
    for path in sorted((SHARED / "pages").glob(f"*-body-{split}.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if doc.get("spans") == []:
                    yield doc["text"]


def clean_hits(texts: list[str], known: gazetteer.Gazetteer, show: bool = False) -> int:
    """Mangled-name hits on clean texts (every one a false alarm, or a real slip of the source); with
    ``show``, each is written to stderr with its context and evidence."""
    n = 0
    for i, text in enumerate(texts):
        for h in find_mangled(segment(text), known):
            n += 1
            if show:
                print(f"{i}\t{h.reason}\t{text[max(0, h.start - 30):h.end + 20]!r}\t{h.evidence}", file=sys.stderr)
    return n


def spans_of(text: str, known: gazetteer.Gazetteer) -> set[tuple[int, int]]:
    """(start, end) of every mangled-name hit in ``text``."""
    return {(h.start, h.end) for h in find_mangled(segment(text), known)}


def evaluate(texts: list[str], seed: int = 0) -> dict[str, dict[str, float]]:
    """Per kind: documents corrupted, recall, precision, and recall by the reference the text offers."""
    known = gazetteer.load()
    rng = random.Random(seed)
    clean_spans = [spans_of(text, known) for text in texts]  # once, not once per kind
    out: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        gold = found = hits = true_hits = 0
        by_ref: dict[str, list[int]] = {"full name": [0, 0], "surname (only)": [0, 0]}
        for text, before in zip(texts, clean_spans):
            c = corrupt_name(text, kind, rng, known)
            if c is None:
                continue
            key = name_key(c.original)
            ref = "full name" if key in known or text.count(c.original) >= 2 else "surname (only)"
            shift = len(c.text) - len(text)
            moved = {(s + shift if s >= c.end - shift else s, e + shift if e > c.start else e) for s, e in before}
            new = spans_of(c.text, known) - moved
            good = {(s, e) for s, e in new if s < c.end and e > c.start}
            gold += 1
            found += bool(good)
            by_ref[ref][0] += 1
            by_ref[ref][1] += bool(good)
            hits += len(new)
            true_hits += len(good)
        out[kind] = {"docs": gold, "recall": round(found / gold, 3) if gold else 0.0,
                     "precision": round(true_hits / hits, 3) if hits else 1.0}
        for ref, (n, k) in by_ref.items():
            out[kind][f"recall where the {ref} recurs or is in the gazetteer ({n} docs)"] = round(k / n, 3) if n else 0.0
    return out


def main() -> None:
    """Print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("reserved", "train"), default="reserved")
    parser.add_argument("--clean-pages", choices=("dev", "test"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--list-clean", action="store_true", help="write each hit on a clean document to stderr")
    args = parser.parse_args()
    known = gazetteer.load()
    texts = list(reuters(args.split))
    hits = clean_hits(texts, known, args.list_clean)
    report: dict[str, object] = {
        "split": args.split, "docs": len(texts), "clean_hits": hits,
        "clean_hits_per_200_docs": round(200 * hits / len(texts), 3), "kinds": evaluate(texts, args.seed),
    }
    if args.clean_pages:
        pages = list(clean_pages(args.clean_pages))
        page_hits = clean_hits(pages, known, args.list_clean)
        report["pages"] = {"split": args.clean_pages, "clean_docs": len(pages), "hits": page_hits,
                           "hits_per_200_docs": round(200 * page_hits / len(pages), 3)}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
