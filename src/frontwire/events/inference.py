"""Who acted when the text does not name them: the reading a Syrian-war analyst gives.

Two rules, each applied only to articles whose theatre (``lexicons/theatres.yaml``)
infers unnamed actors (Syria so far), and only where the evidence window names no
acting party that could have done it. An actor found this way is marked
``actor1_inferred`` and lowers the event's confidence.

- Air power. No non-state party in the Syrian war flew aircraft (armed groups'
  small drones aside), so an air strike, barrel bomb or air-dropped gas whose
  window names no state attacker, or names a non-state group (the target, as in
  "air raids on IS-held villages"), was carried out by an air force. Which one:
  the air power the article names most as a wielder of aircraft ("US-led
  coalition raids", "Israeli jets", "Russian warplanes"); when it names none,
  the theatre's default air force: in Syria the Syrian Arab Air Force, the one
  that flew most strikes (SOHR, Airwars and ACLED tallies all put the government
  and Russia far ahead).
- Generic labels. State and pro-government media call every armed opponent
  "terrorists", "Takfiris", "militants", "gunmen"; such a label as actor1 stands
  for the non-state armed side the article names (ISIS, the Nusra line, the
  opposition factions), but only when it names one such side: with several, the
  label could be any of them and the attacker stays unnamed. An unnamed suicide
  bomber is not inferred: measured on FA-KES dev, coders left those "unknown"
  (as ACLED does), and guessing ISIS or Nusra from the article lost more than it won.

Where this departs from ACLED: ACLED codes an unattributed attacker as
"Unidentified Armed Group (Syria)" (or for air strikes with no attribution,
often "Military Forces of Syria" / "Military Forces of Russia" from its own
sourcing, not the article's words). These rules give the analyst's reading,
flagged as inferred, so a consumer who wants ACLED's strict coding drops actors
whose ``actor1_inferred`` is true. The component's config key
``events.infer_unnamed_actors`` (default true) turns both rules off.

Source: frontwire's own curation (Apache-2.0), from how wire and state-media copy
on the Syrian war names the parties; the labels are ``lexicons/actor_names.yaml``'s.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lexicons import alternation, word_pattern
from ..lexicons.entries import word_list
from .agents import air_wielders, mentions_air_means
from .parties import NON_STATE_INTER, Party, kb_party, side_of
from .roles import Roles
from .taxonomy import event_type_of
from .theatres import Theatre
from .windows import Window

if TYPE_CHECKING:
    from .context import ArticleContext

GENERIC_LABEL = re.compile(r"^(?:the\s+)?(?:armed\s+)?" + alternation(word_list("actor_names", "generic_labels")) + "$", re.I)
# a drone may be a non-state group's; the rule speaks only of air forces
_DRONE = word_pattern(word_list("weapons", "non_state_aircraft"))
_AIR_TYPES = {"Air/drone strike"}
_STATE_INTER = {1, 8}  # ACLED inter codes of state forces and external (foreign state) forces


def inferred_air_force(article_text: str, theatre: Theatre) -> str:
    """The air power an article's unattributed air strike is read as: the one the article
    names most as wielding aircraft, else the theatre's default air force."""
    counts = air_wielders(article_text)
    if not counts:
        return theatre.default_air_force
    best = max(counts.values())
    # a tie between the theatre's leading air powers (Syria and its Russian ally) and another: they lead
    for actor_id in theatre.leading_air_powers:
        if counts.get(actor_id) == best:
            return actor_id
    return max(counts, key=counts.get)


def applies_to_air_strike(window: str) -> bool:
    return not _DRONE.search(window)


def sole_armed_group(mentions: list[tuple[str, str | None]], theatre: Theatre) -> str | None:
    """The one non-state armed side the article names, from (actor_id, side) per mention: its
    most named group; None when the article names none, or groups of several sides (then the
    label could be any of them, and the attacker stays unnamed)."""
    counts: dict[str, int] = {}
    sides = set()
    for actor_id, side in mentions:
        if side in theatre.armed_group_sides:
            counts[actor_id] = counts.get(actor_id, 0) + 1
            sides.add(side)
    if len(sides) != 1:
        return None
    return max(counts, key=counts.get)  # dicts keep insertion order: ties go to the first named


def _non_state(party: Party, theatre: Theatre) -> bool:
    # a state's forces are a state's whatever side the KB puts them on ("Turkish jets" fly for Turkey)
    if party.inter in _STATE_INTER:
        return False
    return party.inter in NON_STATE_INTER or side_of(party.actor_id) in theatre.non_state_sides


def _admin1_of(window: Window, context: ArticleContext) -> str | None:
    place, _, _ = context.locator.event_place(window.start, window.end)
    return place.admin1 if place is not None else None


def infer_unnamed(roles: Roles, window: Window, trigger_at: int, *, sub_event_type: str, means: str | None,
                  context: ArticleContext) -> Roles:
    """The acting party the window leaves unnamed or names as a bare label, read by the rules
    above (flagged ``actor1_inferred``); ``roles`` unchanged when no rule applies."""
    actor1, actor2 = roles.actor1, roles.actor2
    text, theatre = window.text, context.theatre
    kind = event_type_of(sub_event_type)
    by_air = (sub_event_type in _AIR_TYPES or means == "airstrike"
              or (sub_event_type == "Chemical weapon" and mentions_air_means(text)))
    if kind in ("Explosions/Remote violence", "Violence against civilians") and by_air and applies_to_air_strike(text):
        # an air strike "by" a rebel group or a label is a strike on it: no armed group had aircraft
        if actor1 is None or (actor1.is_label and actor1.actor_id is None) or _non_state(actor1, theatre):
            # where several air powers struck, the means name none of them unless the article does
            if not air_wielders(context.article.text) and theatre.skies_shared(_admin1_of(window, context), context.article.published):
                return roles
            air_force = kb_party(context.air_force(), trigger_at)
            if air_force is not None:
                target = actor1 if actor1 is not None else actor2
                return Roles(air_force, target, actor1_inferred=True)
        return roles
    label_actor = actor1 is not None and actor1.actor_id is None and GENERIC_LABEL.match(actor1.name.strip())
    if not label_actor:
        return roles
    group = sole_armed_group(context.group_mentions, theatre)
    # the group the window already names as the one acted on cannot be the unnamed attacker
    if group is None or (actor2 is not None and actor2.actor_id == group):
        return roles
    party = kb_party(group, actor1.start if actor1 is not None else trigger_at)
    if party is None:
        return roles
    return Roles(party, actor2, actor1_inferred=True)
