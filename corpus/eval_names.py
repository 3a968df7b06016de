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
from collections.abc import Iterator, Sequence
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
# Names the clean texts themselves get wrong, each checked by hand against the text ("Rober Mercer" where it
# says "Robert Mercer" and "Mercer" elsewhere): a hit on one is no false alarm, and is reported apart.
SLIPS = Path(__file__).resolve().parent / "names_source_slips.json"


def is_reserved(doc_id: str) -> bool:
    """Reuters ids whose sha1 ends in 0 or 1 are kept for evaluation (shared/README)."""
    return hashlib.sha1(doc_id.encode()).hexdigest()[-1] in "01"


def reuters(split: str) -> Iterator[tuple[str, str]]:
    """(id, text) of the clean Reuters articles of ``split`` ("reserved" or "train")."""
    with gzip.open(SHARED / "news" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if is_reserved(doc["id"]) == (split == "reserved"):
                yield doc["id"], doc["text"]


def clean_pages(split: str) -> Iterator[tuple[str, str]]:
    """(id, text) of the clean documents (``spans == []``) of the *-body-``split`` pages."""
    for path in sorted((SHARED / "pages").glob(f"*-body-{split}.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if doc.get("spans") == []:
                    yield doc["id"], doc["text"]


def source_slips() -> set[tuple[str, str]]:
    """(document id, name as written) of the audited slips in the source texts (SLIPS)."""
    return {(s["id"], s["written"]) for s in json.loads(SLIPS.read_text(encoding="utf-8"))}


def clean_hits(docs: list[tuple[str, str]], known: gazetteer.Gazetteer, show: bool = False) -> tuple[int, int]:
    """Mangled-name hits on clean texts, and how many of them are audited slips of the source (SLIPS): every
    other one is a false alarm. With ``show``, each hit is written to stderr with its context and evidence."""
    n = slips = 0
    audited = source_slips()
    for doc_id, text in docs:
        for h in find_mangled(segment(text), known):
            n += 1
            slip = (doc_id, text[h.start : h.end]) in audited
            slips += slip
            if show:
                print(f"{doc_id}\t{h.reason}\t{'source slip' if slip else 'false alarm'}\t"
                      f"{text[max(0, h.start - 30):h.end + 20]!r}\t{h.evidence}", file=sys.stderr)
    return n, slips


def spans_of(text: str, known: gazetteer.Gazetteer) -> set[tuple[int, int]]:
    """(start, end) of every mangled-name hit in ``text``."""
    return {(h.start, h.end) for h in find_mangled(segment(text), known)}


def evaluate(texts: list[str], seeds: Sequence[int] = (0,)) -> dict[str, dict[str, float]]:
    """Per kind: documents corrupted, recall, precision, and recall by the reference the text offers, pooled
    over one corruption run per seed (a kind that applies to few articles, "dropped", swings with the draw)."""
    known = gazetteer.load()
    clean_spans = [spans_of(text, known) for text in texts]  # once, not once per kind
    out: dict[str, dict[str, float]] = {}
    counts = {kind: [0, 0, 0, 0] for kind in KINDS}  # corrupted, found, hits, true hits
    by_ref = {kind: {"full name": [0, 0], "surname (only)": [0, 0]} for kind in KINDS}
    for seed in seeds:
        rng = random.Random(seed)  # one stream through every kind, as a single run has always drawn
        for kind in KINDS:
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
                tally = counts[kind]
                tally[0] += 1
                tally[1] += bool(good)
                tally[2] += len(new)
                tally[3] += len(good)
                by_ref[kind][ref][0] += 1
                by_ref[kind][ref][1] += bool(good)
    for kind, (gold, found, hits, true_hits) in counts.items():
        out[kind] = {"docs": gold, "recall": round(found / gold, 3) if gold else 0.0,
                     "precision": round(true_hits / hits, 3) if hits else 1.0}
        for ref, (n, k) in by_ref[kind].items():
            out[kind][f"recall where the {ref} recurs or is in the gazetteer ({n} docs)"] = round(k / n, 3) if n else 0.0
    return out


def per_200(hits: int, docs: int) -> float:
    return round(200 * hits / docs, 3)


def main() -> None:
    """Print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("reserved", "train"), default="reserved")
    parser.add_argument("--clean-pages", choices=("dev", "test"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0], metavar="SEED",
                        help="pool one corruption run per seed (default: 0)")
    parser.add_argument("--list-clean", action="store_true", help="write each hit on a clean document to stderr")
    args = parser.parse_args()
    known = gazetteer.load()
    docs = list(reuters(args.split))
    hits, slips = clean_hits(docs, known, args.list_clean)
    report: dict[str, object] = {
        "split": args.split, "docs": len(docs), "clean_hits": hits,
        "clean_hits_per_200_docs": per_200(hits, len(docs)),
        "source_slips_among_them": slips, "false_alarms_per_200_docs": per_200(hits - slips, len(docs)),
        "seeds": args.seeds, "kinds": evaluate([text for _, text in docs], args.seeds),
    }
    if args.clean_pages:
        pages = list(clean_pages(args.clean_pages))
        page_hits, page_slips = clean_hits(pages, known, args.list_clean)
        report["pages"] = {"split": args.clean_pages, "clean_docs": len(pages), "hits": page_hits,
                           "hits_per_200_docs": per_200(page_hits, len(pages)), "source_slips_among_them": page_slips,
                           "false_alarms_per_200_docs": per_200(page_hits - page_slips, len(pages))}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
