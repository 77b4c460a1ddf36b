"""The comparison of practice between powiats: types, gaps, and what a case's family would get elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest

from szkola_kooperacji.data.catalog import load_valid_catalog
from szkola_kooperacji.domain.course import Course, CourseLevel, Module
from szkola_kooperacji.domain.directory import Gmina, Institution, InstitutionType, Service, ServiceDirectory
from szkola_kooperacji.domain.powiat_comparison import (
    LONGER_WAIT_DAYS,
    MIN_ANALYSIS_CHARS,
    Availability,
    GapKind,
    analysis_problems,
    case_in_powiat,
    compare_powiats,
    presence,
)
from szkola_kooperacji.domain.progress import Fact, FactKind, ItemKind, ItemState, course_progress

GMINA_TYPES = {InstitutionType.OPS: "pomoc_spoleczna", InstitutionType.POZ: "zdrowie"}


def service(service_id: str, wait: int = 0) -> Service:
    return Service(id=service_id, name=service_id.replace("_", " "), for_whom=["wszyscy"], wait_days=wait)


def institution(
    iid: str, kind: InstitutionType, services: list[Service], *, gmina: str | None = None, bus: bool = True
) -> Institution:
    sector = GMINA_TYPES.get(kind, "pomoc_spoleczna" if kind is not InstitutionType.PUP else "rynek_pracy")
    return Institution(
        id=iid,
        name=f"Instytucja {iid}",
        type=kind,
        sector=sector,
        level="gmina" if gmina else "powiat",
        gmina=gmina,
        reachable_by_bus=bus,
        contact_role="kierownik",
        services=services,
    )


def powiat(
    pid: str, gminas: list[str], institutions: list[Institution], *, comparison: bool = False
) -> ServiceDirectory:
    return ServiceDirectory(
        id=pid,
        powiat=f"powiat {pid}",
        comparison_only=comparison,
        gminas=[Gmina(id=g, name=g.title()) for g in gminas],
        institutions=institutions,
    )


@pytest.fixture
def home() -> ServiceDirectory:
    return powiat(
        "domowy",
        ["a", "b"],
        [
            institution("ops_a", InstitutionType.OPS, [service("praca_socjalna", 3)], gmina="a"),
            institution("ops_b", InstitutionType.OPS, [service("praca_socjalna", 3)], gmina="b"),
            institution("poz_a", InstitutionType.POZ, [service("wizyta", 2)], gmina="a"),
            institution("poz_b", InstitutionType.POZ, [service("wizyta", 2)], gmina="b"),
            institution("oik", InstitutionType.OIK, [service("interwencja_kryzysowa")]),
            institution("pup", InstitutionType.PUP, [service("rejestracja", 1), service("staz", 30)]),
        ],
    )


@pytest.fixture
def other() -> ServiceDirectory:
    return powiat(
        "inny",
        ["x", "y", "z"],
        [
            *(institution(f"ops_{g}", InstitutionType.OPS, [service("praca_socjalna", 3)], gmina=g) for g in "xyz"),
            institution("poz_x", InstitutionType.POZ, [service("wizyta", 2)], gmina="x"),
            institution(
                "pup", InstitutionType.PUP, [service("rejestracja", 1), service("staz", 30 + LONGER_WAIT_DAYS)]
            ),
            institution("dps", InstitutionType.DPS, [service("pobyt")], bus=False),
        ],
        comparison=True,
    )


def test_presence_counts_gminas_and_a_powiat_institution_covers_them_all(home, other):
    poz = presence(other, InstitutionType.POZ)
    assert (poz.institutions, poz.gminas_with, poz.gminas_total, poz.everywhere) == (1, 1, 3, False)
    pup = presence(other, InstitutionType.PUP)
    assert pup.everywhere
    assert pup.services == {"rejestracja", "staz"}
    assert not presence(other, InstitutionType.OIK).present


def test_gaps_name_a_missing_type_a_type_not_in_every_gmina_and_each_side(home, other):
    comparison = compare_powiats([home, other])
    gaps = {(g.powiat, g.type, g.kind) for g in comparison.gaps}
    assert (1, InstitutionType.OIK, GapKind.MISSING) in gaps
    assert (1, InstitutionType.POZ, GapKind.FEWER_GMINAS) in gaps
    assert (0, InstitutionType.DPS, GapKind.MISSING) in gaps  # the home powiat lacks what the other has
    assert not any(g.type is InstitutionType.OPS for g in comparison.gaps)  # every gmina has its OPS on both sides
    oik = next(g for g in comparison.gaps if g.type is InstitutionType.OIK)
    assert "powiat domowy" in oik.text


def test_a_service_missing_from_one_side_is_a_gap_of_services():
    with_more = powiat("p", ["a"], [institution("pup", InstitutionType.PUP, [service("rejestracja"), service("staz")])])
    with_less = powiat("q", ["b"], [institution("pup", InstitutionType.PUP, [service("rejestracja")])])
    (gap,) = compare_powiats([with_more, with_less]).gaps
    assert (gap.powiat, gap.kind) == (1, GapKind.FEWER_SERVICES)
    assert "staz" in gap.text


def test_services_by_sector_count_each_powiat(home, other):
    counts = compare_powiats([home, other]).services_by_sector()
    assert counts["rynek_pracy"] == (2, 2)
    assert counts["pomoc_spoleczna"] == (3, 4)  # OPS a, b + OIK at home; OPS x, y, z + DPS there


def test_a_comparison_needs_two_powiats(home):
    with pytest.raises(ValueError, match="dwóch"):
        compare_powiats([home])


def test_a_case_moved_to_the_other_powiat_loses_what_is_missing_far_or_slower(home, other):
    loaded = load_valid_catalog()
    case = next(iter(loaded.cases.values())).model_copy(deep=True)
    actions = case.reference.contract.actions[:5]
    plan = [
        ("ops_a", "praca_socjalna"),
        ("oik", "interwencja_kryzysowa"),
        ("poz_a", "wizyta"),
        ("pup", "staz"),
        ("pup", "rejestracja"),
    ]
    for action, (iid, sid) in zip(actions, plan, strict=True):
        action.institution_id, action.service_id = iid, sid
    case.reference.contract.actions = actions
    found = {a.action_id: a for a in case_in_powiat(case, home, other)}
    states = [found[a.id].availability for a in actions]
    assert states == [
        Availability.SAME,
        Availability.MISSING,
        Availability.WEAKER,
        Availability.WEAKER,
        Availability.SAME,
    ]
    assert "X" in found[actions[2].id].reason  # the only gmina with a POZ is named
    assert str(30 + LONGER_WAIT_DAYS) in found[actions[3].id].reason


def test_in_the_bundled_data_a_family_loses_exactly_the_types_the_other_powiat_lacks():
    catalog = load_valid_catalog()
    home, other = catalog.directory, catalog.comparison_directories["cisowski"]
    assert home is not None
    absent = {row.type for row in compare_powiats([home, other]).rows if not row.presence[1].present}
    assert absent  # the second powiat is sparser: the comparison has something to show
    for case in catalog.cases.values():
        for moved in case_in_powiat(case, home, other):
            if moved.home.type in absent and not moved.providers:
                assert moved.availability is Availability.MISSING
            if moved.availability is Availability.SAME:
                assert all(p.type is moved.home.type for p in moved.providers)


def test_an_analysis_counts_only_with_a_gap_and_a_proposal():
    enough = "x" * MIN_ANALYSIS_CHARS
    assert analysis_problems(enough, enough) == []
    assert len(analysis_problems(enough, " " * 200)) == 1
    assert len(analysis_problems("", "")) == 2


def test_the_comparison_item_is_done_when_the_analysis_is_saved():
    module = Module(
        id="m", title="M", hours=2, outcomes=["Uczestnik porównuje."], exercises=["e"], comparisons=["inny"]
    )
    course = Course(id="k", title="K", level=CourseLevel.PONADREGIONALNY, audience="Animatorzy", modules=[module])
    day = dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)

    def state(facts: list[Fact]) -> ItemState:
        items = course_progress(course, facts, released=("e",)).modules[0].items
        return next(i for i in items if i.kind is ItemKind.COMPARISON).state

    assert state([]) is ItemState.NOT_STARTED
    assert state([Fact(FactKind.COMPARISON_OPENED, "inny", day)]) is ItemState.IN_PROGRESS
    assert state([Fact(FactKind.COMPARISON_ANALYSED, "inny", day)]) is ItemState.DONE
    assert state([Fact(FactKind.COMPARISON_ANALYSED, "inny-powiat", day)]) is ItemState.NOT_STARTED
