"""Reports, from hand-built scans: machine formats, linter lines, SARIF, terminal text, HTML escaping."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import garble
from garble.datatypes import Label, Paragraph, Scan, Span
from garble.inputs import Problem, Record
from garble.reports import html, jsonl, linter, sarif, terminal
from garble.reports.common import Result, Worst, defang, line_col, spans_by_paragraph

TEXT = "Talks resume on Monday.\n\nRead more:\n\nThe mayor didnâ€™t comment."
READ, MOJI = TEXT.index("Read more:"), TEXT.index("â€™")
SPANS = (Span(READ, READ + 10, Label.BOILERPLATE, 0.9, "furniture_prompt"),
         Span(MOJI, MOJI + 3, Label.ENCODING, 0.95, "encoding_mojibake", suggestion="’"))
PARAS = (Paragraph(0, 23, 1.0), Paragraph(25, 35, 0.1), Paragraph(37, len(TEXT), 0.9))


def result(text: str = TEXT, spans: tuple[Span, ...] = SPANS, paras: tuple[Paragraph, ...] = PARAS,
           doc_id: str = "a.txt", line: int | None = None) -> Result:
    return Result(Record(doc_id, text, "a.txt", line), Scan(text, spans, paras, 0.7))


PROBLEM = Problem("c.jsonl:2", "c.jsonl", 2, "malformed JSONL line")


def test_spans_in_the_fixture_cover_what_they_claim() -> None:
    assert [TEXT[s.start:s.end] for s in SPANS] == ["Read more:", "â€™"]
    assert [TEXT[p.start:p.end][:5] for p in PARAS] == ["Talks", "Read ", "The m"]


def test_jsonl_writes_one_object_per_item_in_order_with_error_records() -> None:
    out = io.StringIO()
    tally = jsonl.render_jsonl([result(), PROBLEM, result(doc_id="b")], out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a.txt", "c.jsonl:2", "b"]
    assert rows[0]["spans"][0] == {"start": 25, "end": 35, "label": "boilerplate", "score": 0.9,
                                   "reason": "furniture_prompt"}
    assert rows[1] == {"id": "c.jsonl:2", "error": "malformed JSONL line", "path": "c.jsonl", "line": 2}
    assert (tally.documents, tally.errors, tally.labels["encoding"]) == (2, 1, 2)


def test_json_is_one_document_with_a_summary() -> None:
    out = io.StringIO()
    jsonl.render_json([result(), PROBLEM], out)
    doc = json.loads(out.getvalue())
    assert len(doc["documents"]) == 2
    assert doc["summary"]["spans_per_label"] == {"boilerplate": 1, "encoding": 1}
    assert doc["summary"]["errors"] == 1


def test_linter_line_format_for_plain_and_jsonl_inputs() -> None:
    r = result()
    assert linter.format_line(r, SPANS[1]) == 'a.txt:5:15: encoding: "â€™" (score 0.95) [encoding_mojibake]'
    r = result(line=7)
    assert linter.format_line(r, SPANS[0]).startswith("a.txt:7:26: boilerplate:")


def test_linter_excerpt_is_one_defanged_line_with_quotes_escaped() -> None:
    text = 'He said "stop\x1b[2J now"\nplease'
    span = Span(0, len(text), Label.BROKEN_TEXT, 0.5, "x")
    line = linter.format_line(result(text, (span,), ()), span)
    assert "\x1b" not in line and "\n" not in line
    assert line == 'a.txt:1:1: broken_text: "He said \\"stop<U+001B>[2J now\\" please" (score 0.50) [x]'


def test_sarif_has_a_rule_per_label_and_a_located_result_per_span() -> None:
    out = io.StringIO()
    r = result()
    sarif.render([(r, s) for s in SPANS], out, "0.1.0")
    log = json.loads(out.getvalue())
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and len(run["tool"]["driver"]["rules"]) == len(Label)
    first = run["results"][0]
    assert first["ruleId"] == "boilerplate"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert run["columnKind"] == "unicodeCodePoints"  # what garble counts; SARIF's default is UTF-16 units


def test_sarif_writes_a_span_score_as_the_json_report_does() -> None:
    span = Span(READ, READ + 10, Label.BOILERPLATE, 0.12345678, "classifier_line")
    out = io.StringIO()
    sarif.render([(result(spans=(span,)), span)], out, "0.1.0")
    written = json.loads(out.getvalue())["runs"][0]["results"][0]["properties"]["score"]
    out = io.StringIO()
    jsonl.render_jsonl([result(spans=(span,))], out)
    assert written == json.loads(out.getvalue())["spans"][0]["score"] == 0.123457


def test_defang_shows_escape_and_bidi_characters_as_code_points() -> None:
    assert defang("\x1b]0;title\x07\u202eabc\x9b") == "<U+001B>]0;title<U+0007><U+202E>abc<U+009B>"
    assert defang("tab\tnew\nline é 😀") == "tab\tnew\nline é 😀"


def render_terminal(*items: Result | Problem) -> str:
    out = io.StringIO()
    terminal.render(list(items), out)
    return out.getvalue()


def test_terminal_without_colour_marks_spans_and_scores_each_paragraph() -> None:
    text = render_terminal(result(), PROBLEM)
    assert "«Read more:»[boilerplate]" in text and "«â€™»[encoding]" in text
    assert re.search(r"0\.10 │ «Read more:»", text)
    assert "\x1b[" not in text  # not a terminal: no colour codes
    assert "garble summary" in text and "malformed JSONL line" in text


def test_terminal_summary_tells_long_paths_in_one_folder_apart() -> None:
    """Ids were cut at their end, so every file deep in one folder read the same in the summary table."""
    folder = "corpora/2024/scrape-run-17/outlets/example-news/articles/"
    text = render_terminal(result(doc_id=folder + "0001234.txt"), result(doc_id=folder + "0001299.txt"))
    table = text[text.index("garble summary"):]
    assert "0001234.txt" in table and "0001299.txt" in table


def test_terminal_never_passes_escape_sequences_from_the_text() -> None:
    evil = "Hello \x1b]0;owned\x07 world \x1b[31mred\x1b[0m"
    span = Span(0, 5, Label.BOILERPLATE, 0.9, "x")
    text = render_terminal(result(evil, (span,), (Paragraph(0, len(evil), 0.5),), doc_id="id\x1b[2J"))
    assert "\x1b" not in text and "<U+001B>]0;owned" in text


def test_terminal_colours_spans_by_label_when_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = render_terminal(result())
    assert "\x1b[" in coloured and "«" not in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render_terminal(result())
    assert not re.search(r"\x1b\[[\d;]*(?:3[0-8]|4[0-8])[;m]", plain)  # no foreground or background colour
    assert "«Read more:»[boilerplate]" in plain


def test_terminal_marks_spans_on_a_terminal_that_shows_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """On TERM=dumb (an editor's shell buffer) rich draws no colour, and spans, drawn only as colour, vanished."""
    monkeypatch.setenv("FORCE_COLOR", "1")  # a terminal, as a pseudo-terminal is
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "«Read more:»[boilerplate]" in render_terminal(result())


def render_html(*items: Result | Problem) -> str:
    out = io.StringIO()
    html.render(list(items), out)
    return out.getvalue()


def test_html_marks_each_span_with_its_label_and_hover_detail() -> None:
    page = render_html(result())
    marks = re.findall(r'<mark class="l-(\w+)"[^>]*data-tip="([^"]*)"[^>]*>([^<]*)</mark>', page)
    assert [(m[0], m[2]) for m in marks] == [("boilerplate", "Read more:"), ("encoding", "â€™")]
    assert "reason: encoding_mojibake" in marks[1][1] and "suggestion: ’" in marks[1][1]
    assert page.count('class="para"') == 3 and "width:10%" in page
    assert "clean view" in page and "Talks resume on Monday." in page


TEN = [f"Paragraph {i} of the article." for i in range(10)]


def fifth_flagged() -> Result:
    """The paragraphs TEN as one document, the fifth flagged."""
    text = "\n\n".join(TEN)
    bounds = [(text.index(p), text.index(p) + len(p)) for p in TEN]
    span = Span(bounds[4][0], bounds[4][0] + 9, Label.BOILERPLATE, 0.9, "x")
    scan = Scan(text, (span,), tuple(Paragraph(s, e, 0.1 if i == 4 else 1.0) for i, (s, e) in enumerate(bounds)), 0.9)
    return Result(Record("a", text, "a.txt"), scan)


def test_html_folds_long_clean_runs_and_keeps_flagged_paragraphs_with_their_neighbours_open() -> None:
    paras = TEN
    page = render_html(fifth_flagged())
    folds = re.findall(r'<details class="fold"><summary>(\d+) clean paragraphs</summary>(.*?)</details>', page)
    assert [(n, re.findall(r"Paragraph (\d)", body)) for n, body in folds] == [
        ("3", ["0", "1", "2"]), ("4", ["6", "7", "8", "9"])]
    outside = re.sub(r'<details class="fold">.*?</details>', "", page)
    shown = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<div class="text" dir="auto">(.*?)</div>', outside, re.DOTALL)]
    assert shown == [paras[3], paras[4], paras[5]] and "<mark" in outside
    every = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<div class="text" dir="auto">(.*?)</div>', page, re.DOTALL)]
    assert every == paras  # folded, not dropped


def test_terminal_folds_long_clean_runs_to_one_line() -> None:
    shown = render_terminal(fifth_flagged())
    assert re.findall(r"… (\d) clean paragraphs|Paragraph (\d)|«Paragraph»\[boilerplate\] (\d)", shown) == [
        ("3", "", ""), ("", "3", ""), ("", "", "4"), ("", "5", ""), ("4", "", "")]


def test_spans_by_paragraph_finds_what_testing_every_pair_finds() -> None:
    text = (Path(__file__).parents[1] / "examples" / "harbour-bridge.txt").read_text(encoding="utf-8")
    scan = garble.scan(text)
    brute = [[s for s in scan.spans if s.start < p.end and s.end > p.start] for p in scan.paragraphs]
    assert spans_by_paragraph(scan) == brute and sum(map(len, brute)) >= len(scan.spans) > 5


@pytest.mark.parametrize("offset, expected", [(0, (1, 1)), (1, (1, 2)), (2, (2, 1)), (3, (3, 1)), (5, (3, 3)), (6, (4, 1))])
def test_line_col_counts_lines_and_columns_from_one(offset: int, expected: tuple[int, int]) -> None:
    assert line_col("a\n\nbc\n", offset) == expected
    assert line_col("x" * 50 + "a\n\nbc\n", offset + 50) == (expected[0], expected[1] + 50 * (expected[0] == 1))


HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> </textarea><svg onload=alert(3)>'


def test_html_escapes_every_piece_of_article_text() -> None:
    span = Span(0, 25, Label.INJECTED_LINK, 0.9, "x", suggestion='"><b>')
    page = render_html(result(HOSTILE, (span,), (Paragraph(0, len(HOSTILE), 0.2),), doc_id="<script>x</script>"))
    assert "<script" not in page and "<img" not in page and "<svg onload" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/textarea&gt;" in page


def test_html_is_self_contained() -> None:
    page = render_html(result(), result(doc_id="b"))
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "<link" not in page and "<script" not in page and "@import" not in page


def test_html_corpus_summary_orders_documents_worst_first_and_links_them() -> None:
    clean = Result(Record("clean-doc", "Fine.", "c"), Scan("Fine.", (), (Paragraph(0, 5, 1.0),), 1.0))
    bad = result(doc_id="bad-doc")
    page = render_html(clean, bad, PROBLEM)
    assert page.index('id="doc-0"') < page.index("bad-doc</h2>") < page.index("clean-doc</h2>")
    assert '<a href="#doc-0">bad-doc</a>' in page
    assert "<svg" in page and "2 documents" in page and "malformed JSONL line" in page


def test_histogram_bins_every_score() -> None:
    bins = [0] * html.HIST_BINS
    for score in [0.0, 0.05, 0.55, 1.0, 1.0]:
        bins[html.score_bin(score)] += 1
    svg = html.histogram_svg(bins)
    counts = [int(n) for n in re.findall(r": (\d+) documents?</title>", svg)]
    assert sum(counts) == 5 and counts[0] == 2 and counts[-1] == 2
    assert ": 1 document</title>" in svg and ": 0 documents</title>" in svg


@pytest.mark.parametrize("width", [60, 100])
def test_the_summary_table_fits_a_narrow_terminal_and_cuts_no_label(width: int) -> None:
    """At 60 columns the counts once read "boilerpla…" and "injected_…", then folded to "injected_link" over "2"."""
    from rich.console import Console

    from garble.reports.common import Tally

    labels = ("spliced_headline", "injected_link", "injected_link", "boilerplate")
    from collections import Counter

    tally = Tally(documents=1, paragraphs=9, flagged_documents=1, labels=Counter(labels))
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    rows = Worst[terminal.Row](terminal.TABLE_ROWS)
    rows.add((0.4,), terminal.Row("/a/long/path/to/the/corpus/file.txt", 0.4, 9, labels))
    console.print(terminal.summary_table(rows, tally))
    lines = console.export_text().splitlines()
    assert all(len(line) <= width for line in lines) and not any("…" in line for line in lines)
    cells = [line.split("│")[-2].strip() for line in lines if line.count("│") > 2]
    assert all(f"{k} {labels.count(k)}" in cells for k in set(labels))


def test_html_names_the_flagged_documents_it_does_not_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_DOCUMENTS the page said only "N more documents ... not drawn": the spans in them were nowhere."""
    monkeypatch.setattr(html, "MAX_DOCUMENTS", 1)
    clean = Result(Record("clean-doc", "Fine.", "c"), Scan("Fine.", (), (Paragraph(0, 5, 1.0),), 1.0))
    page = render_html(result(doc_id="worst"), clean, result(doc_id="<b>also-flagged</b>"))
    tail = page[page.index("more documents"):]
    assert tail.startswith("more documents (1 flagged)") and "not drawn" in tail
    listed = re.findall(r"<li>(.*?) · score", tail)
    assert listed == ["&lt;b&gt;also-flagged&lt;/b&gt;"] and "worst</h2>" in page


def test_html_draws_and_lists_what_a_sort_of_every_document_gives_holding_only_the_worst(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The page held every document's text and scan until its end (a 2 GB corpus's, with -f html); now it holds
    the MAX_DOCUMENTS it draws and the ids of the MAX_LISTED it lists, in the order a stable sort of all gives."""
    monkeypatch.setattr(html, "MAX_DOCUMENTS", 4)
    monkeypatch.setattr(html, "MAX_LISTED", 3)
    docs = []
    for n in range(40):  # scores with many ties, some documents clean
        score = [0.2, 0.5, 0.9, 1.0][n * 7 % 4]
        spans = SPANS[: n % 3] if score < 1.0 else ()
        docs.append(Result(Record(f"d{n}", TEXT, "a.txt"), Scan(TEXT, spans, PARAS, score)))
    page = render_html(*docs)
    ordered = sorted(docs, key=lambda r: (r.scan.score, -len(r.scan.spans)))
    drawn = re.findall(r'<h2>(.*?)</h2>', page)
    assert drawn == [r.record.id for r in ordered[:4]]
    flagged_rest = [r for r in ordered[4:] if r.scan.spans]
    tail = page[page.index("more documents"):]
    assert tail.startswith(f"more documents ({len(flagged_rest)} flagged), all scoring ≥ {ordered[4].scan.score:.2f}")
    assert re.findall(r"<li>(d\d+) · score", tail) == [r.record.id for r in flagged_rest[:3]]
    assert f"… and {len(flagged_rest) - 3} more flagged documents" in tail


@pytest.mark.parametrize("items", [[], [PROBLEM], [result(), PROBLEM, result(doc_id="b")]], ids=["none", "error", "mixed"])
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_json_is_written_as_it_comes_laid_out_as_json_dump_lays_out_the_whole(items: list[Result | Problem],
                                                                              encoding: str) -> None:
    """The document was built whole in memory and dumped at the end; written record by record, it must still
    be the same bytes."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding)
    jsonl.render_json(items, out, {"version": "0.1.0", "weights": "body"})
    out.flush()
    written = raw.getvalue().decode(encoding)
    whole = json.loads(written)
    assert written == json.dumps(whole, ensure_ascii=encoding == "ascii", indent=1) + "\n"
    assert [d.get("id") for d in whole["documents"]] == [i.id if isinstance(i, Problem) else i.record.id for i in items]


def _clean(doc_id: str) -> Result:
    return Result(Record(doc_id, "Fine.", "c"), Scan("Fine.", (), (Paragraph(0, 5, 1.0),), 1.0))


def test_terminal_folds_a_run_of_clean_documents_to_one_line_and_shows_short_runs_whole() -> None:
    """A corpus of 924 clean Reuters articles printed 900 rules saying "clean" around the 23 flagged ones."""
    items = [_clean("c1"), _clean("c2"), result(doc_id="bad1"), *(_clean(f"r{i}") for i in range(1, 6)),
             result(doc_id="bad2"), _clean("t1"), _clean("t2"), _clean("t3")]
    text = render_terminal(*items)
    lines = text.splitlines()
    assert sum(line.startswith(("c1 ", "c2 ")) and "clean" in line for line in lines) == 2  # a run of two: whole
    assert "┆ 5 clean documents, r1 … r5" in lines and "┆ 3 clean documents, t1 … t3" in lines
    assert not any(line.startswith(("r3 ", "t2 ")) for line in lines)
    assert text.index("bad1") < text.index("┆ 5 clean") < text.index("bad2") < text.index("┆ 3 clean")  # in order


def test_terminal_still_shows_a_lone_clean_document() -> None:
    assert render_terminal(_clean("only")).splitlines()[0].startswith("only  score 1.00  clean")
