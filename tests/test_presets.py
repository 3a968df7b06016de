"""Shipped weight presets: ``Config(model_path="page")`` and ``garble audit --model page``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import garble
from garble.cli import app
from garble.pipeline import PRESETS, weights_path
from garble.settings import from_table

PAGE = """Home
World
Business
Sports
Sign in
Subscribe

Harbour bridge to close for repairs

The harbour bridge will close for six weeks from Monday while engineers replace its expansion joints, the city council said on Tuesday.

Traffic will be diverted through the tunnel, and ferries will run every ten minutes at peak times, a council spokeswoman said.

Privacy Policy
Terms of Use
Contact us
© 2024 Westport Herald. All rights reserved."""


def test_every_preset_is_shipped_with_all_four_files() -> None:
    for name in PRESETS:
        first = Path(weights_path(name))
        assert first.is_file(), name
        for kind in ("words", "context", "labels"):
            assert first.with_name(f"model.{kind}.json").is_file(), (name, kind)


def test_the_page_weights_flag_menus_and_footers_and_keep_the_article() -> None:
    result = garble.scan(PAGE, garble.Config(model_path="page"))
    flagged = "".join(PAGE[s.start : s.end] for s in result.spans)
    for furniture in ("Sign in", "Privacy Policy", "All rights reserved"):
        assert furniture in flagged, furniture
    for para in result.paragraphs:
        if "engineers replace" in PAGE[para.start : para.end] or "ferries will run" in PAGE[para.start : para.end]:
            assert para.score >= 0.9


def test_a_preset_is_a_valid_model_path_setting() -> None:
    assert from_table({"model-path": "page"}).config.model_path == "page"


def test_audit_takes_a_preset_and_names_a_bad_weights_file(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    ok = CliRunner().invoke(app, ["audit", str(page), "--model", "page", "-f", "jsonl", "-o", str(out)])
    assert ok.exit_code == 1
    spans = json.loads(out.read_text(encoding="utf-8"))["spans"]
    where = PAGE.index("Privacy Policy")
    assert any(s["start"] <= where < s["end"] for s in spans)
    bad = CliRunner().invoke(app, ["audit", str(page), "--model", str(tmp_path / "nope.json")])
    assert bad.exit_code == 2 and "nope.json" in bad.output and "Traceback" not in bad.output
