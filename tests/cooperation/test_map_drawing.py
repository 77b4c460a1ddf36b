"""The drawn cooperation map: every node placed by level, sectors told apart without colour, no overlaps."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from reportlab.graphics import renderPDF

from szkola_kooperacji.cooperation.drawing import map_drawing
from szkola_kooperacji.cooperation.layout import LEFT_X, PERSON_X, RIGHT_X, layout_map, overlaps
from szkola_kooperacji.cooperation.styles import SECTOR_STYLES
from szkola_kooperacji.cooperation.svg import map_svg
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.documents.fonts import BOLD, register_fonts
from szkola_kooperacji.domain.codes import Level, Sector
from szkola_kooperacji.domain.cooperation import CooperationMap, InstitutionNode, MapEdge, PersonNode, cooperation_map

CATALOG = load_valid_catalog()
SVG = "{http://www.w3.org/2000/svg}"


def _reference_map(case_id: str) -> CooperationMap:
    case = CATALOG.case(case_id)
    assert CATALOG.directory is not None
    return cooperation_map(case, CATALOG.directory, case.reference.contract)


def test_every_sector_has_its_own_shape_colour_and_tag():
    styles = [SECTOR_STYLES[s] for s in Sector]
    for attribute in ("shape", "colour", "tag"):
        assert len({getattr(s, attribute) for s in styles}) == len(Sector), attribute


@pytest.mark.parametrize("case_id", sorted(CATALOG.cases))
def test_reference_map_places_each_node_in_its_level_column_without_overlaps(case_id: str):
    cooperation = _reference_map(case_id)
    layout = layout_map(cooperation)
    assert overlaps(layout) == []
    assert {i.node.id for i in layout.institutions} == {i.id for i in cooperation.institutions}
    assert {p.node.id for p in layout.people} == {p.id for p in cooperation.people}
    for item in layout.institutions:
        expected_x = LEFT_X if item.node.level == Level.GMINA else RIGHT_X
        assert item.box.x == expected_x, item.node.id
    assert all(p.box.x == PERSON_X for p in layout.people)
    pairs = {(e.institution_id, e.member_id) for e in cooperation.edges}
    assert {(e.institution_id, e.member_id) for e in layout.edges} == pairs
    for edge in layout.edges:
        expected = {
            f"{e.action_id}: {e.label}"
            for e in cooperation.edges
            if (e.institution_id, e.member_id) == (edge.institution_id, edge.member_id)
        }
        assert set(edge.actions) == expected
    shown_sectors = {i.node.sector for i in layout.institutions}
    assert set(layout.legend_sectors) == shown_sectors


def _synthetic(count: int, level: Level) -> CooperationMap:
    sectors = list(Sector)
    institutions = tuple(
        InstitutionNode(
            id=f"i{k}",
            label=f"Instytucja numer {k} o bardzo długiej nazwie, która musi się zawinąć w kilka wierszy "
            "tekstu, a potem jeszcze skrócić wielokropkiem",
            sector=sectors[k % len(sectors)],
            level=level,
            before_contract=k % 3 == 0,
            in_contract=True,
        )
        for k in range(count)
    )
    people = tuple(
        PersonNode(id=f"m{k}", label=f"Osoba {k}.", role="członek rodziny", is_client=k == 0) for k in range(4)
    )
    edges = tuple(
        MapEdge(institution_id=f"i{k}", member_id=f"m{k % 4}", action_id=f"D{k}", label="działanie")
        for k in range(count)
    )
    return CooperationMap(people=people, institutions=institutions, edges=edges)


@pytest.mark.parametrize(
    ("count", "level"), [(3, Level.GMINA), (15, Level.GMINA), (15, Level.POWIAT), (8, Level.REGION)]
)
def test_three_to_fifteen_institutions_in_one_level_do_not_overlap(count: int, level: Level):
    layout = layout_map(_synthetic(count, level))
    assert overlaps(layout) == []
    assert len(layout.institutions) == count
    assert all(len(i.lines) <= 3 for i in layout.institutions)
    assert any(line.endswith("…") for i in layout.institutions for line in i.lines)
    if level == Level.REGION:
        assert "WOJEWÓDZTWO" in {c.text for c in layout.captions}


def test_overlap_check_catches_boxes_drawn_on_each_other():
    layout = layout_map(_synthetic(3, Level.GMINA))
    first, second = layout.institutions[0], layout.institutions[1]
    moved = type(layout)(
        **{
            **layout.__dict__,
            "institutions": (
                first,
                type(second)(second.node, first.box, second.style, second.lines),
                layout.institutions[2],
            ),
        }
    )
    assert ("i0", "i1") in overlaps(moved) or ("i1", "i0") in overlaps(moved)


def test_svg_marks_new_institutions_escapes_text_and_explains_each_line():
    cooperation = _reference_map("przemoc_zagorze_brzozowa_laka")
    hostile = cooperation.model_copy(
        update={
            "people": (
                cooperation.people[0].model_copy(update={"label": '<script>alert(1)</script> & "Ala"'}),
                *cooperation.people[1:],
            ),
            "edges": tuple(e.model_copy(update={"label": "<b>krok</b> & więcej"}) for e in cooperation.edges),
        }
    )
    svg = map_svg(layout_map(hostile))
    root = ET.fromstring(svg)  # well-formed XML: nothing typed broke out of its element
    assert not root.findall(f".//{SVG}script")
    assert "<script>alert" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in svg
    nodes = root.findall(f".//{SVG}g[@class='szk-map-node']")
    assert {n.get("data-id") for n in nodes} == {i.id for i in cooperation.institutions}
    for node in nodes:
        institution = next(i for i in cooperation.institutions if i.id == node.get("data-id"))
        rect = node.find(f"{SVG}rect")
        assert rect is not None
        assert (rect.get("stroke-dasharray") is not None) == (not institution.before_contract)
        assert node.get("data-level") == institution.level.value
    edges = root.findall(f".//{SVG}g[@class='szk-map-edge']")
    assert len(edges) == len({(e.institution_id, e.member_id) for e in cooperation.edges})
    for edge in edges:
        title = edge.find(f"{SVG}title")
        assert title is not None
        assert "<b>krok</b> & więcej" in (title.text or "")
        assert edge.find(f".//{SVG}g[@class='szk-map-actions']") is not None
    captions = root.findall(f".//{SVG}text[@class='szk-map-caption']")  # the column captions get their style
    assert captions
    assert all(c.get("text-anchor") == "middle" for c in captions)


def test_pdf_drawing_renders_with_a_polish_font():
    font = register_fonts()
    drawing = map_drawing(
        layout_map(_reference_map("wielodzietna_bezradnosc_modrzewno")), 480, font_name=font, bold_font=BOLD
    )
    assert drawing.width == 480
    pdf = renderPDF.drawToString(drawing)
    assert pdf.startswith(b"%PDF")
    assert b"DejaVuSans" in pdf
