"""Who did it: actor1 from the window's grammar, across theatres (sentences written for these tests).

The attacker is the agent of the attack verb, the "by X" after an attack noun or a passive, the
adjective or possessive on a weapon or attack noun ("the army's shelling", "police firing",
"Israeli air raids"), or a speaker telling of its own act ("said it killed"); the counted dead
and the targets are acted on. Where the text names no one, only the theatre's rules infer one
(flagged ``actor1_inferred``), and not where several air powers struck.
"""

from __future__ import annotations

import pytest

from frontwire.events.agents import attributive_agents
from frontwire.events.parties import side_of
from frontwire.model import Article
from frontwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)


def _main(pipeline, text: str, published: str = "2016-05-02"):
    events = pipeline(Article(text=text, published=published)).events
    assert events, text
    return events[0]


@pytest.mark.parametrize("text, side", [
    # the international coalition, however the copy names it
    ("Coalition jets bombed an ISIS convoy outside Mayadin, the Pentagon said.", "coalition"),
    ("At least 20 civilians were killed in strikes by the US-led coalition on Raqqa.", "coalition"),
    ("US-led coalition air strikes killed 15 civilians in the town of al-Shaddadi in Hasakah province.", "coalition"),
    ("The international coalition carried out an air strike on a Daesh headquarters in Albu Kamal.", "coalition"),
    # the Islamic State, however the copy names it
    ("ISIL claimed responsibility for the suicide bombing that killed 30 people in Qamishli.", "isis"),
    ("IS fighters attacked a Kurdish checkpoint near Hasakah, killing four SDF members.", "isis"),
    ("The terrorist organisation Daesh shelled residential neighbourhoods of Deir ez-Zor city.", "isis"),
    ("An IS suicide bomber blew himself up at a wedding in Hasakah, killing 22 guests.", "isis"),
    # a possessive or adjective on the attack noun names who fired
    ("Three civilians were killed in Aleppo when the army's shelling hit the Bustan al-Qasr district.", "government"),
    ("Regime helicopters dropped barrel bombs on Daraya, killing seven people.", "government"),
    ("Iranian militias executed 20 civilians in eastern Aleppo.", "government"),
    ("Kurdish fighters killed 35 IS jihadists in clashes around Kobane.", "kurdish"),
    # a speaker telling of its own act is its party
    ("The army said it killed 30 militants in an ambush near Daraa on Tuesday.", "government"),
])
def test_the_named_attacker_is_actor1(pipeline, text, side):
    event = _main(pipeline, text)
    assert side_of(event.actor1_id) == side, (event.actor1, event.actor1_id)
    assert not event.actor1_inferred


def test_the_counted_dead_are_acted_on(pipeline):
    car_bomb = _main(pipeline, "A car bomb killed 14 fighters from Jaish al-Islam in Douma on Sunday.")
    assert car_bomb.actor1 is None and car_bomb.actor2 == "Jaish al-Islam"
    truck = _main(pipeline, "At least 23 people, most of them from the Ahrar al-Sham group, were killed by a "
                            "truck bomb in Idlib.")
    assert truck.actor1 is None and truck.actor2 == "Ahrar al-Sham"
    raids = _main(pipeline, "At least 10 Syrian soldiers were killed in Israeli air raids near Quneitra.")
    assert raids.actor1_id == "il-iaf" and side_of(raids.actor2_id) == "government"
    clash = _main(pipeline, "Four Hezbollah members were killed in clashes with rebels near Aleppo.")
    assert clash.actor1 == "rebels" and clash.actor2 == "Hezbollah"


def test_a_speaker_of_another_s_act_is_not_the_attacker(pipeline):
    event = _main(pipeline, "Syrian army says rebel bombardment of Aleppo killed 84 people in three days.")
    assert event.actor1 == "rebel" and event.actor1_id is None


def test_targets_and_their_allies_are_not_the_attacker(pipeline):
    text = ("An air strike struck a Hezbollah position in Homs province, where the group is fighting Daesh "
            "alongside the Syrian regime and Russian forces.")
    event = _main(pipeline, text, "2017-10-02")
    # the text names no attacker: the Syrian rule may infer an air force, flagged, but neither ally
    assert event.actor1_id not in ("sy-gov", "ru-armed-forces")
    assert event.actor1 is None or event.actor1_inferred
    assert [a.surface for a in attributive_agents(text)] == []


@pytest.mark.parametrize("text, actor_id", [
    ("A Saudi-led coalition air strike hit a wedding in Hajjah, killing 20 people.", "sa-coalition-yemen"),
    ("Myanmar military jets bombed a village in Sagaing region, killing 11 people.", "mm-tatmadaw"),
    ("Russian forces shelled Kharkiv overnight, killing four civilians, the regional governor said.", "ru-armed-forces"),
    ("The RSF shelled residential areas of El Fasher, killing 10 civilians.", "sd-rsf"),
    ("Boko Haram fighters raided a village in Borno state and killed 15 farmers.", "ng-jas"),
])
def test_attackers_in_other_wars(pipeline, text, actor_id):
    assert _main(pipeline, text).actor1_id == actor_id


