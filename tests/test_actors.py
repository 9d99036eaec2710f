"""The entities component: spelling-tolerant actor matching, labels, offices, and spaCy for the rest."""

import pytest

from frontwire.model import Article
from frontwire.pipeline import Pipeline
from frontwire.understand.actors import link_labels
from frontwire.resources import knowledge_base
from frontwire.understand.kb import tokenize


@pytest.fixture(scope="module")
def kb():
    return knowledge_base()


def _resolved(kb, text):
    """(surface, actor id or 'label:<linked id>') for every match, checking offsets on the way."""
    out = []
    for m in link_labels(text, kb.find_all(text)):
        assert text[m.start:m.end] == m.surface
        out.append((m.surface, m.actor_id if m.kind == "actor" else f"label:{m.linked_to}"))
    return out


@pytest.mark.parametrize(
    "sentence, surface, actor_id",
    [
        ("Militants of Jeish al-Fatah fled.", "Jeish al-Fatah", "sy-jaish-al-fatah"),
        ("Jaysh al Fatah took the town.", "Jaysh al Fatah", "sy-jaish-al-fatah"),
        ("JAISH AL-FATAH ADVANCES", "JAISH AL-FATAH", "sy-jaish-al-fatah"),
        ("fighters from Jaish al-Fath arrived", "Jaish al-Fath", "sy-jaish-al-fatah"),
        ("Jabhat al-Shamiyeh withdrew", "Jabhat al-Shamiyeh", "sy-levant-front"),
        ("Jabhat al Shamiyah withdrew", "Jabhat al Shamiyah", "sy-levant-front"),
        ("the Shamiya Front said", "Shamiya Front", "sy-levant-front"),
        ("Ahrar al-Sham and others", "Ahrar al-Sham", "sy-ahrar-al-sham"),
        ("Ahrar al Sham and others", "Ahrar al Sham", "sy-ahrar-al-sham"),
        ("Ahrar alSham and others", "Ahrar alSham", "sy-ahrar-al-sham"),
        ("Ahrar ash-Sham and others", "Ahrar ash-Sham", "sy-ahrar-al-sham"),
        ("Hay'at Tahrir al-Sham took Idlib", "Hay'at Tahrir al-Sham", "sy-hts"),
        ("Hayat Tahrir al-Sham took Idlib", "Hayat Tahrir al-Sham", "sy-hts"),
        ("Hay’at Tahrir al-Sham took Idlib", "Hay’at Tahrir al-Sham", "sy-hts"),
        ("the Fatah al-Sham Front retreated", "Fatah al-Sham Front", "sy-jfs"),
        ("Jabhat Fateh al-Sham retreated", "Jabhat Fateh al-Sham", "sy-jfs"),
        ("Jabhat el-Nusra fighters", "Jabhat el-Nusra", "sy-nusra"),
        ("the al-Nusra Front's positions", "al-Nusra Front", "sy-nusra"),
        ("Hezbollah's fighters", "Hezbollah", "lb-hezbollah"),
        ("Hizbullah fighters", "Hizbullah", "lb-hezbollah"),
        ("Kata'ib Hezbollah claimed it", "Kata'ib Hezbollah", "iq-kataib-hezbollah"),
        ("Kataib Hezbollah claimed it", "Kataib Hezbollah", "iq-kataib-hezbollah"),
        ("Daesh attacked", "Daesh", "int-isis"),
        ("Daish attacked", "Daish", "int-isis"),
        ("Da'esh attacked", "Da'esh", "int-isis"),
        ("the Islamic State of Iraq and the Levant", "Islamic State of Iraq and the Levant", "int-isis"),
        ("Nour al-Din al-Zinki movement", "Nour al-Din al-Zinki movement", "sy-zenki"),
        ("Zeinabiyoun Brigade", "Zeinabiyoun Brigade", "ir-zainabiyoun"),
        ("Fatemiyoun Division", "Fatemiyoun Division", "ir-fatemiyoun"),
        ("Russia's Aerospace Forces struck", "Russia's Aerospace Forces", "ru-vks"),
        ("the U.S.-led coalition", "U.S.-led coalition", "int-cjtf-oir"),
        ("US-led coalition jets", "US-led coalition", "int-cjtf-oir"),
        ("Syrian Democratic Forces advance", "Syrian Democratic Forces", "sy-sdf"),
        ("the Free Syrian Army (FSA)", "Free Syrian Army", "sy-fsa"),
        ("Turkey-backed factions shelled", "Turkey-backed factions", "sy-sna"),
        ("regime forces shelled", "regime forces", "sy-saa"),
    ],
)
def test_spelling_variants_resolve(kb, sentence, surface, actor_id):
    found = _resolved(kb, sentence)
    assert (surface, actor_id) in found, found


