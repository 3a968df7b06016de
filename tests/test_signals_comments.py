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


def stamped(text: str) -> list[str]:
    doc = segment(text)
    return [doc.text[h.start : h.end] for h in comments.stamped_records(doc)]


THREAD = ("Apple plans a new laptop, the report said.\n\nTop Rated Comments\n\n"
          "Woyzeck\n\n2 days ago at 07:52 am\n\nIt's good to see Apple un-iveing its products.\n\nRating: 36 Votes\n\n"
          "Nick A\n\n2 days ago at 07:47 am\n\nI think we'll see similar updates.\n\nThe bezels are large.\n\n"
          "Rating: 25 Votes\n\nfmcshan\n\n19 hours ago at 07:50 pm\n\nIt would be nice.\n\nRating: 17 Votes")


def test_records_opened_by_stamps_of_one_shape_are_furniture_from_the_first_stamp_to_the_last() -> None:
    found = stamped(THREAD)
    assert found[0] == "2 days ago at 07:52 am" and found[-1] == "19 hours ago at 07:50 pm"
    assert "I think we'll see similar updates." in found and "Rating: 25 Votes" in found
    assert "Apple plans a new laptop, the report said." not in found
    assert "furniture_stamped_records" in {h.reason for h in detect(segment(THREAD))}


def test_a_time_stamped_headline_list_is_a_run_of_records() -> None:
    text = ("Rebels were killed, the army said.\n\n15:44\n\nItaly: Students protest against papal visit\n\n"
            "13:53\n\nIraq: Rice makes surprise visit to Baghdad\n\n12:26\n\nSerbia: Defendant attacks prosecutors")
    assert stamped(text) == ["15:44", "Italy: Students protest against papal visit", "13:53",
                             "Iraq: Rice makes surprise visit to Baghdad", "12:26"]


def test_relative_stamps_in_capitals_are_stamps_too() -> None:
    shouted = "The council met.\n\n" + "\n\n".join(f"{n} HOURS AGO\n\nHeadline number {n} here" for n in (2, 3, 5))
    assert stamped(shouted)[0] == "2 HOURS AGO" and stamped(shouted)[-1] == "5 HOURS AGO"


def test_dates_opening_hours_two_stamps_and_a_live_blog_are_no_run() -> None:
    events = "\n\n".join(f"{day}, January {d}, 2008\n\nCommunity Centre\n\n66 Main Street South\n\n2:00 – 8:00 pm"
                         for day, d in (("Saturday", 19), ("Monday", 21), ("Wednesday", 23), ("Thursday", 31)))
    assert stamped(events) == []
    assert stamped(THREAD.split("fmcshan")[0]) == []  # two stamps: a story's "updated" lines could be two
    entry = ("The minister told parliament that the budget would be cut again next year, and that the"
             " opposition's plan to raise taxes on fuel would not pass while he held office.")
    blog = "\n\n".join(f"{h}:05\n\n{entry}\n\n{entry}" for h in (9, 10, 11, 12))
    assert stamped(blog) == []
    far = "\n\n".join(f"2 days ago at 0{h}:15 am\n\n" + "\n\n".join(["Short line."] * 9) for h in range(1, 5))
    assert stamped(far) == []  # stamps more than MAX_RECORD paragraphs apart
