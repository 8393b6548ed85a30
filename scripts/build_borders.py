"""Rebuild data/ne_countries.geojson: the offline base layer of the course's maps.

The country outlines come from Natural Earth's Admin 0 countries at 1:50m (public domain), as
redistributed in TopoJSON by the npm package ``world-atlas`` (Natural Earth 4.1.0). This script
needs only the Python standard library: it decodes the TopoJSON, simplifies each shared arc once
(Douglas-Peucker, so neighbours keep a common border), keeps every country that reaches into
:data:`WINDOW` clipped to it, derives the water (the window minus the ``land`` object's rings: seas,
oceans, and the Caspian Sea, a hole in the land), rounds the coordinates and writes a GeoJSON
FeatureCollection, one feature per line (the water first).

The package is NOT a runtime requirement of the course; get it once, with npm's ordinary client:

    cd /tmp && npm pack world-atlas@2.0.2        # writes world-atlas-2.0.2.tgz
    python scripts/build_borders.py /tmp/world-atlas-2.0.2.tgz

(the argument may also be an unpacked ``countries-50m.json``). Options: ``--tolerance`` (degrees,
default 0.05, about 5 km), ``--digits`` (default 2) and ``--out``. The output is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "ne_countries.geojson"
MEMBER = "package/countries-50m.json"

#: The area the maps can show: (west, south, east, north) in degrees. Every country that reaches
#: into it is kept (clipped to it), and the water inside it (seas, the Caspian) becomes one polygon.
WINDOW: tuple[float, float, float, float] = (-12.0, 26.0, 95.0, 68.0)


def read_topology(path: Path) -> tuple[dict, str]:
    """Read the TopoJSON from the npm tarball or a plain JSON file; return it and its sha256."""
    if path.suffix in (".tgz", ".gz"):
        with tarfile.open(path) as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                sys.exit(f"{path}: no {MEMBER} inside; is it the world-atlas npm package?")
            raw = member.read()
    else:
        raw = path.read_bytes()
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Turn quantized, delta-encoded arcs into lists of (lon, lat) in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _perpendicular(p: tuple[float, float], a: tuple[float, float],
                   b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    return abs(dy * px - dx * py + bx * ay - by * ax) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification that always keeps both ends (iterative)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(indices: list[int], arcs: list[list[tuple[float, float]]],
         digits: int) -> list[list[float]]:
    """Stitch arcs (negative index = reversed arc, ~i) into one closed ring."""
    coords: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        coords.extend(arc if not coords else arc[1:])
    out: list[list[float]] = []
    for lon, lat in coords:
        point = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != point:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _polygon(rings: list[list[int]], arcs, digits: int) -> list[list[list[float]]]:
    result = []
    for r in rings:
        coords = ring(r, arcs, digits)
        if len(coords) >= 4:  # a ring that collapsed to a line is dropped
            result.append(coords)
    return result


def clip_ring(points: list[list[float]], window: tuple[float, float, float, float]
              ) -> list[list[float]]:
    """Clip a closed ring to the window rectangle (Sutherland-Hodgman; the window is convex)."""
    west, south, east, north = window
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    out = points[:-1]
    for inside, cross in edges:
        if not out:
            break
        current, out = out, []
        previous = current[-1]
        for point in current:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
    if len(out) < 3:
        return []
    return out + [out[0]]


def _cross_x(a: list[float], b: list[float], x: float) -> list[float]:
    t = (x - a[0]) / (b[0] - a[0])
    return [x, a[1] + t * (b[1] - a[1])]


def _cross_y(a: list[float], b: list[float], y: float) -> list[float]:
    t = (y - a[1]) / (b[1] - a[1])
    return [a[0] + t * (b[0] - a[0]), y]


def _rounded(ring_: list[list[float]], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring_:
        point = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != point:
            out.append(point)
    return out if len(out) >= 4 else []


def _polygons(geom: dict, arcs, digits: int, window) -> list[list[list[list[float]]]]:
    parts = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
    polys = []
    for rings in parts:
        clipped = [_rounded(clip_ring(ring(r, arcs, 12), window), digits) for r in rings]
        if clipped and clipped[0]:  # the outer ring reaches into the window
            polys.append([c for c in clipped if c])
    return polys


def build(topology: dict, tolerance: float, digits: int,
          window: tuple[float, float, float, float] = WINDOW) -> dict:
    """Return the GeoJSON FeatureCollection: the water polygon, then the countries by name.

    The water is the window with every land ring of the topology's ``land`` object cut out
    (even-odd rule: a lake inside land, such as the Caspian Sea, is water again).
    """
    arcs = [simplify(a, tolerance) for a in decode_arcs(topology)]
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        if geom["type"] not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"unexpected geometry type {geom['type']}")
        polys = _polygons(geom, arcs, digits, window)
        if not polys:
            continue
        name = geom.get("properties", {}).get("name", "")
        features.append({
            "type": "Feature",
            "properties": {"kind": "country", "name": name, "iso_n3": geom.get("id", "")},
            "geometry": {"type": "MultiPolygon", "coordinates": polys},
        })
    features.sort(key=lambda f: (f["properties"]["name"], f["properties"]["iso_n3"]))
    west, south, east, north = window
    water = [[[west, south], [east, south], [east, north], [west, north], [west, south]]]
    for geom in topology["objects"]["land"]["geometries"]:
        for poly in _polygons(geom, arcs, digits, window):
            water.extend(poly)
    features.insert(0, {
        "type": "Feature",
        "properties": {"kind": "water", "name": "Seas, oceans and the Caspian Sea", "iso_n3": ""},
        "geometry": {"type": "Polygon", "coordinates": water},
    })
    return {"type": "FeatureCollection", "features": features}


def dump(collection: dict) -> str:
    """Write the collection as compact JSON with one feature per line (readable diffs)."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False)
             for f in collection["features"]]
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path,
                        help="world-atlas-2.0.2.tgz (npm pack world-atlas@2.0.2) or countries-50m.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=0.05,
                        help="simplification tolerance in degrees (default 0.05)")
    parser.add_argument("--digits", type=int, default=2,
                        help="decimal places kept in coordinates (default 2, about 1 km)")
    args = parser.parse_args(argv)
    topology, digest = read_topology(args.source)
    text = dump(build(topology, args.tolerance, args.digits))
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.0f} KB) from input sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
