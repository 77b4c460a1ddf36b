"""``szkola grade autograde``: grade a group's submissions as data, in parallel, through nbgrader."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import SzkolaError
from ..grading import prefer_fast_validation
from ..grading.autograde import DEFAULT_MEMORY_MB, DEFAULT_TIME_LIMIT_S, Outcome, autograde_parallel, record_zero
from ..grading.course_folder import CourseFolder
from ..grading.results import GradedSubmission


def _describe(outcome: Outcome | None) -> str | None:
    return f"{outcome.student}: {outcome.message}" if outcome else None


def _points(value: float) -> str:
    return f"{value:g}".replace(".", ",")


@click.group()
def grade() -> None:
    """Ocenianie ćwiczeń grupy."""


@grade.command("autograde")
@click.argument("assignment")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=2, show_default=True, help="Ile prac naraz.")
@click.option(
    "--course-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Katalog kursu (z nbgrader_config.py).",
)
@click.option("--student", "students", multiple=True, help="Oceń tylko tego uczestnika (można powtórzyć).")
@click.option(
    "--time-limit", type=float, default=DEFAULT_TIME_LIMIT_S, show_default=True, help="Limit czasu na jedną pracę [s]."
)
@click.option(
    "--memory", type=int, default=DEFAULT_MEMORY_MB, show_default=True, help="Limit pamięci na jedną pracę [MB]."
)
def autograde(  # noqa: PLR0917 (click passes each option positionally)
    assignment: str, jobs: int, course_dir: Path, students: tuple[str, ...], time_limit: float, memory: int
) -> None:
    """Oceń automatycznie zebrane prace ASSIGNMENT (jak `nbgrader autograde`, równolegle, bez uruchamiania kodu)."""
    prefer_fast_validation()  # before the course's config loads nbgrader
    folder = CourseFolder.open(course_dir)
    todo = list(students) or folder.submitted_students(assignment)
    if not todo:
        raise SzkolaError(
            f"Brak zebranych prac ćwiczenia {assignment!r} w {folder.root / 'submitted'}; "
            f"najpierw: nbgrader collect {assignment}"
        )
    failed: list[Outcome] = []
    results: list[GradedSubmission] = []
    outcomes = autograde_parallel(folder.root, assignment, todo, jobs=jobs, time_limit_s=time_limit, memory_mb=memory)
    with click.progressbar(
        outcomes,
        length=len(todo),
        label=f"Ocenianie {assignment} ({jobs} naraz)",
        item_show_func=_describe,
        file=sys.stderr,
    ) as bar:
        for outcome in bar:
            if not outcome.ok:
                record_zero(folder.db_url, assignment, outcome.student)
                failed.append(outcome)
            elif outcome.result is not None:
                results.append(outcome.result)
    results.sort(key=lambda r: todo.index(r.student))
    width = max(len(t) for t in todo)
    click.echo(f"Ocenione: {len(todo) - len(failed)} z {len(todo)}. Punkty za część automatyczną:")
    for result in results:
        flag = "  ← do sprawdzenia" if result.problem else ""
        click.echo(f"  {result.student:<{width}}  {_points(result.points)} / {_points(result.maximum)}{flag}")
    flagged = [r for r in results if r.problem]
    if flagged:
        click.echo(f"Prace do sprawdzenia przez trenera ({len(flagged)}): 0 pkt za część automatyczną, w formgraderze "
                   "oznaczone „wymaga oceny ręcznej”:", err=True)  # fmt: skip
        for result in flagged:
            click.echo(f"  {result.student}: {result.problem}", err=True)
    for outcome in failed:
        click.echo(f"  {outcome.student}: {outcome.message} – 0 pkt za część automatyczną.", err=True)
    if failed or flagged:
        raise SystemExit(1)
