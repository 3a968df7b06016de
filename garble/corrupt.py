"""Synthetic damage: clean articles -> labelled BENCHMARK-format documents, for every label.

Modelled on the seeds (shared/data/seeds), the real scraped articles in shared/data/wild and
the thehill.com hover cards of the Scrapinghub pages: furniture lines (prompts, time stamps,
bylines, menus), runs of related headlines, hover cards glued to a name, headline fragments
spliced into sentences, mangled names, duplicated text, mojibake and seams. Position, length
and joining vary (no space, one space, " | ", a line break, glued capitals). A share of the
documents stays fully clean. Everything is drawn from one ``random.Random``, so a seed
reproduces the corpus exactly.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from garble import gazetteer
from garble.lexical import FUNCTION_WORDS
from garble.name_corruptions import damage_name
from garble.signals.seams import stub_start

# Share of documents left untouched: about half the real *-body pages are clean (pages/README.md).
CLEAN_SHARE = 0.35

PROMPTS: tuple[str, ...] = (
    "Read more:", "READ MORE", "Related:", "Advertisement", "Share this article", "Share", "Tweet",
    "Click To Tweet", "Sign up for our newsletter", "Subscribe", "Follow us on Twitter", "News line",
    "Trending News", "Related Topics", "Continue reading below", "Video", "Comments", "Buy Now",
    "Hamısı", "Why you can trust us", "Photo: Getty Images", "Image copyright Reuters",
    "All rights reserved.", "Most Read", "Skip to main content", "Back to top",
)
MENU: tuple[str, ...] = ("Home", "News", "World", "Business", "Politics", "Sport", "Opinion", "Tech",
                         "Markets", "Video", "Health", "Science", "Culture", "Travel", "Weather")
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
JOINERS: tuple[str, ...] = ("", " ", " | ", "\n")
# Paragraphs tried for a person's name to damage: one in four Reuters paragraphs names a person
# in full, so one try left most mangled_name draws undone (5 spans in 400 held-out documents).
NAME_TRIES = 8
# A sentence: up to . ! or ? that is followed by a capital or the paragraph end (not "1.05", "U.S. Agriculture").
SENTENCE = re.compile(r"""\S.*?[.!?]["')\]”’]*(?=\s+["“(]?[A-Z]|\s*$)""", re.DOTALL)
# Words no noun phrase starts with, before which a stray "the" is visible ("Asked the about", "the to a
# stronger"): closed-class words, less those that also modify a noun ("the up escalator", "the after party").
NO_ARTICLE_WORDS = FUNCTION_WORDS - {"about", "over", "up", "down", "out", "off", "after", "before", "under"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Material to inject: headlines and person names (from shared/data/lexicon)."""

    headlines: tuple[str, ...]
    names: tuple[str, ...]


Piece = tuple[str, str | None]  # text and its label (None = clean)


def _stamp(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2018, 2019, 2021, 2025))
    return rng.choice((
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} {d:02d}.{m:02d}.{y}",
        f"{MONTHS[m - 1]} {d}, {y} {rng.randint(1, 12)}:{rng.randint(0, 59):02d} am ET",
        f"(Published {rng.choice(('Monday', 'Tuesday', 'Friday'))}, {MONTHS[m - 1]} {d}, {y})",
        f"Updated {rng.randint(1, 23)} hours ago",
        f"date {y}-{m:02d}-{d:02d}",
    ))


def furniture(rng: random.Random, lex: Lexicon) -> str:
    """One line of page furniture (boilerplate)."""
    kind = rng.randrange(5)
    if kind == 0:
        return f"{rng.choice(MENU)} {_stamp(rng)}"
    if kind == 1:
        return f"By {rng.choice(lex.names)}{rng.choice((' | ', ', ', chr(10)))}{_stamp(rng)}"
    if kind == 2:
        return rng.choice((" | ", " ", "\n")).join(rng.sample(MENU, rng.randint(2, 7)))
    if kind == 3:
        return _stamp(rng)
    return rng.choice(PROMPTS)


def headline_run(rng: random.Random, lex: Lexicon) -> str:
    """Related-story headlines, one a line, sometimes each with a time stamp (the seed's list)."""
    lines = []
    stamped = rng.random() < 0.4
    for _ in range(rng.randint(1, 8)):
        lines.append(rng.choice(lex.headlines))
        if stamped:
            lines.append(_stamp(rng))
    return "\n".join(lines)


def hover_card(rng: random.Random, lex: Lexicon, name: str) -> str:
    """A thehill.com hover card: the name, then its related headlines glued on, ending in MORE."""
    heads = " | ".join(rng.choice(lex.headlines) for _ in range(rng.randint(1, 3)))
    return f"{name}{heads}{rng.choice((' MORE', '', ' MORE'))}"


Para = list[Piece]


def _clean_paragraph(doc: list[Para], rng: random.Random, min_words: int) -> tuple[int, str] | None:
    """A random paragraph that is still one clean piece of at least ``min_words`` words."""
    idx = [i for i, para in enumerate(doc)
           if len(para) == 1 and para[0][1] is None and para[0][0].count(" ") >= min_words]
    if not idx:
        return None
    i = rng.choice(idx)
    return i, doc[i][0][0]


