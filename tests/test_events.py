"""The events layer: taxonomy, tolls, attribution, evidence windows, merging."""

from __future__ import annotations

import pytest

from frontwire.events.certainty import attribute
from frontwire.events.classify import best_sub_event_type
from frontwire.events.coder import EventCoder, EventsConfig
from frontwire.events.fatalities import count, lowest, to_number
from frontwire.events.means import find_means
from frontwire.events.taxonomy import CAMEO, CASE_NON_ACLED, CASE_TO_ACLED, EVENT_TYPES, SUB_EVENT_TYPES, TAXONOMY
from frontwire.model import Article, DateMention, Entity, Mention, Place, Quote
from frontwire.pipeline import Pipeline, Work

ACLED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}


# ---- taxonomy ------------------------------------------------------------------------------

def test_taxonomy_is_acleds_six_types_and_25_sub_types_by_name():
    assert {t: list(s) for t, s in TAXONOMY.items()} == ACLED
    assert len(EVENT_TYPES) == 6 and len(SUB_EVENT_TYPES) == 25


def test_case_codes_map_onto_acled_names_and_others_are_kept_apart():
    assert len(CASE_TO_ACLED) == 25
    assert set(CASE_TO_ACLED.values()) == set(SUB_EVENT_TYPES)
    assert not CASE_NON_ACLED & set(CASE_TO_ACLED)
    assert set(CAMEO) == set(SUB_EVENT_TYPES)


# ---- classification ------------------------------------------------------------------------

