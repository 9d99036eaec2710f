"""Incidents: the events of different articles that tell one happening, linked at ingest, on SQLite and
PostgreSQL (the ``db_url`` fixture of conftest.py).

Linking is checked on articles written for each case, whose events are set by hand (what the test is
about is then in the test, not in the event coder), and on the bundled sample incidents as the full
pipeline analyses them.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest
from sqlalchemy import func, select

from frontwire.incidents import acled, linking, reading
from frontwire.ingest.readers import iter_articles
from frontwire.model import Article, Event, Evidence, SourceProfile, event_id
from frontwire.store import tables
from frontwire.store.queries import Filter
from frontwire.store.repository import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_INCIDENTS = ROOT / "src" / "frontwire" / "data" / "samples" / "incidents-three-stories-2019-2023.jsonl"
RECORD_FIELDS = ["id", "date", "location", "lat", "lon", "geo_precision", "sub_event_type", "fatalities", "outlets",
                 "articles", "events", "disagreements"]

# Places in Aleppo governorate: the city, a district 20 km east of it, a town 40 km east; and Damascus.
ALEPPO = (36.2021, 37.1343)
EAST_20 = (36.2021, 37.3570)
EAST_40 = (36.2021, 37.5797)
DAMASCUS = (33.5138, 36.2765)
# Idlib city, the seat of Idlib governorate, and Khan Shaykhun, a town of it 55 km south.
IDLIB = (35.9306, 36.6339)
KHAN_SHAYKHUN = (35.4400, 36.6500)
OUTLETS = {"Reuters": "reuters.com", "SANA": "sana.sy", "TRT World": "trtworld.com", "Anadolu": "aa.com.tr"}


def report(outlet: str, slug: str, published: Optional[str], *items: dict) -> Article:
    """An article of ``outlet`` whose events are given: each item its sentence and its event's fields."""
    title = f"Report {slug}"
    text, events = title, []
    for item in items:
        fields = dict(item)
        sentence = fields.pop("sentence")
        start = len(text) + 2
        text += "\n\n" + sentence
        lat, lon = fields.pop("at", ALEPPO)
        event = Event(**{"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                         "country": "SY", "admin1": "Aleppo", "location": "Aleppo", "geo_precision": 1,
                         "date": published, "time_precision": 1, "lat": lat, "lon": lon, "confidence": 0.7,
                         **fields},
                      evidence=Evidence(sentence=sentence, start=start, end=start + len(sentence)))
        events.append(event)
    domain = OUTLETS[outlet]
    article = Article(url=f"https://{domain}/{slug}", outlet=outlet, title=title, text=text, published=published,
                      source=f"test:{slug}", events=events,
                      source_profile=SourceProfile(domain=domain, name=outlet, resolved_from="url"))
    article.identify()
    for event in article.events:
        event.id = event_id(article.id, event)
    return article


def strike(sentence: str, **fields) -> dict:
    return {"sentence": sentence, **fields}


def partition(store: Store) -> dict[str, set[str]]:
    """incident id -> its event ids, checking that every stored event is in exactly one incident."""
    with store.engine.connect() as connection:
        members = connection.execute(select(tables.incident_events.c.event_id,
                                            tables.incident_events.c.incident_id)).all()
        events = set(connection.execute(select(tables.events.c.id)).scalars())
        incidents = set(connection.execute(select(tables.incidents.c.id)).scalars())
    assert sorted(e for e, _ in members) == sorted(events), "every stored event in exactly one incident"
    out: dict[str, set[str]] = {}
    for event, incident in members:
        out.setdefault(incident, set()).add(event)
    assert set(out) == incidents, "no incident without events"
    return out


def incident_of(store: Store, article: Article, position: int = 0) -> str:
    with store.engine.connect() as connection:
        return connection.execute(select(tables.incident_events.c.incident_id).where(
            tables.incident_events.c.event_id == article.events[position].id)).scalar_one()


def record_of(store: Store, incident_id: str) -> dict:
    with store.engine.connect() as connection:
        return next(r for r in reading.incidents(connection) if r["id"] == incident_id)


# -- linking ---------------------------------------------------------------------------------------

