"""The event's own date: its window's, its paragraph's, its lead's, or none (never the publication's)."""

from __future__ import annotations

import pytest

from frontwire.events.dating import event_date, lead_reach, printed_dateline
from frontwire.model import Article
from frontwire.understand.dates import find_dates

SUNDAY = "2016-09-25"  # a Sunday


def _article(text: str, published: str | None = SUNDAY) -> Article:
    article = Article(text=text, published=published)
    article.set_paragraphs()
    article.dates = find_dates(text, published)
    return article


def _date_of(article: Article, sentence: str) -> tuple:
    """(value, time_precision, inferred) of the event told in ``sentence``."""
    start = article.text.index(sentence)
    when = event_date(article, start, start + len(sentence))
    return when.value, when.time_precision, when.inferred


def test_the_windows_own_day_is_the_events_date():
    a = _article("Air strikes killed 12 civilians in Douma on Saturday.")
    assert _date_of(a, a.text) == ("2016-09-24", 1, False)


def test_the_day_of_the_happening_beats_the_day_a_source_spoke():
    a = _article("The monitor said on Saturday that air strikes on Thursday killed 12 civilians in Idlib.")
    assert _date_of(a, a.text)[0] == "2016-09-22"
    b = _article("Rebels shelled Aleppo late on Friday, killing four people, state media reported on Saturday.")
    assert _date_of(b, b.text)[0] == "2016-09-23"


def test_the_day_a_source_spoke_dates_the_event_when_it_is_the_only_day():
    a = _article("Government forces retook the town, a monitor said on Saturday.")
    assert _date_of(a, a.text) == ("2016-09-24", 1, False)


@pytest.mark.parametrize("text", [
    "The death toll from air strikes on a market in Saraqeb rose to 34 on Saturday after three of the wounded died.",
    "The defence ministry on Saturday rejected reports that its aircraft had struck a bakery in the town.",
    "The UN relief chief condemned on Saturday the shelling of a crowded market in El Fasher.",
    "The Islamic State claimed responsibility on Saturday for the car bomb at the checkpoint.",
    "Iraq summoned Turkey's ambassador on Saturday over the air strike near Sinjar.",
])
def test_a_follow_up_dates_the_happening_only_to_the_week(text):
    # The day the toll rose or a party answered is after the happening, or on it: not its day.
    a = _article(text)
    assert _date_of(a, a.text) == ("2016-09-24", 2, False)


_TOLL_ROSE = "The death toll from air strikes on a market in Saraqeb rose to 34 on Saturday, the monitor said."


@pytest.mark.parametrize("second", [
    "Several of those wounded in Friday's raid died overnight in hospitals.",
    "Friday's air strikes on the town's main market were among the deadliest this year.",
])
def test_a_follow_up_that_names_the_happening_s_day_is_dated_to_it(second):
    a = _article(f"{_TOLL_ROSE}\n\n{second}")
    assert _date_of(a, _TOLL_ROSE) == ("2016-09-23", 1, True)


def test_the_happening_s_day_in_a_follow_up_s_sentence_dates_it():
    a = _article("A military source denied on Saturday claims that the army shelled the market on Friday, killing four children.")
    assert _date_of(a, a.text) == ("2016-09-23", 1, False)


@pytest.mark.parametrize("second", [
    "The militants attacked the army's positions on Friday night under cover of mortar fire.",
    "Up to 500 militants attacked positions near the village overnight into Friday.",
])
def test_a_source_s_day_gives_way_to_the_night_it_tells_of(second):
    first = "The army repelled a large-scale attack by militants in the north of the province, the ministry said on Saturday."
    a = _article(f"{first}\n\n{second}")
    assert _date_of(a, first) == ("2016-09-23", 1, True)


def test_a_follow_up_keeps_its_week_when_the_day_named_is_of_something_else():
    a = _article(f"{_TOLL_ROSE}\n\nFriday's funerals drew thousands of mourners.")
    assert _date_of(a, _TOLL_ROSE) == ("2016-09-24", 2, False)


