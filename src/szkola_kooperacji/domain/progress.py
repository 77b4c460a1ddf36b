"""A trainee's progress through a course: facts of what they did, and the rules that turn facts into states.

Facts are recorded as work happens (a lesson opened, a self-check passed, a case's draft scored,
an exercise submitted) or read from the gradebook and the exchange (graded, feedback returned).
The rules below are the only place that says what "done" means for each kind of item; the
dashboard, the certificate and the trainer's report all read the states computed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from .course import Course, Module


class FactKind(StrEnum):
    """What a trainee did (or what happened to their work), as stored."""

    LESSON_READ = "lesson_read"
    SELF_CHECK_PASSED = "self_check_passed"
    CASE_SCORED = "case_scored"
    """The best score (0–100) the domain scorer gave the trainee's draft of a case."""
    EXERCISE_DRAFTED = "exercise_drafted"
    """The trainee saved work on an exercise's dashboard (a document, a reflection) before submitting it."""
    EXERCISE_SUBMITTED = "exercise_submitted"
    EXERCISE_GRADED = "exercise_graded"
    FEEDBACK_RETURNED = "feedback_returned"
    COMPARISON_OPENED = "comparison_opened"
    COMPARISON_ANALYSED = "comparison_analysed"
    """The trainee saved an analysis of the powiats' differences with a proposal for the G-PZK."""


class ItemKind(StrEnum):
    """The kinds of items a module holds, in the order a trainee meets them."""

    LESSON = "lekcja"
    CASE = "przypadek"
    EXERCISE = "ćwiczenie"
    COMPARISON = "porównanie"


class ItemState(StrEnum):
    """Where a trainee stands on an item, a module or the course (Polish labels as shown)."""

    NOT_STARTED = "nie rozpoczęto"
    IN_PROGRESS = "w toku"
    DONE = "ukończono"


CASE_DONE_SCORE = 60.0
"""A case is worked when the scorer gives the trainee's draft at least this many of its 100 points."""

EXERCISE_DONE_WHEN = FactKind.FEEDBACK_RETURNED
"""An exercise is done when the trainer has returned feedback on it (submitted and graded come before)."""

DONE_MEANS: dict[ItemKind, str] = {
    ItemKind.LESSON: "lekcja przeczytana i test sprawdzający zaliczony",
    ItemKind.CASE: f"diagnoza i kontrakt przypadku z wynikiem co najmniej {CASE_DONE_SCORE:g} na 100 pkt",
    ItemKind.EXERCISE: "ćwiczenie oddane, ocenione i z informacją zwrotną od trenera",
    ItemKind.COMPARISON: "porównanie powiatów przeanalizowane: zapisana luka i propozycja dla G-PZK",
}
"""What "done" means for each kind of item, as the trainee reads it."""


@dataclass(frozen=True)
class Fact:
    """One recorded fact about one item (``value`` only for a case's score)."""

    kind: FactKind
    item_id: str
    at: dt.datetime
    value: float | None = None


@dataclass(frozen=True)
class ItemProgress:
    """A trainee's state on one lesson, case or exercise, with a short Polish detail."""

    kind: ItemKind
    item_id: str
    state: ItemState
    detail: str
    done_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    actionable: bool = True
    """False when the next step is not the trainee's: waiting for the trainer, or not yet released."""


@dataclass(frozen=True)
class ModuleProgress:
    """A module's items and the state they add up to."""

    module: Module
    items: tuple[ItemProgress, ...]

    @property
    def state(self) -> ItemState:
        """Done when every item is done; not started when none is started; else in progress."""
        return combined(item.state for item in self.items)

    @property
    def done_count(self) -> int:
        """How many of the module's items are done."""
        return sum(1 for item in self.items if item.state is ItemState.DONE)

    @property
    def started_at(self) -> dt.datetime | None:
        """When the trainee first did anything in this module."""
        return min((i.started_at for i in self.items if i.started_at), default=None)

    @property
    def done_at(self) -> dt.datetime | None:
        """When the module's last item was done (None while any item is not)."""
        if self.state is not ItemState.DONE:
            return None
        return max((i.done_at for i in self.items if i.done_at), default=None)