def test_one_strike_told_by_two_outlets_is_one_incident(db_url):
    reuters = report("Reuters", "r1", "2016-07-19", strike(
        "Air strikes hit a market in the Bab al-Nairab district of Aleppo on Tuesday, killing 22 civilians.",
        actor1="Syrian Arab Air Force", actor1_id="sy-air-force", fatalities=22, claimed_by="rescuers"))
    sana = report("SANA", "s1", "2016-07-19", strike(
        "Terrorists shelled the market in Bab al-Nairab in Aleppo on Tuesday, killing 4 civilians.",
        sub_event_type="Shelling/artillery/missile attack", actor1="terrorists", fatalities=4, claimed_by="SANA"))
    with Store(db_url) as store:
        store.save(reuters)
        store.save(sana)
        incidents = partition(store)
        assert len(incidents) == 1
        record = record_of(store, incident_of(store, reuters))
    assert [o["outlet"] for o in record["outlets"]] == ["Reuters", "SANA"]
    assert record["disagreements"]["fatalities"]["by_outlet"] == {"Reuters": 22, "SANA": 4}
    assert record["disagreements"]["type"]["disagree"]
    assert [a["main"] for a in record["articles"]] == [True, True]


@pytest.mark.parametrize("case", ["protest and strike", "far apart", "days apart"])
def test_what_cannot_be_one_happening_is_not_linked(db_url, case):
    first = report("Reuters", "a", "2016-07-19", strike(
        "Air strikes hit the market in Aleppo on Tuesday, killing 22 civilians.", fatalities=22))
    other = {
        "protest and strike": strike("Hundreds protested at the market in Aleppo on Tuesday against the strikes.",
                                     event_type="Protests", sub_event_type="Peaceful protest"),
        "far apart": strike("Air strikes hit the market in Damascus on Tuesday, killing 22 civilians.",
                            at=DAMASCUS, location="Damascus", admin1="Damascus", fatalities=22),
        "days apart": strike("Air strikes hit the market in Aleppo on Friday, killing 22 civilians.",
                             date="2016-07-22", fatalities=22),
    }[case]
    second = report("SANA", "b", "2016-07-22" if case == "days apart" else "2016-07-19", other)
    with Store(db_url) as store:
        store.save(first)
        store.save(second)
        assert len(partition(store)) == 2
        assert incident_of(store, first) != incident_of(store, second)


def chemical(sentence: str, **fields) -> dict:
    return {"sentence": sentence, "sub_event_type": "Chemical weapon", "location": "Khan Shaykhun", "admin1": "Idlib",
            "at": KHAN_SHAYKHUN, **fields}


def test_reports_a_day_apart_are_one_happening_a_week_apart_two(db_url):
    # One night's bombing is "late Friday" to one outlet and "early Saturday" to the next: a day
    # apart, one happening. The same bombing told again a week later is another happening (a
    # campaign's next attack), as the learned model weighs the days between them.
    bombing = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"}
    reuters = report("Reuters", "first", "2017-04-15", strike(
        "A suicide car bomb hit a convoy of buses carrying evacuees at Rashideen near Aleppo, killing 43 people.",
        fatalities=43, **bombing))
    sana = report("SANA", "later", "2017-04-17", strike(
        "A suicide car bomb hit a convoy of buses carrying evacuees at Rashideen near Aleppo, killing 126 people.",
        date="2017-04-16", fatalities=126, **bombing))
    week_later = report("SANA", "week-later", "2017-04-23", strike(
        "A suicide car bomb hit a convoy of buses carrying evacuees at Rashideen near Aleppo, killing 30 people.",
        date="2017-04-23", fatalities=30, **bombing))
    with Store(db_url) as store:
        store.save(reuters)
        store.save(sana)
        assert len(partition(store)) == 1
        store.save(week_later)
        assert len(partition(store)) == 2


