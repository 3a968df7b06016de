"""Furniture: prompts, stamps, credits, tweet signatures, share rows and menu words."""

from __future__ import annotations

from garble.detector import clean
from garble.segment import segment
from garble.signals import boilerplate


def reasons(text: str) -> dict[str, str]:
    doc = segment(text)
    signals = (boilerplate.prompt_lines, boilerplate.timestamp_lines, boilerplate.credits,
               boilerplate.tweet_signatures, boilerplate.menu_words)
    return {text[h.start : h.end]: h.reason for b in doc.blocks for s in signals for h in s(b, doc)}


def test_longer_prompts_from_data_wild() -> None:
    found = reasons("Continue reading below the advertisement\n\nShare this on Facebook: Facebook")
    assert set(found.values()) == {"furniture_prompt"} and len(found) == 2


def test_newer_sites_messages_are_prompts() -> None:
    lines = ["Continue reading the main story", "Media playback is unsupported on your device",
             "This slideshow requires JavaScript.", "You have been successfully subscribed!", "Advert",
             "Wordcount: 717", "Write to Al Root at allen.root@dowjones.com",
             "Follow AP's full coverage of Brexit and British politics at https://www.apnews.com/Brexit",
             "Get the day's top headlines delivered to your inbox every morning by subscribing to our newsletter."]
    found = reasons("\n\n".join(lines))
    assert found == dict.fromkeys(lines, "furniture_prompt")


def test_prose_about_following_or_subscribing_is_not_a_prompt() -> None:
    assert reasons("He said he would follow the story on Twitter.\n\nFollow-up talks on Twitter's sale resume Monday."
                   "\n\nThe author said 2 min read was enough.\n\nAdverts fell 5 pct.\n\nTop stories ran on page 1.") == {}


def test_prompt_lines_and_stamps() -> None:
    found = reasons("Read more:\n\nPolitics 17:36 17.06.2019\n\nUpdated: 18 Nov 2019, 19:11\n\nAdvertisement")
    assert found == {"Read more:": "furniture_prompt", "Politics 17:36 17.06.2019": "furniture_timestamp",
                     "Updated: 18 Nov 2019, 19:11": "furniture_timestamp", "Advertisement": "furniture_prompt"}


def test_credits_inside_and_at_the_end_of_lines() -> None:
    found = reasons("Cars at a lot. (AP Photo/Jo Roe)\n\nImage 1 of 9\n\nIt ends.Photo by Al Bo/Getty Images")
    assert set(found) == {"(AP Photo/Jo Roe)", "Image 1 of 9", "Photo by Al Bo/Getty Images"}


def test_a_glued_tweet_signature_is_strong_and_a_standalone_one_weak() -> None:
    doc = segment("Wow.  Jo Roe (@joroe) May 5, 2017And then.\n\n— Al Bo (@albo) May 6, 2017\n\n"
                  "Go home.  Mike Signer (@MikeSigner) August 12, 2017 Conservatives have asked for more.")
    strengths = [h.strength for b in doc.blocks for h in boilerplate.tweet_signatures(b, doc)]
    assert strengths == [0.9, 0.4, 0.9]  # the third has the prose going on after it (data/wild, ISOT)


def test_prose_that_mentions_prompts_or_photos_is_left_alone() -> None:
    assert reasons("Read more books, she said.\n\nA photo by the agency showed the damage to the bridge.") == {}


def test_an_english_last_word_is_not_a_menu_word() -> None:
    assert reasons("Text.\n\nReuters") == {}
    assert reasons("Text.\n\nHamısı") == {"Hamısı": "furniture_menu_word"}


def test_tool_rows_bylines_with_dates_and_section_tags() -> None:
    doc = segment("Email | Print | Text size – +\n\nBy Jo Roe - 11/19/19 06:56 AM EST\n\nBeer saves man [Orange]\n\nBy Jo Roe")
    found = {doc.text[h.start : h.end]: h.reason for b in doc.blocks for h in boilerplate.tool_lines(b, doc)}
    assert found == {"Email | Print | Text size – +": "furniture_tools",
                     "By Jo Roe - 11/19/19 06:56 AM EST": "furniture_byline",
                     "Beer saves man [Orange]": "furniture_section_tag"}


def test_publication_stamp_lines_are_weak_evidence() -> None:
    doc = segment("PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 20, 2019\n\nPublished on time, he said.")
    found = [(doc.text[h.start : h.end][:9], h.strength) for b in doc.blocks for h in boilerplate.timestamp_lines(b, doc)]
    assert found == [("PUBLISHED", 0.45)]


def test_every_kind_of_credit_holds_a_hint_and_is_still_found() -> None:
    # credits() searches only a text holding one of CREDIT_HINTS: one example of each CREDIT
    # alternative and a share row
    examples = ["(AP Photo/Jo Roe)", "Featured image via CNN", "Image by Al Bo", "(Source: Twitter)",
                "Photo: X, STF / Associated Press", "Credit: EPA", "\N{COPYRIGHT SIGN} Aaron Schwartz",
                "Image 1 of 9", "1  /  9", "16505 SHARES SHARES FacebookTwitter",
                "(Photo by Tasos Katopodis/Getty Images)", "at 9 p.m. | Drew Angerer/Getty Images",
                "Featured Image: Jeff Swensen/Getty Images", "photo by Gage Skidmore / CC BY-SA 3.0 / cropped",
                "h/t The Right Scoop", "to retake the city. Thaer Mohammad/AFP/Getty Images"]
    for text in examples:
        assert any(hint in text for hint in boilerplate.CREDIT_HINTS) or "SHARES" in text, text
        assert reasons(f"It ended.\n\n{text}"), text
    assert reasons("It ended.\n\nPhotographs of the image are on show in Source Hall.") == {}


