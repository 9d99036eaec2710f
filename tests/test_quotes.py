"""Direct quotes and reported claims, with their speakers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwire.model import Article
from frontwire.pipeline import Pipeline, Work

GOLD = Path(__file__).resolve().parents[1] / "bench" / "data" / "quotes_gold.jsonl"


@pytest.fixture(scope="module")
def quotes_pipeline():
    return Pipeline(components=["entities", "dates", "quotes"], strict=True)


def analyse(pipeline, text: str, published: str | None = "2016-09-25T10:00:00") -> Article:
    article = Article(text=text, published=published)
    article.set_paragraphs()
    pipeline(article)
    for q in article.quotes:
        assert article.text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert article.text[q.speaker_start:q.speaker_end] == q.speaker
    return article


def only(quotes, **fields):
    chosen = [q for q in quotes if all(getattr(q, k) == v for k, v in fields.items())]
    assert len(chosen) == 1, (fields, quotes)
    return chosen[0]


@pytest.fixture(scope="module")
def example(example_path):
    from frontwire.ingest.readers import iter_articles

    article = next(iter(iter_articles([str(example_path)])))
    return Pipeline(components=["clean", "entities", "places", "dates", "quotes"], strict=True)(article)


def test_example_general_staff_statement_is_a_direct_quote(example):
    quote = only(example.quotes, kind="direct", speaker="the General Staff the Syrian Armed Forces")
    assert quote.text.startswith("Religious and military leaders of Jeish")
    assert quote.text.endswith("from civilians in Aleppo")
    assert quote.cue == "said"


def test_example_first_paragraph_is_a_claim_of_the_general_staff(example):
    quote = only(example.quotes, kind="reported", speaker="the General Staff of Syria's Armed Forces")
    assert quote.text.startswith("The recent advances of the Syrian army")
    assert quote.text.endswith("stolen funds")


def test_example_audio_file_words(example):
    audio = [q for q in example.quotes if q.speaker == "the audio file"]
    assert [q.kind for q in audio] == ["direct", "direct"]
    assert audio[0].text.startswith("You commanders,") and audio[0].text.endswith("people's blood")
    assert audio[1].text.startswith("Where are the religious leaders") and audio[1].cue == "adding"


def test_example_saturday_report_is_dated(example):
    quote = only(example.quotes, speaker="Reports")
    assert quote.kind == "reported" and quote.cue == "said" and quote.date == "2016-09-24"
    assert quote.text.startswith("disputes and sporadic clashes") and quote.text.endswith("Aleppo city")


def test_example_fna_reported(example):
    quote = only(example.quotes, speaker="FNA")
    assert quote.kind == "reported" and quote.cue == "reported"
    assert quote.text.startswith("Several terrorist groups accused Ahrar al-Sham")


def test_example_offsets_hold(example):
    assert example.quotes
    for q in example.quotes:
        assert example.text[q.start:q.end] == q.text
        assert example.text[q.speaker_start:q.speaker_end] == q.speaker


def test_example_general_staff_resolves_to_the_syrian_armed_forces(example):
    from frontwire.resources import knowledge_base

    kb = knowledge_base()
    armed_forces = kb.resolve("Syrian Armed Forces")
    if armed_forces is None:
        pytest.skip("the knowledge base does not know the Syrian Armed Forces yet")
    quote = only(example.quotes, kind="direct", speaker="the General Staff the Syrian Armed Forces")
    # The General Staff is the Armed Forces' command: the force itself or its child unit in the KB.
    actor = kb.get(quote.speaker_id)
    assert actor is not None, quote
    assert armed_forces.id in (actor.id, actor.parent)
    assert quote.speaker_canonical == actor.name


def test_curly_quote_running_over_paragraphs_is_one_quote_with_its_speaker(quotes_pipeline):
    text = ("A resident described the siege.\n\n"
            "“We have been in the basements for weeks. There is no bread.\n\n"
            "“Every night the planes come back,” said Abu Ammar, a teacher.")
    quote = only(analyse(quotes_pipeline, text).quotes, kind="direct")
    assert quote.text.startswith("We have been") and quote.text.endswith("planes come back")
    assert "\n\n" in quote.text
    assert quote.speaker == "Abu Ammar"


def test_unbalanced_mark_closes_at_paragraph_end(quotes_pipeline):
    text = ('The source told SANA: "The army units carried out precise strikes on the terrorists.\n\n'
            "Meanwhile, the ministry said corridors would remain open.")
    article = analyse(quotes_pipeline, text)
    direct = only(article.quotes, kind="direct")
    assert direct.text == "The army units carried out precise strikes on the terrorists."
    assert direct.speaker == "The source"
    assert only(article.quotes, kind="reported").speaker == "the ministry"


@pytest.mark.parametrize("text", ['"', '“', '"He said', 'said "', '«»', '"" said the army.', "’’’ said"])
def test_degenerate_marks_do_not_crash(quotes_pipeline, text):
    analyse(quotes_pipeline, text)


def test_apostrophes_and_inner_single_quotes_stay_inside_the_quote(quotes_pipeline):
    text = ("\"The people's revolution will not be stolen by those who sold themselves to the "
            "'international community',\" Hay'at Tahrir al-Sham said in a statement.")
    quote = only(analyse(quotes_pipeline, text).quotes, kind="direct")
    assert quote.text.endswith("'international community'")
    assert quote.speaker == "Hay'at Tahrir al-Sham"


def test_adding_single_quoted_continuation_and_pronoun_speaker(quotes_pipeline):
    text = ("A commander in Jaish al-Fatah, Abu Youssef, told Reuters the fighters had opened a corridor. "
            "\"This is a great victory for the people of Aleppo,\" he said, adding, 'the siege is over.'")
    article = analyse(quotes_pipeline, text)
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == ["This is a great victory for the people of Aleppo", "the siege is over."]
    assert {q.speaker for q in direct} == {"Abu Youssef"}
    claim = only(article.quotes, kind="reported")
    assert claim.speaker == "Abu Youssef" and claim.cue == "told"
    assert claim.text == "the fighters had opened a corridor"


def test_according_to_front_and_back(quotes_pipeline):
    text = ("According to the United Nations, some 600,000 people live in the area. "
            "Dozens of civilians were killed last week, according to a local rights group.")
    article = analyse(quotes_pipeline, text)
    front = only(article.quotes, speaker="the United Nations")
    assert front.text == "some 600,000 people live in the area" and front.cue == "according to"
    back = only(article.quotes, speaker="a local rights group")
    assert back.text == "Dozens of civilians were killed last week"


def test_reported_forms_and_speech_date(quotes_pipeline):
    text = ("Hezbollah said on Saturday that it had fired missiles at five positions. "
            "The army accused the militants of shelling homes. "
            "The city was shelled again, SANA reported.")
    article = analyse(quotes_pipeline, text)
    said = only(article.quotes, speaker="Hezbollah")
    assert said.text == "it had fired missiles at five positions" and said.date == "2016-09-24"
    accused = only(article.quotes, speaker="The army")
    assert accused.cue == "accused" and accused.text == "the militants of shelling homes"
    assert only(article.quotes, speaker="SANA").text == "The city was shelled again"


def test_partial_and_scare_quotes_are_not_direct_quotes(quotes_pipeline):
    text = ('Russia said the so-called "moderate opposition" was indistinguishable from al-Nusra. '
            'The minister said the building contained "military assets belonging to Hamas".')
    article = analyse(quotes_pipeline, text)
    assert not [q for q in article.quotes if q.kind == "direct"]
    claim = only(article.quotes, speaker="The minister")
    assert claim.text == 'the building contained "military assets belonging to Hamas"'


def test_negated_speech_is_no_claim(quotes_pipeline):
    text = "No group has claimed the attack. The army did not say how many soldiers died."
    assert analyse(quotes_pipeline, text).quotes == []


def test_text_without_quotes_or_cues_is_not_parsed():
    from frontwire.understand.quotes import QuotesComponent

    article = Article(text="Shelling hit the northern districts of the city overnight.")
    work = Work(article, Pipeline(components=[]))
    QuotesComponent()(work)
    assert article.quotes == [] and not work.parsed


def test_gold_set_is_consistent():
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert "synthetic" in lines[0]["meta"]["note"].lower()
    items = lines[1:]
    assert len(items) >= 25 and sum(len(i["quotes"]) for i in items) >= 80
    for item in items:
        for q in item["quotes"]:
            assert item["text"][q["start"]:q["end"]] == q["text"]
            assert q["kind"] in ("direct", "reported") and q["speaker"]


def test_hyphenated_name_split_by_the_parser_stays_one_speaker(quotes_pipeline):
    text = ('"The hour of victory has come and the operations to free Mosul have started," '
            "al-Abadi said in a speech on state television.")
    quote = only(analyse(quotes_pipeline, text).quotes, kind="direct")
    assert quote.speaker == "al-Abadi"


def test_quoted_as_saying_names_the_one_quoted(quotes_pipeline):
    text = "Saudi state news agency SPA quoted the interior ministry as saying the fires had been brought under control."
    claim = only(analyse(quotes_pipeline, text).quotes, kind="reported")
    assert claim.speaker == "the interior ministry"
    assert claim.text == "the fires had been brought under control"


def test_relative_pronoun_subject_points_to_its_noun(quotes_pipeline):
    text = "Government forces used barrel bombs, which rights groups say kill indiscriminately."
    article = analyse(quotes_pipeline, text)
    assert all(q.speaker not in ("which", "who", "that") for q in article.quotes)


def test_according_to_source_stops_before_a_following_clause(quotes_pipeline):
    # Comma-less text (as scraped) must not make the rest of the sentence the source.
    text = "The strikes hit the town according to activists who blamed Russian jets for the attack."
    claim = only(analyse(quotes_pipeline, text).quotes, cue="according to")
    assert claim.speaker == "activists"
    assert claim.text == "The strikes hit the town"


def test_he_needs_a_singular_person_antecedent(quotes_pipeline):
    text = ("The mayor, Thabit Abdi Mohamed, visited the site after activists in the area said the toll was rising. "
            "\"We will not be defeated,\" he told a crowd.")
    quote = only(analyse(quotes_pipeline, text).quotes, kind="direct")
    assert quote.speaker == "Thabit Abdi Mohamed"


def test_a_named_source_closing_a_sentence_without_its_comma_is_the_speaker():
    """Scraped copy loses commas: "... killing 12 people the Observatory said." is still attributed."""
    from frontwire.model import Article
    from frontwire.pipeline import Pipeline

    text = ("Government troops stormed a village overnight killing 12 people the Syrian Observatory for Human Rights "
            "said on Sunday. Mortar fire also wounded three people in northeast Damascus SANA said.")
    article = Pipeline(components=["entities", "quotes"], strict=True)(Article(text=text))
    found = {(q.text, q.speaker) for q in article.quotes if q.kind == "reported"}
    assert ("Government troops stormed a village overnight killing 12 people",
            "the Syrian Observatory for Human Rights") in found
    assert ("Mortar fire also wounded three people in northeast Damascus", "SANA") in found
    for q in article.quotes:
        assert text[q.start:q.end] == q.text and text[q.speaker_start:q.speaker_end] == q.speaker


def test_speech_cues_file_records_where_it_comes_from_and_holds_word_lists():
    from frontwire.lexicons import load

    speech = load("speech")
    meta = speech["meta"]
    assert meta["source"] == "frontwire curation" and meta["licence"] == "Apache-2.0" and meta["date"]
    lists = {name: words for name, words in speech.items() if name != "meta"}
    assert lists, "no cue lists"
    for name, words in lists.items():
        # a bare YAML yes/no/on would load as a boolean and silently change a regex
        assert isinstance(words, list) and words and all(isinstance(w, str) and w for w in words), name


def test_every_speech_lemma_has_word_forms_for_the_parse_gate():
    from frontwire.understand.quotes import _CUE_WORD, OBJECT_CUES, SPEECH_LEMMAS

    assert OBJECT_CUES <= SPEECH_LEMMAS
    # an inflection of each, not every form: the bare "add" ("they add that ...") does not open the gate
    unmatched = [lemma for lemma in sorted(SPEECH_LEMMAS)
                 if not any(_CUE_WORD.fullmatch(form) for form in (lemma, lemma + "s", lemma + "ed"))]
    assert unmatched == []


@pytest.mark.parametrize("text", [
    'He said: "We will return."',
    "Residents told reporters the road was closed.",
    "The town fell, according to activists.",
    "Fighting continued. THE ARMY DENIED IT.",
])
def test_the_gate_lets_speech_through(text):
    from frontwire.understand.quotes import _GATE

    assert _GATE.search(text)


def test_single_quoted_quote_after_a_closing_verb():
    from frontwire.understand.quote_marks import single_quoted_after

    text = "The commander was blunt, adding, 'the siege is over, the city is ours', he said."
    quoted = single_quoted_after(text, text.index(", '"), len(text))
    assert quoted is not None and text[quoted.start:quoted.end] == "the siege is over, the city is ours"


@pytest.mark.parametrize("text", [
    "Sudanese army accused of using chlorine gas against RSF fighters near Khartoum refinery",
    "Rebels blamed for deadly shelling of a market in Aleppo",  # (a guard: the parse reads no cue here)
])
def test_who_is_accused_or_blamed_is_no_speaker(quotes_pipeline, text):
    # a headline's passive ("accused of", "blamed for") names the one accused, not an accuser
    assert analyse(quotes_pipeline, text).quotes == []


def test_who_accuses_another_still_speaks(quotes_pipeline):
    # guard: the active verb, its object first
    quote = only(analyse(quotes_pipeline, "The opposition accused the army of using chlorine gas in Douma.").quotes)
    assert quote.speaker == "The opposition"