def test_unnamed_forces_outside_syria_are_not_syrias(pipeline):
    police = _main(pipeline, "Two protesters were killed in police firing in Srinagar, Kashmir, on Friday.")
    assert police.actor1 == "police" and police.actor1_id is None
    army = _main(pipeline, "The army's artillery hit a village near Maiduguri in Borno state, Nigeria, killing six people.")
    assert army.actor1_id is None or not army.actor1_id.startswith("sy-")


def test_an_unattributed_air_strike_is_inferred_only_where_one_air_force_flew(pipeline):
    north_west = _main(pipeline, "Air strikes killed 12 people in the town of Saraqeb in Idlib province on Monday.",
                       "2017-03-06")
    assert north_west.actor1_id == "sy-air-force" and north_west.actor1_inferred
    east = _main(pipeline, "Air strikes killed 12 people in the town of al-Mayadin in Deir ez-Zor province on Monday.",
                 "2017-03-06")
    assert east.actor1 is None
    # before the coalition's first strikes, only the Syrian air force flew there
    before = _main(pipeline, "Air strikes killed 12 people in the town of al-Mayadin in Deir ez-Zor province on Monday.",
                   "2013-03-04")
    assert before.actor1_id == "sy-air-force" and before.actor1_inferred


def test_a_foreign_state_air_force_is_not_taken_for_a_target(pipeline):
    """ "Turkish jets" fly for a state: no inference replaces them, whatever side the KB gives Turkey."""
    event = _main(pipeline, "Turkish shelling and air strikes killed at least 20 civilians near Jarabulus on Sunday.",
                  "2016-08-28")
    assert event.actor1_id == "tr-armed-forces" and not event.actor1_inferred


def test_the_adjective_table_reads_case_and_names_as_written():
    assert [(a.surface, a.actor_id) for a in attributive_agents("Coalition jets struck the town.")] == [
        ("Coalition", "int-cjtf-oir")]
    assert [a.actor_id for a in attributive_agents("A Saudi-led coalition air strike hit a wedding.")] == [
        "sa-coalition-yemen"]
    # "is" in running text is the verb; "IS" the group
    assert attributive_agents("The town is fighters' last stronghold.") == []
    assert [a.actor_id for a in attributive_agents("IS fighters attacked the checkpoint.")] == ["int-isis"]
    # a target after "on" fires nothing; "Syrian opposition fighters" are the opposition's
    assert attributive_agents("Air strikes on regime forces killed 12.") == []
    assert [a.surface for a in attributive_agents("Syrian opposition fighters attacked.")] == ["opposition"]


@pytest.mark.parametrize("text, sub_event_type, loser_id", [
    # no party named before the verb: the one after "from" lost the ground, it did not take it
    ("Junta troops recaptured the town of Kawkareik from the Karen National Liberation Army after a "
     "three-day counteroffensive.", "Government regains territory", "mm-knla"),
    ("Federal troops seized control of the town of Shire from Tigrayan forces on Friday.",
     "Government regains territory", "et-tdf"),
    # a named taker before the verb keeps its role
    ("Islamic State militants recaptured the town of Palmyra from the Syrian army after fierce fighting.",
     "Non-state actor overtakes territory", "sy-saa"),
])
def test_ground_taken_from_a_party_is_lost_by_it(pipeline, text, sub_event_type, loser_id):
    event = _main(pipeline, text)
    assert event.sub_event_type == sub_event_type
    assert event.actor2_id == loser_id
    assert event.actor1_id != loser_id


def test_a_description_names_one_wars_actor_only_in_that_war(pipeline):
    # "pro-government forces" is Syria's loyalist militias in Syria; in Yemen it describes Yemen's own
    yemen = _main(pipeline, "Houthi rebels seized the district centre of Harib in Marib province, Yemen, "
                            "from pro-government forces on Tuesday.")
    assert yemen.actor2 == "pro-government forces" and yemen.actor2_id is None
    syria = _main(pipeline, "Pro-government forces shelled rebel positions near Aleppo in Syria on Monday, "
                            "killing five fighters.")
    assert syria.actor1_id == "sy-pro-gov-militias"


@pytest.mark.parametrize("text", [
    "Government forces shelled rebel positions near Taiz in Yemen on Monday, killing five Houthi fighters.",
    "Pro-government forces shelled rebel positions near Taiz in Yemen on Monday, killing five Houthi fighters.",
])
def test_the_counted_dead_are_not_the_label_they_were_killed_by(pipeline, text):
    # a label striking beside a named group is that group, unless the group is counted among the dead
    event = _main(pipeline, text)
    assert event.actor2_id == "ye-houthis"
    assert event.actor1_id != "ye-houthis" and event.actor1 is not None