@dataclass(frozen=True)
class CourseProgress:
    """The whole course: modules in order, the overall state and the trainee's next step."""

    course: Course
    modules: tuple[ModuleProgress, ...]

    @property
    def state(self) -> ItemState:
        """Done when every module is done."""
        return combined(m.state for m in self.modules)

    @property
    def done_count(self) -> int:
        """Items done in the whole course."""
        return sum(m.done_count for m in self.modules)

    @property
    def item_count(self) -> int:
        """Items in the whole course."""
        return sum(len(m.items) for m in self.modules)

    @property
    def done_at(self) -> dt.datetime | None:
        """When the last module was done (None while any is not)."""
        if self.state is not ItemState.DONE:
            return None
        return max((m.done_at for m in self.modules if m.done_at), default=None)

    def next_step(self) -> tuple[ModuleProgress, ItemProgress] | None:
        """Return the first item, in module order, that the trainee can work on now; None if there is none."""
        for module in self.modules:
            for item in module.items:
                if item.state is not ItemState.DONE and item.actionable:
                    return module, item
        return None


def combined(states: Iterable[ItemState]) -> ItemState:
    """Combine item states: all done is done, none started is not started, anything else is in progress."""
    seen = set(states)
    if seen <= {ItemState.DONE}:
        return ItemState.DONE if seen else ItemState.NOT_STARTED
    if seen == {ItemState.NOT_STARTED}:
        return ItemState.NOT_STARTED
    return ItemState.IN_PROGRESS


def _score_text(score: float) -> str:
    return f"{score:.0f}".replace(".", ",")


class _Facts:
    """Facts indexed by (kind, item) for the rules."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self.by_key: dict[tuple[FactKind, str], Fact] = {}
        for fact in facts:
            key = (fact.kind, fact.item_id)
            known = self.by_key.get(key)
            if known is None or (fact.value or 0.0) > (known.value or 0.0):
                self.by_key[key] = fact

    def get(self, kind: FactKind, item_id: str) -> Fact | None:
        return self.by_key.get((kind, item_id))


def lesson_progress(lesson_id: str, facts: _Facts, *, has_self_check: bool) -> ItemProgress:
    """Rule for a lesson: done when read and, if it has a self-check, that self-check is passed."""
    read = facts.get(FactKind.LESSON_READ, lesson_id)
    passed = facts.get(FactKind.SELF_CHECK_PASSED, lesson_id)
    started = min((f.at for f in (read, passed) if f), default=None)
    if has_self_check and passed:
        return ItemProgress(
            ItemKind.LESSON, lesson_id, ItemState.DONE, "test sprawdzający zaliczony", passed.at, started
        )
    if not has_self_check and read:
        return ItemProgress(ItemKind.LESSON, lesson_id, ItemState.DONE, "przeczytana", read.at, started)
    if read:
        return ItemProgress(
            ItemKind.LESSON, lesson_id, ItemState.IN_PROGRESS, "przeczytana – rozwiąż test sprawdzający", None, started
        )
    return ItemProgress(ItemKind.LESSON, lesson_id, ItemState.NOT_STARTED, "do przeczytania")


def case_progress(case_id: str, facts: _Facts) -> ItemProgress:
    """Rule for a case: done when its best scored draft reaches ``CASE_DONE_SCORE``."""
    scored = facts.get(FactKind.CASE_SCORED, case_id)
    if scored is None:
        return ItemProgress(ItemKind.CASE, case_id, ItemState.NOT_STARTED, "nierozpoczęty")
    score = scored.value or 0.0
    if score >= CASE_DONE_SCORE:
        return ItemProgress(
            ItemKind.CASE, case_id, ItemState.DONE, f"wynik {_score_text(score)}/100", scored.at, scored.at
        )
    return ItemProgress(
        ItemKind.CASE,
        case_id,
        ItemState.IN_PROGRESS,
        f"wynik {_score_text(score)}/100 – do ukończenia potrzeba {CASE_DONE_SCORE:g}",
        None,
        scored.at,
    )


NO_GROUP = "oddasz je w grupie szkoleniowej z trenerem (logowanie kodem z karty)"
"""Why an exercise cannot be started on a dashboard that serves no group's course."""


