"""The cooperation map as inline SVG for the dashboard: hover a line to read its actions.

It goes into an ipywidgets HTML view (innerHTML, no scripts), so interaction is CSS only: a
line's actions appear in the caption strip on hover, and every node and line has a <title>
for the browser's own tooltip and screen readers. Every text is XML-escaped.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..domain.codes import SECTOR_LABELS
from .layout import (
    ACTION_LINE_PX,
    ACTION_LINES,
    FONT_PX,
    MARKER_R,
    TEXT_LEFT,
    MapLayout,
    PlacedEdge,
    PlacedInstitution,
    PlacedPerson,
)
from .styles import SECTOR_STYLES, Shape, marker_points

STYLE = """
.szk-map { font-family: 'DejaVu Sans', Arial, sans-serif; }
.szk-map text { font-size: 11px; fill: #1a1a1a; }
.szk-map .szk-map-caption { font-size: 12px; font-weight: bold; letter-spacing: 1px; fill: #444; }
.szk-map .szk-map-edge line.szk-map-hit { stroke: transparent; stroke-width: 12; }
.szk-map .szk-map-edge line.szk-map-line { stroke: #3b3b3b; stroke-opacity: 0.7; }
.szk-map .szk-map-edge:hover line.szk-map-line { stroke: #000; stroke-opacity: 1; }
.szk-map .szk-map-edge .szk-map-actions { visibility: hidden; }
.szk-map .szk-map-edge:hover .szk-map-actions { visibility: visible; }
.szk-map .szk-map-actions rect { fill: #fffbe6; stroke: #444; }
.szk-map .szk-map-hint { font-style: italic; fill: #555; }
"""


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    # class_ stands for "class" (a Python keyword); other underscores are SVG's hyphens (text_anchor).
    extra = "".join(f" {k.rstrip('_').replace('_', '-')}={quoteattr(v)}" for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


def marker_svg(shape: Shape, colour: str, cx: float, cy: float, radius: float) -> str:
    """Return one sector marker: the shape filled with the sector's colour, outlined in black."""
    if shape == Shape.CIRCLE:
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="{colour}" stroke="#000" stroke-width="1"/>'
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in marker_points(shape, cx, cy, radius))
    return f'<polygon points="{points}" fill="{colour}" stroke="#000" stroke-width="1"/>'


def _institution(item: PlacedInstitution) -> str:
    b, node = item.box, item.node
    dash = ' stroke-dasharray="6 4"' if item.is_new else ""
    parts = [
        f'<g class="szk-map-node" data-id={quoteattr(node.id)} data-sector="{node.sector.value}" '
        f'data-level="{node.level.value}" data-new="{int(item.is_new)}">',
        f"<title>{escape(item.tooltip)}</title>",
        f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" rx="4" fill="#fff" '
        f'stroke="#222" stroke-width="1.6"{dash}/>',
        marker_svg(item.style.shape, item.style.colour, b.x + 16, b.y + 17, MARKER_R),
        _text(b.x + 16, b.y + b.h - 7, item.style.tag, text_anchor="middle", font_size="9", font_weight="bold"),
    ]
    parts += [_text(b.x + TEXT_LEFT, b.y + 18 + 15 * k, line) for k, line in enumerate(item.lines)]
    parts.append("</g>")
    return "".join(parts)


def _person(item: PlacedPerson) -> str:
    b = item.box
    width = "3" if item.node.is_client else "1.6"
    return (
        f'<g class="szk-map-person" data-id={quoteattr(item.node.id)}>'
        f"<title>{escape(item.node.label)} – {escape(item.node.role)}</title>"
        f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" rx="20" fill="#f3f3f3" '
        f'stroke="#222" stroke-width="{width}"/>'
        + _text(b.x + b.w / 2, b.y + 17, item.lines[0], text_anchor="middle", font_weight="bold")
        + _text(b.x + b.w / 2, b.y + 33, item.lines[1], text_anchor="middle")
        + "</g>"
    )


def _edge(edge: PlacedEdge, layout: MapLayout, names: dict[str, str]) -> str:
    (x1, y1), (x2, y2) = edge.start, edge.end
    line = f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
    title = f"{names.get(edge.institution_id, '')} → {names.get(edge.member_id, '')}\n" + "\n".join(edge.actions)
    limit = ACTION_LINES - 1
    shown = edge.actions[:limit] + ((f"… i jeszcze {len(edge.actions) - limit}",) if len(edge.actions) > limit else ())
    box_top = layout.actions_top + 6
    route = f"{names.get(edge.institution_id, '')} → {names.get(edge.member_id, '')}"
    lines = "".join(
        _text(18, box_top + ACTION_LINE_PX * (k + 1), text, font_weight="bold" if k == 0 else "normal")
        for k, text in enumerate((route, *shown))
    )
    return (
        f'<g class="szk-map-edge" data-institution={quoteattr(edge.institution_id)} '
        f"data-member={quoteattr(edge.member_id)}>"
        f"<title>{escape(title)}</title>"
        f'<line class="szk-map-line" {line} stroke-width="{edge.stroke:.1f}"/>'
        f'<line class="szk-map-hit" {line}/>'
        f'<g class="szk-map-actions"><rect x="10" y="{box_top:.1f}" width="{layout.width - 20:.1f}" '
        f'height="{ACTION_LINE_PX * (len(shown) + 1) + 8:.1f}" rx="3"/>{lines}</g>'
        "</g>"
    )


def _legend(layout: MapLayout) -> str:
    top = layout.legend_top
    parts = [_text(10, top, "Legenda", font_weight="bold")]
    for k, sector in enumerate(layout.legend_sectors):
        x, y = 10 + (k % 2) * 480, top + 20 + (k // 2) * 20
        style = SECTOR_STYLES[sector]
        parts.append(marker_svg(style.shape, style.colour, x + 8, y - 4, 7))
        parts.append(_text(x + 22, y, f"{style.tag} – {SECTOR_LABELS[sector]}"))
    y = top + 20 + ((len(layout.legend_sectors) + 1) // 2) * 20
    parts += [
        f'<rect x="10" y="{y - 11:.1f}" width="34" height="14" fill="#fff" stroke="#222" stroke-width="1.6"/>',
        _text(50, y, "ramka ciągła – instytucja pomagała rodzinie już przed kontraktem"),
        f'<rect x="10" y="{y + 9:.1f}" width="34" height="14" fill="#fff" stroke="#222" stroke-width="1.6" '
        'stroke-dasharray="6 4"/>',
        _text(50, y + 20, "ramka przerywana – instytucję wprowadza dopiero kontrakt"),
        f'<line x1="10" y1="{y + 36:.1f}" x2="44" y2="{y + 36:.1f}" stroke="#3b3b3b" stroke-width="3"/>',
        _text(50, y + 40, "linia – działanie kontraktu dla tej osoby (grubsza: więcej działań)"),
    ]
    return "".join(parts)


def map_svg(layout: MapLayout) -> str:
    """Return the map as one <svg> element, scaling to the width of its container."""
    names = {i.node.id: i.node.label for i in layout.institutions} | {p.node.id: p.node.label for p in layout.people}
    hint = (
        "Najedź na linię, aby zobaczyć działania."
        if layout.edges
        else "Kontrakt nie ma jeszcze działań z instytucjami."
    )
    body = [
        f"<style>{STYLE}</style>",
        f"<title>{escape(layout.title)}</title>",
        "<desc>Rodzina w środku, po lewej instytucje gminne, po prawej powiatowe i wojewódzkie; "
        "kształt i skrót oznaczają sektor.</desc>",
        *(_text(c.x, c.y, c.text, class_="szk-map-caption", text_anchor="middle") for c in layout.captions),
        *(_edge(e, layout, names) for e in layout.edges),
        *(_institution(i) for i in layout.institutions),
        *(_person(p) for p in layout.people),
        _text(10, layout.actions_top, hint, class_="szk-map-hint"),
        _legend(layout),
    ]
    return (
        f'<svg class="szk-map" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {layout.width:.0f} '
        f'{layout.height:.0f}" width="100%" style="max-width:{layout.width:.0f}px" font-size="{FONT_PX:.0f}">'
        + "".join(body)
        + "</svg>"
    )
