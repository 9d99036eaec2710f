"""Which sub-event types one happening may be coded as by different outlets.

Outlets tell one strike as an air raid, a missile attack or a chemical attack, and one assault as a
battle or as a massacre of civilians, so sub-event types within a family, and the violent families
among themselves, can be one happening; a protest can never be a strike, nor an arrest a battle.
``closeness`` is 1 for the same sub-event type, ``SAME_FAMILY`` within a family, ``NEAR_FAMILY``
between two violent families (and between a disrupted weapons use and a strike or a bombing), and 0
(never one happening) otherwise.
"""

from __future__ import annotations

FAMILIES: dict[str, tuple[str, ...]] = {
    "strike": ("Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"),
    "bombing": ("Suicide bomb", "Remote explosive/landmine/IED", "Grenade"),
    "battle": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    # Riots are protests that turned violent: one demonstration is told both ways.
    "protest": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                "Violent demonstration", "Mob violence"),
}
# The families whose sub-event types outlets confuse for one another: armed violence of any kind.
VIOLENT = frozenset({"strike", "bombing", "battle", "civilians"})
# A strategic development one outlet may tell as the other side's violence: a strike that "destroyed
# a weapons depot", a missile "intercepted" that fell on a town.
NEAR_VIOLENCE = {"Disrupted weapons use": frozenset({"strike", "bombing"})}

FAMILY_OF: dict[str, str] = {sub: family for family, subs in FAMILIES.items() for sub in subs}

SAME_FAMILY = 0.8
NEAR_FAMILY = 0.4

# Kinds of violence rare enough that two reports of one of them in one place within days are
# almost always one happening (a chemical attack, a suicide bombing); air strikes, shelling and
# clashes come by the dozen on one front on one day.
RARE = frozenset({"Chemical weapon", "Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Sexual violence",
                  "Abduction/forced disappearance"})


def family_of(sub_event_type: str) -> str:
    """The family of a sub-event type; a strategic development is a family of its own."""
    return FAMILY_OF.get(sub_event_type, sub_event_type)


def closeness(a: str, b: str) -> float:
    if a == b:
        return 1.0
    fa, fb = family_of(a), family_of(b)
    if fa == fb:
        return SAME_FAMILY
    if fa in VIOLENT and fb in VIOLENT:
        return NEAR_FAMILY
    if fb in NEAR_VIOLENCE.get(a, ()) or fa in NEAR_VIOLENCE.get(b, ()):
        return NEAR_FAMILY
    return 0.0


def rare_match(a: str, b: str) -> bool:
    return a == b and a in RARE
