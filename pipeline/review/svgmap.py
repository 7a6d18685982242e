"""A map of places as inline SVG, drawn from latitude and longitude: no tiles, no network."""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT, MARGIN = 1000, 560, 40
LABELS = 40  # the places with most articles are labelled; every point has a tooltip


def _bounds(points: list[dict]) -> tuple[float, float, float, float]:
    lats = [p["lat"] for p in points] or [35.0, 50.0]
    lons = [p["lon"] for p in points] or [50.0, 90.0]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad_lat, pad_lon = max(2.0, (north - south) * 0.08), max(2.0, (east - west) * 0.08)
    return south - pad_lat, north + pad_lat, west - pad_lon, east + pad_lon


def map_svg(points: list[dict]) -> str:
    """Give an SVG map (equirectangular, scaled by the cosine of the middle latitude) of `points`
    (dicts with name, kind, country, lat, lon, articles), with a graticule every 5 or 10 degrees."""
    south, north, west, east = _bounds(points)
    aspect = math.cos(math.radians((south + north) / 2))
    scale = min((WIDTH - 2 * MARGIN) / ((east - west) * aspect), (HEIGHT - 2 * MARGIN) / (north - south))
    # widen the shorter side so that the points sit in the middle of the whole drawing
    spare_lon = (WIDTH - 2 * MARGIN) / (aspect * scale) - (east - west)
    spare_lat = (HEIGHT - 2 * MARGIN) / scale - (north - south)
    west, east = west - spare_lon / 2, east + spare_lon / 2
    south, north = south - spare_lat / 2, north + spare_lat / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return MARGIN + (lon - west) * aspect * scale, MARGIN + (north - lat) * scale

    parts = [f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'aria-label="Map of {len(points)} places">']  # fmt: skip
    step = 5 if max(east - west, north - south) <= 40 else 10
    for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step):
        (x, _), (_, y1) = xy(north, lon), xy(south, lon)
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{MARGIN}" x2="{x:.1f}" y2="{y1:.1f}"/>')
        parts.append(f'<text class="grid-label" x="{x + 2:.1f}" y="{HEIGHT - 8}">{lon}°E</text>')
    for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step):
        (x0, y), (x1, _) = xy(lat, west), xy(lat, east)
        parts.append(f'<line class="grid" x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="grid-label" x="4" y="{y - 2:.1f}">{lat}°N</text>')
    largest = max((p["articles"] for p in points), default=1)
    ranked = sorted(points, key=lambda p: -p["articles"])
    labelled = {id(p) for p in ranked[:LABELS]}
    placed: list[tuple[float, float]] = []  # label positions: a label that would overlap one is left out
    for p in sorted(points, key=lambda p: -p["articles"]):  # big circles first, small ones on top
        x, y = xy(p["lat"], p["lon"])
        radius = 4 + 14 * math.sqrt(p["articles"] / largest)
        kind = "country" if p["kind"] == "country" else "city"
        name = escape(p["name"])
        parts.append(
            f'<circle class="{kind}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}">'
            f"<title>{name}: {p['articles']} article{'s' if p['articles'] != 1 else ''}</title></circle>"
        )
        if id(p) in labelled and not any(abs(x - lx) < 70 and abs(y - ly) < 13 for lx, ly in placed):
            placed.append((x, y))
            parts.append(f'<text class="label" x="{x + radius + 2:.1f}" y="{y + 4:.1f}">{name}</text>')
    parts.append("</svg>")
    return "".join(parts)
