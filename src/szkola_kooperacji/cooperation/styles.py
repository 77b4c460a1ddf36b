"""How each sector looks on the map: a colour, a shape and a short tag, so that no one needs colour.

Colours are the Okabe–Ito palette (told apart by the common colour-vision deficiencies) plus
greys; the shape and the tag carry the same information for trainees who cannot see colour,
and for black-and-white print.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from ..domain.codes import Sector


class Shape(StrEnum):
    """A marker shape drawn inside an institution's box."""

    CIRCLE = "circle"
    SQUARE = "square"
    DIAMOND = "diamond"
    TRIANGLE = "triangle"
    TRIANGLE_DOWN = "triangle_down"
    HEXAGON = "hexagon"
    PENTAGON = "pentagon"
    STAR = "star"
    CROSS = "cross"
    OCTAGON = "octagon"
    WIDE_RECT = "wide_rect"
    TALL_RECT = "tall_rect"


@dataclass(frozen=True)
class SectorStyle:
    """The look of one sector."""

    tag: str
    colour: str
    shape: Shape


SECTOR_STYLES: dict[Sector, SectorStyle] = {
    Sector.POMOC_SPOLECZNA: SectorStyle("PS", "#E69F00", Shape.CIRCLE),
    Sector.WSPIERANIE_RODZINY: SectorStyle("WR", "#F0E442", Shape.PENTAGON),
    Sector.RYNEK_PRACY: SectorStyle("RP", "#0072B2", Shape.SQUARE),
    Sector.EDUKACJA: SectorStyle("ED", "#56B4E9", Shape.TRIANGLE),
    Sector.ZDROWIE: SectorStyle("ZD", "#009E73", Shape.CROSS),
    Sector.PROFILAKTYKA_UZALEZNIEN: SectorStyle("PU", "#CC79A7", Shape.HEXAGON),
    Sector.BEZPIECZENSTWO: SectorStyle("BP", "#D55E00", Shape.DIAMOND),
    Sector.WYMIAR_SPRAWIEDLIWOSCI: SectorStyle("WS", "#555555", Shape.TRIANGLE_DOWN),
    Sector.ZABEZPIECZENIE_SPOLECZNE: SectorStyle("ZS", "#999999", Shape.OCTAGON),
    Sector.ADMINISTRACJA: SectorStyle("AS", "#BBBBBB", Shape.WIDE_RECT),
    Sector.NGO: SectorStyle("NGO", "#117733", Shape.STAR),
    Sector.KULTURA_SPORT: SectorStyle("KS", "#88CCEE", Shape.TALL_RECT),
}


def _regular(sides: int, rotation: float) -> tuple[tuple[float, float], ...]:
    return tuple(
        (math.cos(rotation + 2 * math.pi * k / sides), math.sin(rotation + 2 * math.pi * k / sides))
        for k in range(sides)
    )


def _star() -> tuple[tuple[float, float], ...]:
    points = []
    for k in range(10):
        radius = 1.0 if k % 2 == 0 else 0.45
        angle = -math.pi / 2 + math.pi * k / 5
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    return tuple(points)


_CROSS = ((-0.35, -1), (0.35, -1), (0.35, -0.35), (1, -0.35), (1, 0.35), (0.35, 0.35), (0.35, 1), (-0.35, 1),
          (-0.35, 0.35), (-1, 0.35), (-1, -0.35), (-0.35, -0.35))  # fmt: skip

UNIT_POLYGONS: dict[Shape, tuple[tuple[float, float], ...]] = {
    Shape.SQUARE: ((-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)),
    Shape.DIAMOND: ((0, -1), (1, 0), (0, 1), (-1, 0)),
    Shape.TRIANGLE: ((0, -1), (1, 0.8), (-1, 0.8)),
    Shape.TRIANGLE_DOWN: ((-1, -0.8), (1, -0.8), (0, 1)),
    Shape.HEXAGON: _regular(6, 0),
    Shape.PENTAGON: _regular(5, -math.pi / 2),
    Shape.OCTAGON: _regular(8, math.pi / 8),
    Shape.STAR: _star(),
    Shape.CROSS: _CROSS,
    Shape.WIDE_RECT: ((-1, -0.5), (1, -0.5), (1, 0.5), (-1, 0.5)),
    Shape.TALL_RECT: ((-0.5, -1), (0.5, -1), (0.5, 1), (-0.5, 1)),
}
"""Polygon corners around (0, 0) with radius 1, y pointing down as in SVG; the circle is drawn as one."""


def marker_points(shape: Shape, cx: float, cy: float, radius: float) -> tuple[tuple[float, float], ...]:
    """Return the corners of ``shape`` centred at (cx, cy); empty for the circle."""
    return tuple((cx + x * radius, cy + y * radius) for x, y in UNIT_POLYGONS.get(shape, ()))
