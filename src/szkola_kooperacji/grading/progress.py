"""Progress facts that live outside the draft store, and a trainee's whole progress in one call.

An exercise's later steps happen on the trainer's side: nbgrader's exchange holds the
submission and the released feedback, the gradebook the grades. These are read here, so the
trainee's course view, ``szkola certificate`` and the trainer's report see the same states.
Case scores are computed from the stored drafts with the domain scorer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.case import Case
from ..domain.course import Course
from ..domain.directory import ServiceDirectory
from ..domain.feedback import give_feedback
from ..domain.progress import CourseProgress, Fact, FactKind, course_progress
from ..storage import DraftStore
from .course_folder import CourseFolder


def _mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(microsecond=0)


def exercise_facts(folder: CourseFolder, trainee: str, exercises: list[str]) -> list[Fact]:
    """Read submitted, graded and feedback-returned facts of these exercises from the exchange and the gradebook."""
    from .exchange import course_config, is_folder_exchange  # noqa: PLC0415

    config = course_config(folder)
    if is_folder_exchange(config):
        facts = _folder_facts(folder, trainee, exercises)
    else:
        facts = _listed_facts(config, folder, trainee, exercises)
    facts.extend(_graded(folder, trainee, exercises))
    return facts


def _listed_facts(config: Any, folder: CourseFolder, trainee: str, exercises: list[str]) -> list[Fact]:
    """Read submitted and feedback-returned facts from the exchange's list of the trainee's submissions (ngshare).

    A service exchange says whether feedback waits for a submission, not when it was released:
    the feedback fact carries the time of the submission it answers.
    """
    from .exchange import exchange_time, run_step  # noqa: PLC0415

    config.CourseDirectory.course_id = folder.course_id
    config.CourseDirectory.student_id = trainee
    facts: list[Fact] = []
    for listed in run_step(config, "List", inbound=True):
        exercise, submissions = str(listed["assignment_id"]), listed["submissions"]
        if listed["student_id"] != trainee or exercise not in exercises or not submissions:
            continue
        facts.append(Fact(FactKind.EXERCISE_SUBMITTED, exercise, exchange_time(submissions[0]["timestamp"])))
        if answered := [s for s in submissions if s["has_exchange_feedback"]]:
            facts.append(Fact(FactKind.FEEDBACK_RETURNED, exercise, exchange_time(answered[-1]["timestamp"])))
    listed_now = {f.item_id for f in facts if f.kind is FactKind.EXERCISE_SUBMITTED}
    for exercise in exercises:  # collected by the trainer (their own course folder) counts as submitted too
        collected = folder.root / "submitted" / trainee / exercise
        if exercise not in listed_now and collected.is_dir():
            facts.append(Fact(FactKind.EXERCISE_SUBMITTED, exercise, _mtime(collected)))
    return facts


def released_exercises(folder: CourseFolder, exercises: list[str]) -> list[str]:
    """Return which of these exercises the trainer has released (the exchange's list; the folder's outbound)."""
    from .exchange import course_config, is_folder_exchange, run_step  # noqa: PLC0415

    config = course_config(folder)
    if is_folder_exchange(config):  # the folder exchange: read its outbound folder, as before (no nbgrader step)
        outbound = folder.exchange_root / folder.course_id / "outbound"
        return [e for e in exercises if (outbound / e).is_dir()]
    config.CourseDirectory.course_id = folder.course_id
    listed = {str(a["assignment_id"]) for a in run_step(config, "List") if a["course_id"] == folder.course_id}
    return [e for e in exercises if e in listed]


def _folder_facts(folder: CourseFolder, trainee: str, exercises: list[str]) -> list[Fact]:
    """Read submitted and feedback-returned facts from the shared exchange folder (nbgrader's default exchange)."""
    facts: list[Fact] = []
    inbound = folder.exchange_root / folder.course_id / "inbound"
    for exercise in exercises:
        sent = sorted(inbound.glob(f"{trainee}+{exercise}+*")) if inbound.is_dir() else []
        collected = folder.root / "submitted" / trainee / exercise
        if sent or collected.is_dir():
            facts.append(Fact(FactKind.EXERCISE_SUBMITTED, exercise, _mtime(sent[0] if sent else collected)))
        if (when := _feedback_released(folder, trainee, exercise)) is not None:
            facts.append(Fact(FactKind.FEEDBACK_RETURNED, exercise, when))
    return facts


def _graded(folder: CourseFolder, trainee: str, exercises: list[str]) -> list[Fact]:
    """Read which exercises are graded: autograding has put their submission in the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry  # noqa: PLC0415

    from . import put_tools_on_path  # noqa: PLC0415

    put_tools_on_path()
    facts = []
    with Gradebook(folder.db_url) as gradebook:
        for exercise in exercises:
            try:
                submission = gradebook.find_submission(exercise, trainee)
            except MissingEntry:
                continue
            stamp = submission.timestamp or dt.datetime.now(dt.UTC)
            when = stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
            facts.append(Fact(FactKind.EXERCISE_GRADED, exercise, when.replace(microsecond=0)))
    return facts


def _feedback_released(folder: CourseFolder, trainee: str, exercise: str) -> dt.datetime | None:
    """Return when feedback on this trainee's exercise was released to the exchange (nbgrader release_feedback).

    nbgrader names a released page by a hash of the submission's secret and the notebook, so the
    generated feedback folder tells which page in the exchange is this trainee's.
    """
    from nbgrader.utils import notebook_hash  # noqa: PLC0415

    generated = folder.root / "feedback" / trainee / exercise
    released = folder.exchange_root / folder.course_id / "feedback"
    secret_file = generated / "submission_secret.txt"
    if not secret_file.is_file() or not released.is_dir():
        return None
    secret = secret_file.read_text(encoding="utf-8")
    for page in generated.glob("*.html"):
        out = released / f"{notebook_hash(secret=secret, notebook_id=page.stem)}.html"
        if out.is_file():
            return _mtime(out)
    return None


def score_cases(
    store: DraftStore, trainee: str, cases: Mapping[str, Case], directory: ServiceDirectory, case_ids: list[str]
) -> None:
    """Score the trainee's saved draft of each of these cases and record the score (kept if it improved)."""
    started = set(store.cases_with_drafts(trainee))
    for case_id in case_ids:
        if case_id not in started or case_id not in cases:
            continue
        draft = store.load(trainee, case_id)
        if draft is None:
            continue
        report = give_feedback(cases[case_id], directory, draft.diagnosis, draft.contract)
        store.progress.record(trainee, FactKind.CASE_SCORED, case_id, value=report.score.total)


@dataclass(frozen=True)
class Sources:
    """Where a trainee's progress is read from: the draft store, the catalog, the group's course folder or exchange."""

    store: DraftStore
    cases: Mapping[str, Case]
    directory: ServiceDirectory
    folder: CourseFolder | None = None
    lessons_without_self_check: frozenset[str] = frozenset()
    """Lessons that have no self-check: done when read."""
    course_id: str = ""
    """The group's course in the exchange when this server has no course folder (Kubernetes: ngshare)."""

    @property
    def has_exercises(self) -> bool:
        """Whether the trainee's exercises are served here: a course folder, or a course id in the exchange."""
        return self.folder is not None or bool(self.course_id)


def trainee_progress(sources: Sources, course: Course, trainee: str) -> CourseProgress:
    """Score the trainee's cases, gather every fact and return their progress through the course."""
    case_ids = [c for m in course.modules for c in m.cases]
    score_cases(sources.store, trainee, sources.cases, sources.directory, case_ids)
    facts = sources.store.progress.facts(trainee)
    released: list[str] | None = None
    if sources.folder is not None:
        facts += exercise_facts(sources.folder, trainee, course.exercise_ids)
        released = released_exercises(sources.folder, course.exercise_ids)
    elif sources.course_id:  # the trainee's own server, no course folder: ask the exchange as nbgrader's list does
        from .exchange import TraineeExchange  # noqa: PLC0415

        exchange = TraineeExchange(None, trainee, course_id=sources.course_id)
        facts += exchange.submission_facts(course.exercise_ids)
        released = exchange.released()
    return course_progress(
        course, facts, released=released, lessons_without_self_check=sources.lessons_without_self_check
    )
