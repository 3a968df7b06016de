"""Linear-time check of ``garble.scan`` on adversarial shapes (issue 7).

For each shape, scan a text of size N and one of size 2N (median of 3 runs each)
and print the ratio t(2N) / t(N); linear time gives about 2, the goal is <= 2.3.

    python benchmarks/growth.py            # N = 200,000 characters-ish per shape
    python benchmarks/growth.py --n 50000 --only ab_run
    python benchmarks/growth.py --profile name_reps   # cProfile the 2N text of one shape
    python benchmarks/growth.py --issue --repeats 1   # the issue's sizes: 2N = 10 MB paragraph, ...
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from collections.abc import Callable

import garble

GOAL = 2.3

# Each shape builds a text from a size n (roughly the number of characters).
SHAPES: dict[str, Callable[[int], str]] = {
    "one_paragraph": lambda n: ("The minister said talks would resume on Monday. " * (n // 48 + 1))[:n],
    "one_word_paragraphs": lambda n: "word\n\n" * (n // 6),
    "spaceless_word": lambda n: "a" * n,
    "name_reps": lambda n: "John Smith " * (n // 11),
    "punctuation": lambda n: "!?.,;:-" * (n // 7),
    "ab_run": lambda n: "Ab" * (n // 2),
    "a_dash_run": lambda n: "A-" * (n // 2),
    "a_space_run": lambda n: "a " * (n // 2),
    "one_word_lines": lambda n: "Word\n" * (n // 5),
    "camel_colons": lambda n: "AbCd:" * (n // 5),
    "mojibake_run": lambda n: "â€™" * (n // 3),
    "email_run": lambda n: "a@" * (n // 2),  # the e-mail regex once backtracked on this
    "initials": lambda n: "A. " * (n // 3),  # one endless "name" of initials
    "upper_words": lambda n: "WORD " * (n // 5),  # a headline-shaped run
    "doubled_words": lambda n: "the " * (n // 4),  # one repetition hit per word
    "furniture_reps": lambda n: "Read more: Share this. " * (n // 23),
    "space_run": lambda n: "a" + " " * n + "b.",
    "newlines": lambda n: "\n" * n,
    "open_parens": lambda n: "(" * n,
    "digits": lambda n: "1" * n,
    "url_run": lambda n: "http://" + "a/" * (n // 2),
    "tab_words": lambda n: "a\t" * (n // 2),
    # embedded tweets run into one paragraph, as scraped (data/wild): title tokens were tested against
    # every signature
    "tweet_signatures": lambda n: ("So was he. Dawn McCallan (@DawnMacc) June 4, 2017 " * (n // 50 + 1))[:n],
}
# The issue's sizes (the 2N text): python benchmarks/growth.py --issue
ISSUE_SIZES: dict[str, int] = {
    "one_paragraph": 10_000_000,  # one 10 MB paragraph
    "one_word_paragraphs": 600_000,  # 100,000 one-word paragraphs ("word\n\n")
    "spaceless_word": 1_000_000,  # a 1 MB word with no spaces
    "name_reps": 1_100_000,  # 100,000 repetitions of one name ("John Smith ")
}


def median_time(text: str, repeats: int = 3) -> float:
    """Median wall time of ``repeats`` scans of ``text``, in seconds."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        garble.scan(text)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def growth(shape: Callable[[int], str], n: int, repeats: int = 3) -> tuple[float, float, float]:
    """(t(N), t(2N), ratio) for one shape."""
    t1 = median_time(shape(n), repeats)
    t2 = median_time(shape(2 * n), repeats)
    return t1, t2, t2 / max(t1, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--only", nargs="*", default=None, help="shape names to run")
    parser.add_argument("--profile", default=None, help="cProfile the 2N text of this shape")
    parser.add_argument("--issue", action="store_true", help="the issue's sizes for the shapes it names")
    parser.add_argument("--repeats", type=int, default=3, help="runs per size (the median is kept)")
    args = parser.parse_args()
    garble.scan("warm up the model and the lexicons.")
    if args.profile:
        text = SHAPES[args.profile](2 * args.n)
        cProfile.runctx("garble.scan(text)", globals(), {"text": text}, "/tmp/growth.prof")
        pstats.Stats("/tmp/growth.prof").sort_stats("cumulative").print_stats(25)
        return
    print(f"{'shape':22} {'N':>9} {'t(N) s':>9} {'t(2N) s':>9} {'ratio':>6}", flush=True)
    for name, shape in SHAPES.items():
        if (args.only and name not in args.only) or (args.issue and name not in ISSUE_SIZES):
            continue
        n = ISSUE_SIZES[name] // 2 if args.issue else args.n
        t1, t2, ratio = growth(shape, n, args.repeats)
        flag = "" if ratio <= GOAL else "  <-- super-linear?"
        print(f"{name:22} {n:>9} {t1:>9.3f} {t2:>9.3f} {ratio:>6.2f}{flag}", flush=True)


if __name__ == "__main__":
    main()