def test_a_day_is_more_precise_than_a_week_in_the_same_window():
    a = _article("Clashes earlier this week culminated in a car bomb two days ago that killed nine soldiers.")
    assert _date_of(a, a.text) == ("2016-09-23", 1, False)


def test_a_sentence_without_date_takes_the_day_told_before_it_in_its_paragraph():
    a = _article("On Saturday, jets struck a market in Maarat al-Numan. Twelve people died in the strike.")
    assert _date_of(a, "Twelve people died in the strike.") == ("2016-09-24", 1, True)


def test_a_year_told_before_is_background_not_the_events_date():
    a = _article("The siege began in 2014.\n\nArmy shelling killed three children in the town, medics said.")
    assert _date_of(a, "Army shelling killed three children in the town, medics said.") == (None, None, True)


def test_the_headline_takes_the_day_its_lead_gives():
    text = ("Car bomb kills 30 at Azaz checkpoint\n\n"
            "A car bomb killed 30 people at a checkpoint near Azaz on Friday, a war monitor said.")
    a = _article(text)
    assert _date_of(a, "Car bomb kills 30 at Azaz checkpoint") == ("2016-09-23", 1, True)


def test_a_glued_headline_takes_the_day_of_the_lead_sentence_after_it():
    # archives that glue headline, standfirst and body into one paragraph
    text = ("Eight Killed in Mortar Attack on Damascus. Residents fled the old city. "
            "Eight people were killed Wednesday when mortars hit Bab Touma. The army vowed to respond. "
            "Shelling on Homs killed two people.")
    a = _article(text, "2016-01-06")
    assert _date_of(a, "Eight Killed in Mortar Attack on Damascus.") == ("2016-01-06", 1, True)
    assert lead_reach(a) == text.index(" The army vowed")


def test_an_event_the_text_does_not_date_is_left_undated_not_given_the_publication_date():
    a = _article("Gunmen killed a village chief in Daraa province, activists said.")
    assert _date_of(a, a.text) == (None, None, True)


def test_an_undated_event_outside_the_lead_does_not_take_the_leads_day():
    text = ("Air strikes killed 20 people in Idlib on Saturday, rescuers said.\n\n"
            "Talks in Geneva have stalled.\n\n"
            "Elsewhere, an improvised explosive device wounded two soldiers near Hama.")
    a = _article(text)
    assert _date_of(a, "Elsewhere, an improvised explosive device wounded two soldiers near Hama.")[0] is None


def test_what_the_lead_announces_for_later_does_not_date_its_headline():
    text = ("Ceasefire talks in Astana\n\n"
            "Delegations will meet on Tuesday to discuss the shelling of Daraa, diplomats said.")
    a = _article(text)
    assert _date_of(a, "Ceasefire talks in Astana")[0] is None


def test_a_printed_dateline_anchors_relative_days_but_dates_no_event():
    a = _article("Monitor AFP Friday 15 Jul 2016\n\nAir raids on Douma killed 11 civilians, a monitor said.", None)
    assert printed_dateline(a) == "2016-07-15"
    assert _date_of(a, "Air raids on Douma killed 11 civilians, a monitor said.")[0] is None
    b = _article("Monitor AFP Friday 15 Jul 2016\n\nShelling on Harasta on Thursday killed two.", None)
    assert _date_of(b, "Shelling on Harasta on Thursday killed two.") == ("2016-07-14", 1, False)


def test_a_dotted_dateline_anchors_an_article_without_publication_date():
    text = "Middle East 16.05.2017\n\nCoalition strikes on Abu Kamal killed 31 civilians on Monday, activists said."
    a = _article(text, None)
    assert printed_dateline(a) == "2017-05-16"
    assert _date_of(a, "Coalition strikes on Abu Kamal killed 31 civilians on Monday, activists said.")[0] == "2017-05-15"


