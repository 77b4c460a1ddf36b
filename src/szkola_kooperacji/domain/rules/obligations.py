"""Responsibility rules: every action has a doer, the family carries its own share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..codes import CLIENT_SIDE, Responsible
from ..contract import Action
from ..findings import ElementKind, Finding, FindingLevel, action_at, goal_at, section
from ..parts import Part, ScoreKey
from ..text import stems
from .context import RuleContext
from .registry import declare

MIN_CLIENT_ACTIONS = 2
MIN_SHARED_STEMS_WITH_WISHES = 1
"""A goal sharing this many word stems with one of the family's wishes is taken to reflect it."""
MAX_ACTIONS_PER_PERSON = 6
"""More actions open at the same time than this for one family member is more than a person in crisis can carry."""

ACTION_WITHOUT_RESPONSIBLE = declare(
    "action_without_responsible", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.FORMAL, "Działanie bez wykonawcy"
)
ACTION_RESPONSIBLE_MEMBER_MISSING = declare(
    "action_responsible_member_missing",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Działanie rodziny bez wskazanej osoby",
)
ACTION_RESPONSIBLE_MEMBER_UNKNOWN = declare(
    "action_responsible_member_unknown",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Działanie wykonuje osoba spoza rodziny",
)
ACTION_INSTITUTION_MISSING = declare(
    "action_institution_missing",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.FORMAL,
    "Działanie instytucji bez wskazanej instytucji",
)
CLIENT_WITHOUT_OBLIGATIONS = declare(
    "client_without_obligations",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Kontrakt bez zobowiązań klienta i rodziny",
)
CLIENT_FEW_OBLIGATIONS = declare(
    "client_few_obligations",
    FindingLevel.OSTRZEZENIE,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Tylko jedno zobowiązanie rodziny",
)
GOAL_WITHOUT_CLIENT_ACTION = declare(
    "goal_without_client_action",
    FindingLevel.OSTRZEZENIE,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Cel realizowany wyłącznie przez instytucje",
)
SOCIAL_WORKER_WITHOUT_ACTIONS = declare(
    "social_worker_without_actions",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Kontrakt bez działań pracownika socjalnego",
)
MEMBER_OVERLOADED = declare(
    "member_overloaded",
    FindingLevel.OSTRZEZENIE,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Zbyt wiele zobowiązań jednej osoby w tym samym czasie",
)
STRENGTHS_UNUSED = declare(
    "strengths_unused",
    FindingLevel.OSTRZEZENIE,
    Part.KONTRAKT,
    ScoreKey.OBLIGATIONS,
    "Żadne działanie nie korzysta z zasobów rodziny",
)
ACTION_UNKNOWN_STRENGTH = declare(
    "action_unknown_strength", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.FORMAL, "Działanie wskazuje nieznane zasoby"
)
GOAL_WITHOUT_INDICATOR = declare(
    "goal_without_indicator", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.MEASURABLE, "Cel bez wskaźnika"
)
GOAL_WITHOUT_TARGET = declare(
    "goal_without_target",
    FindingLevel.OSTRZEZENIE,
    Part.KONTRAKT,
    ScoreKey.MEASURABLE,
    "Wskaźnik bez wartości docelowej",
)
FAMILY_WISHES_NOT_IN_GOALS = declare(
    "family_wishes_not_in_goals",
    FindingLevel.WSKAZOWKA,
    Part.KONTRAKT,
    ScoreKey.COVERAGE,
    "Cele nie nawiązują do oczekiwań rodziny",
)


def check_responsibility(ctx: RuleContext) -> Iterator[Finding]:
    """Check that each action says who does it, and that this party is known."""
    known = {m.id for m in ctx.case.members}
    for action in ctx.contract.actions:
        element = action_at(action.id)
        if action.responsible is None:
            yield ACTION_WITHOUT_RESPONSIBLE.finding(
                element,
                f"Działanie {action.id} nie ma osoby ani instytucji odpowiedzialnej. Wskaż, kto je wykona.",
            )
        elif action.responsible in CLIENT_SIDE:
            if action.responsible_member_id is None:
                yield ACTION_RESPONSIBLE_MEMBER_MISSING.finding(
                    element,
                    f"Działanie {action.id}: wskaż, który członek rodziny je wykona.",
                )
            elif action.responsible_member_id not in known:
                yield ACTION_RESPONSIBLE_MEMBER_UNKNOWN.finding(
                    element,
                    (
                        f"Działanie {action.id}: osoba „{action.responsible_member_id}” nie należy do rodziny "
                        "z tego przypadku."
                    ),
                )
        elif action.responsible == Responsible.INSTYTUCJA and action.institution_id is None:
            yield ACTION_INSTITUTION_MISSING.finding(
                element,
                f"Działanie {action.id} ma wykonać instytucja, ale nie wskazano której. Wybierz ją z Listy.",
            )