_TYPICAL = [
    ("Syrian warplanes carried out air strikes on the town, killing 12 civilians.", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint, killing four soldiers.", "Suicide bomb"),
    ("Rebels shelled residential districts with mortars and rockets.", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded as a police patrol passed.", "Remote explosive/landmine/IED"),
    ("Dozens suffered suffocation after a chlorine gas attack on the district.", "Chemical weapon"),
    ("Government troops recaptured the village from ISIS militants.", "Government regains territory"),
    ("Islamic State militants seized the town after fierce fighting with the army.", "Non-state actor overtakes territory"),
    # taken without a fight once the holder left: ACLED's non-violent transfer
    ("Islamic State militants seized the town after the army pulled out.", "Non-violent transfer of territory"),
    ("Police fired tear gas to disperse hundreds of protesters in the capital.", "Protest with intervention"),
    ("Thousands of people marched peacefully to demand the release of prisoners.", "Peaceful protest"),
    ("Gunmen kidnapped three aid workers on the road to the city.", "Abduction/forced disappearance"),
    ("The two sides agreed a ceasefire after talks in Astana.", "Agreement"),
    ("Police arrested 15 suspects during raids in the district.", "Arrests"),
    ("Army engineers defused an explosive device found near the bridge.", "Disrupted weapons use"),
    ("Turkish forces set up a new observation point near the town.", "Headquarters or base established"),
    ("Clashes broke out between the army and rebel fighters on the outskirts of the city.", "Armed clash"),
]


@pytest.mark.parametrize("sentence, expected", _TYPICAL)
def test_sub_event_type_of_typical_sentences(sentence, expected):
    assert best_sub_event_type(sentence) == expected


def test_no_event_in_a_sentence_about_nothing_violent():
    assert best_sub_event_type("The minister will visit the new library on Monday.") is None


# ---- fatalities ----------------------------------------------------------------------------

def test_vague_tolls_follow_acled_conservative_figures():
    assert to_number("dozens") == (12, False)
    assert to_number("tens") == (10, False)
    assert to_number("hundreds") == (100, False)
    assert to_number("scores") == (20, False)
    assert count("Dozens of soldiers were killed in the attack.").fatalities == 12
    assert count("Air raids killed hundreds of people.").fatalities == 100


def test_toll_with_breakdown_gives_total_and_civilians():
    toll = count("The strike killed at least 12 people, including five children, a monitor said.")
    assert (toll.fatalities, toll.civilian_fatalities) == (12, 12)
    assert count("WHO said in a statement putting the death toll at at least 70.").fatalities == 70


def test_militant_deaths_are_not_civilian_deaths():
    toll = count("The raid killed 3 militants.")
    assert (toll.fatalities, toll.civilian_fatalities) == (3, None)


def test_no_figure_is_null_and_sources_differing_keep_the_lowest():
    assert count("Several buildings were damaged in the shelling.").fatalities is None
    assert count("No casualties were reported.").fatalities is None
    assert lowest([20, None, 12, 15]) == 12
    assert lowest([None]) is None


def test_means_from_words_and_from_type():
    assert find_means("A car bomb exploded near the market.") == "explosive"
    assert find_means("The strike by Russian jets hit a bakery.") == "airstrike"
    assert find_means("Gunmen shot dead a teacher.") == "firearms"
    assert find_means("The attack hit the town.", "Shelling/artillery/missile attack") == "shelling"


# ---- certainty -----------------------------------------------------------------------------

def test_certainty_kinds():
    assert attribute("Reports said on Saturday that clashes among the groups increased.", None, "FNA").certainty == "reported"
    # the speaker comes from the quotes layer; with none, the outlet states it
    window = "Leaders fled to Turkey, the General Staff of Syria's Armed Forces said."
    claimed = attribute(window, "the General Staff of Syria's Armed Forces", "FNA")
    assert (claimed.certainty, claimed.claimed_by) == ("claimed", "the General Staff of Syria's Armed Forces")
    assert attribute(window, None, "FNA").certainty == "fact"
    assert attribute("The ministry denied that its jets struck the hospital.", None, "SANA").certainty == "denied"
    assert attribute("Government jets reportedly struck the hospital.", None, "AFP").certainty == "hedged"
    fact = attribute("Government jets struck the hospital on Monday.", None, "AFP")
    assert (fact.certainty, fact.claimed_by) == ("fact", "AFP")
    quoted = attribute("Our forces destroyed the base.", "Russian Defence Ministry", "TASS")
    assert (quoted.certainty, quoted.claimed_by) == ("claimed", "Russian Defence Ministry")


# ---- the component on hand-filled layers ---------------------------------------------------

TEXT = (
    "Syrian warplanes struck the town of Khan Shaykhun on Tuesday, killing 12 civilians, "
    "the Syrian Observatory for Human Rights said.\n\n"
    "The air strikes on Khan Shaykhun also wounded dozens of people. "
    "Separately, rebels clashed with Islamic State fighters near Raqqa on Monday.\n\n"
    "A monitor said the warplanes struck Khan Shaykhun again at dawn."
)


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def _reported(text: str, claim: str, speaker: str) -> Quote:
    """The quotes layer's reported claim, filled by hand: the events layer takes its speaker from it."""
    c, d = _at(text, claim)
    s, e = _at(text, speaker)
    return Quote(text=claim, start=c, end=d, kind="reported", speaker=speaker, speaker_start=s, speaker_end=e, cue="said")


def _hand_filled_article() -> Article:
    a = Article(text=TEXT, outlet="Example Wire", published="2017-04-05T10:00:00")
    a.set_paragraphs()
    khan = [Mention(text="Khan Shaykhun", start=s, end=e) for s, e in (_at(TEXT, "Khan Shaykhun", i) for i in range(3))]
    raqqa_s, raqqa_e = _at(TEXT, "Raqqa")
    a.places = [
        Place(name="Khan Shaykhun", lat=35.44, lon=36.65, country="SY", admin1="Idlib", feature="town",
              geo_precision=1, mentions=khan),
        Place(name="Raqqa", lat=35.95, lon=39.01, country="SY", admin1="Raqqa", feature="city",
              geo_precision=1, mentions=[Mention(text="Raqqa", start=raqqa_s, end=raqqa_e)]),
    ]
    tue = _at(TEXT, "Tuesday")
    mon = _at(TEXT, "Monday")
    a.dates = [
        DateMention(text="Tuesday", start=tue[0], end=tue[1], value="2017-04-04", precision="day"),
        DateMention(text="Monday", start=mon[0], end=mon[1], value="2017-04-03", precision="day"),
    ]
    ents = []
    for needle, kind, canonical in [
        ("Syrian warplanes", "actor", "Military Forces of Syria"),
        ("rebels", "label", None),
        ("Islamic State", "actor", "Islamic State"),
    ]:
        s, e = _at(TEXT, needle)
        ents.append(Entity(text=needle, start=s, end=e, kind=kind, canonical=canonical,
                           actor_id=None, inter=1 if kind == "actor" and "Syria" in (canonical or "") else (2 if kind == "actor" else None)))
    a.entities = ents
    a.quotes = [_reported(TEXT, "Syrian warplanes struck the town of Khan Shaykhun on Tuesday, killing 12 civilians",
                          "the Syrian Observatory for Human Rights")]
    return a


def _run_events(article: Article) -> Article:
    work = Work(article, Pipeline(components=[]))
    EventCoder()(work)
    return article


def test_evidence_offsets_index_the_text():
    article = _run_events(_hand_filled_article())
    assert article.events
    for event in article.events:
        ev = event.evidence
        assert article.text[ev.start:ev.end] == ev.sentence
        assert 0.0 <= event.confidence <= 1.0


def test_one_happening_mentioned_three_times_is_one_event_and_it_leads():
    article = _run_events(_hand_filled_article())
    strikes = [e for e in article.events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    main = article.events[0]
    assert main is strikes[0]
    assert main.event_type == "Explosions/Remote violence"
    assert (main.location, main.admin1, main.geo_precision) == ("Khan Shaykhun", "Idlib", 1)
    assert (main.date, main.time_precision) == ("2017-04-04", 1)
    assert main.actor1 == "Military Forces of Syria" and main.actor1_inter == 1
    assert (main.fatalities, main.civilian_fatalities) == (12, 12)
    assert main.means == "airstrike"
    assert main.cameo == "195"
    assert (main.certainty, main.claimed_by) == ("claimed", "Syrian Observatory for Human Rights")


def test_a_different_happening_stays_apart_with_its_own_window():
    article = _run_events(_hand_filled_article())
    clashes = [e for e in article.events if e.sub_event_type == "Armed clash"]
    assert len(clashes) == 1
    clash = clashes[0]
    assert (clash.location, clash.date) == ("Raqqa", "2017-04-03")
    # a named actor comes before a label; the label fills the other role only for want of better
    assert clash.actor1 == "rebels" or clash.actor2 == "Islamic State"
    assert "Khan Shaykhun" not in clash.evidence.sentence


def test_place_falls_back_to_the_paragraph_then_the_article_with_lower_precision():
    article = _hand_filled_article()
    text = article.text
    # drop the place mention inside the second sentence: the paragraph's earlier mention is not there either
    article.places[0].mentions = [article.places[0].mentions[0]]
    _run_events(article)
    strike = next(e for e in article.events if e.sub_event_type == "Air/drone strike")
    assert strike.location == "Khan Shaykhun"
    assert text  # unchanged text


def test_quote_speaker_is_the_claimant():
    article = _hand_filled_article()
    s, e = _at(article.text, "the warplanes struck Khan Shaykhun again at dawn")
    article.quotes = [Quote(text=article.text[s:e], start=s, end=e, kind="reported", speaker="A monitor",
                            speaker_start=s - 15, speaker_end=s - 6, cue="said")]
    _run_events(article)
    last_sentence_start = article.text.index("A monitor said")
    events_there = [ev for ev in article.events if ev.evidence.start == last_sentence_start]
    # merged into the main strike, whose first window is the Observatory's claim
    assert not events_there or events_there[0].claimed_by == "A monitor"


def test_empty_article_has_no_events():
    article = _run_events(Article(text=""))
    assert article.events == []


def test_weapon_adjective_names_who_acts():
    from frontwire.events.agents import attributive_agent, resolve_label

    agent = attributive_agent("At least 20 civilians were killed in Russian air strikes on the town.")
    assert agent is not None and (agent.surface, agent.actor_id) == ("Russian", "ru-vks")
    assert attributive_agent("Rebel rocket fire hit a school.").actor_id is None
    assert resolve_label("the regime") == "sy-saf"
    assert resolve_label("terrorists") is None


def test_holders_and_sources_are_not_parties():
    text = "Air strikes hit the rebel-held town of Atareb, the Syrian Observatory for Human Rights said."
    a = Article(text=text)
    a.set_paragraphs()
    s, e = _at(text, "rebel")
    o, p = _at(text, "Syrian Observatory for Human Rights")
    a.entities = [
        Entity(text="rebel", start=s, end=e, kind="label"),
        Entity(text=text[o:p], start=o, end=p, kind="actor", actor_id="sy-sohr",
               canonical="Syrian Observatory for Human Rights", inter=8),
    ]
    a.quotes = [_reported(text, "Air strikes hit the rebel-held town of Atareb", "the Syrian Observatory for Human Rights")]
    _run_events(a)
    strike = a.events[0]
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.actor1 is None and strike.actor2 is None
    assert (strike.certainty, strike.claimed_by) == ("claimed", "Syrian Observatory for Human Rights")


def test_merged_toll_keeps_the_lead_figure_lowered_only_by_a_competing_source():
    from frontwire.events.candidates import FatalityReport as R
    from frontwire.events.merging import merged_toll

    # another source's rival estimate of the same order wins (ACLED: lowest when sources differ)
    assert merged_toll([R("SOHR", 20, None, False), R("SANA", 15, None, True)]) == (15, None)
    # a lower figure not told as a rival estimate is a part of the toll ("eleven of them after midnight")
    assert merged_toll([R("SOHR", 18, 18, False), R("Rami Abdel Rahman", 11, 11, False)]) == (18, 18)
    # a later cumulative figure ("since 2011") or a part ("four of them children") does not replace it
    assert merged_toll([R("AFP", 28, None, False), R("AFP", 1200, None, False), R("SOHR", 4, 4, True)]) == (28, 4)
    assert merged_toll([R(None, None, None, False)]) == (None, None)


def test_a_rival_estimate_is_told_as_one():
    from frontwire.events.fatalities import is_rival_estimate

    assert is_rival_estimate("The Syrian Observatory put the death toll at 15.")
    assert is_rival_estimate("Twenty people were killed, while state media said 12 died.")
    assert not is_rival_estimate("Eleven civilians including four children were killed after midnight in Bab al-Nairab.")


def test_literal_prefilter_never_hides_a_match():
    """The Aho-Corasick prefilter skips a rule only when none of its literal starts occurs."""
    from frontwire.events.classify import _compiled

    sentences = [s for s, _ in _TYPICAL] + [TEXT, "Protesters were recaptured by riot police in March."]
    for rules in _compiled().values():
        for _weight, pattern, prefixes in rules:
            if prefixes is None:
                continue
            for sentence in sentences:
                if pattern.search(sentence):
                    assert any(p in sentence.lower() for p in prefixes), (pattern.pattern, sentence)


# ---- inference of unnamed actors, tolls from the lead, dates (rules added for FA-KES) -------

def _syrian_article(text: str, actors=(), labels=(), places=(("Douma", "Rif Dimashq"),), published="2016-08-06T09:00:00") -> Article:
    """A hand-filled Syrian-war article: actors are (surface, KB id), labels bare surfaces."""
    a = Article(text=text, published=published)
    a.set_paragraphs()
    a.places = []
    for name, admin1 in places:
        mentions = []
        pos = text.find(name)
        while pos >= 0:
            mentions.append(Mention(text=name, start=pos, end=pos + len(name)))
            pos = text.find(name, pos + 1)
        a.places.append(Place(name=name, country="SY", admin1=admin1, feature="town", geo_precision=1, mentions=mentions))
    ents = []
    from frontwire.events.parties import kb_actor

    for surface, actor_id in actors:
        pos = text.find(surface)
        while pos >= 0:
            kb = kb_actor(actor_id)
            ents.append(Entity(text=surface, start=pos, end=pos + len(surface), kind="actor", actor_id=actor_id,
                               canonical=kb.name, inter=kb.inter))
            pos = text.find(surface, pos + 1)
    for surface in labels:
        pos = text.find(surface)
        while pos >= 0:
            ents.append(Entity(text=surface, start=pos, end=pos + len(surface), kind="label"))
            pos = text.find(surface, pos + 1)
    a.entities = sorted(ents, key=lambda e: e.start)
    return a


def _run(article: Article, config: dict | None = None) -> Article:
    work = Work(article, Pipeline(components=[]))
    EventCoder(EventsConfig(**(config or {})))(work)
    return article


def test_unnamed_air_strike_in_syria_is_read_as_the_syrian_air_force_and_flagged():
    text = "Air strikes hit a market in Douma on Saturday, killing 14 civilians, a monitor said."
    main = _run(_syrian_article(text)).events[0]
    assert main.sub_event_type == "Air/drone strike"
    assert (main.actor1, main.actor1_id, main.actor1_inferred) == ("Syrian Arab Air Force", "sy-air-force", True)
    # ACLED's strict reading: the same article with the inference off leaves the attacker unnamed
    strict = _run(_syrian_article(text), {"infer_unnamed_actors": False}).events[0]
    assert strict.actor1 is None and strict.actor1_inferred is None
    assert main.confidence < strict.confidence + 0.15  # the inferred actor earns less than a named one would


def test_unnamed_air_strike_takes_the_air_power_the_article_names():
    text = ("Air strikes hit a market in Douma on Saturday, killing 14 civilians.\n\n"
            "Elsewhere, US-led coalition jets struck Raqqa on Monday.")
    main = _run(_syrian_article(text, places=(("Douma", "Rif Dimashq"), ("Raqqa", "Raqqa")))).events[0]
    assert main.location == "Douma"
    assert (main.actor1_id, main.actor1_inferred) == ("int-cjtf-oir", True)


def test_air_strike_never_acted_by_a_group_without_aircraft():
    # "air raids on IS-held Douma": IS is the target, not the attacker
    text = "Air raids hit Islamic State positions in Douma on Saturday, a monitor said."
    main = _run(_syrian_article(text, actors=[("Islamic State", "int-isis")])).events[0]
    assert main.sub_event_type == "Air/drone strike"
    assert main.actor1_id == "sy-air-force" and main.actor1_inferred
    assert main.actor2_id == "int-isis"


def test_inference_applies_only_to_syrian_articles():
    text = "Air strikes hit a market in Sanaa on Saturday, killing 14 civilians."
    a = Article(text=text, published="2016-08-06")
    a.set_paragraphs()
    a.places = [Place(name="Sanaa", country="YE", admin1="Amanat al Asimah", feature="city", geo_precision=1,
                      mentions=[Mention(text="Sanaa", start=text.index("Sanaa"), end=text.index("Sanaa") + 5)])]
    main = _run(a).events[0]
    assert main.actor1 is None and not main.actor1_inferred


def test_generic_label_stands_for_the_one_armed_side_the_article_names():
    text = ("Terrorists fired rocket shells on Douma on Saturday, killing 3 civilians.\n\n"
            "Al-Nusra Front has held the nearby farms since spring.")
    main = _run(_syrian_article(text, actors=[("Al-Nusra Front", "sy-nusra")], labels=["Terrorists"])).events[0]
    assert main.sub_event_type == "Shelling/artillery/missile attack"
    assert (main.actor1_id, main.actor1_inferred) == ("sy-nusra", True)


def test_generic_label_stays_a_label_when_the_article_names_several_armed_sides():
    text = ("Terrorists fired rocket shells on Douma on Saturday, killing 3 civilians.\n\n"
            "Al-Nusra Front and Islamic State have both fought near the farms.")
    main = _run(_syrian_article(text, actors=[("Al-Nusra Front", "sy-nusra"), ("Islamic State", "int-isis")],
                                labels=["Terrorists"])).events[0]
    assert main.actor1 == "Terrorists" and main.actor1_id is None and not main.actor1_inferred


def test_the_counted_dead_are_acted_on_not_acting():
    text = "The Syrian Arab Army killed 33 Ahrar al-Sham fighters in clashes near Douma on Saturday."
    a = _syrian_article(text, actors=[("Syrian Arab Army", "sy-saf"), ("Ahrar al-Sham", "sy-ahrar-al-sham")])
    main = _run(a).events[0]
    assert main.event_type == "Battles"
    assert (main.actor1_id, main.actor2_id) == ("sy-saf", "sy-ahrar-al-sham")
    text2 = "Over 50 Ahrar al-Sham fighters were killed in clashes with the Syrian Arab Army near Douma."
    a2 = _syrian_article(text2, actors=[("Syrian Arab Army", "sy-saf"), ("Ahrar al-Sham", "sy-ahrar-al-sham")])
    main2 = _run(a2).events[0]
    assert (main2.actor1_id, main2.actor2_id) == ("sy-saf", "sy-ahrar-al-sham")


def test_main_event_without_a_toll_takes_the_one_its_lead_gives():
    text = ("Bombing kills 16 people outside a bakery in Douma\n\n"
            "A suicide attacker detonated his explosive vest outside a crowded bakery in Douma on Tuesday. "
            "The suicide bomber was on a motorcycle, the suicide attack was the third this month.")
    main = _run(_syrian_article(text)).events[0]
    assert main.sub_event_type == "Suicide bomb"
    assert main.fatalities == 16


def test_article_without_publication_date_is_anchored_on_its_printed_dateline():
    text = ("Monitor AFP Friday 15 Jul 2016\n\n"
            "Air raids on Douma killed 11 civilians on Thursday, a monitor said.")
    a = _syrian_article(text, published=None)
    first = text.index("Friday 15 Jul 2016")
    thursday = text.index("Thursday")
    a.dates = [
        DateMention(text="Friday 15 Jul 2016", start=first, end=first + 18, value="2016-07-15", precision="day"),
        DateMention(text="Thursday", start=thursday, end=thursday + 8, value=None, precision="day"),
    ]
    main = _run(a).events[0]
    assert main.date == "2016-07-14"  # "Thursday" before the printed Friday 15 July


def test_an_event_dated_long_before_the_printed_dateline_is_background():
    # no publication date: the dateline printed at the top dates the news, and the 2015 strike is background
    text = ("Monitor AFP Friday 15 Jul 2016\n\n"
            "Shelling hit Douma on Thursday, killing 3 civilians, a monitor said. "
            "Air strikes on Douma killed 20 civilians in March 2015.")
    a = _syrian_article(text, published=None)
    top, thu, march = text.index("Friday 15 Jul 2016"), text.index("Thursday"), text.index("March 2015")
    a.dates = [
        DateMention(text="Friday 15 Jul 2016", start=top, end=top + 18, value="2016-07-15", precision="day"),
        DateMention(text="Thursday", start=thu, end=thu + 8, value=None, precision="day"),
        DateMention(text="March 2015", start=march, end=march + 10, value="2015-03-01", precision="month"),
    ]
    main = _run(a).events[0]
    assert main.sub_event_type == "Shelling/artillery/missile attack" and main.date == "2016-07-14"


def test_air_wielders_count_the_air_powers_named():
    from frontwire.events.agents import air_wielders
    from frontwire.events.inference import inferred_air_force
    from frontwire.events.theatres import theatre_of

    syria = theatre_of("SY")
    text = "Russian jets and Syrian warplanes struck the town; Russian air strikes went on at night."
    assert air_wielders(text) == {"ru-vks": 2, "sy-air-force": 1}
    assert inferred_air_force(text, syria) == "ru-vks"
    assert inferred_air_force("Nothing about aircraft here.", syria) == "sy-air-force"


@pytest.mark.parametrize("sentence, expected", [
    # the aircraft make it an air strike, whatever they fire or destroy
    ("Saudi jets fired a number of missiles at a well in the village, leaving several people dead.", "Air/drone strike"),
    ("Turkish jets destroyed weapon depots and hideouts used by the militants, the military said.", "Air/drone strike"),
    # armed victims make an attack a battle (ACLED's violence against civilians targets the unarmed)
    ("Gunmen stormed a police training center and killed at least 41 police trainees.", "Armed clash"),
    ("Gunmen stormed a village and killed at least 41 villagers.", "Attack"),
    ("Militants executed 20 soldiers taken prisoner at the base, killing 20 soldiers.", "Attack"),
    ("Warplanes hit a militia base in the north, killing several fighters.", "Air/drone strike"),
    # a clause without its own subject takes the sentence's: the army took it
    ("The army units took control of the village after recapturing the oilfields.", "Government regains territory"),
])
def test_context_rules_added_for_case(sentence, expected):
    assert best_sub_event_type(sentence) == expected


def test_overlapping_tolls_single_victims_and_state_media_martyrs():
    both = count("At least 50 fighters and two civilians were killed Tuesday in clashes.")
    assert (both.fatalities, both.civilian_fatalities) == (50, 2)
    girl = count("A girl child was killed and two others were injured on Sunday.")
    assert (girl.fatalities, girl.civilian_fatalities) == (1, 1)
    imam = count("The device went off on Friday, killing the imam of the mosque.")
    assert (imam.fatalities, imam.civilian_fatalities) == (1, 1)
    soldier = count("A soldier was killed at the checkpoint.")
    assert (soldier.fatalities, soldier.civilian_fatalities) == (1, None)
    martyrs = count("Twin suicide blasts targeted the checkpoint, claiming 4 martyrs and injuring 10.")
    assert (martyrs.fatalities, martyrs.civilian_fatalities) == (4, None)
    late = count("The death toll following the Thursday attack on the village reached 51 people, a source said.")
    assert late.fatalities == 51


def test_a_place_opening_an_actor_name_is_not_where_the_event_happened():
    """ "US forces" names who acted; the event happened in Raqqa, not in the United States."""
    from frontwire.pipeline import Pipeline

    from frontwire.model import Article

    text = ("US forces carried out an air strike on an Islamic State position near Raqqa on Monday, "
            "killing six fighters, the Syrian Observatory for Human Rights said.")
    article = Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)(
        Article(text=text, published="2017-06-13"))
    assert any(m.text == "US" for p in article.places for m in p.mentions)  # still a toponym mention
    event = article.events[0]
    assert event.sub_event_type == "Air/drone strike"
    assert event.location == "Raqqa" and event.country == "SY"


def _full(text: str, published: str = "2016-05-02") -> Article:
    return Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)(
        Article(text=text, published=published))


def test_places_that_qualify_an_actor_do_not_pull_a_syrian_event_abroad():
    """ "US-trained", "US-formed", "London-based" say who someone is, not where the war is."""
    text = ("Nusra attacks US-trained rebels in Syria. Al-Nusra Front stormed the base of a US-formed "
            "rebel unit near Azaz on Friday, killing five of them, the London-based Syrian Observatory "
            "for Human Rights said. The rebels had been trained and armed by the US.")
    event = _full(text, "2015-07-31").events[0]
    assert event.country == "SY" and event.admin1 == "Aleppo"


def test_a_district_inside_one_province_places_the_event_in_that_province():
    text = ("The army command visited Aleppo and Aleppo's airport last week.\n\n"
            "Syrian army units repelled an attack by Nusra militants on an army post in Qalamoun on Tuesday, "
            "killing several of them, a military source said.")
    events = [e for e in _full(text, "2014-10-01").events if "Qalamoun" in e.evidence.sentence]
    assert events and events[0].location == "Qalamoun" and events[0].admin1 == "Rif Dimashq"


def test_a_gloss_in_brackets_is_the_actor_it_follows():
    text = ("Three civilians were killed in Aleppo on Monday when al-Nusra Front (al-Qaeda's branch in the Levant) "
            "fired rocket shells at residential neighbourhoods, a police source said.")
    event = _full(text, "2016-04-04").events[0]
    assert event.actor1 == "al-Nusra Front"
    assert event.actor2 != "al-Qaeda"


def test_medical_workers_are_counted_as_civilians():
    assert (count("Five medics were killed when an air strike hit a clinic.").civilian_fatalities) == 5
    assert count("Two paramedics and a nurse were killed.").civilian_fatalities == 2


def test_a_bare_year_of_the_articles_own_does_not_date_the_event_to_new_year():
    text = "A suicide car bomb killed eight fighters at a checkpoint in Idlib, the deadliest attack there in 2017."
    event = _full(text, "2017-11-17").events[0]
    # the year is the article's own and no day of it is told: no date, rather than the publication's
    assert event.date is None and event.time_precision is None
    older = "A suicide car bomb killed eight fighters at a checkpoint in Idlib in 2014."
    assert _full(older, "2017-11-17").events[0].date == "2014-01-01"


def test_where_a_source_briefed_reporters_is_not_where_the_event_happened():
    text = ("Syrian army units repelled an attack by Nusra militants on an army post in Qalamoun on Tuesday, "
            "killing several of them, a military source told reporters in Latakia.")
    assert _full(text, "2014-10-01").events[0].location == "Qalamoun"
    plain = "Officials said that the attack in Aleppo killed five civilians on Monday."
    assert _full(plain, "2014-10-01").events[0].location == "Aleppo"


def test_where_a_drone_was_launched_from_is_not_where_it_was_brought_down():
    text = "A drone launched from Sanaa was shot down over Jeddah on Friday, the coalition said."
    assert _full(text, "2019-06-14").events[0].location == "Jeddah"


def test_who_holds_the_ground_or_is_named_in_an_allegiance_is_not_a_party():
    held = ("Rebel factions fired hundreds of rockets at districts held by Assad forces in Aleppo on Tuesday, "
            "killing seven civilians.")
    assert _full(held, "2016-07-12").events[0].actor1 != "Syrian Arab Army"
    allegiance = "A bomb in Aleppo killed 13 pro-Assad fighters on Tuesday, a monitor said."
    assert _full(allegiance, "2014-07-29").events[0].actor1 is None


def test_by_names_the_attacker_only_after_a_participle_or_an_attack_noun():
    text = ("At least 35 Islamic State militants were killed in air strikes by the US-led coalition near Shaddadi "
            "overnight, a monitor said.")
    assert _full(text, "2014-10-04").events[0].actor1 == "Combined Joint Task Force – Operation Inherent Resolve"


def test_the_home_country_is_where_the_towns_are_not_the_state_most_named():
    text = ("Opposition urges action against Russia. The opposition urged the world to stop Russia, saying Russia "
            "keeps bombing civilians. At least 13 civilians were killed in airstrikes by the regime "
            "and Russian jets on Rastan in Homs province on Friday.")
    event = next(e for e in _full(text, "2016-08-20").events if e.location == "Rastan")
    assert event.actor1_id in ("sy-saf", "sy-air-force")


def test_a_capital_named_for_its_government_is_not_the_events_place():
    text = ("Moscow defended its Damascus ally at the UN. Damascus denied the charge, and militias loyal to Damascus "
            "kept fighting.\n\nThe toll from the chemical attack on the rebel-held town rose to 86, a monitor said.\n\n"
            "Doctors in Khan Sheikhun treated dozens of the wounded.")
    event = next(e for e in _full(text, "2017-04-05").events if e.sub_event_type == "Chemical weapon")
    assert event.admin1 == "Idlib"


def test_the_counted_dead_and_an_army_in_a_later_clause_do_not_wield_the_weapon():
    massacre = "Islamic State terrorists massacred 250 Syrian troops near Raqqa on Thursday, a monitor said."
    event = _full(massacre, "2014-08-28").events[0]
    assert event.actor1 == "Islamic State" and event.actor2 == "Syrian Arab Army"
    later = ("A rights group said Daesh executed at least 128 civilians in the town of Qaryatayn, which has changed "
             "hands between the militants and the Syrian Arab Army several times.")
    assert _full(later, "2017-10-23").events[0].actor1 == "Islamic State"
    # a year in a dateline is not a count: "18 Jun 2014 Syrian army helicopter fire killed 12 people"
    dated = "Air raid on camp kills 12. AFP Wednesday 18 Jun 2014 Syrian army helicopter fire killed 12 people near Daraa."
    assert _full(dated, "2014-06-18").events[0].actor1_id in ("sy-saf", "sy-air-force", "sy-saa")


def test_a_place_inside_the_speakers_name_is_where_the_speaker_sits():
    text = ("The Russian coordination center in Hmeimim stated on Saturday that armed terrorist groups shelled "
            "residential areas three times in 24 hours, all of the attacks in Aleppo.")
    event = _full(text, "2016-04-30").events[0]
    assert event.location == "Aleppo"


def test_tolls_a_second_group_of_dead_held_places_and_single_victims():
    # a second group of the dead in the same clause, but not of the wounded or the displaced
    assert count("US air strikes killed 50 militants and eight civilians in northern Syria.").civilian_fatalities == 8
    assert count("The strike killed five soldiers and 12 civilians were wounded.").civilian_fatalities is None
    assert count("Thousands have been killed and more than 10 million displaced.").civilian_fatalities is None
    # "rebel-held" names a place, not a fighter among the dead
    toll = count("The toll from the attack on a rebel-held town has risen to 86, 30 of them children.")
    assert (toll.fatalities, toll.civilian_fatalities) == (86, 86)
    # a long noun phrase between "death toll" and its figure; "as rescue workers" are not the dead
    long = count("A monitor raised the death toll from airstrikes on a market in an opposition-held town to 61 "
                 "as rescue workers searched the rubble.")
    assert (long.fatalities, long.civilian_fatalities) == (61, None)
    assert count("A mortar shell left a child dead and a woman injured.").civilian_fatalities == 1


@pytest.mark.parametrize("sentence", [
    # a second verb and its count between the kill and whom it killed
    "The army killed 28 and wounded 30 Daesh terror group militants in Deir ez-Zor on Tuesday.",
    # state media's words for killing fighters, and the passive with "terrorists"
    "Government forces eliminated 14 terrorists in the countryside of Hama on Friday.",
    "Twelve terrorists were killed by Kurdish-led fighters near Tabqa on Saturday.",
])
def test_state_media_wording_of_a_battle_is_an_armed_clash(sentence):
    assert best_sub_event_type(sentence) == "Armed clash"


def test_eliminated_counts_fighters_not_positions():
    assert count("Government forces eliminated 14 terrorists in the countryside of Hama.").fatalities == 14
    assert count("The army eliminated 40 positions of the terrorists near Hama.").fatalities is None


@pytest.mark.parametrize("text, dead", [
    # communities and trades killed for who they are or where they were: an attack on civilians
    ("Islamic State militants killed 20 Kurds in Kobane on Friday.", 20),
    ("Gunmen killed 12 herders in Mopti region on Sunday.", 12),
    ("Militants killed 14 Hazaras travelling on a bus in Balochistan.", 14),
])
def test_communities_killed_are_civilians_attacked(text, dead):
    event = _full(text, "2016-05-02").events[0]
    assert event.sub_event_type == "Attack"
    assert (event.fatalities, event.civilian_fatalities) == (dead, dead)


@pytest.mark.parametrize("text, sub", [
    # fighters killed by a named party: a battle, even where no other battle word stands
    ("12 Daesh terrorists were killed by Kurdish-led Syrian Democratic Forces near the town of Tabqah.", "Armed clash"),
    ("Fifteen insurgents were killed by the Mozambican army near Mocimboa da Praia on Sunday.", "Armed clash"),
    # killed by a weapon: the weapon's type
    ("Twenty rebels were killed by Russian air strikes near Idlib.", "Air/drone strike"),
])
def test_fighters_killed_by_a_party_are_a_battle(text, sub):
    event = _full(text, "2017-04-09").events[0]
    assert event.sub_event_type == sub


def test_a_sentence_the_parser_cuts_without_punctuation_is_coded_as_one():
    """spaCy may end a sentence at "killed and": the toll and the air strike it was killed in are
    one happening, not an attack and a strike."""
    text = ("Hama. Rescue workers reported that at least six civilians were killed and nine more injured in a "
            "government air strike in the northern part of the village of Kafr Zita")
    events = _full(text, "2016-05-02").events
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert events[0].fatalities == 6
    assert events[0].evidence.sentence.startswith("Rescue workers reported")


def test_a_capture_is_not_recoded_by_the_ground_retaken_years_before():
    """The next sentence may turn a capture into a handover, never into the other side's capture
    told as background."""
    text = ("Al Shabaab fighters overran the town of Adan Yabaal on Sunday after a dawn assault on a government "
            "base, residents said. Government forces had recaptured the town from the militants in 2022.")
    event = _full(text, "2024-05-06").events[0]
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.evidence.sentence.endswith("residents said.")


def test_attackers_no_one_names_are_an_unidentified_armed_group():
    event = _full("Attackers on a motorbike tossed a grenade at a police checkpoint in Quetta, wounding three "
                  "policemen, officials said.", "2024-08-05").events[0]
    assert event.sub_event_type == "Grenade" and event.actor1_inter == 3


def test_the_names_one_side_calls_the_other_are_its_forces():
    """Ukraine's 'Russian occupiers', Russia's 'Kiev regime's armed formations'."""
    event = _full("Russian occupiers dropped grenades filled with CS gas from drones on Ukrainian positions near "
                  "Pokrovsk, the General Staff said.", "2024-08-05").events[0]
    assert event.actor1 == "Armed Forces of the Russian Federation" and event.actor1_inter == 8
    event = _full("The Kiev regime's armed formations shelled the town of Shebekino in Belgorod region "
                  "overnight, wounding two civilians, the governor said.", "2024-08-05").events[0]
    assert event.actor1 == "Armed Forces of Ukraine" and event.actor1_inter == 8


def test_a_government_signing_abroad_is_its_first_party_and_acts_at_home():
    text = ("The Central African government and the 3R armed group signed a deal in N'Djamena under which "
            "the rebels will lay down their weapons, the presidency said.")
    event = _full(text, "2024-04-19").events[0]
    assert event.sub_event_type == "Agreement"
    assert event.actor1 == "Government of the Central African Republic" and event.actor1_inter == 1


def test_names_state_media_and_wires_give_a_party():
    """Sudan's 'Rapid Support militia', 'rebel factions', 'Russian air defences'."""
    event = _full("The army repelled an attack by the terrorist Rapid Support militia on the outskirts of El Fasher "
                  "on Friday, a military source said.", "2024-06-07").events[0]
    assert event.actor1 == "Rapid Support Forces"
    event = _full("Several rebel factions in Darfur merged under a new banner on Monday.", "2018-05-28").events[0]
    assert event.sub_event_type == "Change to group/activity" and event.actor1_inter == 2
    event = _full("Russian air defences downed 27 drones over Kursk region during the night, the Defence Ministry "
                  "reported.", "2024-06-07").events[0]
    assert event.sub_event_type == "Disrupted weapons use" and event.actor1 == "Russian Aerospace Forces"


def test_a_thing_announced_is_the_announcers_own_act():
    event = _full("Several rebel factions in Darfur announced a merger under a new banner on Monday.",
                  "2018-05-28").events[0]
    assert event.sub_event_type == "Change to group/activity" and event.actor1_inter == 2
    # a clause announced tells another's act
    event = _full("The ministry announced the army had retaken the town on Sunday.", "2018-05-28").events[0]
    assert event.actor1 == "the army"


def test_a_state_word_opening_an_institutions_name_is_no_party():
    text = ("Separatist terrorists set ablaze the Government Bilingual High School in Kumbo in the early hours of "
            "Monday, officials said.")
    event = _full(text, "2024-05-06").events[0]
    assert event.actor1_inter == 2
    assert "Government" not in (event.actor2 or "")  # the school burned is no state party


@pytest.mark.parametrize("text, location", [
    # a dateline with its agency names where the report was filed; the town the story names is where it happened
    ("Idlib, (DSA) - Army units on Tuesday struck the positions of terrorist groups in Saraqeb city and its "
     "surroundings in the countryside of Idlib, killing scores of terrorists.", "Saraqib"),
    # (a guard: a dateline province gives way to the town the story names, as it already did)
    ("Damascus Countryside, February 6 (State Agency) - Army units carried out precise strikes on Monday against "
     "terrorist positions in the town of Douma, killing a number of terrorists.", "Douma"),
])
def test_an_agency_dateline_is_not_where_the_event_happened(text, location):
    article = Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)(
        Article(text=text, published="2019-06-11"))
    assert article.events and article.events[0].location == location, [e.location for e in article.events]


def test_where_a_happening_was_heard_from_is_not_where_it_happened():
    text = ("Intense fighting raged in northern Syria on Sunday, witnesses said, with explosions audible from the "
            "Turkish border town of Kilis.")
    article = Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)(
        Article(text=text, published="2016-06-20"))
    assert article.events and article.events[0].country != "TR", [(e.location, e.country) for e in article.events]