def test_a_parenthesised_credit_glued_to_the_next_sentence_and_a_caption_credit_are_found() -> None:
    # data/wild (ISOT, FakeNewsNet): the credit of a photo left in the text, whole or after a caption
    found = reasons("Protesters gathered in Washington, DC. (Photo by Tasos Katopodis/Getty Images)That s them.\n\n"
                    "The two meet at the debate tonight at 9 p.m. | Drew Angerer/Getty Images")
    assert set(found) == {"(Photo by Tasos Katopodis/Getty Images)", "| Drew Angerer/Getty Images"}
    assert reasons("He took the photo by the river (a picture by his son) | see page 3/AP style") == {}


def test_an_ad_plugins_placeholder_is_furniture_even_glued_to_a_sentence() -> None:
    text = ("Checks will arrive on Friday.\n\nYour ads will be inserted here by Easy Plugin for AdSense. Please go "
            "to the plugin admin page to\n\nPaste your ad code OR\n\nSuppress this ad slot . It is not much money.")
    doc = segment(text)
    found = [text[h.start : h.end] for b in doc.blocks for h in boilerplate.prompt_lines(b, doc)]
    assert found == ["Your ads will be inserted here by Easy Plugin for AdSense. Please go to the plugin admin page to",
                     "Paste your ad code OR", "Suppress this ad slot ."]


def test_a_tweet_signature_starts_at_a_word_not_inside_the_link_before_it() -> None:
    found = reasons("It was fake. https://t.co/DaqfDBsr0V  Sean Hannity (@seanhannity) November 25, 2017And again.\n\n"
                    "https://t.co/dd4blQC\n\n— PFF CLE Browns (@PFF_Browns) November 16, 2019")
    assert [t for t, r in found.items() if r == "furniture_tweet_signature"] == [
        "Sean Hannity (@seanhannity) November 25, 2017", "— PFF CLE Browns (@PFF_Browns) November 16, 2019"]


def signatures(text: str) -> list[str]:
    doc = segment(text)
    return [text[h.start : h.end] for b in doc.blocks for h in boilerplate.tweet_signatures(b, doc)]


def test_a_tweet_signature_keeps_the_whole_display_name() -> None:
    text = ("Huge. — Rep. Ilhan Omar (@Ilhan) November 19, 2019\n\n"
            "Fake news!  Annalise   Brown (@SWFLib) November 25, 2017As this woman notes, he is obsessed.\n\n"
            "Sad, Sean.  Mrs. SMH (@MaraLaGoFuckYou) November 25, 2017pic.twitter.com/UJtVSaKgOF\n\n"
            "— Donald Trump Jr. (@DonaldJTrumpJr) July 11, 2017")
    assert signatures(text) == [
        "— Rep. Ilhan Omar (@Ilhan) November 19, 2019", "Annalise   Brown (@SWFLib) November 25, 2017",
        "Mrs. SMH (@MaraLaGoFuckYou) November 25, 2017", "— Donald Trump Jr. (@DonaldJTrumpJr) July 11, 2017"]


def test_a_tweet_signature_takes_none_of_the_tweet_before_the_two_spaces() -> None:
    """data/wild's ISOT articles put two spaces between a tweet's text and its signature: the last word of
    the tweet, a hashtag's above all, is no part of the display name ("#" was left behind in cleaned text)."""
    text = ("Sure, sure. #ResignTrump  Usagi Tsukino (@SailorDemocracy) November 16, 2017Here is more.\n\n"
            "Set up for an interview with Gianforte  Alexis Levinson (@alexis_levinson) May 24, 2017All of it.\n\n"
            "Resist! https://t.co/T75ru0n8kK  Julie Harris #Resist (@sabela13) May 30, 2017Ted said it.\n\n"
            "Nothing and balconies.  #CovertCovfefe (@johnnymags) June 4, 2017So it goes.")
    assert signatures(text) == [
        "Usagi Tsukino (@SailorDemocracy) November 16, 2017", "Alexis Levinson (@alexis_levinson) May 24, 2017",
        "Julie Harris #Resist (@sabela13) May 30, 2017", "#CovertCovfefe (@johnnymags) June 4, 2017"]
    assert "#ResignTrump Here is more." in clean(text)


def test_a_sites_cookie_notice_is_furniture() -> None:
    lines = ["This website uses cookies to improve your experience while you navigate through the website.",
             "Necessary cookies are absolutely essential for the website to function properly.",
             "We use cookies (why?) You can change cookie preferences. Continued site use signifies consent.",
             "Cookie Policy"]
    assert reasons("\n\n".join(lines)) == dict.fromkeys(lines, "furniture_cookies")


def test_an_article_about_cookies_is_not_a_notice() -> None:
    text = ("Regulators said the site uses cookies to follow readers across the web, and that browsers"
            " will block third-party cookies next year.\n\nThe cookies were baked on Monday.")
    assert reasons(text) == {}
