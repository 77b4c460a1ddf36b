"""The progress rules: what each fact makes of a lesson, a case, an exercise, a module and the course."""

from __future__ import annotations

import datetime as dt

import pytest

from szkola_kooperacji.domain.course import Course, CourseLevel, Module
from szkola_kooperacji.domain.progress import (
    CASE_DONE_SCORE,
    DONE_MEANS,
    NO_GROUP,
    Fact,
    FactKind,
    ItemKind,
    ItemState,
    combined,
    course_progress,
)

DAY = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


def at(days: int) -> dt.datetime:
    return DAY + dt.timedelta(days=days)


def make_course() -> Course:
    first = Module(
        id="m1", title="Pierwszy", hours=6, outcomes=["Uczestnik wie."], lessons=["l1"], cases=["c1"], exercises=["e1"]
    )
    second = Module(id="m2", title="Drugi", hours=8, outcomes=["Uczestnik umie."], lessons=["l2"], exercises=["e2"])
    return Course(
        id="k", title="Kurs", level=CourseLevel.REGIONALNY, audience="Pracownicy socjalni", modules=[first, second]
    )


def whole_first_module() -> list[Fact]:
    return [
        Fact(FactKind.LESSON_READ, "l1", at(0)),
        Fact(FactKind.SELF_CHECK_PASSED, "l1", at(1)),
        Fact(FactKind.CASE_SCORED, "c1", at(2), CASE_DONE_SCORE),
        Fact(FactKind.EXERCISE_SUBMITTED, "e1", at(3)),
        Fact(FactKind.EXERCISE_GRADED, "e1", at(4)),
        Fact(FactKind.FEEDBACK_RETURNED, "e1", at(5)),
    ]


def item(progress_facts: list[Fact], item_id: str, released: tuple[str, ...] = ("e1", "e2")):
    progress = course_progress(make_course(), progress_facts, released=released)
    return next(i for m in progress.modules for i in m.items if i.item_id == item_id)


def test_nothing_done_means_nothing_started_and_the_first_lesson_is_next():
    progress = course_progress(make_course(), [], released=("e1",))
    assert progress.state is ItemState.NOT_STARTED
    assert all(m.state is ItemState.NOT_STARTED for m in progress.modules)
    step = progress.next_step()
    assert step is not None
    assert (step[0].module.id, step[1].item_id) == ("m1", "l1")


def test_a_read_lesson_is_in_progress_until_its_self_check_is_passed():
    assert item([Fact(FactKind.LESSON_READ, "l1", at(0))], "l1").state is ItemState.IN_PROGRESS
    done = item([Fact(FactKind.LESSON_READ, "l1", at(0)), Fact(FactKind.SELF_CHECK_PASSED, "l1", at(1))], "l1")
    assert done.state is ItemState.DONE
    assert done.done_at == at(1)
    assert done.started_at == at(0)


def test_a_lesson_without_a_self_check_is_done_when_read():
    progress = course_progress(
        make_course(), [Fact(FactKind.LESSON_READ, "l1", at(0))], lessons_without_self_check=("l1",)
    )
    assert progress.modules[0].items[0].state is ItemState.DONE


@pytest.mark.parametrize(
    ("score", "state"),
    [(0.0, ItemState.IN_PROGRESS), (CASE_DONE_SCORE - 0.1, ItemState.IN_PROGRESS), (CASE_DONE_SCORE, ItemState.DONE)],
)
def test_a_case_is_done_at_the_threshold_score(score: float, state: ItemState):
    assert item([Fact(FactKind.CASE_SCORED, "c1", at(0), score)], "c1").state is state


def test_the_best_score_of_a_case_counts():
    facts = [Fact(FactKind.CASE_SCORED, "c1", at(0), 80.0), Fact(FactKind.CASE_SCORED, "c1", at(1), 10.0)]
    assert item(facts, "c1").state is ItemState.DONE