def test_a_place_named_as_its_governorate_reaches_the_towns_of_that_governorate(db_url):
    # "In Idlib province" geocodes to Idlib city, 55 km from Khan Shaykhun: beyond two towns' reach,
    # yet the report may mean the whole governorate.
    town = report("Reuters", "town", "2017-04-04", chemical(
        "A suspected chemical attack on the town of Khan Shaykhun killed 72 people, including nine children."))
    province = report("TRT World", "province", "2017-04-04", chemical(
        "Jets attacked the town of Khan Shaykhun in Idlib province with chemical weapons, killing 70 people.",
        location="Idlib", at=IDLIB))
    with Store(db_url) as store:
        store.save(town)
        store.save(province)
        assert incident_of(store, town) == incident_of(store, province)


def test_an_undated_report_links_only_on_strong_evidence(db_url):
    dated = report("Reuters", "dated", "2017-04-04", chemical(
        "A suspected chemical attack on the rebel-held town of Khan Shaykhun killed 72 people, including children."))
    # No publication date and no date in the text: no date to compare.
    undated = {"date": None, "time_precision": None}
    same = report("SANA", "same", None, chemical(
        "The toll from the suspected chemical attack on the rebel-held town of Khan Shaykhun rose to 86 people.",
        geo_precision=2, **undated))
    unlike = report("TRT World", "unlike", None, chemical(
        "Warplanes struck a bakery in Khan Shaykhun, wounding three.", sub_event_type="Air/drone strike", **undated))
    province = report("Anadolu", "province", None, chemical(
        "The toll from the suspected chemical attack on the rebel-held town of Khan Shaykhun rose to 86 people.",
        location="Idlib", at=IDLIB, geo_precision=3, **undated))
    with Store(db_url) as store:
        for article in (dated, same, unlike, province):
            store.save(article)
        at_ingest = partition(store)
        assert incident_of(store, same) == incident_of(store, dated)
        assert len(at_ingest) == 3  # the unlike words and the province-wide place stand alone
        with store.engine.begin() as connection:
            linking.rebuild(connection, fresh=True)
        assert partition(store) == at_ingest


def test_an_undated_report_naming_another_weekday_is_another_happening(db_url):
    # A wire report stripped of its dateline still says "Saturday": a bombing on a Monday is not it,
    # however alike the words, nor is another undated report that says "Wednesday".
    bombing = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "location": "Rashideen",
               "at": EAST_20, "geo_precision": 2}
    undated = {"date": None, "time_precision": None}
    dated = report("Reuters", "dated", "2017-04-15", strike(
        "A suicide car bomb hit a convoy of buses carrying evacuees at Rashideen near Aleppo on Saturday.",
        **bombing))  # 2017-04-15 was a Saturday
    same_day = report("SANA", "saturday", None, strike(
        "A suicide car bomb hit a convoy of buses carrying evacuees at Rashideen near Aleppo Saturday, killing 43.",
        **bombing, **undated))
    monday = report("TRT World", "monday", None, strike(
        "A suicide car bomb hit a convoy of buses carrying evacuees at Rashideen near Aleppo Monday, killing 43.",
        **bombing, **undated))
    wednesday = report("Anadolu", "wednesday", None, strike(
        "A suicide car bomb hit a convoy of buses carrying evacuees at Rashideen near Aleppo Wednesday, killing 43.",
        **bombing, **undated))
    with Store(db_url) as store:
        for article in (dated, same_day, monday, wednesday):
            store.save(article)
        assert incident_of(store, same_day) == incident_of(store, dated)
        assert len({incident_of(store, a) for a in (dated, monday, wednesday)}) == 3


def _two_years_and_an_undated_toll():
    """Two chemical attacks on one town a year apart, and an undated toll that fits both."""
    first = report("Reuters", "2017", "2017-04-04", chemical(
        "A suspected chemical attack on the rebel-held town of Khan Shaykhun killed 72 people, including children."))
    second = report("TRT World", "2018", "2018-04-04", chemical(
        "A suspected chemical attack on the rebel-held town of Khan Shaykhun killed 72 people, including children."))
    undated = report("SANA", "undated", None, chemical(
        "The toll from the suspected chemical attack on the rebel-held town of Khan Shaykhun rose to 86 people.",
        date=None, time_precision=None))
    return first, second, undated


def _rebuilt(store: Store) -> list[set[str]]:
    with store.engine.begin() as connection:
        linking.rebuild(connection)
    return sorted(map(sorted, partition(store).values()))


