"""Acceptance: the events of the canonical FNA Aleppo example, through the full pipeline."""

from __future__ import annotations

from frontwire.events.coder import side_of

_OPPOSITION = {"opposition", "nusra", "isis"}


def _in_aleppo(event) -> bool:
    names = " ".join(x for x in (event.location, event.admin1) if x).lower()
    return "aleppo" in names or "halab" in names or "handarat" in names


def _is_opposition(name, actor_id) -> bool:
    if side_of(actor_id) in _OPPOSITION:
        return True
    return bool(name) and any(w in name.lower() for w in ("terrorist", "militant", "rebel", "opposition", "jeish al-fatah", "army of conquest"))


def test_evidence_of_every_event_indexes_the_text(example_article):
    assert example_article.events
    for event in example_article.events:
        ev = event.evidence
        assert example_article.text[ev.start:ev.end] == ev.sentence


def test_battles_in_aleppo_between_the_army_and_the_opposition(example_article):
    battles = [e for e in example_article.events if e.event_type == "Battles" and _in_aleppo(e)]
    assert battles, [e.model_dump(exclude_none=True) for e in example_article.events]
    assert any(
        (side_of(e.actor1_id) == "government" and _is_opposition(e.actor2, e.actor2_id))
        or (side_of(e.actor2_id) == "government" and _is_opposition(e.actor1, e.actor1_id))
        for e in battles
    ), [e.model_dump(exclude_none=True) for e in battles]


def test_saturday_clashes_among_the_groups_are_reported(example_article):
    clashes = [e for e in example_article.events if e.sub_event_type == "Armed clash" and e.date == "2016-09-24"]
    assert len(clashes) == 1, [e.model_dump(exclude_none=True) for e in example_article.events]
    clash = clashes[0]
    assert clash.time_precision == 1
    assert clash.certainty == "reported"
    assert "report" in (clash.claimed_by or "").lower()
    assert "Reports said on Saturday" in clash.evidence.sentence


def test_commanders_flight_rests_on_the_general_staff_not_on_the_outlet(example_article):
    flights = [e for e in example_article.events if "Turkey" in e.evidence.sentence and e.event_type == "Strategic developments"]
    assert flights, [e.model_dump(exclude_none=True) for e in example_article.events]
    flight = flights[0]
    # an honest type: commanders leaving their fighters is a change in the group's activity
    assert flight.sub_event_type == "Change to group/activity"
    assert flight.certainty == "claimed"
    assert "General Staff" in (flight.claimed_by or "")
