"""Grouped cross-validation of garble's training recipe on the real dev pages (the model card's CV figures).

    python corpus/cv.py --out /tmp/cv                 # the default (article-body) recipe
    python corpus/cv.py --out /tmp/cv-page --pages    # the page recipe: *-page-dev at PAGE_WEIGHT too
    python corpus/cv.py --out /tmp/cv-strict --strict # the strict recipe (garble train --strict)
    python corpus/cv.py --out /tmp/cv-x --extra corpus/build/aeb-extractors-dev.jsonl.gz   # more real gold

The documents of ``*-body-dev`` are split into FOLDS by web host (sha1 of ``meta.host``, so every page
of a site falls in one fold and the folds are the same in every run); for each fold, ``garble.train``
fits every stage (word model, trees, context model, label head) on the other folds' hosts plus the
synthetic training documents, and the fold's documents are scanned with those weights. With
``--pages`` the other folds' ``*-page-dev`` pages are trained on too (as ``garble train --pages``),
and the fold's ``*-page-dev`` pages are scanned as well. ``--extra`` files (more real gold with
``meta.host``, such as corpus/wild_silver.py's extractor outputs of the dev pages) are folded, trained on
and scanned as the body files are.

Writes ``OUT/<file>.pred.jsonl`` (out-of-fold predictions in the BENCHMARK.md format, to score with
``shared/bench/score.py``) and ``OUT/models/<fold>/`` (the fold's weights, reused when present; an OUT of
another recipe, ``OUT/models/recipe.json``, is refused), and
prints ``garble.evaluate``'s figures per file (equal to score.py's to 3 decimals). Needs the train
extra and ../shared. Fitting is single-threaded: to use both cores, fit disjoint folds in two processes
(``--fit-only 0 2 4`` and ``--fit-only 1 3``, same ``--out``), then run without it to scan and score; so,
with bagged trees (BAGS 3), the body CV took about 10 minutes on two cores, the page recipe about 16.

Two CV runs (two recipes, seeds or trees) are compared per file, with the difference's interval over paired
document resamples, by ``garble eval``:

    garble eval ../shared/data/pages/l3s-gn1-body-dev.jsonl.gz \
        --predictions A/l3s-gn1-body-dev.pred.jsonl --compare-predictions B/l3s-gn1-body-dev.pred.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

# This tree's garble, not an installed one: run as a script, the script's folder leads sys.path, so
# an editable install of another work tree would be measured instead.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from garble.config import Config
from garble.evaluate import render, score
from garble.pipeline import scan
from garble.train import SEED, train
from garble.trainset import group_of, read_jsonl

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pages"
BODY = ("l3s-gn1-body-dev", "scrapinghub-aeb-body-dev")
WHOLE = ("l3s-gn1-page-dev", "scrapinghub-aeb-page-dev")
SYNTHETIC = Path(__file__).resolve().parent / "build" / "synth-train.jsonl.gz"
FOLDS = 5


def fold_of(record: dict[str, Any], folds: int = FOLDS) -> int:
    """The record's fold: its host's sha1 modulo ``folds`` (stable across runs and files)."""
    return int(hashlib.sha1(group_of(record).encode()).hexdigest(), 16) % folds


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def cross_validate(out: Path, pages: bool = False, folds: int = FOLDS, synthetic: Path = SYNTHETIC,
                   fit_only: list[int] | None = None, seed: int = SEED, strict: bool = False,
                   extra: tuple[Path, ...] = ()) -> None:
    """Train per fold (with ``seed``; ``strict``: the strict weights' recipe; ``extra``: more body gold),
    scan the held-out hosts, write and score the out-of-fold predictions; with ``fit_only``, only fit those
    folds' weights."""
    # Fold weights are reused when present: only those of this very recipe (a rerun with --strict or another
    # --seed into the same --out reported the first run's weights as its own).
    recipe = {"folds": folds, "pages": pages, "seed": seed, "strict": strict, "synthetic": str(synthetic)}
    if extra:  # absent otherwise: the stamps of earlier runs stay this recipe's
        recipe["extra"] = [str(path) for path in extra]
    stamp = out / "models" / "recipe.json"
    if stamp.exists() and (earlier := json.loads(stamp.read_text(encoding="utf-8"))) != recipe:
        sys.exit(f"{out}: holds the fold weights of another recipe ({earlier}, this one {recipe}); "
                 "give another --out")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    written = stamp.with_name(f".recipe.{os.getpid()}.json")  # two --fit-only runs share OUT: never half a stamp
    written.write_text(json.dumps(recipe), encoding="utf-8")
    os.replace(written, stamp)
    gold = {name: list(read_jsonl(PAGES / f"{name}.jsonl.gz")) for name in BODY + (WHOLE if pages else ())}
    bodies = BODY + tuple(_stem(path) for path in extra)
    gold |= {_stem(path): list(read_jsonl(path)) for path in extra}
    preds: dict[str, dict[str, Any]] = {}
    for k in range(folds) if fit_only is None else fit_only:
        where = out / "models" / str(k)
        model = where / "model.json"
        if not model.exists():
            where.mkdir(parents=True, exist_ok=True)
            body, whole = where / "body.jsonl", where / "pages.jsonl"
            _write(body, [r for name in bodies for r in gold[name] if fold_of(r, folds) != k])
            _write(whole, [r for name in WHOLE if pages for r in gold[name] if fold_of(r, folds) != k])
            train([str(body)], [str(synthetic)], str(model), seed=seed, pages=[str(whole)] if pages else [],
                  strict=strict)
            body.unlink()
            whole.unlink()
        if fit_only is not None:
            continue
        config = Config(model_path=str(model))
        for records in gold.values():
            for r in records:
                if fold_of(r, folds) == k:
                    preds[str(r["id"])] = scan(r["text"], config).to_dict(str(r["id"]))
    if fit_only is not None:
        return
    for name, records in gold.items():
        _write(out / f"{name}.pred.jsonl", [preds[str(r["id"])] for r in records])
        print(f"== {name} (grouped {folds}-fold CV by host)")
        print(render(score(records, {str(r["id"]): preds[str(r["id"])] for r in records})))  # this file's only


def _stem(path: Path) -> str:
    """A gold file's name without .jsonl(.gz): its predictions' file name.

    >>> _stem(Path("corpus/build/aeb-extractors-dev.jsonl.gz"))
    'aeb-extractors-dev'
    """
    return path.name.removesuffix(".gz").removesuffix(".jsonl")


def missing_inputs(pages: bool, synthetic: Path) -> list[str]:
    """What cross_validate would read and cannot, each with where it comes from: the dev pages (../shared,
    research-use data, not in the repository) and corpus/build.py's synthetic file. Checked before any fold
    is fitted, so that a clone without them gets a line, not a FileNotFoundError traceback."""
    out = [f"{PAGES / f'{name}.jsonl.gz'}: missing (the shared research data, beside the repository)"
           for name in BODY + (WHOLE if pages else ()) if not (PAGES / f"{name}.jsonl.gz").is_file()]
    if not synthetic.is_file():
        out.append(f"{synthetic}: missing (python corpus/build.py writes it)")
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder for predictions and fold weights")
    ap.add_argument("--pages", action="store_true", help="the page recipe (train and scan *-page-dev too)")
    ap.add_argument("--folds", type=int, default=FOLDS, help=f"folds, by host (default {FOLDS}; at least 2)")
    ap.add_argument("--synthetic", type=Path, default=SYNTHETIC, help="corpus/build.py's synth-train file")
    ap.add_argument("--fit-only", type=int, nargs="+", metavar="K", help="only fit these folds' weights "
                    "(0 to FOLDS - 1)")
    ap.add_argument("--seed", type=int, default=SEED, help="training seed (garble train's); another seed shows "
                    "how far the figures move on the seed alone (models/README.md)")
    ap.add_argument("--strict", action="store_true", help="the strict weights' recipe (garble train --strict)")
    ap.add_argument("--extra", type=Path, nargs="+", default=[], metavar="GOLD",
                    help="more real body gold with meta.host, folded, trained on and scanned like *-body-dev")
    a = ap.parse_args(argv)
    if a.folds < 2:
        ap.error(f"--folds {a.folds}: at least 2 (each fold trains on the others)")
    if bad := [k for k in a.fit_only or [] if not 0 <= k < a.folds]:  # such a fold holds out nothing
        ap.error(f"--fit-only {bad[0]}: folds are 0 to {a.folds - 1}")
    problems = missing_inputs(a.pages, a.synthetic) + [f"{path}: missing" for path in a.extra if not path.is_file()]
    if problems:
        sys.exit("\n".join(problems))
    cross_validate(a.out, a.pages, a.folds, a.synthetic, a.fit_only, a.seed, a.strict, tuple(a.extra))


if __name__ == "__main__":
    main()
