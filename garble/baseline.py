"""A baseline of accepted findings, so an existing corpus can adopt ``garble check``.

A finding is matched by content, not position: the file (relative to the baseline's
folder), the label and the flagged text (whitespace collapsed). Edits elsewhere in the file move a finding
without resurrecting it; a second copy of an accepted stretch is new damage,
because entries are counted.

>>> f = Finding("a.txt", "boilerplate", "Read  more:")
>>> b = Baseline.from_findings([f])
>>> b.new_findings([Finding("a.txt", "boilerplate", "Read more:")] * 2)
[Finding(path='a.txt', label='boilerplate', text='Read more:')]
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

FORMAT = "garble-baseline"
Entry = dict[str, str]  # one accepted finding as the file holds it: path, label, fingerprint, excerpt
VERSION = 2  # 2: paths relative to the baseline's folder; 1: paths as typed, read as relative to the current one


class BaselineError(ValueError):
    """A baseline file garble cannot use; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Finding:
    """What a baseline entry identifies: a file, a label and the flagged text."""

    path: str
    label: str
    text: str

    @property
    def key(self) -> tuple[str, str, str]:
        """(path, label, fingerprint of the whitespace-collapsed text)."""
        return (self.path, self.label, fingerprint(self.text))


def relative(path: str, baseline: Path) -> str:
    """``path`` as a baseline entry names it: relative to the baseline's folder, with "/" between parts, so
    that ``news/a.txt``, ``./news/a.txt``, an absolute path or a run from another folder name one file.

    >>> relative("news/./a.txt", Path("garble-baseline.json")), relative("-", Path("b.json"))
    ('news/a.txt', '-')
    """
    if path == "-":
        return path
    file = Path(path).resolve()
    try:
        return Path(os.path.relpath(file, baseline.resolve().parent)).as_posix()
    except ValueError:  # Windows: another drive than the baseline's, no relative path
        return file.as_posix()


def fingerprint(text: str) -> str:
    """A short stable hash of ``text`` with whitespace collapsed.

    >>> fingerprint("a  b\\n c") == fingerprint("a b c")
    True
    """
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Baseline:
    """Accepted findings, counted by key."""

    counts: tuple[tuple[tuple[str, str, str], int], ...] = ()

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> Baseline:
        """The baseline that accepts exactly ``findings``."""
        return cls(tuple(sorted(Counter(f.key for f in findings).items())))

    def is_new(self, findings: Iterable[Finding]) -> list[bool]:
        """For each finding in order, whether the baseline leaves it unaccounted for."""
        left = Counter(dict(self.counts))
        out = []
        for f in findings:
            out.append(left[f.key] <= 0)
            left[f.key] -= 1
        return out

    def new_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings the baseline does not account for, in their order."""
        items = list(findings)
        return [f for f, new in zip(items, self.is_new(items)) if new]


def write(path: Path, findings: Iterable[Finding], kept: Iterable[Entry] = ()) -> int:
    """Write the baseline of ``findings`` and the ``kept`` entries of an earlier one (see ``kept_entries``) to
    ``path``; return how many entries it holds."""
    entries = [
        {"path": f.path, "label": f.label, "fingerprint": fingerprint(f.text), "excerpt": " ".join(f.text.split())[:80]}
        for f in findings
    ]
    entries += kept
    entries.sort(key=lambda e: (e["path"], e["label"], e.get("excerpt", ""), e["fingerprint"]))
    doc = {"format": FORMAT, "version": VERSION, "findings": entries}
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


def kept_entries(path: Path, checked: Collection[str]) -> list[Entry]:
    """The entries of the baseline ``path`` that a new one written from a check of the files ``checked`` (named as
    entries name them) keeps: those of other files that still exist. ``garble check --write-baseline new.txt``
    wrote a baseline of new.txt's findings only, and every finding it had accepted in other files failed again."""
    folder = path.resolve().parent
    return [e for e in entries(path) if e["path"] not in checked and (e["path"] == "-" or (folder / e["path"]).exists())]


def entries(path: Path) -> list[Entry]:
    """The entries of a baseline file, its header checked, each file named as version 2 names it. A missing file
    is an error: a mistyped name read as an empty baseline failed every accepted finding as new."""
    if not path.exists():
        raise BaselineError(f"no baseline {path}; write one with --write-baseline")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BaselineError(f"cannot read baseline {path}: {err}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") not in (1, VERSION):
        raise BaselineError(f"{path} is not a {FORMAT} file of version {VERSION}; rewrite it with --write-baseline")
    out: list[Entry] = []
    for i, entry in enumerate(doc.get("findings", [])):
        try:
            # version 1 named files as typed on the command line, from the folder check ran in (here, most likely)
            where = relative(str(entry["path"]), path) if doc["version"] == 1 else str(entry["path"])
            out.append({"path": where, "label": str(entry["label"]), "fingerprint": str(entry["fingerprint"]),
                        "excerpt": str(entry.get("excerpt", ""))})
        except (TypeError, KeyError, AttributeError):
            raise BaselineError(f"{path}: finding {i} needs path, label and fingerprint") from None
    return out


def read(path: Path) -> Baseline:
    """Read a baseline file (see ``entries``)."""
    return Baseline(tuple(sorted(Counter((e["path"], e["label"], e["fingerprint"]) for e in entries(path)).items())))
