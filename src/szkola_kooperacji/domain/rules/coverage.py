"""Traceability rules: every need has a goal, every goal has needs and actions."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, FindingLevel
from ..text import shorten
from .context import RuleContext


def check_coverage(ctx: RuleContext) -> Iterator[Finding]:
    """Check the links need → goal → action in both directions."""
    contract, diagnosis = ctx.contract, ctx.diagnosis
    if not contract.goals:
        yield Finding(
            code="contract_without_goals",
            level=FindingLevel.BLAD,
            message="Kontrakt nie ma żadnego celu szczegółowego. Dodaj cele, które odpowiadają na potrzeby z diagnozy.",
            element="cele",
        )
    if not contract.actions:
        yield Finding(
            code="contract_without_actions",
            level=FindingLevel.BLAD,
            message="Kontrakt nie ma żadnych działań. Dodaj działania klienta i instytucji z Listy aktywności i usług.",
            element="działania",
        )
    if not contract.goal_main:
        yield Finding(
            code="goal_main_missing",
            level=FindingLevel.OSTRZEZENIE,
            message="Brak celu głównego kontraktu. Zapisz jednym zdaniem, co rodzina chce osiągnąć.",
            element="cel_główny",
        )
    goals_by_need: dict[str, list[str]] = {}
    for goal in contract.goals:
        for need_id in goal.need_ids:
            goals_by_need.setdefault(need_id, []).append(goal.id)
    for need in diagnosis.needs:
        if need.id not in goals_by_need:
            yield Finding(
                code="need_without_goal",
                level=FindingLevel.BLAD,
                message=(
                    f"Potrzeba {need.id} („{shorten(need.statement)}”) nie ma celu w kontrakcie. "
                    "Dodaj cel szczegółowy, który na nią odpowiada."
                ),
                element=f"potrzeby[{need.id}]",
            )
    known_needs = {need.id for need in diagnosis.needs}
    for goal in contract.goals:
        element = f"cele[{goal.id}]"
        if not goal.text:
            yield Finding(
                code="goal_without_text",
                level=FindingLevel.BLAD,
                message=f"Cel {goal.id} nie ma treści. Opisz, co konkretnie ma się zmienić.",
                element=element,
            )
        if not goal.need_ids:
            yield Finding(
                code="goal_without_need",
                level=FindingLevel.OSTRZEZENIE,
                message=f"Cel {goal.id} nie jest powiązany z żadną potrzebą. Wskaż potrzebę z diagnozy, której służy.",
                element=element,
            )
        for need_id in goal.need_ids:
            if need_id not in known_needs:
                yield Finding(
                    code="goal_unknown_need",
                    level=FindingLevel.BLAD,
                    message=f"Cel {goal.id} wskazuje potrzebę {need_id}, której nie ma w diagnozie.",
                    element=element,
                )
        if not contract.actions_for_goal(goal.id):
            yield Finding(
                code="goal_without_action",
                level=FindingLevel.BLAD,
                message=f"Cel {goal.id} nie ma żadnego działania. Dodaj, kto i co zrobi, aby go osiągnąć.",
                element=element,
            )
    known_goals = {goal.id for goal in contract.goals}
    for action in contract.actions:
        element = f"działania[{action.id}]"
        if action.goal_id is None:
            yield Finding(
                code="action_without_goal",
                level=FindingLevel.OSTRZEZENIE,
                message=f"Działanie {action.id} nie jest przypisane do celu. Wskaż cel, któremu służy.",
                element=element,
            )
        elif action.goal_id not in known_goals:
            yield Finding(
                code="action_unknown_goal",
                level=FindingLevel.BLAD,
                message=f"Działanie {action.id} wskazuje cel {action.goal_id}, którego nie ma w kontrakcie.",
                element=element,
            )
        if not action.text:
            yield Finding(
                code="action_without_text",
                level=FindingLevel.OSTRZEZENIE,
                message=f"Działanie {action.id} nie ma opisu. Napisz, co dokładnie ma być zrobione.",
                element=element,
            )
