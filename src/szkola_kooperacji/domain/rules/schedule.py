"""Schedule rules: the period, dates inside it, and regular reviews."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from ..findings import ElementKind, Finding, FindingLevel, action_at, goal_at, section
from ..parts import Part, ScoreKey
from .context import RuleContext
from .registry import declare

MAX_DAYS_BETWEEN_REVIEWS = 92
"""Reviews at least every three months, as the Model Kooperacji recommends."""

PERIOD_MISSING = declare(
    "period_missing", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.SCHEDULE, "Brak okresu obowiązywania kontraktu"
)
PERIOD_REVERSED = declare(
    "period_reversed", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.SCHEDULE, "Koniec kontraktu przed jego początkiem"
)
SIGNED_AFTER_START = declare(
    "signed_after_start",
    FindingLevel.OSTRZEZENIE,
    Part.KONTRAKT,
    ScoreKey.SCHEDULE,
    "Kontrakt podpisany po dacie początku",
)
GOAL_DUE_OUTSIDE_PERIOD = declare(
    "goal_due_outside_period", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.SCHEDULE, "Termin celu poza okresem kontraktu"
)
ACTION_WITHOUT_DATES = declare(
    "action_without_dates", FindingLevel.OSTRZEZENIE, Part.KONTRAKT, ScoreKey.SCHEDULE, "Działanie bez terminów"
)
ACTION_DATES_REVERSED = declare(
    "action_dates_reversed",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.SCHEDULE,
    "Działanie kończy się przed rozpoczęciem",
)
ACTION_OUTSIDE_PERIOD = declare(
    "action_outside_period",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.SCHEDULE,
    "Data działania poza okresem kontraktu",
)
NO_REVIEWS = declare(
    "no_reviews", FindingLevel.BLAD, Part.KONTRAKT, ScoreKey.SCHEDULE, "Brak terminów oceny realizacji"
)
REVIEW_OUTSIDE_PERIOD = declare(
    "review_outside_period",
    FindingLevel.BLAD,
    Part.KONTRAKT,
    ScoreKey.SCHEDULE,
    "Przegląd lub ocena końcowa poza okresem kontraktu",
)
FINAL_EVALUATION_MISSING = declare(
    "final_evaluation_missing", FindingLevel.OSTRZEZENIE, Part.KONTRAKT, ScoreKey.SCHEDULE, "Brak daty oceny końcowej"
)
REVIEW_GAP_TOO_LONG = declare(
    "review_gap_too_long",
    FindingLevel.OSTRZEZENIE,
    Part.KONTRAKT,
    ScoreKey.SCHEDULE,
    "Przerwa między przeglądami dłuższa niż 3 miesiące",
)


def _pl(date: dt.date) -> str:
    return date.strftime("%d.%m.%Y")


def check_schedule(ctx: RuleContext) -> Iterator[Finding]:
    """Check the contract period, every date inside it and the review plan."""
    contract = ctx.contract
    start, end = contract.period_start, contract.period_end
    if start is None or end is None:
        yield PERIOD_MISSING.finding(
            section(ElementKind.OKRES),
            "Określ okres obowiązywania kontraktu: datę początku i końca.",
        )
        return
    if end <= start:
        yield PERIOD_REVERSED.finding(
            section(ElementKind.OKRES),
            f"Koniec kontraktu ({_pl(end)}) musi być po jego początku ({_pl(start)}).",
        )
        return
    if contract.date_signed is not None and contract.date_signed > start:
        yield SIGNED_AFTER_START.finding(
            section(ElementKind.OKRES),
            f"Kontrakt podpisano ({_pl(contract.date_signed)}) po dacie jego początku ({_pl(start)}).",
        )

    def outside(date: dt.date) -> bool:
        return not start <= date <= end

    period = f"{_pl(start)}–{_pl(end)}"
    for goal in contract.goals:
        if goal.due is not None and outside(goal.due):
            yield GOAL_DUE_OUTSIDE_PERIOD.finding(
                goal_at(goal.id),
                f"Termin celu {goal.id} ({_pl(goal.due)}) wypada poza okresem kontraktu {period}.",
            )
    for action in contract.actions:
        element = action_at(action.id)
        if action.start is None or action.due is None:
            yield ACTION_WITHOUT_DATES.finding(
                element,
                f"Działanie {action.id} nie ma terminu rozpoczęcia lub zakończenia.",
            )
        if action.start is not None and action.due is not None and action.due < action.start:
            yield ACTION_DATES_REVERSED.finding(
                element,
                (
                    f"Działanie {action.id} kończy się ({_pl(action.due)}) przed rozpoczęciem "
                    f"({_pl(action.start)}). Popraw kolejność dat."
                ),
            )
        for date in (action.start, action.due):
            if date is not None and outside(date):
                yield ACTION_OUTSIDE_PERIOD.finding(
                    element,
                    f"Data {_pl(date)} w działaniu {action.id} wypada poza okresem kontraktu {period}.",
                )
                break
    yield from _check_reviews(ctx, start, end)


def _check_reviews(ctx: RuleContext, start: dt.date, end: dt.date) -> Iterator[Finding]:
    contract = ctx.contract
    if not contract.reviews:
        yield NO_REVIEWS.finding(
            section(ElementKind.OCENA),
            "Kontrakt nie ma terminów oceny realizacji. Zaplanuj przeglądy co najmniej co 3 miesiące.",
        )
    for review in contract.reviews:
        if not start <= review.date <= end:
            yield REVIEW_OUTSIDE_PERIOD.finding(
                section(ElementKind.OCENA),
                f"Przegląd {_pl(review.date)} wypada poza okresem kontraktu.",
            )
    if contract.final_evaluation is None:
        yield FINAL_EVALUATION_MISSING.finding(
            section(ElementKind.OCENA),
            "Brak daty oceny końcowej kontraktu. Ustal ją na koniec okresu obowiązywania.",
        )
    elif not start <= contract.final_evaluation <= end:
        yield REVIEW_OUTSIDE_PERIOD.finding(
            section(ElementKind.OCENA),
            f"Ocena końcowa ({_pl(contract.final_evaluation)}) wypada poza okresem kontraktu.",
        )
    if not contract.reviews:
        return
    milestones = sorted({start, *(r.date for r in contract.reviews), contract.final_evaluation or end})
    for earlier, later in itertools.pairwise(milestones):
        if (later - earlier).days > MAX_DAYS_BETWEEN_REVIEWS:
            yield REVIEW_GAP_TOO_LONG.finding(
                section(ElementKind.OCENA),
                (
                    f"Między {_pl(earlier)} a {_pl(later)} mija {(later - earlier).days} dni bez przeglądu. "
                    "Oceniajcie postępy co najmniej co 3 miesiące."
                ),
            )
