"""Any casing, any encoding: lower-cased, upper-cased and mojibake'd text finds what the text as
published finds, and ordinary text gains no false actor or place from it.

The sentences are our own, written for these tests across theatres (India, Kenya, Brazil, Gaza,
Syria, Iraq); none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from frontwire.model import Article
from frontwire.pipeline import Pipeline
from frontwire.resources import knowledge_base
from frontwire.understand.casing import LOWER, MIXED, UPPER, acronym_in_context, caseless, letter_case


@pytest.fixture(scope="module")
def kb():
    return knowledge_base()


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(components=["clean", "entities", "places", "dates", "quotes", "events"])


def _actor_ids(kb, text: str) -> list[str]:
    found = []
    for m in kb.find(text):
        assert text[m.start:m.end] == m.surface
        found.append(m.actor_id)
    return found


def _run(pipeline, text: str) -> Article:
    article = Article(text=text, source="test")
    return pipeline(article)


# --- telling caseless text from ordinary text ---------------------------------------------------

def test_letter_case_of_a_text():
    ordinary = "Syrian army units shelled positions of the Nusra Front near Idlib on Monday, SANA said."
    assert letter_case(ordinary) == MIXED
    assert letter_case(ordinary.lower()) == LOWER
    assert letter_case(ordinary.upper()) == UPPER
    # a headline in capitals over an ordinary body is an ordinary article
    assert letter_case("REBELS SHELL ALEPPO\n\n" + ordinary * 3) == MIXED
    # too few words to tell: kept to the case rules
    assert letter_case("fsa units") == MIXED
    assert not caseless("The FSA said")


@pytest.mark.parametrize("text, start, expected", [
    ("is fighters attacked", 0, True),
    ("the us-led coalition", 4, True),
    ("the who said", 4, True),
    ("it is not clear", 3, False),
    ("who may have said this to us", 0, False),
    ("he is spokesman for the group", 3, False),
    ("the tip of the iceberg", 4, False),
    ("tip militants attacked", 0, True),
])
def test_an_acronym_that_is_a_word_needs_context(text, start, expected):
    end = start + len(text[start:].split()[0].split("-")[0])
    assert acronym_in_context(text, start, end) is expected


# --- actors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, actor_id", [
    ("Indian police shot dead three suspected militants in Srinagar on Sunday, officials said.", "in-police"),
    ("Kenyan police killed two protesters in Nairobi on Tuesday, witnesses said.", "ke-police"),
    ("Brazilian police killed eight people during a raid on a favela in Rio de Janeiro.", "br-police"),
    ("IS fighters attacked a checkpoint near Deir ez-Zor on Monday.", "int-isis"),
    ("The US-led coalition struck Islamic State positions near Raqqa.", "int-cjtf-oir"),
    ("The US-led coalition struck Islamic State positions near Raqqa.", "int-isis"),
    ("Hezbollah fighters and the Syrian Arab Army retook the town from the Nusra Front.", "sy-saa"),
    ("Hezbollah fighters and the Syrian Arab Army retook the town from the Nusra Front.", "lb-hezbollah"),
    ("The SDF said its fighters repelled an attack by ISIS near Hasakah.", "sy-sdf"),
    ("The SDF said its fighters repelled an attack by ISIS near Hasakah.", "int-isis"),
    ("Houthi forces fired drones at Marib, the Saudi-led coalition said.", "ye-houthis"),
])
def test_actors_found_whatever_the_case(kb, sentence, actor_id):
    for variant in (sentence, sentence.lower(), sentence.upper()):
        assert actor_id in _actor_ids(kb, variant), variant


@pytest.mark.parametrize("sentence", [
    "It is not clear who may have said this to us, he said.",
    "He is spokesman for the group and said it is over.",
    "That is the tip of the iceberg, as the man who sang it said.",
    "Some called for an Islamic state in the region.",
    "Is it true? Who knows. Tell us.",
])
def test_everyday_words_gain_no_actor_in_any_case(kb, sentence):
    for variant in (sentence, sentence.lower(), sentence.upper()):
        assert _actor_ids(kb, variant) == [], variant


def test_names_after_an_indefinite_article():
    kb = knowledge_base()
    text = "an islamic state was declared, and a syrian army officer and two is fighters were killed."
    ids = _actor_ids(kb, text)
    assert ids == ["sy-saa", "int-isis"]


def test_a_headline_in_capitals_keeps_its_words(kb):
    text = "WHO SAYS THE WAR IS NOT OVER\n\nThe WHO said on Monday that IS fighters still hold villages."
    found = [(m.surface, m.actor_id) for m in kb.find(text)]
    assert found == [("WHO", "int-who"), ("IS", "int-isis")]
    assert text.index("The WHO") + 4 == kb.find(text)[0].start


def test_ordinary_text_keeps_its_case_rules(kb):
    # in text with case, a lower-case acronym is a word and a lower-case name a description
    assert _actor_ids(kb, "They said the fsa units and an islamic state were a dream of the Syrian Army.") == ["sy-saa"]


# --- places -------------------------------------------------------------------------------------

def test_places_found_whatever_the_case(pipeline):
    sentence = "Clashes erupted in the Idlib countryside and near Aleppo, and shells hit Deir ez-Zor."
    given = sorted(p.name for p in _run(pipeline, sentence).places)
    assert len(given) >= 2
    for variant in (sentence.lower(), sentence.upper()):
        article = _run(pipeline, variant)
        assert sorted(p.name for p in article.places) == given, variant
        for place in article.places:
            for mention in place.mentions:
                assert article.text[mention.start:mention.end] == mention.text


def test_everyday_words_are_no_places_in_caseless_text(pipeline):
    for text in ("they told us the car was in the jersey of a guinea pig, said chad.",
                 "THEY TOLD US THE CAR WAS NEAR THE HOUSE, SAID A MAN."):
        assert [p.name for p in _run(pipeline, text).places] == [], text


# --- events ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Kenyan police shot dead two protesters in Nairobi on Tuesday, witnesses said.",
    "Indian police killed three suspected militants in Srinagar, officials said.",
    "Brazilian police killed eight people during a raid in a favela in Rio de Janeiro.",
    "An Israeli airstrike on Gaza killed five people, the health ministry said.",
    "IS fighters attacked a checkpoint near Deir ez-Zor on Monday, killing two soldiers.",
])
def test_lower_cased_events_keep_their_actor(pipeline, sentence):
    given = _run(pipeline, sentence).events
    lowered = _run(pipeline, sentence.lower()).events
    assert given and lowered
    assert given[0].actor1_id is not None
    assert lowered[0].actor1_id == given[0].actor1_id
    assert lowered[0].sub_event_type == given[0].sub_event_type


# --- encoding -------------------------------------------------------------------------------------

def _mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, Latin-1 for the bytes it leaves undefined."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def test_mojibake_is_repaired_before_anything_reads_the_text(pipeline):
    body = ("Ahrar al-Sham’s fighters shelled the café district of Aleppo on Monday, the SOHR said. "
            "“We will respond,” a spokesman said.")
    broken = _mojibake(body)
    assert "â€™" in broken and "Ã©" in broken
    article = Article(text=broken, title=_mojibake("Shelling of Aleppo’s café district"), source="test")
    article = pipeline(article)
    assert article.text == body
    assert article.title == "Shelling of Aleppo’s café district"
    assert "sy-ahrar-al-sham" in {e.actor_id for e in article.entities}
    for entity in article.entities:
        assert article.text[entity.start:entity.end] == entity.text


def test_verbatim_keeps_the_bytes_as_given():
    broken = _mojibake("Ahrar al-Sham’s fighters shelled Aleppo.")
    article = Pipeline(components=["clean"], config={"clean.verbatim": True})(Article(text=broken, source="test"))
    assert article.text == broken


def test_a_lower_cased_headline_is_still_the_title():
    text = ("army units repel terrorist attack on deir ezzor airport\n\n"
            "deir ezzor, sana – army units on wednesday repelled an attack by isis terrorists on the airport. "
            "a military source said the attackers were killed.")
    for variant in (text, text.upper()):
        article = Pipeline(components=["clean"])(Article(text=variant, source="test"))
        assert article.title == variant.split("\n")[0]
        assert not article.text.startswith(article.title)
    # an ordinary article whose first line runs on in lower case is one paragraph, as before
    ordinary = "Army units repelled an attack on the airport\non Wednesday, a military source told SANA."
    assert Pipeline(components=["clean"])(Article(text=ordinary, source="test")).title is None


def test_every_acronym_that_is_an_english_word_is_listed(kb):
    """A new table acronym that spaCy counts as an English stop word ("WHO", "IS") must be listed in
    data/casing.yaml, or caseless text would read the word as that actor everywhere."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from frontwire.understand.casing import acronyms_also_words
    from frontwire.understand.folded_tokens import name_tokens

    acronyms = {name.lower() for actor in kb.actors for name in actor.names
                if len(name_tokens(name)) == 1 and name.isupper() and name.isalpha()}
    unlisted = sorted(a for a in acronyms if a in STOP_WORDS and a not in acronyms_also_words())
    assert unlisted == []