@pytest.mark.parametrize("text, actor1, inter", [
    # words that alone name a state's forces are its forces (ACLED inter 1) in any war
    ("Police fired live rounds at demonstrators in Lusaka on Friday, killing three people.", "Police", 1),
    ("Soldiers raped two women in a village near Bunia, a rights group said.", "Soldiers", 1),
    ("Security forces arrested 14 members of an opposition youth wing in Conakry.", "Security forces", 1),
    ("Junta troops burned down more than 200 houses in a village of Magway region.", "Junta troops", 1),
    # a demonym says whose forces they are
    ("Ethiopian federal troops shelled the outskirts of Mekelle on Tuesday, killing six civilians.",
     "Ethiopian federal troops", 1),
])
def test_state_forces_named_by_their_kind(pipeline, text, actor1, inter):
    event = _main(pipeline, text)
    assert (event.actor1, event.actor1_inter) == (actor1, inter)
    assert not event.actor1_inferred


@pytest.mark.parametrize("text", [
    # a state-force word before a thing of theirs names a target or a place, not the attacker
    "A roadside bomb exploded near a police station in Jamundi, wounding two officers.",
    "A suicide bomber drove a car packed with explosives into a military parade in Aden, Yemen.",
    "Gunmen in military uniforms abducted a journalist in Basra on Sunday.",
])
def test_a_state_forces_belonging_is_no_party(pipeline, text):
    event = _main(pipeline, text)
    assert event.actor1 is None or event.actor1_inter != 1


def test_in_syria_the_army_is_syrias_unless_another_country_is_named(pipeline):
    own = _main(pipeline, "Troops shelled the town of Kafr Zita in Hama province on Monday, killing four civilians.")
    assert own.actor1_id == "sy-saf"
    turkish = _main(pipeline, "Turkish soldiers shelled the village of Tal Rifaat in Aleppo province on Monday, "
                              "killing four civilians.")
    assert turkish.actor1_id == "tr-armed-forces"
    # "its soldiers" are the forces of the party named before, never the country's own by default
    theirs = _main(pipeline, "The Turkish military said one of its soldiers was killed in a car bomb blast in "
                             "al-Bab, Aleppo province.")
    assert theirs.actor1_id != "sy-saf"


@pytest.mark.parametrize("text, other_id", [
    ("Soldiers and ELN guerrillas exchanged gunfire near Saravena in Arauca on Tuesday.", "co-eln"),
    # the first party's head noun and the second's modifiers stand between them
    ("Government forces and Houthi rebels fought for a third day on the outskirts of Hodeidah, Yemen.",
     "ye-houthis"),
])
def test_of_two_joined_subjects_the_first_named_is_actor1(pipeline, text, other_id):
    event = _main(pipeline, text)
    assert event.actor1_inter == 1 and event.actor1_id is None
    assert event.actor2_id == other_id


@pytest.mark.parametrize("text, sub_event_type, actor1, inter", [
    ("Nurses marched through Harare on Monday demanding better pay.", "Peaceful protest", "Protesters", 6),
    ("Riot police dispersed a sit-in by unemployed graduates outside parliament in Tunis.",
     "Protest with intervention", "Protesters", 6),
    ("Protesters burned tyres and stoned a police station in Kumasi over the death of a rapper.",
     "Violent demonstration", "Rioters", 5),
])
def test_a_crowd_is_actor1_of_its_protest_or_riot(pipeline, text, sub_event_type, actor1, inter):
    event = _main(pipeline, text)
    assert event.sub_event_type == sub_event_type
    assert (event.actor1, event.actor1_inter) == (actor1, inter)


@pytest.mark.parametrize("text, actor1_id", [
    # a country named as the subject is its state's forces ("Military Forces of Russia")
    ("Russia pounded the city of Kharkiv with glide bombs overnight, killing seven residents.", "ru-armed-forces"),
    ("Kyiv officials said Russia struck the port of Odesa with cruise missiles on Sunday.", "ru-armed-forces"),
    ("Turkey and Russia agreed a ceasefire in Idlib that came into force at midnight.", "tr-armed-forces"),
    # caseless copy: the demonym still says whose soldiers they are
    ("turkish soldiers shelled the village of tal rifaat in aleppo province, killing four civilians.",
     "tr-armed-forces"),
])
def test_a_country_as_the_subject_is_its_forces(pipeline, text, actor1_id):
    assert _main(pipeline, text).actor1_id == actor1_id


def test_a_country_that_speaks_is_not_the_attacker(pipeline):
    event = _main(pipeline, "Ukraine said drones hit an oil depot in the Bryansk region of Russia overnight.")
    assert event.actor1_id != "ua-afu"