def test_an_exercise_waits_for_the_trainer_after_submission_and_is_done_with_feedback():
    submitted = [Fact(FactKind.EXERCISE_SUBMITTED, "e1", at(0))]
    waiting = item(submitted, "e1")
    assert waiting.state is ItemState.IN_PROGRESS
    assert not waiting.actionable
    assert "czeka na ocenę" in waiting.detail
    graded = item([*submitted, Fact(FactKind.EXERCISE_GRADED, "e1", at(1))], "e1")
    assert graded.state is ItemState.IN_PROGRESS
    assert "informację zwrotną" in graded.detail
    returned = [*submitted, Fact(FactKind.EXERCISE_GRADED, "e1", at(1)), Fact(FactKind.FEEDBACK_RETURNED, "e1", at(2))]
    assert item(returned, "e1").state is ItemState.DONE


def test_an_unreleased_exercise_is_not_the_next_step():
    facts = [Fact(FactKind.LESSON_READ, "l1", at(0)), Fact(FactKind.SELF_CHECK_PASSED, "l1", at(0))]
    facts.append(Fact(FactKind.CASE_SCORED, "c1", at(0), 100.0))
    exercise = item(facts, "e1", released=())
    assert exercise.state is ItemState.NOT_STARTED
    assert not exercise.actionable
    step = course_progress(make_course(), facts, released=()).next_step()
    assert step is not None
    assert step[1].item_id == "l2", "the trainee moves on while the trainer has not released the exercise"


def test_a_module_is_done_when_all_its_items_are_and_dated_by_the_last():
    progress = course_progress(make_course(), whole_first_module(), released=("e1", "e2"))
    first, second = progress.modules
    assert first.state is ItemState.DONE
    assert first.done_at == at(5)
    assert first.started_at == at(0)
    assert second.state is ItemState.NOT_STARTED
    assert progress.state is ItemState.IN_PROGRESS
    assert progress.done_at is None
    assert (progress.done_count, progress.item_count) == (3, 5)


def test_one_item_started_puts_the_module_in_progress():
    progress = course_progress(make_course(), [Fact(FactKind.CASE_SCORED, "c1", at(0), 5.0)])
    assert progress.modules[0].state is ItemState.IN_PROGRESS
    assert progress.modules[0].done_at is None


def test_the_course_is_done_when_every_module_is():
    facts = [
        *whole_first_module(),
        Fact(FactKind.SELF_CHECK_PASSED, "l2", at(6)),
        Fact(FactKind.FEEDBACK_RETURNED, "e2", at(9)),
    ]
    progress = course_progress(make_course(), facts)
    assert progress.state is ItemState.DONE
    assert progress.done_at == at(9)
    assert progress.next_step() is None


def test_combined_states():
    assert combined([]) is ItemState.NOT_STARTED
    assert combined([ItemState.DONE, ItemState.DONE]) is ItemState.DONE
    assert combined([ItemState.DONE, ItemState.NOT_STARTED]) is ItemState.IN_PROGRESS
    assert combined([ItemState.NOT_STARTED]) is ItemState.NOT_STARTED


def test_every_item_kind_says_what_done_means():
    assert set(DONE_MEANS) == set(ItemKind)


def test_without_a_group_exercises_cannot_be_started_and_say_where_they_are_done():
    progress = course_progress(make_course(), [])
    exercise = progress.modules[0].items[-1]
    assert exercise.kind is ItemKind.EXERCISE
    assert not exercise.actionable
    assert exercise.detail == NO_GROUP


def test_a_drafted_unsubmitted_exercise_is_in_progress_and_still_the_trainees_next_step():
    drafted = [Fact(FactKind.EXERCISE_DRAFTED, "e1", at(0))]
    draft = item(drafted, "e1")
    assert draft.state is ItemState.IN_PROGRESS
    assert draft.actionable
    assert draft.started_at == at(0)
    assert "oddaj" in draft.detail
    submitted = item([*drafted, Fact(FactKind.EXERCISE_SUBMITTED, "e1", at(1))], "e1")
    assert "czeka na ocenę" in submitted.detail
    assert submitted.started_at == at(0)
    assert item(drafted, "e1", released=()).state is ItemState.NOT_STARTED  # withdrawn by the trainer