def _damage(para: str, rng: random.Random, lex: Lexicon, label: str) -> tuple[int, int, str] | None:
    """Where to damage ``para`` and with what: replace ``para[s:e]`` by the labelled text."""
    sents = [(m.start(), m.start() + len(m.group().rstrip())) for m in SENTENCE.finditer(para)]
    if not sents:
        return None
    s, e = rng.choice(sents)
    words = para[s:e].split(" ")
    starts = [s + len(" ".join(words[:k])) + (1 if k else 0) for k in range(len(words))]
    at = rng.randrange(1, len(words)) if len(words) > 1 else 0
    if label == "mangled_name":  # a person's name, damaged the ways seed-004's are (name_corruptions)
        c = damage_name(para, rng, gazetteer.load())
        return (c.start, c.start + len(c.original), c.text[c.start : c.end]) if c else None
    if label == "repetition":
        if rng.random() < 0.4:  # a whole sentence pasted again after itself
            return e, e, para[s:e]
        k = rng.randint(1, min(4, at or 1))
        return starts[at], starts[at], " ".join(words[at - k : at])
    if label == "encoding":
        word = words[at]
        moji = rng.choice(("â€™", "â€œ", "Ã©", "\N{REPLACEMENT CHARACTER}", "Ã¢â‚¬â„¢", "â€\x9d", "Ã¨"))
        pos = rng.randrange(len(word) + 1)
        return starts[at], starts[at] + len(word), word[:pos] + moji + word[pos:]
    if label == "broken_text":
        if rng.random() < 0.3:  # stray function words dropped into the sentence
            stray = rng.choice(("a the", "of the in", "to a", "the"))
            if stray == "the" and words[at] not in NO_ARTICLE_WORDS:  # "the amount of the corn" reads as English
                stray = "a the"
            return starts[at], starts[at], stray
        # the sentence is cut after a few words and the next one starts; the damage is the stub left of the
        # cut, its last CUT_TAIL_WORDS words after any comma, as seed-004's "partner, [with US efforts] Other"
        cut = min(at + rng.randint(1, 4), len(words))
        stub = stub_start(words, cut)
        return starts[stub], e, " ".join(words[stub:cut]).rstrip(".,;:")
    if label == "injected_link":
        return starts[at], starts[at], hover_card(rng, lex, rng.choice(lex.names))
    frags = [rng.choice(lex.headlines) for _ in range(rng.randint(1, 3))]  # spliced_headline
    return starts[at], starts[at], " ".join(frags)


def _sentence_op(doc: list[Para], rng: random.Random, lex: Lexicon, label: str) -> None:
    """Damage inside a sentence of a clean paragraph: names, repeats, mojibake, seams, splices, cards."""
    where = None
    for _ in range(NAME_TRIES if label == "mangled_name" else 1):
        found = _clean_paragraph(doc, rng, 12)
        if found is None:
            return
        i, para = found
        if (where := _damage(para, rng, lex, label)) is not None:
            break
    if where is None:
        return
    s, e, bad = where
    left, right = para[:s], para[e:]
    joiner = rng.choice(JOINERS[:3]) if label in ("injected_link", "spliced_headline") else " "
    pre = left if left.endswith(" ") or not left else left + " "
    post = right if right.startswith(" ") or not right else (joiner or " ") + right.lstrip()
    if label == "injected_link" and joiner == "":
        pre = left.rstrip() if pre.endswith(" ") and rng.random() < 0.5 else pre
    if label == "mangled_name":  # the name is replaced where it stands, its punctuation kept
        pre, post = left, right
    doc[i] = [p for p in ((pre, None), (bad, label), (post, None)) if p[0]]


def _block_op(doc: list[Para], rng: random.Random, lex: Lexicon, label: str) -> None:
    """Whole lines or paragraphs of furniture or related headlines, at the top, middle or end."""
    if label == "boilerplate":
        block: list[Para] = [[(furniture(rng, lex), "boilerplate")] for _ in range(rng.randint(1, 3))]
    elif rng.random() < 0.3:
        block = [[(rng.choice(("Read more:", "Related:", "READ MORE:", "See also:")), "boilerplate")],
                 [(headline_run(rng, lex), "injected_link")]]
    else:
        block = [[(headline_run(rng, lex), "injected_link")]]
    where = rng.choice((1, 1, len(doc), rng.randrange(1, max(2, len(doc)))))
    doc[where:where] = block


def _mixed_op(doc: list[Para], rng: random.Random, lex: Lexicon, label: str) -> None:
    """Injected links come as whole runs of headlines or as inline hover cards."""
    (_block_op if rng.random() < 0.6 else _sentence_op)(doc, rng, lex, label)


