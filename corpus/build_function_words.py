"""Build garble/data/function_words.txt: each language's commonest words, for reading a page not in English.

Reproducible from the installed wordfreq: for every language wordfreq lists (but those ``SKIP`` names, and
why), its TOP commonest entries of letters only, in wordfreq's order, from its "small" list. Most of them are the
language's function words ("de", "que", "em", "para"; "в", "и", "на", "что"), which is what
``garble.languages`` uses them for. One ``lang<TAB>word word ...`` a line, under a header with the
source and licence: wordfreq's data is CC-BY-SA 4.0, so the file is too.

    python corpus/build_function_words.py [--out garble/data/function_words.txt]
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's garble, for the table's format line

from garble.languages import FORMAT

TOP = 100
# wordfreq splits Chinese and Japanese with a dictionary, not at spaces, and Korean only with MeCab, which it
# does not install; garble's tokens break Bengali and Hindi words at their vowel signs; wordfreq's small Tamil
# list is half English.
SKIP = frozenset(["zh", "ja", "ko", "bn", "hi", "ta"])


def main() -> None:
    import wordfreq

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "garble" / "data" / "function_words.txt")
    args = parser.parse_args()
    rows = []
    for lang in sorted(wordfreq.available_languages("small")):
        if lang in SKIP:
            continue
        words = [w for w in wordfreq.iter_wordlist(lang, "small") if w.isalpha()][:TOP]
        rows.append(f"{lang}\t{' '.join(words)}")
    header = (f"{FORMAT} the {TOP} commonest words of letters of each language wordfreq lists but Bengali,"
              f" Chinese, Hindi, Japanese, Korean and Tamil, from wordfreq {version('wordfreq')} (its 'small' lists, https://github.com/rspeer/wordfreq; data"
              " CC-BY-SA 4.0 by Robyn Speer and contributors, so this file is CC-BY-SA 4.0); one"
              " 'lang<TAB>words' a line; built by corpus/build_function_words.py")
    args.out.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(rows)} languages")


if __name__ == "__main__":
    main()
