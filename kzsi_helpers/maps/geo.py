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

from kzsi_helpers.i18n.messages import _

__all__ = ["EARTH_RADIUS_KM", "distance_km", "great_circle_points"]

#: Mean Earth radius in km (IUGG mean radius R1 of the WGS 84 ellipsoid).
EARTH_RADIUS_KM = 6371.0088


def _point(value: Sequence[float], name: str) -> tuple[float, float]:
    """Check one ``(lat, lon)`` pair and return it as floats."""
    if isinstance(value, str) or len(value) != 2:
        raise ValueError(
            _("{name} should be a (latitude, longitude) pair in decimal degrees, for example "
              "(46.05139, 14.50611); got {value}").format(name=name, value=repr(value))
        )
    try:
        lat, lon = float(value[0]), float(value[1])
    except (TypeError, ValueError):
        raise ValueError(_("{name} should hold two numbers (latitude, longitude); got "
                           "{value}").format(name=name, value=repr(value))) from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(_("{name} has a missing or infinite coordinate: {value}").format(
            name=name, value=repr(value)))
    if not -90 <= lat <= 90:
        raise ValueError(_("{name}: latitude must be between -90 and 90 degrees; got {lat}. "
                           "Did you swap latitude and longitude?").format(name=name, lat=lat))
    if not -180 <= lon <= 180:
        raise ValueError(_("{name}: longitude must be between -180 and 180 degrees; got "
                           "{lon}").format(name=name, lon=lon))
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


def great_circle_points(
    a: Sequence[float], b: Sequence[float], n: int = 64
) -> list[tuple[float, float]]:
    """Points along the great circle from ``a`` to ``b``, for drawing the shortest route.

    Interpolates on the unit sphere (spherical linear interpolation), so a line through the
    points follows the path whose length :func:`distance_km` gives.

    Parameters
    ----------
    a, b : sequence of two floats
        ``(latitude, longitude)`` in decimal degrees.
    n : int, optional
        Number of segments (the result has ``n + 1`` points); at least 1.

    Returns
    -------
    list of tuple
        ``(lat, lon)`` pairs rounded to 5 decimals, from ``a`` to ``b``.

    Examples
    --------
    >>> great_circle_points((0, 0), (0, 90), n=2)
    [(0.0, 0.0), (0.0, 45.0), (0.0, 90.0)]
    """
    if n < 1:
        raise ValueError(f"n must be at least 1; got {n}")
    lat1, lon1 = (math.radians(v) for v in _point(a, "a"))
    lat2, lon2 = (math.radians(v) for v in _point(b, "b"))
    p1 = (math.cos(lat1) * math.cos(lon1), math.cos(lat1) * math.sin(lon1), math.sin(lat1))
    p2 = (math.cos(lat2) * math.cos(lon2), math.cos(lat2) * math.sin(lon2), math.sin(lat2))
    omega = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(p1, p2, strict=True)))))
    if omega < 1e-12:
        return [(round(math.degrees(lat1), 5), round(math.degrees(lon1), 5))] * (n + 1)
    points = []
    for i in range(n + 1):
        t = i / n
        k1 = math.sin((1 - t) * omega) / math.sin(omega)
        k2 = math.sin(t * omega) / math.sin(omega)
        x, y, z = (k1 * u + k2 * v for u, v in zip(p1, p2, strict=True))
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        lon = math.degrees(math.atan2(y, x))
        points.append((round(lat, 5) + 0.0, round(lon, 5) + 0.0))
    return points
