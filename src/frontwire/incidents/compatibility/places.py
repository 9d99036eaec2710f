"""Where two events may be one happening: a distance that grows with how loosely each place is known.

ACLED's geo precision: 1 the place itself, 2 near it or a part of a region, 3 a province or larger
(its coordinates are the province's centre). Each event reaches ``REACH_KM`` of its precision
around its point; two events may be one happening when their points are within the sum of their
reaches, in one country. An event without coordinates is placed by its admin1 alone.

A place that may stand for its whole admin1 is compatible with any place inside that admin1: a
province (precision 3), and a place named as its admin1 is ("Idlib" is a city and the governorate
around it; "in Idlib" is often the province, geocoded to its capital). Its point is then only the
admin1's seat, so its closeness is reckoned with a province's reach.
"""

from __future__ import annotations

import math
from typing import Optional

from ...understand.folding import fold
from ..linkable import Linkable

REACH_KM = {1: 5.0, 2: 25.0, 3: 100.0}
UNKNOWN_PRECISION = 3
PROVINCE_PRECISION = 3
TOWN = frozenset({1, 2})  # the place itself, or near it
EARTH_RADIUS_KM = 6371.0
POINT_KM = 1.0
# The farthest two linkable events can be by distance (beyond, only one admin1 links them): what
# blocking must reach.
MAX_DISTANCE_KM = 2 * max(REACH_KM.values())


def reach_km(geo_precision: Optional[int]) -> float:
    return REACH_KM.get(geo_precision or UNKNOWN_PRECISION, REACH_KM[UNKNOWN_PRECISION])


def _key(name: Optional[str]) -> str:
    return " ".join(fold(word) for word in (name or "").replace("-", " ").split())


def stands_for_admin1(event: Linkable) -> bool:
    """Whether the event's place may be its whole admin1 (see the module's docstring)."""
    if not event.admin1:
        return False
    return event.geo_precision == PROVINCE_PRECISION or _key(event.location) == _key(event.admin1)


def _reach(event: Linkable) -> float:
    return reach_km(PROVINCE_PRECISION) if stands_for_admin1(event) else reach_km(event.geo_precision)


def distance_km(a: Linkable, b: Linkable) -> Optional[float]:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlmb = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def one_admin1(a: Linkable, b: Linkable) -> bool:
    return bool(a.admin1) and a.admin1 == b.admin1


def near(a: Linkable, b: Linkable) -> bool:
    if not a.country or a.country != b.country:
        return False
    if one_admin1(a, b) and (stands_for_admin1(a) or stands_for_admin1(b)):
        return True
    distance = distance_km(a, b)
    if distance is None:
        return one_admin1(a, b)
    return distance <= reach_km(a.geo_precision) + reach_km(b.geo_precision)


def same_place(a: Linkable, b: Linkable) -> bool:
    """Both placed at a town or near one (not a province), within reach of each other as their
    precisions read: the place an undated pair must share."""
    if not a.country or a.country != b.country or not (a.geo_precision in TOWN and b.geo_precision in TOWN):
        return False
    distance = distance_km(a, b)
    return distance is not None and distance <= reach_km(a.geo_precision) + reach_km(b.geo_precision)


def one_place(a: Linkable, b: Linkable) -> bool:
    """One place as finely as both name it: the same point (within a kilometre), or one admin1 where
    either names only the province (nothing finer to tell the two places apart)."""
    if one_admin1(a, b) and PROVINCE_PRECISION in (a.geo_precision, b.geo_precision):
        return True
    distance = distance_km(a, b)
    return distance is not None and distance <= POINT_KM


def closeness(a: Linkable, b: Linkable) -> float:
    """1 at the same point, falling to 0 at the two events' combined reach (0.5 without coordinates)."""
    distance = distance_km(a, b)
    if distance is None:
        return 0.5
    return max(0.0, 1.0 - distance / (_reach(a) + _reach(b)))
