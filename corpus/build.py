"""Build the training corpus from ../shared (nothing here is copied into the repo).

    python corpus/build.py [--shared ../shared] [--out corpus/build]

Checks every source against corpus/MANIFEST.json (sha256), then writes, deterministically:
- synth-train.jsonl.gz: garble.corrupt over non-reserved Reuters articles (training);
- synth-heldout.jsonl.gz: garble.corrupt over other non-reserved articles (per-label figures only);
- reuters-reserved-clean.jsonl.gz: the reserved articles (sha1(id) ends in 0 or 1) as clean gold,
  for the clean-document false-alarm figure; never trained on.
The real labelled pages (data/pages/*-body-dev) are read in place by `garble train`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from pathlib import Path

from garble.corrupt import Lexicon, corrupt

HERE = Path(__file__).resolve().parent
SEED = 20261123
N_TRAIN = 2500  # synthetic docs for training: ~5x the real dev pages, so real lines still count
N_HELDOUT = 400  # enough for a per-label F1 with a few hundred spans per label
# Names the clean source texts themselves misspell, each checked by hand (the same text has the name right):
# the generated documents label them mangled_name, and corpus/eval_names.py counts a hit on one as no false alarm.
SLIPS = HERE / "names_source_slips.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_manifest(shared: Path) -> dict[str, Path]:
    manifest = json.loads((HERE / "MANIFEST.json").read_text())
    paths = {}
    for src in manifest["sources"]:
        path = shared / src["path"]
        if not path.exists():
            sys.exit(f"{path}: missing (see corpus/MANIFEST.json)")
        got = sha256(path)
        if got != src["sha256"]:
            sys.exit(f"{path}: sha256 {got} differs from MANIFEST.json {src['sha256']}; the corpus would differ")
        paths[src["path"]] = path
    return paths


def bucket(doc_id: str) -> str:
    """Last hex digit of sha1(id): 0/1 reserved for evaluation, 2 held out for the generator's figures."""
    return hashlib.sha1(doc_id.encode()).hexdigest()[-1]


def read_lines(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip()]


def lexicon(paths: dict[str, Path]) -> Lexicon:
    heads = read_lines(paths["data/lexicon/headlines-fakenews.txt"])
    heads += [h.title() for h in read_lines(paths["data/lexicon/headlines-reuters21578.txt.gz"])[:3000]]
    names = []
    for key in ("names-us-congress.txt", "names-world-leaders-wikidata.txt", "names-cia-world-leaders.txt"):
        names += [n for n in read_lines(paths[f"data/lexicon/{key}"]) if 2 <= len(n.split()) <= 3]
    return Lexicon(tuple(heads), tuple(names))


def source_slips() -> dict[str, tuple[str, ...]]:
    """The audited slips of SLIPS: each article id's misspelled names, as written."""
    out: dict[str, tuple[str, ...]] = {}
    for slip in json.loads(SLIPS.read_text(encoding="utf-8")):
        out[slip["id"]] = (*out.get(slip["id"], ()), slip["written"])
    return out


def write(path: Path, docs: list[dict]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        for d in docs:
            f.write((json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n").encode())
    print(f"{path}: {len(docs)} docs, {sum(1 for d in docs if d['spans'])} with spans")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"),
                    help="the shared research data, its files as corpus/MANIFEST.json lists them (default: %(default)s)")
    ap.add_argument("--out", default=str(HERE / "build"), help="folder to write the three files (default: %(default)s)")
    a = ap.parse_args()
    paths = check_manifest(Path(a.shared))
    lex = lexicon(paths)
    with gzip.open(paths["data/news/reuters21578.jsonl.gz"], "rt") as f:
        articles = [json.loads(ln) for ln in f]
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    train = [d for d in articles if bucket(d["id"]) not in "012"][:N_TRAIN]
    heldout = [d for d in articles if bucket(d["id"]) == "2"][:N_HELDOUT]
    slips = source_slips()
    rng = random.Random(SEED)
    write(out / "synth-train.jsonl.gz", [corrupt(d, rng, lex, slips.get(d["id"], ())) for d in train])
    rng = random.Random(SEED + 1)
    write(out / "synth-heldout.jsonl.gz", [corrupt(d, rng, lex, slips.get(d["id"], ())) for d in heldout])
    reserved = [{"id": d["id"], "text": d["text"], "spans": [], "meta": {"source": d["id"]}}
                for d in articles if bucket(d["id"]) in "01"]
    write(out / "reuters-reserved-clean.jsonl.gz", reserved)


if __name__ == "__main__":
    main()
