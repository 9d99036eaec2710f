"""Where two events may be one happening: a distance that grows with how loosely each place is known.

ACLED's geo precision: 1 the place itself, 2 near it or a part of a region, 3 a province or larger
(its coordinates are the province's centre). Each event reaches ``REACH_KM`` of its precision
around its point; two events may be one happening when their points are within the sum of their
reaches, in one country. An event without coordinates is placed by its admin1 alone.
"""

from __future__ import annotations

import math
from typing import Optional

from ..linkable import Linkable

REACH_KM = {1: 5.0, 2: 25.0, 3: 100.0}
UNKNOWN_PRECISION = 3
EARTH_RADIUS_KM = 6371.0
# The farthest two linkable events can be: what blocking must reach.
MAX_DISTANCE_KM = 2 * max(REACH_KM.values())


def reach_km(geo_precision: Optional[int]) -> float:
    return REACH_KM.get(geo_precision or UNKNOWN_PRECISION, REACH_KM[UNKNOWN_PRECISION])


def distance_km(a: Linkable, b: Linkable) -> Optional[float]:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlmb = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def near(a: Linkable, b: Linkable) -> bool:
    if not a.country or a.country != b.country:
        return False
    distance = distance_km(a, b)
    if distance is None:
        return bool(a.admin1) and a.admin1 == b.admin1
    return distance <= reach_km(a.geo_precision) + reach_km(b.geo_precision)


def closeness(a: Linkable, b: Linkable) -> float:
    """1 at the same point, falling to 0 at the two events' combined reach (0.5 without coordinates)."""
    distance = distance_km(a, b)
    if distance is None:
        return 0.5
    return max(0.0, 1.0 - distance / (reach_km(a.geo_precision) + reach_km(b.geo_precision)))