def exercise_progress(exercise_id: str, facts: _Facts, *, released: bool | None) -> ItemProgress:
    """Rule for an exercise: drafted → submitted → graded → feedback returned; done at ``EXERCISE_DONE_WHEN``."""
    steps = (
        FactKind.EXERCISE_DRAFTED,
        FactKind.EXERCISE_SUBMITTED,
        FactKind.EXERCISE_GRADED,
        FactKind.FEEDBACK_RETURNED,
    )
    found = [f for f in (facts.get(k, exercise_id) for k in steps) if f]
    started = min((f.at for f in found), default=None)
    done = facts.get(EXERCISE_DONE_WHEN, exercise_id)
    if done is not None:
        return ItemProgress(
            ItemKind.EXERCISE, exercise_id, ItemState.DONE, "ocenione, informacja zwrotna od trenera", done.at, started
        )
    if facts.get(FactKind.EXERCISE_GRADED, exercise_id):
        detail = "ocenione – czeka na informację zwrotną od trenera"
        return ItemProgress(ItemKind.EXERCISE, exercise_id, ItemState.IN_PROGRESS, detail, None, started, False)
    if facts.get(FactKind.EXERCISE_SUBMITTED, exercise_id):
        detail = "oddane – czeka na ocenę trenera"
        return ItemProgress(ItemKind.EXERCISE, exercise_id, ItemState.IN_PROGRESS, detail, None, started, False)
    if facts.get(FactKind.EXERCISE_DRAFTED, exercise_id) and released is not False:
        detail = "rozpoczęte – dokończ i oddaj ćwiczenie"
        return ItemProgress(ItemKind.EXERCISE, exercise_id, ItemState.IN_PROGRESS, detail, None, started)
    if not released:
        detail = NO_GROUP if released is None else "trener jeszcze go nie udostępnił"
        return ItemProgress(ItemKind.EXERCISE, exercise_id, ItemState.NOT_STARTED, detail, actionable=False)
    return ItemProgress(ItemKind.EXERCISE, exercise_id, ItemState.NOT_STARTED, "do oddania")


def comparison_progress(powiat_id: str, facts: _Facts) -> ItemProgress:
    """Rule for a powiat comparison: done when the trainee saved their analysis of it."""
    opened = facts.get(FactKind.COMPARISON_OPENED, powiat_id)
    analysed = facts.get(FactKind.COMPARISON_ANALYSED, powiat_id)
    started = min((f.at for f in (opened, analysed) if f), default=None)
    if analysed:
        return ItemProgress(ItemKind.COMPARISON, powiat_id, ItemState.DONE, "analiza zapisana", analysed.at, started)
    if opened:
        detail = "otwarte – zapisz lukę i propozycję dla G-PZK"
        return ItemProgress(ItemKind.COMPARISON, powiat_id, ItemState.IN_PROGRESS, detail, None, started)
    return ItemProgress(ItemKind.COMPARISON, powiat_id, ItemState.NOT_STARTED, "do przeanalizowania")


def course_progress(
    course: Course,
    facts: Iterable[Fact],
    *,
    released: Collection[str] | None = None,
    lessons_without_self_check: Collection[str] = (),
) -> CourseProgress:
    """Compute every item's, module's and the course's state from the trainee's facts.

    ``released`` names the exercises the trainee can do now (an unreleased one cannot be started; None:
    no group's course is served, so no exercise can be submitted here);
    a lesson in ``lessons_without_self_check`` is done when read.
    """
    indexed = _Facts(facts)
    modules = []
    for module in course.modules:
        items = [
            *(lesson_progress(x, indexed, has_self_check=x not in lessons_without_self_check) for x in module.lessons),
            *(case_progress(x, indexed) for x in module.cases),
            *(
                exercise_progress(x, indexed, released=None if released is None else x in released)
                for x in module.exercises
            ),
            *(comparison_progress(x, indexed) for x in module.comparisons),
        ]
        modules.append(ModuleProgress(module, tuple(items)))
    return CourseProgress(course, tuple(modules))
