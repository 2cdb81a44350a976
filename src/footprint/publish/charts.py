"""Charts as inline SVG, drawn on the server: a world choropleth and bar charts over years.

Plain SVG (no scripts, no external resources), so a report is one self-contained file and
renders the same in a browser and in the PDF engine.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from html import escape

from footprint import codebook
from footprint.publish import geo

# One colour per event type (Tableau 10, reordered so pushback is the red).
TYPE_COLOURS = {
    "training": "#4e79a7",
    "agreement": "#f28e2b",
    "joint_patrol": "#59a14f",
    "overseas_station": "#b07aa1",
    "technology_transfer": "#76b7b2",
    "extradition": "#edc948",
    "forum": "#9c755f",
    "pushback": "#e15759",
    "legal_adoption": "#ff9da7",
}
OTHER_COLOUR = "#bab0ac"
# Sequential blues for event counts (ColorBrewer PuBu), grey for none, gold for providers.
SCALE = ("#bdc9e1", "#74a9cf", "#3690c0", "#0570b0", "#034e7b")
NO_DATA = "#e6e8eb"
PROVIDER = "#d9a441"
INK = "#1d2733"
MUTED = "#5f6b7a"
FONT = "font-family=\"'Liberation Sans', Arial, Helvetica, sans-serif\""

# Latitudes shown: Antarctica and the far north add nothing to a map of cooperation.
LAT_TOP, LAT_BOTTOM = 83.7, -56.0


def type_colour(key: str) -> str:
    return TYPE_COLOURS.get(key, OTHER_COLOUR)


def type_label(key: str) -> str:
    event_type = codebook.load().event_types.get(key)
    return event_type.label if event_type else key


# -- world map -------------------------------------------------------------------------


def bins(maximum: int) -> list[tuple[int, int]]:
    """Up to five classes of counts, each (low, high), growing roughly geometrically."""
    if maximum <= 0:
        return []
    if maximum <= len(SCALE):
        return [(n, n) for n in range(1, maximum + 1)]
    ratio = maximum ** (1 / len(SCALE))
    edges = [1]
    while len(edges) < len(SCALE):
        edge = max(edges[-1] + 1, math.ceil(edges[-1] * ratio))
        if edge > maximum:
            break
        edges.append(edge)
    return [(low, high - 1) for low, high in zip(edges, edges[1:], strict=False)] + [
        (edges[-1], maximum)
    ]


def _colour(count: int, classes: list[tuple[int, int]]) -> str:
    if count <= 0 or not classes:
        return NO_DATA
    palette = SCALE[len(SCALE) - len(classes) :]
    for (low, high), colour in zip(classes, palette, strict=False):
        if low <= count <= high:
            return colour
    return palette[-1]


class _Frame:
    """Equal Earth coordinates to SVG pixels for a map ``width`` wide."""

    def __init__(self, width: float) -> None:
        self.scale = width / (2 * geo.X_MAX)
        self.width = width
        self.top = geo.equal_earth(0, LAT_TOP)[1]
        self.height = (self.top - geo.equal_earth(0, LAT_BOTTOM)[1]) * self.scale

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = geo.equal_earth(lon, lat)
        return (x + geo.X_MAX) * self.scale, (self.top - y) * self.scale


def _path(polygons: Iterable[geo.Polygon], frame: _Frame) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points, last = [], None
            for lon, lat in ring:
                x, y = frame.point(lon, max(LAT_BOTTOM - 10, lat))
                here = (round(x, 1), round(y, 1))
                if here != last:  # points closer than a tenth of a pixel add only bytes
                    points.append(here)
                    last = here
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def world_map(
    counts: dict[str, int],
    *,
    providers: Iterable[str] = (),
    highlight: str | None = None,
    width: int = 960,
    title: str = "Events per recipient country",
) -> str:
    """A choropleth of event counts per country, providers in gold, with a legend."""
    frame = _Frame(width)
    classes = bins(max(counts.values(), default=0))
    providers = set(providers) - set(counts)
    legend_height = 34
    height = round(frame.height + legend_height)
    shapes, dots = [], []
    for code, country in sorted(geo.countries().items()):
        if code in geo.OMIT_FROM_MAP:
            continue
        count = counts.get(code, 0)
        fill = PROVIDER if code in providers else _colour(count, classes)
        label = f"{country.name}: provider" if code in providers else f"{country.name}: {count}"
        stroke = ' stroke="#1d2733" stroke-width="1.6"' if code == highlight else ""
        if country.point:
            if count or code in providers or code == highlight:
                dots.append(_dot(*frame.point(*country.point), fill, label))
            continue
        shapes.append(
            f'<path d="{_path(country.polygons, frame)}" fill="{fill}"{stroke}>'
            f"<title>{escape(label)}</title></path>"
        )
        if count and _tiny(country.polygons, frame):
            # Island states vanish at this scale: mark them with a dot as well.
            dots.append(_dot(*_centre(country.polygons, frame), fill, label))
    legend = _map_legend(classes, bool(providers), frame.height + 8)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart map" role="img" aria-label="{escape(title)}" {FONT}>'
        f"<title>{escape(title)}</title>"
        f'<g stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round">{"".join(shapes)}</g>'
        f"<g>{''.join(dots)}</g>{legend}</svg>"
    )


def _dot(x: float, y: float, fill: str, label: str) -> str:
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}" stroke="{INK}" '
        f'stroke-width="0.8"><title>{escape(label)}</title></circle>'
    )


def _tiny(polygons: tuple[geo.Polygon, ...], frame: _Frame, pixels: float = 40.0) -> bool:
    """Whether a country's largest part covers less than ``pixels`` square pixels."""
    largest = 0.0
    for polygon in polygons:
        xs, ys = zip(*(frame.point(lon, lat) for lon, lat in polygon[0]), strict=True)
        largest = max(largest, (max(xs) - min(xs)) * (max(ys) - min(ys)))
    return largest < pixels


