"""Date expressions resolved against the publication date."""

from __future__ import annotations

import pytest

from frontwire.model import Article
from frontwire.understand.dates import dates_in_span, find_dates, resolve_date

SUNDAY = "2016-09-25T13:28:40"  # a Sunday


@pytest.mark.parametrize(
    "expression, value, precision",
    [
        ("on Saturday", "2016-09-24", "day"),
        ("on Sunday", "2016-09-25", "day"),  # the publication day itself
        ("last Sunday", "2016-09-18", "day"),
        ("on Monday", "2016-09-19", "day"),
        ("Tuesday night", "2016-09-20", "day"),
        ("yesterday", "2016-09-24", "day"),
        ("today", "2016-09-25", "day"),
        ("overnight", "2016-09-24", "day"),
        ("two days ago", "2016-09-23", "day"),
        ("last week", "2016-09-12", "week"),  # the Monday of the week before
        ("earlier this week", "2016-09-19", "week"),
        ("3 weeks ago", "2016-08-29", "week"),
        ("earlier this month", "2016-09-01", "month"),
        ("last month", "2016-08-01", "month"),
        ("in May", "2016-05-01", "month"),
        ("in October", "2015-10-01", "month"),  # a month name alone is the most recent one
        ("March 2016", "2016-03-01", "month"),
        ("mid-March", "2016-03-01", "month"),
        ("on 12 March", "2016-03-12", "day"),
        ("on 30 September", "2015-09-30", "day"),  # not after publication
        ("Sept. 12", "2016-09-12", "day"),
        ("12 March 2015", "2015-03-12", "day"),
        ("March 12, 2015", "2015-03-12", "day"),
        ("2016-09-20", "2016-09-20", "day"),
        ("in 2014", "2014-01-01", "year"),
        ("last year", "2015-01-01", "year"),
        ("next week", "2016-09-26", "week"),
    ],
)
def test_resolve_date(expression, value, precision):
    assert resolve_date(expression, SUNDAY) == (value, precision)


def test_saturday_article_resolves_weekdays_backwards_from_its_own_day():
    assert resolve_date("on Friday", "2016-09-24") == ("2016-09-23", "day")
    assert resolve_date("on Saturday", "2016-09-24") == ("2016-09-24", "day")
    assert resolve_date("on Sunday", "2016-09-24") == ("2016-09-18", "day")


def test_without_publication_date_only_absolute_dates_get_a_value():
    assert resolve_date("on Saturday", None) == (None, "day")
    assert resolve_date("last week", None) == (None, "week")
    assert resolve_date("on 12 March", None) == (None, "day")
    assert resolve_date("12 March 2015", None) == ("2015-03-12", "day")
    assert resolve_date("in 2014", None) == ("2014-01-01", "year")


def test_dateparser_fallback_for_absolute_forms_our_patterns_lack():
    assert resolve_date("12/03/2015", SUNDAY) == ("2015-03-12", "day")
    assert resolve_date("nothing here", SUNDAY) == (None, None)


def test_times_modal_may_and_counts_are_not_dates():
    text = "May God protect them, he said at 13:28. Some 2014 people fled; 1,900 were killed."
    assert find_dates(text, SUNDAY) == []


def test_future_clause_points_forward_but_a_later_clause_does_not():
    text = "The talks will resume on Tuesday, officials said on Saturday."
    found = {m.text: m.value for m in find_dates(text, SUNDAY)}
    assert found == {"Tuesday": "2016-09-27", "Saturday": "2016-09-24"}


def test_offsets_index_the_text_and_spans_exclude_the_preposition():
    text = ("Reports said on Saturday that clashes broke out last week in Aleppo, two days ago "
            "and in 2014, and again on 12 March and in early March 2016.")
    found = find_dates(text, SUNDAY)
    assert [m.text for m in found] == [
        "Saturday", "last week", "two days ago", "2014", "12 March", "early March 2016"]
    for m in found:
        assert text[m.start:m.end] == m.text
    assert [m.value for m in found] == [
        "2016-09-24", "2016-09-12", "2016-09-23", "2014-01-01", "2016-03-12", "2016-03-01"]


def test_dates_in_span_uses_the_dates_layer_or_finds_afresh():
    text = "Reports said on Saturday that clashes increased. Officials said yesterday that it ended."
    article = Article(text=text, published=SUNDAY)
    cut = text.index("Officials")
    assert [m.text for m in dates_in_span(article, 0, cut)] == ["Saturday"]
    article.dates = find_dates(text, SUNDAY)
    assert [m.value for m in dates_in_span(article, cut, len(text))] == ["2016-09-24"]


def test_component_on_the_example_article(example_path):
    from frontwire.ingest.readers import iter_articles
    from frontwire.pipeline import Pipeline

    article = next(iter(iter_articles([str(example_path)])))
    article = Pipeline(components=["clean", "dates"], strict=True)(article)
    assert article.published and article.published.startswith("2016-09-25")
    saturday = [m for m in article.dates if m.text == "Saturday"]
    assert len(saturday) == 1
    assert (saturday[0].value, saturday[0].precision) == ("2016-09-24", "day")
    for m in article.dates:
        assert article.text[m.start:m.end] == m.text
    # The dateline was cleaned away: it must not come back as a date of the body.
    assert not any("2016" in m.text or "13:28" in m.text for m in article.dates)


def test_a_number_before_a_counted_noun_is_not_a_year():
    found = find_dates("The attack killed between 1000 and 1800 people; the party has ruled since 1963.", SUNDAY)
    assert [(m.text, m.value) for m in found] == [("1963", "1963-01-01")]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Jets struck the town on the 5th, killing three.", [("the 5th", "2016-09-05")]),
        ("Fighting resumed on the 28th and has not stopped.", [("the 28th", "2016-08-28")]),  # not after publication
        ("The talks will reopen on the 28th.", [("the 28th", "2016-09-28")]),
        ("The 5th Corps attacked on the 3rd, a commander said.", [("the 3rd", "2016-09-03")]),
        ("The blast hit on the 5th floor of the hospital.", []),
        ("Troops entered on the 5th of March.", [("5th of March", "2016-03-05")]),
    ],
)
def test_a_bare_ordinal_day_is_a_day_of_the_month_of_publication(text, found):
    assert [(m.text, m.value) for m in find_dates(text, SUNDAY)] == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("Middle East 16.05.2017 (updated 16.05.2017)", [("16.05.2017", "2017-05-16")] * 2),
        ("21-08-2013 Get short URL", [("21-08-2013", "2013-08-21")]),
        ("Published 5.4.2016 by the agency", [("5.4.2016", "2016-04-05")]),
        ("version 1.5.2016.3 and 12.34.2016 and 10-15-2016", []),
    ],
)
def test_dotted_and_dashed_dates_are_read_day_first(text, found):
    assert [(m.text, m.value) for m in find_dates(text, None)] == found