def test_without_any_anchor_a_bare_weekday_stays_undated():
    a = _article("At least 43 people were killed Saturday in a suicide car bomb attack on buses.", None)
    assert _date_of(a, a.text) == (None, None, True)


TUESDAY = "2024-03-12"  # a Tuesday

# Own-written sentences across theatres and styles (wire, state media, NGO report, local press),
# each coded by hand before it was run: (sentence, date, time_precision).
OWN_SENTENCES = [
    ("In the early hours of Friday, Russian missiles struck an apartment block in Kharkiv, killing four.", "2024-03-08", 1),
    ("Gunmen killed 12 villagers in Zamfara state on Sunday night, police said on Monday.", "2024-03-10", 1),
    ("The RSF shelled a market in El Fasher last night, killing nine civilians.", "2024-03-11", 1),
    ("Soldiers opened fire on protesters in Mandalay two days ago, witnesses told Reuters.", "2024-03-10", 1),
    ("A roadside bomb hit an army patrol in Kirkuk province on the 5th, officials said.", "2024-03-05", 1),
    ("Clashes between cartel gunmen and the army erupted earlier this week in Culiacan.", "2024-03-11", 2),
    ("Maoists ambushed a CRPF convoy in Sukma district yesterday, killing three jawans.", "2024-03-11", 1),
    ("ELN rebels attacked a police station in Arauca on March 3, the defence ministry said.", "2024-03-03", 1),
    ("Houthi drones struck Marib on Saturday, the official Saba news agency reported on Sunday.", "2024-03-09", 1),
    ("JNIM fighters overran a military post near Djibo on Thursday, a security source said today.", "2024-03-07", 1),
    ("Terrorists targeted residential neighbourhoods in Aleppo with rocket shells on Monday, SANA reported.", "2024-03-11", 1),
    ("On 28 February 2024, an air strike hit a school in Idlib, killing six children.", "2024-02-28", 1),
    ("Monday's attack on the market in Mogadishu killed 11 people.", "2024-03-11", 1),
    ("Attacks on Sunday and Monday killed 20 people in Ituri province.", "2024-03-10", 1),
    ("An Israeli drone strike hit a car near Tyre this morning, killing two people.", "2024-03-12", 1),
    ("Al-Shabaab militants stormed a hotel in Mogadishu late on Friday night.", "2024-03-08", 1),
    ("Police said the bodies of 14 people were found in a forest in Kilifi county.", None, None),
    # known weakness: a year in the window that dates something else (the siege's start) is taken
    # as the event's, the way "killed eight fighters in 2014" rightly is
    pytest.param("The army said it had retaken the district, ending a siege that began in 2021.", None, None,
                 marks=pytest.mark.xfail(strict=True, reason="a year of another happening in the window dates the event")),
]


@pytest.mark.parametrize("sentence, value, precision", OWN_SENTENCES)
def test_own_sentences_across_theatres_are_dated_as_coded(sentence, value, precision):
    a = _article(sentence, TUESDAY)
    assert _date_of(a, sentence)[:2] == (value, precision)


@pytest.mark.parametrize("text, day", [
    ("The UN official condemned on Saturday the shelling of a market, in which eight people were killed the day before.",
     "2016-09-23"),
    ("The Islamic State claimed responsibility on Saturday for a car bomb attack in eastern Syria two days earlier.",
     "2016-09-22"),
])
def test_a_follow_up_tells_the_happening_s_day_from_its_own(text, day):
    a = _article(text)
    assert _date_of(a, a.text) == (day, 1, False)


def test_an_earlier_toll_s_day_is_not_the_happening_s():
    a = _article("The death toll from the air strikes rose to 34 on Saturday, up from 31 the day before.")
    assert _date_of(a, a.text) == ("2016-09-24", 2, False)
