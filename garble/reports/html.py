"""HTML report: one self-contained page (inline CSS, no script, no network).

For a corpus the page opens with a summary (documents, a score histogram as inline
SVG, spans per label, the worst documents linked), then the documents worst first.
Each document shows its paragraphs with a score bar in the margin and flagged spans
highlighted by label and named (so not by colour alone; the name is drawn by the style sheet, and text
copied from the page has none), with the label, score, reason and suggestion on hover, and a
"clean" view of the text with the spans removed. Long runs of clean paragraphs are folded
(``common.paragraph_runs``), a click away.

Every piece of article text goes through ``html.escape`` (and control characters
are defanged first), so a document holding ``<script>`` shows it as text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from garble.clean import remove_spans
from garble.datatypes import LABELS, Label, Paragraph, Scan, Span
from garble.inputs import Problem
from garble.reports.common import (
    Item,
    Result,
    Tally,
    Worst,
    counted,
    defang,
    excerpt,
    paragraph_pieces,
    paragraph_runs,
)

LABEL_COLOURS: dict[Label, str] = {
    Label.SPLICED_HEADLINE: "#f3b0ee",
    Label.INJECTED_LINK: "#97e0ef",
    Label.MANGLED_NAME: "#ffe17a",
    Label.BOILERPLATE: "#cfd4da",
    Label.REPETITION: "#ffc994",  # not green: green is the clean paragraphs' score bar
    Label.ENCODING: "#ff9c9c",
    Label.BROKEN_TEXT: "#c6b5ff",
}
# Documents drawn in full; past this a corpus report names the flagged rest in a list at its end,
# so the page stays small enough for a browser (about 2,000 words a document).
MAX_DOCUMENTS = 300
# Flagged documents past MAX_DOCUMENTS named in the list at the page's end, worst first; the rest are counted.
MAX_LISTED = 1000
WORST_LINKED = 10  # worst documents linked from the summary
HIST_BINS = 10
MIN_BAR = 6  # per cent of the margin bar a paragraph scoring 0 still fills
MIN_BAR_PX = 4  # the least height of a histogram bin that holds a document

CSS = """
body{font:15px/1.55 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 2rem;color:#1d2430}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin:0}
h1,h2,li{overflow-wrap:anywhere}
.doc{border-top:2px solid #ccd;margin-top:2rem;padding-top:.6rem}
.meta{color:#556;font-size:.85rem}
.para{display:grid;grid-template-columns:4.5rem 1fr;gap:.8rem;margin:.6rem 0}
.gutter{font:12px/1.2 ui-monospace,monospace;color:#445;padding-top:.25rem}
.bar{height:6px;background:#e3e6ea;border-radius:3px;margin-top:3px;overflow:hidden}
.bar i{display:block;height:100%}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
mark{border-radius:3px;padding:0 1px;position:relative;color:inherit}
mark::after{content:attr(data-label);font:600 10px/1 ui-monospace,monospace;vertical-align:super;margin-left:2px;
 padding:0 2px;border:1px solid #556;border-radius:2px;background:#fff;color:#1d2430}
mark:hover::before{content:attr(data-tip);position:absolute;left:0;top:1.6em;z-index:2;white-space:pre;
 background:#1d2430;color:#fff;font-size:12px;padding:.3rem .5rem;border-radius:4px}
.chip{display:inline-block;padding:0 .4rem;border-radius:3px;margin-right:.4rem}
table{border-collapse:collapse}td,th{padding:.15rem .6rem;text-align:left}
details{margin:.6rem 0}.clean{white-space:pre-wrap;background:#f6f8f6;padding:.6rem;border-radius:4px}
.fold>summary{color:#556;font-size:.85rem;cursor:pointer;padding:.2rem 0 .2rem 5.3rem;border-top:1px dashed #ccd;
 border-bottom:1px dashed #ccd}
.error{color:#a11}
"""
CSS += "".join(f".l-{label.value}{{background:{colour}}}\n" for label, colour in LABEL_COLOURS.items())


def esc(text: str) -> str:
    """Article text made safe for HTML: control characters defanged, then escaped.

    >>> esc('"><img src=x onerror=alert(1)>')
    '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
    """
    return html.escape(defang(text), quote=True)


def score_colour(score: float) -> str:
    """Bar colour for a cleanliness score (the benchmark's dirty line is 0.9).

    >>> score_colour(0.3), score_colour(0.95)
    ('#d64545', '#3c9a52')
    """
    return "#d64545" if score < 0.5 else "#e0a030" if score < 0.9 else "#3c9a52"


def tooltip(span: Span) -> str:
    """What hovering a span shows: label, score, reason and any suggestion."""
    tip = f"{span.label.value}  score {span.score:.2f}\nreason: {span.reason}"
    if span.suggestion:
        tip += f"\nsuggestion: {span.suggestion}"
    return tip


def paragraph_html(scan: Scan, para: Paragraph, spans: Sequence[Span]) -> str:
    """One paragraph: the score bar in the margin, the text with spans marked."""
    parts = [esc(text) if span is None else
             f'<mark class="l-{span.label.value}" data-label="{span.label.value}" '
             f'data-tip="{esc(tooltip(span))}" title="{esc(tooltip(span))}">{esc(text)}</mark>'
             for text, span in paragraph_pieces(scan, para, spans)]
    width = max(MIN_BAR, round(para.score * 100))  # a 0.00 paragraph, the worst, still shows its red
    return (f'<div class="para"><div class="gutter">{para.score:.2f}<div class="bar">'
            f'<i style="width:{width}%;background:{score_colour(para.score)}"></i></div></div>'
            f'<div class="text" dir="auto">{"".join(parts)}</div></div>')


def document_html(number: int, result: Result) -> str:
    """One document's section."""
    scan = result.scan
    counts = ", ".join(f"{label.value} {n}" for label in LABELS
                       if (n := sum(s.label == label for s in scan.spans))) or "clean"
    paras = []
    for show, run in paragraph_runs(scan):
        drawn = [paragraph_html(scan, para, spans) for para, spans in run]
        paras.append("".join(drawn) if show else folded(drawn))
    cleaned = remove_spans(scan) if scan.spans else scan.text
    return (f'<section class="doc" id="doc-{number}"><h2>{esc(result.record.id)}</h2>'
            f'<div class="meta">score {scan.score:.2f} · {counted(len(scan.paragraphs), "paragraph")} · '
            f'{counted(len(scan.spans), "span")} ({esc(counts)})</div>'
            f'{"".join(paras)}<details><summary>clean view</summary>'
            f'<div class="clean">{esc(cleaned)}</div></details></section>')


def folded(run: Sequence[str]) -> str:
    """A run of clean paragraphs' HTML under one "N clean paragraphs" line."""
    return f'<details class="fold"><summary>{counted(len(run), "clean paragraph")}</summary>{"".join(run)}</details>'


def score_bin(score: float) -> int:
    """The histogram bin of a document score: ``HIST_BINS`` from 0 to 1, a score of 1 in the last."""
    return min(HIST_BINS - 1, int(score * HIST_BINS))


def histogram_svg(bins: Sequence[int]) -> str:
    """Document scores as a small inline SVG bar chart: ``bins`` holds how many fall in each of the ``HIST_BINS``
    bins from 0 to 1 (``score_bin``), counted as the documents stream past."""
    top = max(bins) or 1
    w, h, bw = 300, 90, 300 // HIST_BINS
    heights = [max(MIN_BAR_PX, n * (h - 12) / top) if n else 0.0 for n in bins]  # one document is still seen
    bars = "".join(
        f'<rect x="{i * bw + 1}" y="{h - heights[i]:.1f}" width="{bw - 2}" height="{heights[i]:.1f}" '
        f'fill="{score_colour((i + 0.5) / HIST_BINS)}"><title>{i / HIST_BINS:.1f}–{(i + 1) / HIST_BINS:.1f}: '
        f"{counted(n, 'document')}</title></rect>"
        + (f'<text x="{i * bw + bw / 2}" y="{h - heights[i] - 2:.1f}" '
           f'font-size="10" text-anchor="middle">{n}</text>' if n else "")
        for i, n in enumerate(bins)
    )
    axis = (f'<line x1="0" y1="{h}" x2="{w}" y2="{h}" stroke="#889"/><text x="0" y="{h + 12}" font-size="10">0 (garbled)</text>'
            f'<text x="{w}" y="{h + 12}" font-size="10" text-anchor="end">1 (clean)</text>')
    return (f'<svg role="img" aria-label="document score histogram" width="{w}" height="{h + 16}" '
            f'viewBox="0 0 {w} {h + 16}" xmlns="http://www.w3.org/2000/svg">{bars}{axis}</svg>')


def summary_html(ordered: Sequence[Result], bins: Sequence[int], tally: Tally) -> str:
    """The corpus summary at the top of the page: ``ordered`` are the documents drawn, worst first, and
    ``bins`` every document's score, counted in the histogram's bins (``score_bin``)."""
    labels = "".join(f'<tr><td><span class="chip l-{label.value}">{label.value}</span></td>'
                     f"<td>{tally.labels.get(label.value, 0)}</td></tr>" for label in LABELS)
    worst = "".join(f'<li><a href="#doc-{i}">{esc(excerpt(r.record.id, 80))}</a> · score {r.scan.score:.2f} · '
                    f"{counted(len(r.scan.spans), 'span')}</li>"
                    for i, r in enumerate(ordered[:WORST_LINKED]) if r.scan.spans)
    return (f'<section class="summary"><p>{counted(tally.documents, "document")} · {tally.flagged_documents} flagged · '
            f"{counted(tally.paragraphs, 'paragraph')} · {counted(tally.spans, 'span')} · {counted(tally.errors, 'error')} · "
            f"{tally.skipped} skipped</p>"
            f'<div style="display:flex;gap:2rem;flex-wrap:wrap"><div><b>document scores</b><br>'
            f'{histogram_svg(bins)}</div><div><b>spans per label</b>'
            f"<table>{labels}</table></div></div>"
            f"<p><b>worst documents</b></p><ol>{worst or '<li>none flagged</li>'}</ol></section>")


@dataclass(frozen=True, slots=True)
class Undrawn:
    """A flagged document past MAX_DOCUMENTS, as the list at the page's end names it (its text is not kept)."""

    id: str
    score: float
    spans: int
    labels: str  # its labels, sorted and joined by ", "

    @classmethod
    def of(cls, result: Result) -> Undrawn:
        spans = result.scan.spans
        return cls(result.record.id, result.scan.score, len(spans), ", ".join(sorted({s.label.value for s in spans})))


def undrawn_html(rest: int, first_score: float, flagged: int, listed: Sequence[Undrawn]) -> str:
    """The ``rest`` documents past ``MAX_DOCUMENTS`` (the first of them scoring ``first_score``): how many, and
    the ``flagged`` ones by id, the worst ``MAX_LISTED`` of them (``listed``). A 1,000-document report said only
    "700 more documents, all scoring ≥ 0.97, not drawn", and the spans in them were nowhere on the page."""
    line = (f"<p>{counted(rest, 'more document')} ({flagged} flagged), all scoring ≥ {first_score:.2f}, "
            "not drawn.</p>")
    if not flagged:
        return line
    rows = "".join(f"<li>{esc(excerpt(u.id, 80))} · score {u.score:.2f} · {counted(u.spans, 'span')}"
                   f" ({esc(u.labels)})</li>" for u in listed)
    if flagged > len(listed):
        rows += f"<li>… and {counted(flagged - len(listed), 'more flagged document')}</li>"
    return f"{line}<details><summary>flagged documents not drawn</summary><ol>{rows}</ol></details>"


def made_by(about: Mapping[str, str]) -> str:
    """What made the report, as a line for people.

    >>> made_by({"version": "0.1.0", "weights": "strict"})
    'garble 0.1.0 · weights: strict'
    """
    return " · ".join(f"garble {v}" if k == "version" else f"{k}: {v}" for k, v in about.items())


def problems_html(problems: Sequence[Problem], unlisted: str | None = None) -> str:
    """Inputs that could not be read, and the line counting those past them (``Tally.unlisted``)."""
    if not problems:
        return ""
    rows = "".join(f'<li class="{"skipped" if p.skipped else "error"}">{esc(p.path)}'
                   f"{'' if p.line is None else f':{p.line}'}: {esc(p.message)}</li>" for p in problems)
    rows += f"<li>{esc(unlisted)}</li>" if unlisted else ""
    return f"<section><h2>inputs not scanned</h2><ul>{rows}</ul></section>"


def render(items: Iterable[Item], out: TextIO, about: Mapping[str, str] | None = None) -> Tally:
    """Write the whole page, saying under its title what made it (``about``: garble's version and the weights)
    when given. The documents drawn are the worst ``MAX_DOCUMENTS``, held until the end to order them (``Worst``);
    of the others only the worst ``MAX_LISTED`` flagged ones' ids and counts are kept, so memory does not grow
    with the corpus."""
    tally = Tally()
    drawn = Worst[tuple[int, Result]](MAX_DOCUMENTS)  # with each its place in the input, which breaks ties
    listed = Worst[Undrawn](MAX_LISTED)
    bins = [0] * HIST_BINS  # every document's score, as the histogram counts them
    flagged_rest = 0
    for item in items:
        tally.add(item)
        if isinstance(item, Result):
            bins[score_bin(item.scan.score)] += 1
            place = tally.documents  # this document's, counted by tally.add
            dropped = drawn.add(_worst_first(place, item), (place, item))
            if dropped is not None and dropped[1].scan.spans:
                flagged_rest += 1
                listed.add(_worst_first(*dropped), Undrawn.of(dropped[1]))
    ordered = [result for _, result in drawn.items()]
    title = esc(ordered[0].record.id) if tally.documents == 1 else f"{tally.documents} documents"
    out.write(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
              f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
              f"<title>garble report: {title}</title><style>{CSS}</style></head><body>"
              f"<h1>garble report: {title}</h1>")
    if about:
        out.write(f'<p class="meta">{esc(made_by(about))}</p>')
    if tally.documents > 1 or tally.problems:
        out.write(summary_html(ordered, bins, tally))
    out.write(problems_html(tally.problems, tally.unlisted))
    out.writelines(document_html(number, result) for number, result in enumerate(ordered))
    if (first := drawn.first_of_rest()) is not None:
        out.write(undrawn_html(drawn.rest, first[1].scan.score, flagged_rest, listed.items()))
    out.write("</body></html>\n")
    return tally


def _worst_first(place: int, result: Result) -> tuple[float, float, int]:
    """The order documents are drawn in: lowest score first, then most spans, then as they came."""
    return result.scan.score, -len(result.scan.spans), place