def test_an_undated_report_that_fits_two_happenings_joins_neither(db_url):
    first, second, undated = _two_years_and_an_undated_toll()
    with Store(db_url) as store:
        store.save(first)
        store.save(undated)
        assert incident_of(store, undated) == incident_of(store, first)  # it fits the one it has
        # A year later the same attack again: the undated toll fits both, so it is evidence for
        # neither; it leaves the first, and the two attacks stay two incidents.
        store.save(second)
        assert len({incident_of(store, a) for a in (first, second, undated)}) == 3
        at_ingest = sorted(map(sorted, partition(store).values()))
        assert _rebuilt(store) == at_ingest

        # The second deleted, the toll fits one happening again and links with it.
        assert store.delete(second.id)
        assert incident_of(store, undated) == incident_of(store, first)
        assert _rebuilt(store) == sorted(map(sorted, partition(store).values()))

        # Stored again and then analysed again as another town's: the toll is the first's again.
        store.save(second)
        assert incident_of(store, undated) != incident_of(store, first)
        moved = report("TRT World", "2018", "2018-04-04", chemical(
            "A suspected chemical attack on the rebel-held suburb of Douma near Damascus killed 72 people, including "
            "children.", at=DAMASCUS, location="Damascus", admin1="Damascus"))
        assert moved.id == second.id and store.save(moved) == "updated"
        assert incident_of(store, undated) == incident_of(store, first)
        assert _rebuilt(store) == sorted(map(sorted, partition(store).values()))


def test_in_any_order_an_undated_report_that_fits_two_happenings_joins_neither(tmp_path):
    first, second, undated = _two_years_and_an_undated_toll()
    found = []
    for n, order in enumerate([(first, second, undated), (undated, second, first), (second, undated, first)]):
        with Store(f"sqlite:///{tmp_path}/order-{n}.db") as store:
            for article in order:
                store.save(article)
            found.append(sorted(map(sorted, partition(store).values())))
    assert found[0] == found[1] == found[2]
    assert len(found[0]) == 3


def test_two_passing_mentions_do_not_join_two_incidents(db_url):
    # Two roundups of different days each recall last month's chemical attack in passing: the two
    # mentions alone are not one incident; a report that leads with the attack joins them.
    mention = "It came a month after the chemical attack on Khan Shaykhun that killed 86 people."
    old = {"date": "2017-04-04", "time_precision": 1}
    first = report("Reuters", "roundup-1", "2017-05-02", strike(
        "Air strikes hit the Bab al-Nairab market in Aleppo on Tuesday, killing 22 civilians.", fatalities=22),
        chemical(mention, **old))
    second = report("SANA", "roundup-2", "2017-05-05", strike(
        "Shelling hit the Hamdaniya district of Aleppo on Friday, killing 4.",
        sub_event_type="Shelling/artillery/missile attack", fatalities=4), chemical(mention, **old))
    with Store(db_url) as store:
        store.save(first)
        store.save(second)
        assert incident_of(store, first, 1) != incident_of(store, second, 1)
        store.save(report("TRT World", "attack", "2017-04-04", chemical(
            "A chemical attack on the town of Khan Shaykhun killed 86 people, including 30 children.", **old)))
        assert incident_of(store, first, 1) == incident_of(store, second, 1)
        assert incident_of(store, first) != incident_of(store, second)


def test_reports_of_two_kinds_at_two_places_are_two_happenings(db_url):
    # Air strikes on Aleppo and a car bomb at a checkpoint 20 km east on the same day: reports of
    # two kinds hold together only at one place, and these name two.
    strikes = report("Reuters", "strikes", "2016-10-13", strike(
        "Jets pounded opposition-held parts of Aleppo early on Thursday, killing 13 people.", fatalities=13))
    car_bomb = report("TRT World", "car-bomb", "2016-10-13", strike(
        "A car bomb blast near a checkpoint east of Aleppo on Thursday killed 13 people.",
        sub_event_type="Remote explosive/landmine/IED", location="al-Bab checkpoint", at=EAST_20, fatalities=13))
    with Store(db_url) as store:
        store.save(strikes)
        store.save(car_bomb)
        assert incident_of(store, strikes) != incident_of(store, car_bomb)


