"""The clean component, rule by rule, on synthetic articles."""

import pytest

from frontwire.ingest.clean import looks_like_title
from frontwire.ingest.html import article_from_html
from frontwire.ingest.text import article_from_text
from frontwire.model import Article, Extraction
from frontwire.pipeline import Pipeline

BODY = ("Government forces shelled rebel positions near the town on Saturday, killing at least "
        "six fighters, a local monitor said.")


@pytest.fixture(scope="module")
def clean():
    return Pipeline(components=["clean"], strict=True)


@pytest.fixture(scope="module")
def verbatim():
    return Pipeline(components=["clean"], strict=True, verbatim=True)


def run(pipeline, text, **fields):
    return pipeline(article_from_text(text, "test.txt", **fields))


def kinds(article):
    return [r.kind for r in article.removed]


def assert_offsets(article):
    for span in article.paragraphs:
        assert article.text[span.start:span.end].strip() == article.text[span.start:span.end]
    for credit in article.credits:
        if credit.start is not None:
            assert article.text[credit.start:credit.end].lower() in {"fna", "reuters", "sana", "afp", "saba", "ina", "tass", "ap"} | {credit.name.lower()}


def test_title_from_first_line_and_exact_repeat_removed(clean):
    a = run(clean, f"Rebels Shelled Near Town\n\nRebels Shelled Near Town\n\n{BODY}")
    assert a.title == "Rebels Shelled Near Town"
    assert a.text == BODY
    assert kinds(a) == ["title", "repeated_title"]


def test_near_exact_repeat_removed(clean):
    a = run(clean, f"Army Repels Attack on Deir Ezzor Airport\n\nArmy repels attack on Deir Ezzor airport.\n{BODY}")
    assert a.text == BODY
    assert "repeated_title" in kinds(a)


def test_title_with_outlet_suffix_counts_as_repeat(clean):
    a = run(clean, f"{BODY}", title="Shelling kills six near the town")
    assert a.text == BODY
    b = run(clean, f"Shelling kills six near the town - Example News\n\n{BODY}", title="Shelling kills six near the town")
    assert b.text == BODY and kinds(b) == ["repeated_title"]


def test_a_sentence_is_not_a_title(clean):
    a = run(clean, f"{BODY}\n\n{BODY}")
    assert a.title is None
    assert a.text == f"{BODY}\n\n{BODY}"
    assert not looks_like_title(BODY)


@pytest.mark.parametrize("dateline, published", [
    ("Sun Sep 25, 2016 13:28:40", "2016-09-25T13:28:40"),
    ("Wed 05 Apr 2017", "2017-04-05"),
    ("Published October 2 2017", "2017-10-02"),
    ("Fri 07 Apr 2017 at 0914", "2017-04-07T09:14:00"),
    ("2017-04-05T09:14:00", "2017-04-05T09:14:00"),
])
def test_dateline_into_published(clean, dateline, published):
    a = run(clean, f"Clashes Near the Town\n{dateline}\n\n{BODY}")
    assert (a.published, a.published_source) == (published, "dateline")
    assert a.text == BODY
    assert {"kind": "dateline", "text": dateline} in [r.model_dump() for r in a.removed]


def test_given_published_wins_over_dateline(clean):
    a = run(clean, f"Title Line Here\nWed 05 Apr 2017\n\n{BODY}", published="2017-04-04", published_source="given")
    assert a.published == "2017-04-04"
    assert "dateline" in kinds(a)


def test_inline_credit_keeps_sentence_and_offsets(clean):
    text = f"Title Of The Story\n\nDAMASCUS, SANA – {BODY}\n\nThe militants withdrew from the area, FNA reported."
    a = run(clean, text)
    assert a.text.endswith("The militants withdrew from the area, FNA reported.")
    names = [(c.name, a.text[c.start:c.end]) for c in a.credits]
    assert ("SANA", "SANA") in names and ("FNA", "FNA") in names


@pytest.mark.parametrize("sentence, agency", [
    ("ALEPPO, Syria (Reuters) - Rebels said they had shelled the city.", "Reuters"),
    ("Troops advanced on the town, the ministry said (AFP).", "AFP"),
    ("The strike destroyed two houses, a local official told AFP.", "AFP"),
    ("DONETSK, June 3. /TASS/. The militia said it had taken the village.", "TASS"),
    ("The army retook the hill, the ministry said. — SANA", "SANA"),
])
def test_credit_positions(clean, sentence, agency):
    a = run(clean, f"{BODY}\n\n{sentence}")
    assert sentence in a.text
    credit = next(c for c in a.credits if c.name == agency)
    assert a.text[credit.start:credit.end].lower() == {"TASS": "tass"}.get(agency, agency.lower())


