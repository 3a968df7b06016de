"""Build garble/data/names.txt, the shipped gazetteer of known person names.

Reproducible: reads only the public-domain / CC0 name lists in ../shared/data/lexicon
(see that folder's README.md for their provenance) and writes one name a line,
UTF-8, sorted, de-duplicated, with the sources and licences in the first line.

    python corpus/build_gazetteer.py [--lexicon ../shared/data/lexicon] [--out garble/data/names.txt]

Cleaning: quoted nicknames ("Joko "Jokowi" Widodo") and parenthesised notes
("(a.k.a. Kent Feng)", "(Acting)") are removed, a comma before a suffix is dropped
("Eliseo Rio, Jr." -> "Eliseo Rio Jr."), whitespace is collapsed, and single-token
entries are left out (a one-word entry says nothing about a name's shape).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    ("names-us-congress.txt", "unitedstates/congress-legislators (CC0 1.0)"),
    ("names-cia-world-leaders.txt", "CIA World Leaders 2019 via WilliamRADFunk/cia-world-leaders (US government work, public domain)"),
    ("names-world-leaders-wikidata.txt", "every-politician-scrapers/world-leaders-2021 (Wikidata CC0; its wikipedia.csv half is from Wikipedia lists, CC BY-SA, names only)"),
)
HEADER = "# garble names gazetteer v1; one name a line; sources: " + "; ".join(s for _, s in SOURCES)

NOISE = re.compile(
    r"""
    \s*"[^"]*"          # a quoted nickname: Joko "Jokowi" Widodo
    | \s*\([^)]*\)      # a parenthesised note: (a.k.a. Kent Feng), (Acting)
    """,
    re.VERBOSE,
)


def clean_name(line: str) -> str | None:
    """One source line as a gazetteer entry, or None when it is not a usable name.

    >>> clean_name('Joko "Jokowi" Widodo')
    'Joko Widodo'
    >>> clean_name("Eliseo Rio, Jr.")
    'Eliseo Rio Jr.'
    >>> clean_name("Chang Hsiao-yueh (a.k.a. Catharine Chang)")
    'Chang Hsiao-yueh'
    >>> clean_name("Madonna") is None
    True
    """
    name = NOISE.sub("", line).replace(",", " ")
    name = " ".join(name.split())
    if len(name.split()) < 2 or not any(c.isalpha() for c in name):
        return None
    return name


def build(lexicon: Path) -> list[str]:
    """The header line followed by the sorted, de-duplicated names of every source."""
    names: set[str] = set()
    for filename, _ in SOURCES:
        for line in (lexicon / filename).read_text(encoding="utf-8").splitlines():
            if (name := clean_name(line)) is not None:
                names.add(name)
    return [HEADER, *sorted(names)]


def main() -> None:
    """Parse the arguments and write the gazetteer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", type=Path, default=ROOT.parent / "shared" / "data" / "lexicon")
    parser.add_argument("--out", type=Path, default=ROOT / "garble" / "data" / "names.txt")
    args = parser.parse_args()
    lines = build(args.lexicon)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 1} names to {args.out}")


if __name__ == "__main__":
    main()
