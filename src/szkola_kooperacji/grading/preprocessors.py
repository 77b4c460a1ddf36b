"""nbgrader's autograde pipeline with the work graded as data: no cell of a submission is run.

A course's ``nbgrader_config.py`` (``course_dir.render_config``) puts these into
``Autograde``'s two phases, so ``nbgrader autograde``, the formgrader's autograde button
and ``szkola grade autograde`` all grade the same way:

- sanitizing: :class:`RebuildFromRelease` first — it compares the submission with the
  released notebook and replaces it by the release holding only the work's JSON and the
  reflections — then nbgrader's own steps (which now find nothing to repair);
- autograding: :class:`GradeWorkAsData` instead of nbgrader's ``Execute`` — it parses the
  work, scores each part with the domain scorer and writes the points and the Polish
  explanation as the test cell's outputs, exactly where nbgrader's ``SaveAutoGrades``
  reads partial credit — then :class:`FlagForTrainer` after it, which marks a tampered
  submission for the trainer and puts Polish comments in the gradebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from ..errors import WorkError
from . import FLAGGED_PREFIX, WORK_GRADE_ID
from .cells import grading_catalog, parse_work, score_part
from .notebook import exercise_info
from .submission import problems_of, read_work_cell, rebuild, take_intake
from .work_view import work_html, work_text

TEST_PREFIX = "test_"
MAX_FEEDBACK_LINES = 40
"""Lines of explanation per part: enough for every finding of a real draft, bounded for a hostile one."""
MAX_LINE_CHARS = 400
NO_RESPONSE = "Brak odpowiedzi."
"""Replaces nbgrader's English "No response." on a cell left as released."""


def _nbgrader_meta(cell: Any) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def flagged_message(problems: list[str]) -> str:
    """Return the Polish line a trainee and a trainer read when a submission differs from its release."""
    return f"{FLAGGED_PREFIX} (" + "; ".join(problems) + ")."


class RebuildFromRelease(NbGraderPreprocessor):
    """Replace a submission by its release holding only the work and the reflections (see ``submission``)."""

    def _release_path(self, resources: dict[str, Any]) -> Path:
        owner: Any = self
        while owner is not None and not hasattr(owner, "coursedir"):
            owner = getattr(owner, "parent", None)
        if owner is None:
            from nbgrader.coursedir import CourseDirectory  # noqa: PLC0415

            coursedir = CourseDirectory(config=self.config)
        else:
            coursedir = owner.coursedir
        info = resources["nbgrader"]
        folder = coursedir.format_path(coursedir.release_directory, ".", info["assignment"])
        return Path(folder) / f"{info['notebook']}.ipynb"

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Check the submission against the release and return the rebuilt notebook."""
        path = self._release_path(resources)
        if not path.is_file():
            from ..errors import SzkolaError  # noqa: PLC0415

            raise SzkolaError(
                f"Brak wydanej wersji ćwiczenia ({path}); uruchom najpierw: "
                f"nbgrader generate_assignment {resources['nbgrader']['assignment']}"
            )
        released = nbformat.read(path, as_version=4)
        intake = take_intake(nb, released)
        if intake.problems:
            self.log.warning("%s: %s", resources["nbgrader"]["student"], flagged_message(intake.problems))
        return rebuild(released, intake), resources


class GradeWorkAsData(NbGraderPreprocessor):
    """Score each test cell's part of the parsed work; write points and explanation as its outputs."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Grade every part of the notebook's work without running any cell."""
        problems = problems_of(nb)
        info = exercise_info(nb)
        if info.reflective_only:  # graded by hand only: nothing to score here
            return nb, resources
        case_id = info.case_id
        work_cell = next(c for c in nb.cells if _nbgrader_meta(c).get("grade_id") == WORK_GRADE_ID)
        work, _ = read_work_cell(work_cell.source)  # the rebuilt cell is always the dashboard's form
        work_cell.outputs = (
            self._document_outputs(work or "", case_id, info.document)
            if info.document
            else self._work_outputs(work or "", case_id)
        )
        for cell in nb.cells:
            meta = _nbgrader_meta(cell)
            grade_id = str(meta.get("grade_id", ""))
            if cell.cell_type != "code" or not meta.get("grade") or not grade_id.startswith(TEST_PREFIX):
                continue
            points = float(meta.get("points", 0))
            lines: tuple[str, ...]
            if problems:
                earned, lines = 0.0, (f"{flagged_message(problems)} Ta część otrzymuje 0 pkt.",)
            else:
                earned, lines = score_part(work, case_id, grade_id.removeprefix(TEST_PREFIX), points)
            cell.outputs = [
                nbformat.v4.new_output("stream", name="stdout", text=_bounded(lines)),
                nbformat.v4.new_output("execute_result", data={"text/plain": repr(earned)}, execution_count=1),
            ]
        return nb, resources

    @staticmethod
    def _document_outputs(work: str, case_id: str, task_id: str) -> list[Any]:
        from .documents import graded_document_view  # noqa: PLC0415

        text, view = graded_document_view(grading_catalog(), work, case_id, task_id)
        data = {"text/plain": text} if view is None else {"text/html": view, "text/plain": text}
        return [nbformat.v4.new_output("display_data", data=data)]

    @staticmethod
    def _work_outputs(work: str, case_id: str) -> list[Any]:
        try:
            draft = parse_work(work, case_id)
        except WorkError as problem:
            return [nbformat.v4.new_output("display_data", data={"text/plain": str(problem)})]
        catalog = grading_catalog()
        assert catalog.directory is not None  # a valid catalog always has its Lista
        view = work_html(draft, catalog.case(case_id), catalog.directory)
        return [nbformat.v4.new_output("display_data", data={"text/html": view, "text/plain": work_text(draft)})]


def _bounded(lines: tuple[str, ...]) -> str:
    kept = [line if len(line) <= MAX_LINE_CHARS else line[: MAX_LINE_CHARS - 1] + "…" for line in lines]
    if len(kept) > MAX_FEEDBACK_LINES:
        kept = [*kept[:MAX_FEEDBACK_LINES], f"… i {len(kept) - MAX_FEEDBACK_LINES} uwag więcej."]
    return "\n".join(kept) + "\n"


class FlagForTrainer(NbGraderPreprocessor):
    """After nbgrader saved the scores: flag a tampered submission and write comments in Polish.

    A flagged submission's automatic grades are marked "needs manual grade", which the
    formgrader and ``szkola report`` show, and the work cell's comment names what was changed.
    """

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Update the flags and comments of this submission in the gradebook."""
        info = resources["nbgrader"]
        problems = problems_of(nb)
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            for grade in notebook.grades:
                if grade.cell.cell_type == "code" and problems:
                    grade.needs_manual_grade = True
            for comment in notebook.comments:
                if comment.auto_comment == "No response.":
                    comment.auto_comment = NO_RESPONSE
                if comment.cell.name == WORK_GRADE_ID and problems:
                    comment.auto_comment = flagged_message(problems)
            gradebook.db.commit()
        return nb, resources
