"""ACLED's event taxonomy: 6 event types, 25 sub-event types, ACLED's names exactly.

Also the mapping from the CASE 2021 task-2 codes (ARMED_CLASH, ...) to ACLED names,
and a CAMEO code per sub-event type for GDELT users.

Sources: ACLED Codebook (2019/2023), section "Event types and sub-event types"
(names only, which are facts); CAMEO codebook v1.1b3 (Schrodt 2012) for the
codes. The CAMEO mapping is frontwire's own judgement: CAMEO has no code for
several ACLED strategic developments, so the nearest verb class is used and
"Other" has none.
"""

from __future__ import annotations

TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

EVENT_TYPES: tuple[str, ...] = tuple(TAXONOMY)
SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in TAXONOMY.values() for s in subs)
EVENT_TYPE_OF: dict[str, str] = {s: t for t, subs in TAXONOMY.items() for s in subs}

# CASE 2021 task 2 codes ("seen" types) -> ACLED sub-event type.
CASE_TO_ACLED: dict[str, str] = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
}
# CASE's "unseen" types are not ACLED political violence or demonstrations:
# frontwire codes no event for them.
CASE_NON_ACLED: frozenset[str] = frozenset(
    {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}
)

# Nearest CAMEO (v1.1b3) code per ACLED sub-event type.
CAMEO: dict[str, str | None] = {
    "Armed clash": "190",  # use conventional military force
    "Government regains territory": "192",  # occupy territory
    "Non-state actor overtakes territory": "192",
    "Chemical weapon": "2041",  # use chemical, biological or radiological weapons
    "Air/drone strike": "195",  # employ aerial weapons
    "Suicide bomb": "1831",  # carry out suicide bombing
    "Shelling/artillery/missile attack": "194",  # fight with artillery and tanks
    "Remote explosive/landmine/IED": "1833",  # carry out roadside bombing
    "Grenade": "183",  # conduct non-military bombing
    "Sexual violence": "1821",  # sexually assault
    "Attack": "180",  # use unconventional violence
    "Abduction/forced disappearance": "181",  # abduct, hijack, take hostage
    "Peaceful protest": "141",  # demonstrate or rally
    "Protest with intervention": "141",
    "Excessive force against protesters": "175",  # use tactics of violent repression
    "Violent demonstration": "145",  # protest violently, riot
    "Mob violence": "145",
    "Agreement": "057",  # sign formal agreement
    "Arrests": "173",  # arrest, detain
    "Change to group/activity": "150",  # demonstrate military or police power
    "Disrupted weapons use": "171",  # seize or damage property
    "Headquarters or base established": "150",
    "Looting/property destruction": "1712",  # destroy property
    "Non-violent transfer of territory": "0874",  # retreat or surrender militarily
    "Other": None,
}

# a device hides the hand that set it or carried it: the bomber is known only where the words
# name him ("a bomb planted by X", "X claimed"), never from a party named after the blast (its target)
CONCEALED_ATTACKER = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})

# the party named after an arrest verb is the one arrested ("announced it had arrested a cell of
# the Islamic State"), never the one that arrested: actor1 is only the one named before it or "by"
ACTED_ON_AFTER = CONCEALED_ATTACKER | {"Arrests"}

# ground taken by force: which of the two is decided by who took it (state forces or not)
CAPTURES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def event_type_of(sub_event_type: str) -> str:
    return EVENT_TYPE_OF[sub_event_type]
