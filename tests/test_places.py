"""The places layer on sentences written for these tests, and on the canonical example article."""

from __future__ import annotations

import pytest

from frontwire.model import Article, Entity
from frontwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def places_only():
    return Pipeline(components=["places"], strict=True)


@pytest.fixture(scope="module")
def with_demonyms():
    return Pipeline(components=["places"], strict=True, config={"places.demonyms": True})


def run(pipeline, text, entities=()):
    article = Article(text=text, entities=list(entities))
    pipeline(article)
    for place in article.places:
        for mention in place.mentions:
            assert text[mention.start:mention.end] == mention.text
    return article


def by_name(article, name):
    hits = [p for p in article.places if p.name == name]
    assert hits, [p.name for p in article.places]
    return hits[0]


def test_aleppo_is_the_city_itself(places_only):
    article = run(places_only, "Government forces shelled eastern Aleppo on Saturday.")
    aleppo = by_name(article, "Aleppo")
    assert aleppo.feature == "city" and aleppo.geo_precision == 1
    assert abs(aleppo.lat - 36.20) < 0.1 and abs(aleppo.lon - 37.16) < 0.1
    assert aleppo.country == "SY" and aleppo.country_name == "Syria" and aleppo.admin1 == "Aleppo"
    assert aleppo.geonameid == 170063 and aleppo.source.startswith("geonames")


def test_province_is_precision_three_and_distinct_from_the_city(places_only):
    text = "Clashes spread from Aleppo to the countryside of Idlib province."
    article = run(places_only, text)
    idlib = by_name(article, "Idlib")
    assert idlib.feature == "admin1" and idlib.geo_precision == 3
    assert [m.text for m in idlib.mentions] == ["Idlib province"]
    assert by_name(article, "Aleppo").feature == "city"


def test_handarat_camp_with_its_spellings_is_one_place(places_only):
    text = ("The army recaptured Handarat camp north of Aleppo. Residents of Hindarat had fled, "
            "and the Handarat Palestinian refugee camp lay empty.")
    article = run(places_only, text)
    camp = by_name(article, "Handarat camp")
    assert camp.feature == "camp" and camp.geo_precision == 1 and camp.country == "SY"
    assert abs(camp.lat - 36.27) < 0.05 and abs(camp.lon - 37.18) < 0.05
    assert [m.text for m in camp.mentions] == ["Handarat camp", "Hindarat", "Handarat Palestinian refugee camp"]
    starts = [m.start for m in camp.mentions]
    assert starts == [text.index("Handarat camp"), text.index("Hindarat"), text.index("Handarat Palestinian")]


def test_a_country_is_never_a_precise_point(places_only):
    article = run(places_only, "Commanders fled to Turkey with stolen funds.")
    turkey = by_name(article, "Turkey")
    assert turkey.feature == "country" and turkey.geo_precision == 3 and turkey.country == "TR"
    assert turkey.mentions[0].start == article.text.index("Turkey")


def test_tripoli_follows_the_article_to_libya(places_only):
    text = "Libyan forces loyal to the Government of National Accord repelled an attack on Tripoli, officials in Misrata said."
    tripoli = by_name(run(places_only, text), "Tripoli")
    assert tripoli.country == "LY" and abs(tripoli.lat - 32.89) < 0.1


def test_tripoli_follows_the_article_to_lebanon(places_only):
    text = "In northern Lebanon, gunmen opened fire in Tripoli overnight, the Lebanese army said."
    tripoli = by_name(run(places_only, text), "Tripoli")
    assert tripoli.country == "LB" and abs(tripoli.lat - 34.43) < 0.1


