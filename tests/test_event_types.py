"""Event types from ACLED's definitions: the own-written sets are well formed, and the trigger
lexicon tells apart the sub-event types the codebook tells apart.

The sentences here are written for the tests (none is from the own-written check set, which is
only measured by bench/events_own.py, nor from any corpus).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from frontwire.events.classify import best_sub_event_type, classify
from frontwire.events.taxonomy import SUB_EVENT_TYPES
from frontwire.model import Article
from frontwire.pipeline import Pipeline

SETS = Path(__file__).resolve().parents[1] / "bench" / "data"


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (SETS / f"own_events_{name}.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name, per_type, total, non_events", [
    ("check", 5, 150, 15), ("train", 10, 250, 15),
    # snippets of two or three sentences: a lead with the main event, then attribution and background
    ("check_snippets", 4, 104, 4), ("train_snippets", 6, 156, 6),
])
def test_own_sets_cover_every_type_across_theatres_and_styles(name, per_type, total, non_events):
    rows = _rows(name)
    assert len(rows) >= total
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == {"id", "text", "sub_event_type", "theatre", "style", "actor1", "actor1_inter"}
        assert r["sub_event_type"] is None or r["sub_event_type"] in SUB_EVENT_TYPES
        assert r["text"].strip()
        # who did it, as the text names them (null: it does not), and ACLED's kind of them
        assert r["actor1"] is None or r["actor1"] in r["text"]
        assert (r["actor1"] is None) == (r["actor1_inter"] is None)
        assert r["actor1_inter"] is None or 1 <= r["actor1_inter"] <= 8
        assert r["sub_event_type"] is not None or r["actor1"] is None
    counts = Counter(r["sub_event_type"] for r in rows)
    assert all(counts[t] >= per_type for t in SUB_EVENT_TYPES)
    assert counts[None] >= non_events
    assert len({r["theatre"] for r in rows}) >= 10
    assert {r["style"] for r in rows} == {"wire", "state media", "NGO report", "local press"}


def test_check_and_train_sets_share_no_text():
    checks = {r["text"] for name in ("check", "check_snippets") for r in _rows(name)}
    assert not checks & {r["text"] for name in ("train", "train_snippets") for r in _rows(name)}


@pytest.mark.parametrize("text, expected", [
    # protests: who used which force decides the type
    ("Riot police dispersed the students' march with tear gas.", "Protest with intervention"),
    ("Police fired tear gas to disperse hundreds of supporters outside the court.", "Protest with intervention"),
    ("Police used stun grenades and water cannon against the demonstrators.", "Protest with intervention"),
    ("Protesters marched to parliament, waving flags and chanting slogans.", "Peaceful protest"),
    ("Crowds took to the streets of the capital to demand the minister's resignation.", "Peaceful protest"),
    ("Demonstrators hurled stones at police and set a bank on fire.", "Violent demonstration"),
    # an explosive weapon thrown into a rally makes the rally its target
    ("Attackers threw a grenade into an election rally, wounding 30 supporters.", "Grenade"),
    # territory: an attempt is a battle; the subject of an active verb took the ground
    ("The army repelled militants who tried to overrun its base near the border.", "Armed clash"),
    ("Government troops recaptured the village from the Kachin Independence Army.", "Government regains territory"),
    ("Rebels seized the district headquarters from the army after a night of fighting.", "Non-state actor overtakes territory"),
    ("The coalition, tasked with fighting the Islamic State, handed the airbase over to Iraqi forces.",
     "Non-violent transfer of territory"),
    # remote violence and its disruption
    ("Air defence units shot down two enemy fighter jets over the province.", "Disrupted weapons use"),
    ("Shells released a greenish gas that left residents choking and vomiting.", "Chemical weapon"),
    ("The air force bombed a village market, killing 12 people.", "Air/drone strike"),
    # civilians
    ("Armed men took the journalist away from his office, and he has not been seen since.", "Abduction/forced disappearance"),
    ("Soldiers rounded up and executed eight farmers in the village.", "Attack"),
    ("Villagers beat a suspected thief to death at the market.", "Mob violence"),
    # strategic developments
    ("The rebel movement announced the formation of a unified command for its brigades.", "Change to group/activity"),
    ("The army opened a new military detachment in the border town.", "Headquarters or base established"),
    ("Officers of the presidential guard seized power and suspended the constitution.", "Other"),
    ("The country test-fired a new cruise missile off its coast.", "Other"),
    # battles told in other words, and a group's name that is no capture
    ("Cartel gunmen traded gunfire with soldiers in the hills outside the town.", "Armed clash"),
    ("Fighters of the Oromo Liberation Army and federal troops fought near the town.", "Armed clash"),
    ("Government forces reoccupied the locality after a three-day offensive.", "Government regains territory"),
    # the crowd's violence: on a person singled out it is mob violence, on property and police a riot
    ("An enraged crowd dragged a suspect out of the police station and set him on fire.", "Mob violence"),
    ("Youths torched cars and hurled stones at police after the funeral.", "Violent demonstration"),
    # the weapon's contents, its test, its disruption
    ("Soldiers dropped grenades filled with chloropicrin on the trenches.", "Chemical weapon"),
    ("The army carried out a training launch of a guided rocket system.", "Other"),
    ("Air defences shot down 12 attack drones launched overnight.", "Disrupted weapons use"),
    ("Police foiled a plot on Friday, arresting a would-be suicide bomber near the shrine.", "Disrupted weapons use"),
    # victims named by their role, people snatched, a group reorganised or reinforced
    ("Rebels killed a village administrator and his son in the township.", "Attack"),
    ("Bandits snatched 20 passengers from a bus on the highway.", "Abduction/forced disappearance"),
    ("The group announced a restructuring of its military command.", "Change to group/activity"),
    ("A new contingent of 300 troops arrived to reinforce the mission.", "Change to group/activity"),
    # ACLED's agreements include prisoner releases and surrenders; a decree signed is none
    ("Azerbaijan freed 32 Armenian prisoners and Armenia released two soldiers in an exchange at the border.",
     "Agreement"),
    ("Twenty-six Maoist cadres surrendered before senior police officers and handed over their weapons.", "Agreement"),
    ("The president signed a decree on the autumn call-up of conscripts for military service.",
     "Change to group/activity"),
    # what is done under an agreement made before is the event
    ("The army deployed additional troops to the border villages as part of the ceasefire arrangement.",
     "Change to group/activity"),
    ("The ministry sent 600 additional soldiers to the city to reinforce security.", "Change to group/activity"),
    # fire opened on a base is no base opened
    ("Insurgents opened fire on a ranger base late on Monday, triggering a gunfight.", "Armed clash"),
    ("Soldiers dropped grenades filled with CS gas onto the trenches.", "Chemical weapon"),
    # protests by other names, and a crowd removed or held while peaceful
    ("Police firing on villagers staging a peaceful dharna killed two men.", "Excessive force against protesters"),
    ("Police removed about 30 activists from a peaceful sit-in outside Government House.", "Protest with intervention"),
    ("Police detained 150 protesters who were peacefully blocking streets in the capital.", "Protest with intervention"),
    # ground taken as its holders leave it, with no fight for it, is transferred; fought for, it is taken
    ("Government troops took over the camp after the last peacekeepers left the base.",
     "Non-violent transfer of territory"),
    ("The army took full control of the air base following the departure of the foreign soldiers.",
     "Non-violent transfer of territory"),
    ("Border guards took control of three villages after the neighbouring state handed them over.",
     "Non-violent transfer of territory"),
    ("Insurgents seized the administrative post after a fierce exchange of fire with militia members.",
     "Non-state actor overtakes territory"),
    ("The rebels said they had taken an army post near the border after a battle with soldiers.",
     "Non-state actor overtakes territory"),
    # people handed over to the police are no ground handed over; positions taken up are no capture
    ("Police arrested two suspects and handed them over to the counter-terrorism department.", "Arrests"),
    ("Troops took up positions around the town after the clashes.", "Armed clash"),
    # drones named in full are brought down as drones; a town swept into is taken
    ("Air defence systems intercepted and destroyed 41 unmanned aerial vehicles over the region overnight.",
     "Disrupted weapons use"),
    ("Rebels swept into the western districts of the city after overrunning government defences.",
     "Non-state actor overtakes territory"),
    # the deaths a protest is about are its grievance, not force used on it; harm done there still is
    ("Thousands marched through the city to demand accountability for the collapse of a canopy that killed "
     "16 people. Police kept their distance.", "Peaceful protest"),
    ("Hundreds marched in Nairobi to protest over the death of a blogger in police custody.", "Peaceful protest"),
    ("Police opened fire on crowds protesting against the killing of a student, wounding five.",
     "Excessive force against protesters"),
    # ACLED's "Other": graves found, weapons test-fired
    ("A mass grave holding the remains of at least 19 people was discovered on a farm on Monday.", "Other"),
    ("The remains of 32 people were found in a clandestine grave on a ranch, prosecutors said.", "Other"),
    ("The missile bureau conducted a test-fire of a new ballistic missile, which hit a target at sea.", "Other"),
    # a swap made under an arrangement is the agreement itself
    ("The two countries swapped 146 captured soldiers apiece under an arrangement mediated by Qatar.", "Agreement"),
    ("The dissidents have split into two rival blocs after months of disputes over peace talks.",
     "Change to group/activity"),
    ("The militia has turned the campus of the university in the city into a military headquarters.",
     "Headquarters or base established"),
    ("The army has freed the town of Lalibela from the extremist armed group.", "Government regains territory"),
    ("Army units entered the city under an understanding reached with local forces.",
     "Non-violent transfer of territory"),
    # what someone is accused of is not told as done; a person set on fire is no property burned
    ("Residents beat and set fire to two men accused of trying to abduct a child.", "Mob violence"),
    # a crowd that goes home was not dispersed; crowds pouring into squares in solidarity protest
    ("Security forces were deployed around the building but did not intervene, and the protesters "
     "dispersed by midday.", "Peaceful protest"),
    ("Millions poured into the capital's main square after Friday prayers in solidarity with Gaza.",
     "Peaceful protest"),
    ("The military used drones to drop canisters of a choking yellow gas on resistance trenches.",
     "Chemical weapon"),
    ("Supporters of the former prime minister set fire to a commander's residence and pelted police with stones.",
     "Violent demonstration"),
    ("The activist was picked up from his home by men in plain clothes; relatives have been unable to trace him.",
     "Abduction/forced disappearance"),
    # a town freed is ground taken, no captive freed
    ("Government troops freed the town from the rebels on Sunday.", "Government regains territory"),
])
def test_types_follow_acled_definitions(text, expected):
    assert best_sub_event_type(text) == expected


def test_a_curfew_stays_background_to_the_clashes_it_follows():
    assert best_sub_event_type("Clashes erupted between the two militias, and a curfew was imposed.") == "Armed clash"


@pytest.mark.parametrize("text", [
    "Floods killed 30 people and destroyed hundreds of homes in the province.",
    "A gas cylinder explosion at a restaurant injured nine customers.",
    "A stampede at the stadium killed 12 fans.",
    # road accidents, told by what the vehicle did
    "A bus plunged into a ravine on the mountain highway on Monday night, killing 19 passengers, officials said.",
    "At least twelve people died when a fuel tanker overturned and exploded on the highway, setting cars ablaze.",
])
def test_disasters_and_accidents_are_no_acled_event(text):
    assert classify(text) == []


def test_an_armed_party_named_beside_a_disaster_keeps_the_event():
    assert best_sub_event_type("Gunmen killed five villagers who had fled the floods.") == "Attack"


@pytest.mark.parametrize("text", [
    "Troops and rebels clashed near the border on Monday.",
    "Protesters marched to parliament, waving flags and chanting slogans.",
    "Government troops recaptured the village from the Kachin Independence Army.",
    "A roadside bomb struck a minibus, killing four passengers.",
])
def test_types_do_not_depend_on_capital_letters(text):
    assert best_sub_event_type(text.lower()) == best_sub_event_type(text) is not None


def test_every_trigger_carries_its_cue_offsets():
    text = "Militants attacked an army post on Sunday, and fighting went on for hours."
    for trigger in classify(text):
        assert 0 <= trigger.start < trigger.end <= len(text)


@pytest.mark.parametrize("sentence", [
    # chemical weapons held, handed over or destroyed: ACLED codes their use, not their existence
    "France will push for a resolution setting out terms for the destruction of the chemical weapons.",
    "The government began handing over its chemical weapons stockpile to international inspectors.",
    "The country still holds a chemical weapons stockpile of about 1,300 tonnes, the inspectors said.",
])
def test_chemical_arsenals_are_no_chemical_attack(sentence):
    assert best_sub_event_type(sentence) is None


@pytest.mark.parametrize("sentence", [
    "Government forces used chemical weapons from a hidden stockpile, killing 40 people in the town.",
    "Victims of the attack showed symptoms of exposure to a nerve agent, after the arsenal of chemical agents was said destroyed.",
])
def test_chemical_weapons_used_stay_a_chemical_attack_beside_arsenal_talk(sentence):
    assert best_sub_event_type(sentence) == "Chemical weapon"


def test_ground_taken_back_is_a_territorial_change():
    assert best_sub_event_type("The army took back the village from the rebels after two days.") == "Government regains territory"


@pytest.mark.parametrize("text, expected", [
    # the weapon as the agent of the harm is the weapon's event, not an attack on civilians
    ("A bomb killed six people and wounded 30 in the city centre on Wednesday.", "Remote explosive/landmine/IED"),
    ("A blast tore through a crowded market in the town, killing nine.", "Remote explosive/landmine/IED"),
    # barrel bombs are dropped from the air: ACLED codes them as air strikes
    ("Barrel bombs killed 20 civilians in the eastern districts on Friday.", "Air/drone strike"),
])
def test_the_weapon_that_killed_names_the_type(text, expected):
    assert best_sub_event_type(text) == expected


def test_the_dead_and_the_target_of_a_strike_are_no_second_event_a_battle_is():
    pipeline = Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)

    def types(text):
        return [e.sub_event_type for e in pipeline(Article(text=text, published="2016-05-02")).events]

    # "killing 14 fighters" is the bombing's toll, "targeted a checkpoint" its target
    assert types("A car bomb struck a checkpoint near Idlib on Sunday, killing 14 fighters.") == [
        "Remote explosive/landmine/IED"]
    assert types("Warplanes targeted militant positions near Raqqa on Monday, killing 31 militants.") == [
        "Air/drone strike"]
    # words of battle tell a clash of its own beside the strike
    assert "Armed clash" in types("Warplanes struck Manbij on Tuesday as fierce clashes raged between the "
                                  "militants and the advancing fighters.")


@pytest.mark.parametrize("text, expected", [
    # ACLED codes an agreement where parties agree; a truce broken is told by its violence
    ("Civilians were killed by Russian air strikes on Aleppo despite a 48-hour truce.", "Air/drone strike"),
    ("Rebels said jets hit an outpost near Idlib in violation of the ceasefire.", "Air/drone strike"),
    ("The army said armed groups breached the ceasefire in Aden, shelling residential areas.",
     "Shelling/artillery/missile attack"),
    ("Dozens were killed in the shelling of Taiz after peace talks collapsed in April.",
     "Shelling/artillery/missile attack"),
    # a ceasefire agreed stays an agreement
    ("Government troops and the rebels agreed on a ceasefire in Kayah State on Monday.", "Agreement"),
])
def test_a_broken_truce_is_no_agreement(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a headline's present tense, and a second verb with its own count before the noun
    ("Army kills 15 terrorists in Qalamoun.", "Armed clash"),
    ("Troops kill 12 and capture 5 Boko Haram fighters in Borno.", "Armed clash"),
    ("Police kill three bandits in a gunfight in Zamfara.", "Armed clash"),
    ("Syrian Army kills terrorist commander in Qalamoun.", "Armed clash"),
    # the unarmed killed in a "terrorist attack" are no battle
    ("Twelve people were killed in a terrorist attack on a market in Kabul.", "Attack"),
    # the headline's present tense of a killing of the defenceless
    ("ISIL crucifies 9 men in Aleppo.", "Attack"),
    ("IS executes three people in Raqqa.", "Attack"),
])
def test_fighters_killed_are_a_battle_the_defenceless_an_attack(text, expected):
    assert best_sub_event_type(text) == expected


def test_people_captured_are_no_ground_taken_places_captured_are():
    territorial = {"Government regains territory", "Non-state actor overtakes territory"}
    assert best_sub_event_type("The army captured 12 militants near Gao on Sunday.") not in territorial
    assert best_sub_event_type("Rebels captured three villages near Hama on Monday.") == "Non-state actor overtakes territory"


@pytest.mark.parametrize("text, expected", [
    # the chemical weapon named by what it did or what carried it
    ("The minister said the government was behind a chemical massacre near Damascus that killed hundreds.",
     "Chemical weapon"),
    ("The gas attack on Douma killed 43 people.", "Chemical weapon"),
    ("Chemical rockets hit the eastern suburbs at dawn, killing dozens.", "Chemical weapon"),
    # tear gas is crowd control, not a chemical weapon
    ("Police fired tear gas at protesters in Nairobi.", "Protest with intervention"),
])
def test_a_chemical_attack_told_by_what_it_did(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # people taken by an armed party are abducted; people taken to hospital are not
    ("Security forces have taken at least five people, including a woman, from their homes in Kech district.",
     "Abduction/forced disappearance"),
    ("Gunmen picked up three youths from a market in Kasai on Friday.", "Abduction/forced disappearance"),
    # devices found beside the dead of an explosion: one went off
    ("Eleven explosive devices have been found near Tete since September, and four children have died in an "
     "explosion.", "Remote explosive/landmine/IED"),
    ("Police defused two bombs near the market on Monday.", "Disrupted weapons use"),
    # torching property is its destruction
    ("Soldiers went on torching houses in the village after the raid.", "Looting/property destruction"),
])
def test_people_taken_devices_gone_off_and_property_torched(text, expected):
    assert best_sub_event_type(text) == expected


def test_people_taken_to_hospital_are_not_abducted():
    assert best_sub_event_type("Rescuers took 12 people to hospital after the blast.") != "Abduction/forced disappearance"


def test_what_follows_hours_after_is_an_earlier_happening():
    # the clause before "hours after" tells the event; the one after recalls another
    text = ("At least 19 people were killed near the capital on Tuesday, including six children, just hours after "
            "a suspected chemical gas attack left dozens dead in Khan Sheikhun.")
    assert best_sub_event_type(text) == "Attack"
    # with nothing told before it, the recalled happening is still found
    assert best_sub_event_type("Hours after the chemical attack, doctors treated dozens for suffocation.") == "Chemical weapon"
    # an opening clause recalls it the same way: the act told after the comma is the event
    assert [t.sub_event_type for t in classify("Two days after the clashes, the army shelled the town.")] == [
        "Shelling/artillery/missile attack"]


def test_the_defenceless_executed_are_attacked_whoever_they_had_fought():
    # ACLED: the executed are defenceless, whatever fighting the words around them tell of the victims
    executed = classify("A jihadist group has publicly executed and crucified nine men, eight of them rebels fighting "
                        "both the regime and the jihadists, a monitor said.")
    assert [t.sub_event_type for t in executed] == ["Attack"]
    # a battle told before the killing stays a battle beside it
    both = {t.sub_event_type for t in classify("Troops clashed with rebels and later executed three prisoners.")}
    assert both == {"Attack", "Armed clash"}
    # captured soldiers are people, not ground taken
    assert best_sub_event_type("Islamic State militants executed 12 captured soldiers near Palmyra.") == "Attack"
    assert best_sub_event_type("Rebels captured the town of Maarat al-Numan on Sunday.") == (
        "Non-state actor overtakes territory")


def test_the_fighting_a_ceasefire_ends_is_no_second_event():
    text = "The two factions signed a ceasefire, ending three days of street fighting in the capital."
    assert [t.sub_event_type for t in classify(text)] == ["Agreement"]


@pytest.mark.parametrize("text", [
    # what the text says did not happen
    "Talks between the two sides ended on Wednesday without agreement on a truce.",
    "The two delegations failed to reach a deal on the release of prisoners.",
    "Police watched the market all day but made no arrests.",
    # bodies found are no ground recovered
    "The bodies of six men were recovered from the river on Sunday.",
    # ordinary crime: ACLED codes no arrest of robbers
    "Police in Nairobi arrested three men suspected of robbing a mobile money shop and recovered two pistols.",
])
def test_what_did_not_happen_and_what_was_found_are_no_event(text):
    assert best_sub_event_type(text) is None


_LEAD = "Russia's missile attack on Kharkiv overnight killed four people, the regional governor said. "
_LATER = ("Sirens sounded shortly after 3 a.m. across the city. Ukraine's air force said its air defences had shot "
          "down most of the attack drones launched alongside the missiles.")


@pytest.mark.parametrize("text", [
    _LEAD + _LATER,
    # a dateline that tells no event does not push the lead down
    "KHARKIV. " + _LEAD + _LATER,
])
def test_the_main_event_is_the_leads_even_where_a_later_sentence_says_more(text):
    pipeline = Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)
    events = pipeline(Article(text=text, published="2024-05-02")).events
    assert events[0].sub_event_type == "Shelling/artillery/missile attack"
    assert "Disrupted weapons use" in {e.sub_event_type for e in events[1:]}


def test_troops_firing_on_someone_is_no_shelling():
    found = {t.sub_event_type for t in classify("Its troops fired on and killed a combatant near the convoy.")}
    assert "Shelling/artillery/missile attack" not in found


@pytest.mark.parametrize("text, expected", [
    # forces leaving a base that nobody is told to take: a troop movement
    ("French troops have withdrawn from their last base in northern Niger, the defence ministry said.",
     "Change to group/activity"),
    ("Government forces pulled out of two outposts in Kidal region on Monday.", "Change to group/activity"),
    # military aircraft in another state's zone, jets scrambled: a show of force, nothing fired
    ("Four Russian bombers entered Japan's air defence identification zone on Tuesday, and Japanese fighter jets "
     "scrambled to shadow them.", "Change to group/activity"),
    ("Israeli reconnaissance aircraft violated Lebanese airspace over the Bekaa for six hours on Friday.",
     "Change to group/activity"),
    # troops entering a town as a deal with the other side arranged it: ground handed over
    ("Government troops entered the town of Manbij and took up positions on its outskirts as part of the "
     "arrangements agreed with the Kurdish-led council.", "Non-violent transfer of territory"),
    ("Turkish military instructors arrived in Mogadishu with a new batch of armoured vehicles.",
     "Change to group/activity"),
    # an incursion that struck is told by what it did
    ("Israeli jets violated Lebanese airspace and struck a house in Nabatieh, killing three people.",
     "Air/drone strike"),
])
def test_troops_moving_and_aircraft_intruding_are_changes_to_activity(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an armed party carrying things off is looting, not ordinary theft
    ("Militiamen in the occupied district dismantled and stole the generators of the water station.",
     "Looting/property destruction"),
    ("Soldiers and allied vigilantes waged a campaign of burning against villages in the valley.",
     "Looting/property destruction"),
    # no fighter is named where firefighters put out a fire that spread through property
    ("A lorry was the target of the night-time attack. Fire fighters put out the blaze after it spread to "
     "three parked cars.", "Looting/property destruction"),
    # what follows "in the aftermath of" is background: the looting is the event
    ("Traders counted the looting of dozens of shops in the aftermath of last week's fuel protests.",
     "Looting/property destruction"),
])
def test_property_carried_off_or_burned_is_looting(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # what the crowd demands or denounces is its cause, not a happening of the day
    ("Thousands rallied in Haifa on Saturday to demand a deal to free the hostages held in Gaza.", "Peaceful protest"),
    ("Thousands of people protested in Sanaa against the air strikes that killed 20 civilians in Saada.",
     "Peaceful protest"),
    # aircraft bombing a rally: an air strike whose target was a crowd
    ("Military jets bombed a rally against the junta in a village in Magway, killing at least 25 people.",
     "Air/drone strike"),
    # a crowd killing men it singled out, with no force of the state named: mob violence
    ("A crowd of several hundred people beat three village council members to death, accusing them of informing "
     "on protesters.", "Mob violence"),
    ("Nurses formed a human chain outside the health ministry in Lagos to demand unpaid allowances.",
     "Peaceful protest"),
    ("Riot police pushed back the pensioners protesting outside parliament in Athens.", "Protest with intervention"),
    # a crowd throwing stones at a named side's troops is a riot, whatever "clashes" says
    ("Youths threw stones and petrol bombs at Indian troops during clashes in Srinagar, and soldiers fired pellets.",
     "Violent demonstration"),
])
def test_a_protest_is_told_apart_from_its_cause_and_from_a_crowd_that_kills(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # most of the missiles brought down: the rest got through, and the strike is the event
    ("The enemy carried out an aerial aggression on positions near Homs at dawn, and our air defences intercepted "
     "most of the hostile missiles, a military source said.", "Air/drone strike"),
    ("An attacker detonated an explosive vest at the gate of the police academy in Quetta.", "Suicide bomb"),
    ("Police defuse IED found under a bridge on the Jammu highway", "Disrupted weapons use"),
    # raiders shooting villagers dead: an attack on civilians, not ground taken
    ("Gunmen stormed Tungan Maje village, shooting dead nine farmers and burning granaries.", "Attack"),
    # a chemical agent dropped from the air is no gas accident
    ("A gas cylinder dropped from a helicopter released chlorine over a neighbourhood of Saraqeb.", "Chemical weapon"),
    ("Soldiers of the presidential guard removed the president and dissolved the parliament, the state broadcaster "
     "said.", "Other"),
])
def test_weapons_and_coups_named_in_other_words(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text", [
    "Budget battle: senators walk out as the assembly passes the finance bill",
    "Police arrested two men suspected of robbing a jeweller's shop and recovered jewellery worth 3 million naira.",
    # what the text denies or rules out did not happen
    "The two presidents left the summit without signing a peace accord. Their countries fought two wars in the 1990s.",
    "A gas blast wrecked a block of flats in Odesa; officials ruled out a drone or missile strike.",
])
def test_battles_of_words_and_goods_recovered_are_no_event(text):
    assert best_sub_event_type(text) is None


@pytest.mark.parametrize("text, expected", [
    # the withdrawal told first, then how the base changed hands: one transfer
    ("Coalition troops withdrew from the K-1 air base near Kirkuk on Sunday. They handed control of the base to "
     "the Iraqi army in a short ceremony.", "Non-violent transfer of territory"),
    ("Rebels took control of the town of Dera on Friday. The fighters entered it after the army withdrew without "
     "a fight, residents said.", "Non-violent transfer of territory"),
    # the capture told first, then that its holders had left it: a transfer
    ("Al-Shabaab fighters have taken control of Bula Hawa, a strategic border town. The militants seized the town "
     "following the withdrawal of Ethiopian troops.", "Non-violent transfer of territory"),
    # ground taken in battle stays taken, whatever withdrawal is told after it
    ("Rebels seized an army post near Tessit after a battle with soldiers. An army statement acknowledged a "
     "tactical withdrawal from the post.", "Non-state actor overtakes territory"),
])
def test_how_ground_changed_hands_told_in_the_next_sentence_decides_its_type(text, expected):
    pipeline = Pipeline(components=["entities", "places", "dates", "quotes", "events"], strict=True)
    events = pipeline(Article(text=text, published="2024-05-02")).events
    assert events[0].sub_event_type == expected


@pytest.mark.parametrize("text, expected", [
    # gunmen firing on a police post that fires back: a battle
    ("unknown gunmen opened fire on a police picket near Sopore late on Friday, drawing retaliatory fire from the "
     "personnel on duty, officials said.", "Armed clash"),
    # two armed sides fighting, whatever weapon was heard
    ("At least nine people were killed when two rival clan militias clashed over grazing land near Beledweyne.",
     "Armed clash"),
    ("Fighting between the army and the RSF raged in Omdurman on Thursday, with gunfire and artillery heard "
     "through the night.", "Armed clash"),
    # the background of a region is no clash beside the truce told
    ("Qatar welcomed the government's decision on a ceasefire in the east, where fighting between rebels and "
     "troops has left scores dead, its news agency reported.", "Agreement"),
    # gas dropped on trenches
    ("Enemy drones dropped gas grenades on our positions near Chasiv Yar, and two soldiers were treated for "
     "poisoning.", "Chemical weapon"),
    # a vest found or a plot foiled: disrupted, not used
    ("Police foil terror bid, recover explosive vest and two grenades in Bannu", "Disrupted weapons use"),
    ("Border guards recovered three pistols and 60 rounds dropped near the fence by a drone in Fazilka.",
     "Disrupted weapons use"),
])
def test_battles_gas_and_devices_that_never_went_off(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # arrests the crowd protests against are its cause, not an intervention
    ("Party workers rallied in Peshawar chanting slogans against the arrests of their leaders; the rally ended "
     "peacefully.", "Peaceful protest"),
    # a procession of activists is a march
    ("Police blocked a procession of opposition activists in Sylhet and detained 12 of them.",
     "Protest with intervention"),
    # a rally only planned is going on nowhere yet
    ("Police arrested 30 opposition workers in night raids ahead of the party's planned rally in Karachi.", "Arrests"),
    # what "following days of" introduces came before
    ("Paramilitary troops were deployed to Kurram on Saturday following days of sectarian clashes.",
     "Change to group/activity"),
])
def test_what_a_crowd_is_doing_now(text, expected):
    assert best_sub_event_type(text) == expected


def test_a_battle_over_a_budget_is_none():
    assert best_sub_event_type("Senate and presidency in fierce battle over 2025 budget as lawmakers reject cuts") is None


@pytest.mark.parametrize("text, expected", [
    # the fighting a measure is taken "amid" is its setting, not the event told
    ("The authorities cut mobile internet across the region on Thursday, a measure they called necessary amid "
     "fighting with rebels.", "Other"),
    # what went on beside it, told after ", as" or ", while", is the setting too
    ("Militia shelling killed five civilians in a market of Taiz on Sunday, as coalition air strikes pounded "
     "the hills north of the city.", "Shelling/artillery/missile attack"),
    # (a guard: the event before the clause stays the event where it already outweighed it)
    ("A roadside bomb killed three soldiers near Tafas on Wednesday, while shelling hit villages to the west.",
     "Remote explosive/landmine/IED"),
    # a weapon tested, however many words describe it
    ("The navy successfully tested a new long-range solid-fuel ballistic missile off the coast, state television said.",
     "Other"),
    # a demand does not run on into the main clause: the crowd was baton-charged
    ("Opposition workers who had gathered outside the assembly to demand the release of their leader were "
     "baton-charged by police.", "Protest with intervention"),
])
def test_a_setting_a_weapons_test_and_the_end_of_a_demand(text, expected):
    assert best_sub_event_type(text) == expected


def test_a_cue_word_that_names_a_square_tells_nothing():
    # "Hostages Square" names a place; the rally is the event
    assert best_sub_event_type("Thousands rallied in Hostages Square on Saturday night, demanding early elections.") \
        == "Peaceful protest"


@pytest.mark.parametrize("text, expected", [
    # ground its holders abandoned after a fight was taken by fighting
    ("Rebel fighters captured the town after a week of fighting with government troops, who abandoned their last "
     "outpost on Friday.", "Non-state actor overtakes territory"),
    # ground left under a deal and entered without any fighting changed hands peacefully
    ("Government troops moved back into the town on Tuesday after the rebels withdrew under a ceasefire deal, "
     "ending months of rebel control without any fighting.", "Non-violent transfer of territory"),
    # a place described by what happened to it once tells no capture
    ("A mass grave holding 40 bodies was uncovered outside a recently retaken village, police said.", "Other"),
])
def test_how_ground_changed_hands(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a protest one state lodges with another is diplomacy: the strike it protests is the event
    ("Iraq summoned Turkey's ambassador on Thursday to protest against a Turkish air strike near Sinjar that "
     "killed three people.", "Air/drone strike"),
    ("Pakistan lodged a strong protest with India over the shelling that killed two villagers in Kotli.",
     "Shelling/artillery/missile attack"),
    # (a guard: a crowd that gathers to protest against a strike is a protest)
    ("Thousands gathered in Baghdad to protest against the air strike.", "Peaceful protest"),
])
def test_a_protest_a_state_lodges_is_no_demonstration(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a depot or cache only named as what strikes or fighting hit: the strike is the event
    ("Army units, backed by the air force, carried out precise strikes on Monday against militant positions in "
     "the town, destroying their fortifications and weapons depots.", "Air/drone strike"),
    # (guards: jets that hit a depot were an air strike already; weapons seized or themselves
    # destroyed are disrupted)
    ("Government jets struck rebel positions near the village, hitting a weapons depot.", "Air/drone strike"),
    ("Police recovered an arms cache hidden in a farmhouse after a gunfight in the district.", "Disrupted weapons use"),
    ("Special forces destroyed dozens of rockets and explosive devices during an operation in the province.",
     "Disrupted weapons use"),
])
def test_a_depot_named_as_the_target_of_strikes_is_no_disruption(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a base or headquarters a strike destroyed is its target, and a lone "strike" that destroys or
    # kills is no labour strike
    ("The monitor said Wednesday's strike destroyed a building being used as a headquarters and a prison by "
     "IS militants in Deir Ezzor province.", "Air/drone strike"),
    # (guards: a headquarters set up is one; a general strike that targets a reform is a protest)
    ("Islamic State militants turned a school in Mayadin into a headquarters, residents said.",
     "Headquarters or base established"),
    ("The general strike targeted the government's pension reform, union leaders said.", "Peaceful protest"),
])
def test_a_headquarters_a_strike_destroyed_is_its_target(text, expected):
    assert best_sub_event_type(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the Russian military's reconciliation centre is a speaker, not a settlement
    ("Militants shell residential areas of Aleppo, Russian reconciliation centre says",
     "Shelling/artillery/missile attack"),
    ("The Russian Centre for the Reconciliation of Opposing Sides delivered two tonnes of food to the town.", None),
    # (a guard: a reconciliation reached is an agreement)
    ("Tribal elders and the local council signed a reconciliation in the town on Sunday.", "Agreement"),
])
def test_the_reconciliation_centre_makes_no_agreement(text, expected):
    assert best_sub_event_type(text) == expected


def test_an_attack_repelled_is_fought_when_the_time_is_told_first():
    # state media tell the time before the object: "repelled at dawn on Wednesday a wide attack"
    text = "Army units repelled at dawn on Wednesday a wide attack launched by terrorist groups on military points."
    assert best_sub_event_type(text) == "Armed clash"
