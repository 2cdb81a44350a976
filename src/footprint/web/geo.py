"""World boundaries for the map, keyed by ISO 3166-1 alpha-2 like everything else.

The vendored world-atlas file (Natural Earth 1:50m, public domain) keys countries by
numeric ISO 3166-1 code; this turns those into alpha-2 once, with pycountry, and keeps
the result in memory.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import pycountry

WORLD = "static/vendor/world-atlas/countries-50m.json"


def alpha2(numeric: str | None) -> str | None:
    if not numeric:
        return None
    country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return country.alpha_2 if country else None


@cache
def world_topojson() -> bytes:
    topology = json.loads(resources.files("footprint.web").joinpath(WORLD).read_text("utf-8"))
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry.get("id"))
        # Areas without an ISO code (Kosovo, Somaliland...) are drawn but not selectable.
        if code:
            geometry["id"] = code
        else:
            geometry.pop("id", None)
    return json.dumps(topology, separators=(",", ":")).encode()
