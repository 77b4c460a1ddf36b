"""What autograding gave each trainee, read back from the gradebook for the trainer's terminal."""

from __future__ import annotations

from dataclasses import dataclass

from . import FLAGGED_PREFIX, WORK_GRADE_ID


@dataclass(frozen=True)
class GradedSubmission:
    """A trainee's automatic points on one exercise and what, if anything, was wrong with the file."""

    student: str
    points: float
    maximum: float
    problem: str | None
    """The Polish line naming what differs from the release (then the points are 0), else None."""


def graded_submissions(db_url: str, assignment: str, students: list[str]) -> list[GradedSubmission]:
    """Return the automatic points and flags of each graded trainee, in the order given."""
    from nbgrader.api import Gradebook, MissingEntry  # noqa: PLC0415

    found: list[GradedSubmission] = []
    with Gradebook(db_url) as gradebook:
        for student in students:
            try:
                submission = gradebook.find_submission(assignment, student)
            except MissingEntry:
                continue
            points = maximum = 0.0
            problem = None
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.cell.cell_type == "code":
                        points += float(grade.score or 0.0)
                        maximum += float(grade.max_score)
                for comment in notebook.comments:
                    text = comment.auto_comment or ""
                    if comment.cell.name == WORK_GRADE_ID and text.startswith(FLAGGED_PREFIX):
                        problem = text
            found.append(GradedSubmission(student, points, maximum, problem))
    return found
