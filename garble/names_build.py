"""``garble names build``: a list of known names from a user's own corpus.

A name makes the list when it is seen often (in at least ``min_docs``
documents) and consistently: of all the mentions of that name and its close
variants (the same parts in another order, or one part different), at least
``min_share`` are written this way. A name that is often mangled, or that shares
its form with several people, stays out. The list is one name a line, sorted,
under a header line, the format of ``garble/data/names.txt``; pass it back with
``--names FILE`` or ``[tool.garble] names``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from garble import gazetteer
from garble.gazetteer import NameKey, name_key
from garble.mentions import find_mentions
from garble.segment import paragraph_bounds
from garble.signals.name_rules import is_person_like

HEADER = "# garble names list v1; built by `garble names build` from {docs} documents"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Thresholds of ``build_names``."""

    # Seen in this many documents: three keeps names that recur across a small
    # corpus and drops one-off mentions (and one-off typos).
    min_docs: int = 3
    # Written this way in this share of the mentions of it and its variants:
    # 0.9 tolerates one stray variant in ten.
    min_share: float = 0.9


def _variants(key: NameKey, keys: Iterable[NameKey]) -> list[NameKey]:
    """Keys that are swaps of ``key`` or differ from it in one part."""
    out = []
    for other in keys:
        if other == key or len(other) != len(key):
            continue
        if sorted(other) == sorted(key) or sum(a != b for a, b in zip(other, key)) == 1:
            out.append(other)
    return out


def build_names(texts: Iterable[str], options: BuildOptions = BuildOptions()) -> list[str]:
    """Names seen often and consistently in ``texts``, sorted, under a header line.

    >>> docs = ["Ri Son Gwon spoke."] * 3 + ["Ri Son Gwon and Ri Gwon Son met.", "Jane Roe left."]
    >>> build_names(docs)
    ['# garble names list v1; built by `garble names build` from 5 documents']
    >>> build_names(["Ri Son Gwon spoke."] * 9 + ["Ri Gwon Son met."])[1:]
    ['Ri Son Gwon']
    """
    known = gazetteer.load()
    part = frozenset(known.by_part)
    mentions: Counter[NameKey] = Counter()
    documents: Counter[NameKey] = Counter()
    forms: defaultdict[NameKey, Counter[str]] = defaultdict(Counter)
    n_docs = 0
    for text in texts:
        n_docs += 1
        seen: set[NameKey] = set()
        for s, e in paragraph_bounds(text):
            for m in find_mentions(text, s, e, part):
                for piece in m.names():
                    key = name_key(" ".join(t.text for t in piece))
                    if len(piece) >= 2 and is_person_like(key, known):
                        mentions[key] += 1
                        forms[key][text[piece[0].start : piece[-1].end]] += 1
                        seen.add(key)
        documents.update(seen)
    by_part: defaultdict[str, set[NameKey]] = defaultdict(set)
    for key in mentions:
        for p in key:
            by_part[p].add(key)
    kept = []
    for key, count in mentions.items():
        if documents[key] < options.min_docs:
            continue
        family = _variants(key, {k for p in key for k in by_part[p]})
        if count >= options.min_share * (count + sum(mentions[k] for k in family)):
            kept.append(forms[key].most_common(1)[0][0])
    return [HEADER.format(docs=n_docs), *sorted(set(kept))]


def read_names(text: str) -> tuple[str, ...]:
    """The names of a names list (one a line; ``#`` lines and blank lines skipped).

    >>> read_names("# header\\nKim Yo Jong\\n\\nRi Son Gwon\\n")
    ('Kim Yo Jong', 'Ri Son Gwon')
    """
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