@pytest.mark.parametrize("text", [
    # "military" before a thing of theirs, and "army" inside a name the KB does not know
    "Kurdish-led fighters captured three villages near Raqqa in a military campaign backed by the "
    "international coalition.",
    "Rockets fired by the Islam army landed in the heart of Damascus, killing two people.",
    # another's proxies are not the state
    "Turkish-backed troops shelled the village of Tal Rifaat in Aleppo province, killing four civilians.",
])
def test_state_force_words_in_a_name_or_before_a_belonging_are_not_the_state(pipeline, text):
    # in Syrian copy "the army" alone is Syria's; these words are not the army
    assert _main(pipeline, text).actor1_id != "sy-saf"


def test_forces_alone_are_anyones(pipeline):
    # "forces" with no word of the state before it names no state's forces
    event = _main(pipeline, "Tribal forces ambushed a convoy near Deir ez-Zor on Monday, killing six soldiers.")
    assert event.actor1_inter != 1


@pytest.mark.parametrize("text, actor1_id", [
    # the troops of a country named before: "the troops" later are those troops again
    ("Turkish troops crossed into northern Syria on Wednesday. The troops shelled Kurdish positions "
     "near Manbij, killing five fighters.", "tr-armed-forces"),
    # a chain of bare mentions goes back to the one that named whose they were
    ("Russian soldiers arrived in Deraa on Monday. The soldiers set up a post. On Tuesday the soldiers "
     "fired on a crowd in the town, killing two men.", "ru-armed-forces"),
    # with no earlier mention naming a country, the words keep the theatre's reading
    ("The troops shelled rebel positions near Hama on Monday, killing five fighters.", "sy-saf"),
])
def test_the_same_words_again_are_the_forces_named_before(pipeline, text, actor1_id):
    assert _main(pipeline, text).actor1_id == actor1_id


def test_who_holds_or_backs_a_target_is_not_its_attacker(pipeline):
    # "manned by", "controlled by", "backed by" name who holds the place or backs a party, not who struck
    checkpoint = _main(pipeline, "At least 17 people were killed in a car bomb blast near a checkpoint manned by "
                                 "Jabhat al-Shamiya close to the Bab al-Salama crossing.", "2016-10-13")
    assert checkpoint.actor1 is None and checkpoint.actor2 == "Levant Front"  # the KB's name of Jabhat al-Shamiya
    backed = _main(pipeline, "Rebels backed by Turkey shelled Kurdish positions near Afrin.", "2018-01-25")
    assert backed.actor1 == "Rebels"
    # a besieger holds no target: it is not the one acted on
    besieged = _main(pipeline, "Shells hit a town besieged by the army near Damascus, killing five civilians.")
    assert besieged.actor2 != "Syrian Arab Armed Forces"
    # a participle of the act keeps its agent
    hit = _main(pipeline, "Villages were hit by Russian air strikes near Idlib.", "2016-02-01")
    assert hit.actor1 == "Russian Aerospace Forces"


def test_a_leader_counted_among_the_dead_counts_his_group_among_them(pipeline):
    event = _main(pipeline, "A car bomb killed 20 people in Quneitra on Wednesday, including Capt. Abu Hamza "
                            "al-Naimi, the commander of the Syria Revolutionaries Front.", "2016-03-02")
    assert event.actor1 is None and event.actor2 == "Syria Revolutionaries Front"
    # the group that acts keeps its act when others are counted
    shelled = _main(pipeline, "The Syria Revolutionaries Front shelled the town, killing 20 people, including women.",
                    "2016-03-02")
    assert shelled.actor1 == "Syria Revolutionaries Front"


@pytest.mark.parametrize("text, target_words", [
    ("Two suicide bombings targeted a base of the Afghan National Army in Helmand on Sunday.", "army"),
    ("An improvised explosive device hit a convoy of the Colombian Army in Cauca, killing two soldiers.", "colombia"),
    ("A landmine exploded under a vehicle of the Malian Armed Forces near Mopti, killing three soldiers.", "mali"),
    # nor does a force's adjective after the blast name the bomber
    ("A landmine blast hit a vehicle carrying police personnel near Dantewada on Monday.", "police"),
    ("A roadside bomb struck a patrol of the Nigerian Army near Maiduguri, wounding four soldiers.", "army"),
    ("A grenade hurled at a camp of the Central Reserve Police Force in Pulwama wounded two constables.", "police"),
])
def test_a_device_names_its_target_not_its_bomber(pipeline, text, target_words):
    # whoever is named after a blast, in no "by X", is where the device struck: its bomber is not told
    event = _main(pipeline, text)
    assert event.sub_event_type in ("Suicide bomb", "Remote explosive/landmine/IED", "Grenade")
    assert event.actor1 is None or event.actor1_inferred, event.actor1
    assert event.actor2 is not None and target_words in (event.actor2 + " " + (event.actor2_id or "")).lower(), event.actor2