def test_case_guards_acronyms_and_names(kb):
    assert _resolved(kb, "they told us who won") == []
    assert _resolved(kb, "fsa units") == []
    assert _resolved(kb, "an islamic state was declared") == []
    assert ("FSA", "sy-fsa") in _resolved(kb, "the FSA said")
    assert ("WHO", "int-who") in _resolved(kb, "WHO warned")


def test_longest_match_wins(kb):
    assert _resolved(kb, "Kata'ib Hezbollah fighters") == [("Kata'ib Hezbollah", "iq-kataib-hezbollah")]
    assert _resolved(kb, "the Syrian Arab Air Force bombed") == [("Syrian Arab Air Force", "sy-air-force")]


def test_offsets_index_the_original_text_after_folding(kb):
    text = "Yesterday  Hay’at   Tahrir al‐Sham's men and JAYSH AL-ISLAM's men met al-Qaeda."
    matches = kb.find(text)
    assert [m.actor_id for m in matches] == ["sy-hts", "sy-jaish-al-islam", "int-al-qaeda"]
    for m in matches:
        assert text[m.start:m.end] == m.surface
    assert matches[2].surface == "al-Qaeda"  # the dropped article stays in the span


def test_tokenize_keeps_offsets_and_folds_articles():
    text = "Ahrar al-Sham's"
    toks = tokenize(text)
    assert [t.key for t in toks] == ["ahrar", "sham"]
    assert text[toks[1].lead:toks[1].end] == "al-Sham"


def test_labels_link_only_where_the_text_links_them(kb):
    assert _resolved(kb, "The terrorists fled.") == [("terrorists", "label:None")]
    assert _resolved(kb, "Several terrorist groups accused Ahrar al-Sham.") == [
        ("terrorist groups", "label:None"),
        ("Ahrar al-Sham", "sy-ahrar-al-sham"),
    ]
    assert ("militants", "label:int-isis") in _resolved(kb, "ISIS militants attacked")
    assert ("terrorists", "label:sy-nusra") in _resolved(kb, "terrorists of the Nusra Front")
    assert ("terrorist group", "label:sy-jaish-al-islam") in _resolved(kb, "Jaish al-Islam, a terrorist group, said")
    assert ("militant group", "label:lb-hezbollah") in _resolved(kb, "the Lebanese militant group Hezbollah")
    assert ("rebels", "label:None") in _resolved(kb, "the rebels, the FSA said")
    assert ("regime", "label:None") in _resolved(kb, "the regime bombed Douma")


def test_officials_resolve_to_their_institution(kb):
    cases = {
        "the General Staff of Syria's Armed Forces said": ("General Staff of Syria's Armed Forces", "sy-general-command"),
        "the General Staff the Syrian Armed Forces said": ("General Staff the Syrian Armed Forces", "sy-general-command"),
        "a Hezbollah spokesman said": ("Hezbollah spokesman", "lb-hezbollah"),
        "Russia's Defence Ministry said": ("Russia's Defence Ministry", "ru-mod"),
        "a spokesman for the Syrian Democratic Forces said": ("spokesman for the Syrian Democratic Forces", "sy-sdf"),
    }
    for sentence, expected in cases.items():
        assert _resolved(kb, sentence) == [expected], sentence
    assert knowledge_base().get("sy-general-command").parent == "sy-saf"


def _entities(text):
    article = Article(text=text)
    pipeline = Pipeline(components=["entities"], strict=True)
    work_article = pipeline(article)
    for e in work_article.entities:
        assert text[e.start:e.end] == e.text
    return work_article.entities


def test_component_prefers_the_kb_over_spacy_and_keeps_other_names():
    text = "Ahrar al-Sham and Faylaq al-Sham attacked Aleppo, John Smith of Reuters said."
    ents = _entities(text)
    by_text = {e.text: e for e in ents}
    assert by_text["Ahrar al-Sham"].kind == "actor" and by_text["Ahrar al-Sham"].actor_id == "sy-ahrar-al-sham"
    assert by_text["Faylaq al-Sham"].inter == 2 and by_text["Faylaq al-Sham"].country == "SY"
    assert not [e for e in ents if e.kind == "person" and "Sham" in e.text]
    assert by_text["Aleppo"].ner_label  # spaCy's own call, whatever it is
    assert by_text["John Smith"].kind == "person"
    # no two entities overlap
    spans = sorted((e.start, e.end) for e in ents)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_labels_are_linked_to_the_actor_the_text_ties_them_to():
    article = Pipeline(components=["entities"], strict=True)(Article(text="ISIS militants attacked SDF positions."))
    assert [(e.text, e.actor_id, e.kind, e.linked_to) for e in article.entities] == [
        ("ISIS", "int-isis", "actor", None),
        ("militants", None, "label", "int-isis"),
        ("SDF", "sy-sdf", "actor", None),
    ]


