"""Dateline and timestamp lines parsed into ISO 8601."""

import pytest

from frontwire.ingest.datelines import date_from_url, normalise_given, parse_dateline


@pytest.mark.parametrize("line, expected", [
    ("Sun Sep 25, 2016 13:28:40", "2016-09-25T13:28:40"),
    ("Wed 05 Apr 2017", "2017-04-05"),
    ("Published October 2 2017", "2017-10-02"),
    ("Fri 07 Apr 2017 at 0914", "2017-04-07T09:14:00"),
    ("2017-04-05", "2017-04-05"),
    ("2017-04-05T09:14:00", "2017-04-05T09:14:00"),
    ("2017-04-05T09:14:00Z", "2017-04-05T09:14:00Z"),
    ("Published: 2 October 2017, 14:05 GMT", "2017-10-02T14:05:00Z"),
    ("September 25, 2016 at 1:28 pm", "2016-09-25T13:28:00"),
    ("Updated 15 October 2023, 18:05", "2023-10-15T18:05:00"),
    ("Posted on: Monday 8th April 2019 - 14:20", "2019-04-08T14:20:00"),
    ("Sat 12 Nov 2022 10.31 GMT", "2022-11-12T10:31:00Z"),
    ("Thursday, 14 July 2022 08:30 +03:00", "2022-07-14T08:30:00+03:00"),
    ("25/09/2016", "2016-09-25"),
    ("Monday, March 6, 2023 | Last updated March 7", "2023-03-06"),
])
def test_whole_line_dates_parse(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize("line", [
    "The army said on Sept 25, 2016 that it had taken the town.",
    "2016",
    "Clashes in Aleppo",
    "Feb 30, 2020",  # no such day
    "",
])
def test_sentences_and_non_dates_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_date_from_url_path():
    assert date_from_url("https://x.example/2016/09/25/story.html") == "2016-09-25"
    assert date_from_url("/2016/09/24/alalam_636103329268531456_25f_4x3.jpg") == "2016-09-24"
    assert date_from_url("https://x.example/news/story-123") is None
    assert date_from_url(None) is None


def test_given_values_normalised():
    assert normalise_given("2023-08-16T11:20:00") == "2023-08-16T11:20:00"
    assert normalise_given("2022-06-09") == "2022-06-09"
    assert normalise_given("2017-04-05T10:00:00+00:00") == "2017-04-05T10:00:00Z"
    assert normalise_given("February 7, 2024") == "2024-02-07"
    assert normalise_given("not a date") is None
    assert normalise_given(None) is None
