"""Checks of a course manifest against the files it names: lessons, exercises and cases."""

from __future__ import annotations

import json
from collections.abc import Container, Mapping
from pathlib import Path

from ..domain.course import REFLECTIVE_EXERCISE, Course
from ..domain.integrity import Loc
from ..domain.self_check import SelfCheck
from .paths import project_root
from .problems import Problem, format_loc
from .yaml_source import YamlSource, read_yaml


def course_root(path: Path) -> Path:
    """Return the folder holding the course's ``notebooks/`` and ``exercises/``.

    A manifest in ``<root>/courses/`` uses its own root; elsewhere, the platform's.
    """
    candidate = path.resolve().parent.parent
    return candidate if (candidate / "exercises").is_dir() else project_root()


def lesson_notebook(root: Path, lesson_id: str) -> Path:
    """Return a lesson's notebook: ``notebooks/<id>.ipynb`` (the lesson id is the notebook's name)."""
    return root / "notebooks" / f"{lesson_id}.ipynb"


def self_check_root(path: Path) -> Path:
    """Return the folder holding the lessons of a self-check in ``<root>/courses/samosprawdzenia/``."""
    candidate = path.resolve().parent.parent.parent
    return candidate if (candidate / "notebooks").is_dir() else project_root()


def check_self_check_lesson(path: Path, self_check: SelfCheck, source: YamlSource | None = None) -> list[Problem]:
    """Return a problem when the lesson a self-check belongs to has no notebook."""
    if lesson_notebook(self_check_root(path), self_check.lesson).is_file():
        return []
    parsed = source if source is not None else read_yaml(path)
    line = parsed.line_of(("lesson",)) if isinstance(parsed, YamlSource) else None
    return [
        Problem(
            path,
            "lesson",
            f"lekcja {self_check.lesson!r}: nie ma pliku notebooks/{self_check.lesson}.ipynb",
            "nazwa notatnika lekcji z folderu notebooks/ (bez .ipynb)",
            line=line,
        )
    ]


def exercise_notebook(root: Path, exercise_id: str) -> Path:
    """Return the nbgrader source notebook of an exercise: ``exercises/<id>/<id>.ipynb``."""
    return root / "exercises" / exercise_id / f"{exercise_id}.ipynb"


REFLECTIVE = ""
"""What :func:`exercise_case_id` returns for an exercise graded by hand only (``szkola.kind: refleksja``)."""


def exercise_case_id(notebook: Path) -> str | None:
    """Return the case an exercise notebook is built on (its ``szkola.case_id`` metadata).

    A reflection-only exercise (supervision, coaching) has no case: :data:`REFLECTIVE`.
    """
    try:
        metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return None
    szkola = metadata.get("szkola", {})
    if szkola.get("kind") == REFLECTIVE_EXERCISE and "case_id" not in szkola:
        return REFLECTIVE
    case_id = szkola.get("case_id")
    return case_id if isinstance(case_id, str) else None


def check_course_references(
    path: Path,
    course: Course,
    case_ids: Container[str],
    source: YamlSource | None = None,
    *,
    self_checks: Mapping[str, SelfCheck] | None = None,
) -> list[Problem]:
    """Return one problem per lesson, exercise or case that the manifest names but does not exist.

    ``source`` is the manifest as the loader parsed it; without it the file is read again for line numbers.
    With ``self_checks`` loaded, a lesson without one is a warning: a trainee can read it but not check it.
    """
    root = course_root(path)
    parsed = source if source is not None else read_yaml(path)
    located = parsed if isinstance(parsed, YamlSource) else None
    problems: list[Problem] = []

    def missing(loc: Loc, found: str, expected: str) -> None:
        problems.append(Problem(path, format_loc(loc), found, expected, line=located.line_of(loc) if located else None))

    for m_index, module in enumerate(course.modules):
        for index, lesson in enumerate(module.lessons):
            if not lesson_notebook(root, lesson).is_file():
                missing(
                    ("modules", m_index, "lessons", index),
                    f"lekcja {lesson!r}: nie ma pliku notebooks/{lesson}.ipynb",
                    "nazwa notatnika z folderu notebooks/ (bez .ipynb)",
                )
            elif self_checks and lesson not in self_checks:
                loc: Loc = ("modules", m_index, "lessons", index)
                problems.append(
                    Problem(
                        path,
                        format_loc(loc),
                        f"lekcja {lesson!r} nie ma samosprawdzenia",
                        f"plik courses/samosprawdzenia/{lesson}.yaml (kind: self_check)",
                        line=located.line_of(loc) if located else None,
                        warning=True,
                    )
                )
        for index, exercise in enumerate(module.exercises):
            notebook = exercise_notebook(root, exercise)
            if not notebook.is_file():
                missing(
                    ("modules", m_index, "exercises", index),
                    f"ćwiczenie {exercise!r}: nie ma pliku exercises/{exercise}/{exercise}.ipynb",
                    "nazwa folderu ćwiczenia z exercises/",
                )
                continue
            case_id = exercise_case_id(notebook)
            if case_id is None or (case_id != REFLECTIVE and case_id not in case_ids):
                missing(
                    ("modules", m_index, "exercises", index),
                    f"ćwiczenie {exercise!r} opiera się na przypadku {case_id!r}, którego nie ma",
                    "w metadanych notatnika szkola.case_id istniejącego przypadku",
                )
        for index, case_id in enumerate(module.cases):
            if case_id not in case_ids:
                missing(
                    ("modules", m_index, "cases", index),
                    f"przypadek {case_id!r}: nie ma go w case_studies/",
                    "id przypadku (nazwa pliku z case_studies/ bez .yaml)",
                )
    return problems
