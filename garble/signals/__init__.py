"""Stage 2: signals, the heuristics that point at damage.

A block signal is a pure ``(Block, Document) -> Iterator[Hit]``; a document signal
is a pure ``(Document) -> Iterator[Hit]`` for evidence that needs the whole text
(names seen elsewhere, repeated paragraphs). Each family lives in its own module;
this module is the one explicit, ordered registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from garble.datatypes import Block, Document, Hit
from garble.signals import (
    after,
    boilerplate,
    captions,
    comments,
    encoding,
    furniture,
    headlines,
    links,
    names,
    promos,
    related,
    repetition,
    salad,
    seams,
    titles,
)

BlockSignal = Callable[[Block, Document], Iterator[Hit]]
DocumentSignal = Callable[[Document], Iterator[Hit]]

BLOCK_SIGNALS: tuple[BlockSignal, ...] = (
    boilerplate.prompt_lines,
    boilerplate.timestamp_lines,
    boilerplate.credits,
    boilerplate.tweet_signatures,
    boilerplate.menu_words,
    boilerplate.tool_lines,
    furniture.widget_lines,
    furniture.credit_lines,
    captions.caption_lines,
    promos.promo_lines,
    furniture.markup,
    links.glued_seams,
    links.teaser_runs,
    links.dateline_teasers,
    links.inline_links,
    links.headline_lists,
    links.after_prompt,
    related.related_lines,
    headlines.headline_runs,
    titles.title_runs,
    seams.doubled_determiners,
    seams.stray_determiners,
    salad.function_word_salad,
    seams.missing_breaks,
    seams.pipe_seams,
    seams.cut_offs,
    seams.stray_possessives,
    repetition.doubled_words,
    repetition.doubled_phrases,
    encoding.mojibake,
    encoding.bad_characters,
)

DOCUMENT_SIGNALS: tuple[DocumentSignal, ...] = (
    names.mangled_names,
    repetition.repeated_text,
    comments.comment_threads,
    comments.stamped_records,
)


# Rules whose hits are added after the models, unweighed and never features (garble.signals.after says why):
# AFTER_SIGNALS for every weights, STRICT_SIGNALS for the strict weights too.
AFTER_SIGNALS: tuple[BlockSignal, ...] = (after.site_lines, after.hover_names)
STRICT_SIGNALS: tuple[BlockSignal, ...] = (after.rights_lines, after.tag_lines)


def after_hits(doc: Document, hits: list[Hit], strict: bool = False) -> list[Hit]:
    """``hits`` (sorted as ``detect`` sorts them) less those ``after.withdrawn`` takes back as writing, split
    paragraphs told from cut-offs (``after.split_paragraphs``), with the AFTER_SIGNALS' hits in ``doc`` added,
    and with ``strict`` the STRICT_SIGNALS' too."""
    signals = (*AFTER_SIGNALS, *STRICT_SIGNALS) if strict else AFTER_SIGNALS
    hits = after.split_paragraphs(doc, after.withdrawn(doc, hits))
    extra = [hit for block in doc.blocks for signal in signals for hit in signal(block, doc)]
    return sorted([*hits, *extra], key=position) if extra else hits


def position(hit: Hit) -> tuple[int, int]:
    """The order hits are kept in: by start, the longer first (what ``garble.spans.assemble`` walks)."""
    return hit.start, -hit.end


def detect(doc: Document) -> list[Hit]:
    """Run every registered signal over ``doc``; hits sorted by position."""
    hits = [hit for block in doc.blocks for signal in BLOCK_SIGNALS for hit in signal(block, doc)]
    hits.extend(hit for signal in DOCUMENT_SIGNALS for hit in signal(doc))
    hits.sort(key=position)
    return hits
