"""Build garble/data/census_names.txt: how common each given name and surname is, from the US Census 1990.

The US Census Bureau's 1990 name files (``dist.male.first``, ``dist.female.first``, ``dist.all.last``:
name, percent of the population, cumulative percent, rank) are a US government work, in the public
domain. They are read from the sdist of the PyPI package ``names`` 0.3.0 (MIT), which ships them
unchanged; garble does not depend on that package:

    pip download names==0.3.0 --no-deps -d /tmp/names
    python corpus/build_census_names.py /tmp/names/names-0.3.0.tar.gz [--out garble/data/census_names.txt]

Output: a header line, then one name a line, sorted, lower case, ``name<TAB>given<TAB>surname``, where
``given`` is how many of 100,000 men or of 100,000 women (whichever is more) bear it as a given
name, and ``surname`` how many of 100,000 people bear it as a surname (0: not listed, or below the cut-off). Kept: every given name
of the lists (5,163, all at 1 in 100,000 or more) and the surnames of 2 in 100,000 or more (7,500 of
88,799: "Volcker" is rarer and stays out; the rare tail adds 20 times the size and no rule reads it).
"""

from __future__ import annotations

import argparse
import io
import tarfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = ("# garble census names v1; name<TAB>given-name frequency (of men or women)<TAB>surname frequency, per 100,000;"
          " source: US Census Bureau 1990 name files (dist.male.first, dist.female.first, dist.all.last;"
          " US government work, public domain) as shipped in the PyPI package names 0.3.0 (MIT)")
# Surnames borne by fewer than 2 in 100,000 people are left out: 7,500 surnames ("New" 4, "Council" 4,
# "Bank" 1 is out) keep the file under 200 KB.
MIN_SURNAME_PER_100K = 2
PER_100K = 1000  # the files give percent with three decimals: 0.001 percent is 1 in 100,000


def read_dist(lines: Iterable[str]) -> dict[str, float]:
    """Name -> percent of the population, from one census ``dist.*`` file.

    >>> read_dist(["SMITH          1.006  1.006      1", "JOHNSON        0.810  1.816      2"])
    {'smith': 1.006, 'johnson': 0.81}
    """
    out: dict[str, float] = {}
    for line in lines:
        fields = line.split()
        if len(fields) == 4:
            out[fields[0].casefold()] = float(fields[1])
    return out


def build(male: dict[str, float], female: dict[str, float], last: dict[str, float]) -> list[str]:
    """The header and the sorted ``name<TAB>given<TAB>surname`` lines.

    >>> build({"john": 3.271}, {"mary": 2.629}, {"smith": 1.006, "john": 0.004, "mary": 0.001, "rare": 0.001})[1:]
    ['john\\t3271\\t4', 'mary\\t2629\\t1', 'smith\\t0\\t1006']
    """
    given = {n: round(max(male.get(n, 0.0), female.get(n, 0.0)) * PER_100K) for n in male.keys() | female.keys()}
    # (a given name keeps its surname frequency however low: "Hugh" 60 to 1 is a given name, "Otto" 18 to 7 both)
    surname = {n: round(p * PER_100K) for n, p in last.items() if round(p * PER_100K) >= MIN_SURNAME_PER_100K or n in given}
    names = sorted(n for n in given.keys() | surname.keys() if given.get(n, 0) or surname.get(n, 0))
    return [HEADER, *(f"{n}\t{given.get(n, 0)}\t{surname.get(n, 0)}" for n in names)]


def main() -> None:
    """Read the three census files from the ``names`` sdist and write the list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sdist", type=Path, help="names-0.3.0.tar.gz, from `pip download names==0.3.0 --no-deps`")
    parser.add_argument("--out", type=Path, default=ROOT / "garble" / "data" / "census_names.txt")
    args = parser.parse_args()
    files: dict[str, dict[str, float]] = {}
    with tarfile.open(args.sdist) as tar:
        for member in tar.getmembers():
            name = member.name.rsplit("/", 1)[-1]
            if name in ("dist.male.first", "dist.female.first", "dist.all.last"):
                data = tar.extractfile(member)
                assert data is not None, member.name
                files[name] = read_dist(io.TextIOWrapper(data, encoding="ascii"))
    missing = {"dist.male.first", "dist.female.first", "dist.all.last"} - files.keys()
    if missing:
        raise SystemExit(f"{args.sdist}: no {', '.join(sorted(missing))}; expected the names 0.3.0 sdist")
    lines = build(files["dist.male.first"], files["dist.female.first"], files["dist.all.last"])
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(lines) - 1} names")


if __name__ == "__main__":
    main()
