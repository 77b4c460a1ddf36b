"""A submitted exercise notebook read as data: checked against the release, rebuilt from it.

A trainee never edits an exercise notebook: the dashboard writes two kinds of cells,
the work cell (``PRACA = '<JSON of the draft>'``) and the reflections (literal Markdown).
So a submission is trusted only where it can be what the dashboard wrote: every other
cell must be the released one, unchanged. Instead of repairing a tampered notebook cell
by cell, the graded notebook is **rebuilt from the release**, taking from the submission
only the work's JSON and the reflections' text. Nothing of a submission is ever executed;
what differs from the release is named in Polish problems that the grader turns into
0 points for the automatic parts and a flag for the trainer.
"""

from __future__ import annotations

import ast
import copy
import html
import re
from dataclasses import dataclass, field
from typing import Any

import nbformat

from . import CODE_STUB, MAX_REFLECTION_CHARS, MAX_WORK_CHARS, TEXT_STUB, WORK_VARIABLE
from .notebook import REFLECTION_PREFIX, WORK_GRADE_ID, markdown_literal

PROBLEMS_KEY = "szkola_ocena"
"""Notebook metadata written by the grader (never read from a submission): the problems found."""
UNREADABLE_KEY = "szkola_nieczytelny"
"""Metadata of the stand-in notebook for a file that is not a notebook (see :mod:`.intake`)."""
_MAX_ESCAPED = 5
"""How much longer escaping can make a text: "&" becomes "&amp;"."""
MAX_PROBLEMS = 8
"""Problems listed for one submission; a hand-made notebook can differ everywhere."""


@dataclass
class Intake:
    """What a submission contributes to its graded notebook, and what was wrong with it."""

    work: str = ""
    """The draft's JSON, or "" when no work was handed in."""
    reflections: dict[str, str] = field(default_factory=dict)
    """Reflection grade_id → the trainee's Markdown, made literal again."""
    problems: list[str] = field(default_factory=list)


def _grade_id(cell: Any) -> str:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return str(meta.get("grade_id", "")) if isinstance(meta, dict) else ""


def _flags(cell: Any) -> tuple[Any, ...]:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if not isinstance(meta, dict):
        return ()
    return tuple(meta.get(key) for key in ("grade", "solution", "locked", "task", "points"))


def _source(cell: Any) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _short(text: str, limit: int = 40) -> str:
    """Return a value to quote in a problem: one line, bounded, so hostile text cannot flood a report."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def read_work_cell(source: str) -> tuple[str | None, str | None]:
    """Return (work JSON, problem) of a work cell's source, parsed without running it.

    The dashboard writes exactly ``PRACA = <Python string literal>``; the release holds the
    stub. Anything else — another statement, a call, a second line — is a problem.
    """
    if source.strip() in ("", CODE_STUB):
        return "", None
    if len(source) > MAX_WORK_CHARS:
        return None, f"komórka pracy ma {len(source)} znaków (najwyżej {MAX_WORK_CHARS})"
    try:
        tree = ast.parse(source, mode="exec")
    except (SyntaxError, ValueError):
        return None, "komórka pracy nie jest zapisem pulpitu"
    statement = tree.body[0] if len(tree.body) == 1 else None
    if (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and statement.targets[0].id == WORK_VARIABLE
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
        and source == f"{WORK_VARIABLE} = {statement.value.value!r}"
    ):
        return statement.value.value, None
    return None, "komórka pracy zawiera kod zamiast zapisu pulpitu"


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+!|~:\-=>.])")


def plain_reflection(markdown: str) -> str:
    """Return the text a reflection's Markdown shows, undoing :func:`markdown_literal`."""
    text = markdown.replace("  \n", "\n")
    return html.unescape(_ESCAPED.sub(r"\1", text))


