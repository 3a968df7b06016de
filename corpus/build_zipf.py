"""Build garble/data/zipf.txt, the shipped English word-frequency table (and zipf_latin.txt, zipf_other.txt).

Reproducible from the installed wordfreq (its English "large" list, the one
``wordfreq.zipf_frequency(word, "en")`` reads). Keeps every entry a folded Latin-script
token can reach (``KEY``: Latin letters, digits and underscores joined by apostrophes or
dots, which is what ``garble.frequencies`` looks up after splitting a word the way
wordfreq's tokenizer does) and writes one ``word<TAB>centibels`` a line, sorted by code point,
under a header with the source and licence: wordfreq's code is Apache-2.0, its data
is CC-BY-SA 4.0, so the table is CC-BY-SA 4.0 too.

    python corpus/build_zipf.py [--out garble/data/zipf.txt]

A word in bucket ``i`` of wordfreq's list has frequency ``10 ** (-i / 100)``
(``i`` centibels below 1); a word listed twice keeps its last bucket, as in
``wordfreq.get_frequency_dict``.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's garble, for its LATIN letters

from garble.frequencies import LATIN

# A table key garble.frequencies can look up: runs of Latin letters, digits and "_" joined by one ' or . each.
_RUN = rf"[{LATIN}0-9_]+"
KEY = re.compile(rf"{_RUN}(?:['.]{_RUN})*")

FORMAT = "garble zipf table v2"


def header() -> str:
    """The first line: format, source, licence and layout."""
    return (
        f"# {FORMAT}; English word frequencies from wordfreq {version('wordfreq')} (large_en, "
        "https://github.com/rspeer/wordfreq; data CC-BY-SA 4.0 by Robyn Speer and contributors, "
        "so this file is CC-BY-SA 4.0); Latin-script words (zipf.txt those in ASCII, zipf_latin.txt the rest), "
        "every other entry (signs, emoji, other scripts) in zipf_other.txt; "
        "one 'word<TAB>centibels' a line, sorted; "
        "frequency = 10 ** (-centibels / 100); built by corpus/build_zipf.py"
    )


def build() -> tuple[dict[str, int], dict[str, int]]:
    """Centibels below 1 of every wordfreq English entry: those matching KEY, and the others."""
    from wordfreq import get_frequency_list

    centibels: dict[str, int] = {}
    for index, bucket in enumerate(get_frequency_list("en")):
        for word in bucket:
            centibels[word] = index
    latin = {w: cb for w, cb in centibels.items() if KEY.fullmatch(w)}
    return latin, {w: cb for w, cb in centibels.items() if w not in latin}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "garble" / "data" / "zipf.txt",
                        help="the ASCII table; the other Latin-script words go to zipf_latin.txt beside it, "
                             "every other entry to zipf_other.txt")
    args = parser.parse_args()
    latin, other = build()
    for path, table, words, encoding in (
            (args.out, latin, sorted(w for w in latin if w.isascii()), "ascii"),
            (args.out.with_name("zipf_latin.txt"), latin, sorted(w for w in latin if not w.isascii()), "utf-8"),
            (args.out.with_name("zipf_other.txt"), other, sorted(other), "utf-8")):
        lines = [header(), *(f"{w}\t{table[w]}" for w in words)]
        path.write_text("\n".join(lines) + "\n", encoding=encoding)
        print(f"{path}: {len(words):,} words")


if __name__ == "__main__":
    main()
