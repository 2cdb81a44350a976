"""Lay out an actor's neighbourhood for an SVG drawn on the server (no script needed).

The actor sits in the middle; the countries and actors it shares events with sit on a
ring around it, countries first, each sized by its number of events.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

WIDTH, HEIGHT = 820, 560  # room on both sides for labels
RING = 205


def _href(node: dict[str, Any]) -> str:
    if node["kind"] == "country":
        return f"/countries/{node['country']}"
    return "/actors/" + quote(node["label"], safe="")


def _radius(events: int, most: int) -> float:
    return 7 + 17 * math.sqrt(events / most) if most else 7


def layout(network: dict[str, Any]) -> dict[str, Any]:
    nodes = {n["id"]: n for n in network["nodes"]}
    centre = network["centre"]
    if centre not in nodes:
        return {"width": WIDTH, "height": HEIGHT, "nodes": [], "edges": []}
    weight = {
        (e["target"] if e["source"] == centre else e["source"]): e["weight"]
        for e in network["edges"]
        if centre in (e["source"], e["target"])
    }
    ring = sorted(weight, key=lambda n: (nodes[n]["kind"] != "country", -weight[n], n))
    most = max(n["events"] for n in nodes.values())
    cx, half = WIDTH / 2, HEIGHT / 2
    placed: dict[str, dict[str, Any]] = {
        centre: {"x": cx, "y": half, "anchor": "middle", "dy": -30, "centre": True}
    }
    for i, node_id in enumerate(ring):
        angle = 2 * math.pi * i / max(1, len(ring)) - math.pi / 2
        x, y = cx + RING * math.cos(angle), half + RING * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        placed[node_id] = {"x": x, "y": y, "anchor": anchor, "dy": 0, "centre": False}
    out_nodes = []
    for node_id, pos in placed.items():
        node = nodes[node_id]
        r = _radius(node["events"], most)
        dx = {"start": r + 4, "end": -r - 4, "middle": 0}[pos["anchor"]]
        dy = pos["dy"]
        if not dy and pos["anchor"] == "middle":  # label above or below, away from the centre
            dy = r + 14 if pos["y"] > half else -r - 6
        out_nodes.append(
            {
                "id": node_id,
                "label": node["label"],
                "kind": node["kind"],
                "events": node["events"],
                "weight": weight.get(node_id),
                "href": _href(node),
                "x": round(pos["x"], 1),
                "y": round(pos["y"], 1),
                "r": round(r, 1),
                "lx": round(pos["x"] + dx, 1),
                "ly": round(pos["y"] + dy + 4, 1),
                "anchor": pos["anchor"],
                "centre": pos["centre"],
            }
        )
    top = max((e["weight"] for e in network["edges"]), default=1)
    edges = [
        {
            "x1": round(placed[e["source"]]["x"], 1),
            "y1": round(placed[e["source"]]["y"], 1),
            "x2": round(placed[e["target"]]["x"], 1),
            "y2": round(placed[e["target"]]["y"], 1),
            "width": round(1 + 5 * e["weight"] / top, 1),
            "spoke": centre in (e["source"], e["target"]),
            "weight": e["weight"],
        }
        for e in network["edges"]
        if e["source"] in placed and e["target"] in placed
    ]
    return {"width": WIDTH, "height": HEIGHT, "nodes": out_nodes, "edges": edges}