def literal_reflection(markdown: str) -> str:
    """Return a reflection as literal Markdown: what the dashboard writes for the same text.

    Applied to every reflection, so raw HTML, links or images typed into a hand-made
    notebook reach the formgrader and the feedback only as visible text.
    """
    if markdown.strip() in ("", TEXT_STUB):
        return TEXT_STUB
    return markdown_literal(plain_reflection(markdown)) or TEXT_STUB


def take_intake(submitted: Any, released: Any) -> Intake:
    """Compare a submission with its release; return its work, reflections and problems."""
    intake = Intake()
    if submitted.get("metadata", {}).get(UNREADABLE_KEY):
        intake.problems.append("oddany plik nie jest poprawnym notatnikiem (uszkodzony lub pusty)")
        return intake
    got, expected = list(submitted.get("cells", [])), list(released.cells)
    got_ids, expected_ids = [_grade_id(c) for c in got], [_grade_id(c) for c in expected]
    if got_ids != expected_ids:
        missing = [g for g in expected_ids if g not in got_ids]
        extra = len(got) - (len(expected) - len(missing))
        if missing:
            intake.problems.append("usunięto komórki: " + ", ".join(_short(g) for g in missing[:5]))
        if extra > 0:
            intake.problems.append(f"dodano komórki ({extra})")
        if not missing and extra <= 0:
            intake.problems.append("zmieniono kolejność komórek")
    by_id = {_grade_id(c): c for c in got if _grade_id(c)}
    for cell in expected:
        grade_id = _grade_id(cell)
        mine = by_id.get(grade_id)
        if mine is None:
            continue
        if mine.get("cell_type") != cell.cell_type or _flags(mine) != _flags(cell):
            intake.problems.append(f"zmieniono rodzaj lub punktację komórki {_short(grade_id)}")
            continue
        source = _source(mine)
        if grade_id == WORK_GRADE_ID:
            work, problem = read_work_cell(source)
            if problem:
                intake.problems.append(problem)
            intake.work = work or ""
        elif grade_id.startswith(REFLECTION_PREFIX) and cell.cell_type == "markdown":
            text = plain_reflection(source[: _MAX_ESCAPED * MAX_REFLECTION_CHARS])
            if len(text) > MAX_REFLECTION_CHARS:
                intake.problems.append(f"refleksja {_short(grade_id)} jest dłuższa niż pozwala pulpit")
                intake.reflections[grade_id] = markdown_literal(text[:MAX_REFLECTION_CHARS])
            else:
                intake.reflections[grade_id] = literal_reflection(source)
        elif source != cell.source:
            intake.problems.append(f"zmieniono komórkę {_short(grade_id)}")
    if submitted.get("metadata", {}).get("szkola") != released.metadata.get("szkola"):
        intake.problems.append("zmieniono metadane ćwiczenia")
    del intake.problems[MAX_PROBLEMS:]
    return intake


def rebuild(released: Any, intake: Intake) -> Any:
    """Return the release with the submission's work and reflections in their cells.

    The problems go into the notebook's metadata under :data:`PROBLEMS_KEY`, where the
    grading preprocessor reads them: the graded notebook is the only place they travel.
    """
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        grade_id = _grade_id(cell)
        if grade_id == WORK_GRADE_ID:
            cell.source = f"{WORK_VARIABLE} = {intake.work!r}" if intake.work else CODE_STUB
        elif grade_id in intake.reflections:
            cell.source = intake.reflections[grade_id]
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata[PROBLEMS_KEY] = {"problems": list(intake.problems)}
    return nb


def problems_of(nb: Any) -> list[str]:
    """Return the problems the intake recorded in a graded notebook (empty for a clean one)."""
    entry = nb.get("metadata", {}).get(PROBLEMS_KEY, {})
    problems = entry.get("problems", []) if isinstance(entry, dict) else []
    return [str(p) for p in problems]


def unreadable_stand_in() -> Any:
    """Return a notebook that stands for a submitted file that cannot be read as a notebook."""
    return nbformat.v4.new_notebook(metadata={UNREADABLE_KEY: True})