def bridged_reports() -> tuple[Article, Article, Article]:
    """Two strikes 40 km apart, both to the day: two incidents. A third report places the strike
    loosely (precision 2) between them, with the words of both: it is one happening with each.
    (West is a district of the city, not "Aleppo", which may be the whole governorate.)"""
    west = report("Reuters", "west", "2016-07-19", strike(
        "Air strikes hit a convoy of buses near al-Bab in Aleppo province on Tuesday, killing 30.",
        location="Bab al-Nairab", fatalities=30))
    east = report("SANA", "east", "2016-07-19", strike(
        "Air strikes hit a convoy of buses near al-Bab in Aleppo province on Tuesday, killing 12.",
        at=EAST_40, location="al-Bab", fatalities=12))
    bridge = report("TRT World", "bridge", "2016-07-19", strike(
        "Air strikes hit a convoy of buses near al-Bab in Aleppo province on Tuesday, killing 25.",
        at=EAST_20, location="east of Aleppo", geo_precision=2, fatalities=25))
    return west, east, bridge


def test_an_article_that_bridges_two_incidents_merges_them_into_the_older(db_url):
    west, east, bridge = bridged_reports()
    with Store(db_url) as store:
        store.save(west)
        store.save(east)
        older, newer = incident_of(store, west), incident_of(store, east)
        assert older != newer
        store.save(bridge)
        assert len(partition(store)) == 1
        assert incident_of(store, east) == incident_of(store, bridge) == older  # the older id is kept
        with store.engine.connect() as connection:
            merge = connection.execute(select(tables.incident_merges)).one()
            assert reading.resolve(connection, newer) == older
        assert (merge.absorbed_id, merge.into_id, merge.article_id, merge.reason) == (newer, older, bridge.id, "link")
        record = record_of(store, older)
        assert record["fatalities"] == 12  # ACLED: the most conservative credible report
        assert record["disagreements"]["fatalities"]["chosen"]["outlet"] == "SANA"
        assert (record["disagreements"]["fatalities"]["min"], record["disagreements"]["fatalities"]["max"]) == (12, 30)

        # The bridge deleted: the two come apart again; the older keeps its id, the other gets a new one
        # (an id merged away is never given out again).
        assert store.delete(bridge.id)
        incidents = partition(store)
        assert len(incidents) == 2
        assert incident_of(store, west) == older
        assert incident_of(store, east) not in (older, newer)


def test_a_reanalysed_article_leaves_its_incident_and_links_again(db_url):
    first = report("Reuters", "one", "2016-07-19", strike(
        "Air strikes hit the Bab al-Nairab market in Aleppo on Tuesday, killing 22 civilians.", fatalities=22))
    second = report("SANA", "two", "2016-07-19", strike(
        "Terrorists shelled the Bab al-Nairab market in Aleppo on Tuesday, killing 4 civilians.",
        sub_event_type="Shelling/artillery/missile attack", fatalities=4))
    with Store(db_url) as store:
        store.save(first)
        store.save(second)
        shared = incident_of(store, first)
        assert incident_of(store, second) == shared

        # Analysed again, the second article now places its event in Damascus: it leaves the incident.
        moved = report("SANA", "two", "2016-07-19", strike(
            "Terrorists shelled the Bab al-Nairab market in Damascus on Tuesday, killing 4 civilians.",
            sub_event_type="Shelling/artillery/missile attack", fatalities=4, at=DAMASCUS, location="Damascus",
            admin1="Damascus"))
        assert moved.id == second.id
        assert store.save(moved) == "updated"
        assert len(partition(store)) == 2
        assert incident_of(store, first) == shared
        assert record_of(store, shared)["disagreements"]["fatalities"]["by_outlet"] == {"Reuters": 22}

        # Analysed once more as at first, it links again, into the same incident.
        assert store.save(second) == "updated"
        assert partition(store) == {shared: {first.events[0].id, second.events[0].id}}

        # Deleting both empties the incident: it is gone (an incident is its events).
        store.delete(first.id)
        store.delete(second.id)
        assert partition(store) == {}