def _centre(polygons: tuple[geo.Polygon, ...], frame: _Frame) -> tuple[float, float]:
    """Middle of the bounding box of a country's largest part."""
    best = max(polygons, key=lambda p: len(p[0]))
    xs, ys = zip(*(frame.point(lon, lat) for lon, lat in best[0]), strict=True)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _map_legend(classes: list[tuple[int, int]], provider: bool, top: float) -> str:
    items = [(NO_DATA, "none")]
    palette = SCALE[len(SCALE) - len(classes) :]
    for (low, high), colour in zip(classes, palette, strict=False):
        items.append((colour, str(low) if low == high else f"{low}–{high}"))
    if provider:
        items.append((PROVIDER, "provider"))
    parts, x = [], 0.0
    parts.append(
        f'<text x="0" y="{top + 14:.1f}" font-size="13" fill="{MUTED}">Events per country</text>'
    )
    x = 140.0
    for colour, text in items:
        parts.append(
            f'<rect x="{x:.1f}" y="{top + 3:.1f}" width="16" height="14" rx="2" fill="{colour}" '
            f'stroke="#c4c9d0" stroke-width="0.5"/>'
            f'<text x="{x + 21:.1f}" y="{top + 14:.1f}" font-size="13" fill="{INK}">'
            f"{escape(text)}</text>"
        )
        x += 30 + 7.5 * len(text) + 8
    return "<g>" + "".join(parts) + "</g>"


# -- bar charts over years -------------------------------------------------------------


def nice_ticks(maximum: float, count: int = 4) -> list[int]:
    """Round axis ticks from 0 to at least ``maximum``."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step)) if step >= 1 else 1
    ticks = [0]
    while ticks[-1] < maximum:
        ticks.append(ticks[-1] + step)
    return ticks


def _number(value: int) -> str:
    return f"{value:,}"


def year_bars(
    stacks: dict[int, dict[str, int]],
    *,
    order: list[str],
    colours: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
    width: int = 960,
    height: int = 250,
    title: str = "Events per year",
    show_totals: bool = True,
) -> str:
    """Stacked bars per year (every year between the first and last shown), a legend."""
    if not stacks:
        return ""
    colours = colours or {k: type_colour(k) for k in order}
    labels = labels or {k: type_label(k) for k in order}
    years = list(range(min(stacks), max(stacks) + 1))
    totals = {y: sum(stacks.get(y, {}).values()) for y in years}
    ticks = nice_ticks(max(totals.values()))
    left, right, top, bottom = 56, 12, 18, 28
    present = [k for k in order if any(k in s for s in stacks.values())]
    legend_rows = math.ceil(len(present) / 5) if len(present) > 1 else 0
    plot_h = height - top - bottom
    plot_w = width - left - right
    full = height + 8 + 22 * legend_rows
    slot = plot_w / len(years)
    bar = min(slot * 0.72, 46)
    y_of = lambda v: top + plot_h * (1 - v / ticks[-1])  # noqa: E731
    parts = []
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{"#9aa3ad" if tick == 0 else "#e3e6ea"}" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
            f'fill="{MUTED}">{_number(tick)}</text>'
        )
    label_every = max(1, math.ceil(len(years) / (plot_w / 44)))
    for i, year in enumerate(years):
        x = left + slot * i + (slot - bar) / 2
        base = 0
        for key in order:
            value = stacks.get(year, {}).get(key, 0)
            if not value:
                continue
            y0, y1 = y_of(base), y_of(base + value)
            parts.append(
                f'<rect x="{x:.1f}" y="{y1:.1f}" width="{bar:.1f}" height="{y0 - y1:.1f}" '
                f'fill="{colours.get(key, OTHER_COLOUR)}"><title>{year}: '
                f"{escape(labels.get(key, key))} {_number(value)}</title></rect>"
            )
            base += value
        if show_totals and totals[year]:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{y_of(base) - 4:.1f}" font-size="11" '
                f'text-anchor="middle" fill="{INK}">{_number(totals[year])}</text>'
            )
        if i % label_every == 0 or year == years[-1]:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 8}" font-size="12" '
                f'text-anchor="middle" fill="{MUTED}">{year}</text>'
            )
    parts.append(_bar_legend(order, stacks, colours, labels, height + 8, left))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {full}" '
        f'class="chart bars" role="img" aria-label="{escape(title)}" {FONT}>'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def _bar_legend(order, stacks, colours, labels, top, left) -> str:
    present = [k for k in order if any(k in s for s in stacks.values())]
    if len(present) <= 1:
        return ""
    parts = []
    for i, key in enumerate(present):
        x, y = left + (i % 5) * 176, top + (i // 5) * 22
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" rx="2" '
            f'fill="{colours.get(key, OTHER_COLOUR)}"/>'
            f'<text x="{x + 20}" y="{y + 12}" font-size="13" fill="{INK}">'
            f"{escape(labels.get(key, key))}</text>"
        )
    return "<g>" + "".join(parts) + "</g>"
