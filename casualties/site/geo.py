"""Province outlines for the map: Natural Earth polygons, simplified and named as in COD.

The map is drawn as plain x/y polygons (longitude, latitude), so it needs no base-map tiles
or topojson download: the site works offline. Natural Earth's admin-1 names two features
"Parwan" and two "Uruzgan" (Panjsher and Daykundi); each polygon is therefore named after
the OCHA COD province whose centroid it contains, with the name as fallback.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from functools import cache

from casualties.paths import GAZETTEER

NATURAL_EARTH = GAZETTEER / "afg_adm1_naturalearth.geojson"
COD_PROVINCES = GAZETTEER / "afg_adm1_cod.csv"

TOLERANCE = 0.02  # degrees (about 2 km): invisible at the map's scale, 5x fewer points


@dataclass(frozen=True)
class ProvinceShape:
    province: str  # COD English name, as in the claims table
    pcode: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) outer rings
    centroid: tuple[float, float]  # (lon, lat) from COD


def _perpendicular(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop points closer than ``tolerance`` to the simplified line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            distance = _perpendicular(points[i], points[first], points[last])
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _contains(ring, x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _outer_rings(geometry: dict) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    else:
        polygons = geometry["coordinates"]
    return [[(float(x), float(y)) for x, y, *_ in polygon[0]] for polygon in polygons]


@cache
def province_shapes(tolerance: float = TOLERANCE) -> tuple[ProvinceShape, ...]:
    """The 34 provinces, outlines simplified, sorted by name."""
    with open(COD_PROVINCES, encoding="utf-8", newline="") as handle:
        cod = [
            (r["ADM1_EN"], r["ADM1_PCODE"], float(r["centroid_lon"]), float(r["centroid_lat"]))
            for r in csv.DictReader(handle)
        ]
    by_name = {name.casefold(): (name, pcode, lon, lat) for name, pcode, lon, lat in cod}
    with open(NATURAL_EARTH, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    shapes = []
    for feature in features:
        rings = _outer_rings(feature["geometry"])
        inside = [c for c in cod if any(_contains(ring, c[2], c[3]) for ring in rings)]
        if len(inside) == 1:
            name, pcode, lon, lat = inside[0]
        else:
            match = by_name.get(str(feature["properties"].get("name", "")).casefold())
            if match is None:
                continue
            name, pcode, lon, lat = match
        simplified = tuple(
            tuple((round(x, 3), round(y, 3)) for x, y in simplify(ring, tolerance))
            for ring in rings
        )
        shapes.append(ProvinceShape(name, pcode, simplified, (lon, lat)))
    return tuple(sorted(shapes, key=lambda s: s.province))
