"""The HTML report in a real browser (headless Chromium): spans are in the DOM, no article script runs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from garble.datatypes import Label, Paragraph, Scan, Span
from garble.inputs import Record
from garble.reports import html
from garble.reports.common import Result

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium (Debian: apt-get install chromium)")

PWN = "document.body.setAttribute('data-pwned', 'yes')"
HOSTILE = (f"Talks resume on Monday.\n\nRead more: <script>{PWN}</script>\n\n"
           f'"><img src=x onerror="{PWN}"> The mayor didnâ€™t comment.')


def chromium(tmp_path: Path, page: Path, *mode: str) -> str:
    args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1100,900", *mode, page.as_uri()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=90, check=False)
    return done.stdout


def hostile_report(tmp_path: Path) -> Path:
    read, moji = HOSTILE.index("Read more:"), HOSTILE.index("â€™")
    spans = (Span(read, read + 10, Label.BOILERPLATE, 0.9, "furniture_prompt"),
             Span(moji, moji + 3, Label.ENCODING, 0.95, "encoding_mojibake", suggestion="’"))
    bounds = [(0, 23), (25, HOSTILE.index("\n\n", 25)), (HOSTILE.rindex("\n\n") + 2, len(HOSTILE))]
    scan = Scan(HOSTILE, spans, tuple(Paragraph(s, e, 0.5) for s, e in bounds), 0.6)
    out = io.StringIO()
    html.render([Result(Record(f"<script>{PWN}</script>", HOSTILE, "x"), scan)], out)
    page = tmp_path / "report.html"
    page.write_text(out.getvalue(), encoding="utf-8")
    return page


def test_the_harness_would_see_a_script_run(tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><body><script>{PWN}</script></body></html>", encoding="utf-8")
    assert re.search(r"<body[^>]*data-pwned", chromium(tmp_path, page, "--dump-dom"))


def test_spans_are_in_the_dom_and_no_article_script_ran(tmp_path: Path) -> None:
    dom = chromium(tmp_path, hostile_report(tmp_path), "--dump-dom")
    assert "</html>" in dom, "chromium printed no DOM"
    marks = re.findall(r'<mark class="l-(\w+)"[^>]*>([^<]*)</mark>', dom)
    assert marks == [("boilerplate", "Read more:"), ("encoding", "â€™")]
    assert not re.search(r"<body[^>]*data-pwned", dom)
    assert "<img" not in dom and dom.count("<script") == 0
    assert "&lt;script&gt;" in dom  # the article's markup is shown as text


def test_screenshot_is_drawn(tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(tmp_path, hostile_report(tmp_path), f"--screenshot={shot}")
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_a_long_id_or_path_does_not_widen_a_narrow_page(tmp_path: Path) -> None:
    """A 200-character id without a break (a hash, a URL) ran off a phone-width page in the title and the
    document's heading, and the whole page scrolled sideways."""
    text = "Talks resume on Monday.\n\nRead more:"
    scan = Scan(text, (Span(25, 35, Label.BOILERPLATE, 0.9, "furniture_prompt"),),
                (Paragraph(0, 23, 1.0), Paragraph(25, 35, 0.1)), 0.5)
    out = io.StringIO()
    html.render([Result(Record("x" * 200, text, "y" * 200), scan), Result(Record("b" * 200, text, "b"), scan)], out)
    # the test's own probe, in a copy of the page without its policy (which rightly lets no script run)
    probe = ("<script>document.body.setAttribute('data-wide', String(document.documentElement.scrollWidth > "
             "document.documentElement.clientWidth))</script></body>")
    page = tmp_path / "report.html"
    page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", out.getvalue())
                    .replace("</body>", probe), encoding="utf-8")
    dom = chromium(tmp_path, page, "--dump-dom", "--window-size=420,900")
    assert 'data-wide="false"' in dom, re.findall(r"<body[^>]*>", dom)


def test_each_span_shows_its_label_as_text_that_copying_leaves_out(tmp_path: Path) -> None:
    """A span's label was its background colour only (its name on hover): boilerplate grey, repetition orange
    and mangled_name yellow were one shade to a colour-blind editor. Each span now shows its label's name beside
    it, drawn by the style sheet, so text copied from the page is the article's without label names."""
    page = hostile_report(tmp_path)
    probe = ("<script>const m = [...document.querySelectorAll('mark')];"
             "document.body.setAttribute('data-after', m.map(e => getComputedStyle(e, '::after').content).join('|'));"
             "document.body.setAttribute('data-copied', String(m[0].parentElement.innerText.includes('boilerplate')))"
             "</script></body>")
    page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
                    .replace("</body>", probe), encoding="utf-8")
    dom = chromium(tmp_path, page, "--dump-dom")
    assert 'data-after="&quot;boilerplate&quot;|&quot;encoding&quot;"' in dom, re.findall(r"<body[^>]*>", dom)
    assert 'data-copied="false"' in dom