@pytest.mark.parametrize("line, agency", [("— SANA", "SANA"), ("- REUTERS", "Reuters"), ("(AFP)", "AFP"),
                                          ("Source: INA", "INA"), ("Anadolu Agency", "Anadolu")])
def test_standalone_credit_line_removed_without_offsets(clean, line, agency):
    a = run(clean, f"{BODY}\n\n{line}")
    assert a.text == BODY
    assert {"kind": "credit_line", "text": line} in [r.model_dump() for r in a.removed]
    assert any(c.name == agency and c.start is None and c.end is None for c in a.credits)


def test_bare_word_that_could_be_a_heading_is_not_a_credit_line(clean):
    a = run(clean, f"{BODY}\n\nFars\n\n{BODY}")
    assert "Fars" in a.text


@pytest.mark.parametrize("tail, kind", [
    ("Share this:\nFacebook\nTwitter\nEmail", "share"),
    ("Share on Facebook | Share on Twitter | WhatsApp", "share"),
    ("Follow us on Telegram", "follow"),
    ("© 2022 Example News. All rights reserved.", "copyright"),
    ("Read more: Rebels seize second town", "read_more"),
    ("Tags: Syria, Aleppo", "tags"),
    ("Reporting by Sample Desk; Editing by Sample Editor", "staff_credit"),
])
def test_tails_removed(clean, tail, kind):
    a = run(clean, f"{BODY}\n\n{tail}")
    assert a.text == BODY
    assert kinds(a) and set(kinds(a)) == {kind}


def test_related_links_section_at_the_end(clean):
    a = run(clean, f"{BODY}\n\n{BODY}\n\nRelated stories:\nCeasefire talks stall in Geneva\nAirport closed as clashes spread")
    assert a.text == f"{BODY}\n\n{BODY}"
    assert kinds(a) == ["related_links"] * 3


def test_prose_mentioning_twitter_or_copyright_kept(clean):
    sentence = "The group posted a video on Twitter and said the footage was under copyright of its media office."
    a = run(clean, f"{BODY}\n\n{sentence}")
    assert sentence in a.text and a.removed == []


def test_mojibake_repaired_and_curly_quotes_kept(clean):
    a = run(clean, "Fighters entered MÃ©naka, officials said. â€œWe fled,â€\x9d a resident said.\n\nIt’s “quiet” now.")
    assert "Ménaka" in a.text
    assert "“We fled,”" in a.text
    assert "It’s “quiet” now." in a.text


def test_whitespace_normalised_and_paragraphs_separated_by_one_blank_line(clean):
    a = run(clean, f"  {BODY}  \r\n\r\n\r\n\t{BODY}\u00a0\u00a0again.\n\n\n")
    assert a.text == f"{BODY}\n\n{BODY} again."
    assert [(p.start, p.end) for p in a.paragraphs] == [(0, len(BODY)), (len(BODY) + 2, len(a.text))]


def test_hard_wrapped_block_joined_lines_of_an_extractor_kept(clean):
    wrapped = ("Police opened fire on protesters in several cities across the\n"
               "country on Sunday, killing at least 18 people in the bloodiest day\n"
               "since the coup, the UN said.")
    a = run(clean, f"{wrapped}\n\nShort line one.\nShort line two.")
    assert a.text.split("\n\n")[0] == " ".join(wrapped.split("\n"))
    assert a.text.split("\n\n")[1:] == ["Short line one.", "Short line two."]


def test_dump_removed_and_related_kept(clean):
    a = run(clean, f'Title Of The Story\n\n{BODY}\n\nArray ( [0] => Array ( [id] => 7 [title] => Video: the front line [pic] => /2020/01/02/f.mp4 ) )')
    assert a.text == BODY
    assert [(r.id, r.title, r.media_type, r.date) for r in a.related] == [("7", "Video: the front line", "video", "2020-01-02")]
    assert "debug_dump" in kinds(a)


def test_language_guess(clean):
    assert run(clean, BODY).language == "en"
    assert run(clean, "Des affrontements ont éclaté dans la ville selon des sources locales, et les habitants ont fui.").language == "fr"
    assert run(clean, "قصف الجيش مواقع المسلحين في ريف حلب الشمالي يوم السبت").language == "ar"
    assert run(clean, BODY, language="en-GB").language == "en"