def test_a_device_keeps_the_bomber_the_words_name(pipeline):
    maoists = _main(pipeline, "Maoists triggered an IED blast that targeted a vehicle carrying police personnel in "
                              "Dantewada.", "2021-04-04")
    assert maoists.actor1_id == "in-maoists" and maoists.actor2 == "police"
    planted = _main(pipeline, "A bomb planted by al-Shabaab fighters killed six soldiers of the Somali National "
                              "Army in Mogadishu.", "2019-03-02")
    assert planted.actor1 is not None and "shabaab" in planted.actor1.lower() and not planted.actor1_inferred


def test_a_speaker_counting_its_own_men_tells_its_own_act(pipeline):
    # "three of its fighters carried out": the group's own men are the group
    claimed = _main(pipeline, "Daesh said three of its fighters carried out an attack on a Damascus police station "
                              "on Monday.", "2017-10-03")
    assert claimed.actor1_id == "int-isis" and not claimed.actor1_inferred
    shabaab = _main(pipeline, "Al-Shabaab said two of its men detonated a car bomb at a checkpoint in Mogadishu.",
                    "2019-03-02")
    assert shabaab.actor1 is not None and "shabaab" in shabaab.actor1.lower()
    # its own losses are no act of its own
    lost = _main(pipeline, "The Malian army said two of its soldiers were killed by a roadside bomb near Gao.",
                 "2019-03-02")
    assert lost.actor1 is None or lost.actor1_inferred, lost.actor1


@pytest.mark.parametrize("text, taker, gave_up", [
    # ground handed over: ACLED's actor1 is who takes it, actor2 who withdrew
    ("Kurdish-led fighters of the SDF handed over control of five villages west of Manbij to Syrian government "
     "troops on Wednesday.", "sy-saa", "sy-sdf"),
    ("Government forces pulled out of the district centre of Musa Qala, handing it over to the Taliban.",
     "af-taliban", None),
    ("French troops withdrew from their base in Kidal and handed it over to the Malian Armed Forces.", "ml-fama",
     "fr-armed-forces"),
])
def test_ground_handed_over_is_the_takers_act(pipeline, text, taker, gave_up):
    event = _main(pipeline, text, "2018-06-06")
    assert event.sub_event_type == "Non-violent transfer of territory"
    assert event.actor1_id == taker, (event.actor1, event.actor1_id)
    if gave_up:
        assert event.actor2_id == gave_up, (event.actor2, event.actor2_id)


@pytest.mark.parametrize("text, inter", [
    # an unnamed party takes ACLED's kind where ACLED's coding is plain: insurgents are rebels (2),
    # an unnamed militia or bandits a political militia (3)
    ("Jihadists attacked the village of Djibo on Sunday, killing 14 civilians.", 2),
    ("Insurgents ambushed a police convoy near Kunduz, killing six officers.", 2),
    ("Bandits abducted 40 villagers in Zurmi local government area of Zamfara State.", 3),
    ("A militia raided the camp for displaced people near Djugu, killing 22 people.", 3),
    # ACLED codes unidentified gunmen as its "Unidentified Armed Group", a political militia
    ("Gunmen killed four worshippers at a church in Owo on Sunday.", 3),
    ("Armed men abducted a parish priest on the road to Kajuru in Kaduna State.", 3),
])
def test_a_label_takes_acled_kind_where_it_is_plain(pipeline, text, inter):
    event = _main(pipeline, text, "2021-05-02")
    assert event.actor1_id is None and event.actor1_inter == inter, (event.actor1, event.actor1_inter)


def test_labels_that_may_mean_anyone_have_no_kind(pipeline):
    event = _main(pipeline, "Terrorists killed four worshippers at a church in Owo on Sunday.", "2022-06-05")
    assert event.actor1 == "Terrorists" and event.actor1_inter is None


@pytest.mark.parametrize("text, actor1_id, inter", [
    # ACLED's inter 8: state forces acting outside their own country are external forces
    ("Russian troops shelled the village of Vovchansk in Kharkiv region, killing two civilians.", "ru-armed-forces", 8),
    ("Turkish soldiers shelled the village of Tal Rifaat in Aleppo province on Monday, killing four civilians.",
     "tr-armed-forces", 8),
    # at home they are state forces
    ("Troops shelled the town of Kafr Zita in Hama province on Monday, killing four civilians.", "sy-saf", 1),
])
def test_state_forces_abroad_are_external_forces(pipeline, text, actor1_id, inter):
    event = _main(pipeline, text)
    assert (event.actor1_id, event.actor1_inter) == (actor1_id, inter)


