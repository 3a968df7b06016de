"""The result types and the dicts they write."""

from __future__ import annotations

from garble.datatypes import Label, Paragraph, Scan, Span


def test_written_scores_keep_the_order_of_clean_paragraphs_that_differ_in_the_fifth_decimal() -> None:
    # unflagged paragraphs score 0.9 + 0.1 * expected cleanliness: clean ones differ this little, and the
    # paragraph AUC is computed from what is written
    near, clean = Paragraph(0, 10, 0.99991), Paragraph(12, 20, 0.99998)
    assert near.to_dict()["score"] < clean.to_dict()["score"] < 1.0


def test_a_scan_writes_the_benchmark_prediction_format() -> None:
    span = Span(0, 4, Label.BOILERPLATE, 0.912345678, "furniture_prompt")
    out = Scan("Read more", (span,), (Paragraph(0, 9, 0.123456789),), 0.5).to_dict("doc-1")
    assert out == {"id": "doc-1", "score": 0.5, "paragraphs": [{"start": 0, "end": 9, "score": 0.123457}],
                   "spans": [{"start": 0, "end": 4, "label": "boilerplate", "score": 0.912346,
                              "reason": "furniture_prompt"}]}
