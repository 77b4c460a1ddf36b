"""Traceability rules: every need has a goal, every goal has needs and actions."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import ElementKind, Finding, FindingLevel, action_at, goal_at, need_at, section
from ..parts import Part, ScoreKey
from ..text import shorten
from .context import RuleContext
from .registry import declare

CONTRACT_WITHOUT_GOALS = declare(
    "contract_without_goals", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.COVERAGE, "Kontrakt bez celów szczegółowych"
)
CONTRACT_WITHOUT_ACTIONS = declare(
    "contract_without_actions", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.COVERAGE, "Kontrakt bez działań"
)
GOAL_MAIN_MISSING = declare(
    "goal_main_missing", FindingLevel.OSTRZEZENIE, Part.KONTRAKT, ScoreKey.FORMAL, "Brak celu głównego"
)
NEED_WITHOUT_GOAL = declare(
    "need_without_goal",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.COVERAGE,
    "Potrzeba z diagnozy bez celu w kontrakcie",
)
GOAL_WITHOUT_TEXT = declare("goal_without_text", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.FORMAL, "Cel bez treści")
GOAL_WITHOUT_NEED = declare(
    "goal_without_need", FindingLevel.OSTRZEZENIE, Part.KONTRAKT, ScoreKey.COVERAGE, "Cel niepowiązany z potrzebą"
)
GOAL_UNKNOWN_NEED = declare(
    "goal_unknown_need", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.COVERAGE, "Cel wskazuje potrzebę spoza diagnozy"
)
GOAL_WITHOUT_ACTION = declare(
    "goal_without_action", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.COVERAGE, "Cel bez działań"
)
ACTION_WITHOUT_GOAL = declare(
    "action_without_goal", FindingLevel.OSTRZEZENIE, Part.KONTRAKT, ScoreKey.COVERAGE, "Działanie nieprzypisane do celu"
)
ACTION_UNKNOWN_GOAL = declare(
    "action_unknown_goal", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.COVERAGE, "Działanie wskazuje cel spoza kontraktu"
)
ACTION_WITHOUT_TEXT = declare(
    "action_without_text", FindingLevel.OSTRZEZENIE, Part.KONTRAKT, ScoreKey.FORMAL, "Działanie bez opisu"
)


def check_coverage(ctx: RuleContext) -> Iterator[Finding]:
    """Check the links need → goal → action in both directions."""
    contract, diagnosis = ctx.contract, ctx.diagnosis
    if not contract.goals:
        yield CONTRACT_WITHOUT_GOALS.finding(
            section(ElementKind.CELE),
            "Kontrakt nie ma żadnego celu szczegółowego. Dodaj cele, które odpowiadają na potrzeby z diagnozy.",
        )
    if not contract.actions:
        yield CONTRACT_WITHOUT_ACTIONS.finding(
            section(ElementKind.DZIALANIA),
            "Kontrakt nie ma żadnych działań. Dodaj działania klienta i instytucji z Listy aktywności i usług.",
        )
    if not contract.goal_main:
        yield GOAL_MAIN_MISSING.finding(
            section(ElementKind.CEL_GLOWNY),
            "Brak celu głównego kontraktu. Zapisz jednym zdaniem, co rodzina chce osiągnąć.",
        )
    goals_by_need: dict[str, list[str]] = {}
    for goal in contract.goals:
        for need_id in goal.need_ids:
            goals_by_need.setdefault(need_id, []).append(goal.id)
    for need in diagnosis.needs:
        if need.id not in goals_by_need:
            yield NEED_WITHOUT_GOAL.finding(
                need_at(need.id),
                (
                    f"Potrzeba {need.id} („{shorten(need.statement)}”) nie ma celu w kontrakcie. "
                    "Dodaj cel szczegółowy, który na nią odpowiada."
                ),
            )
    known_needs = {need.id for need in diagnosis.needs}
    for goal in contract.goals:
        element = goal_at(goal.id)
        if not goal.text:
            yield GOAL_WITHOUT_TEXT.finding(
                element,
                f"Cel {goal.id} nie ma treści. Opisz, co konkretnie ma się zmienić.",
            )
        if not goal.need_ids:
            yield GOAL_WITHOUT_NEED.finding(
                element,
                f"Cel {goal.id} nie jest powiązany z żadną potrzebą. Wskaż potrzebę z diagnozy, której służy.",
            )
        for need_id in goal.need_ids:
            if need_id not in known_needs:
                yield GOAL_UNKNOWN_NEED.finding(
                    element,
                    f"Cel {goal.id} wskazuje potrzebę {need_id}, której nie ma w diagnozie.",
                )
        if not contract.actions_for_goal(goal.id):
            yield GOAL_WITHOUT_ACTION.finding(
                element,
                f"Cel {goal.id} nie ma żadnego działania. Dodaj, kto i co zrobi, aby go osiągnąć.",
            )
    known_goals = {goal.id for goal in contract.goals}
    for action in contract.actions:
        element = action_at(action.id)
        if action.goal_id is None:
            yield ACTION_WITHOUT_GOAL.finding(
                element,
                f"Działanie {action.id} nie jest przypisane do celu. Wskaż cel, któremu służy.",
            )
        elif action.goal_id not in known_goals:
            yield ACTION_UNKNOWN_GOAL.finding(
                element,
                f"Działanie {action.id} wskazuje cel {action.goal_id}, którego nie ma w kontrakcie.",
            )
        if not action.text:
            yield ACTION_WITHOUT_TEXT.finding(
                element,
                f"Działanie {action.id} nie ma opisu. Napisz, co dokładnie ma być zrobione.",
            )
