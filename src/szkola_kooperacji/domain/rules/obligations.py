"""Responsibility rules: every action has a doer, the family carries its own share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..codes import CLIENT_SIDE, Responsible
from ..findings import Finding, FindingLevel
from ..text import stems
from .context import RuleContext

MIN_CLIENT_ACTIONS = 2
MIN_SHARED_STEMS_WITH_WISHES = 1
"""A goal sharing this many word stems with one of the family's wishes is taken to reflect it."""
MAX_ACTIONS_PER_PERSON = 6
"""More open actions than this for one family member is more than a person in crisis can carry."""


def check_responsibility(ctx: RuleContext) -> Iterator[Finding]:
    """Check that each action says who does it, and that this party is known."""
    known = {m.id for m in ctx.case.members}
    for action in ctx.contract.actions:
        element = f"działania[{action.id}]"
        if action.responsible is None:
            yield Finding(
                code="action_without_responsible",
                level=FindingLevel.BLAD,
                message=f"Działanie {action.id} nie ma osoby ani instytucji odpowiedzialnej. Wskaż, kto je wykona.",
                element=element,
            )
        elif action.responsible in CLIENT_SIDE:
            if action.responsible_member_id is None:
                yield Finding(
                    code="action_responsible_member_missing",
                    level=FindingLevel.BLAD,
                    message=f"Działanie {action.id}: wskaż, który członek rodziny je wykona.",
                    element=element,
                )
            elif action.responsible_member_id not in known:
                yield Finding(
                    code="action_responsible_member_unknown",
                    level=FindingLevel.BLAD,
                    message=(
                        f"Działanie {action.id}: osoba „{action.responsible_member_id}” nie należy do rodziny "
                        "z tego przypadku."
                    ),
                    element=element,
                )
        elif action.responsible == Responsible.INSTYTUCJA and action.institution_id is None:
            yield Finding(
                code="action_institution_missing",
                level=FindingLevel.BLAD,
                message=f"Działanie {action.id} ma wykonać instytucja, ale nie wskazano której. Wybierz ją z Listy.",
                element=element,
            )


def check_client_obligations(ctx: RuleContext) -> Iterator[Finding]:
    """Check that the client and family have obligations of their own, spread over goals."""
    contract = ctx.contract
    if not contract.actions:
        return
    client_actions = [a for a in contract.actions if a.responsible in CLIENT_SIDE]
    if not client_actions:
        yield Finding(
            code="client_without_obligations",
            level=FindingLevel.BLAD,
            message=(
                "Kontrakt nie zawiera żadnego zobowiązania klienta ani członków rodziny. Kontrakt socjalny "
                "określa obowiązki obu stron: dodaj działania, które wykona sama rodzina."
            ),
            element="działania",
        )
    elif len(client_actions) < MIN_CLIENT_ACTIONS:
        yield Finding(
            code="client_few_obligations",
            level=FindingLevel.OSTRZEZENIE,
            message="Rodzina ma tylko jedno zobowiązanie. Zwykle potrzeba co najmniej dwóch działań klienta.",
            element="działania",
        )
    for goal in contract.goals:
        actions = contract.actions_for_goal(goal.id)
        if actions and not any(a.responsible in CLIENT_SIDE for a in actions):
            yield Finding(
                code="goal_without_client_action",
                level=FindingLevel.OSTRZEZENIE,
                message=f"Cel {goal.id} realizują same instytucje. Dodaj, co w tym celu zrobi klient lub rodzina.",
                element=f"cele[{goal.id}]",
            )
    load = Counter(a.responsible_member_id for a in client_actions if a.responsible_member_id)
    for member_id, count in sorted(load.items()):
        if count > MAX_ACTIONS_PER_PERSON:
            member = ctx.case.member(member_id)
            name = member.name if member else member_id
            yield Finding(
                code="member_overloaded",
                level=FindingLevel.OSTRZEZENIE,
                message=(
                    f"{name} ma {count} zobowiązań naraz. Więcej niż {MAX_ACTIONS_PER_PERSON} to zwykle "
                    "za dużo dla osoby w kryzysie: rozłóż je w czasie lub wybierz najważniejsze."
                ),
                element="działania",
            )
    if not any(a.uses_strength_ids for a in contract.actions):
        yield Finding(
            code="strengths_unused",
            level=FindingLevel.OSTRZEZENIE,
            message=(
                "Żadne działanie nie opiera się na zasobach rodziny. Wskaż, z której mocnej strony "
                "korzysta przynajmniej jedno działanie."
            ),
            element="działania",
        )
    known_strengths = {s.id for s in ctx.case.strengths}
    for action in contract.actions:
        unknown = sorted(set(action.uses_strength_ids) - known_strengths)
        if unknown:
            yield Finding(
                code="action_unknown_strength",
                level=FindingLevel.BLAD,
                message=f"Działanie {action.id} wskazuje zasoby, których nie ma w przypadku: {', '.join(unknown)}.",
                element=f"działania[{action.id}]",
            )


def check_indicators(ctx: RuleContext) -> Iterator[Finding]:
    """Check that each goal can be measured: an indicator and a target value."""
    for goal in ctx.contract.goals:
        element = f"cele[{goal.id}]"
        if not goal.indicator:
            yield Finding(
                code="goal_without_indicator",
                level=FindingLevel.BLAD,
                message=(
                    f"Cel {goal.id} nie ma wskaźnika. Zapisz, po czym poznamy, że cel osiągnięto "
                    "(np. „zaświadczenie z PUP o rejestracji”)."
                ),
                element=element,
            )
        elif not goal.target:
            yield Finding(
                code="goal_without_target",
                level=FindingLevel.OSTRZEZENIE,
                message=f"Cel {goal.id} ma wskaźnik, ale bez wartości docelowej (ile, do kiedy).",
                element=element,
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
    yield Finding(
        code="family_wishes_not_in_goals",
        level=FindingLevel.WSKAZOWKA,
        message=(
            "Cele nie nawiązują do tego, czego chce sama rodzina (zob. „Czego chce rodzina”). "
            "Kontrakt zawierany wspólnie z rodziną powinien zawierać choć jeden cel z jej słów."
        ),
        element="cele",
    )
