"""``szkola grade autograde``: grade a group's submissions in parallel, exactly as nbgrader would."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import SzkolaError
from ..grading.autograde import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIME_LIMIT_S,
    Outcome,
    autograde_parallel,
    record_zero,
    submitted_students,
)
from ..grading.course_dir import CONFIG_FILE, course_db_url


def _describe(outcome: Outcome | None) -> str | None:
    return f"{outcome.student}: {outcome.message}" if outcome else None


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
    """Oceń automatycznie zebrane prace ASSIGNMENT (jak `nbgrader autograde`, ale równolegle)."""
    course_dir = course_dir.resolve()
    if not (course_dir / CONFIG_FILE).is_file():
        raise SzkolaError(f"{course_dir} nie jest katalogiem kursu (brak {CONFIG_FILE}); użyj --course-dir.")
    todo = list(students) or submitted_students(course_dir, assignment)
    if not todo:
        raise SzkolaError(
            f"Brak zebranych prac ćwiczenia {assignment!r} w {course_dir / 'submitted'}; "
            f"najpierw: nbgrader collect {assignment}"
        )
    db_url = course_db_url(course_dir)
    failed: list[Outcome] = []
    outcomes = autograde_parallel(course_dir, assignment, todo, jobs=jobs, time_limit_s=time_limit, memory_mb=memory)
    with click.progressbar(
        outcomes,
        length=len(todo),
        label=f"Ocenianie {assignment} ({jobs} naraz)",
        item_show_func=_describe,
        file=sys.stderr,
    ) as bar:
        for outcome in bar:
            if not outcome.ok:
                record_zero(db_url, assignment, outcome.student)
                failed.append(outcome)
    click.echo(f"Ocenione: {len(todo) - len(failed)} z {len(todo)}.")
    for outcome in failed:
        click.echo(f"  {outcome.student}: {outcome.message} – 0 pkt za część automatyczną.", err=True)
    if failed:
        raise SystemExit(1)