def test_empty_text_gives_no_entities():
    assert _entities("") == []


def test_example_article(example_path):
    from frontwire.ingest.readers import iter_articles

    (article,) = list(iter_articles([str(example_path)]))
    article = Pipeline(components=["clean", "entities"], strict=True)(article)
    text = article.text
    ents = article.entities
    for e in ents:
        assert text[e.start:e.end] == e.text
    actors = {e.actor_id for e in ents if e.kind == "actor"}
    for wanted in (
        "sy-jaish-al-fatah",
        "sy-ahrar-al-sham",
        "sy-faylaq-al-sham",
        "sy-levant-front",
        "sy-jfs",
        "sy-fsa",
        "sy-saa",
        "sy-general-command",
    ):
        assert wanted in actors, wanted

    def actor_entity(surface):
        return next(e for e in ents if e.text == surface or e.text.endswith(surface))

    assert actor_entity("Jeish al-Fatah coalition").actor_id == "sy-jaish-al-fatah"
    assert actor_entity("Jabhat al-Shamiyeh").canonical == "Levant Front"
    assert actor_entity("Fatah al-Sham Front").actor_id == "sy-jfs"
    assert actor_entity("FSA").actor_id == "sy-fsa"
    assert actor_entity("Syrian army").actor_id == "sy-saa"
    assert actor_entity("General Staff of Syria's Armed Forces").actor_id == "sy-general-command"
    kb = knowledge_base()
    assert kb.get("sy-nusra").successor == "sy-jfs" and kb.get("sy-jfs").successor == "sy-hts"
    # none of the named groups is a person
    for e in ents:
        if e.kind == "person":
            assert not any(w in e.text for w in ("Sham", "Fatah", "Army", "Front", "Jeish", "FSA")), e
    labels = [e for e in ents if e.text.lower().startswith("terrorist")]
    assert labels and all(e.kind == "label" and e.linked_to is None for e in labels)
    assert {e.text for e in labels} >= {"terrorist groups"}


def test_acronyms_keep_their_letters(kb):
    assert _resolved(kb, "the SA said") == []  # not SAA
    assert ("SAA", "sy-saa") in _resolved(kb, "the SAA said")
    assert _resolved(kb, "Next Days will tell") == []  # "Days" is not "Daish"
    # all-caps headlines: short function words are not acronyms
    assert _resolved(kb, "GENERAL STAFF OF THE SYRIAN ARMED FORCES: ALEPPO") == [
        ("GENERAL STAFF OF THE SYRIAN ARMED FORCES", "sy-general-command")
    ]
    assert _resolved(kb, "JAISH AL-FATAH FLEES ALEPPO") == [("JAISH AL-FATAH", "sy-jaish-al-fatah")]


def test_regime_links_only_to_what_precedes_it(kb):
    assert ("regime", "label:None") in _resolved(kb, "violations of the sanctions regime of Security Council resolutions")
    assert ("Regime", "label:None") in _resolved(kb, "Regime Russia air strikes kill 20")


def test_names_do_not_run_across_sentences_or_lines(kb):
    assert _resolved(kb, "ties to Russia. President Trump said") == []
    assert _resolved(kb, "ties to Russia.\nPresident Trump said") == []
    assert ("U.S. Army", "us-armed-forces") in _resolved(kb, "the U.S. Army said")


def test_an_acronym_the_text_defines_as_something_else_is_not_an_actor(kb):
    assert _resolved(kb, "The Food Standards Agency (FSA) said. The FSA runs it.") == []
    assert _resolved(kb, "the Security Studies Group, or SSG, said") == []
    assert [a for _, a in _resolved(kb, "the Free Syrian Army (FSA) said. The FSA fought.")] == ["sy-fsa"] * 3


def test_an_acronym_spelled_out_as_something_else_is_not_an_actor(kb):
    assert _resolved(kb, "The Second Amendment Foundation sued. SAF lawyers said") == []
    assert _resolved(kb, "Japan Self-Defense Forces: SDF ships sailed") == []
    assert ("SDF", "sy-sdf") in _resolved(kb, "The Syrian Democratic Forces advanced. The SDF took Raqqa.")
    assert ("SAA", "sy-saa") in _resolved(kb, "Syrian Army Advances In Aleppo: SAA units")
    assert ("UN", "int-un") in _resolved(kb, "Upper Nile: the UN said")  # two letters spell too much


def test_nationalities_are_not_organisations():
    ents = _entities("Syrian officials met Palestinian leaders and Reuters reporters.")
    norp = [e for e in ents if e.ner_label == "NORP"]
    assert {e.text for e in norp} == {"Syrian", "Palestinian"}
    assert all(e.kind == "other" for e in norp)