def check_client_obligations(ctx: RuleContext) -> Iterator[Finding]:
    """Check that the client and family have obligations of their own, spread over goals."""
    contract = ctx.contract
    if not contract.actions:
        return
    client_actions = [a for a in contract.actions if a.responsible in CLIENT_SIDE]
    if not client_actions:
        yield CLIENT_WITHOUT_OBLIGATIONS.finding(
            section(ElementKind.DZIALANIA),
            (
                "Kontrakt nie zawiera żadnego zobowiązania klienta ani członków rodziny. Kontrakt socjalny "
                "określa obowiązki obu stron: dodaj działania, które wykona sama rodzina."
            ),
        )
    elif len(client_actions) < MIN_CLIENT_ACTIONS:
        yield CLIENT_FEW_OBLIGATIONS.finding(
            section(ElementKind.DZIALANIA),
            "Rodzina ma tylko jedno zobowiązanie. Zwykle potrzeba co najmniej dwóch działań klienta.",
        )
    for goal in contract.goals:
        actions = contract.actions_for_goal(goal.id)
        if (
            actions
            and not any(a.responsible in CLIENT_SIDE for a in actions)
            and not ctx.aims_at_person_using_violence(goal)
        ):
            yield GOAL_WITHOUT_CLIENT_ACTION.finding(
                goal_at(goal.id),
                f"Cel {goal.id} realizują same instytucje. Dodaj, co w tym celu zrobi klient lub rodzina.",
            )
    yield from _check_overload(ctx, client_actions)
    if not any(a.uses_strength_ids for a in contract.actions):
        yield STRENGTHS_UNUSED.finding(
            section(ElementKind.DZIALANIA),
            (
                "Żadne działanie nie opiera się na zasobach rodziny. Wskaż, z której mocnej strony "
                "korzysta przynajmniej jedno działanie."
            ),
        )
    known_strengths = {s.id for s in ctx.case.strengths}
    for action in contract.actions:
        unknown = sorted(set(action.uses_strength_ids) - known_strengths)
        if unknown:
            yield ACTION_UNKNOWN_STRENGTH.finding(
                action_at(action.id),
                f"Działanie {action.id} wskazuje zasoby, których nie ma w przypadku: {', '.join(unknown)}.",
            )


def check_worker_actions(ctx: RuleContext) -> Iterator[Finding]:
    """Check that the social worker, the other party of the contract, has actions of their own."""
    actions = ctx.contract.actions
    if actions and not any(a.responsible == Responsible.PRACOWNIK_SOCJALNY for a in actions):
        yield SOCIAL_WORKER_WITHOUT_ACTIONS.finding(
            section(ElementKind.DZIALANIA),
            "Kontrakt nie zawiera działań pracownika socjalnego. Kontrakt socjalny określa zobowiązania obu "
            "stron (art. 6 ustawy o pomocy społecznej): dodaj, co zrobi sam pracownik socjalny, np. regularne "
            "spotkania i monitoring, pomoc w sprawach urzędowych, plan bezpieczeństwa, kontakt z instytucjami "
            "za zgodą rodziny.",
        )


def _busiest_day(actions: list[Action], start: dt.date, end: dt.date) -> tuple[int, dt.date]:
    """Return the most actions open on one day, and the first such day (undated actions span the period)."""
    events: list[tuple[dt.date, int]] = []
    for action in actions:
        events.append((action.start or start, 1))
        events.append(((action.due or end) + dt.timedelta(days=1), -1))
    best, best_day, open_now = 0, start, 0
    for day, change in sorted(events, key=lambda e: (e[0], e[1])):
        open_now += change
        if open_now > best:
            best, best_day = open_now, day
    return best, best_day


def _check_overload(ctx: RuleContext, client_actions: list[Action]) -> Iterator[Finding]:
    contract = ctx.contract
    start = contract.period_start or dt.date.min
    end = contract.period_end or dt.date.max - dt.timedelta(days=1)
    by_member: dict[str, list[Action]] = {}
    for action in client_actions:
        if action.responsible_member_id:
            by_member.setdefault(action.responsible_member_id, []).append(action)
    for member_id, actions in sorted(by_member.items()):
        count, day = _busiest_day(actions, start, end)
        if count > MAX_ACTIONS_PER_PERSON:
            member = ctx.case.member(member_id)
            name = member.name if member else member_id
            yield MEMBER_OVERLOADED.finding(
                section(ElementKind.DZIALANIA),
                f"{name} ma naraz {count} zobowiązań (np. {day.strftime('%d.%m.%Y')}). Więcej niż "
                f"{MAX_ACTIONS_PER_PERSON} jednocześnie to zwykle za dużo dla osoby w kryzysie: rozłóż je w "
                "czasie lub wybierz najważniejsze.",
            )


def check_indicators(ctx: RuleContext) -> Iterator[Finding]:
    """Check that each goal can be measured: an indicator and a target value."""
    for goal in ctx.contract.goals:
        element = goal_at(goal.id)
        if not goal.indicator:
            yield GOAL_WITHOUT_INDICATOR.finding(
                element,
                (
                    f"Cel {goal.id} nie ma wskaźnika. Zapisz, po czym poznamy, że cel osiągnięto "
                    "(np. „zaświadczenie z PUP o rejestracji”)."
                ),
            )
        elif not goal.target:
            yield GOAL_WITHOUT_TARGET.finding(
                element,
                f"Cel {goal.id} ma wskaźnik, ale bez wartości docelowej (ile, do kiedy).",
            )


def check_co_creation(ctx: RuleContext) -> Iterator[Finding]:
    """Hint when no goal echoes what the family itself asked for (segment H of the interview)."""
    goals = ctx.contract.goals
    if not goals or not ctx.case.family_wants:
        return
    goal_stems = [stems(f"{g.text} {ctx.contract.goal_main}") for g in goals]
    for wish in ctx.case.family_wants:
        wish_stems = stems(wish)
        if any(len(wish_stems & own) >= MIN_SHARED_STEMS_WITH_WISHES for own in goal_stems):
            return
    yield FAMILY_WISHES_NOT_IN_GOALS.finding(
        section(ElementKind.CELE),
        (
            "Cele nie nawiązują do tego, czego chce sama rodzina (zob. „Czego chce rodzina”). "
            "Kontrakt zawierany wspólnie z rodziną powinien zawierać choć jeden cel z jej słów."
        ),
    )
