"""An exercise notebook as the dashboard sees it: its case, its reflection questions, its work cell.

The trainee never edits the notebook: the exercise dashboard writes the draft into
the work cell (``grade_id: praca``) and each reflection into its answer cell, so
what was built travels inside the submitted notebook to the autograder and the
formgrader.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import nbformat

from ..domain.course import REFLECTIVE_EXERCISE
from ..errors import ExerciseError
from . import CODE_STUB, TEXT_STUB, WORK_GRADE_ID, WORK_VARIABLE

REFLECTION_PREFIX = "refleksja"
QUESTION_PREFIX = "pytanie"
__all__ = ["CODE_STUB", "TEXT_STUB", "WORK_GRADE_ID", "WORK_VARIABLE", "ExerciseError"]


@dataclass(frozen=True)
class Reflection:
    """One reflection question and the answer cell the trainee fills in."""

    grade_id: str
    question: str
    points: float


@dataclass(frozen=True)
class ExerciseInfo:
    """What the dashboard shows about an exercise notebook."""

    title: str
    case_id: str
    parts: tuple[str, ...]
    reflections: tuple[Reflection, ...]
    document: str | None = None
    """The document task (``courses/dokumenty/<id>.yaml``) of a document exercise; None for a case's draft."""

    @property
    def reflective_only(self) -> bool:
        """True for an exercise graded by hand only (supervision, coaching): no case, no work, no tests."""
        return not self.case_id and not self.parts


def _nbgrader(cell: Any) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def exercise_info(nb: Any) -> ExerciseInfo:
    """Read title, case, graded parts and reflection questions; raise ExerciseError if one is missing.

    An exercise graded by hand only (``szkola.kind: refleksja``) has no case, no work cell and no tests.
    """
    meta = nb.get("metadata", {}).get("szkola", {})
    reflective = meta.get("kind") == REFLECTIVE_EXERCISE
    case_id, title = meta.get("case_id", "" if reflective else None), meta.get("title")
    if not isinstance(case_id, str) or not isinstance(title, str):
        raise ExerciseError("W metadanych notatnika brakuje szkola.case_id albo szkola.title.")
    questions: dict[str, str] = {}
    reflections: list[Reflection] = []
    parts: list[str] = []
    for cell in nb.cells:
        grade_id = str(_nbgrader(cell).get("grade_id", ""))
        if grade_id.startswith(QUESTION_PREFIX):
            # the notebook shows "**Refleksja 1.** question"; the dashboard numbers questions itself
            questions[grade_id.removeprefix(QUESTION_PREFIX)] = re.sub(r"^\*\*[^*]+\*\*\s*", "", cell.source.strip())
        elif grade_id.startswith(REFLECTION_PREFIX):
            question = questions.get(grade_id.removeprefix(REFLECTION_PREFIX), "")
            reflections.append(Reflection(grade_id, question, float(_nbgrader(cell).get("points", 0))))
        elif grade_id.startswith("test_"):
            parts.append(grade_id.removeprefix("test_"))
    has_work = any(_nbgrader(c).get("grade_id") == WORK_GRADE_ID for c in nb.cells)
    if reflective and (case_id or parts or has_work or not reflections):
        raise ExerciseError(
            "Ćwiczenie refleksyjne (szkola.kind: refleksja) ma tylko pytania i odpowiedzi do oceny ręcznej: "
            "bez przypadku, komórki pracy i testów."
        )
    if not reflective and not has_work:
        raise ExerciseError(f"Notatnik ćwiczenia nie ma komórki pracy (grade_id: {WORK_GRADE_ID}).")
    document = meta.get("document")
    if document is not None and not isinstance(document, str):
        raise ExerciseError("Pole szkola.document w metadanych notatnika musi być identyfikatorem ćwiczenia.")
    return ExerciseInfo(title, case_id, tuple(parts), tuple(reflections), document)


def markdown_literal(text: str) -> str:
    """Return ``text`` as Markdown that renders exactly as typed: no HTML, no formatting, no links."""
    escaped = html.escape(text.replace("\r\n", "\n"), quote=False)
    escaped = re.sub(r"([\\`*_{}\[\]()#+!|~:])", r"\\\1", escaped)  # ":" too: no bare-URL autolinks
    escaped = re.sub(r"(?m)^(\s*)([-=>])", r"\1\\\2", escaped)
    escaped = re.sub(r"(?m)^(\s*\d+)\.", r"\1\\.", escaped)
    paragraphs = [p.strip() for p in escaped.split("\n\n")]
    return "\n\n".join("  \n".join(line.rstrip() for line in p.splitlines()) for p in paragraphs if p)


def write_submission(nb: Any, work_json: str, answers: dict[str, str]) -> Any:
    """Put the draft and the reflections into the notebook's cells; return the notebook."""
    info = exercise_info(nb)
    unknown = set(answers) - {r.grade_id for r in info.reflections}
    if unknown:
        raise ExerciseError(f"Nieznane pola refleksji: {', '.join(sorted(unknown))}.")
    for cell in nb.cells:
        grade_id = _nbgrader(cell).get("grade_id")
        if grade_id == WORK_GRADE_ID:
            cell.source = f"{WORK_VARIABLE} = {work_json!r}"
        elif grade_id in answers:
            cell.source = markdown_literal(answers[grade_id]) or TEXT_STUB
    return nb


def read_notebook(path: Any) -> Any:
    """Read a notebook file (nbformat 4)."""
    return nbformat.read(path, as_version=4)
