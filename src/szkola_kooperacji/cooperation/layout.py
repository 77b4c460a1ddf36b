"""Where everything on the cooperation map goes: three columns, gmina | rodzina | powiat i województwo.

Columns instead of rows keep every line in the free gap between the family and one column of
institutions, so no line runs under another institution's box, and a column of 15 boxes stays
readable. Inside a column, institutions are grouped by sector. Coordinates are in SVG pixels
(y down); the SVG and PDF renderers scale them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..domain.codes import LEVEL_LABELS, SECTOR_LABELS, Level, Sector
from ..domain.cooperation import CooperationMap, InstitutionNode, PersonNode
from .styles import SECTOR_STYLES, SectorStyle

WIDTH = 960.0
TOP = 46.0
INSTITUTION_W, INSTITUTION_H = 290.0, 58.0
PERSON_W, PERSON_H = 200.0, 44.0
GAP = 10.0
LEFT_X = 10.0
PERSON_X = (WIDTH - PERSON_W) / 2
RIGHT_X = WIDTH - 10.0 - INSTITUTION_W
MARKER_R = 10.0
FONT_PX = 11.0
CHAR_PX = 6.4
"""Upper estimate of one character's advance at FONT_PX in DejaVu Sans / Arial, for fitting text."""
TEXT_LEFT = 34.0
"""Text starts right of the sector marker inside an institution's box."""
LINE_CHARS = int((INSTITUTION_W - TEXT_LEFT - 8) / CHAR_PX)
LEGEND_ROW = 20.0
ACTION_LINES = 4
"""Lines of the strip under the map where a hovered line's actions are shown (SVG only)."""
ACTION_LINE_PX = 16.0


@dataclass(frozen=True)
class Box:
    """A rectangle in map coordinates."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        """Tell whether two boxes share any area."""
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )


@dataclass(frozen=True)
class PlacedInstitution:
    """An institution's box, its marker and its text lines."""

    node: InstitutionNode
    box: Box
    style: SectorStyle
    lines: tuple[str, ...]

    @property
    def is_new(self) -> bool:
        """True when the contract brings the institution in (it did not help before)."""
        return not self.node.before_contract

    @property
    def tooltip(self) -> str:
        """The full description shown on hover."""
        involvement = "nowa w kontrakcie" if self.is_new else "pomagała rodzinie przed kontraktem"
        if self.node.before_contract and not self.node.in_contract:
            involvement += " (bez działań w kontrakcie)"
        return f"{self.node.label}\n{SECTOR_LABELS[self.node.sector]} · {LEVEL_LABELS[self.node.level]} · {involvement}"


@dataclass(frozen=True)
class PlacedPerson:
    """A household member's box."""

    node: PersonNode
    box: Box
    lines: tuple[str, ...]


@dataclass(frozen=True)
class PlacedEdge:
    """All actions binding one institution to one household member, drawn as one line."""

    institution_id: str
    member_id: str
    start: tuple[float, float]
    end: tuple[float, float]
    actions: tuple[str, ...]

    @property
    def stroke(self) -> float:
        """Line width: thicker for more actions, capped so lines stay apart."""
        return min(1.5 + 1.0 * (len(self.actions) - 1), 5.0)


@dataclass(frozen=True)
class Caption:
    """A text placed at a point (column titles)."""

    text: str
    x: float
    y: float


@dataclass(frozen=True)
class MapLayout:
    """A drawing of the map, ready for a renderer."""

    width: float
    height: float
    institutions: tuple[PlacedInstitution, ...]
    people: tuple[PlacedPerson, ...]
    edges: tuple[PlacedEdge, ...]
    captions: tuple[Caption, ...]
    actions_top: float
    legend_top: float
    legend_sectors: tuple[Sector, ...]
    title: str


def wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """Wrap ``text`` to at most ``max_lines`` lines of ``width`` characters, ending with "…" if cut."""
    lines = textwrap.wrap(" ".join(text.split()), width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return tuple(lines)


def _sector_order(node: InstitutionNode) -> tuple[int, str]:
    return list(Sector).index(node.sector), node.label


def _column(nodes: list[InstitutionNode], x: float, top: float) -> tuple[list[PlacedInstitution], float]:
    placed, y = [], top
    for node in sorted(nodes, key=_sector_order):
        box = Box(x, y, INSTITUTION_W, INSTITUTION_H)
        placed.append(PlacedInstitution(node, box, SECTOR_STYLES[node.sector], wrap(node.label, LINE_CHARS, 3)))
        y += INSTITUTION_H + GAP
    return placed, y


def layout_map(cooperation: CooperationMap) -> MapLayout:
    """Place the family in the middle, gmina institutions left, powiat and region institutions right."""
    by_level = {level: [i for i in cooperation.institutions if i.level == level] for level in Level}
    left, left_bottom = _column(by_level[Level.GMINA], LEFT_X, TOP)
    right, right_bottom = _column(by_level[Level.POWIAT], RIGHT_X, TOP)
    captions = [
        Caption("GMINA", LEFT_X + INSTITUTION_W / 2, TOP - 14),
        Caption("RODZINA", WIDTH / 2, TOP - 14),
        Caption("POWIAT", RIGHT_X + INSTITUTION_W / 2, TOP - 14),
    ]
    if by_level[Level.REGION]:
        region_top = right_bottom + 26 if right else TOP
        captions.append(Caption("WOJEWÓDZTWO", RIGHT_X + INSTITUTION_W / 2, region_top - 12))
        region, right_bottom = _column(by_level[Level.REGION], RIGHT_X, region_top)
        right += region
    people_count = max(len(cooperation.people), 1)
    people_height = people_count * PERSON_H + (people_count - 1) * GAP * 2
    column_height = max(left_bottom, right_bottom, TOP + people_height) - TOP
    person_top = TOP + (column_height - people_height) / 2
    people = [
        PlacedPerson(
            person,
            Box(PERSON_X, person_top + k * (PERSON_H + 2 * GAP), PERSON_W, PERSON_H),
            (wrap(person.label, 20, 1)[0] + (" – klient" if person.is_client else ""), wrap(person.role, 29, 1)[0]),
        )
        for k, person in enumerate(cooperation.people)
    ]
    edges = _edges(cooperation, [*left, *right], people)
    sectors = tuple(s for s in Sector if any(i.node.sector == s for i in [*left, *right]))
    actions_top = TOP + column_height + 14
    legend_top = actions_top + ACTION_LINES * ACTION_LINE_PX + 30
    legend_rows = (len(sectors) + 1) // 2 + 3
    return MapLayout(
        width=WIDTH,
        height=legend_top + legend_rows * LEGEND_ROW + 8,
        institutions=(*left, *right),
        people=tuple(people),
        edges=edges,
        captions=tuple(captions),
        actions_top=actions_top,
        legend_top=legend_top,
        legend_sectors=sectors,
        title="Mapa współpracy instytucji wokół rodziny",
    )


def _edges(
    cooperation: CooperationMap, institutions: list[PlacedInstitution], people: list[PlacedPerson]
) -> tuple[PlacedEdge, ...]:
    """Merge the map's edges per institution and person and attach them to the facing sides."""
    actions: dict[tuple[str, str], list[str]] = {}
    for edge in cooperation.edges:
        labels = actions.setdefault((edge.institution_id, edge.member_id), [])
        label = f"{edge.action_id}: {edge.label}"
        if label not in labels:
            labels.append(label)
    boxes = {p.node.id: p.box for p in institutions}
    person_boxes = {p.node.id: p.box for p in people}
    placed = []
    for (institution_id, member_id), labels in actions.items():
        source, target = boxes.get(institution_id), person_boxes.get(member_id)
        if source is None or target is None:
            continue
        if source.x < target.x:
            start, end = (source.x + source.w, source.y + source.h / 2), (target.x, target.y + target.h / 2)
        else:
            start, end = (source.x, source.y + source.h / 2), (target.x + target.w, target.y + target.h / 2)
        placed.append(PlacedEdge(institution_id, member_id, start, end, tuple(labels)))
    return tuple(placed)


def text_boxes(layout: MapLayout) -> list[tuple[str, Box]]:
    """Return the estimated box of every text line, named by its owner, for overlap checks."""
    found = []
    for institution in layout.institutions:
        b = institution.box
        for k, line in enumerate(institution.lines):
            found.append((institution.node.id, Box(b.x + TEXT_LEFT, b.y + 8 + 15 * k, len(line) * CHAR_PX, 13)))
    for person in layout.people:
        b = person.box
        for k, line in enumerate(person.lines):
            width = len(line) * CHAR_PX
            found.append((person.node.id, Box(b.x + (b.w - width) / 2, b.y + 6 + 16 * k, width, 13)))
    return found


def overlaps(layout: MapLayout) -> list[tuple[str, str]]:
    """Return pairs of things drawn on top of each other: boxes, and text running out of its box."""
    boxes = [(i.node.id, i.box) for i in layout.institutions] + [(p.node.id, p.box) for p in layout.people]
    found = [(a, b) for n, (a, box_a) in enumerate(boxes) for b, box_b in boxes[n + 1 :] if box_a.overlaps(box_b)]
    owners = dict(boxes)
    for owner, text in text_boxes(layout):
        box = owners[owner]
        if text.x < box.x or text.x + text.w > box.x + box.w or text.y + text.h > box.y + box.h:
            found.append((owner, "tekst poza ramką"))
    return found