def test_a_near_copy_is_listed_but_is_no_second_report(db_url):
    body = ("Air strikes hit a crowded market in the Bab al-Nairab district of Aleppo on Tuesday, killing 22 "
            "civilians and wounding dozens more, rescue workers said, as the bombardment of the eastern districts "
            "of the city entered its third week and aid groups warned that hospitals could no longer cope.")
    original = report("Reuters", "wire", "2016-07-19", strike(body, fatalities=22))
    copy = report("Anadolu", "copy", "2016-07-19", strike(body.replace("22", "23"), fatalities=23))
    with Store(db_url) as store:
        store.save(original)
        store.save(copy)
        with store.engine.connect() as connection:
            assert connection.execute(select(tables.articles.c.duplicate_of).where(
                tables.articles.c.id == copy.id)).scalar_one() == original.id
            n_outlets = connection.execute(select(tables.incidents.c.n_outlets)).scalar_one()
        record = record_of(store, incident_of(store, original))
    assert n_outlets == 1
    anadolu = next(o for o in record["outlets"] if o["outlet"] == "Anadolu")
    assert not anadolu["independent"] and anadolu["copies"] == {copy.id: original.id}
    # The copy's figure is the original's story retold: no disagreement of two reports.
    assert record["disagreements"]["fatalities"]["by_outlet"] == {"Reuters": 22}
    assert not record["disagreements"]["fatalities"]["disagree"]


def test_rebuild_finds_the_same_incidents_with_the_same_ids(db_url, sample_articles):
    with Store(db_url) as store:
        for article in sample_articles:
            store.save(article.model_copy(deep=True))
        at_ingest = partition(store)
        with store.engine.begin() as connection:
            result = linking.rebuild(connection)
        assert partition(store) == at_ingest
        assert (result.incidents, result.kept, result.created, result.merged) == (len(at_ingest), len(at_ingest), 0, 0)
        # From an empty incident table, too: the ids are those ingest gave.
        with store.engine.begin() as connection:
            linking.rebuild(connection, fresh=True)
        assert partition(store) == at_ingest


def test_stored_in_another_order_the_articles_make_the_same_incidents(tmp_path, sample_articles):
    def incidents(order, name: str) -> set[frozenset[str]]:
        with Store(f"sqlite:///{tmp_path / name}") as store:
            for article in order:
                store.save(article.model_copy(deep=True))
            return {frozenset(events) for events in partition(store).values()}

    assert incidents(sample_articles, "forward.db") == incidents(list(reversed(sample_articles)), "backward.db")


# -- the sample incidents -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_articles(pipeline) -> list[Article]:
    """The bundled sample incidents, read and analysed by the full pipeline."""
    return [pipeline(item) for item in iter_articles([str(SAMPLE_INCIDENTS)])]


@pytest.fixture(scope="module")
def pipeline():
    from frontwire.pipeline import Pipeline

    return Pipeline()


def _by_outlet_names(record: dict) -> set[str]:
    return {o["outlet"] for o in record["outlets"]}


