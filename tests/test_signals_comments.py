"""Reader comment threads (garble.signals.comments)."""

from __future__ import annotations

from garble.segment import segment
from garble.signals import comments, detect


def flagged(text: str) -> list[str]:
    doc = segment(text)
    return [doc.text[h.start : h.end] for h in comments.comment_threads(doc)]


def test_signatures_and_the_comments_between_them_are_furniture() -> None:
    text = ("Kylie returns to the stage tonight.\n\nLatest Comments:\n\nKylie Minogue a dive? Please spare me!\n\n"
            "Posted by: The Old Salt of Brisbane 9:49pm January 08, 2008\n\n"
            "Kylie is the Queen of pop. Can't wait to see her on the show!\n\n"
            "Posted by: Shaun of New Zealand 5:22pm January 08, 2008")
    assert flagged(text) == [
        "Posted by: The Old Salt of Brisbane 9:49pm January 08, 2008",
        "Kylie is the Queen of pop. Can't wait to see her on the show!",
        "Posted by: Shaun of New Zealand 5:22pm January 08, 2008",
    ]


def test_a_thread_is_a_signal_hit_with_its_reason() -> None:
    text = ("Story.\n\nComment by Dawn — January 7, 2008 @ 8:48 pm\n\nSo true.\n\n"
            "Comment by DJ — January 7, 2008 @ 9:04 pm")
    reasons = {h.reason for h in detect(segment(text))}
    assert "furniture_comments" in reasons


def test_an_articles_byline_is_no_thread() -> None:
    # once, or repeated far apart when a page repeats its header, or with a whole article between
    article = "\n\n".join(f"Paragraph {i} of the story goes on about the council vote." for i in range(6))
    assert flagged("By Ray Chesterton January 18, 2008 12:00am\n\n" + article) == []
    assert flagged("Posted : Thu, 10 Jan 2008 03:47:03 GMT\n\n" + article + "\n\nPosted : Thu, 10 Jan 2008 03:47:03 GMT") == []


def test_signatures_of_two_kinds_do_not_pair() -> None:
    text = "Posted by: Sean | Jan 10, 2008 4:49 PM\n\nThe vote is on Monday.\n\nComment by Dawn — January 7, 2008 @ 8:48 pm"
    assert flagged(text) == []