OPS: dict[str, Callable[[list[Para], random.Random, Lexicon, str], None]] = {
    "boilerplate": _block_op, "injected_link": _mixed_op, "spliced_headline": _sentence_op,
    "mangled_name": _sentence_op, "repetition": _sentence_op, "encoding": _sentence_op,
    "broken_text": _sentence_op,
}


def _assemble(paragraphs: Sequence[Para]) -> tuple[str, list[dict[str, Any]]]:
    text, spans = "", []
    for n, para in enumerate(paragraphs):
        if n:
            text += "\n\n"
        for piece, label in para:
            if label and piece.strip():
                spans.append({"start": len(text), "end": len(text) + len(piece), "label": label})
            text += piece
    return text, spans


# A paragraph of the source article that repeats an earlier one word for word is the
# wire feed's own duplication (Reuters-21578 re-sends whole stretches of some stories,
# e.g. reuters21578-4744 and -16723): damage by BENCHMARK.md's definition, so its gold is
# repetition, not clean. Shorter repeats ("He declined to comment.") are honest.
MIN_REPEATED_WORDS = 10


def _key(text: str) -> str:
    return " ".join(text.split())


def _label_source_repeats(doc: list[Para], paras: Sequence[str]) -> None:
    """Label the later copies of a long source paragraph that are still clean as repetition.

    Done after the damage is drawn, so the random stream (and every other document of a
    corpus) is the same as without it.

    >>> p = "Officials said talks on the new trade rules would resume next week in Geneva."
    >>> doc = [[(p, None)], [("Short.", None)], [(p, None)], [("Short.", None)]]
    >>> _label_source_repeats(doc, [p, "Short.", p, "Short."])
    >>> [label for [(_, label)] in doc]
    [None, None, 'repetition', None]
    """
    counts = Counter(_key(p) for p in paras)
    repeated = {k for k, n in counts.items() if n > 1 and k.count(" ") >= MIN_REPEATED_WORDS - 1}
    seen: set[str] = set()
    for para in doc:
        if len(para) != 1 or para[0][1] is not None or (key := _key(para[0][0])) not in repeated:
            continue
        if key in seen:
            para[0] = (para[0][0], "repetition")
        seen.add(key)


def _label_source_slips(doc: list[Para], slips: Sequence[str]) -> None:
    """Label each name the source itself misspells (``slips``, as written) where it is still clean text.

    The clean article is the gold's "clean", but a name its writer got wrong where the same text has
    it right ("Princeville Aiways" beside "Princeville Airways") is a mangled name by BENCHMARK.md's
    definition, and one that garble should find. Like _label_source_repeats, done after the damage is
    drawn, so the random stream is the same as without it.

    >>> doc = [[("Santa Fe said. Sante Fe rose.", None)], [("Sante Fe", "injected_link")]]
    >>> _label_source_slips(doc, ["Sante Fe"])
    >>> doc
    [[('Santa Fe said. ', None), ('Sante Fe', 'mangled_name'), (' rose.', None)], [('Sante Fe', 'injected_link')]]
    """
    if not slips:
        return
    slip = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, slips)) + r")(?!\w)")
    for i, para in enumerate(doc):
        pieces: Para = []
        for text, label in para:
            if label is not None:  # damage already: the slip's text is that damage's
                pieces.append((text, label))
                continue
            at = 0
            for m in slip.finditer(text):
                pieces += [p for p in ((text[at : m.start()], None), (m.group(), "mangled_name")) if p[0]]
                at = m.end()
            if text[at:] or not at:  # the rest after the last slip, or the piece untouched
                pieces.append((text[at:], None))
        doc[i] = pieces


def corrupt(article: dict[str, Any], rng: random.Random, lex: Lexicon,
            slips: Sequence[str] = ()) -> dict[str, Any]:
    """A labelled document made from one clean ``{"id", "text", "meta"}`` article; ``slips`` are the
    names the article itself misspells, as written (corpus/names_source_slips.json), labelled mangled_name.

    >>> lex = Lexicon(("Talks resume in Geneva",), ("Jane Doe",))
    >>> art = {"id": "a1", "text": "Officials said on Monday that talks would resume soon.", "meta": {}}
    >>> doc = corrupt(art, random.Random(0), lex)
    >>> all(doc["text"][s["start"]:s["end"]].strip() for s in doc["spans"])
    True
    """
    title = str(article.get("meta", {}).get("title") or "").title()
    paras = [p for p in article["text"].split("\n\n") if p.strip()]
    doc: list[Para] = ([[(title, None)]] if title and rng.random() < 0.7 else []) + [[(p, None)] for p in paras]
    meta = {"source": article["id"], "group": article["id"], "made_by": "garble.corrupt"}
    if rng.random() >= CLEAN_SHARE:
        for label in rng.sample(sorted(OPS), rng.randint(1, 3)):
            for _ in range(rng.randint(1, 2)):
                OPS[label](doc, rng, lex, label)
    _label_source_repeats(doc, paras)
    _label_source_slips(doc, slips)
    text, spans = _assemble(doc)
    return {"id": f"synth-{article['id']}", "text": text, "spans": spans, "meta": meta}