def test_where_no_place_says_the_country_government_troops_are_no_syrian_army(pipeline):
    event = _main(pipeline, "Government troops regained control of a rebel stronghold in the marshlands after a "
                            "three-day offensive.", "2024-03-02")
    assert event.country is None
    assert event.actor1_id is None and event.actor1_inter == 1, (event.actor1, event.actor1_id)


def test_who_is_clashed_with_is_not_the_taker(pipeline):
    event = _main(pipeline, "Syrian troops pushed into the rebel enclave on Wednesday, clashing with insurgents and "
                            "capturing a hilltop village.", "2019-05-08")
    assert event.sub_event_type == "Government regains territory" and event.actor1_id == "sy-saa"


def test_the_target_of_a_storming_is_acted_on(pipeline):
    event = _main(pipeline, "Al-Shabaab militants stormed a Somali army outpost near Mahaday in Middle Shabelle, "
                            "triggering heavy fighting.", "2023-03-02")
    assert (event.actor1_id, event.actor2_id) == ("so-al-shabaab", "so-sna")


def test_what_is_shot_down_does_not_act(pipeline):
    event = _main(pipeline, "Ukrainian air defences shot down 37 of the 45 Russian attack drones launched overnight.",
                  "2024-03-02")
    assert event.sub_event_type == "Disrupted weapons use"
    assert not (event.actor1_id or "").startswith("ru-"), event.actor1


def test_a_speaker_of_its_own_act_stays_its_party_whatever_else_it_says(pipeline):
    event = _main(pipeline, "US Africa Command said on Tuesday it had conducted an air strike against al-Shabaab "
                            "fighters near Kismayo. It said no civilians were harmed.", "2024-03-02")
    assert event.actor1_id == "us-africom" and event.actor2_id == "so-al-shabaab"


@pytest.mark.parametrize("text, inter", [
    ("Separatist fighters kidnapped a traditional chief in Batibo on Friday night.", 2),
    # of two labels side by side, the one that says the kind
    ("Secessionist terrorists threw a grenade at a police checkpoint in Bamenda on Tuesday.", 2),
    ("Gang members raped dozens of women during an assault on a district of Port-au-Prince.", 3),
])
def test_separatists_are_rebels_and_gangs_militias(pipeline, text, inter):
    event = _main(pipeline, text, "2024-03-02")
    assert event.actor1_inter == inter, (event.actor1, event.actor1_inter)


@pytest.mark.parametrize("text, actor1_id", [
    # a verb "held" before its object is no ground-holder's "-held"
    ("The Indian Army held a large-scale live-fire exercise near the border in Rajasthan on Wednesday.", "in-army"),
    # the party's head noun between it and the verb that takes the ground
    ("Fano militiamen entered the town of Mehal Meda after federal troops withdrew without resistance.", "et-fano"),
    # state media's name for an armed group
    ("PDF terrorists killed a village administrator and his son in Myinmu township.", "mm-pdf"),
])
def test_the_subject_acts(pipeline, text, actor1_id):
    assert _main(pipeline, text, "2024-08-04").actor1_id == actor1_id


def test_resistance_fighters_are_a_rebel_group(pipeline):
    event = _main(pipeline, "Resistance fighters and junta troops exchanged fire on the outskirts of Kani township.",
                  "2024-03-14")
    assert (event.actor1, event.actor1_inter) == ("Resistance fighters", 2)


@pytest.mark.parametrize("text, actor1_id", [
    # the bomber's group named after the blast's words: "by", "sent by", "affiliated with", "of"
    ("A grenade hurled by suspected Clan del Golfo members exploded at the gate of the police station.",
     "co-clan-del-golfo"),
    ("Two suicide bombers, believed to be teenage girls sent by Boko Haram, blew themselves up at a mosque in Mafa.",
     "ng-jas"),
    ("A suicide bomber affiliated with the Daesh terrorist organisation blew himself up inside a church in Damascus.",
     "int-isis"),
])
def test_whose_the_bomber_is(pipeline, text, actor1_id):
    assert _main(pipeline, text, "2024-08-04").actor1_id == actor1_id


def test_miscreants_are_unidentified_armed_men(pipeline):
    event = _main(pipeline, "Armed miscreants torched 15 abandoned houses in a village of Jiribam district on Sunday.",
                  "2024-08-04")
    assert event.actor1_inter == 3, (event.actor1, event.actor1_inter)


