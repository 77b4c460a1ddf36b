"""The cooperation map as a reportlab drawing, for the PDF contract: same layout, vector, no hover.

reportlab's y axis points up, the layout's down, so every y is flipped here.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors

from ..domain.codes import SECTOR_LABELS
from .layout import MARKER_R, TEXT_LEFT, MapLayout
from .styles import SECTOR_STYLES, Shape, marker_points

INK = colors.HexColor("#222222")
LINE = colors.HexColor("#555555")
PERSON_FILL = colors.HexColor("#F3F3F3")


class _Canvas:
    """Adds shapes to a group in layout coordinates (y down)."""

    def __init__(self, group: Group, height: float, font: str, bold: str) -> None:
        self.group, self.height, self.font, self.bold = group, height, font, bold

    def y(self, value: float) -> float:
        return self.height - value

    def rect(self, x: float, y: float, w: float, h: float, *, dashed: bool = False, **style: object) -> None:
        self.group.add(Rect(x, self.y(y + h), w, h, strokeDashArray=[6, 4] if dashed else None, **style))

    def text(
        self, x: float, y: float, content: str, *, size: float = 11, bold: bool = False, anchor: str = "start"
    ) -> None:
        self.group.add(
            String(
                x,
                self.y(y),
                content,
                fontName=self.bold if bold else self.font,
                fontSize=size,
                textAnchor=anchor,
                fillColor=INK,
            )
        )

    def marker(self, shape: Shape, colour: str, cx: float, cy: float, radius: float) -> None:
        fill = colors.HexColor(colour)
        if shape == Shape.CIRCLE:
            self.group.add(Circle(cx, self.y(cy), radius, fillColor=fill, strokeColor=colors.black, strokeWidth=1))
            return
        points = [c for x, y in marker_points(shape, cx, cy, radius) for c in (x, self.y(y))]
        self.group.add(Polygon(points, fillColor=fill, strokeColor=colors.black, strokeWidth=1))


def map_drawing(
    layout: MapLayout, width: float, *, font_name: str = "Helvetica", bold_font: str | None = None
) -> Drawing:
    """Return the map scaled to ``width`` points; ``font_name`` must cover Polish letters in a real document."""
    scale = width / layout.width
    height = layout.height - (layout.legend_top - layout.actions_top)  # no hover strip on paper
    group = Group(transform=(scale, 0, 0, scale, 0, 0))
    pen = _Canvas(group, height, font_name, bold_font or font_name)
    for caption in layout.captions:
        pen.text(caption.x, caption.y, caption.text, size=12, bold=True, anchor="middle")
    for edge in layout.edges:
        (x1, y1), (x2, y2) = edge.start, edge.end
        group.add(Line(x1, pen.y(y1), x2, pen.y(y2), strokeColor=LINE, strokeWidth=edge.stroke))
    for item in layout.institutions:
        b = item.box
        pen.rect(b.x, b.y, b.w, b.h, dashed=item.is_new, fillColor=colors.white, strokeColor=INK, strokeWidth=1.6)
        pen.marker(item.style.shape, item.style.colour, b.x + 16, b.y + 17, MARKER_R)
        pen.text(b.x + 16, b.y + b.h - 7, item.style.tag, size=9, bold=True, anchor="middle")
        for k, line in enumerate(item.lines):
            pen.text(b.x + TEXT_LEFT, b.y + 18 + 15 * k, line)
    for person in layout.people:
        b = person.box
        pen.rect(
            b.x,
            b.y,
            b.w,
            b.h,
            fillColor=PERSON_FILL,
            strokeColor=INK,
            strokeWidth=3 if person.node.is_client else 1.6,
            rx=20,
            ry=20,
        )
        pen.text(b.x + b.w / 2, b.y + 17, person.lines[0], bold=True, anchor="middle")
        pen.text(b.x + b.w / 2, b.y + 33, person.lines[1], anchor="middle")
    _legend(pen, layout)
    drawing = Drawing(width, height * scale, initialFontName=font_name)  # not Helvetica: no Polish letters
    drawing.add(group)
    return drawing


def _legend(pen: _Canvas, layout: MapLayout) -> None:
    top = layout.actions_top
    pen.text(10, top, "Legenda", bold=True)
    for k, sector in enumerate(layout.legend_sectors):
        x, y = 10 + (k % 2) * 480, top + 20 + (k // 2) * 20
        style = SECTOR_STYLES[sector]
        pen.marker(style.shape, style.colour, x + 8, y - 4, 7)
        pen.text(x + 22, y, f"{style.tag} – {SECTOR_LABELS[sector]}")
    y = top + 20 + ((len(layout.legend_sectors) + 1) // 2) * 20
    pen.rect(10, y - 11, 34, 14, fillColor=colors.white, strokeColor=INK, strokeWidth=1.6)
    pen.text(50, y, "ramka ciągła – instytucja pomagała rodzinie już przed kontraktem")
    pen.rect(10, y + 9, 34, 14, dashed=True, fillColor=colors.white, strokeColor=INK, strokeWidth=1.6)
    pen.text(50, y + 20, "ramka przerywana – instytucję wprowadza dopiero kontrakt")
    pen.group.add(Line(10, pen.y(y + 36), 44, pen.y(y + 36), strokeColor=LINE, strokeWidth=3))
    pen.text(50, y + 40, "linia – działania kontraktu dla tej osoby (grubsza: więcej działań; numery w tabeli)")
