"""Distances on the Earth's surface, for the map lessons.

The Earth is treated as a sphere with the mean radius of the WGS 84 ellipsoid (the IUGG mean
radius R1 = 6371.0088 km). On that sphere the shortest path between two points is an arc of a
great circle, and the haversine formula gives its length without the rounding trouble of the
spherical law of cosines for nearby points. Compared with the ellipsoid, the error is at most
about 0.5 %, far below what matters for a classroom map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["EARTH_RADIUS_KM", "distance_km"]

#: Mean Earth radius in km (IUGG mean radius R1 of the WGS 84 ellipsoid).
EARTH_RADIUS_KM = 6371.0088


def _point(value: Sequence[float], name: str) -> tuple[float, float]:
    """Check one ``(lat, lon)`` pair and return it as floats."""
    if isinstance(value, str) or len(value) != 2:
        raise ValueError(
            f"{name} should be a (latitude, longitude) pair in decimal degrees, "
            f"for example (46.05139, 14.50611); got {value!r}"
        )
    try:
        lat, lon = float(value[0]), float(value[1])
    except (TypeError, ValueError):
        raise ValueError(f"{name} should hold two numbers (latitude, longitude); "
                         f"got {value!r}") from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"{name} has a missing or infinite coordinate: {value!r}")
    if not -90 <= lat <= 90:
        raise ValueError(f"{name}: latitude must be between -90 and 90 degrees; got {lat}. "
                         "Did you swap latitude and longitude?")
    if not -180 <= lon <= 180:
        raise ValueError(f"{name}: longitude must be between -180 and 180 degrees; got {lon}")
    return lat, lon


def distance_km(a: Sequence[float], b: Sequence[float]) -> float:
    """Great-circle distance between two points, in kilometres.

    Uses the haversine formula on a sphere of radius :data:`EARTH_RADIUS_KM` (6371.0088 km, the
    mean Earth radius). This is the distance "as the crow flies", not by road.

    Parameters
    ----------
    a, b : sequence of two floats
        ``(latitude, longitude)`` in decimal degrees (WGS 84), latitude first, as in
        ``places.csv`` and in folium.

    Returns
    -------
    float
        The distance in km (not rounded).

    Raises
    ------
    ValueError
        If a point is not a pair of numbers or a coordinate is out of range.

    Examples
    --------
    A quarter of a great circle, from the equator to the North Pole:

    >>> round(distance_km((0, 0), (90, 0)), 1)
    10007.6
    >>> distance_km((46.05139, 14.50611), (46.05139, 14.50611))
    0.0
    >>> round(distance_km((45.97167, 13.74361), (45.69899, 13.93265)))
    34
    """
    lat1, lon1 = _point(a, "a")
    lat2, lon2 = _point(b, "b")
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    h = min(1.0, max(0.0, h))
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