@pytest.mark.parametrize("text, actor1_id", [
    # a bombing told without its author, then claimed in the next sentences: the claimant did it
    ("A car bomb exploded near a busy checkpoint in Baidoa on Monday, killing seven people, police said. "
     "Al-Shabaab claimed responsibility in a statement on its website.", "so-al-shabaab"),
    ("At least 11 worshippers were killed when a suicide bomber blew himself up inside a mosque in Maiduguri on "
     "Friday, officials said. Rescue teams worked through the night. Boko Haram said it carried out the attack.",
     "ng-jas"),
    # the claim in the headline, the attack told after it
    ("Islamic State claims suicide bombing at Kabul mosque. A suicide bomber blew himself up inside a mosque in "
     "western Kabul during Friday prayers, killing at least 12 worshippers, police said.", "int-isis"),
])
def test_the_party_that_claims_an_attack_told_before_is_its_author(pipeline, text, actor1_id):
    event = _main(pipeline, text, "2024-08-04")
    # (not inferred: told, by the claim beside it or as the claimant's own act in the headline)
    assert (event.actor1_id, bool(event.actor1_inferred)) == (actor1_id, False)


def test_a_claim_of_another_earlier_attack_names_no_author(pipeline):
    event = _main(pipeline, "A roadside bomb killed three soldiers near Bulo Burte on Tuesday, the army said. "
                  "Al-Shabaab claimed a similar attack on the same road last month.", "2024-08-04")
    assert event.actor1_id is None, event.actor1


def test_a_state_that_claims_who_attacked_is_not_the_attacker(pipeline):
    # "Syria claims rebel attack": the state says who did it; it did not do it
    event = _main(pipeline, "Syria claims rebel attack killed 10 in Hama. Ten civilians were killed when shells hit "
                  "a market in Hama, the state agency said.", "2016-05-02")
    assert event.actor1_id is None, event.actor1


def test_of_two_joined_parties_the_first_named_acts_whatever_men_and_allegiance_the_second_has(pipeline):
    event = _main(pipeline, "Nigerien soldiers and fighters of the al Qaeda-linked JNIM exchanged fire near Makalondi "
                  "on Tuesday, a local official said.", "2024-08-04")
    assert (event.actor1_inter, event.actor2_id) == (1, "ml-jnim"), (event.actor1, event.actor2_id)


@pytest.mark.parametrize("text, actor1_id", [
    # the party the source holds responsible is the attacker as the source tells it, not a target
    ("A bomb exploded at a market in Konduga on Monday, killing 12 people; officials blamed the attack on Boko Haram.",
     "ng-jas"),
    ("A car bomb went off outside a bank in Mogadishu on Friday, killing four people, police said, blaming "
     "al-Shabaab.", "so-al-shabaab"),
])
def test_who_is_blamed_for_a_bombing_did_it_as_the_source_tells_it(pipeline, text, actor1_id):
    assert _main(pipeline, text, "2024-08-04").actor1_id == actor1_id


def test_who_the_dead_were_is_no_attacker_and_a_claimant_that_speaks_is_one(pipeline):
    # "many of them soldiers": the dead, not who killed them; the group that claimed it (a speaker) did
    event = _main(pipeline, "At least 14 people, many of them soldiers going home on leave, were killed when a "
                  "suicide bomber struck a bus station in Bannu on Friday, officials said. The Pakistani Taliban "
                  "claimed the bombing.", "2024-08-04")
    assert event.actor1_id not in (None, "pk-armed-forces"), event.actor1
    assert event.actor1_inter == 2


@pytest.mark.parametrize("text, inter", [
    # a battle's actor1 is the first party named (ACLED's order), not the one nearest to its trigger
    ("Troops engaged NPA rebels in a 20-minute firefight in Gabaldon on Monday.", 1),
    ("ELN guerrillas ambushed an army patrol and soldiers fought back for an hour near Tame, Arauca.", 2),
])
def test_a_battle_is_told_from_the_first_party_named(pipeline, text, inter):
    assert _main(pipeline, text, "2024-08-04").actor1_inter == inter


@pytest.mark.parametrize("text, actor1_id", [
    # a participle after a comma has the main clause's subject, not the party nearest before it,
    # and an opening clause ("Hours after ...") holds no subject of the main one
    ("Hours after talks in Doha stalled, Taliban fighters overran the district centre following two days of "
     "fighting with army and police units, capturing the governor's compound, officials said.", "af-taliban"),
])
def test_a_participles_subject_is_the_main_clauses(pipeline, text, actor1_id):
    event = _main(pipeline, text, "2020-05-02")
    assert event.actor1_id == actor1_id, (event.actor1, event.sub_event_type)
    assert event.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize("text", [
    "On 4 March, unidentified individuals on a motorbike threw a grenade at a patrol near the market, wounding two.",
    "Unknown people broke into and set ablaze the ruling party's office in the town on Sunday night, police said.",
])
def test_people_no_one_names_who_did_violence_are_an_unidentified_armed_group(pipeline, text):
    event = _main(pipeline, text, "2024-03-05")
    assert event.actor1 is not None and event.actor1_inter == 3, (event.actor1, event.actor1_inter)


