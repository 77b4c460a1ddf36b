"""Safety rules: domestic violence, critical risks, and goals aimed at the person using violence.

Domestic violence and a critical risk are different things. The procedure
„Niebieskie Karty” (ustawa z dnia 29 lipca 2005 r. o przeciwdziałaniu przemocy
domowej, as amended in 2023) applies only where the case shows domestic
violence; a toddler near the road, an older woman's falls or an electricity
debt may be critical too, and call for an immediate safety plan, the family
court or the PCPR, not for a Niebieska Karta.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import CLIENT_SIDE, SEVERITY_LABELS, Art7Reason, ClientGroup, Severity
from ..directory import InstitutionType
from ..findings import ElementKind, Finding, FindingLevel, action_at, need_at, section
from ..parts import Part, ScoreKey
from ..text import shorten
from .context import RuleContext
from .registry import declare

SAFETY_PROCEDURE_MISSING = declare(
    "safety_procedure_missing",
    FindingLevel.BLAD,
    Part.INSTYTUCJE,
    ScoreKey.INSTITUTIONS,
    "Przemoc domowa bez procedury „Niebieskie Karty” (zespół interdyscyplinarny)",
)
CRITICAL_NEED_WITHOUT_PROTECTION = declare(
    "critical_need_without_protection",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.COVERAGE,
    "Potrzeba o pilności krytycznej bez natychmiastowego działania chroniącego",
)
VICTIM_OBLIGED_IN_PERPETRATOR_GOAL = declare(
    "victim_obliged_in_perpetrator_goal",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Zobowiązanie osoby doznającej przemocy w celu dotyczącym osoby stosującej przemoc",
)

DAYS_TO_PROTECT = 14
"""A critical risk needs an action by the worker or an institution within two weeks of the contract's start."""


def shows_domestic_violence(ctx: RuleContext) -> bool:
    """Whether the case shows domestic violence: an art. 7 reason of the case or of a need in the diagnosis."""
    return Art7Reason.PRZEMOC_DOMOWA in ctx.case.art7 or any(
        Art7Reason.PRZEMOC_DOMOWA in need.art7 for need in ctx.diagnosis.needs
    )


def check_safety(ctx: RuleContext) -> Iterator[Finding]:
    """Check the procedure for domestic violence, the first response to critical needs, and who carries what."""
    yield from _check_violence_procedure(ctx)
    yield from _check_critical_needs(ctx)
    yield from _check_perpetrator_goals(ctx)


def _check_violence_procedure(ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.contract.actions or not shows_domestic_violence(ctx):
        return
    has_team = any(
        (i := ctx.institution_of(a)) is not None and i.type == InstitutionType.ZESPOL_INTERDYSCYPLINARNY
        for a in ctx.contract.actions
    )
    if not has_team:
        yield SAFETY_PROCEDURE_MISSING.finding(
            section(ElementKind.DZIALANIA),
            "W rodzinie jest przemoc domowa, a kontrakt nie angażuje zespołu interdyscyplinarnego. Przemoc "
            "domowa wymaga procedury „Niebieskie Karty” (ustawa o przeciwdziałaniu przemocy domowej): wszczyna "
            "ją formularz „Niebieska Karta – A”, który może wypełnić m.in. pracownik socjalny, a grupa "
            "diagnostyczno-pomocowa zespołu interdyscyplinarnego opracowuje z osobą doznającą przemocy plan "
            "pomocy. Dodaj takie działanie obok kontraktu.",
        )


def _check_critical_needs(ctx: RuleContext) -> Iterator[Finding]:
    contract = ctx.contract
    start = contract.period_start
    for need in ctx.diagnosis.needs:
        if need.severity != Severity.KRYTYCZNA:
            continue
        goals = [g for g in contract.goals if need.id in g.need_ids]
        if not goals:
            continue  # need_without_goal already says so
        protective = [
            a
            for g in goals
            for a in contract.actions_for_goal(g.id)
            if a.responsible is not None
            and a.responsible not in CLIENT_SIDE
            and a.start is not None
            and (start is None or (a.start - start).days <= DAYS_TO_PROTECT)
        ]
        if not protective:
            yield CRITICAL_NEED_WITHOUT_PROTECTION.finding(
                need_at(need.id),
                f"Potrzeba {need.id} („{shorten(need.statement)}”) ma pilność "
                f"„{SEVERITY_LABELS[need.severity]}”, a żaden pracownik ani instytucja nie działa w tej sprawie "
                f"w pierwszych {DAYS_TO_PROTECT} dniach kontraktu. Przy zagrożeniu życia lub zdrowia zaplanuj od "
                "razu działanie chroniące: plan bezpieczeństwa spisany z rodziną przez pracownika socjalnego, "
                "zawiadomienie sądu rodzinnego o potrzebie wglądu w sytuację rodziny, gdy zagrożone jest dobro "
                "dziecka, albo wsparcie PCPR lub ośrodka interwencji kryzysowej. Procedura „Niebieskie Karty” "
                "dotyczy tylko przemocy domowej.",
            )


def _check_perpetrator_goals(ctx: RuleContext) -> Iterator[Finding]:
    for goal in ctx.contract.goals:
        if not ctx.aims_at_person_using_violence(goal):
            continue
        for action in ctx.contract.actions_for_goal(goal.id):
            doer = ctx.case.member(action.responsible_member_id) if action.responsible_member_id else None
            if doer is None or action.responsible not in CLIENT_SIDE:
                continue
            if ClientGroup.OSOBY_DOZNAJACE_PRZEMOCY in doer.client_groups():
                yield VICTIM_OBLIGED_IN_PERPETRATOR_GOAL.finding(
                    action_at(action.id),
                    f"Działanie {action.id}: cel {goal.id} dotyczy zachowania osoby stosującej przemoc, a "
                    f"zobowiązanie nakłada na osobę doznającą przemocy ({doer.name}). Osoba doznająca przemocy "
                    "nie odpowiada za zmianę zachowania osoby stosującej przemoc ani za jej leczenie i nie "
                    "powinna jej pilnować. Zostaw w tym celu działania wobec osoby stosującej przemoc "
                    "(zespół interdyscyplinarny, GKRPA, program korekcyjno-edukacyjny), a wsparcie dla osoby "
                    "doznającej przemocy zapisz w celu dotyczącym jej bezpieczeństwa.",
                )