@pytest.mark.parametrize("spelling", ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour"])
def test_alias_spellings_resolve_to_one_city(places_only, spelling):
    text = f"Shelling hit {spelling} on Monday, Syrian state media said."
    place = by_name(run(places_only, text), "Deir ez-Zor")
    assert place.country == "SY" and place.geo_precision == 1 and abs(place.lat - 35.34) < 0.1
    assert place.mentions[0].text == spelling


def test_one_place_per_location_with_all_its_mentions(places_only):
    text = "Raqqa fell in 2017. Before that, ar-Raqqa was the group's capital; Rakka is now quiet."
    raqqa = [p for p in run(places_only, text).places if p.country == "SY"]
    assert len(raqqa) == 1 and len(raqqa[0].mentions) == 3


def test_common_words_are_not_places(places_only):
    article = run(places_only, "They roasted a turkey and prayed to God. The Police said nothing. Of course.")
    assert article.places == []


def test_place_inside_a_known_actor_is_not_a_place(with_demonyms):
    text = "The Syrian Arab Army and Jaish al-Islam fought near Douma."
    actors = [
        Entity(text="Syrian Arab Army", start=4, end=20, kind="actor", actor_id="sy-saa", country="SY"),
        Entity(text="Jaish al-Islam", start=25, end=39, kind="actor", actor_id="sy-jaish-al-islam", country="SY"),
    ]
    article = run(with_demonyms, text, actors)
    names = [p.name for p in article.places]
    assert names == ["Douma"], names
    assert by_name(article, "Douma").country == "SY"


def test_demonyms_are_mentions_only_when_asked(places_only, with_demonyms):
    text = "Syrian officials met Russian envoys."
    assert run(places_only, text).places == []
    article = run(with_demonyms, text)
    assert {p.country for p in article.places} == {"SY", "RU"}
    assert all(p.geo_precision == 3 for p in article.places)


def test_empty_text_has_no_places(places_only):
    assert run(places_only, "").places == []


@pytest.fixture(scope="module")
def example(example_path):
    from frontwire.ingest.readers import iter_articles

    (article,) = list(iter_articles([str(example_path)]))
    # Not strict: the places layer is what is judged here, whatever state "entities" is in.
    Pipeline(components=["clean", "entities", "places"])(article)
    assert not [w for w in article.warnings if "component places" in w], article.warnings
    return article


def test_example_article_places(example):
    aleppo = by_name(example, "Aleppo")
    assert aleppo.feature == "city" and aleppo.geo_precision == 1
    assert abs(aleppo.lat - 36.20) < 0.1 and abs(aleppo.lon - 37.16) < 0.1
    assert len(aleppo.mentions) >= 4

    camp = by_name(example, "Handarat camp")
    assert camp.feature == "camp" and abs(camp.lat - 36.27) < 0.05 and abs(camp.lon - 37.18) < 0.05
    assert len(camp.mentions) == 2

    turkey = by_name(example, "Turkey")
    assert turkey.feature == "country" and turkey.geo_precision == 3 and len(turkey.mentions) == 3

    for place in example.places:
        for mention in place.mentions:
            assert example.text[mention.start:mention.end] == mention.text
    assert not [p for p in example.places if p.country not in ("SY", "TR")]


def test_a_name_is_not_its_own_context(places_only):
    us = run(places_only, "Georgia voters went to the polls in Atlanta on Tuesday.")
    assert by_name(us, "Georgia").country == "US" and by_name(us, "Georgia").feature == "admin1"
    caucasus = run(places_only, "Georgia's president in Tbilisi condemned the incursion.")
    assert by_name(caucasus, "Georgia").country == "GE" and by_name(caucasus, "Georgia").feature == "country"


def test_a_small_town_nothing_supports_is_a_word(places_only):
    # "Duma" is also how GeoNames spells Douma (Syria); in a Russian story it is the parliament.
    article = run(places_only, "The State Duma approved the bill on Tuesday, Russian lawmakers in Moscow said.")
    assert [p.name for p in article.places] == ["Moscow"]


# --- entities and places tell one story ------------------------------------------------------

@pytest.fixture(scope="module")
def default_layers():
    return Pipeline(components=["entities", "places"], strict=True)


def _check_offsets(article):
    for entity in article.entities:
        assert article.text[entity.start:entity.end] == entity.text
    for place in article.places:
        for mention in place.mentions:
            assert article.text[mention.start:mention.end] == mention.text


def test_example_entities_agree_with_places(example):
    _check_offsets(example)
    general = [e for e in example.entities if e.kind not in ("actor", "label")]
    place_entities = {(e.start, e.end) for e in general if e.kind == "place"}
    for place in example.places:
        for mention in place.mentions:
            covered = (mention.start, mention.end) in place_entities or any(
                e.kind == "actor" and e.start <= mention.start and mention.end <= e.end for e in example.entities)
            assert covered, mention
    aleppo = [e for e in general if e.text == "Aleppo"]
    assert len(aleppo) >= 3 and all(e.kind == "place" for e in aleppo)  # spaCy's ORG/NORP "Aleppo"
    assert not [e for e in general if e.text == "Escaped"]  # "have Escaped to Turkey"
    norp = [e for e in general if e.ner_label == "NORP" and e.kind != "place"]
    assert norp and all(e.kind == "other" for e in norp)
    assert not [e for e in general if e.kind == "organization" and e.ner_label == "NORP"]
    # one entity for the whole camp name, not "Handarat" and "Palestinian" separately
    camp = example.text.index("Handarat Palestinian refugee camp")
    inside = [e for e in example.entities if camp <= e.start < camp + len("Handarat Palestinian refugee camp")]
    assert [(e.text, e.kind) for e in inside] == [("Handarat Palestinian refugee camp", "place")]


def test_place_opening_an_actor_name_is_a_mention_and_the_actor_stays(default_layers):
    text = "Pakistan Army engineers built a school in Wana, South Waziristan."
    article = Article(text=text)
    default_layers(article)
    _check_offsets(article)
    pakistan = by_name(article, "Pakistan")
    assert pakistan.feature == "country" and [(m.start, m.end) for m in pakistan.mentions] == [(0, 8)]
    army = [e for e in article.entities if e.start == 0]
    assert [(e.text, e.kind, e.actor_id) for e in army] == [("Pakistan Army", "actor", "pk-army")]
    strict = Pipeline(components=["entities", "places"], strict=True, config={"places.within_actor_names": False})
    assert "Pakistan" not in [p.name for p in strict(Article(text=text)).places]


def test_demonym_opening_an_actor_is_not_its_country(default_layers):
    text = "The Syrian Arab Army shelled Douma, and US forces struck near Manbij."
    article = Article(text=text)
    default_layers(article)
    assert "Syria" not in [p.name for p in article.places]
    assert by_name(article, "United States").mentions[0].text == "US"
    assert {e.text for e in article.entities if e.kind == "actor"} >= {"Syrian Arab Army", "US forces"}
    assert {e.text for e in article.entities if e.kind == "place"} >= {"Douma", "Manbij"}


def test_demonym_mentions_do_not_make_place_entities():
    pipeline = Pipeline(components=["entities", "places"], strict=True, config={"places.demonyms": True})
    article = pipeline(Article(text="Syrian officials met Palestinian leaders in Aleppo."))
    assert {p.country for p in article.places} >= {"SY"}
    kinds = {e.text: (e.kind, e.ner_label) for e in article.entities}
    assert kinds["Syrian"] == ("other", "NORP") and kinds["Aleppo"][0] == "place"


def test_places_alone_leave_entities_alone(places_only):
    article = run(places_only, "Government forces shelled eastern Aleppo on Saturday.")
    assert article.places and article.entities == []


def test_a_persons_surname_is_not_a_town(places_only):
    article = run(places_only, "Ashley Sutton won the race in Leeds. Sutton said the car was perfect.")
    assert [p.name for p in article.places] == ["Leeds"]


def test_gazetteer_cache_round_trip(tmp_path, monkeypatch):
    from frontwire.understand import gazetteer

    monkeypatch.setattr(gazetteer, "CACHE_DIR", tmp_path)
    built = gazetteer.load_gazetteer()
    (cached_file,) = tmp_path.glob("gazetteer-*.pickle")
    loaded = gazetteer.load_gazetteer()
    assert loaded is not built and len(loaded) == len(built)
    assert [e.name for e, _ in loaded.candidates("Aleppo")] == [e.name for e, _ in built.candidates("Aleppo")]
    assert "aleppo" in loaded.automaton
    cached_file.write_bytes(b"not a pickle")  # a damaged cache is rebuilt, never fatal
    assert len(gazetteer.load_gazetteer()) == len(built)


def test_a_possessive_that_lost_its_apostrophe_still_names_the_place(places_only):
    text = "Air raids hit Syrias Raqa on Sunday."
    article = run(places_only, text)
    assert by_name(article, "Syria").mentions[0].text == "Syria"
    assert by_name(article, "Raqqa").admin1 == "Raqqa"
    # a word that merely ends like a name is not a place
    assert not [p for p in run(places_only, "Several Romas lived there.").places if p.name == "Rome"]


def test_a_lost_apostrophe_neither_hides_the_place_in_a_name_nor_after_a_consonant(places_only):
    """A scrape without apostrophes: the parser reads "Aleppos Salaheddin" as a person's name, and
    "Idlibs" ends in a consonant; both are possessives of the place."""
    text = ("A bomb exploded in Aleppos Salaheddin district on Wednesday, killing six. "
            "Idlibs governor condemned the attack.")
    article = run(places_only, text)
    assert by_name(article, "Aleppo").mentions[0].text == "Aleppo"
    assert by_name(article, "Idlib").mentions[0].text == "Idlib"


def test_the_article_province_decides_between_namesakes(places_only):
    """ "Zahraa" is a town near Aleppo and a district of Homs: an article about Homs means the district."""
    text = ("A car bomb exploded in Homs on Sunday. The blast hit a taxi stand in Zahraa, "
            "a district of Homs city, the governor of Homs said.")
    article = run(places_only, text)
    assert by_name(article, "Zahra (Homs)").admin1 == "Homs"


def test_a_city_told_as_where_something_happened_needs_no_other_place(places_only):
    # Nothing else points to Russia or Israel here: the locative words alone tell the city.
    belgorod = by_name(run(places_only, "Ukrainian drones struck an oil depot in Belgorod overnight."), "Belgorod")
    assert belgorod.country == "RU" and belgorod.geo_precision == 1
    haifa = by_name(run(places_only, "Hezbollah fired rockets at Haifa on Sunday, wounding three people."), "Haifa")
    assert haifa.country == "IL"


def test_a_small_namesake_abroad_is_not_kept_by_the_words_before_it(places_only):
    # Léré (Mali) is not in the gazetteer; Lere (Nigeria, under 100,000) must not stand in for it.
    article = run(places_only, "The Malian armed forces said they had retaken the town of Léré from JNIM militants.")
    assert all(p.country != "NG" for p in article.places), [(p.name, p.country) for p in article.places]


@pytest.mark.parametrize("text, name, admin1", [
    # a small town or an alternate spelling, introduced as a settlement in the country the article is about
    ("A roadside bomb struck a bus carrying Syrian soldiers near the town of Tafas in Daraa province on Wednesday.",
     "Ţafas", "Daraa"),
    ("Ukrainian forces shelled the Nikitovsky district of Gorlovka, in the Donetsk region, on Tuesday.",
     "Horlivka", "Donetsk"),
])
def test_a_small_town_introduced_as_a_settlement_is_a_place(places_only, text, name, admin1):
    place = by_name(run(places_only, text), name)
    assert place.admin1 == admin1 and place.geo_precision == 1


def test_a_town_introduced_as_a_settlement_abroad_needs_its_country_told(places_only):
    # Busayra is a Jordanian village to the gazetteer; in a Syrian article it is not kept
    article = run(places_only, "A car bomb exploded at the entrance of the town of Busayra in Deir ez-Zor province.")
    assert all(p.country != "JO" for p in article.places), [(p.name, p.country) for p in article.places]


def test_another_spelling_of_a_curated_town_is_that_town(places_only):
    # the conflict layer spells it "Maarat al-Numan" and knows several other spellings, not this one
    article = run(places_only, "Air strikes hit a bakery in the town of Maaret al-Nouman in Syria's Idlib province.")
    town = by_name(article, "Maarat al-Numan")
    assert town.admin1 == "Idlib" and town.geo_precision == 1
    assert [m.text for m in town.mentions] == ["Maaret al-Nouman"]


def test_another_spelling_needs_its_country_told(places_only):
    article = run(places_only, "Air strikes hit a bakery in the town of Maaret al-Nouman on Tuesday.")
    assert all(p.country != "SY" for p in article.places), [(p.name, p.country) for p in article.places]


@pytest.mark.parametrize("text, name, admin1", [
    ("Regime jets struck the town of al-Habit in southern Idlib province on Friday.", "Hbit", "Idlib"),
    ("Shells fell on Busra al-Harir in the eastern countryside of Daraa.", "Busra al-Harir", "Daraa"),
    ("Coalition aircraft bombed al-Shaafah, one of the last villages the Islamic State held in Deir ez-Zor.", "Al-Shaafah", "Deir ez-Zor"),
])
def test_front_line_villages_of_the_conflict_layer(places_only, text, name, admin1):
    place = by_name(run(places_only, text), name)
    assert place.admin1 == admin1 and place.geo_precision == 1