def test_the_party_named_after_an_arrest_is_the_one_arrested(pipeline):
    # the agency the KB does not know arrested the cell; the Islamic State is who was arrested
    event = _main(pipeline, "The Internal Security Agency announced it had arrested a cell of five members of the "
                  "Islamic State in Sabratha who were preparing attacks, the state news agency reported.", "2024-03-05")
    assert event.sub_event_type == "Arrests"
    assert event.actor1_id != "int-isis" and event.actor2_id == "int-isis", (event.actor1, event.actor2)


@pytest.mark.parametrize("text, target", [
    # a party's gathering, positions or convoy after the attack verb: the party is the target
    ("Unidentified aircraft struck a gathering of Houthi fighters in Saada province on Tuesday.", "Houthis"),
    ("Warplanes pounded positions of the Islamic State near Palmyra, a monitor said.", "Islamic State"),
])
def test_a_party_s_gathering_struck_is_the_target(pipeline, text, target):
    event = _main(pipeline, text)
    assert event.actor2 == target and event.actor1 != target, (event.actor1, event.actor2)


@pytest.mark.parametrize("text", [
    # the coalition's own name for itself, and the name its enemy's media give it
    "The Arab coalition supporting legitimacy in Yemen said its air force struck a gathering of Houthi fighters in Saada.",
    "The warplanes of the Saudi-US aggression committed a new massacre on Tuesday, killing 17 citizens in Saada.",
])
def test_the_saudi_led_coalition_by_its_other_names(pipeline, text):
    assert _main(pipeline, text).actor1 == "Saudi-led coalition"


@pytest.mark.parametrize("text, actor1", [
    # who goes on speaking in a participle after its own act did it: it is no mere speaker of it
    ("Militants of the Islamic State executed four men in the town square of al-Mayadin on Monday, accusing them "
     "of spying.", "Islamic State"),
    ("Houthi fighters shelled a residential district of Taiz on Monday, saying government troops were hiding "
     "there.", "Houthis"),
])
def test_who_acts_and_then_speaks_in_a_participle_is_the_actor(pipeline, text, actor1):
    assert _main(pipeline, text).actor1 == actor1


def test_who_only_speaks_in_a_participle_is_still_a_speaker(pipeline):
    # guard: "the army said, accusing them" and "the army told reporters, accusing them": a speaker
    event = _main(pipeline, "Rebels shelled the town on Monday, the army told reporters, accusing them of breaking "
                  "the truce.")
    assert event.actor1 == "Rebels" and event.actor2 is None, (event.actor1, event.actor2)


@pytest.mark.parametrize("text, actor1", [
    # who is accused of the attack or blamed for it did it, as the text tells it
    ("Sudanese army accused of using chlorine gas against RSF fighters near Khartoum refinery",
     "Sudanese Armed Forces"),
    # (a guard: told with its "were", the parse already made no speaker of them)
    ("Government forces were accused of shelling the market in Douma on Monday, killing 12 civilians.",
     "Syrian Arab Armed Forces"),
    # and who claims an attack as a thing, not a clause, claims its own act
    ("Baloch Liberation Army claims IED blast that hit Frontier Corps convoy in Kech", "Balochistan Liberation Army"),
])
def test_who_is_accused_of_an_attack_or_claims_it_is_its_actor(pipeline, text, actor1):
    assert _main(pipeline, text, "2024-03-05").actor1 == actor1


def test_who_claims_that_another_attacked_is_no_actor(pipeline):
    # guard: "claimed the attack was carried out by rebels" names the rebels
    event = _main(pipeline, "The army claimed the attack was carried out by rebels who shelled the market in Aleppo.")
    assert event.actor1 == "rebels", event.actor1


@pytest.mark.parametrize("text, actor1, actor2", [
    # an agreement's actor1 is the first party named, as a battle's: not the one nearest its verb
    ("The Government of Ethiopia and a faction of the Oromo Liberation Army signed a peace agreement in Adama "
     "today.", "Government of Ethiopia", "Oromo Liberation Army"),
    ("South Sudan's government and a coalition of holdout rebel groups signed a ceasefire in Rome on Thursday.",
     "Government of South Sudan", "rebel groups"),
])
def test_an_agreement_is_told_from_the_first_party_named(pipeline, text, actor1, actor2):
    event = _main(pipeline, text, "2024-03-05")
    assert event.sub_event_type == "Agreement"
    assert (event.actor1, event.actor2) == (actor1, actor2)


@pytest.mark.parametrize("text", [
    # the state's plain-clothes arms are its forces
    "Venezuelan intelligence agents arrest opposition campaign manager in Barinas",
    "Detectives arrested three suspects over the killing of a trader in Gulshan on Wednesday night, police said.",
])
def test_detectives_and_intelligence_agents_are_state_forces(pipeline, text):
    event = _main(pipeline, text, "2024-03-05")
    assert event.actor1_inter == 1, (event.actor1, event.actor1_inter)
