"""Lessons as a trainee reads them: the markdown cells of ``notebooks/<lesson id>.ipynb``.

A lesson's id is its notebook's name; course manifests list lessons by that id
(``Module.lessons``) and self-checks name theirs with it (``SelfCheck.lesson``).
Only markdown cells are kept: a lesson is read, never run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..domain.base import ID_PATTERN
from ..domain.self_check import SelfCheck
from ..errors import DataError, LessonError
from .course_refs import lesson_notebook
from .loader import load_file
from .paths import project_root
from .problems import Problem

SELF_CHECK_FOLDER = ("courses", "samosprawdzenia")
"""Where a lesson's self-check lives under the platform's (or a course tree's) root."""

MAX_LESSON_BYTES = 2_000_000
"""A lesson is a few dozen kilobytes of text; a larger file is not a lesson."""


@dataclass(frozen=True)
class Lesson:
    """A lesson's id, title (its first ``#`` heading, else the id) and markdown cells in order."""

    id: str
    title: str
    cells: tuple[str, ...]


def read_lesson(lesson_id: str, root: Path | None = None) -> Lesson:
    """Read a lesson's markdown cells; raise LessonError with a Polish message when it cannot be read."""
    if not re.match(ID_PATTERN, lesson_id):
        raise LessonError(f"„{lesson_id}” nie jest identyfikatorem lekcji (nazwa notatnika bez .ipynb).")
    path = lesson_notebook(root or project_root(), lesson_id)
    try:
        if path.stat().st_size > MAX_LESSON_BYTES:
            raise LessonError(f"Lekcja {lesson_id} jest za duża, by ją wyświetlić ({path.name}).")
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LessonError(f"Nie ma lekcji {lesson_id} (brak pliku notebooks/{lesson_id}.ipynb).") from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise LessonError(f"Lekcji {lesson_id} nie da się odczytać: plik {path.name} nie jest notatnikiem.") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise LessonError(f"Lekcji {lesson_id} nie da się odczytać: plik {path.name} nie ma komórek.")
    texts = tuple(_source(cell) for cell in cells if isinstance(cell, dict) and cell.get("cell_type") == "markdown")
    title = next((line[2:].strip() for text in texts for line in text.splitlines() if line.startswith("# ")), lesson_id)
    return Lesson(id=lesson_id, title=title, cells=texts)


def _source(cell: dict[str, object]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(str(part) for part in source)
    return str(source)


def self_check_path(lesson_id: str, root: Path | None = None) -> Path:
    """Return where the self-check of a lesson is kept: ``courses/samosprawdzenia/<lesson id>.yaml``."""
    return (root or project_root()).joinpath(*SELF_CHECK_FOLDER, f"{lesson_id}.yaml")


def load_self_check(lesson_id: str, root: Path | None = None) -> SelfCheck | None:
    """Return a lesson's self-check, or None when it has none; raise DataError when its file is invalid.

    For callers that show one lesson without loading the whole catalog (which holds all of them
    in ``Catalog.self_checks`` when the bundled courses are loaded).
    """
    path = self_check_path(lesson_id, root)
    if not path.is_file():
        return None
    loaded = load_file(path)
    if isinstance(loaded, list):
        raise DataError(loaded)
    if not isinstance(loaded, SelfCheck):
        raise DataError([Problem(path, "kind", f"kind: {loaded.kind}", "kind: self_check")])
    if loaded.lesson != lesson_id:
        raise DataError([Problem(path, "lesson", f"lekcja {loaded.lesson!r}", f"lesson: {lesson_id} (nazwa pliku)")])
    return loaded
