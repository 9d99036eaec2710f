"""The events layer's vocabularies as data (src/frontwire/lexicons/*.yaml) and its theatres."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontwire.events.fatalities import count, to_number
from frontwire.lexicons import DIR, LexiconError, load
from frontwire.lexicons.entries import expand, mapping, word_list

EVENTS_LEXICONS = ["triggers", "civilians", "weapons", "actor_names", "theatres", "tolls"]
EVENTS_SOURCE = Path(__file__).resolve().parents[1] / "src" / "frontwire" / "events"


@pytest.mark.parametrize("name", EVENTS_LEXICONS)
def test_every_events_lexicon_records_its_provenance(name):
    meta = load(name)["meta"]
    assert meta["source"] and meta["licence"] == "Apache-2.0" and meta["date"]
    assert (DIR / f"{name}.yaml").is_file()  # directly in the folder resources.py digests


def test_a_missing_or_misshapen_entry_names_its_file():
    with pytest.raises(LexiconError, match=r"civilians\.yaml.*no entry 'no_such_list'"):
        word_list("civilians", "no_such_list")
    with pytest.raises(LexiconError, match=r"weapons\.yaml.*'means' must be a non-empty list"):
        word_list("weapons", "means")  # a mapping of means, not a list
    with pytest.raises(LexiconError, match=r"tolls\.yaml.*'qualifiers' must be a non-empty mapping"):
        mapping("tolls", "qualifiers")


def test_a_cue_names_another_vocabulary_s_list_as_one_alternation():
    assert expand(r"\bkill {{civilians.victims_killed}}\b").startswith(r"\bkill (?:civilians?|villagers|")
    assert expand(r"no reference {0,2}") == r"no reference {0,2}"
    with pytest.raises(LexiconError, match=r"weapons\.yaml"):
        expand("{{weapons.no_such_list}}")


def test_a_word_list_names_another_list_as_one_of_its_items():
    # the communities killed have one home, read through three lists of civilians.yaml
    communities = "(?:" + "|".join(word_list("civilians", "communities")) + ")"
    for key in ("killed_victims", "toll_nouns", "civilian_dead"):
        assert communities in word_list("civilians", key)
    toll = count("Gunmen killed 12 herders in Mopti region on Sunday.")
    assert (toll.fatalities, toll.civilian_fatalities) == (12, 12)


@pytest.mark.parametrize("distinctive", [
    "villagers", "worshippers", "shepherds",  # civilian nouns: civilians.yaml
    "barrel bombs", "gunships", "howitzers",  # weapon words: weapons.yaml
    "Boko Haram", "Daesh", "int-cjtf-oir",  # party names: actor_names.yaml
    "sy-air-force", "sy-", '"SY"',  # Syria's rules: theatres.yaml
])
def test_one_vocabulary_has_one_home(distinctive):
    """No events module keeps a second copy of a word list in code (docstrings may cite words)."""
    for path in EVENTS_SOURCE.glob("*.py"):
        code = re.sub(r'"""(?:.|\n)*?"""', "", path.read_text(encoding="utf-8"))
        code = re.sub(r"#[^\n]*", "", code)
        assert distinctive not in code, f"{path.name} holds {distinctive!r}"


def test_theatres_carry_the_syria_specific_rules():
    from frontwire.events.theatres import local_to_another_country, theatre_of

    syria = theatre_of("SY")
    assert syria.infer_unnamed_actors and syria.default_air_force == "sy-air-force"
    assert syria.leading_air_powers == ("sy-air-force", "ru-vks") and syria.resolves_labels
    # places that point to no country: nothing says the copy is Syrian, so neither the label
    # table is read as Syrian-war copy nor anything inferred
    unknown = theatre_of(None)
    assert not unknown.resolves_labels and not unknown.infer_unnamed_actors
    # a country without an entry has no theatre rule
    yemen = theatre_of("YE")
    assert not yemen.infer_unnamed_actors and not yemen.resolves_labels and yemen.default_air_force is None
    # "government shelling" read as Syria's forces names another government outside Syria
    assert local_to_another_country("sy-saf", "YE")
    assert not local_to_another_country("sy-saf", "SY") and not local_to_another_country("sy-saf", None)
    assert not local_to_another_country("ru-vks", "YE")


def test_a_theatre_with_an_unknown_key_is_refused():
    from frontwire.events import theatres

    with pytest.raises(LexiconError, match=r"theatres\.yaml: theatre XX has unknown keys \['air_force'\]"):
        theatres._theatre("XX", "XX", {"air_force": "xx-af"})
    with pytest.raises(LexiconError, match=r"theatres\.yaml: theatre XX infers unnamed actors, so it needs"):
        theatres._theatre("XX", "XX", {"infer_unnamed_actors": True})


def test_a_number_of_thousands_of_digits_is_no_toll():
    """Python refuses int() of more than 4300 digits: such a figure must not reach it."""
    huge = "5" * 5000
    assert to_number(huge) == (None, False)
    assert to_number("12345678") == (None, False)  # more than 7 digits: no toll
    assert to_number("1234567") == (1234567, False)
    assert to_number("1,234,567") == (1234567, False)
    for text in (f"{huge} people were killed.", f"Air strikes killed {huge} civilians, including {huge} children.",
                 f"The death toll rose to {huge}."):
        toll = count(text)
        assert (toll.fatalities, toll.civilian_fatalities) == (None, None), text
    # the figures a window does give still count
    toll = count(f"Shelling killed 12 people and {huge} civilians.")
    assert (toll.fatalities, toll.civilian_fatalities) == (12, 12)


def test_events_of_a_text_with_a_huge_number_are_still_coded():
    from frontwire.model import Article
    from frontwire.pipeline import Pipeline

    article = Article(text="Air strikes on Douma killed " + "5" * 5000 + " civilians on Monday, a monitor said.")
    article.set_paragraphs()
    article = Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)(article)
    main = article.events[0]
    assert main.sub_event_type == "Air/drone strike" and main.fatalities is None
