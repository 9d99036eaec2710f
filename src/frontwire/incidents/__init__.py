"""Incidents: the events of different articles that tell one happening, linked, with where the outlets disagree.

Linking runs at ingest as a store extension (``linking.IncidentLinker``, listed in
``frontwire.store.extensions.default_extensions``), inside each article's save transaction.
Every stored event belongs to exactly one incident. Two events of different articles are
linked when ``compatibility.scoring.compatible`` says they tell one happening; an incident is a
connected component of that relation, so the partition depends on the stored events only, never
on the order they came in, and ``frontwire incidents rebuild`` finds the same one.

The parts: ``linkable`` (an event as linking sees it), ``blocking`` (the indexed query for the
events one event could link with), ``compatibility`` (whether two events tell one happening),
``partition`` (components and stable ids), ``linking`` (the store extension and rebuild),
``outlets`` (what each outlet says), ``disagreements`` (where they differ, as structured fields),
``record`` (an incident's record), ``reading`` (incidents out of the store, filtered), ``acled``
(ACLED-style rows for ``export``) and ``cli``.
"""
