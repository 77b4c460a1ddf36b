"""Schedule rules: the period, dates inside it, and regular reviews."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from ..findings import Finding, FindingLevel
from .context import RuleContext

MAX_DAYS_BETWEEN_REVIEWS = 92
"""Reviews at least every three months, as the Model Kooperacji recommends."""


def _pl(date: dt.date) -> str:
    return date.strftime("%d.%m.%Y")


def check_schedule(ctx: RuleContext) -> Iterator[Finding]:
    """Check the contract period, every date inside it and the review plan."""
    contract = ctx.contract
    start, end = contract.period_start, contract.period_end
    if start is None or end is None:
        yield Finding(
            code="period_missing",
            level=FindingLevel.BLAD,
            message="Określ okres obowiązywania kontraktu: datę początku i końca.",
            element="okres",
        )
        return
    if end <= start:
        yield Finding(
            code="period_reversed",
            level=FindingLevel.BLAD,
            message=f"Koniec kontraktu ({_pl(end)}) musi być po jego początku ({_pl(start)}).",
            element="okres",
        )
        return
    if contract.date_signed is not None and contract.date_signed > start:
        yield Finding(
            code="signed_after_start",
            level=FindingLevel.OSTRZEZENIE,
            message=f"Kontrakt podpisano ({_pl(contract.date_signed)}) po dacie jego początku ({_pl(start)}).",
            element="okres",
        )

    def outside(date: dt.date) -> bool:
        return not start <= date <= end

    period = f"{_pl(start)}–{_pl(end)}"
    for goal in contract.goals:
        if goal.due is not None and outside(goal.due):
            yield Finding(
                code="goal_due_outside_period",
                level=FindingLevel.BLAD,
                message=f"Termin celu {goal.id} ({_pl(goal.due)}) wypada poza okresem kontraktu {period}.",
                element=f"cele[{goal.id}]",
            )
    for action in contract.actions:
        element = f"działania[{action.id}]"
        if action.start is None or action.due is None:
            yield Finding(
                code="action_without_dates",
                level=FindingLevel.OSTRZEZENIE,
                message=f"Działanie {action.id} nie ma terminu rozpoczęcia lub zakończenia.",
                element=element,
            )
        if action.start is not None and action.due is not None and action.due < action.start:
            yield Finding(
                code="action_dates_reversed",
                level=FindingLevel.BLAD,
                message=(
                    f"Działanie {action.id} kończy się ({_pl(action.due)}) przed rozpoczęciem "
                    f"({_pl(action.start)}). Popraw kolejność dat."
                ),
                element=element,
            )
        for date in (action.start, action.due):
            if date is not None and outside(date):
                yield Finding(
                    code="action_outside_period",
                    level=FindingLevel.BLAD,
                    message=f"Data {_pl(date)} w działaniu {action.id} wypada poza okresem kontraktu {period}.",
                    element=element,
                )
                break
    yield from _check_reviews(ctx, start, end)


def _check_reviews(ctx: RuleContext, start: dt.date, end: dt.date) -> Iterator[Finding]:
    contract = ctx.contract
    if not contract.reviews:
        yield Finding(
            code="no_reviews",
            level=FindingLevel.BLAD,
            message="Kontrakt nie ma terminów oceny realizacji. Zaplanuj przeglądy co najmniej co 3 miesiące.",
            element="ocena",
        )
    for review in contract.reviews:
        if not start <= review.date <= end:
            yield Finding(
                code="review_outside_period",
                level=FindingLevel.BLAD,
                message=f"Przegląd {_pl(review.date)} wypada poza okresem kontraktu.",
                element="ocena",
            )
    if contract.final_evaluation is None:
        yield Finding(
            code="final_evaluation_missing",
            level=FindingLevel.OSTRZEZENIE,
            message="Brak daty oceny końcowej kontraktu. Ustal ją na koniec okresu obowiązywania.",
            element="ocena",
        )
    elif not start <= contract.final_evaluation <= end:
        yield Finding(
            code="review_outside_period",
            level=FindingLevel.BLAD,
            message=f"Ocena końcowa ({_pl(contract.final_evaluation)}) wypada poza okresem kontraktu.",
            element="ocena",
        )
    if not contract.reviews:
        return
    milestones = sorted({start, *(r.date for r in contract.reviews), contract.final_evaluation or end})
    for earlier, later in itertools.pairwise(milestones):
        if (later - earlier).days > MAX_DAYS_BETWEEN_REVIEWS:
            yield Finding(
                code="review_gap_too_long",
                level=FindingLevel.OSTRZEZENIE,
                message=(
                    f"Między {_pl(earlier)} a {_pl(later)} mija {(later - earlier).days} dni bez przeglądu. "
                    "Oceniajcie postępy co najmniej co 3 miesiące."
                ),
                element="ocena",
            )
