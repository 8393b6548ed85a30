"""Rebuild data/ne_countries.geojson: the offline base layer of the course's maps.

The country outlines come from Natural Earth's Admin 0 countries at 1:50m (public domain), as
redistributed in TopoJSON by the npm package ``world-atlas`` (Natural Earth 4.1.0). This script
needs only the Python standard library: it decodes the TopoJSON, keeps the countries the maps use,
simplifies each shared arc once (Douglas-Peucker, so neighbours keep a common border), rounds the
coordinates and writes a small GeoJSON FeatureCollection, one feature per line.

The package is NOT a runtime requirement of the course; get it once, with npm's ordinary client:

    cd /tmp && npm pack world-atlas@2.0.2        # writes world-atlas-2.0.2.tgz
    python scripts/build_borders.py /tmp/world-atlas-2.0.2.tgz

(the argument may also be an unpacked ``countries-50m.json``). Options: ``--tolerance`` (degrees,
default 0.01, about 1 km) and ``--out``. The output is byte-for-byte reproducible.
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

#: ISO 3166-1 numeric code (the TopoJSON feature id) -> (alpha-2 code, English name).
#: Slovenia and its four neighbours; Kazakhstan.
COUNTRIES: dict[str, tuple[str, str]] = {
    "705": ("SI", "Slovenia"),
    "380": ("IT", "Italy"),
    "040": ("AT", "Austria"),
    "348": ("HU", "Hungary"),
    "191": ("HR", "Croatia"),
    "398": ("KZ", "Kazakhstan"),
}


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


def build(topology: dict, tolerance: float, digits: int) -> dict:
    """Return the GeoJSON FeatureCollection of the chosen countries."""
    arcs = [simplify(a, tolerance) for a in decode_arcs(topology)]
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        if geom.get("id") not in COUNTRIES:
            continue
        iso_a2, name = COUNTRIES[geom["id"]]
        if geom["type"] == "Polygon":
            polys = [_polygon(geom["arcs"], arcs, digits)]
        elif geom["type"] == "MultiPolygon":
            polys = [_polygon(p, arcs, digits) for p in geom["arcs"]]
        else:
            raise ValueError(f"unexpected geometry type {geom['type']} for {name}")
        polys = [p for p in polys if p]
        features.append({
            "type": "Feature",
            "properties": {"name": name, "iso_a2": iso_a2, "iso_n3": geom["id"]},
            "geometry": {"type": "MultiPolygon", "coordinates": polys},
        })
    missing = set(COUNTRIES) - {f["properties"]["iso_n3"] for f in features}
    if missing:
        raise ValueError(f"countries not found in the topology: {sorted(missing)}")
    features.sort(key=lambda f: f["properties"]["name"])
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
    parser.add_argument("--tolerance", type=float, default=0.01,
                        help="simplification tolerance in degrees (default 0.01)")
    parser.add_argument("--digits", type=int, default=3,
                        help="decimal places kept in coordinates (default 3, about 100 m)")
    args = parser.parse_args(argv)
    topology, digest = read_topology(args.source)
    text = dump(build(topology, args.tolerance, args.digits))
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.0f} KB) from input sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