def test_html_text_cleaned_too(clean):
    html = ("<html><head><title>Rebels shell the town</title></head><body><article><h1>Rebels shell the town</h1>"
            f"<p>{BODY}</p><p>Share this article: Facebook Twitter</p><p>Follow us on Telegram</p></article></body></html>")
    a = clean(article_from_html(html, "page.html"))
    assert a.title == "Rebels shell the town"
    assert a.text == BODY


def test_verbatim_keeps_text_byte_for_byte_but_finds_metadata(verbatim):
    text = ("Army Repels Attack\r\n\r\nArmy Repels Attack\r\nWed 05 Apr 2017\r\n\r\n"
            "The army repelled the attack,  FNA reported.\r\n\r\n— SANA\r\n\r\n"
            "Array ( [0] => Array ( [id] => 7 [title] => One [pic] => /2017/04/05/a.jpg ) )")
    a = verbatim(article_from_text(text, "t.txt", verbatim=True))
    assert a.text == text
    assert a.title == "Army Repels Attack"
    assert (a.published, a.published_source) == ("2017-04-05", "dateline")
    assert a.removed == []
    assert [r.id for r in a.related] == ["7"]
    assert [(c.name, text[c.start:c.end]) for c in a.credits] == [("FNA", "FNA"), ("SANA", "SANA")]
    assert a.extraction.method == "verbatim"
    paragraphs = [text[p.start:p.end] for p in a.paragraphs]
    assert paragraphs[0] == "Army Repels Attack" and paragraphs[2] == "The army repelled the attack,  FNA reported."
    assert len(paragraphs) == 5


def test_config_verbatim_flag_alone_is_enough():
    from frontwire.ingest.clean import CleanConfig, Cleaner

    component = Cleaner(CleanConfig(verbatim=True))

    class Work:
        article = Article(text="Title Line Here\n\nBody  text,  AFP reported.", extraction=Extraction(reader="text"))
        verbatim = False

    component(Work)
    assert Work.article.text == "Title Line Here\n\nBody  text,  AFP reported."
    assert Work.article.title == "Title Line Here"


def test_title_followed_by_dateline_in_the_same_block(clean):
    a = run(clean, f"Syrian Army Advances Force Terrorists’ Commanders to Escape from Aleppo Battlefield\nSun Sep 25, 2016 13:28:40\n\n{BODY}")
    assert a.title.startswith("Syrian Army Advances")
    assert a.published == "2016-09-25T13:28:40"
    assert a.text == BODY


def test_text_without_blank_lines_has_one_paragraph_per_line(clean):
    a = run(clean, f"Rebels Shell the Town\n{BODY}\n{BODY}")
    assert a.title == "Rebels Shell the Town"
    assert a.text == f"{BODY}\n\n{BODY}"


@pytest.mark.parametrize("text, published, removed", [
    (f"Wed 05 Apr 2017 Rebels shell the town. {BODY}", "2017-04-05", ["dateline", "repeated_title"]),
    (f"Fri 07 Apr 2017 at 0914 Rebels shell the town {BODY}", "2017-04-07T09:14:00", ["dateline", "repeated_title"]),
    (f"Posted on July 12 2016 by Jane Roe Rebels shell the town {BODY}", "2016-07-12", ["dateline", "byline", "repeated_title"]),
    (f"Rebels shell the town 6 October 2016 {BODY}", "2016-10-06", ["repeated_title", "dateline"]),
    (f"Published February 18 2015 {BODY}", "2015-02-18", ["dateline"]),
    (f"21.08.2013Get short URL 0 0 0 {BODY}", "2013-08-21", ["dateline", "share"]),
    (f"Last updated at Apr 232017 {BODY}", "2017-04-23", ["dateline"]),
])
def test_one_line_scrape_with_dateline_and_title_run_into_the_story(clean, text, published, removed):
    a = run(clean, text, title="Rebels shell the town")
    assert a.text == BODY
    assert (a.published, a.published_source) == (published, "dateline")
    assert kinds(a) == removed


def test_story_that_merely_starts_like_the_title_is_kept(clean):
    text = "Rebels shell the town of Kafr Nabl every night, residents said on Monday."
    a = run(clean, text, title="Rebels shell the town")
    assert a.text == text and a.removed == []


def test_verbatim_finds_a_leading_dateline(verbatim):
    text = f"Wed 05 Apr 2017 Rebels shell the town. {BODY}"
    a = verbatim(article_from_text(text, "t.txt", verbatim=True, title="Rebels shell the town"))
    assert a.text == text and a.published == "2017-04-05"