def test_the_sample_incidents_are_linked_with_their_disagreements(db_url, sample_articles):
    with Store(db_url) as store:
        for article in sample_articles:
            store.save(article)
        with store.engine.connect() as connection:
            found = [r for r in reading.incidents(connection) if len(r["outlets"]) > 1]
    by_place = {r["location"]: r for r in found}
    assert set(by_place) == {"Maarat al-Numan", "Kostyantynivka", "Saada"}
    for record in found:
        assert list(record) == RECORD_FIELDS

    market = by_place["Maarat al-Numan"]
    assert _by_outlet_names(market) == {"Reuters", "Syrian Arab News Agency", "TRT World"}
    found_market = market["disagreements"]
    assert found_market["fatalities"]["by_outlet"] == {"Reuters": 31, "Syrian Arab News Agency": 6, "TRT World": 38}
    assert (found_market["fatalities"]["min"], found_market["fatalities"]["max"], found_market["fatalities"]["range"]) \
        == (6, 38, 32)
    assert market["fatalities"] == 6 and found_market["fatalities"]["chosen"]["outlet"] == "Syrian Arab News Agency"
    assert found_market["blame"]["actor1_differs"]  # Jabhat al-Nusra against the government's air force
    assert found_market["blame"]["by_outlet"]["Syrian Arab News Agency"]["actor1"] == ["al-Nusra Front"]
    assert found_market["type"]["disagree"]
    assert found_market["framing"]["disagree"]
    assert "Syrian Arab News Agency" in found_market["framing"]["only_some"]["Name_Calling,Labeling"]
    measures = found_market["measures"]["fatalities"]
    assert (measures["reports"], measures["dscore"], measures["disagreement"], measures["range"]) == (3, 2, 0.667, 32)
    sana = next(o for o in market["outlets"] if o["outlet"] == "Syrian Arab News Agency")
    assert sana["profile"]["state_affiliated"] == "yes" and sana["profile"]["country"] == "SY"
    assert next(o for o in market["outlets"] if o["first_report"])["outlet"] == "Reuters"

    station = by_place["Kostyantynivka"]["disagreements"]
    assert station["fatalities"]["by_outlet"] == {"Ukrinform": 5, "TASS": 2}
    # TASS is rated low for credibility in the outlet table: the conservative figure is Ukrinform's.
    assert station["fatalities"]["chosen"]["outlet"] == "Ukrinform" and by_place["Kostyantynivka"]["fatalities"] == 5
    assert station["blame"]["actor1_differs"]

    market_yemen = by_place["Saada"]["disagreements"]
    assert market_yemen["fatalities"]["by_outlet"]["Reuters"] == 10
    assert market_yemen["fatalities"]["by_outlet"]["Saba News Agency (Sanaa)"] == 14
    assert by_place["Saada"]["fatalities"] == 10


def test_incidents_command_and_acled_rows(db_url, sample_articles):
    with Store(db_url) as store:
        for article in sample_articles:
            store.save(article)
        with store.engine.connect() as connection:
            rows = list(acled.incident_rows(connection, Filter(country="SY")))
            total = reading.count_incidents(connection)
    market = max((row for row in rows if row["location"] == "Maarat al-Numan"), key=lambda row: len(row["source"]))
    assert market["source"].split("; ") == ["Reuters", "Syrian Arab News Agency", "TRT World"]
    assert market["fatalities"] == 6 and market["event_id_cnty"].startswith("SYR")
    assert "Fatalities disagree (6-38)" in market["notes"] and "Blame differs" in market["notes"]

    def frontwire(*args) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "frontwire", "incidents", "--db", db_url, *args],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)

    listed = frontwire("--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(records) == total
    for record in records:
        assert list(record) == RECORD_FIELDS
        for article in record["articles"]:
            assert list(article) == ["id", "source", "outlet", "url", "main"]
    two_or_more = frontwire("--format", "csv", "--min-outlets", "2", "--type", "air/drone strike")
    assert two_or_more.returncode == 0, two_or_more.stderr
    table = list(csv.DictReader(io.StringIO(two_or_more.stdout)))
    assert {row["location"] for row in table} == {"Maarat al-Numan", "Saada"}
    text = frontwire("--outlet", "tass.com")
    assert text.returncode == 0 and "Kostyantynivka" in text.stdout and "disagree on: fatalities 2-5" in text.stdout
    rebuilt = frontwire("rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"in {total} incidents ({total} kept their id, 0 new, 0 merged away)" in rebuilt.stdout
    with Store(db_url) as store, store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(tables.incidents)).scalar_one() == total


def test_export_writes_one_acled_row_per_incident(tmp_path, sample_articles):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(db) as store:
        for article in sample_articles:
            store.save(article)
        with store.engine.connect() as connection:
            total = reading.count_incidents(connection, Filter(country="YE"))
    out = tmp_path / "incidents.csv"
    result = subprocess.run([sys.executable, "-m", "frontwire", "export", "--db", db, "--what", "incidents",
                             "--format", "acled", "--country", "YE", "--out", str(out)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    assert 0 < len(rows) <= total and f"exported {len(rows)} incident" in result.stderr
    saada = max((row for row in rows if row["location"] == "Saada"), key=lambda row: len(row["source"]))
    assert saada["source"] == "Saba News Agency (Sanaa); Reuters; Al Arabiya"
    assert saada["fatalities"] == "10" and "Fatalities disagree (10-14)" in saada["notes"]
