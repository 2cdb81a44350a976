"""World boundaries for GeoJSON exports and report maps, from vendored Natural Earth data.

``data/world-countries-110m.json`` is world-atlas 2.0.2 (Natural Earth 4.1.0, 1:110m) as
TopoJSON; countries too small for that scale (Singapore, most Pacific island states) are
points in ``data/world-small-countries.json``, derived from the 1:50m file (see
``data/README.md``). Nothing is fetched at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pycountry

Ring = list[tuple[float, float]]
Polygon = list[Ring]

# Not drawn on report maps: no events, and it would take a fifth of the picture.
OMIT_FROM_MAP = {"AQ"}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # Natural Earth's short name
    polygons: tuple[Polygon, ...] = ()
    point: tuple[float, float] | None = None  # (lon, lat) when too small for polygons


def _data(name: str) -> Any:
    return json.loads((resources.files("footprint.publish") / "data" / name).read_text("utf-8"))


def _alpha2(numeric: str | None) -> str | None:
    if not numeric:
        return None  # Natural Earth has no ISO code for Kosovo, N. Cyprus, Somaliland
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_2 if country else None


def _decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """TopoJSON arcs are quantised and delta-encoded; undo both."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 6), round(y * sy + ty, 6)))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for index in indexes:
        # A negative index is the one's complement of an arc to follow backwards.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _polygons(geometry: dict[str, Any], arcs: list[Ring]) -> tuple[Polygon, ...]:
    if geometry["type"] == "Polygon":
        return ([_ring(r, arcs) for r in geometry["arcs"]],)
    if geometry["type"] == "MultiPolygon":
        return tuple([_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"])
    return ()


def _unwrap(ring: Ring) -> Ring:
    """Longitudes made continuous: a step across the antimeridian becomes a small one."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def _clip(ring: Ring, limit: float, keep_below: bool) -> Ring:
    """Sutherland–Hodgman: the part of a ring on one side of the meridian ``limit``."""

    def inside(point: tuple[float, float]) -> bool:
        return point[0] <= limit if keep_below else point[0] >= limit

    out: Ring = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current) != inside(previous):
            t = (limit - previous[0]) / (current[0] - previous[0])
            out.append((limit, round(previous[1] + t * (current[1] - previous[1]), 6)))
        if inside(current):
            out.append(current)
    return out


def _cut_antimeridian(polygon: Polygon) -> list[Polygon]:
    """A polygon crossing ±180° as one polygon per side (GeoJSON asks for this, RFC 7946,
    and a flat map would otherwise draw a line across the world)."""
    rings = [_unwrap(r) for r in polygon]
    if all(-180 <= lon <= 180 for ring in rings for lon, _ in ring):
        return [polygon]
    if abs(rings[0][-1][0] - rings[0][0][0]) > 180:
        return [polygon]  # a ring around a pole (Antarctica): it has no sides to cut into
    pieces = []
    for offset in (-360.0, 0.0, 360.0):
        parts = []
        for ring in rings:
            shifted = [(lon + offset, lat) for lon, lat in ring]
            clipped = _clip(_clip(shifted, 180.0, True), -180.0, False)
            if len(clipped) >= 3:
                parts.append(clipped + [clipped[0]] if clipped[0] != clipped[-1] else clipped)
            elif ring is rings[0]:
                break
        if parts and len(parts[0]) >= 4:
            pieces.append(parts)
    return pieces


@cache
def countries() -> dict[str, Country]:
    """Every country Natural Earth has, by ISO alpha-2 code."""
    topology = _data("world-countries-110m.json")
    arcs = _decode_arcs(topology)
    result: dict[str, Country] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = _alpha2(geometry.get("id"))
        if code:
            name = geometry.get("properties", {}).get("name", code)
            polygons = [p for poly in _polygons(geometry, arcs) for p in _cut_antimeridian(poly)]
            result[code] = Country(code, name, polygons=tuple(polygons))
    for item in _data("world-small-countries.json")["points"]:
        code = _alpha2(item["id"])
        if code and code not in result:
            result[code] = Country(code, item["name"], point=(item["lon"], item["lat"]))
    return result


def geometry(code: str) -> dict[str, Any] | None:
    """A country's GeoJSON geometry (MultiPolygon, or Point for small states)."""
    country = countries().get(code)
    if country is None:
        return None
    if country.point:
        return {"type": "Point", "coordinates": list(country.point)}
    return {
        "type": "MultiPolygon",
        "coordinates": [[[list(p) for p in ring] for ring in poly] for poly in country.polygons],
    }


# -- Equal Earth projection (Šavrič, Patterson & Jenny 2018): equal-area, for choropleths.

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


# The projection's extent: x at lon ±180 on the equator, y at the poles.
X_MAX = equal_earth(180, 0)[0]
Y_MAX = equal_earth(0, 90)[1]
